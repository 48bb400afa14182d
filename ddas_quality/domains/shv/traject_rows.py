"""Rows tied to their traject: for each row of fasen, clienten, schulden or a sub-period, its trajecten row.

Flatten writes the rows of one traject together, each with the traject's `file` and path (`traject_path`). So
the traject is looked up once per run of neighbouring rows, not joined on two text columns per row (a national
batch has 1.6 million schulden; a join on file and path texts was most of the cost of several derive steps).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def traject_runs(frame: pd.DataFrame) -> np.ndarray:
    """Per row, the number of its run of consecutive rows of one traject (same `file` and `traject_path`)."""
    if not len(frame):
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(frame), dtype=bool)
    change[0] = True
    for column in ("file", "traject_path"):
        values = frame[column].to_numpy()
        change[1:] |= values[1:] != values[:-1]
    return np.cumsum(change) - 1


def traject_positions(trajecten: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """Per row of `frame`, the position of its traject in `trajecten`; -1 where there is none (a traject left
    out, e.g. with a reversed peilperiode). A (file, path) that occurs twice in `trajecten` gives its first."""
    if not len(frame):
        return np.zeros(0, dtype=np.intp)
    index = pd.MultiIndex.from_arrays([trajecten["file"], trajecten["path"]])
    first_of_key = None
    if not index.is_unique:
        first_of_key = np.flatnonzero(~index.duplicated())
        index = index[first_of_key]
    runs = traject_runs(frame)
    starts = np.flatnonzero(np.diff(runs, prepend=-1))
    keys = pd.MultiIndex.from_arrays([frame["file"].to_numpy()[starts], frame["traject_path"].to_numpy()[starts]])
    found = index.get_indexer(keys)
    if first_of_key is not None:
        found = np.where(found >= 0, first_of_key[np.maximum(found, 0)], -1)
    return found[runs]


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
