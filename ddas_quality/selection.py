"""Which rule codes are on: `--select` / `--ignore` by code, letter group, prefix or glob; longest match wins."""

from __future__ import annotations

from fnmatch import fnmatchcase


def _specificity(pattern: str, code: str) -> int:
    """How precisely a pattern names a code; -1 when it does not match at all."""
    pattern = pattern.strip().upper()
    if pattern == "ALL":
        return 0
    if any(ch in pattern for ch in "*?["):
        return sum(ch not in "*?[]" for ch in pattern) if fnmatchcase(code, pattern) else -1
    return len(pattern) if code.startswith(pattern) else -1


def is_selected(code: str, select: list[str] | None, ignore: list[str] | None) -> bool:
    """On when the most specific matching `select` beats the most specific matching `ignore` (ties: off)."""
    chosen = max((_specificity(p, code) for p in (select or ["ALL"])), default=-1)
    dropped = max((_specificity(p, code) for p in (ignore or [])), default=-1)
    return chosen >= 0 and chosen > dropped


def split_codes(values: list[str] | None) -> list[str]:
    """`["T01,T02", "C"]` -> `["T01", "T02", "C"]` (options may repeat or hold comma lists)."""
    return [part.strip().upper() for value in values or [] for part in value.split(",") if part.strip()]
