"""The Python API (`from ddas_quality import check`): the same findings as the command line, for every kind of
source; typed, quiet, predictable; unusable input is a documented exception with a Dutch message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BSN_INVALID, ROOT, identifying_values, traject
from typer.testing import CliRunner

import ddas_quality
from ddas_quality import CheckResult, ConfigError, FileResult, InputError, check
from ddas_quality.cli import app

NAME = "SHV_2024_Vlieland.json"
BSN_RULE = "C01"   # bsn-elfproef


@pytest.fixture
def defective(delivery) -> dict:
    """The base delivery with two mistakes: a BSN that fails the 11-test (C) and intake before aanmelding (P02)."""
    traject(delivery, 3)["client"][0]["Burgerservicenummer"] = BSN_INVALID
    traject(delivery, 0)["intake"]["startdatum"] = "2024-01-05"
    return delivery


def _rules(result: CheckResult) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.severity, f.path) for f in result.findings]


def test_a_path_gives_the_same_result_as_the_command_line_json(defective, write_delivery, tmp_path,
                                                                monkeypatch) -> None:
    path = write_delivery(defective)
    monkeypatch.chdir(tmp_path)   # no config file around, for either
    cli = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    expected = json.loads(cli.stdout)

    result = check(path)

    assert cli.exit_code == 1 and not result.passed
    assert result.to_dict() == expected
    assert dict(result.counts) == {k: expected["summary"][k] for k in ("error", "warning", "info")}
    assert [f.to_dict() for f in result.findings] == expected["findings"]
    assert "P02" in {f.rule for f in result.findings}
    assert result.files == (FileResult(str(path), "SHV", "1.0", expected["files"][0]["sha256"],
                                       expected["files"][0]["counts"]),)


def test_dict_bytes_directory_and_zip_find_the_same(defective, write_delivery, tmp_path) -> None:
    path = write_delivery(defective)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / NAME).write_bytes(path.read_bytes())
    archive = tmp_path / "levering.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(path, NAME)

    from_path = _rules(check(path))
    assert from_path, "the defective delivery must give findings"
    assert _rules(check(defective, name=NAME)) == from_path
    assert _rules(check(path.read_bytes(), name=NAME)) == from_path
    assert _rules(check(bytearray(path.read_bytes()), name=NAME)) == from_path
    assert _rules(check(folder)) == from_path
    assert {f.file for f in check(folder).findings} == {f"{folder}/{NAME}"}
    zipped = check(archive)
    assert _rules(zipped) == from_path
    assert {f.file for f in zipped.findings} == {f"{archive}!{NAME}"}


def test_a_document_without_a_name_is_not_held_to_the_file_name_rules(delivery) -> None:
    result = check(delivery)

    assert result.passed, _rules(result)
    assert {f.file for f in result.findings} <= {"levering.json"}
    assert "F01" not in {f.rule for f in result.findings}
    assert "F01" in {f.rule for f in check(delivery, name="export.json").findings}


def test_several_paths_are_checked_together_and_progress_reports_each(delivery, defective, tmp_path) -> None:
    first, second = tmp_path / "SHV_2024_Vlieland.json", tmp_path / "SHV_2024_Vlieland_deel2.json"
    first.write_text(json.dumps(delivery), encoding="utf-8")
    second.write_text(json.dumps(defective), encoding="utf-8")
    seen = []

    result = check([first, str(second)], progress=seen.append)

    assert [f.name for f in result.files] == [str(first), str(second)]
    assert [report.file for report in seen] == [str(first), str(second)]
    assert not result.passed
    assert str(second) in {f.file for f in result.findings if f.rule == "P02"}


def test_options_select_ignore_fail_on_and_profile(defective) -> None:
    everything = check(defective, name=NAME)
    only_p = check(defective, name=NAME, select="P")
    warning_only = check(defective, name=NAME, ignore=["P02", "C"], fail_on="warning")

    assert {f.rule[0] for f in only_p.findings} == {"P"}
    assert "P02" not in {f.rule for f in warning_only.findings}
    assert warning_only.fail_on == "warning"
    assert warning_only.passed == (warning_only.counts["error"] + warning_only.counts["warning"] == 0)
    # the 11-test on BSNs is off for files with pseudonyms
    assert BSN_RULE in {f.rule for f in everything.findings}
    assert BSN_RULE not in {f.rule for f in check(defective, name=NAME, profile="geanonimiseerd").findings}


def test_a_config_file_is_read_only_when_given(defective, tmp_path, monkeypatch) -> None:
    config = tmp_path / "ddas-quality.toml"
    config.write_text('ignore = ["P02"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)   # where the command line would find it

    assert "P02" in {f.rule for f in check(defective, name=NAME).findings}
    assert "P02" not in {f.rule for f in check(defective, name=NAME, config=config).findings}
    # a keyword beats the file, like a flag on the command line
    assert "P02" in {f.rule for f in check(defective, name=NAME, config=config, ignore="C").findings}


def test_op_orde_figures_of_both_domains(delivery) -> None:
    from ddas_quality.domains import get_domain

    shv = check(delivery, name=NAME).figures["SHV"]
    assert shv["totaal"]["trajecten"] == 4
    assert [row["gemeentecode"] for row in shv["per_gemeente"]] == ["0096"]

    generator = get_domain("VS").stage("generator")
    signals = generator.generate(12, seed=3, year=2024, half=None, gemeentecodes=None, defects=[]).document
    vs = check(signals, name="VS_2024_Voorbeeldstad.json")
    assert vs.passed, _rules(vs)
    assert vs.figures["VS"]["signalen"] == 12 and "SHV" not in vs.figures
    json.dumps(vs.figures)   # plain values, ready for JSON


def test_broken_content_is_a_finding_not_an_exception() -> None:
    assert "F05" in {f.rule for f in check(b'{"leveringen": [', name=NAME).findings}
    assert "F05" in {f.rule for f in check(b"").findings}
    as_list = check([{"leveringen": []}])          # a document that is a list, not an object
    assert not as_list.passed and "S01" in {f.rule for f in as_list.findings}


def test_unusable_input_raises_a_documented_exception_in_dutch(tmp_path) -> None:
    cases = [
        (InputError, lambda: check(tmp_path / "SHV_2024_Nergens.json"), "niet gevonden"),
        (InputError, lambda: check([]), "minstens één"),
        (InputError, lambda: check(42), "kan geen int controleren"),
        (InputError, lambda: check({"peildatum": object()}), "geen JSON-document"),
        (ConfigError, lambda: check(tmp_path, select=["X99"]), "Onbekende regelcode"),
        (ConfigError, lambda: check(tmp_path, select=""), "select is leeg"),     # not "every rule"
        (ConfigError, lambda: check(tmp_path, ignore=""), "ignore is leeg"),
        (ConfigError, lambda: check(tmp_path, fail_on="alles"), "fail_on"),
        (ConfigError, lambda: check(tmp_path, domain="wmo"), "Onbekend domein"),
        (ConfigError, lambda: check(tmp_path, schema_version="9.9"), "schema_version"),
        (ConfigError, lambda: check(tmp_path, config=tmp_path / "geen.toml"), "niet gevonden"),
        (ConfigError, lambda: check(tmp_path / "a.json", name="x.json"), "name="),
    ]
    for error, call, words in cases:
        with pytest.raises(error) as raised:
            call()
        assert words in str(raised.value)
    assert ddas_quality.InputError is InputError and issubclass(ConfigError, Exception)
    assert check(b"{}", name=NAME, ignore=[]).files   # an empty list: nothing ignored


def test_nothing_is_printed(defective, capsys) -> None:
    check(defective, name=NAME)
    with pytest.raises(InputError):
        check("bestaat-niet.json")

    assert capsys.readouterr() == ("", "")


def test_no_identifier_in_the_result_or_an_exception(defective) -> None:
    secrets = identifying_values(defective)
    result = check(defective, name=NAME)
    shown = [repr(result), json.dumps(result.to_dict(), ensure_ascii=False),
             json.dumps(result.figures, ensure_ascii=False), *(repr(f) for f in result.findings)]
    bad = {**defective, "leveringen": [{**defective["leveringen"][0], "bijlage": {BSN_INVALID: {1, 2}}}]}
    with pytest.raises(InputError) as raised:
        check(bad)
    shown.append(str(raised.value))

    for text in shown:
        assert not [secret for secret in secrets | {BSN_INVALID} if secret in text], text


def test_the_result_is_frozen_and_typed() -> None:
    assert (Path(ddas_quality.__file__).parent / "py.typed").is_file()
    result = check(b"{}", name=NAME)
    with pytest.raises(AttributeError):
        result.passed = True  # type: ignore[misc]
    assert isinstance(result.findings, tuple) and isinstance(result.files, tuple)
    assert result.run.findings == list(result.findings)   # the pipeline's own result, for the reporters


def test_importing_the_package_stays_light_and_check_stays_the_function() -> None:
    code = (
        "import sys, ddas_quality\n"
        "assert 'ddas_quality.api' not in sys.modules and 'pandas' not in sys.modules\n"
        "from ddas_quality import check\n"
        "from ddas_quality.suite_runner import run_suites\n"   # the suite runner's module, as the pipeline imports it
        "assert ddas_quality.check is check and callable(check)\n"
        "print(check.__module__)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ddas_quality.api", done.stderr


@pytest.mark.slow
def test_the_supplier_example_passes_as_a_supplier_runs_it(tmp_path) -> None:
    """examples/test_leverancier_export.py is documentation that must keep working: run it with pytest."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         str(ROOT / "examples" / "test_leverancier_export.py")],
        capture_output=True, text=True, cwd=tmp_path, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout
