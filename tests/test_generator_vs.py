"""The VS generator, with the real check as oracle: clean files give no findings, defects exactly theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.domains.common.synthetic import TEST_BSN_RANGE, write_delivery
from ddas_quality.domains.vs.generator import SUPPORTED_VS_DEFECTS, generate_vs_delivery
from ddas_quality.pipeline import check_paths


def _findings(delivery, folder: Path, name: str) -> list[tuple[str, str]]:
    path = folder / f"VS_2025_{name}.json"
    write_delivery(delivery.document, path)
    result = check_paths([path])
    assert result.files[0].counts["vroegsignalen"] == len(delivery.document["leveringen"][0]["vroegsignalen"])
    return sorted((f.rule, f.path) for f in result.findings if f.rule != "S03")


def _expected(delivery) -> list[tuple[str, str]]:
    return sorted((d.rule, d.path) for d in delivery.defects)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), signalen=st.integers(1, 400), half=st.sampled_from([None, 1, 2]))
def test_a_clean_generated_vs_file_passes_every_rule(tmp_path, seed, signalen, half):
    delivery = generate_vs_delivery(signalen=signalen, seed=seed, half=half)
    assert _findings(delivery, tmp_path, f"Schoon{seed}") == []


@pytest.mark.parametrize("code", SUPPORTED_VS_DEFECTS)
def test_each_vs_defect_alone_gives_exactly_its_finding(tmp_path, code):
    delivery = generate_vs_delivery(signalen=150, seed=21, defects=[code])
    assert [d.rule for d in delivery.defects] == [code]
    assert _findings(delivery, tmp_path, code) == _expected(delivery)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), signalen=st.integers(60, 300),
       codes=st.sets(st.sampled_from(SUPPORTED_VS_DEFECTS), min_size=1, max_size=6))
def test_any_set_of_vs_defects_gives_exactly_the_recorded_findings(tmp_path, seed, signalen, codes):
    if {"V01", "V10"} <= codes:
        with pytest.raises(ValueError, match="V01 en V10"):
            generate_vs_delivery(signalen=signalen, seed=seed, defects=sorted(codes))
        return
    delivery = generate_vs_delivery(signalen=signalen, seed=seed, defects=sorted(codes))
    assert _findings(delivery, tmp_path, f"Mix{seed}") == _expected(delivery)


def test_vs_generation_is_deterministic_and_uses_only_test_bsns():
    one = generate_vs_delivery(signalen=300, seed=4)
    assert one.document == generate_vs_delivery(signalen=300, seed=4).document
    assert one.document != generate_vs_delivery(signalen=300, seed=5).document
    low, high = TEST_BSN_RANGE
    bsns = [s["client"]["Burgerservicenummer"] for s in one.document["leveringen"][0]["vroegsignalen"]
            if "Burgerservicenummer" in s["client"]]
    assert bsns and all(low <= int(b) <= high for b in bsns)


def test_the_command_writes_a_vs_file_and_what_a_check_must_find(tmp_path):
    output, manifest = tmp_path / "VS_2025_Proef.json", tmp_path / "verwacht.json"
    result = CliRunner().invoke(app, ["generate", "--domain", "vs", "--signalen", "120", "--periode", "2025",
                                      "--defect", "V06,V09", "--output", str(output), "--verwacht", str(manifest)])
    assert result.exit_code == 0, result.output
    expected = json.loads(manifest.read_text(encoding="utf-8"))
    assert expected["signalen"] == 120 and [d["rule"] for d in expected["defecten"]] == ["V06", "V09"]
    found = sorted((f.rule, f.path) for f in check_paths([output]).findings if f.rule != "S03")
    assert found == sorted((d["rule"], d["path"]) for d in expected["defecten"])


def test_the_command_refuses_an_shv_code_for_vs_in_dutch(tmp_path):
    result = CliRunner().invoke(app, ["generate", "--domain", "vs", "--defect", "P02",
                                      "--output", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "P02" in result.output and "V01" in result.output
