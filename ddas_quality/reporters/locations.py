"""JSON path -> line and column in the input file, for the CI formats that point into a file (SARIF, GitLab).

Findings carry a JSON path (`$.leveringen[0].schuldhulptrajecten[3].startdatum`), not a position: the
pipeline never keeps one. Here the file is read once more and walked with the standard library's C
decoder, descending only into the members on the way to a wanted path and skipping everything else with
`raw_decode`. The walk stops as soon as every wanted path is found. Files bigger than `MAX_BYTES` and zip
members are not walked (no position then: SARIF and GitLab allow that), so a huge delivery never pays
twice for parsing. Only positions come out of here, never values from the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Walking costs about as much as parsing the file once with the standard `json` (C); above this size the
# run would take noticeably longer just to place annotations, so those findings keep only the JSON path.
MAX_BYTES = 64 * 1024 * 1024

_TOKEN = re.compile(r"""\.([^.\[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]""")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Position:
    """1-based line and column (in Unicode code points) where the JSON value (or its member key) starts."""

    line: int
    column: int


def parse_path(path: str) -> tuple[str | int, ...] | None:
    """`$.a[3]['b c']` -> ("a", 3, "b c"); None for anything that is not such a path."""
    if not path or not path.startswith("$"):
        return None
    parts: list[str | int] = []
    at = 1
    while at < len(path):
        match = _TOKEN.match(path, at)
        if match is None:
            return None
        name, index, quoted = match.groups()
        if index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        else:
            parts.append(name)
        at = match.end()
    return tuple(parts)


class _Found(Exception):
    """Every wanted path has a position: stop walking."""


class _Walk:
    """One pass over the text that records where the wanted paths (a tree of their parts) start."""

    def __init__(self, text: str, wanted: Iterable[tuple[str | int, ...]]) -> None:
        self.text = text
        self.tree: dict = {}
        for parts in wanted:
            node = self.tree
            for part in parts:
                node = node.setdefault(part, {})
        self.offsets: dict[tuple[str | int, ...], int] = {}
        self.left = _count_nodes(self.tree)

    def value(self, at: int, node: dict, prefix: tuple) -> int:
        """Walk the value at `at` looking for the parts in `node`; return the offset after the value."""
        text = self.text
        char = text[at:at + 1]
        if node and char == "{":
            return self._object(at + 1, node, prefix)
        if node and char == "[":
            return self._array(at + 1, node, prefix)
        return _DECODER.raw_decode(text, at)[1]

    def _mark(self, key: tuple, at: int) -> None:
        seen = key in self.offsets                  # a duplicate key (F-finding): the later one wins, as in parsing
        self.offsets[key] = at
        if seen:
            return
        self.left -= 1
        if self.left == 0:
            raise _Found

    def _object(self, at: int, node: dict, prefix: tuple) -> int:
        text = self.text
        at = _skip(text, at)
        if text[at] == "}":
            return at + 1
        while True:
            key_at = at
            key, at = json.decoder.scanstring(text, at + 1)
            at = _skip(text, at)
            at = _skip(text, at + 1)            # the colon
            child = node.get(key)
            if child is not None:
                self._mark((*prefix, key), key_at)
                at = self.value(at, child, (*prefix, key))
            else:
                at = _DECODER.raw_decode(text, at)[1]
            at = _skip(text, at)
            if text[at] == "}":
                return at + 1
            at = _skip(text, at + 1)            # the comma

    def _array(self, at: int, node: dict, prefix: tuple) -> int:
        text = self.text
        at = _skip(text, at)
        if text[at] == "]":
            return at + 1
        index = 0
        last = max((key for key in node if isinstance(key, int)), default=-1)
        while True:
            child = node.get(index)
            if child is not None:
                self._mark((*prefix, index), at)
                at = self.value(at, child, (*prefix, index))
            elif index > last:
                return self._skip_rest(at)     # nothing wanted further on in this array
            else:
                at = _DECODER.raw_decode(text, at)[1]
            at = _skip(text, at)
            if text[at] == "]":
                return at + 1
            at = _skip(text, at + 1)
            index += 1

    def _skip_rest(self, at: int) -> int:
        """The offset after the array whose element starts at `at`."""
        text = self.text
        while True:
            at = _skip(text, _DECODER.raw_decode(text, at)[1])
            if text[at] == "]":
                return at + 1
            at = _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    return _WHITESPACE.match(text, at).end()


def _count_nodes(tree: dict) -> int:
    return sum(1 + _count_nodes(child) for child in tree.values())


def find_offsets(text: str, paths: Iterable[str]) -> dict[str, int]:
    """Character offset of each path's value (of its key, for an object member) in `text`.

    A path that is not in the text gets the offset of its deepest ancestor that is; the root `$` is the
    first value in the text. Broken JSON: whatever was found before the break.
    """
    parsed = {path: parts for path in set(paths) if (parts := parse_path(path)) is not None}
    walk = _Walk(text, parsed.values())
    start = _skip(text, 0)
    if start >= len(text):
        return {}
    walk.offsets[()] = start
    if walk.left:
        try:
            walk.value(start, walk.tree, ())
        except _Found:
            pass
        except (ValueError, IndexError, RecursionError):
            pass                               # broken or too deep: keep what was found
    found: dict[str, int] = {}
    for path, parts in parsed.items():
        for depth in range(len(parts), -1, -1):
            offset = walk.offsets.get(parts[:depth])
            if offset is not None:
                found[path] = offset
                break
    return found


def positions_in_text(text: str, paths: Iterable[str]) -> dict[str, Position]:
    """Line and column of each path in `text` (see `find_offsets`)."""
    offsets = find_offsets(text, paths)
    positions: dict[str, Position] = {}
    line, counted = 1, 0
    for path, offset in sorted(offsets.items(), key=lambda item: item[1]):
        line += text.count("\n", counted, offset)
        counted = offset
        positions[path] = Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
    return positions


def positions_in_file(file: str, paths: Iterable[str], max_bytes: int = MAX_BYTES) -> dict[str, Position]:
    """Positions for a delivery file on disk as the run named it; {} for zip members, big or unreadable files."""
    path = Path(file)
    try:
        if not path.is_file() or path.suffix.lower() != ".json" or path.stat().st_size > max_bytes:
            return {}
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    return positions_in_text(text, paths)
