"""The CBS gemeente reference table: which codes existed when, and how many inhabitants they have.

Shipped with the package (facts and sources in `data/GEMEENTEN_SOURCES.md`); users can point to a
newer table with the same columns.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .privacy import HIDDEN, safe_value

_CODE = re.compile(r"^(?:GM)?(\d{4})$")
ONBEKEND = "Onbekend"


def comparison_code(raw: object) -> str | None:
    """A gemeentecode as L05, L06 and F07 compare it: as written, `GM` dropped, also when it is no CBS code
    (two different codes are two gemeenten; T04 reports the form separately). `Onbekend` and non-text -> None."""
    if not isinstance(raw, str) or not raw.strip() or raw.strip() == ONBEKEND:
        return None
    text = raw.strip()
    return text[2:] if text.startswith("GM") and len(text) > 2 else text


def shown_code(raw: object) -> str | None:
    """A gemeentecode for a message: a CBS code and `Onbekend` as they are, anything else only when quoting it
    cannot identify anyone (a BSN typed into the field must not be echoed)."""
    if not isinstance(raw, str):
        return None
    if normalize_code(raw) is not None or raw.strip() == ONBEKEND:
        return raw
    quoted = safe_value(("gemeentecode",), raw)
    return quoted if quoted is not None else HIDDEN


def normalize_code(raw: object) -> str | None:
    """`GM0363` and `0363` -> `0363`; anything else (also `Onbekend`) -> None."""
    return _normalized(raw) if isinstance(raw, str) else None


@lru_cache(maxsize=4096)
def _normalized(raw: str) -> str | None:
    """Cached: flatten asks once per traject, and a file holds a handful of codes."""
    match = _CODE.match(raw.strip())
    return match.group(1) if match else None


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    geldig_vanaf: date | None
    geldig_tot: date | None
    inwoners: int
    inwoners_peildatum: date | None

    def valid_during(self, start: date, end: date) -> bool:
        """True when the code existed on at least one day of [start, end]."""
        starts_ok = self.geldig_vanaf is None or self.geldig_vanaf <= end
        ends_ok = self.geldig_tot is None or self.geldig_tot >= start
        return starts_ok and ends_ok


@dataclass(frozen=True)
class Herindeling:
    datum: date
    oude_code: str
    nieuwe_code: str
    nieuwe_naam: str


class GemeenteTable:
    """Lookup by 4-digit code, with the herindelingen that ended codes."""

    def __init__(self, rows: list[Gemeente], herindelingen: list[Herindeling] | None = None) -> None:
        self._by_code = {row.code: row for row in rows}
        self._successors: dict[str, list[Herindeling]] = {}
        for item in herindelingen or []:
            self._successors.setdefault(item.oude_code, []).append(item)

    def successors(self, code: str | None) -> list[Herindeling]:
        """Where an ended code went (several rows when a gemeente was split)."""
        return self._successors.get(code or "", [])

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(self._by_code.values())

    def get(self, code: str | None) -> Gemeente | None:
        return self._by_code.get(code) if code else None

    def valid_codes(self, start: date, end: date) -> set[str]:
        return {g.code for g in self._by_code.values() if g.valid_during(start, end)}


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _shipped(name: str) -> str:
    return resources.files("ddas_quality").joinpath(f"data/{name}").read_text(encoding="utf-8")


def load_table(path: Path | None = None) -> GemeenteTable:
    """Read the shipped table, or a newer one with the same columns (herindelingen: the shipped list).
    A user's table that cannot be read as such raises `reader.InputError` with a Dutch message."""
    if path is None:
        return _table(_shipped("gemeenten.csv"))
    from .reader import InputError

    try:
        return _table(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, KeyError, ValueError, TypeError, AttributeError) as error:
        what = f"kolom {error} ontbreekt" if isinstance(error, KeyError) else (
            "het is geen UTF-8-tekst" if isinstance(error, UnicodeDecodeError) else
            "het is niet te lezen" if isinstance(error, OSError) else "een waarde klopt niet")
        raise InputError(
            f"De gemeentetabel {path} (--gemeenten) is niet te gebruiken: {what}. Gebruik een CSV in UTF-8 met "
            "de kolommen gemeentecode, naam, geldig_vanaf, geldig_tot en inwoners (zoals de meegeleverde "
            "tabel), of laat --gemeenten weg.") from None


def _table(text: str) -> GemeenteTable:
    rows = [
        Gemeente(
            code=row["gemeentecode"].strip().zfill(4),
            naam=row["naam"],
            geldig_vanaf=_parse_date(row["geldig_vanaf"]),
            geldig_tot=_parse_date(row["geldig_tot"]),
            inwoners=int(row["inwoners"]),
            inwoners_peildatum=_parse_date(row.get("inwoners_peildatum", "")),
        )
        for row in csv.DictReader(text.splitlines())
    ]
    herindelingen = [
        Herindeling(date.fromisoformat(row["datum"]), row["oude_code"].zfill(4), row["nieuwe_code"].zfill(4),
                    row["nieuwe_naam"])
        for row in csv.DictReader(_shipped("herindelingen.csv").splitlines())
    ]
    return GemeenteTable(rows, herindelingen)
