"""Rows tied to their traject: for each row of fasen, clienten, schulden or a sub-period, its trajecten row.

Flatten gives every row its traject's number (`traject_nr`, unique over all files of a run). So a row finds its
traject by an array lookup, not by joining on the `file` and path texts (a national batch has 1.6 million
schulden: such joins, and later rebuilding a (file, path) index for each of them, were most of several derive
steps' cost).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..common.values import RECORD_NUMBER


def traject_runs(frame: pd.DataFrame) -> np.ndarray:
    """Per row, the number of its run of consecutive rows of one traject (flatten writes a traject's rows
    together, so a run is all its rows of that frame)."""
    if not len(frame):
        return np.zeros(0, dtype=np.int64)
    numbers = frame[RECORD_NUMBER].to_numpy()
    change = np.empty(len(frame), dtype=bool)
    change[0] = True
    np.not_equal(numbers[1:], numbers[:-1], out=change[1:])
    return np.cumsum(change) - 1


def traject_positions(trajecten: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """Per row of `frame`, the position of its traject in `trajecten`; -1 where there is none (a traject left
    out, e.g. with a reversed peilperiode). Traject numbers are unique in `trajecten` (flatten and
    `flatten.concat_frames` make them so)."""
    if not len(frame):
        return np.zeros(0, dtype=np.intp)
    numbers = trajecten[RECORD_NUMBER].to_numpy()
    wanted = frame[RECORD_NUMBER].to_numpy()
    size = int(max(numbers.max(initial=-1), wanted.max())) + 1
    position_of = np.full(size, -1, dtype=np.intp)
    position_of[numbers] = np.arange(len(numbers))
    return position_of[wanted]


def traject_values(trajecten: pd.DataFrame, frame: pd.DataFrame, columns: dict[str, str]) -> dict[str, pd.Series]:
    """Per traject column (`columns`: name in trajecten -> name to give it), its value for each row of `frame`
    (missing where the row has no traject), on the frame's index: what a left join would add, in row order."""
    positions = traject_positions(trajecten, frame)
    return {new: pd.Series(trajecten[old].array.take(positions, allow_fill=True), index=frame.index, name=new)
            for old, new in columns.items()}


def with_traject_columns(frame: pd.DataFrame, trajecten: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A copy of `frame` with `traject_values` as its last columns (a column of that name is replaced)."""
    values = traject_values(trajecten, frame, columns)
    joined = frame.drop(columns=[name for name in values if name in frame.columns])
    for name, column in values.items():
        joined[name] = column
    return joined


def rows_of_trajecten(frame: pd.DataFrame, trajecten: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows of `frame` whose traject is in `trajecten`, each with those traject `columns` beside it, numbered
    0..n-1 in row order: what an inner join on file and traject path gives."""
    positions = traject_positions(trajecten, frame)
    found = positions >= 0
    kept = frame.loc[found, [name for name in frame.columns if name not in columns]].reset_index(drop=True)
    for name in columns:
        kept[name] = trajecten[name].array.take(positions[found])
    return kept
