"""Odd and hostile input found by a robustness sweep: each gave an internal error, a hang or a false pass."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import base_delivery
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.pipeline import check_paths

runner = CliRunner()


def _write(folder: Path, document: object, name: str = "SHV_2024_Vlieland.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def deadline():
    """Fail instead of hanging: a check of a small file that takes minutes is a bug."""
    def hung(*_):
        raise TimeoutError("de controle blijft hangen")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_file_holding_only_null_fails_instead_of_passing(tmp_path: Path) -> None:
    path = tmp_path / "SHV_2024_Vlieland.json"
    path.write_text("null", encoding="utf-8")
    result = check_paths([path])
    assert result.failed()
    [finding] = [f for f in result.findings if f.severity == "error"]
    assert finding.rule == "S01" and "alleen null" in finding.message


def _traject_dates(document: dict, value: str) -> dict:
    changed = copy.deepcopy(document)
    traject = changed["leveringen"][0]["schuldhulptrajecten"][0]
    traject["einddatum"] = value
    traject["aanmelding"]["startdatum"] = value
    traject["schulden"][0]["peildatum"] = value
    traject["begeleiding"][0]["einddatum"] = value
    return changed


@pytest.mark.parametrize("value", ["0000-01-01", "-001-01-01"])
def test_dates_before_the_year_one_are_checked_without_an_internal_error(tmp_path: Path, value: str) -> None:
    """Python has no year 0: showing such a date in a message crashed (strftime), and so did the peilperiode."""
    document = _traject_dates(base_delivery(), value)
    document["startdatumLevering"] = value
    result = runner.invoke(app, ["check", str(_write(tmp_path, document)), "--format", "json",
                                 "--output", str(tmp_path / "uit.json")])
    assert result.exit_code in (0, 1), result.output
    assert json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))["files"][0]["counts"]["trajecten"] == 4


@pytest.mark.parametrize("moment", ["1000-01-01T00:00:00Z", "9999-12-31T00:00:00Z"])
def test_an_aanleverdatum_far_from_now_is_checked_without_an_internal_error(tmp_path: Path, moment: str) -> None:
    """A moment outside pandas' nanosecond range (1677-2262) crashed the begeleiding rule (P12)."""
    document = base_delivery()
    document["aanleverdatumEnTijd"] = moment
    result = runner.invoke(app, ["check", str(_write(tmp_path, document))])
    assert result.exit_code in (0, 1), result.output
    assert "Interne fout" not in result.output and "L03" in result.output   # far from the peilperiode


def test_vs_dates_before_the_year_one_are_checked_without_an_internal_error(tmp_path: Path) -> None:
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery

    document = generate_vs_delivery(signalen=20, seed=1).document
    document["startdatumLevering"] = "0000-01-01"
    document["leveringen"][0]["vroegsignalen"][0]["signaaldatum"] = "0000-01-01"
    result = runner.invoke(app, ["check", str(_write(tmp_path, document, "VS_2025_Vlieland.json"))])
    assert result.exit_code in (0, 1) and "Interne fout" not in result.output, result.output


def test_deep_nesting_inside_the_levering_is_an_s01_finding(tmp_path: Path) -> None:
    """Nesting of 255-1000 levels passes the parser but not the schema validator's recursion limit."""
    path = tmp_path / "SHV_2024_Vlieland.json"
    path.write_text('{"x":' + "[" * 300 + "]" * 300 + "}", encoding="utf-8")
    findings = check_paths([path]).findings
    assert any(f.rule == "S01" and "te diep genest" in f.message for f in findings)


def test_an_api_page_announcing_an_enormous_number_of_pages_is_counted_not_listed(tmp_path: Path, deadline) -> None:
    from ddas_quality.domains.common.api_pages import write_pages

    folder = tmp_path / "api"
    paths, _ = write_pages(base_delivery(), "SHV", folder, page_size=2)
    first = paths[0]
    page = json.loads(first.read_text(encoding="utf-8"))
    page["paginering"]["totalPages"] = 10**30
    first.write_text(json.dumps(page), encoding="utf-8")
    findings = check_paths([folder]).findings   # listing every missing page never finished
    assert any(f.rule == "B06" and "ontbreken de pagina's 3, 4, 5" in f.message for f in findings)


def test_html_output_onto_an_existing_file_is_refused_in_dutch(tmp_path: Path) -> None:
    path = _write(tmp_path, base_delivery())
    result = runner.invoke(app, ["check", str(path), "--format", "html", "--output", str(path)])
    assert result.exit_code == 2 and "is een bestand" in result.output
    assert json.loads(path.read_text(encoding="utf-8")) == base_delivery()   # not overwritten


@pytest.mark.parametrize(("content", "says"), [
    (b"a,b\n1,2\n", "kolom 'gemeentecode' ontbreekt"),
    (b"\xff\xfe\x00\x00abc", "geen UTF-8"),
    (b"gemeentecode,naam,geldig_vanaf,geldig_tot,inwoners\n0096,Vlieland,,,veel\n", "een waarde klopt niet"),
])
def test_an_unusable_gemeenten_table_is_a_dutch_error(tmp_path: Path, content: bytes, says: str) -> None:
    table = tmp_path / "gemeenten.csv"
    table.write_bytes(content)
    result = runner.invoke(app, ["check", str(_write(tmp_path, base_delivery())), "--gemeenten", str(table)])
    assert result.exit_code == 2 and says in result.output and "Interne fout" not in result.output


def _cli(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    """The real command in its own process: a hang (a FIFO opened for reading) fails after `timeout`."""
    return subprocess.run([sys.executable, "-m", "ddas_quality", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture
def odd_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one good delivery beside a FIFO, a socket, two broken symlinks and a symlink to /dev/zero.

    The socket is bound by its name inside the folder: a socket's whole path may hold only ~100 bytes, and a
    temporary folder can be longer than that (a long TMPDIR, macOS)."""
    import socket

    folder = tmp_path / "levering"
    folder.mkdir()
    _write(folder, base_delivery(), "SHV_2024_Vlieland.json")
    os.mkfifo(folder / "SHV_2024_Pijp.json")
    (folder / "SHV_2024_Kapot.json").symlink_to(tmp_path / "bestaat-niet.json")
    (folder / "SHV_2024_Kapot2.json").symlink_to(tmp_path / "bestaat-niet.json")   # one missing file: not "twice"
    (folder / "SHV_2024_Nul.json").symlink_to("/dev/zero")
    with monkeypatch.context() as inside, socket.socket(socket.AF_UNIX) as sock:
        inside.chdir(folder)
        sock.bind("SHV_2024_Sok.json")
    return folder


@pytest.mark.parametrize("command", ["check", "overzicht"])
def test_a_fifo_socket_device_or_broken_symlink_in_a_folder_is_reported_not_skipped(
        odd_folder: Path, tmp_path: Path, command: str) -> None:
    """They were skipped without a word; a FIFO must never be opened (it would block), a device never read."""
    extra = ["--format", "json", "--output", str(tmp_path / "uit.json")] if command == "check" else [
        "--output", str(tmp_path / "overzicht")]
    done = _cli(command, str(odd_folder), *extra)
    assert done.returncode == 1, done.stderr
    if command == "overzicht":
        assert "SHV_2024_Pijp.json" in (tmp_path / "overzicht" / "overzicht.csv").read_text(encoding="utf-8")
        return
    report = json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))
    assert len(report["files"]) == 6
    messages = {Path(f["file"]).name: f["message"] for f in report["findings"] if f["rule"] == "F03"}
    assert "named pipe (FIFO)" in messages["SHV_2024_Pijp.json"]
    assert "socket" in messages["SHV_2024_Sok.json"]
    assert "apparaat" in messages["SHV_2024_Nul.json"]
    for broken in ("SHV_2024_Kapot.json", "SHV_2024_Kapot2.json"):
        assert "snelkoppeling (symlink) naar een bestand dat niet bestaat" in messages[broken]
    assert all("Zet het .json-bestand zelf" in message for message in messages.values())


@pytest.mark.parametrize(("entry", "says"), [("SHV_2024_Pijp.json", "named pipe (FIFO)"),
                                             ("SHV_2024_Nul.json", "apparaat"),
                                             ("SHV_2024_Kapot.json", "snelkoppeling (symlink)")])
def test_a_fifo_device_or_broken_symlink_given_directly_is_a_dutch_usage_error(
        odd_folder: Path, entry: str, says: str) -> None:
    done = _cli("check", str(odd_folder / entry))
    assert done.returncode == 2
    assert says in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("option", "says"), [
    ("--schema-version", "Onbekende versie ''"),
    ("--fail-on", "--fail-on moet 'error' of 'warning' zijn, niet ''"),
    ("--domain", "Onbekend domein ''"),
    ("--profile", "Onbekend profiel ''."),
    ("--select", "--select is leeg"),
    ("--ignore", "--ignore is leeg"),
])
def test_an_empty_option_value_is_a_dutch_usage_error(tmp_path: Path, option: str, says: str) -> None:
    """An empty value counted as "not given": `--fail-on ''` fell back to error, `--select ''` checked everything."""
    result = runner.invoke(app, ["check", str(_write(tmp_path, base_delivery())), option, ""])
    assert result.exit_code == 2, result.output
    assert says in result.output and "Traceback" not in result.output


def test_generate_refuses_an_empty_schema_version(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--output", str(tmp_path / "SHV_2024_X.json"), "--schema-version", ""])
    assert result.exit_code == 2 and "kan versie '' niet schrijven" in result.output
    assert not (tmp_path / "SHV_2024_X.json").exists()


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--config", "/dev/null", "Configuratiebestand /dev/null is geen gewoon bestand"),
    ("--gemeenten", "/dev/null", "Gemeentetabel /dev/null is geen gewoon bestand"),
    ("--config", "MAP", "is een map, geen bestand"),
    ("--gemeenten", "MAP", "is een map, geen bestand"),
])
def test_a_config_or_gemeenten_path_that_is_no_regular_file_says_so(tmp_path: Path, option: str, value: str,
                                                                     says: str) -> None:
    """/dev/null was 'niet gevonden' (it is there); a folder got click's English message."""
    value = str(tmp_path) if value == "MAP" else value
    result = runner.invoke(app, ["check", str(_write(tmp_path, base_delivery())), option, value])
    assert result.exit_code == 2, result.output
    assert says in result.output and "niet gevonden" not in result.output and "Invalid value" not in result.output


def test_an_empty_regular_config_file_is_a_config_without_settings(tmp_path: Path) -> None:
    """The consistent counterpart of refusing /dev/null: what the message advises works."""
    empty = tmp_path / "leeg.toml"
    empty.touch()
    result = runner.invoke(app, ["check", str(_write(tmp_path, base_delivery())), "--config", str(empty)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("debug", [None, "1"])
def test_an_internal_error_exits_2_also_in_debug_mode(monkeypatch, capsys, debug: str | None) -> None:
    """DDAS_QUALITY_DEBUG=1 showed the traceback by re-raising, so the exit code became Python's 1 ("findings")."""
    import ddas_quality.cli as cli

    def broken(**_: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(cli, "app", broken)
    if debug:
        monkeypatch.setenv("DDAS_QUALITY_DEBUG", debug)
    else:
        monkeypatch.delenv("DDAS_QUALITY_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    shown = capsys.readouterr().err
    assert "Interne fout in ddas-quality (RuntimeError)" in shown
    assert ("Traceback" in shown) == bool(debug)


def test_two_sources_with_one_name_are_both_checked_under_their_own_names(tmp_path: Path) -> None:
    """check_sources with two documents called alike crashed on a non-unique pandas index (an internal error)."""
    from ddas_quality.domains.common.api_pages import write_pages
    from ddas_quality.pipeline import check_sources
    from ddas_quality.reader import source_from_bytes

    plain = json.dumps(base_delivery()).encode()
    run = check_sources([source_from_bytes("SHV_2024_Vlieland.json", plain) for _ in range(2)])
    assert [report.file for report in run.files] == ["SHV_2024_Vlieland.json", "SHV_2024_Vlieland.json (2e exemplaar)"]
    assert all(report.counts["trajecten"] == 4 for report in run.files)

    pages, _ = write_pages(base_delivery(), "SHV", tmp_path / "api", page_size=2)   # API pages, one message set
    run = check_sources([source_from_bytes("antwoord.json", page.read_bytes()) for page in pages[:2]])
    assert [report.file for report in run.files] == ["antwoord.json", "antwoord.json (2e exemplaar)"]
    assert all(report.counts["trajecten"] == 2 for report in run.files)


def test_a_file_named_like_a_zip_member_beside_that_zip_is_checked_apart(tmp_path: Path) -> None:
    """'x.zip!a.json' beside x.zip (holding a.json) got the member's name: an internal error in the frames."""
    import zipfile

    folder = tmp_path / "levering"
    folder.mkdir()
    delivery = _write(tmp_path, base_delivery())
    with zipfile.ZipFile(folder / "x.zip", "w") as archive:
        archive.write(delivery, "SHV_2024_Vlieland.json")
    (folder / "x.zip!SHV_2024_Vlieland.json").write_bytes(delivery.read_bytes())
    done = _cli("check", str(folder), "--format", "json", "--output", str(tmp_path / "uit.json"))
    assert done.returncode == 1, done.stderr
    names = [report["file"] for report in json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))["files"]]
    assert sorted(Path(name).name for name in names) == ["x.zip!SHV_2024_Vlieland.json",
                                                         "x.zip!SHV_2024_Vlieland.json (los bestand)"]


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_an_unreadable_file_in_a_folder_is_a_finding_and_the_others_are_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """A file without read rights stopped the whole run (exit 2); now it is an F05 finding on that file.

    As root (CI) chmod does not stop reading, so there the refusal comes from the operating system call."""
    import zipfile

    good = _write(tmp_path, base_delivery(), "SHV_2024_Vlieland.json")
    blocked = tmp_path / ("SHV_2024_Texel.json" if kind == "json" else "levering.zip")
    if kind == "json":
        blocked.write_text(json.dumps(base_delivery()), encoding="utf-8")
    else:
        with zipfile.ZipFile(blocked, "w") as archive:
            archive.writestr("SHV_2024_Texel.json", json.dumps(base_delivery()))
    blocked.chmod(0)
    if os.geteuid() == 0:
        from ddas_quality import reader

        real_open, real_path_open = reader.os.open, Path.open

        def refuse(path, *args, **kwargs):
            if Path(path) == blocked:
                raise PermissionError(13, "Permission denied")
            return real_open(path, *args, **kwargs)

        def refuse_path(self, *args, **kwargs):
            if self == blocked:
                raise PermissionError(13, "Permission denied")
            return real_path_open(self, *args, **kwargs)

        monkeypatch.setattr(reader.os, "open", refuse)
        monkeypatch.setattr(Path, "open", refuse_path)
    result = check_paths([tmp_path])
    by_file = {Path(report.file).name: report for report in result.files}
    assert set(by_file) == {good.name, blocked.name}
    assert by_file[good.name].counts["trajecten"] == len(base_delivery()["leveringen"][0]["schuldhulptrajecten"])
    blocked_findings = [f for f in result.findings if Path(f.file).name == blocked.name]
    assert [(f.rule, f.severity) for f in blocked_findings] == [("F05", "error")]
    assert "geen leesrechten" in blocked_findings[0].message
