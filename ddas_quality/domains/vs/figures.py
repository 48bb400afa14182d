"""The VS part of the op-orde preview (rules.md "Reported figures"): signals per signaalpartner and status,
zaken per eindresultaat, contactpogingen per soort.

Only counts leave this module. The categories are the lists of the VS model (read from our schema, so they
cannot drift apart), of the version each file was checked against: a value counts under its own name when the
list of its file's version has it, and as "anders" otherwise (never shown, since it could hold anything). A run
with files of several versions shows every list's values once, the newest version's order first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from ...resources import schema_path
from . import DOMAIN

OTHER = "anders (niet in het model)"
EMPTY = "niet ingevuld"


@dataclass
class VsFigures:
    signalen: int = 0
    zaken: int = 0
    contactpogingen: int = 0
    bereikt: int = 0
    per_gemeente: dict[str, int] = field(default_factory=dict)
    # gemeentecode -> zaken, contactpogingen, bereikt (each counts for the gemeente of its levering)
    zaken_per_gemeente: dict[str, dict[str, int]] = field(default_factory=dict)
    per_signaalpartner: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    per_resultaat: dict[str, int] = field(default_factory=dict)
    per_contactsoort: dict[str, int] = field(default_factory=dict)


LISTS = ("signaalpartner", "signaalstatus", "eindresultaat", "contactsoort")


@cache
def categories(version: str | None = None) -> dict[str, tuple[str, ...]]:
    """The value lists of one version of the model (default: the current one): signaalpartner, signaalstatus,
    eindresultaat, contactsoort."""
    version = version if version in DOMAIN.versions else DOMAIN.current
    definitions = json.loads(schema_path(DOMAIN.name, version).read_text(encoding="utf-8"))["$defs"]
    return {name: tuple(definitions[name]["enum"]) for name in LISTS}


def _newest_first(versions: set[str]) -> list[str]:
    known = [v for v in DOMAIN.versions if v in versions]
    return known or [DOMAIN.current]


def _count(values: pd.Series, versions: pd.Series, lists: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Counts in the model's order (every version in the run, newest first); a value its own file's version
    does not list is "anders"; missing and unknown values in their own rows, only when they occur."""
    counts = {value: 0 for version in lists for value in lists[version]}
    pairs = pd.DataFrame({"value": values.to_numpy(), "version": versions.to_numpy()})
    for (value, version), n in pairs.value_counts(dropna=False).items():
        if not isinstance(value, str) or not value.strip():
            key = EMPTY
        else:
            key = value if value in lists.get(version, lists[next(iter(lists))]) else OTHER
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
    version_of = _versions(frames.get("vs_bestanden"))
    versions = _newest_first({version_of.get(file, DOMAIN.current)
                              for frame in (signalen, zaken, pogingen) for file in frame["file"].unique()})
    lists = {name: {version: categories(version)[name] for version in versions} for name in LISTS}

    def count(frame: pd.DataFrame, column: str, name: str) -> dict[str, int]:
        of_file = frame["file"].map(lambda file: version_of.get(file, DOMAIN.current))
        return _count(frame[column], of_file, lists[name])

    codes = signalen["gemeentecode_norm"].fillna("onbekend")
    return VsFigures(
        signalen=len(signalen), zaken=len(zaken), contactpogingen=len(pogingen),
        bereikt=int(pogingen["bereikt"].fillna(False).astype(bool).sum()),
        per_gemeente={str(code): int(n) for code, n in codes.value_counts().sort_index().items()},
        zaken_per_gemeente=_zaken_per_gemeente(frames.get("vs_leveringen"), zaken, pogingen),
        per_signaalpartner=count(signalen, "signaalpartner", "signaalpartner"),
        per_status=count(signalen, "status", "signaalstatus"),
        per_resultaat=count(zaken, "resultaat", "eindresultaat"),
        per_contactsoort=count(pogingen, "soort", "contactsoort"),
    )


def _zaken_per_gemeente(leveringen: pd.DataFrame | None, zaken: pd.DataFrame,
                        pogingen: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Zaken, contactpogingen and those that reached the inwoner per gemeentecode of their levering ("onbekend"
    without one, as for the signals)."""
    if leveringen is None or not len(leveringen):
        return {}
    code_of = leveringen.drop_duplicates(["file", "path"]).set_index(["file", "path"])["gemeentecode_norm"]

    def codes(frame: pd.DataFrame) -> pd.Series:
        keys = pd.MultiIndex.from_arrays([frame["file"], frame["levering_path"]])
        return pd.Series(code_of.reindex(keys).to_numpy(), index=frame.index).fillna("onbekend").astype(str)

    counts = pd.DataFrame({
        "zaken": codes(zaken).value_counts(),
        "contactpogingen": codes(pogingen).value_counts(),
        "bereikt": codes(pogingen)[pogingen["bereikt"].fillna(False).astype(bool)].value_counts(),
    }).fillna(0).astype("int64").sort_index()
    return {str(code): {name: int(n) for name, n in row.items()} for code, row in counts.iterrows()}


def _versions(files: pd.DataFrame | None) -> dict[str, str]:
    """file -> the version it was checked against (flatten writes it in vs_bestanden)."""
    if files is None or "schema_version" not in files.columns:
        return {}
    return {file: version for file, version in zip(files["file"], files["schema_version"], strict=True)
            if isinstance(version, str)}
