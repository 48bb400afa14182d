"""`generate --landelijk`: one delivery per gemeente, sized by inhabitants, with clients unique over the set, so a
clean national set checked together gives no cross-file finding and no error; defects land in the file asked."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.domains.common.national import file_name, plan_national
from ddas_quality.domains.common.synthetic import gemeente_table, period
from ddas_quality.pipeline import Options, check_paths

CROSS_FILE = {"C07", "C08", "T15"}
ANONYMOUS = Options(profile="geanonimiseerd")


def generate(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["generate", "--landelijk", "--output", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.output


def documents(folder: Path) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


def bsn_values(document: dict) -> list[str]:
    """The value of every client's BSN field (in SHV a pseudonym here), also a client repeated in a later traject."""
    return [client["Burgerservicenummer"] for levering in document["leveringen"]
            for item in levering["schuldhulptrajecten"] for client in item["client"]
            if "Burgerservicenummer" in client]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("landelijk") / "set"
    generate(folder, "--max-bestanden", "6", "--seed", "4", "--defect", "T01@0363",
             "--verwacht", str(folder.parent / "verwacht.json"))
    return folder


@pytest.fixture(scope="module")
def national_checked(national: Path):
    return check_paths([national], ANONYMOUS)


def test_plan_covers_every_gemeente_of_the_year_in_proportion_to_inhabitants() -> None:
    start, end = period(2024, None)
    valid = {g.code for g in gemeente_table() if g.valid_during(start, end) and g.inwoners > 0}
    plan = plan_national(year=2024, half=None, per_1000=5.0)
    assert {g.code for g, _ in plan} == valid
    inhabitants = sum(g.inwoners for g, _ in plan)
    assert sum(n for _, n in plan) == pytest.approx(inhabitants * 5 / 1000, rel=0.01)
    by_size = sorted(plan, key=lambda item: item[0].inwoners)
    assert [n for _, n in by_size] == sorted(n for _, n in by_size)   # more inhabitants, never fewer trajecten
    assert by_size[-1][1] > 20 * by_size[0][1]


def test_plan_subset_is_spread_and_keeps_the_gemeenten_with_defects() -> None:
    plan = plan_national(year=2024, half=None, per_1000=5.0, max_files=5, keep=["0363"])
    codes = [g.code for g, _ in plan]
    assert len(codes) == 5 and "0363" in codes and codes == sorted(codes)


def test_one_file_per_gemeente_named_as_ddas_expects(national: Path) -> None:
    docs = documents(national)
    assert len(docs) == 6
    for name, document in docs.items():   # the file-name rules (F01, F02, F06) are checked with the set below
        assert re.fullmatch(r"SHV_2024_[^_.\s]+\.json", name), name
        codes = {item["gemeentecode"] for levering in document["leveringen"]
                 for item in levering["schuldhulptrajecten"]}
        assert len(codes) == 1
        assert name == file_name("SHV", 2024, gemeente_table().get(codes.pop()))


def test_file_sizes_follow_inhabitants(national: Path) -> None:
    sizes = {}
    for document in documents(national).values():
        trajecten = document["leveringen"][0]["schuldhulptrajecten"]
        gemeente = gemeente_table().get(trajecten[0]["gemeentecode"])
        sizes[gemeente.code] = (gemeente.inwoners, len(trajecten))
    for inwoners, count in sizes.values():
        assert count == max(1, round(inwoners * 5 / 1000))


def test_pseudonyms_are_unique_across_the_set(national: Path) -> None:
    owner: dict[str, str] = {}
    for name, document in documents(national).items():
        for value in bsn_values(document):
            assert owner.setdefault(value, name) == name, "a pseudonym in two files"
            assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value)


def test_clean_files_have_no_errors_and_the_set_no_cross_file_findings(national_checked) -> None:
    rules = Counter(f.rule for f in national_checked.findings)
    assert not CROSS_FILE & set(rules), rules
    assert "C09" not in rules   # one pseudonym shape everywhere
    errors = {(Path(f.file).name, f.rule) for f in national_checked.findings if f.severity == "error"}
    assert {name for name, _ in errors} == {"SHV_2024_Amsterdam.json"}   # only the file with the injected defect
    assert ("SHV_2024_Amsterdam.json", "T01") in errors


def test_the_defect_lands_in_the_chosen_file_only(national: Path, national_checked) -> None:
    manifest = json.loads((national.parent / "verwacht.json").read_text(encoding="utf-8"))
    expected = {(entry["bestand"], d["rule"], d["path"]) for entry in manifest["bestanden"] for d in entry["defecten"]}
    assert {name for name, _, _ in expected} == {"SHV_2024_Amsterdam.json"}
    found = {(Path(f.file).name, f.rule, f.path) for f in national_checked.findings if f.severity != "info"}
    assert found == expected


def test_same_seed_same_set_other_seed_other_set(tmp_path: Path) -> None:
    def digest(folder: Path) -> str:
        return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.glob("*.json")))).hexdigest()

    generate(tmp_path / "a", "--max-bestanden", "3", "--seed", "9", "--per-1000", "1")
    generate(tmp_path / "b", "--max-bestanden", "3", "--seed", "9", "--per-1000", "1")
    generate(tmp_path / "c", "--max-bestanden", "3", "--seed", "10", "--per-1000", "1")
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


def test_vs_national_set_is_clean(tmp_path: Path) -> None:
    generate(tmp_path, "--domain", "vs", "--max-bestanden", "3", "--per-1000", "20")
    names = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(names) == 3 and all(name.startswith("VS_2024_") for name in names)
    result = check_paths([tmp_path], ANONYMOUS)
    assert not [f for f in result.findings if f.severity != "info"]


@pytest.mark.parametrize(("args", "says"), [
    (["--defect", "T01"], "REGEL@GEMEENTECODE"),
    (["--defect", "T01@9999", "--max-bestanden", "2"], "9999"),
    (["--defect", "XX1@0363"], "niet maken"),
    (["--gemeente", "0003"], "bestond niet"),
])
def test_unusable_arguments_exit_2_with_a_dutch_message(tmp_path: Path, args: list[str], says: str) -> None:
    result = CliRunner().invoke(app, ["generate", "--landelijk", "--output", str(tmp_path / "set"), *args])
    assert result.exit_code == 2
    assert says in result.output
    assert "Traceback" not in result.output


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bestand.json"
    target.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["generate", "--landelijk", "--output", str(target), "--max-bestanden", "1"])
    assert result.exit_code == 2 and "map" in result.output


def test_a_folder_that_already_holds_deliveries_is_refused(tmp_path: Path) -> None:
    # writing a new set over an old one mixed both, and checking the folder then reported overlaps between them
    target = tmp_path / "set"
    generate(target, "--max-bestanden", "1")
    before = sorted(path.name for path in target.iterdir())
    result = CliRunner().invoke(app, ["generate", "--landelijk", "--output", str(target), "--max-bestanden", "2"])
    assert result.exit_code == 2 and "bevat al .json-bestanden" in result.output
    assert sorted(path.name for path in target.iterdir()) == before


def test_national_options_without_landelijk_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", "--output", str(tmp_path / "x.json"), "--max-bestanden", "2"])
    assert result.exit_code == 2 and "--landelijk" in result.output
