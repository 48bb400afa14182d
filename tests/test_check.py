"""The GX suites: every expectation in a file is loaded and run, config errors are loud, codes match the catalogue."""

from __future__ import annotations

import json
from importlib import import_module

import pandas as pd
import pytest

from ddas_quality.catalogue import CATALOGUE
from ddas_quality.implemented import PRE_GX_CODES, implemented_codes
from ddas_quality.suite_runner import run_suites
from ddas_quality.suites import SuiteError, SuiteFile, load_suite_files

# The suite-running module (`ddas_quality.check` is the Python API function, ddas_quality/api.py).
suite_runner = import_module("ddas_quality.suite_runner")


def test_every_suite_expectation_is_loaded_and_run(delivery, write_delivery) -> None:
    """GX drops unknown expectation types silently: compare file against what GX ran, per suite."""
    from ddas_quality.pipeline import check_paths

    result = check_paths([write_delivery(delivery)])
    ran = {r.suite_name: len(r.results) for r in result.validation_results}
    in_files = {suite.name: len(suite.expectations) for suite in load_suite_files("SHV")}
    assert ran == in_files


def test_unknown_expectation_type_is_an_error(monkeypatch, tmp_path) -> None:
    config = {"name": "shv.kapot", "meta": {"frame": "trajecten"}, "expectations": [
        {"type": "expect_column_values_to_be_nonexistent", "kwargs": {"column": "path"},
         "meta": {"rule": "T01", "message": "x"}}]}
    broken = SuiteFile("shv.kapot", "trajecten", tmp_path / "shv.kapot.json", config)
    monkeypatch.setattr(suite_runner, "load_suite_files", lambda domain: [broken])
    frames = {"trajecten": pd.DataFrame({"file": ["a"], "path": ["$"]})}
    with pytest.raises(SuiteError, match="expect_column_values_to_be_nonexistent"):
        run_suites(frames, "SHV", {})


def test_missing_column_is_an_error_not_a_finding(monkeypatch, tmp_path) -> None:
    config = {"name": "shv.kolom", "meta": {"frame": "trajecten"}, "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "bestaat_niet"},
         "meta": {"rule": "T01", "message": "x"}}]}
    suite = SuiteFile("shv.kolom", "trajecten", tmp_path / "shv.kolom.json", config)
    monkeypatch.setattr(suite_runner, "load_suite_files", lambda domain: [suite])
    frames = {"trajecten": pd.DataFrame({"file": ["a"], "path": ["$"]})}
    with pytest.raises(SuiteError, match="bestaat_niet"):
        run_suites(frames, "SHV", {})


def test_suite_codes_are_in_the_catalogue_and_carry_messages() -> None:
    for suite in load_suite_files("SHV"):
        for expectation in suite.expectations:
            meta = expectation["meta"]
            assert meta["rule"] in CATALOGUE, (suite.name, meta["rule"])
            assert meta["message"].strip()
            assert expectation.get("description", "").startswith(meta["rule"])
            if "severity" in meta:
                rule = CATALOGUE[meta["rule"]]
                assert meta["severity"] in (rule.severity, *rule.other_severities)


def test_suites_are_valid_json_with_a_frame(tmp_path) -> None:
    from ddas_quality.resources import resource_dir

    for path in resource_dir("expectations").glob("*.json"):
        config = json.loads(path.read_text(encoding="utf-8"))
        assert config["name"] == path.stem
        assert config["meta"]["frame"]


def test_pre_gx_codes_exist_in_catalogue() -> None:
    assert set(PRE_GX_CODES) <= set(CATALOGUE)


FOUNDATION_CODES = {"F01", "F02", "F03", "F04", "F05", "S01", "S02", "S03", "P01", "P02", "T01", "T02", "T03",
                    "C01", "C07", "A01"}


def test_foundation_rules_are_implemented() -> None:
    assert set(implemented_codes()) >= FOUNDATION_CODES
