"""Privacy is a hard rule: no output ever shows a BSN, birth date, postcode, or contact details from the input.

Every sample with defects goes through every reporter (terminal, JSON, JUnit, HTML with GX data docs), and
all output is searched for the identifying values found in the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BSN_A, IDENTIFIERS, SAMPLE_DATA, base_delivery
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.pipeline import check_paths
from ddas_quality.reporters import html_report, json_report, junit

runner = CliRunner()


def identifying_values(document: object) -> set[str]:
    """Every BSN, birth date, postcode, house-number combination and contact detail in a delivery."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("Burgerservicenummer", "Geboortedatum", "Postcode"):
                if isinstance(node.get(key), str) and len(node[key]) >= 6:
                    found.add(node[key])
            if isinstance(node.get("Postcode"), str) and node.get("Huisnummer") is not None:
                found.add(f"{node['Postcode']} {node['Huisnummer']}")
            for contact in node.get("contactpersonen", []) if isinstance(node.get("contactpersonen"), list) else []:
                for key in ("email", "naam", "telefoonnummer"):
                    if isinstance(contact, dict) and isinstance(contact.get(key), str):
                        found.add(contact[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def _all_output(tmp_path: Path, inputs: list[Path]) -> str:
    """Everything a user can see: the terminal summary as the command prints it, and the JSON, JUnit and HTML
    reports (data docs included) rendered from one run (the command only picks the reporter)."""
    texts = [runner.invoke(app, ["check", *map(str, inputs)]).output]
    result = check_paths(inputs)
    texts += [json_report.render(result), junit.render(result)]
    out = html_report.write(result, tmp_path / "rapport").parent
    texts.extend(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    return "\n".join(texts)


def _defective_delivery() -> dict:
    doc = base_delivery()
    trajecten = doc["leveringen"][0]["schuldhulptrajecten"]
    trajecten[2]["client"][0]["Burgerservicenummer"] = "999990001"          # C01, must be masked
    trajecten[1]["startdatum"] = "2024-05-01"                               # C07 with BSN_A
    trajecten[1]["aanmelding"]["startdatum"] = "2024-05-01"
    trajecten[0]["client"][0]["Geboortedatum"] = "1961-13-40"               # not a date: never quoted
    trajecten[3]["client"][0]["Geslachtsaanduiding"] = None                 # S02 inside a client
    trajecten[3]["client"][1]["Postcode"] = 8899                            # S01 type error inside a client
    doc["leveringen"][0]["aanleverende_organisatie"]["contactpersonen"][0]["email"] = "ria@@vlieland"  # S01 format
    return doc


def test_no_identifier_in_any_output(tmp_path, write_delivery) -> None:
    doc = _defective_delivery()
    output = _all_output(tmp_path, [write_delivery(doc)])
    assert "C01" in output and "C07" in output and "S02" in output      # the defects were reported ...
    leaked = [value for value in identifying_values(doc) | set(IDENTIFIERS) | {"999990001", "1961-13-40",
                                                                              "ria@@vlieland"}
              if value in output]
    assert leaked == []                                                  # ... without showing who
    assert "******001" in output and "******019" in output              # masked BSNs are the most shown


@pytest.mark.parametrize("sample", sorted(SAMPLE_DATA.glob("*.json")), ids=lambda p: p.name)
def test_samples_leak_nothing(sample: Path, tmp_path) -> None:
    if sample.name == "defecten.verwacht":
        pytest.skip("manifest, not a delivery")
    document = json.loads(sample.read_text(encoding="utf-8"))
    values = identifying_values(document)
    assert values, "sample without identifiers proves nothing"
    output = _all_output(tmp_path, [sample])
    assert [v for v in values if v in output] == []


def test_bsn_in_a_broken_file_is_not_echoed(tmp_path) -> None:
    path = tmp_path / "SHV_2024_Kapot.json"
    path.write_text('{"client": [{"Burgerservicenummer": "' + BSN_A + '" "Postcode": "8899ZX"}]}', encoding="utf-8")
    output = _all_output(tmp_path, [path])
    assert "F05" in output and BSN_A not in output and "8899ZX" not in output
