"""Privacy is a hard rule: no output ever shows a BSN, birth date, postcode, or contact details from the input.

Every sample with defects goes through every reporter (terminal, JSON, JUnit, HTML with GX data docs), and
all output is searched for the identifying values found in the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BSN_A, IDENTIFIERS, SAMPLE_DATA, all_output, base_delivery, identifying_values


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
    output = all_output([write_delivery(doc)], tmp_path)
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
    output = all_output([sample], tmp_path)
    assert [v for v in values if v in output] == []


def test_bsn_in_a_broken_file_is_not_echoed(tmp_path) -> None:
    path = tmp_path / "SHV_2024_Kapot.json"
    path.write_text('{"client": [{"Burgerservicenummer": "' + BSN_A + '" "Postcode": "8899ZX"}]}', encoding="utf-8")
    output = all_output([path], tmp_path)
    assert "F05" in output and BSN_A not in output and "8899ZX" not in output


def test_a_keyer_sent_to_another_process_gives_the_same_keys() -> None:
    import pickle

    from ddas_quality.privacy import Keyer

    keyer = Keyer()
    assert pickle.loads(pickle.dumps(keyer))("bsn:123456782") == keyer("bsn:123456782")
    assert Keyer()("bsn:123456782") != keyer("bsn:123456782")   # another run, another key

