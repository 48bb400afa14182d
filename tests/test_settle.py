"""Small SHV files keep their rows until several are made into frames at once (`flatten.Settler`): the frames
a run gets must not depend on how its files were grouped, and files keep their order."""

from __future__ import annotations

import copy

import pandas as pd
from conftest import base_delivery

from ddas_quality.domains import get_domain
from ddas_quality.domains.shv.flatten import flatten
from ddas_quality.flatten import Settler, concat_frames
from ddas_quality.privacy import Keyer

KEY = Keyer(b"k" * 32)


def _documents() -> list[tuple[str, dict]]:
    """Files that make columns of different kinds when alone: no trajecten at all (every frame empty, its
    columns objects), schulden without any bedrag (a number column of only missing values)."""
    plain = base_delivery()
    empty = base_delivery()
    empty["leveringen"][0]["schuldhulptrajecten"] = []
    no_amounts = base_delivery()
    for traject in no_amounts["leveringen"][0]["schuldhulptrajecten"]:
        for schuld in traject.get("schulden", []):
            schuld.pop("bedrag", None)
    return [("a.json", plain), ("leeg.json", empty), ("zonder-bedrag.json", no_amounts), ("b.json", plain)]


def _flats() -> list:
    return [flatten(copy.deepcopy(document), name, KEY) for name, document in _documents()]


def test_frames_are_the_same_however_files_are_grouped() -> None:
    flats = _flats()
    assert all(flat.built is None for flat in flats)          # small files wait to be made into frames
    together = concat_frames(flats)                           # one run: made at once
    alone = _flats()
    for flat in alone:
        assert len(flat.frames["trajecten"]) == flat.tables["trajecten"].__len__()   # each made on its own
    apart = concat_frames(alone)
    for limit in (1, 40):                                     # runs of one file, and of a few
        settler = Settler(limit)
        for flat in _flats():
            settler.add("SHV", flat)
        grouped = concat_frames([flat for _, flat in settler.done()])
        for name, frame in together.items():
            pd.testing.assert_frame_equal(grouped[name], frame, obj=f"{name} (limit {limit})")
    for name, frame in together.items():
        pd.testing.assert_frame_equal(apart[name], frame, obj=name)
    assert together["schulden"]["bedrag"].dtype == "float64"
    assert together["trajecten"]["traject_nr"].is_unique
    assert list(dict.fromkeys(together["trajecten"]["file"])) == ["a.json", "zonder-bedrag.json", "b.json"]


def test_a_settler_keeps_the_order_of_each_domain_and_bounds_a_run() -> None:
    vs_document = get_domain("VS").stage("generator").generate(5, seed=3, year=2025, half=None,
                                                                gemeentecodes=None, defects=()).document
    vs = get_domain("VS").stage("flatten").flatten(vs_document, "VS_2025_X.json", KEY)
    assert vs.built is not None
    flats = _flats()
    made_early = flats[2]
    # a file whose frames were made before it was added ends the run before it
    assert made_early.frames["trajecten"] is not None
    rows = sum(len(table) for table in flats[0].tables.values())
    settler = Settler(limit=rows)
    for name, flat in [("SHV", flats[0]), ("VS", vs), ("SHV", flats[1]), ("SHV", made_early), ("SHV", flats[3])]:
        settler.add(name, flat)
    settled = settler.done()
    assert [name for name, _ in settled] == ["SHV", "VS", "SHV", "SHV", "SHV"]
    shv = [flat for name, flat in settled if name == "SHV"]
    assert [list(dict.fromkeys(flat.frames["trajecten"]["file"])) for flat in shv] == [
        ["a.json"], [], ["zonder-bedrag.json"], ["b.json"]]
    assert sum(flat.documents for flat in shv) == 4
    joined = concat_frames(shv)
    assert list(dict.fromkeys(joined["trajecten"]["file"])) == ["a.json", "zonder-bedrag.json", "b.json"]
