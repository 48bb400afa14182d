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
