"""`ddas-quality diff OUD NIEUW`: added, removed and changed trajecten counted right, figures per gemeente before
and after, findings fixed and new, the JSON shape, the HTML page, no identifier in any output, exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import identifying_values
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.diff import compare_paths
from ddas_quality.domains.common.national import pseudonym_source
from ddas_quality.domains.common.synthetic import write_delivery
from ddas_quality.domains.shv.generator import generate_delivery
from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery
from ddas_quality.reporters import diff_html, diff_json, diff_text

GEMEENTEN = ["0363", "0599"]   # two leveringen, trajecten split evenly


def trajecten(document: dict) -> list[dict]:
    return [item for levering in document["leveringen"] for item in levering["schuldhulptrajecten"]]


def write(folder: Path, name: str, document: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_delivery(document, path)
    return path


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """OUD and a correction of it: 2 trajecten removed (one per gemeente), 3 added (Amsterdam), the einddatum
    of 4 trajecten moved, the nazorg phase of 1 traject removed."""
    folder = tmp_path_factory.mktemp("diff")
    old = generate_delivery(trajecten=240, seed=11, gemeentecodes=GEMEENTEN).document
    new = copy.deepcopy(old)
    amsterdam, rotterdam = (levering["schuldhulptrajecten"] for levering in new["leveringen"])
    del amsterdam[7]
    del rotterdam[3]
    added = generate_delivery(trajecten=3, seed=12, gemeentecodes=["0363"],
                              pseudonyms=pseudonym_source(12, "0363", set())).document
    amsterdam.extend(trajecten(added))
    ended = [t for t in trajecten(new) if t.get("einddatum") and "nazorg" not in t][:4]
    for item in ended:
        item["einddatum"] = item["einddatum"][:8] + ("01" if item["einddatum"][8:] != "01" else "02")
    with_nazorg = [t for t in trajecten(new) if "nazorg" in t and t not in ended][:1]
    for item in with_nazorg:
        del item["nazorg"]
    assert len(ended) == 4 and len(with_nazorg) == 1
    paths = write(folder / "oud", "SHV_2024_Regio.json", old), write(folder / "nieuw", "SHV_2024_Regio.json", new)
    return {"old": old, "new": new, "paths": paths, "folder": folder,
            "diff": compare_paths([paths[0]], [paths[1]])}


def test_added_removed_changed_are_counted(pair: dict) -> None:
    diff = pair["diff"]
    assert (diff.added, diff.removed, diff.changed) == (3, 2, 5)
    assert diff.unchanged == 240 - 2 - 5
    assert diff.old.units == 240 and diff.new.units == 241
    assert diff.field_changes["einddatum gewijzigd"] == 4
    assert diff.field_changes["fase verwijderd: nazorg"] == 1


def test_figures_per_gemeente_before_and_after(pair: dict) -> None:
    rows = {row.gemeentecode: row for row in pair["diff"].per_gemeente}
    assert set(rows) == {*GEMEENTEN, "Totaal"}
    for code, levering_old, levering_new in zip(GEMEENTEN, pair["old"]["leveringen"], pair["new"]["leveringen"],
                                                strict=True):
        assert rows[code].old["trajecten"] == len(levering_old["schuldhulptrajecten"])
        assert rows[code].new["trajecten"] == len(levering_new["schuldhulptrajecten"])
    assert (rows["0363"].added, rows["0363"].removed) == (3, 1)
    assert (rows["0599"].added, rows["0599"].removed) == (0, 1)
    assert rows["Totaal"].new["trajecten"] == 241
    assert rows["Totaal"].changed == 5
    assert rows["0363"].naam == "Amsterdam"
    table = diff_text.render(pair["diff"])
    # the column counts clients, not trajecten ("actief" beside "trajecten" read as active trajecten)
    assert "actieve cliënten" in table and " actief " not in table


def test_findings_fixed_and_new(tmp_path: Path) -> None:
    """The same seed with another defect differs only where the defects are: C03 fixed, D01 new."""
    old = generate_delivery(trajecten=120, seed=5, gemeentecodes=["0599"], defects=["C03"])
    new = generate_delivery(trajecten=120, seed=5, gemeentecodes=["0599"], defects=["D01"])
    paths = write(tmp_path / "oud", "SHV_2024_Rotterdam.json", old.document), \
        write(tmp_path / "nieuw", "SHV_2024_Rotterdam.json", new.document)
    diff = compare_paths([paths[0]], [paths[1]])
    assert {change.rule for change in diff.fixed} == {d.rule for d in old.defects}
    assert {change.rule for change in diff.new_findings} == {d.rule for d in new.defects}
    assert {f.path for change in diff.fixed for f in change.findings} == {d.path for d in old.defects}
    # the problems of NIEUW that are not new; S03, which both have, is a note (info): not fixed, new or remaining
    assert diff.remaining == diff.new.errors + diff.new.warnings - sum(c.count for c in diff.new_findings)
    assert diff.new_errors == 0
    assert diff.changed == 0 or set(diff.field_changes) <= {"schuldbedragen gewijzigd", "totale schuld gewijzigd"}


def test_a_traject_that_moved_in_the_file_keeps_its_findings(tmp_path: Path) -> None:
    old = generate_delivery(trajecten=120, seed=5, gemeentecodes=["0599"], defects=["C03"]).document
    new = copy.deepcopy(old)
    items = new["leveringen"][0]["schuldhulptrajecten"]
    items.insert(0, items.pop())   # every traject one place down
    paths = write(tmp_path / "oud", "SHV_2024_Rotterdam.json", old), \
        write(tmp_path / "nieuw", "SHV_2024_Rotterdam.json", new)
    diff = compare_paths([paths[0]], [paths[1]])
    assert (diff.added, diff.removed, diff.changed) == (0, 0, 0)
    assert not diff.fixed and not diff.new_findings


def test_json_shape(pair: dict) -> None:
    document = json.loads(diff_json.render(pair["diff"]))
    assert document["format_version"] == 1 and document["kind"] == "diff"
    assert {"domain", "unit", "old", "new", "changes", "per_gemeente", "findings"} <= set(document)
    assert document["changes"] | {"fields": None} == {"added": 3, "removed": 2, "changed": 5, "unchanged": 233,
                                                     "fields": None}
    assert set(document["old"]) == {"files", "units", "errors", "warnings", "infos"}
    row = document["per_gemeente"][0]
    assert set(row) == {"gemeentecode", "naam", "old", "new", "added", "removed", "changed"}
    assert set(document["findings"]) == {"fixed", "new", "remaining", "new_errors"}
    assert document["only_in_old"] == []


def test_a_gemeente_missing_from_nieuw_is_named_before_the_counts(pair: dict, tmp_path: Path) -> None:
    # OUD a whole set, NIEUW one corrected delivery: everything else "removed" and its findings "fixed"
    only_amsterdam = copy.deepcopy(pair["new"])
    only_amsterdam["leveringen"] = only_amsterdam["leveringen"][:1]
    new = write(tmp_path / "nieuw", "SHV_2024_Regio.json", only_amsterdam)
    diff = compare_paths([pair["paths"][0]], [new])
    assert [row.gemeentecode for row in diff.only_in_old] == ["0599"]
    assert json.loads(diff_json.render(diff))["only_in_old"] == ["0599"]
    text = " ".join(diff_text.render(diff).split())
    assert "Let op: 1 gemeente staat wel in OUD maar niet in NIEUW (0599" in text
    assert text.index("Let op:") < text.index("Cijfers per gemeente")
    assert "staan wel in OUD maar niet in NIEUW" in diff_html.render(diff)
    assert pair["diff"].only_in_old == []
    assert "Let op:" not in diff_text.render(pair["diff"])


def test_html_page_is_written_and_self_contained(pair: dict) -> None:
    index = diff_html.write(pair["diff"], pair["folder"] / "html")
    page = index.read_text(encoding="utf-8")
    assert index.name == "index.html" and '<html lang="nl">' in page
    assert "Correctielevering" in page and "einddatum gewijzigd" in page
    assert "http://" not in page and "https://" not in page


def test_no_identifier_in_any_output(pair: dict) -> None:
    folder = pair["folder"]
    result = CliRunner().invoke(app, ["diff", *map(str, pair["paths"])])
    outputs = [result.output, diff_text.render(pair["diff"]), diff_json.render(pair["diff"]),
               diff_html.write(pair["diff"], folder / "privacy").read_text(encoding="utf-8")]
    secrets = identifying_values(pair["old"]) | identifying_values(pair["new"])
    assert secrets
    leaked = {value for value in secrets for text in outputs if value in text}
    assert not leaked


def test_cli_json_and_exit_codes(pair: dict, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["diff", str(pair["paths"][0]), str(pair["paths"][0]), "--format", "json"])
    assert result.exit_code == 0, result.output   # compared, nothing new
    document = json.loads(result.output)
    assert document["changes"]["unchanged"] == 240 and document["findings"]["new_errors"] == 0
    broken = write(tmp_path / "kapot", "SHV_2024_Regio.json", copy.deepcopy(pair["new"]))
    document = json.loads(broken.read_text(encoding="utf-8"))
    trajecten(document)[0]["einddatum"] = "2020-01-01"   # before its start: new errors
    broken.write_text(json.dumps(document), encoding="utf-8")
    assert CliRunner().invoke(app, ["diff", str(pair["paths"][0]), str(broken)]).exit_code == 1


@pytest.mark.parametrize("case", ["missing", "other domain", "not json", "bad format"])
def test_unusable_input_exits_2(pair: dict, tmp_path: Path, case: str) -> None:
    old = str(pair["paths"][0])
    if case == "missing":
        args = [old, str(tmp_path / "bestaat-niet.json")]
    elif case == "other domain":
        vs = generate_vs_delivery(signalen=30, seed=1, gemeentecode="0363").document
        args = [old, str(write(tmp_path, "VS_2025_Amsterdam.json", vs))]
    elif case == "not json":
        (tmp_path / "SHV_2024_Kapot.json").write_text("{kapot", encoding="utf-8")
        args = [old, str(tmp_path / "SHV_2024_Kapot.json")]
    else:
        args = [old, old, "--format", "pdf"]
    result = CliRunner().invoke(app, ["diff", *args])
    assert result.exit_code == 2, result.output
    assert "Fout:" in result.output and "Traceback" not in result.output


def test_vs_signals_are_compared(tmp_path: Path) -> None:
    old = generate_vs_delivery(signalen=80, seed=2, gemeentecode="0363").document
    new = copy.deepcopy(old)
    signals = new["leveringen"][0]["vroegsignalen"]
    for signal in signals[10:13]:
        signal["bedrag"] += 10
    bumped = {signal["ID"] for signal in signals[10:13]}
    zaak = next(z for z in new["leveringen"][0]["vroegsignaalzaken"]
                if not z.get("resultaat") and not bumped & {ref["ID"] for ref in z["vroegsignalen"]})
    zaak["resultaat"] = "Inwoner hoeft geen hulp vanuit vroegsignalering"
    in_zaak = len({ref["ID"] for ref in zaak["vroegsignalen"]})
    paths = write(tmp_path / "oud", "VS_2025_Amsterdam.json", old), write(tmp_path / "nieuw", "VS_2025_Amsterdam.json",
                                                                          new)
    diff = compare_paths([paths[0]], [paths[1]])
    assert (diff.domain, diff.unit) == ("VS", "vroegsignalen")
    assert (diff.added, diff.removed, diff.changed) == (0, 0, 3 + in_zaak)
    assert diff.field_changes == {"bedrag gewijzigd": 3, "resultaat van de zaak toegevoegd": in_zaak}
    assert diff.per_gemeente[-1].old["signalen"] == diff.per_gemeente[-1].new["signalen"] == 80


def test_vs_zaken_and_contact_attempts_are_counted_per_gemeente(tmp_path: Path) -> None:
    old = generate_vs_delivery(signalen=80, seed=2, gemeentecode="0363").document
    new = copy.deepcopy(old)
    zaken = new["leveringen"][0]["vroegsignaalzaken"]
    dropped = zaken.pop()                                  # a zaak taken out of the correction
    attempts = [p for z in zaken for p in z.get("contactpogingen", [])]
    assert attempts, "the generated delivery must have contact attempts"
    reached_before = sum(bool(p.get("bereikt")) for z in old["leveringen"][0]["vroegsignaalzaken"]
                         for p in z.get("contactpogingen", []))
    paths = (write(tmp_path / "oud", "VS_2025_Amsterdam.json", old),
             write(tmp_path / "nieuw", "VS_2025_Amsterdam.json", new))
    diff = compare_paths([paths[0]], [paths[1]])
    amsterdam, total = diff.per_gemeente[0], diff.per_gemeente[-1]
    assert amsterdam.gemeentecode == "0363" and total.gemeentecode == "Totaal"
    before = len(old["leveringen"][0]["vroegsignaalzaken"])
    assert (amsterdam.old["zaken"], amsterdam.new["zaken"]) == (before, before - 1) == (total.old["zaken"],
                                                                                         total.new["zaken"])
    assert amsterdam.new["contactpogingen"] == len(attempts)
    assert amsterdam.old["contactpogingen"] == len(attempts) + len(dropped.get("contactpogingen", []))
    assert amsterdam.old["bereikt"] == reached_before


def test_info_findings_are_not_counted_as_remaining_problems(pair: dict, tmp_path: Path) -> None:
    """A delivery compared with itself: every error and warning remained, but S03 (info) is a note, not a
    problem that 'remained' (it was counted); terminal, JSON and HTML agree."""
    same = compare_paths([pair["paths"][0]], [pair["paths"][0]])
    problems = same.old.errors + same.old.warnings
    assert same.old.infos >= 1 and problems >= 1   # S03 is there, as info, beside real problems
    assert (same.remaining, same.fixed, same.new_findings) == (problems, [], [])
    assert f"0 opgelost, 0 nieuw, {problems} gebleven" in diff_text.render(same)
    assert json.loads(diff_json.render(same))["findings"]["remaining"] == problems
    page = diff_html.write(same, tmp_path / "html").read_text(encoding="utf-8")
    assert f"0 opgelost, 0 nieuw, {problems} gebleven (fouten en waarschuwingen" in page
