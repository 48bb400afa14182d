"""C09 (profile geanonimiseerd): the shape of a pseudonym, and a message that names shapes, never pseudonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from ddas_quality.domains.common.pseudonyms import shape
from ddas_quality.domains.common.synthetic import write_delivery
from ddas_quality.domains.shv.generator import generate_delivery
from ddas_quality.pipeline import Options, check_paths


@pytest.mark.parametrize(("value", "expected"), [
    ("999990019", "9 tekens, cijfers"),
    ("3f2a9c1e-0b4d-4e5f-8a7b-1c2d3e4f5a6b", "36 tekens, hex met streepjes"),
    ("3F2A9C1E0B4D", "12 tekens, hex"),
    ("PSEUDOXYZ", "9 tekens, letters"),
    ("P1234567XZ", "10 tekens, letters en cijfers"),
    ("aGVsbG8+d29ybGQ=", "16 tekens, letters, cijfers en + / = - _"),
    ("ab cd", "5 tekens, ook andere tekens"),
])
def test_shape_says_length_and_kind(value: str, expected: str) -> None:
    assert shape(value) == expected


def test_mixed_file_gets_one_warning_without_any_pseudonym(tmp_path: Path) -> None:
    document = generate_delivery(trajecten=60, seed=3, gemeentecodes=["0096"]).document
    values = []
    for n, client in enumerate(c for t in document["leveringen"][0]["schuldhulptrajecten"] for c in t["client"]
                               if "Burgerservicenummer" in c):
        if n % 5:   # every fifth client keeps its 9-digit BSN: two shapes
            client["Burgerservicenummer"] = f"{n:08x}-aaaa-4bbb-8ccc-{n * 7919:012x}"
        values.append(client["Burgerservicenummer"])
    path = tmp_path / "SHV_2024_Vlieland.json"
    write_delivery(document, path)
    anonymous = check_paths([path], Options(profile="geanonimiseerd", select=["C09"])).findings
    assert [(f.rule, f.severity, f.path) for f in anonymous] == [("C09", "warning", "$")]
    message = anonymous[0].message
    assert "36 tekens, hex met streepjes" in message and "9 tekens, cijfers" in message
    assert not [value for value in values if value in message or value[-3:] + " " in message]
    assert not check_paths([path], Options(select=["C09"])).findings   # standard profile: C09 is silent
