"""The command line as a coordinator and a CI pipeline use it: verdicts, exit codes, formats."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import SAMPLE_DATA, base_delivery
from typer.testing import CliRunner

from ddas_quality.cli import app

runner = CliRunner()
CLEAN = SAMPLE_DATA / "SHV_2024_Zandvoort.json"
DEFECTS = SAMPLE_DATA / "SHV_2024_Voorbeeldgemeente_defecten.json"
SAMPLE = SAMPLE_DATA / "SHV_2024_Zandvoort.json"


def _cli(*args: str):
    return runner.invoke(app, list(args))


def test_clean_sample_exits_0_with_dutch_summary() -> None:
    result = _cli("check", str(CLEAN))
    assert result.exit_code == 0, result.output
    assert "Klaar voor aanlevering" in result.output and "0 fouten" in result.output


def test_defect_sample_exits_1_and_names_each_defect() -> None:
    manifest = json.loads((SAMPLE_DATA / "defecten.verwacht").read_text(encoding="utf-8"))
    result = _cli("check", str(DEFECTS), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    found = {(f["rule"], f["path"]) for f in report["findings"]}
    from ddas_quality.implemented import implemented_codes

    active = implemented_codes()
    expected = {(d["rule"], d["path"]) for d in manifest["defecten"] if d["rule"] in active}
    assert len(expected) >= 8
    assert expected <= found, expected - found
    text = _cli("check", str(DEFECTS)).output
    assert "Eerst herstellen" in text
    for rule, _ in expected:
        assert rule in text


@pytest.mark.slow
def test_missing_path_exits_2_in_dutch() -> None:
    completed = subprocess.run([sys.executable, "-m", "ddas_quality", "check", "bestaat-niet.json"],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2
    assert "niet gevonden" in completed.stderr and "Traceback" not in completed.stderr


def test_the_same_file_twice_exits_2_in_dutch(tmp_path) -> None:
    """Its trajecten would overlap with themselves (C08) or crash derive: the user is told to give it once."""
    (tmp_path / "SHV_2024_Kopie.json").write_bytes(CLEAN.read_bytes())
    twice = _cli("check", str(CLEAN), str(CLEAN.parent / "." / CLEAN.name))
    assert twice.exit_code == 2
    assert "twee keer in de invoer" in twice.output and "Traceback" not in twice.output
    in_map = _cli("check", str(tmp_path), str(tmp_path / "SHV_2024_Kopie.json"))
    assert in_map.exit_code == 2 and "Geef elk bestand één keer op" in in_map.output
    assert _cli("check", str(CLEAN), str(tmp_path / "SHV_2024_Kopie.json")).exit_code in (0, 1)   # a copy is no error


def test_bad_option_exits_2() -> None:
    assert _cli("check", str(CLEAN), "--format", "pdf").exit_code == 2
    assert _cli("check", str(CLEAN), "--fail-on", "alles").exit_code == 2
    assert _cli("check", str(CLEAN), "--schema-version", "7.3").exit_code == 2


def test_an_unknown_schema_version_lists_the_versions_per_domain_in_order() -> None:
    unknown = _cli("check", str(CLEAN), "--schema-version", "3.0")
    assert unknown.exit_code == 2 and "SHV 0.9, 0.10, 1.0; VS 0.9, 1.0, 1.1, 1.2" in unknown.output
    only_vs = _cli("check", str(CLEAN), "--domain", "vs", "--schema-version", "0.10")
    assert only_vs.exit_code == 2 and "Bekend: VS 0.9, 1.0, 1.1, 1.2." in only_vs.output


def test_json_output_follows_the_shipped_contract(tmp_path) -> None:
    from importlib import resources

    schema = json.loads(resources.files("ddas_quality").joinpath("data/output-schema.json").read_text("utf-8"))
    out = tmp_path / "resultaat.json"
    result = _cli("check", str(DEFECTS), str(CLEAN), "--format", "json", "--output", str(out))
    assert result.exit_code == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(report)
    assert [f["file"] for f in report["files"]] == [DEFECTS.name, CLEAN.name] or len(report["files"]) == 2
    assert report["summary"]["passed"] is False and report["summary"]["error"] >= 8
    clean = next(f for f in report["files"] if f["file"].endswith("Zandvoort.json"))
    assert clean["domain"] == "SHV" and clean["schema_version"] == "1.0" and clean["counts"]["trajecten"] > 0


def test_fail_on_warning(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"][0]["client"][0]["Burgerservicenummer"] = "999990001"
    path = write_delivery(doc)
    assert _cli("check", str(path)).exit_code == 1
    assert _cli("check", str(path), "--ignore", "C01").exit_code == 0


def test_select_and_ignore_longest_match_wins(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"][0]["einddatum"] = "2024-01-05"   # T01
    path = write_delivery(doc)
    report = json.loads(_cli("check", str(path), "--format", "json", "--ignore", "T", "--select", "T01").stdout)
    assert {f["rule"] for f in report["findings"]} == {"T01"}


def test_junit_output(tmp_path) -> None:
    out = tmp_path / "junit.xml"
    assert _cli("check", str(DEFECTS), "--format", "junit", "--output", str(out)).exit_code == 1
    root = ET.parse(out).getroot()
    assert int(root.get("failures")) >= 1
    names = [case.get("name") for case in root.iter("testcase")]
    assert any(name.startswith("P02") for name in names)


def test_html_report(tmp_path) -> None:
    out = tmp_path / "rapport"
    assert _cli("check", str(DEFECTS), "--format", "html", "--output", str(out)).exit_code == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Eerst herstellen" in index and "bestand-1.html" in index
    file_page = (out / "bestand-1.html").read_text(encoding="utf-8")
    assert "P02" in file_page and "Voorproefje van het op-orde-rapport" in file_page
    pages = list((out / "data-docs").glob("*.html"))
    assert pages, "GX data docs missing"
    for page in [out / "index.html", out / "bestand-1.html", *pages]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html), page.name
        assert not re.search(r"url\(\s*[\"']?(https?:)?//", html), page.name
        assert not re.search(r"<script[^>]*\bsrc", html) and "amazonaws" not in html
        assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_html_report_counts_in_singular_and_plural(tmp_path) -> None:
    # "1 meldingen" read as a mistake: one of each is singular
    out = tmp_path / "rapport"
    _cli("check", str(SAMPLE), "--format", "html", "--output", str(out))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 bestand gecontroleerd: 0 fouten, 0 waarschuwingen, 1 melding." in index


def test_a_wall_of_c01_errors_suggests_the_anonymized_profile(tmp_path) -> None:
    # pseudonyms in the BSN field, checked with the standard profile: every client fails the elfproef
    folder = tmp_path / "set"
    made = _cli("generate", "--landelijk", "--max-bestanden", "1", "--per-1000", "0.2", "--output", str(folder))
    assert made.exit_code == 0, made.output
    (delivery,) = folder.glob("*.json")
    tip = "Controleer dan met --profile geanonimiseerd"
    assert tip in " ".join(_cli("check", str(delivery)).output.split())
    assert tip not in " ".join(_cli("check", str(delivery), "--profile", "geanonimiseerd").output.split())
    assert tip not in " ".join(_cli("check", str(SAMPLE)).output.split())


def test_in_a_log_or_pipe_each_finding_stays_one_line() -> None:
    # rich broke lines at 80 columns when the output was no terminal: path and message ran into each other
    lines = _cli("check", str(DEFECTS)).output.splitlines()
    (c01,) = [line for line in lines if "Het BSN ******" in line]
    assert c01.lstrip().startswith("$.leveringen[0].schuldhulptrajecten[") and c01.endswith("voorloopnul).")


def test_rules_command_lists_catalogue_and_one_rule() -> None:
    listing = _cli("rules")
    assert listing.exit_code == 0 and "P02" in listing.output and "V01" in listing.output
    assert "nog niet gebouwd" not in listing.output, "every rule in the catalogue is implemented"
    page = _cli("rules", "p02")
    assert page.exit_code == 0 and "Hoe herstellen" in page.output and "actief" in page.output
    assert _cli("rules", "X99").exit_code == 2


@pytest.mark.slow
def test_help_is_fast_and_does_not_import_gx_or_pandas() -> None:
    code = (
        "import sys; from ddas_quality.cli import app; "
        "print('pandas' in sys.modules, 'great_expectations' in sys.modules)"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.stdout.split() == ["False", "False"]


def test_levering_without_trajecten_is_checked_not_crashed(write_delivery) -> None:
    """An empty export is a normal input: every stage copes with frames that have no rows."""
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    result = _cli("check", str(write_delivery(doc)), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["files"][0]["counts"]["trajecten"] == 0
    assert "Interne fout" not in result.output


def test_generate_writes_a_delivery_and_the_findings_a_check_must_give(tmp_path) -> None:
    """A supplier's CI: generate a file with a known defect, check it, compare with the manifest."""
    delivery, manifest_path = tmp_path / "SHV_2024_Test.json", tmp_path / "verwacht.json"
    made = _cli("generate", "--trajecten", "40", "--seed", "3", "--defect", "P02", "--output", str(delivery),
                "--verwacht", str(manifest_path))
    assert made.exit_code == 0, made.output
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["bestand"] == delivery.name and manifest["defecten"][0]["rule"] == "P02"
    checked = _cli("check", str(delivery), "--format", "json")
    assert checked.exit_code == 1
    found = {(f["rule"], f["path"]) for f in json.loads(checked.stdout)["findings"] if f["severity"] != "info"}
    assert found == {(d["rule"], d["path"]) for d in manifest["defecten"]}


def test_generate_refuses_a_defect_it_cannot_make(tmp_path) -> None:
    result = _cli("generate", "--defect", "X99", "--output", str(tmp_path / "SHV_2024_X.json"))
    assert result.exit_code == 2 and "X99" in result.output and not (tmp_path / "SHV_2024_X.json").exists()
