"""Tolerant readers of JSON values for the flatten step of every domain.

A document may have failed the schema (already reported as S01/S02), so a value of the wrong type counts as
missing here instead of crashing; `Columns` collects rows column-wise, which is much faster than dicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime


def as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def dict_items(value: object) -> list[tuple[int, dict]]:
    """Dict items of a list with their original index (non-dict items are S01 findings already)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def as_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def as_day(value: object) -> str | None:
    """A date string kept raw; the whole column is parsed at once at the end (fast, NaT when invalid)."""
    return value if isinstance(value, str) and len(value) == 10 else None


def parse_day(value: object) -> date | None:
    text = as_day(value)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # Compare in UTC without a zone: dates in the file are plain calendar days.
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class Columns:
    """Column-wise row collector: much faster than a list of dicts for 100,000 rows.

    A row is stored as one tuple while its keys come in the same order as the row before (one call site
    makes all rows of a frame, so that is the rule); the tuples are turned into columns once, in C
    (`zip(*rows)`), when `data` is first read. Columns first seen later are None in earlier rows.
    """

    def __init__(self) -> None:
        self._blocks: list[tuple[tuple[str, ...], list[tuple]]] = []   # (keys, rows with those keys)
        self._keys: tuple[str, ...] | None = None
        self._rows: list[tuple] = []
        self._data: dict[str, list] | None = None
        self.size = 0

    def add(self, **row: object) -> None:
        if self._data is not None:
            raise RuntimeError("Columns.data was read: the collection has ended")
        keys = tuple(row)
        if keys != self._keys:
            self._rows = []
            self._blocks.append((keys, self._rows))
            self._keys = keys
        self._rows.append(tuple(row.values()))
        self.size += 1

    @property
    def data(self) -> dict[str, Sequence]:
        """Column name -> values, in the order columns were first seen. Reading it ends the collection: the
        rows are handed over as columns (a 500,000-row frame must not be held as rows and columns at once)."""
        if self._data is None:
            blocks, self._blocks, self._rows = self._blocks, [], []
            if len(blocks) == 1:   # the common case: every row had the same keys
                keys, rows = blocks.pop()
                self._data = dict(zip(keys, zip(*rows, strict=True), strict=True))
                del rows
                return self._data
            data: dict[str, list] = {}
            done = 0
            while blocks:
                keys, rows = blocks.pop(0)
                for name in keys:
                    if name not in data:
                        data[name] = [None] * done
                values = dict(zip(keys, zip(*rows, strict=True), strict=True))
                for name, column in data.items():
                    column.extend(values.get(name) or (None,) * len(rows))
                done += len(rows)
            self._data = data
        return self._data

    @classmethod
    def joined(cls, first: Columns, second: Columns) -> Columns:
        """The rows of `first`, then those of `second` (a column one side lacks is None there)."""
        joined = cls()
        joined._blocks = [*first._blocks, *second._blocks]
        joined.size = first.size + second.size
        return joined
