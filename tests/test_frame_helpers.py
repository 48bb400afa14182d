"""The row collector and the per-distinct-value map that flatten and derive rely on for speed: they must give
exactly what the plain ways give (a list of dicts, `Series.map`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ddas_quality.domains.common.distinct import map_distinct
from ddas_quality.domains.common.values import Columns
from ddas_quality.gemeenten import comparison_code, shown_code


def _rows_as_frame(rows: list[dict]) -> pd.DataFrame:
    columns = Columns()
    for row in rows:
        columns.add(**row)
    assert columns.size == len(rows)
    return pd.DataFrame(columns.data)


@pytest.mark.parametrize("chunk", [1, 2, 32_768])
def test_rows_with_changing_keys_come_out_as_a_list_of_dicts_would(chunk: int, monkeypatch) -> None:
    monkeypatch.setattr(Columns, "CHUNK", chunk)
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3, "c": True}, {"b": "z", "a": 4}, {"a": 5, "b": None}]
    frame = _rows_as_frame(rows)
    expected = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": ["x", "y", None, "z", None],
                             "c": [None, None, True, None, None]})
    pd.testing.assert_frame_equal(frame, expected)


def test_joined_collectors_keep_the_rows_of_each_part_in_turn() -> None:
    head, empty, middle, tail = Columns(), Columns(), Columns(), Columns()
    head.add(a=1, b="x")
    middle.add(a=2, c=3.5)
    middle.add(a=3, c=4.5)
    tail.add(b="y", a=4)
    joined = Columns.joined(head, empty, middle, tail)
    assert joined.size == 4
    assert joined.data == {"a": [1, 2, 3, 4], "b": ["x", None, None, "y"], "c": [None, 3.5, 4.5, None]}
    assert head.data == {} and head.size == 0   # moved, not copied


def test_an_empty_collector_has_no_columns() -> None:
    assert Columns().data == {}


@pytest.mark.parametrize("func", [shown_code, comparison_code])
@pytest.mark.parametrize("dtype", ["object", "str"])
def test_map_distinct_equals_map(func, dtype: str) -> None:
    values = ["0363", "GM0363", None, "Onbekend", "123456782", " 0599 ", "0363"] * 20
    series = pd.Series(values, dtype=dtype, index=np.arange(len(values)) * 3, name="gemeentecode")
    pd.testing.assert_series_equal(map_distinct(series, func), series.map(func))
    assert map_distinct(series, func).loc[12] == series.map(func).loc[12]


def test_map_distinct_on_an_empty_text_series_keeps_its_type() -> None:
    series = pd.Series([], dtype="str")
    pd.testing.assert_series_equal(map_distinct(series, shown_code), series.map(shown_code))


def _most_common_plainly(values: pd.Series, groups: np.ndarray, min_records: int) -> list[tuple]:
    """A04's count the plain way: per group the filled values, the most common one (a tie: the one seen first)."""
    rows = []
    for group in sorted(set(groups)):
        mine = values[(groups == group) & values.notna().to_numpy()]
        if len(mine) < min_records:
            continue
        counts = mine.value_counts(sort=False)   # in order of first occurrence
        rows.append((group, len(mine), int(mine.index[0]), float(counts.idxmax()), int(counts.max())))
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_a04_most_common_value_matches_a_plain_count_ties_going_to_the_first_seen(seed: int) -> None:
    from ddas_quality.domains.shv.derive_trajecten import _most_common

    rng = np.random.default_rng(seed)
    size = 400
    values = pd.Series(rng.integers(0, 6, size).astype("float64"))
    values[rng.random(size) < 0.2] = np.nan           # empty fields: not counted, not filled
    groups = rng.integers(0, 7, size)
    got = _most_common(values, groups, min_records=50)
    expected = _most_common_plainly(values, groups, 50)
    assert expected, "the test data must have groups above the minimum"
    assert [tuple(row) for row in got[["groep", "gevuld", "rij", "waarde_getal", "aantal"]].itertuples(
        index=False)] == expected


def test_a04_tie_names_the_value_that_occurs_first() -> None:
    from ddas_quality.domains.shv.derive_trajecten import _most_common

    values = pd.Series([5.0, 3.0, 3.0, 5.0, None, 7.0])
    got = _most_common(values, np.zeros(6, dtype="int64"), min_records=3)
    assert got[["gevuld", "rij", "waarde_getal", "aantal"]].values.tolist() == [[5, 0, 5.0, 2]]


def test_expected_count_is_pro_rata_per_calendar_month_also_in_a_leap_year() -> None:
    """rules.md: 5 per 1,000 inhabitants per year, pro rata for a half year: 2024 (366 days) counts one year."""
    from ddas_quality.domains.common.plausibility import expected_count

    starts = pd.to_datetime(pd.Series(["2024-01-01", "2024-01-01", "2024-07-01", "2023-01-01", "2024-03-05"]))
    ends = pd.to_datetime(pd.Series(["2024-12-31", "2024-06-30", "2024-12-31", "2023-12-31", "2024-06-03"]))
    got = expected_count(pd.Series([46_000.0] * 5), starts, ends, 5.0).tolist()
    assert got[:4] == [230.0, 115.0, 115.0, 230.0]
    assert got[4] == pytest.approx(230.0 * 91 / 365.25)   # not whole months: counted in days


def test_rows_find_their_traject_as_a_left_join_would() -> None:
    """Derive ties fasen, clienten and schulden to their traject by its number from flatten: the same values a
    join on file and traject path gives, over three joined files of which two use the same paths, and with a
    traject left out (as derive leaves out one with a reversed peilperiode)."""
    from conftest import base_delivery

    from ddas_quality.domains.shv.flatten import flatten
    from ddas_quality.domains.shv.traject_rows import traject_positions, traject_runs, traject_values
    from ddas_quality.flatten import concat_frames
    from ddas_quality.privacy import Keyer

    document = base_delivery()
    trajecten = document["leveringen"][0]["schuldhulptrajecten"]
    assert len(trajecten) >= 2
    document["leveringen"][0]["schuldhulptrajecten"] = [trajecten[0], "geen object", *trajecten[1:]]
    flats = [flatten(document, name, Keyer(b"k" * 32)) for name in ("a.json", "b.json", "a.json")]
    frames = concat_frames(flats)
    kept = frames["trajecten"].drop(index=[1])   # left out
    for name in ("fasen", "clienten", "schulden"):
        rows = frames[name].copy()
        assert len(rows) and rows["traject_nr"].dtype == np.int32
        if name == "schulden":   # no traject path column (memory): it is the start of the schuld's own path
            rows["traject_path"] = rows["path"].str.extract(r"^(\$\.leveringen\[\d+\]\.schuldhulptrajecten\[\d+\])")[0]
        joined = rows.merge(frames["trajecten"].rename(columns={"path": "traject_path", "startdatum": "start"})[
            ["file", "traject_path", "start"]].drop_duplicates(["file", "traject_path"]),
            on=["file", "traject_path"], how="left")
        values = traject_values(frames["trajecten"], rows, {"startdatum": "start"})["start"]
        assert values.index.tolist() == rows.index.tolist()
        assert values.notna().all()
        pd.testing.assert_series_equal(values.reset_index(drop=True), joined["start"], check_names=False)
        # the second file's rows find the second file's trajecten, not the first's with the same path
        positions = traject_positions(frames["trajecten"], rows)
        assert (frames["trajecten"]["file"].to_numpy()[positions] == rows["file"].to_numpy()).all()
        assert (frames["trajecten"]["path"].to_numpy()[positions] == rows["traject_path"].to_numpy()).all()
        runs = traject_runs(rows)
        assert runs.tolist() == pd.Series(positions).ne(pd.Series(positions).shift()).cumsum().sub(1).tolist()
        left_out = traject_positions(kept, rows)
        gone = rows["traject_nr"].eq(frames["trajecten"]["traject_nr"].iloc[1]).to_numpy()
        assert (left_out[gone] == -1).all() and (left_out[~gone] >= 0).all()
    assert frames["trajecten"]["traject_nr"].is_unique
    assert traject_positions(frames["trajecten"], frames["fasen"].iloc[:0]).tolist() == []
