"""`ddas-quality diff OUD NIEUW`: what a correctielevering changed compared with the delivery it corrects.

Both deliveries go through the whole pipeline (`pipeline.check_paths`) with one shared `privacy.Keyer`, so a
client has the same non-identifying key in both runs. A traject (SHV) is matched by its clients' keys and its
startdatum, a vroegsignaal (VS) by its client's key and signaaldatum; a second unit with the same match key gets
an ordinal. Matched units are compared field by field and only the *names* of changed fields leave this module
(never a value of a person): "einddatum gewijzigd", "fase toegevoegd: nazorg". Findings are compared by rule
and location, where a location inside a traject or signal is its match key (so a traject that moved in the file
keeps its findings); info findings are notes, not problems, and are not compared. Figures per gemeente come
from the op-orde figures of each domain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .findings import SEVERITY_RANK, Finding
from .pipeline import Options, RunResult, check_paths
from .privacy import Keyer

OLD, NEW = "oud", "nieuw"

#: SHV traject fields compared, with the Dutch name of the change (the value itself is never shown).
SHV_FIELDS: tuple[tuple[str, str], ...] = (
    ("gemeentecode_norm", "gemeentecode"),
    ("einddatum", "einddatum"),
    ("toekenningsdatum", "toekenningsdatum"),
    ("uitstroom_datum", "uitstroomdatum"),
    ("uitstroom_reden", "uitstroomreden"),
    ("beschikkingssoort", "beschikking"),
    ("oplossing_soort", "soort oplossing"),
    ("schuldregeling_toegekend", "schuldregeling"),
    ("n_schulden", "aantal schulden"),
    ("som_schulden", "schuldbedragen"),
    ("totaal_schuld", "totale schuld"),
    ("n_crisisinterventies", "crisisinterventies"),
)
#: VS signal fields compared.
VS_FIELDS: tuple[tuple[str, str], ...] = (
    ("gemeentecode_norm", "gemeentecode"),
    ("ontstaansdatum", "ontstaansdatum"),
    ("status", "status"),
    ("signaalpartner", "signaalpartner"),
    ("bedrag", "bedrag"),
    ("crisissignaal", "crisissignaal"),
    ("warme_overdracht", "warme overdracht"),
    ("zaak_resultaat", "resultaat van de zaak"),
    ("zaak_contactpogingen", "contactpogingen van de zaak"),
)
#: Figures per gemeente shown before and after (SHV: op-orde preview; VS: signals, zaken and contact attempts).
SHV_FIGURES = ("trajecten", "clienten", "actieve_clienten", "instroom", "totale_schuld")
VS_FIGURES = ("signalen", "zaken", "contactpogingen", "bereikt")
FIGURE_NAMES = {"trajecten": "trajecten", "clienten": "cliënten", "actieve_clienten": "actieve cliënten",
                "instroom": "instroom", "totale_schuld": "totale schuld (€)", "signalen": "vroegsignalen",
                "zaken": "vroegsignaalzaken", "contactpogingen": "contactpogingen", "bereikt": "bereikt"}

_UNIT_PATH = re.compile(r"^(\$\.leveringen\[\d+\]\.(?:schuldhulptrajecten|vroegsignalen)\[\d+\])(.*)$")


class DiffError(Exception):
    """The two deliveries cannot be compared (Dutch message; the CLI exits with 2)."""


@dataclass
class Side:
    """One of the two deliveries: its files, size and finding counts."""

    files: list[str]
    units: int
    errors: int
    warnings: int
    infos: int


@dataclass
class GemeenteDiff:
    """Figures of one gemeentecode (or `Totaal`) before and after, and how many units changed there."""

    gemeentecode: str
    naam: str
    old: dict[str, float]
    new: dict[str, float]
    added: int = 0
    removed: int = 0
    changed: int = 0


@dataclass
class FindingChange:
    """Findings of one rule fixed or new: how many, and the findings themselves (their messages are safe)."""

    rule: str
    severity: str
    count: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class DeliveryDiff:
    domain: str
    unit: str
    old: Side
    new: Side
    added: int
    removed: int
    changed: int
    unchanged: int
    field_changes: dict[str, int]
    per_gemeente: list[GemeenteDiff]
    fixed: list[FindingChange]
    new_findings: list[FindingChange]
    remaining: int

    @property
    def only_in_old(self) -> list[GemeenteDiff]:
        """Gemeenten with trajecten or signalen in OUD and none in NIEUW: all of them count as removed, and their
        findings as fixed. Most likely OUD holds more deliveries than NIEUW (a folder against one corrected file)."""
        return [row for row in self.per_gemeente if row.gemeentecode != "Totaal" and row.removed
                and not any(row.new.get(name) for name in ("trajecten", "signalen"))]

    @property
    def new_errors(self) -> int:
        """How many errors NIEUW has that OUD did not have (exit code 1 in the CLI)."""
        return sum(change.count for change in self.new_findings if change.severity == "error")

    def to_dict(self) -> dict[str, Any]:
        def findings(changes: list[FindingChange]) -> list[dict]:
            return [{"rule": c.rule, "severity": c.severity, "count": c.count,
                     "findings": [f.to_dict() for f in c.findings]} for c in changes]

        return {
            "domain": self.domain, "unit": self.unit,
            "old": asdict(self.old), "new": asdict(self.new),
            "changes": {"added": self.added, "removed": self.removed, "changed": self.changed,
                        "unchanged": self.unchanged, "fields": dict(self.field_changes)},
            "per_gemeente": [asdict(row) for row in self.per_gemeente],
            "findings": {"fixed": findings(self.fixed), "new": findings(self.new_findings),
                         "remaining": self.remaining, "new_errors": self.new_errors},
            "only_in_old": [row.gemeentecode for row in self.only_in_old],
        }


# --------------------------------------------------------------------------------------------------
# Running both


def compare_paths(old: Sequence[str | Path], new: Sequence[str | Path], options: Options | None = None) -> DeliveryDiff:
    """Check OUD and NIEUW (each on its own, one shared keyer) and compare them. Raises reader.InputError for a
    path that is not there, DiffError when the two cannot be compared."""
    options = options or Options()
    keyer = Keyer()
    old_run = check_paths(list(old), options, keyer=keyer)
    new_run = check_paths(list(new), options, keyer=keyer)
    return compare_runs(old_run, new_run, keyer)


def compare_runs(old: RunResult, new: RunResult, keyer: Keyer) -> DeliveryDiff:
    """The comparison of two runs made with the same keyer."""
    domain = _domain(old, OLD.upper()), _domain(new, NEW.upper())
    if domain[0] != domain[1]:
        raise DiffError(f"OUD is een {domain[0]}-levering en NIEUW een {domain[1]}-levering: vergelijk leveringen "
                        "van hetzelfde soort.")
    if domain[0] == "SHV":
        units = _shv_units(old.frames), _shv_units(new.frames)
        fields, unit = SHV_FIELDS, "trajecten"
    else:
        units = _vs_units(old.frames), _vs_units(new.frames)
        fields, unit = VS_FIELDS, "vroegsignalen"
    # every column suffixed, also one only one side has (a phase no traject of the other side has)
    merged = units[0].add_suffix("_old").join(units[1].add_suffix("_new"), how="outer")
    in_old, in_new = merged["path_old"].notna(), merged["path_new"].notna()
    both = merged[in_old & in_new]
    changes = _field_changes(both, fields, domain[0])
    changed_rows = changes.any(axis=1) if len(changes.columns) else pd.Series(False, index=both.index)
    field_counts = {name: int(n) for name, n in changes.sum().items() if n}
    field_counts = dict(sorted(field_counts.items(), key=lambda item: (-item[1], item[0])))
    status = pd.Series("ongewijzigd", index=merged.index)
    status[in_old & ~in_new] = "verwijderd"
    status[~in_old & in_new] = "toegevoegd"
    status[changed_rows[changed_rows].index] = "gewijzigd"
    gemeente = merged["gemeente_new"].where(in_new, merged["gemeente_old"]).fillna("Onbekend")
    fixed, new_findings, remaining = _compare_findings(old, new, units)
    return DeliveryDiff(
        domain=domain[0], unit=unit,
        old=_side(old, len(units[0])), new=_side(new, len(units[1])),
        added=int((status == "toegevoegd").sum()), removed=int((status == "verwijderd").sum()),
        changed=int((status == "gewijzigd").sum()), unchanged=int((status == "ongewijzigd").sum()),
        field_changes=field_counts,
        per_gemeente=_per_gemeente(domain[0], old.frames, new.frames, status, gemeente),
        fixed=fixed, new_findings=new_findings, remaining=remaining,
    )


def _domain(run: RunResult, label: str) -> str:
    domains = {report.domain for report in run.files if report.domain}
    if not domains:
        raise DiffError(f"In {label} staat geen leesbare DDAS-levering: controleer het met 'ddas-quality check'.")
    if len(domains) > 1:
        raise DiffError(f"{label} bevat zowel SHV- als VS-bestanden: vergelijk één soort levering tegelijk.")
    return domains.pop()


def _side(run: RunResult, units: int) -> Side:
    counts = run.severity_counts()
    return Side([report.file for report in run.files], units, counts["error"], counts["warning"], counts["info"])


# --------------------------------------------------------------------------------------------------
# Units and their match keys


def _with_match_key(frame: pd.DataFrame, parts: list[pd.Series]) -> pd.DataFrame:
    """Index `frame` by its match key (the parts joined), with an ordinal for repeats (in document order)."""
    key = parts[0].astype(str)
    for part in parts[1:]:
        key = key + "|" + part.astype(str)
    ordinal = key.groupby(key, sort=False).cumcount().astype(str)
    return frame.set_index(key + "#" + ordinal)


def _shv_units(frames: dict[str, Any]) -> pd.DataFrame:
    """One row per traject, indexed by match key: clients' keys + startdatum; the fields compared."""
    trajecten = frames.get("trajecten")
    if trajecten is None or not len(trajecten):
        return pd.DataFrame(columns=["file", "path", "gemeente"])
    clienten = frames["clienten"]
    keys = (clienten.assign(client_key=clienten["client_key"].fillna("?").astype(str))
            .groupby(["file", "traject_path"], sort=False)["client_key"]
            .agg(lambda values: ",".join(sorted(values))))
    units = trajecten[list(dict.fromkeys(["file", "path", "startdatum", *(name for name, _ in SHV_FIELDS)]))].copy()
    units["gemeente"] = units["gemeentecode_norm"]
    joined = pd.MultiIndex.from_arrays([units["file"], units["path"]])
    units["clients"] = keys.reindex(joined).fillna("").to_numpy()
    units = units.join(_phases(frames, trajecten), on=["file", "path"])
    return _with_match_key(units, [units["clients"], units["startdatum"].dt.strftime("%Y-%m-%d").fillna("?")])


def _phases(frames: dict[str, Any], trajecten: pd.DataFrame) -> pd.DataFrame:
    """Per traject (file, path): `fase:<name>` = 1 when the phase is there, and its start and end dates."""
    fasen = frames.get("fasen")
    if fasen is None or not len(fasen):
        return pd.DataFrame(index=pd.MultiIndex.from_arrays([trajecten["file"], trajecten["path"]],
                                                            names=["file", "path"]))
    rows = fasen.drop_duplicates(["file", "traject_path", "fase"]).set_index(["file", "traject_path", "fase"])
    rows = rows[["startdatum", "einddatum"]].assign(present=1.0)
    wide = rows.unstack("fase")
    out = pd.DataFrame(index=wide.index)
    for name in sorted({fase for _, fase in wide.columns}):
        out[f"fase:{name}"] = wide[("present", name)]
        out[f"fase_start:{name}"] = wide[("startdatum", name)]
        out[f"fase_eind:{name}"] = wide[("einddatum", name)]
    out.index.names = ["file", "path"]
    return out


def _vs_units(frames: dict[str, Any]) -> pd.DataFrame:
    """One row per vroegsignaal, indexed by match key: client key + signaaldatum; the fields compared."""
    signalen = frames.get("vroegsignalen")
    if signalen is None or not len(signalen):
        return pd.DataFrame(columns=["file", "path", "gemeente"])
    signalen = signalen.join(_zaak_of_signal(frames), on=["file", "levering_path", "signaal_id_key"])
    units = signalen[list(dict.fromkeys(["file", "path", "client_key", "signaaldatum",
                                         *(name for name, _ in VS_FIELDS)]))].copy()
    units["gemeente"] = units["gemeentecode_norm"]
    day = pd.to_datetime(units["signaaldatum"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("?")
    return _with_match_key(units, [units["client_key"].fillna("?"), day])


def _zaak_of_signal(frames: dict[str, Any]) -> pd.DataFrame:
    """Per signal (file, levering_path, signaal_id_key): the resultaat and number of contactpogingen of its
    (first) zaak, so a zaak that got a result counts as a change of its signals."""
    links, zaken = frames.get("zaak_signalen"), frames.get("vroegsignaalzaken")
    columns = ["zaak_resultaat", "zaak_contactpogingen"]
    index = ["file", "levering_path", "signaal_id_key"]
    if links is None or zaken is None or not len(links):
        return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_arrays([[], [], []], names=index))
    zaak = zaken[["file", "path", "resultaat", "n_contactpogingen"]].rename(
        columns={"path": "zaak_path", "resultaat": "zaak_resultaat", "n_contactpogingen": "zaak_contactpogingen"})
    linked = links[[*index, "zaak_path"]].merge(zaak, on=["file", "zaak_path"], how="left")
    return linked.drop_duplicates(index).set_index(index)[columns]


# --------------------------------------------------------------------------------------------------
# Field changes


def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    """True where the values differ; two missing values are equal."""
    missing_old, missing_new = old.isna(), new.isna()
    equal = (old == new) | (missing_old & missing_new)
    return ~equal.fillna(False).astype(bool)


def _field_changes(both: pd.DataFrame, fields: tuple[tuple[str, str], ...], domain: str) -> pd.DataFrame:
    """Per matched unit and change name (Dutch): True when that change happened."""
    out: dict[str, pd.Series] = {}
    for column, name in fields:
        old, new = both.get(f"{column}_old"), both.get(f"{column}_new")
        if old is None or new is None:
            continue
        added = old.isna() & new.notna()
        dropped = old.notna() & new.isna()
        out[f"{name} toegevoegd"] = added
        out[f"{name} verwijderd"] = dropped
        out[f"{name} gewijzigd"] = _differs(old, new) & ~added & ~dropped
    if domain == "SHV":
        names = sorted({c.split(":", 1)[1].rsplit("_", 1)[0] for c in both.columns if c.startswith("fase:")})
        for fase in names:
            old, new = both.get(f"fase:{fase}_old"), both.get(f"fase:{fase}_new")
            old = old.notna() if old is not None else pd.Series(False, index=both.index)
            new = new.notna() if new is not None else pd.Series(False, index=both.index)
            out[f"fase toegevoegd: {fase}"] = ~old & new
            out[f"fase verwijderd: {fase}"] = old & ~new
            dates = pd.Series(False, index=both.index)
            for part in ("fase_start", "fase_eind"):
                a, b = both.get(f"{part}:{fase}_old"), both.get(f"{part}:{fase}_new")
                if a is not None and b is not None:
                    dates |= _differs(a, b)
            out[f"fasedatum gewijzigd: {fase}"] = dates & old & new
    return pd.DataFrame(out, index=both.index) if out else pd.DataFrame(index=both.index)


# --------------------------------------------------------------------------------------------------
# Figures per gemeente


def _figures(domain: str, frames: dict[str, Any]) -> dict[str, tuple[str, dict[str, float]]]:
    """gemeentecode (and `Totaal`) -> (naam, figures) of one run."""
    if domain == "SHV":
        from .domains.shv.figures import compute

        known = frames.get("gemeenten")
        names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True)
                  if isinstance(naam, str) and naam} if known is not None else {})
        return {row.gemeentecode: (row.naam, {name: _number(getattr(row, name)) for name in SHV_FIGURES})
                for row in compute(frames, None, names)}
    from .domains.vs.figures import compute_vs

    figures = compute_vs(frames)
    known = frames.get("vs_gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True)
              if isinstance(naam, str) and naam} if known is not None else {})
    out: dict[str, tuple[str, dict[str, float]]] = {}
    if figures is not None:
        zaken = figures.zaken_per_gemeente
        for code in sorted(set(figures.per_gemeente) | set(zaken)):
            out[code] = (names.get(code, ""), {"signalen": int(figures.per_gemeente.get(code, 0)),
                                               **zaken.get(code, dict.fromkeys(VS_FIGURES[1:], 0))})
        out["Totaal"] = ("Alle gemeenten", {"signalen": int(figures.signalen), "zaken": int(figures.zaken),
                                            "contactpogingen": int(figures.contactpogingen),
                                            "bereikt": int(figures.bereikt)})
    return out


def _number(value: float) -> float:
    """A figure for the outputs: whole numbers as int, amounts rounded to cents."""
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def _per_gemeente(domain: str, old_frames: dict, new_frames: dict, status: pd.Series,
                  gemeente: pd.Series) -> list[GemeenteDiff]:
    before, after = _figures(domain, old_frames), _figures(domain, new_frames)
    counts = pd.crosstab(gemeente.astype(str), status) if len(status) else pd.DataFrame()
    names = SHV_FIGURES if domain == "SHV" else VS_FIGURES
    codes = [*sorted((set(before) | set(after)) - {"Totaal"}), "Totaal"]
    rows = []
    for code in codes:
        naam = (after.get(code) or before.get(code) or ("", {}))[0]
        row = GemeenteDiff(code, naam, old=before.get(code, ("", dict.fromkeys(names, 0)))[1],
                           new=after.get(code, ("", dict.fromkeys(names, 0)))[1])
        source = counts.sum() if code == "Totaal" else (counts.loc[code] if code in counts.index else None)
        if source is not None:
            row.added = int(source.get("toegevoegd", 0))
            row.removed = int(source.get("verwijderd", 0))
            row.changed = int(source.get("gewijzigd", 0))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------
# Findings fixed and new


def _locations(run: RunResult, units: pd.DataFrame) -> list[tuple[Finding, tuple]]:
    """Each finding with its location: inside a traject/signal its match key (+ the rest of the path), else
    the file's base name (ignored when the delivery is one file) and the path."""
    by_path = dict(zip(zip(units["file"], units["path"], strict=True), units.index, strict=True)) if len(units) else {}
    single = len(run.files) == 1
    out = []
    for finding in run.findings:
        match = _UNIT_PATH.match(finding.path or "")
        unit = by_path.get((finding.file, match.group(1))) if match else None
        if unit is not None:
            location: tuple = (finding.rule, "unit", unit, match.group(2))
        else:
            file = "" if single else Path(finding.file.split(", ")[0]).name
            location = (finding.rule, "file", file, finding.path or "", "" if finding.path else finding.message)
        out.append((finding, location))
    return out


def _compare_findings(old: RunResult, new: RunResult,
                      units: tuple[pd.DataFrame, pd.DataFrame]) -> tuple[list[FindingChange], list[FindingChange], int]:
    """Fixed, new and remaining problems. Info findings (S03, P12, C08, ...) are notes, not problems to fix: they
    are left out of all three, as the error/warning counts beside them in every output leave them out."""
    before = [item for item in _locations(old, units[0]) if item[0].severity != "info"]
    after = [item for item in _locations(new, units[1]) if item[0].severity != "info"]
    count_before = Counter(location for _, location in before)
    count_after = Counter(location for _, location in after)
    gone, came = count_before - count_after, count_after - count_before
    remaining = sum((count_before & count_after).values())
    return _grouped(before, gone), _grouped(after, came), remaining


def _grouped(findings: list[tuple[Finding, tuple]], wanted: Counter) -> list[FindingChange]:
    left = Counter(wanted)
    groups: dict[str, FindingChange] = {}
    for finding, location in findings:
        if left[location] <= 0:
            continue
        left[location] -= 1
        group = groups.setdefault(finding.rule, FindingChange(finding.rule, finding.severity, 0))
        group.count += 1
        if SEVERITY_RANK[finding.severity] < SEVERITY_RANK[group.severity]:
            group.severity = finding.severity
        group.findings.append(finding)
    return sorted(groups.values(), key=lambda g: (SEVERITY_RANK[g.severity], -g.count, g.rule))


def change_share(old: float, new: float) -> str:
    """'+12%', '-3%', 'nieuw' or '' (no change): the change of one figure, for the reporters."""
    if old == new:
        return ""
    if not old:
        return "nieuw"
    return f"{(new - old) / old * 100:+.0f}%".replace(".", ",")


__all__ = ["DeliveryDiff", "DiffError", "FindingChange", "GemeenteDiff", "Side", "change_share", "compare_paths",
           "compare_runs"]
