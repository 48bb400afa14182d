"""Tolerant readers of JSON values for the flatten step of every domain.

A document may have failed the schema (already reported as S01/S02), so a value of the wrong type counts as
missing here instead of crashing; `Columns` collects rows column-wise, which is much faster than dicts.
"""

from __future__ import annotations

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

    A row is kept as one tuple while its keys come in the same order as the row before (one call site makes
    all rows of a frame, so that is the rule); every `CHUNK` rows, and when the keys change, the tuples are
    turned into columns in C (`zip(*rows)`), so rows and columns are never both held for a whole frame.
    Columns first seen later are None in earlier rows.
    """

    CHUNK = 32_768

    def __init__(self) -> None:
        self._columns: dict[str, list] = {}
        self._keys: tuple[str, ...] = ()
        self._rows: list[tuple] = []
        self._done = 0          # rows already in `_columns`
        self.size = 0

    def add(self, **row: object) -> None:
        keys = tuple(row)
        if keys != self._keys or len(self._rows) >= self.CHUNK:
            self._flush()
            self._keys = keys
        self._rows.append(tuple(row.values()))
        self.size += 1

    def _flush(self) -> None:
        rows, self._rows = self._rows, []
        if not rows:
            return
        columns, done = self._columns, self._done
        for name in self._keys:
            if name not in columns:
                columns[name] = [None] * done
        values = dict(zip(self._keys, zip(*rows, strict=True), strict=True))
        for name, column in columns.items():
            column.extend(values.get(name) or (None,) * len(rows))
        self._done = done + len(rows)

    @property
    def data(self) -> dict[str, list]:
        """Column name -> values, in the order columns were first seen."""
        self._flush()
        return self._columns

    @classmethod
    def joined(cls, first: Columns, second: Columns) -> Columns:
        """The rows of `first`, then those of `second` (a column one side lacks is None there)."""
        joined = cls()
        head, tail = first.data, second.data
        for name in (*head, *(name for name in tail if name not in head)):
            joined._columns[name] = list(head.get(name) or [None] * first.size) + \
                list(tail.get(name) or [None] * second.size)
        joined._done = joined.size = first.size + second.size
        return joined
