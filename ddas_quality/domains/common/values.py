"""Tolerant readers of JSON values for the flatten step of every domain.

A document may have failed the schema (already reported as S01/S02), so a value of the wrong type counts as
missing here instead of crashing; `Columns` collects rows column-wise, which is much faster than dicts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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


@dataclass
class Columns:
    """Column-wise row collector: much faster than a list of dicts for 100,000 rows."""

    data: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    size: int = 0

    def add(self, **row: object) -> None:
        data, size = self.data, self.size
        for name, value in row.items():
            column = data.get(name)
            if column is None:  # a column first seen now: earlier rows had no value
                column = data[name] = [None] * size
            column.append(value)
        self.size = size + 1
        if len(row) != len(data):  # this row lacks some known columns: pad them (the common case skips this)
            for column in data.values():
                if len(column) == size:
                    column.append(None)
