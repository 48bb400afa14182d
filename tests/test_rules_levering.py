"""File- and levering-level rules (F06, F07, L01-L10) beyond their cases (tests/cases/bestand.py and
levering.py): messages, zips, several problems in one file."""

from __future__ import annotations

import copy
import io
import json
import zipfile

from cases.levering import L0, L1, T, org
from cases.levering import codes as _codes
from cases.levering import split as _split
from conftest import IDENTIFIERS, base_delivery

from ddas_quality.pipeline import Options, check_paths


def _findings(doc: dict, write_delivery, *rules: str) -> list:
    """The findings for `doc`; only those of `rules` (and only their checks run: much faster) when given."""
    return check_paths([write_delivery(doc)], Options(select=list(rules) or None)).findings


def test_f06_zip_member_uses_its_own_name(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("SHV_2023_Vlieland.json", json.dumps(base_delivery()))
        archive.writestr("SHV_2024_Vlieland.json", json.dumps(base_delivery()))
    path = tmp_path / "SHV_2024_levering.zip"
    path.write_bytes(buffer.getvalue())
    findings = check_paths([path], Options(select=["F06"])).findings
    assert [(f.file.rsplit("!", 1)[-1], f.path) for f in findings] == [("SHV_2023_Vlieland.json", "$")]
    assert "2023" in findings[0].message and "2024-12-31" in findings[0].message


def test_f07_and_l06_name_the_codes_with_counts(write_delivery) -> None:
    doc = base_delivery()
    _codes((1, "0363"), (2, "GM0363"))(doc)
    findings = {f.rule: f for f in _findings(doc, write_delivery, "F07", "L06")}
    assert "0096 (2 trajecten), 0363 (2 trajecten)" in findings["F07"].message
    assert "0096 (2 trajecten), 0363 (2 trajecten)" in findings["L06"].message
    assert [f.path for f in _findings(doc, write_delivery, "L05")] == [f"{T}[1]", f"{T}[2]"]


def test_l03_before_start_is_one_error_not_also_the_warning(write_delivery) -> None:
    doc = base_delivery()
    doc["aanleverdatumEnTijd"] = "2023-12-20T09:00:00Z"
    findings = _findings(doc, write_delivery, "L03")
    assert [(f.severity, f.path) for f in findings] == [("error", "$")]
    assert "2023-12-20" in findings[0].message and "2024-01-01" in findings[0].message


def test_l04_duplicate_and_gap_in_one_file(write_delivery) -> None:
    doc = base_delivery()
    _split((1, 3))(doc)
    third = copy.deepcopy(doc["leveringen"][1])
    doc["leveringen"].append(third)
    findings = sorted((f.path, f.severity) for f in _findings(doc, write_delivery, "L04"))
    assert findings == [(L1, "warning"), ("$.leveringen[2]", "error")]


def test_l08_message_holds_no_contact_details(write_delivery) -> None:
    doc = base_delivery()
    org(doc)["contactpersonen"] = [
        {"naam": "Ria Testpersoon", "email": "co.ordinator@vlieland", "telefoonnummer": "0612300000"},
        {"naam": "Ria Testpersoon", "email": "geen adres", "telefoonnummer": "0612300000"},
    ]
    findings = _findings(doc, write_delivery, "L08")
    assert len(findings) == 1
    text = findings[0].message + json.dumps(findings[0].context)
    assert "2 contactpersonen" in text
    for value in (*IDENTIFIERS, "co.ordinator@vlieland", "geen adres"):
        assert value not in text


def test_empty_levering_alone_does_not_crash_and_gives_l10(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    findings = _findings(doc, write_delivery, "F", "L")
    assert [(f.rule, f.path) for f in findings] == [("L10", L0)]


def test_file_without_leveringen_does_not_crash(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"] = []
    assert _findings(doc, write_delivery, "F", "L") == []


def test_l04_message_counts_two_leveringen_with_the_same_teller_as_two(write_delivery) -> None:
    doc = base_delivery()
    _split((2, 2))(doc)
    findings = _findings(doc, write_delivery, "L04")
    assert sorted(f.severity for f in findings) == ["error", "warning"]
    warning = next(f for f in findings if f.severity == "warning")
    assert "één levering" not in warning.message and "2, 2" in warning.message, warning.message
    single = base_delivery()
    single["leveringen"][0]["teller"] = 2
    (only,) = _findings(single, write_delivery, "L04")
    assert "één levering, met teller 2" in only.message
