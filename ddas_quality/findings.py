"""The one record every stage produces: a Finding (plain, immutable, JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One problem (or remark) about one place in one file.

    `context` holds only non-identifying values (phase dates, enum values, amounts,
    gemeentecode): never a BSN, birth date, postcode+huisnummer or contact details.
    """

    rule: str
    severity: Severity
    message: str
    file: str
    path: str | None = None
    count: int = 1
    context: dict[str, str] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        """Stable order: file, then severity, then rule, then location."""
        return (self.file, SEVERITY_RANK[self.severity], self.rule, _path_sort_key(self.path), self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "path": self.path,
            "message": self.message,
            "count": self.count,
            "context": dict(self.context),
        }


def _path_sort_key(path: str | None) -> tuple:
    """Sort `$.a[10]` after `$.a[9]`: numbers inside brackets compare as numbers."""
    if path is None:
        return ()
    parts: list[tuple[int, object]] = []
    for token in path.replace("]", "").split("["):
        for piece in token.split("."):
            parts.append((0, int(piece)) if piece.isdigit() else (1, piece))
    return tuple(parts)
