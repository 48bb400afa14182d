"""JSON paths in the notation of `jsonschema`'s `ValidationError.json_path`."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLAIN_KEY = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*$")


def child(path: str, part: str | int) -> str:
    """`child("$.a", 3)` -> `$.a[3]`; keys that are not identifiers go in brackets."""
    if isinstance(part, int):
        return f"{path}[{part}]"
    if _PLAIN_KEY.match(part):
        return f"{path}.{part}"
    escaped = part.replace("\\", "\\\\").replace("'", r"\'")
    return f"{path}['{escaped}']"


def json_path(parts: Iterable[str | int]) -> str:
    path = "$"
    for part in parts:
        path = child(path, part)
    return path
