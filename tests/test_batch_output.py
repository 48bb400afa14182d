"""`check` over many files: one line per file, the cross-file findings, the totals; `--details` lists every
finding as before; one file keeps the full output; the progress bar only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from conftest import identifying_values
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.cli.progress import wanted
from ddas_quality.domains import get_domain
from ddas_quality.domains.common.synthetic import write_delivery

# (file name, domain, size, seed, gemeentecodes, defects)
BATCH = (
    ("SHV_2024_Haarlem.json", "SHV", 60, 1, ["0392"], []),
    ("SHV_2024_Schoon.json", "SHV", 60, 11, None, []),      # a gemeente its size fits: no finding at all
    ("SHV_2024_Amsterdam.json", "SHV", 40, 2, ["0363"], ["P02", "C07"]),
    ("SHV_2024_Organisatie.json", "SHV", 30, 3, None, ["T01"]),
    ("VS_2025_Proef.json", "VS", 50, 3, None, ["V04"]),
)
BROKEN = "SHV_2024_Kapot.json"
VERDICT = re.compile(r"^[✔✘] ")


def make_batch(folder: Path, *, broken: bool = True) -> Path:
    """Four generated deliveries (three with defects, SHV and VS) and, optionally, one cut-off file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, domain, size, seed, codes, defects in BATCH:
        generator = get_domain(domain).stage("generator")
        year = 2025 if domain == "VS" else 2024
        delivery = generator.generate(size, seed=seed, year=year, half=None, gemeentecodes=codes, defects=defects)
        write_delivery(delivery.document, folder / name)
    if broken:
        (folder / BROKEN).write_text('{"leveringen": [', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("batch") / "levering")


@pytest.fixture(scope="module")
def runs(batch):
    """The same set as text and as JSON (the JSON holds every finding: the truth to compare with)."""
    runner = CliRunner()
    text = runner.invoke(app, ["check", str(batch)])
    as_json = runner.invoke(app, ["check", str(batch), "--format", "json"])
    return text, json.loads(as_json.stdout)


def _file_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if VERDICT.match(line)]


def _own(report: dict, findings: list[dict], severity: str) -> int:
    return sum(1 for f in findings if f["file"] == report["file"] and f["severity"] == severity)


def test_each_file_gets_exactly_one_line_with_its_verdict_and_counts(runs) -> None:
    text, data = runs
    assert text.exit_code == 1
    lines = _file_lines(text.output)
    assert len(lines) == len(data["files"]) == len(BATCH) + 1
    for report in data["files"]:
        mine = [line for line in lines if f" {report['file']}  (" in line]
        assert len(mine) == 1, report["file"]
        errors, warnings = _own(report, data["findings"], "error"), _own(report, data["findings"], "warning")
        assert f"{errors} {'fout' if errors == 1 else 'fouten'}, " in mine[0]
        assert f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}" in mine[0]
        assert mine[0].startswith("✘" if errors else "✔")
    broken = next(line for line in lines if BROKEN in line)
    assert "niet te lezen" in broken and "F05" in broken
    amsterdam = next(line for line in lines if "Amsterdam" in line)
    assert "40 trajecten" in amsterdam and "P02" in amsterdam and "C07" in amsterdam
    assert "50 vroegsignalen" in next(line for line in lines if "VS_2025" in line)


def test_findings_are_not_listed_one_by_one_and_the_output_stays_short(runs) -> None:
    text, data = runs
    assert len(text.output.splitlines()) <= len(data["files"]) + 25
    # no finding's location is printed: they stay in --details, json and html
    assert "$.leveringen[0].schuldhulptrajecten[" not in text.output
    assert "--details" in text.output


def test_totals_agree_with_the_json_output(runs) -> None:
    text, data = runs
    summary = data["summary"]
    assert (f"Totaal: {summary['error']} fouten, {summary['warning']} waarschuwingen, {summary['info']} meldingen"
            f" — NIET GESLAAGD") in text.output
    failing = sum(1 for report in data["files"] if _own(report, data["findings"], "error"))
    ready = len(data["files"]) - failing
    assert 0 < ready < len(data["files"])
    assert f"Bestanden: {ready} klaar voor aanlevering, {failing} eerst herstellen (van {len(data['files'])})" \
        in text.output
    trajecten = sum(report["counts"].get("trajecten", 0) for report in data["files"])
    assert f"{trajecten} trajecten" in text.output.split("Omvang:")[1].splitlines()[0]


def test_cross_file_findings_get_their_own_section_by_pair_of_files(runs) -> None:
    text, data = runs
    pairs = {tuple(sorted((f["file"], f["context"]["ander_traject"].rsplit(" in ", 1)[1])))
             for f in data["findings"] if f["rule"] == "C08" and " in " in f["context"].get("ander_traject", "")}
    assert pairs, "the generated set should share clients between files (C08)"
    section = text.output.split("Over bestanden heen", 1)[1].split("Bestanden:", 1)[0]
    assert "C08" in section
    for a, b in pairs:
        assert f"{a} + {b}:" in section


def test_the_totals_name_the_files_to_fix_first_most_errors_first(runs) -> None:
    text, data = runs
    errors = {report["file"]: _own(report, data["findings"], "error") for report in data["files"]}
    failing = sorted((name for name, n in errors.items() if n), key=lambda name: (-errors[name], name))
    line = next(line for line in text.output.splitlines() if line.startswith("Eerst herstellen"))
    assert line.endswith(", ".join(f"{name} ({errors[name]})" for name in failing))
    assert not any(name in line for name, n in errors.items() if not n)


def test_a_file_added_twice_is_named_as_a_copy(batch, tmp_path) -> None:
    # the copy's trajecten are T15 duplicates of the original's, which alone does not say why
    folder = tmp_path / "dubbel"
    folder.mkdir()
    original = batch / "SHV_2024_Haarlem.json"
    (folder / original.name).write_bytes(original.read_bytes())
    (folder / "SHV_2024_Haarlem (1).json").write_bytes(original.read_bytes())
    (folder / "SHV_2024_Schoon.json").write_bytes((batch / "SHV_2024_Schoon.json").read_bytes())
    output = CliRunner().invoke(app, ["check", str(folder)]).output
    section = output.split("Dezelfde inhoud", 1)[1].split("Bestanden:", 1)[0]
    assert f"{folder}/SHV_2024_Haarlem (1).json = {folder}/SHV_2024_Haarlem.json" in section
    assert "Schoon" not in section
    assert "Dezelfde inhoud" not in CliRunner().invoke(app, ["check", str(batch)]).output


def test_details_lists_every_file_and_its_findings_as_before(batch, runs) -> None:
    _, data = runs
    result = CliRunner().invoke(app, ["check", str(batch), "--details"])
    assert result.exit_code == 1
    for finding in data["findings"]:
        if finding["rule"] in ("P02", "C07", "T01", "V04"):
            assert finding["path"] in result.output
    verdicts = result.output.count("Eerst herstellen") + result.output.count("Klaar voor aanlevering")
    assert verdicts == len(data["files"]) and "Klaar voor aanlevering" in result.output


def test_batch_summary_and_details_hold_no_identifier(batch, runs) -> None:
    text, _ = runs
    detailed = CliRunner().invoke(app, ["check", str(batch), "--details"]).output
    secrets = set()
    for path in batch.glob("*.json"):
        if path.name != BROKEN:
            secrets |= identifying_values(json.loads(path.read_text(encoding="utf-8")))
    assert len(secrets) > 50
    leaked = {secret for secret in secrets if secret in text.output or secret in detailed}
    assert leaked == set()


def test_one_file_keeps_the_full_output(batch) -> None:
    one = str(batch / "SHV_2024_Amsterdam.json")
    plain = CliRunner().invoke(app, ["check", one])
    detailed = CliRunner().invoke(app, ["check", one, "--details"])
    assert plain.exit_code == detailed.exit_code == 1
    assert plain.output == detailed.output
    assert "FOUT P02" in plain.output and "$.leveringen[0].schuldhulptrajecten[" in plain.output


def test_no_progress_bar_when_output_is_not_a_terminal(runs) -> None:
    text, _ = runs
    assert "Inlezen" not in text.output and "━" not in text.output
    assert not wanted(["a.json", "b.json"], StringIO())


@pytest.mark.slow
def test_progress_bar_on_a_terminal_goes_to_stderr_only(batch) -> None:
    """A real pseudo-terminal as stderr: the bar shows there; stdout (a pipe) gets only the summary."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "ddas_quality", "check", str(batch)], stdout=subprocess.PIPE,
                               stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:   # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(controller)
    assert process.returncode == 1
    assert b"Inlezen" in seen or b"Afleiden" in seen
    assert b"Inlezen" not in stdout and "━".encode() not in stdout
    assert b"Totaal:" in stdout
