"""File- and levering-level rules (F06, F07, L01-L10): failing and passing cases as small patches on the base
delivery."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from conftest import IDENTIFIERS, Case, base_delivery, combine, nothing, traject

from ddas_quality.run import check_paths

L0 = "$.leveringen[0]"
L1 = "$.leveringen[1]"
T = f"{L0}.schuldhulptrajecten"


def org(doc: dict, lev: int = 0) -> dict:
    return doc["leveringen"][lev]["aanleverende_organisatie"]


def _top(**fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc.update(fields)
    return patch


def _drop_top(key: str) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc.pop(key)
    return patch


def _codes(*codes: tuple[int, str]) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        for i, code in codes:
            traject(doc, i)["gemeentecode"] = code
    return patch


def _org(drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        for key in drop:
            org(doc).pop(key, None)
        org(doc).update(fields)
    return patch


def _kredietbank(doc: dict) -> None:
    """The levering comes from an organisation that is not a gemeente (no gemeentecode)."""
    org(doc).pop("gemeentecode")
    org(doc).update({"(Statutaire) Naam": "Kredietbank Test", "KvK-nummer": "12345678"})


def _split(tellers: tuple[int, ...], move: int = 1, empty_second: bool = False) -> Callable[[dict], None]:
    """Two leveringen: the last `move` trajecten go to a copy of the first levering."""
    def patch(doc: dict) -> None:
        first = doc["leveringen"][0]
        second = copy.deepcopy(first)
        trajecten = first["schuldhulptrajecten"]
        second["schuldhulptrajecten"] = [] if empty_second else trajecten[-move:]
        if not empty_second:
            del trajecten[-move:]
        doc["leveringen"].append(second)
        for levering, teller in zip(doc["leveringen"], tellers, strict=True):
            levering["teller"] = teller
    return patch


_FUTURE = (date.today() + timedelta(days=2)).isoformat()

CASES = [
    # F06 — year in the file name = year of einddatumLevering
    Case("F06", "jaar in naam wijkt af", nothing, "$", "warning", file_name="Vlieland_2023"),
    Case("F06", "halfjaar 2025 in bestand van 2024", _top(startdatumLevering="2025-01-01",
                                                          einddatumLevering="2025-06-30",
                                                          aanleverdatumEnTijd="2025-07-20T09:00:00Z"), "$"),
    Case("F06", "jaar klopt", nothing, None),
    Case("F06", "einddatumLevering ontbreekt (S01)", _drop_top("einddatumLevering"), None),
    # F07 — one gemeente per file
    Case("F07", "twee gemeenten in één levering", _codes((1, "0363")), "$", "warning"),
    Case("F07", "twee gemeenten in aparte leveringen", combine(_split((1, 2)), lambda d: d["leveringen"][1][
        "schuldhulptrajecten"][0].update(gemeentecode="0363")), "$", "warning"),
    Case("F07", "GM0096 en 0096 zijn dezelfde gemeente", _codes((1, "GM0096"), (2, "GM0096")), None),
    Case("F07", "Onbekend telt niet als tweede gemeente", combine(_kredietbank, _codes((1, "Onbekend"))), None),
    # L01 — startdatumLevering <= einddatumLevering
    Case("L01", "start na einde", _top(startdatumLevering="2025-01-01"), "$", "error"),
    Case("L01", "periode van één dag", _top(startdatumLevering="2024-12-31"), None),
    Case("L01", "startdatum ontbreekt (S01)", _drop_top("startdatumLevering"), None),
    # L02 — half year or calendar year
    Case("L02", "periode begint op 15 januari", _top(startdatumLevering="2024-01-15"), "$", "warning"),
    Case("L02", "1 juli tot 30 juni", _top(startdatumLevering="2023-07-01", einddatumLevering="2024-06-30"),
         "$", "warning"),
    Case("L02", "tweede halfjaar is goed", _top(startdatumLevering="2024-07-01"), None),
    Case("L02", "eerste halfjaar is goed",
         _top(einddatumLevering="2024-06-30", aanleverdatumEnTijd="2024-07-15T09:00:00Z"), None),
    Case("L02", "stil als L01 al faalt", _top(startdatumLevering="2025-01-01"), None),
    # L03 — aanleverdatum not before the period; warning before its end or in the future
    Case("L03", "aangeleverd voor de peilperiode", _top(aanleverdatumEnTijd="2023-12-20T09:00:00Z"), "$", "error"),
    Case("L03", "aangeleverd tijdens de peilperiode", _top(aanleverdatumEnTijd="2024-11-01T09:00:00Z"),
         "$", "warning"),
    Case("L03", "aangeleverd op de laatste dag", _top(aanleverdatumEnTijd="2024-12-31T16:00:00+01:00"),
         "$", "warning"),
    Case("L03", "tijdens de peilperiode, startdatumLevering ontbreekt (S01)",
         combine(_drop_top("startdatumLevering"), _top(aanleverdatumEnTijd="2024-11-01T09:00:00Z")), "$", "warning"),
    Case("L03", "aanleverdatum in de toekomst", _top(aanleverdatumEnTijd=f"{_FUTURE}T09:00:00Z"), "$", "warning"),
    Case("L03", "net na middernacht in de eigen tijdzone", _top(aanleverdatumEnTijd="2025-01-01T00:30:00+01:00"),
         None),
    # L04 — teller unique (error) and 1..n (warning)
    Case("L04", "dubbele teller", _split((1, 1)), L1, "error"),
    Case("L04", "gat in de reeks", _split((1, 3)), L1, "warning"),
    Case("L04", "samenloopbestand met alleen levering 2", lambda d: d["leveringen"][0].update(teller=2), L0,
         "warning"),
    Case("L04", "tellers 2 en 1 in andere volgorde", _split((2, 1)), None),
    Case("L04", "teller ontbreekt (S01)", lambda d: d["leveringen"][0].pop("teller"), None),
    # L05 — a self-delivering gemeente's trajecten carry its code
    Case("L05", "traject van een andere gemeente", _codes((2, "0363")), f"{T}[2]", "error"),
    Case("L05", "Onbekend bij een gemeente die zelf levert", _codes((3, "Onbekend")), f"{T}[3]", "error"),
    Case("L05", "GM0096 is de eigen code", _codes((0, "GM0096")), None),
    Case("L05", "organisatie zonder gemeentecode", combine(_kredietbank, _codes((2, "0363"))), None),
    Case("L05", "ongeldige code is T04, niet L05", _codes((2, "96")), None),
    # L06 — one gemeente per levering
    Case("L06", "twee gemeenten in één levering", combine(_kredietbank, _codes((2, "0363"))), L0, "warning"),
    Case("L06", "aparte levering per gemeente", combine(_kredietbank, _split((1, 2)), lambda d: d["leveringen"][1][
        "schuldhulptrajecten"][0].update(gemeentecode="0363")), None),
    Case("L06", "GM0096 en 0096 in één levering", _codes((1, "GM0096")), None),
    Case("L06", "Onbekend naast een code", combine(_kredietbank, _codes((1, "Onbekend"))), None),
    # L07 — KvK-nummer
    Case("L07", "geen gemeentecode en geen KvK-nummer", _org(drop=("gemeentecode",)), L0, "warning"),
    Case("L07", "KvK-nummer van 7 cijfers", combine(_kredietbank, _org(**{"KvK-nummer": "1234567"})), L0, "warning"),
    Case("L07", "gemeente zonder KvK-nummer is goed", nothing, None),
    Case("L07", "kredietbank met KvK-nummer is goed", _kredietbank, None),
    Case("L07", "KvK-nummer als getal (S01)", _org(drop=("gemeentecode",), **{"KvK-nummer": 12345678}), None),
    # L08 — a contactpersoon with a valid e-mail address
    Case("L08", "e-mailadres zonder domein", lambda d: org(d)["contactpersonen"][0].update(email="schuldhulp@"),
         L0, "warning"),
    Case("L08", "geen contactpersonen", _org(drop=("contactpersonen",)), L0, "warning"),
    Case("L08", "tweede contactpersoon heeft een geldig adres",
         lambda d: org(d)["contactpersonen"].insert(0, {"naam": "Zonder Mail", "functietitel": "Medewerker"}), None),
    Case("L08", "organisatieblok ontbreekt (S01)", lambda d: d["leveringen"][0].pop("aanleverende_organisatie"),
         None),
    # L09 — version number in codeGegevensleverancier
    Case("L09", "alleen de naam", _top(codeGegevensleverancier="SchuldSoft"), "$", "warning"),
    Case("L09", "cijfer in de naam is geen versie", _top(codeGegevensleverancier="Schuld4All"), "$", "warning"),
    Case("L09", "versie v3", _top(codeGegevensleverancier="Schuld4All v3"), None),
    Case("L09", "versie 2024.1", _top(codeGegevensleverancier="SchuldSoft2024.1"), None),
    Case("L09", "veld ontbreekt (S01)", _drop_top("codeGegevensleverancier"), None),
    # L10 — levering without schuldhulptrajecten
    Case("L10", "lege lijst in een tweede levering", _split((1, 2), empty_second=True), L1, "warning"),
    Case("L10", "veld ontbreekt in een tweede levering",
         combine(_split((1, 2), empty_second=True), lambda d: d["leveringen"][1].pop("schuldhulptrajecten")),
         L1, "warning"),
    Case("L10", "levering met trajecten", nothing, None),
]


def _write(tmp_path, doc: dict, name: str):
    path = tmp_path / f"SHV_2024_{name}.json" if not name.startswith("SHV_") else tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: Case, tmp_path) -> None:
    doc = base_delivery()
    case.patch(doc)
    name = "SHV_2023_Vlieland.json" if case.file_name == "Vlieland_2023" else case.file_name
    findings = [f for f in check_paths([_write(tmp_path, doc, name)]).findings if f.rule == case.rule]
    if case.path is None:
        assert findings == [], [f.message for f in findings]
    else:
        assert [f.path for f in findings] == [case.path], [(f.path, f.message) for f in findings]
        assert findings[0].message
        if case.severity:
            assert findings[0].severity == case.severity, findings[0].message


def _findings(doc: dict, write_delivery, name: str = "Vlieland") -> list:
    return check_paths([write_delivery(doc, name)]).findings


def test_f06_zip_member_uses_its_own_name(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("SHV_2023_Vlieland.json", json.dumps(base_delivery()))
        archive.writestr("SHV_2024_Vlieland.json", json.dumps(base_delivery()))
    path = tmp_path / "SHV_2024_levering.zip"
    path.write_bytes(buffer.getvalue())
    findings = [f for f in check_paths([path]).findings if f.rule == "F06"]
    assert [(f.file.rsplit("!", 1)[-1], f.path) for f in findings] == [("SHV_2023_Vlieland.json", "$")]
    assert "2023" in findings[0].message and "2024-12-31" in findings[0].message


def test_f07_and_l06_name_the_codes_with_counts(write_delivery) -> None:
    doc = base_delivery()
    _codes((1, "0363"), (2, "GM0363"))(doc)
    findings = {f.rule: f for f in _findings(doc, write_delivery)}
    assert "0096 (2 trajecten), 0363 (2 trajecten)" in findings["F07"].message
    assert "0096 (2 trajecten), 0363 (2 trajecten)" in findings["L06"].message
    assert [f.path for f in _findings(doc, write_delivery) if f.rule == "L05"] == [f"{T}[1]", f"{T}[2]"]


def test_l03_before_start_is_one_error_not_also_the_warning(write_delivery) -> None:
    doc = base_delivery()
    doc["aanleverdatumEnTijd"] = "2023-12-20T09:00:00Z"
    findings = [f for f in _findings(doc, write_delivery) if f.rule == "L03"]
    assert [(f.severity, f.path) for f in findings] == [("error", "$")]
    assert "2023-12-20" in findings[0].message and "2024-01-01" in findings[0].message


def test_l04_duplicate_and_gap_in_one_file(write_delivery) -> None:
    doc = base_delivery()
    _split((1, 3))(doc)
    third = copy.deepcopy(doc["leveringen"][1])
    doc["leveringen"].append(third)
    findings = sorted((f.path, f.severity) for f in _findings(doc, write_delivery) if f.rule == "L04")
    assert findings == [(L1, "warning"), ("$.leveringen[2]", "error")]


def test_l08_message_holds_no_contact_details(write_delivery) -> None:
    doc = base_delivery()
    org(doc)["contactpersonen"] = [
        {"naam": "Ria Testpersoon", "email": "co.ordinator@vlieland", "telefoonnummer": "0612300000"},
        {"naam": "Ria Testpersoon", "email": "geen adres", "telefoonnummer": "0612300000"},
    ]
    findings = [f for f in _findings(doc, write_delivery) if f.rule == "L08"]
    assert len(findings) == 1
    text = findings[0].message + json.dumps(findings[0].context)
    assert "2 contactpersonen" in text
    for value in (*IDENTIFIERS, "co.ordinator@vlieland", "geen adres"):
        assert value not in text


def test_empty_levering_alone_does_not_crash_and_gives_l10(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    findings = _findings(doc, write_delivery)
    assert [(f.rule, f.path) for f in findings if f.rule[0] in "FL"] == [("L10", L0)]


def test_file_without_leveringen_does_not_crash(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"] = []
    assert [f for f in _findings(doc, write_delivery) if f.rule[0] in "FL"] == []
