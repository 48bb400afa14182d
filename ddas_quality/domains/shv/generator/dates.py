"""Dates as the SHV generator handles them: day ordinals while building, ISO text in the document.

Building a large file writes hundreds of thousands of dates, so the ordinal -> text conversion is cached;
defects move, compare and search dates in the text of a document that may already hold broken ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

#: Dates a conversion writes for "unknown" (C03 warns about them): a clean file never holds one.
PLACEHOLDER_DATES = frozenset({"1900-01-01", "1970-01-01", "0001-01-01"})
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: ordinal -> ISO text, filled by `iso` (the builder's hot loop reads it directly).
ISO_TEXTS: dict[int, str] = {}
_REAL_DAYS: dict[str, bool] = {}


def iso(ordinal: int) -> str:
    """The ISO text of a day ordinal."""
    text = ISO_TEXTS.get(ordinal)
    if text is None:
        text = ISO_TEXTS[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def ordinal(text: str) -> int:
    """The day ordinal of an ISO date text."""
    return date.fromisoformat(text).toordinal()


def day(value: object) -> str | None:
    """An ISO date as text (they compare correctly as strings), or None for anything else (a defect's value)."""
    if not isinstance(value, str):
        return None
    real = _REAL_DAYS.get(value)
    if real is None:
        try:
            real = bool(DATE_TEXT.match(value)) and date.fromisoformat(value) is not None
        except ValueError:
            real = False
        if len(_REAL_DAYS) < 100_000:
            _REAL_DAYS[value] = real
    return value if real else None


def dates_in(node: object, skip_clients: bool = False) -> Iterator[str]:
    """Every date text in a part of the document (without the clients' birth dates when asked)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not (skip_clients and key == "client"):
                yield from dates_in(value, skip_clients)
    elif isinstance(node, list):
        for value in node:
            yield from dates_in(value, skip_clients)
    elif isinstance(node, str) and DATE_TEXT.match(node):
        yield node


def shift_dates(node: object, days: int) -> object:
    """A copy of a part of the document with every date moved `days` back."""
    if isinstance(node, dict):
        return {k: shift_dates(v, days) for k, v in node.items()}
    if isinstance(node, list):
        return [shift_dates(v, days) for v in node]
    if isinstance(node, str) and DATE_TEXT.match(node):
        return iso(ordinal(node) - days)
    return node
