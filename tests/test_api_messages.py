"""DDAS API messages (#13): pages recognised by content, joined into one delivery, findings pointed back into
the page they are about. The B rules' own cases are in tests/cases/api_berichten.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import all_output, base_delivery, identifying_values
from typer.testing import CliRunner

from ddas_quality.api_message import is_api_message
from ddas_quality.cli import app
from ddas_quality.domains import get_domain
from ddas_quality.domains.common.api_pages import split_pages, write_pages
from ddas_quality.domains.common.synthetic import write_delivery
from ddas_quality.pipeline import check_paths

UPLOAD_RULES = {"F01", "F02", "F06", "F07"}   # about an uploaded file's name and split: not for API pages


def generated(domain: str, count: int, defects: list[str], seed: int = 5):
    generator = get_domain(domain).stage("generator")
    return generator.generate(count, seed=seed, year=2024, half=None, gemeentecodes=None, defects=defects)


def located(findings) -> set[tuple[str, str, str, str | None]]:
    """(rule, severity, page file name, path) of every finding."""
    return {(f.rule, f.severity, Path(f.file.split("!")[-1]).name, f.path) for f in findings}


@pytest.fixture(scope="module")
def shv_run(tmp_path_factory: pytest.TempPathFactory):
    """One SHV delivery with defects of every level, checked as one file and as pages of 40 trajecten."""
    folder = tmp_path_factory.mktemp("api-shv")
    delivery = generated("SHV", 130, ["T01", "L04", "L07", "C07", "T15", "P02", "S01", "S02", "D01", "L06"])
    plain = folder / "SHV_2024_Voorbeeld.json"
    write_delivery(delivery.document, plain)
    files, index = write_pages(delivery.document, "SHV", folder / "paginas", 40)
    return delivery, check_paths([plain]), check_paths([folder / "paginas"]), index, files


@pytest.mark.slow
def test_pages_give_the_findings_of_the_whole_file_each_in_its_own_page(shv_run) -> None:
    _delivery, plain, paged, index, _files = shv_run
    expected = set()
    for finding in plain.findings:
        if finding.rule in UPLOAD_RULES:
            continue
        page, path = index.locate(finding.path)
        expected.add((finding.rule, finding.severity, page, path))
    assert located(paged.findings) == expected
    assert len(paged.findings) == len([f for f in plain.findings if f.rule not in UPLOAD_RULES])
    assert {f.rule for f in paged.findings} >= {"T01", "L04", "L07", "C07", "T15", "P02", "S01", "S02", "D01"}
    assert not [f for f in paged.findings if f.rule.startswith("B")]


@pytest.mark.slow
def test_findings_point_into_the_page_that_holds_the_traject(shv_run) -> None:
    delivery, _plain, paged, _index, files = shv_run
    t01 = next(item for item in delivery.defects if item.rule == "T01")
    number = int(t01.path.split("schuldhulptrajecten[")[1].split("]")[0])
    page, local = divmod(number, 40)
    found = [f for f in paged.findings if f.rule == "T01"]
    assert [(Path(f.file).name, f.path) for f in found] == [
        (files[page].name, f"$.gegevens.leveringen[0].schuldhulptrajecten[{local}]")]
    document = json.loads(files[page].read_text(encoding="utf-8"))
    traject = document["gegevens"]["leveringen"][0]["schuldhulptrajecten"][local]
    assert traject["einddatum"] < traject["startdatum"]   # the page path really leads to the broken traject


@pytest.mark.slow
def test_report_frames_find_each_finding_in_its_page(shv_run) -> None:
    """The HTML report looks a finding's traject up by (file, path) in the frames: those point into pages too."""
    _delivery, _plain, paged, _index, files = shv_run
    trajecten = paged.frames["trajecten"]
    assert set(trajecten["file"]) == {str(path) for path in files}
    rows = set(zip(trajecten["file"], trajecten["path"], strict=True))
    for finding in paged.findings:
        if finding.rule in {"T01", "T15", "C07"}:
            assert (finding.file, finding.path) in rows, finding


@pytest.mark.slow
def test_counts_account_for_every_traject_of_every_page(shv_run) -> None:
    _delivery, plain, paged, _index, files = shv_run
    pages = {Path(report.file).name: report for report in paged.files}
    assert sorted(pages) == [path.name for path in files]
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        on_page = sum(len(lev["schuldhulptrajecten"]) for lev in document["gegevens"]["leveringen"])
        assert pages[path.name].counts["trajecten"] == on_page
        assert pages[path.name].domain == "SHV"
    assert sum(report.counts["trajecten"] for report in paged.files) == plain.files[0].counts["trajecten"]
    assert sum(report.counts["clienten"] for report in paged.files) == plain.files[0].counts["clienten"]


@pytest.mark.slow
def test_vs_pages_join_signals_and_zaken_of_every_page(tmp_path: Path) -> None:
    delivery = generated("VS", 90, ["V02", "V03", "V04"], seed=2)
    plain = tmp_path / "VS_2025_Voorbeeld.json"
    write_delivery(delivery.document, plain)
    files, index = write_pages(delivery.document, "VS", tmp_path / "paginas", 25)
    assert len(files) == 4
    expected = {(f.rule, f.severity, *index.locate(f.path)) for f in check_paths([plain]).findings
                if f.rule not in UPLOAD_RULES}
    paged = check_paths([tmp_path / "paginas"])
    assert located(paged.findings) == expected
    assert {"V02", "V03", "V04"} <= {f.rule for f in paged.findings}
    assert sum(report.counts["vroegsignalen"] for report in paged.files) == 90


def test_one_wrapped_page_without_paginering_is_the_delivery(tmp_path: Path) -> None:
    document = base_delivery()
    document["leveringen"][0]["schuldhulptrajecten"][1]["einddatum"] = "2000-01-01"
    (tmp_path / "antwoord.json").write_text(json.dumps({"gegevens": document}), encoding="utf-8")
    result = check_paths([tmp_path / "antwoord.json"])
    assert located(result.findings) >= {("T01", "error", "antwoord.json",
                                         "$.gegevens.leveringen[0].schuldhulptrajecten[1]")}
    assert not [f for f in result.findings if f.rule in UPLOAD_RULES | {"B07"}]   # a name of the tester's choice
    assert [report.counts["trajecten"] for report in result.files] == [4]


def test_recognised_by_content_not_by_name() -> None:
    delivery = base_delivery()
    assert is_api_message({"gegevens": delivery})
    assert is_api_message({"paginering": {}})
    assert not is_api_message(delivery)
    assert not is_api_message({**delivery, "gegevens": {}})   # a delivery with a stray field: S01 says so
    assert not is_api_message([{"gegevens": delivery}])


def _pages(tmp_path: Path, size: int = 2, document: dict | None = None, folder: str = "paginas") -> list[Path]:
    return write_pages(document or base_delivery(), "SHV", tmp_path / folder, size)[0]


def _edit(path: Path, change) -> None:
    page = json.loads(path.read_text(encoding="utf-8"))
    change(page)
    path.write_text(json.dumps(page), encoding="utf-8")


def _rules(result) -> set[tuple[str, str, str | None]]:
    return {(f.rule, Path(f.file).name, f.path) for f in result.findings if f.rule.startswith("B")}


def test_a_missing_page_is_b06_and_the_rest_is_still_checked(tmp_path: Path) -> None:
    first, second = _pages(tmp_path)
    second.unlink()
    result = check_paths([tmp_path / "paginas"])
    assert _rules(result) == {("B06", first.name, "$.paginering")}
    assert "ontbreekt pagina 2" in next(f.message for f in result.findings if f.rule == "B06")


def test_pages_in_other_folders_or_periods_are_other_messages(tmp_path: Path) -> None:
    _pages(tmp_path, folder="a")
    _pages(tmp_path, folder="b")
    other = base_delivery()
    other.update(startdatumLevering="2024-01-01", einddatumLevering="2024-06-30")
    _pages(tmp_path, document=other, folder="a/../a_halfjaar")
    result = check_paths([tmp_path / "a", tmp_path / "b", tmp_path / "a_halfjaar"])
    assert not _rules(result)   # three complete messages, none mixed with another
    assert len(result.files) == 6


def test_two_messages_in_one_folder_are_told_apart_by_period(tmp_path: Path) -> None:
    other = base_delivery()
    other.update(startdatumLevering="2024-01-01", einddatumLevering="2024-06-30")
    pages, _index = split_pages(other, "SHV", 2)
    _pages(tmp_path)
    for i, page in enumerate(pages, start=1):
        (tmp_path / "paginas" / f"halfjaar-{i}.json").write_text(json.dumps(page), encoding="utf-8")
    result = check_paths([tmp_path / "paginas"])
    assert not _rules(result)


def test_wrapper_and_paginering_defects_each_give_their_code(tmp_path: Path) -> None:
    first, second = _pages(tmp_path)
    _edit(first, lambda page: page.update(extra="x"))
    _edit(second, lambda page: page["paginering"].pop("totalRecords"))
    result = check_paths([tmp_path / "paginas"])
    assert _rules(result) == {("B02", first.name, "$.extra"), ("B03", second.name, "$.paginering"),
                              # page 2 no longer counts as a valid page: page 2 is missing
                              ("B06", first.name, "$.paginering")}


def test_pages_without_paginering_are_b07_on_each(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    for path in pages:
        _edit(path, lambda page: page.pop("paginering"))
    result = check_paths([tmp_path / "paginas"])
    assert _rules(result) == {("B07", path.name, "$") for path in pages}


def test_a_zip_of_pages_is_one_message(tmp_path: Path) -> None:
    import zipfile

    pages = _pages(tmp_path, size=1)
    archive = tmp_path / "antwoorden.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in pages[:3]:
            out.write(path, path.name)
    result = check_paths([archive])
    assert _rules(result) == {("B06", f"antwoorden.zip!{pages[0].name}", "$.paginering")}
    assert [report.file for report in result.files] == [f"{archive}!{path.name}" for path in pages[:3]]


# ----------------------------------------------------------------------------- broken pages, exit codes, privacy


def test_broken_pages_get_the_usual_file_findings_and_exit_code_1(tmp_path: Path) -> None:
    first, second, third = _pages(tmp_path, size=2, document=_six_trajecten())
    second.write_bytes(second.read_bytes()[:200])                                   # truncated
    third.write_bytes(third.read_text(encoding="utf-8").encode("utf-16"))           # wrong encoding
    result = check_paths([tmp_path / "paginas"])
    by_rule = {(f.rule, Path(f.file).name) for f in result.findings}
    assert {("F05", second.name), ("F04", third.name), ("B06", first.name)} <= by_rule
    assert sorted(report.file for report in result.files) == sorted(str(p) for p in (first, second, third))
    outcome = CliRunner().invoke(app, ["check", str(tmp_path / "paginas")])
    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output


def test_a_gegevens_that_is_no_object_stops_cleanly(tmp_path: Path) -> None:
    (tmp_path / "antwoord.json").write_text(json.dumps({"gegevens": "geen levering"}), encoding="utf-8")
    outcome = CliRunner().invoke(app, ["check", str(tmp_path / "antwoord.json"), "--format", "json"])
    assert outcome.exit_code == 1
    report = json.loads(outcome.output)
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("B01", "$.gegevens")]


def test_no_identifying_value_reaches_any_output(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    secret = base_delivery()["leveringen"][0]["schuldhulptrajecten"][0]["client"][0]["Burgerservicenummer"]
    _edit(pages[0], lambda page: page.update(kenmerk=secret))                        # B02 names the key only
    _edit(pages[1], lambda page: page["gegevens"]["leveringen"][0]["aanleverende_organisatie"]["contactpersonen"]
          [0].update(email="geheim.persoon@voorbeeld.nl"))                          # B09 names the field only
    values = set()
    for path in pages:
        values |= identifying_values(json.loads(path.read_text(encoding="utf-8")))
    values |= {secret, "geheim.persoon@voorbeeld.nl"}
    output = all_output([tmp_path / "paginas"], tmp_path)
    assert "B09" in output and "B02" in output
    assert not [value for value in values if value in output]


# ----------------------------------------------------------------------------------------------- generate


def test_generate_api_pages_with_expected_findings(tmp_path: Path) -> None:
    out, manifest = tmp_path / "paginas", tmp_path / "verwacht.json"
    outcome = CliRunner().invoke(app, ["generate", "--output", str(out), "--api-paginas", "--pagina-grootte", "30",
                                       "-n", "70", "--defect", "T01,L07", "--verwacht", str(manifest)])
    assert outcome.exit_code == 0, outcome.output
    assert sorted(path.name for path in out.iterdir()) == ["pagina-001.json", "pagina-002.json", "pagina-003.json"]
    expected = json.loads(manifest.read_text(encoding="utf-8"))
    result = check_paths([out])
    found = {(f.rule, Path(f.file).name, f.path) for f in result.findings if f.severity != "info"}
    assert found == {(item["rule"], item["bestand"], item["path"]) for item in expected["defecten"]}
    assert sum(report.counts["trajecten"] for report in result.files) == 70


@pytest.mark.parametrize("arguments", [["--pagina-grootte", "10"], ["--api-paginas", "--defect", "F07"],
                                        ["--api-paginas", "--pagina-grootte", "25001"]])
def test_generate_refuses_what_does_not_fit_api_pages(tmp_path: Path, arguments: list[str]) -> None:
    outcome = CliRunner().invoke(app, ["generate", "--output", str(tmp_path / "uit"), *arguments])
    assert outcome.exit_code == 2, outcome.output
    assert "Traceback" not in outcome.output


def test_split_pages_respects_the_limits() -> None:
    pages, index = split_pages(_six_trajecten(), "SHV", 4)
    assert [page["paginering"] for page in pages] == [
        {"pageSize": 4, "currentPage": 1, "totalPages": 2, "totalRecords": 6},
        {"pageSize": 4, "currentPage": 2, "totalPages": 2, "totalRecords": 6}]
    assert index.locate("$.leveringen[0].schuldhulptrajecten[5].client[0]") == (
        "pagina-002.json", "$.gegevens.leveringen[0].schuldhulptrajecten[1].client[0]")
    assert index.locate("$") == ("pagina-001.json", "$.gegevens")
    with pytest.raises(ValueError, match="25000"):
        split_pages(_six_trajecten(), "SHV", 25_001)


def _six_trajecten() -> dict:
    document = base_delivery()
    trajecten = document["leveringen"][0]["schuldhulptrajecten"]
    trajecten.extend(json.loads(json.dumps(trajecten[2:4])))
    for traject in trajecten[4:]:
        traject["startdatum"] = "2023-05-01"
        for client in traject.get("client", []):
            client.pop("Burgerservicenummer", None)
    return document
