"""The VS part of the op-orde preview (rules.md "Reported figures"): signals per signaalpartner and status,
zaken per eindresultaat, contactpogingen per soort.

Only counts leave this module. The categories are the lists of the VS model (read from our schema, so they
cannot drift apart); a value outside them is counted as "anders" and never shown, since it could hold anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from .resources import schema_path

OTHER = "anders (niet in het model)"
EMPTY = "niet ingevuld"


@dataclass
class VsFigures:
    signalen: int = 0
    zaken: int = 0
    contactpogingen: int = 0
    bereikt: int = 0
    per_gemeente: dict[str, int] = field(default_factory=dict)
    per_signaalpartner: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    per_resultaat: dict[str, int] = field(default_factory=dict)
    per_contactsoort: dict[str, int] = field(default_factory=dict)


@cache
def categories() -> dict[str, tuple[str, ...]]:
    """The model's value lists: signaalpartner, signaalstatus, eindresultaat, contactsoort."""
    definitions = json.loads(schema_path("VS", "0.9").read_text(encoding="utf-8"))["$defs"]
    return {name: tuple(definitions[name]["enum"])
            for name in ("signaalpartner", "signaalstatus", "eindresultaat", "contactsoort")}


def _count(values: pd.Series, allowed: tuple[str, ...]) -> dict[str, int]:
    """Counts in the model's order; missing and unknown values in their own rows, only when they occur."""
    counts = {value: 0 for value in allowed}
    for value, n in values.value_counts(dropna=False).items():
        key = EMPTY if not isinstance(value, str) or not value.strip() else (value if value in counts else OTHER)
        counts[key] = counts.get(key, 0) + int(n)
    return counts


def compute_vs(frames: dict[str, pd.DataFrame], files: set[str] | None = None) -> VsFigures | None:
    """The figures over the given files (default: all), or None when the run has no VS signals."""
    signalen = frames.get("vroegsignalen")
    if signalen is None:
        return None
    zaken, pogingen = frames["vroegsignaalzaken"], frames["contactpogingen"]
    if files is not None:
        signalen = signalen[signalen["file"].isin(files)]
        zaken = zaken[zaken["file"].isin(files)]
        pogingen = pogingen[pogingen["file"].isin(files)]
    if signalen.empty and zaken.empty:
        return None
    lists = categories()
    codes = signalen["gemeentecode_norm"].fillna("onbekend")
    return VsFigures(
        signalen=len(signalen), zaken=len(zaken), contactpogingen=len(pogingen),
        bereikt=int(pogingen["bereikt"].fillna(False).astype(bool).sum()),
        per_gemeente={str(code): int(n) for code, n in codes.value_counts().sort_index().items()},
        per_signaalpartner=_count(signalen["signaalpartner"], lists["signaalpartner"]),
        per_status=_count(signalen["status"], lists["signaalstatus"]),
        per_resultaat=_count(zaken["resultaat"], lists["eindresultaat"]),
        per_contactsoort=_count(pogingen["soort"], lists["contactsoort"]),
    )
