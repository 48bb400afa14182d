"""The CI formats of `ddas-quality check --format github|sarif|gitlab`: exact output, valid output, private output.

Golden files: `tests/golden/ci.<format>` is what the command prints for a small generated delivery with a few
injected defects (`_golden_delivery`), checked in the folder where the file lies (so the file is named as a
user in CI names it: relative). Only the tool version is normalised (to `VERSIE`). After an intended change
of a CI format, regenerate the goldens and review the diff:

    DDAS_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_ci_formats.py -p no:cacheprovider -n0 -k golden

Each output is also parsed: GitHub's workflow-command grammar line by line, SARIF against the official
SARIF 2.1.0 JSON Schema (`tests/data/sarif-schema-2.1.0.json`, see `tests/data/README.md`), GitLab Code
Quality as JSON with the keys GitLab requires.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import BSN_A, IDENTIFIERS, base_delivery, identifying_values
from typer.testing import CliRunner

from ddas_quality import __version__
from ddas_quality.cli import app
from ddas_quality.pipeline import check_paths
from ddas_quality.reporters import github, gitlab, sarif
from ddas_quality.reporters.locations import find_offsets, parse_path, positions_in_text

GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
CI_FORMATS = ("github", "sarif", "gitlab")
GOLDEN_NAME = "SHV_2024_Golden.json"
# error (T01, P02, S01, C01), warning (D01) and info (S03): every level of every format
GOLDEN_DEFECTS = ("T01", "P02", "S01", "C01", "D01")

# ::error file=…,line=…,col=…,title=…::message — properties escaped, nothing unescaped that would break the line
ANNOTATION = re.compile(r"^::(error|warning|notice) (file=[^,:\r\n]+(?:,line=\d+,col=\d+)?,title=[^,:\r\n]+)"
                        r"::([^\r\n]*)$")


def run(args: list[str], cwd: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    outcome = CliRunner().invoke(app, args)
    return outcome.exit_code, outcome.stdout


@pytest.fixture(scope="module")
def golden_dir(tmp_path_factory) -> Path:
    """A folder with the generated golden delivery (the same bytes on every run: fixed seed)."""
    folder = tmp_path_factory.mktemp("golden")
    args = ["generate", "--trajecten", "20", "--seed", "5", "--output", str(folder / GOLDEN_NAME)]
    for code in GOLDEN_DEFECTS:
        args += ["--defect", code]
    outcome = CliRunner().invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    return folder


def normalised(text: str) -> str:
    return text.replace(__version__, "VERSIE")


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_golden_output(output_format: str, golden_dir: Path, monkeypatch) -> None:
    code, out = run(["check", GOLDEN_NAME, "--format", output_format], golden_dir, monkeypatch)
    assert code == 1                                     # errors: exit code as for every other format
    golden = GOLDEN / f"ci.{output_format}"
    if os.environ.get("DDAS_REGENERATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(normalised(out), encoding="utf-8")
    assert normalised(out) == golden.read_text(encoding="utf-8")


def test_golden_delivery_has_every_level(golden_dir: Path) -> None:
    """The goldens only prove the formats if the delivery gives errors, warnings and info."""
    findings = check_paths([golden_dir / GOLDEN_NAME]).findings
    assert {f.severity for f in findings} == {"error", "warning", "info"}
    assert set(GOLDEN_DEFECTS) <= {f.rule for f in findings}


# ------------------------------------------------------------------------------------------------ github
def test_github_lines_follow_the_workflow_command_grammar(golden_dir: Path, monkeypatch) -> None:
    _, out = run(["check", GOLDEN_NAME, "--format", "github"], golden_dir, monkeypatch)
    *annotations, summary = out.rstrip("\n").split("\n")
    parsed = [ANNOTATION.match(line) for line in annotations]
    assert all(parsed), [line for line, m in zip(annotations, parsed, strict=True) if not m]
    levels = [m.group(1) for m in parsed]
    order = {"error": 0, "warning": 1, "notice": 2}
    assert levels == sorted(levels, key=order.get) and set(levels) == {"error", "warning", "notice"}
    assert not summary.startswith("::") and "fouten" in summary and "Oordeel: eerst herstellen" in summary
    # a finding inside a traject has its line: the generator writes one traject per line
    lines = (golden_dir / GOLDEN_NAME).read_text(encoding="utf-8").split("\n")
    for match in parsed:
        props = dict(part.split("=", 1) for part in match.group(2).split(","))
        if "line" in props and props["title"].startswith("T01"):
            assert lines[int(props["line"]) - 1].lstrip().startswith('{"gemeentecode"')


def test_github_escaping() -> None:
    assert github.escape_data("100% klaar\r\nnieuwe regel") == "100%25 klaar%0D%0Anieuwe regel"
    assert github.escape_property("map,met:tekens%\n") == "map%2Cmet%3Atekens%25%0A"


def test_github_cap_and_summary(golden_dir: Path, monkeypatch) -> None:
    result = check_paths([golden_dir / GOLDEN_NAME])
    out = github.render(result, "error", limit=2).rstrip("\n").split("\n")
    assert len(out) == 3 and all(line.startswith("::error ") for line in out[:2])
    left = len(result.findings) - 2
    assert f"{left} bevindingen weggelaten (grens 2" in out[2] and "--format json" in out[2]
    monkeypatch.setenv(github.LIMIT_VARIABLE, "1")
    assert len(github.render(result).rstrip("\n").split("\n")) == 2


def test_github_bad_cap_is_exit_2(golden_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(github.LIMIT_VARIABLE, "veel")
    monkeypatch.chdir(golden_dir)
    outcome = CliRunner().invoke(app, ["check", GOLDEN_NAME, "--format", "github"])
    assert outcome.exit_code == 2 and "DDAS_QUALITY_ANNOTATIONS" in outcome.output and "Traceback" not in outcome.output


# ------------------------------------------------------------------------------------------------- sarif
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(document: dict) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in sarif_validator().iter_errors(document)]
    assert errors == []


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The schema check can fail: a result without a message is not SARIF."""
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "T01"}]}]}
    assert list(sarif_validator().iter_errors(broken))


def test_sarif_is_valid_and_complete(golden_dir: Path, monkeypatch) -> None:
    _, out = run(["check", GOLDEN_NAME, "--format", "sarif"], golden_dir, monkeypatch)
    log = json.loads(out)
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["version"] == __version__
    for result in run_["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        # no guessed web address: the whole rule is in the help, and offline via `ddas-quality rules CODE`
        assert "helpUri" not in rule
        assert f"`ddas-quality rules {result['ruleId']}`" in rule["help"]["markdown"]
        assert result["level"] in {"error", "warning", "note"}
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == GOLDEN_NAME
    t01 = next(r for r in run_["results"] if r["ruleId"] == "T01")
    assert t01["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
    assert t01["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("$.leveringen[0]")
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in run_["results"]]
    assert len(set(prints)) == len(prints)
    assert "Herstel" in rules[0]["help"]["text"]


def test_sarif_uri_is_percent_encoded() -> None:
    assert sarif.artifact_uri("leveringen 2024/SHV_2024_Één.json") == "leveringen%202024/SHV_2024_%C3%89%C3%A9n.json"


def test_sarif_cap_keeps_the_most_severe(golden_dir: Path) -> None:
    result = check_paths([golden_dir / GOLDEN_NAME])
    log = sarif.build(result, "error", max_results=3)
    assert_valid_sarif(log)
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error"] * 3
    assert "toolExecutionNotifications" in log["runs"][0]["invocations"][0]


def test_zip_member_points_at_the_zip(tmp_path, monkeypatch, write_delivery) -> None:
    import zipfile

    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"][0]["einddatum"] = "2023-01-01"   # T01 and more
    source = write_delivery(doc)
    with zipfile.ZipFile(tmp_path / "levering.zip", "w") as archive:
        archive.write(source, source.name)
    source.unlink()
    code, out = run(["check", "levering.zip", "--format", "sarif"], tmp_path, monkeypatch)
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "levering.zip"
        assert "region" not in location["physicalLocation"]          # no line inside a zip member


# ------------------------------------------------------------------------------------------------ gitlab
def test_gitlab_code_quality_report(golden_dir: Path, monkeypatch) -> None:
    _, out = run(["check", GOLDEN_NAME, "--format", "gitlab"], golden_dir, monkeypatch)
    issues = json.loads(out)
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == GOLDEN_NAME
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    prints = [issue["fingerprint"] for issue in issues]
    assert len(set(prints)) == len(prints)
    assert {issue["severity"] for issue in issues} == {"critical", "minor", "info"}


# ---------------------------------------------------------------------------------------- output, exits
@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_output_file_and_terminal_summary(output_format: str, golden_dir: Path, tmp_path, monkeypatch) -> None:
    target = tmp_path / "uit" / f"rapport.{output_format}"
    monkeypatch.chdir(golden_dir)
    outcome = CliRunner().invoke(app, ["check", GOLDEN_NAME, "--format", output_format, "--output", str(target)])
    assert outcome.exit_code == 1
    written = target.read_text(encoding="utf-8")
    assert "T01" in written
    assert "Eerst herstellen" in outcome.stderr and "Resultaat geschreven" in outcome.stderr
    assert outcome.stdout == ""


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_clean_delivery_exits_0(output_format: str, tmp_path, monkeypatch, write_delivery) -> None:
    source = write_delivery(base_delivery())
    code, out = run(["check", source.name, "--format", output_format], tmp_path, monkeypatch)
    assert code == 0
    if output_format == "sarif":
        assert_valid_sarif(json.loads(out))
    if output_format == "github":
        assert "Oordeel: klaar voor aanlevering" in out


def test_unknown_format_is_exit_2(tmp_path, monkeypatch, write_delivery) -> None:
    source = write_delivery(base_delivery())
    code, _ = run(["check", source.name, "--format", "sonar"], tmp_path, monkeypatch)
    assert code == 2


# --------------------------------------------------------------------------------------------- privacy
def test_ci_formats_leak_no_identifier(tmp_path, write_delivery) -> None:
    doc = base_delivery()
    trajecten = doc["leveringen"][0]["schuldhulptrajecten"]
    trajecten[2]["client"][0]["Burgerservicenummer"] = "999990001"          # C01: shown masked at most
    trajecten[1]["startdatum"] = "2024-05-01"                               # C07 with BSN_A
    trajecten[1]["aanmelding"]["startdatum"] = "2024-05-01"
    trajecten[3]["client"][1]["Postcode"] = 8899                            # S01 inside a client
    doc["leveringen"][0]["aanleverende_organisatie"]["contactpersonen"][0]["email"] = "ria@@vlieland"
    result = check_paths([write_delivery(doc)])
    output = "\n".join((github.render(result), sarif.render(result), gitlab.render(result)))
    assert "C01" in output and "C07" in output and "S01" in output
    values = identifying_values(doc) | set(IDENTIFIERS) | {"999990001", "ria@@vlieland", BSN_A}
    assert [value for value in values if value in output] == []


# ------------------------------------------------------------------------------------------- locations
def test_positions_of_json_paths() -> None:
    text = '{\n  "a": [\n    {"b": 1},\n    {"c": {"d": "x"}, "e": [1, 2]}\n  ],\n  "f g": true\n}\n'
    found = positions_in_text(text, ["$", "$.a[1].c.d", "$.a[1].e[1]", "$['f g']", "$.a[0].missing", "$.a[7]"])
    assert (found["$"].line, found["$"].column) == (1, 1)
    assert (found["$.a[1].c.d"].line, found["$.a[1].c.d"].column) == (4, 12)
    assert (found["$.a[1].e[1]"].line, found["$.a[1].e[1]"].column) == (4, 32)
    assert found["$['f g']"].line == 6
    assert (found["$.a[0].missing"].line, found["$.a[0].missing"].column) == (3, 5)   # nearest ancestor
    assert found["$.a[7]"].line == 2                                                   # the array's key


def test_positions_in_broken_json_do_not_raise() -> None:
    assert find_offsets('{"a": [1, 2', ["$.a[5]"]) == {"$.a[5]": 1}
    assert find_offsets("", ["$"]) == {}
    assert parse_path("niet een pad") is None
