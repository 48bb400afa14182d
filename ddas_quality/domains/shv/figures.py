"""The op-orde preview: the figures of rules.md "Reported figures", computed from the derived frames.

What the DDAS-app shows and CBS's op-orde-rapport will show, per gemeentecode and in total, before upload.
CBS's own figures may differ by definition (CBS merges samenloop and links clients across organisations);
the report says so. Only counts and sums leave this module: no client key, BSN or date of a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .traject_rows import rows_of_trajecten

# Process steps in order, with the start-date column in the trajecten frame (rules.md Terms).
STEPS: tuple[tuple[str, str], ...] = (
    ("Aanmelding", "aanmelding_start"),
    ("Intake", "intake_start"),
    ("Stabilisatie", "stabilisatie_start"),
    ("Schuldregeling", "schuldregeling_datum"),
    ("Oplossing", "oplossing_start"),
    ("Nazorg", "nazorg_start"),
    ("Uitstroom", "uitstroom_datum"),
)
STEP_NAMES = (*(name for name, _ in STEPS), "Onbekend")
SCHULDSOORTEN = ("Zorg", "Publiek", "Nuts", "Overig")
OPLOSSINGSSOORTEN = ("Betalingsregeling", "Herfinanciering", "Saneringskrediet", "Schuldbemiddeling", "0%-aanbod")
TOTAL = "Totaal"


@dataclass
class GemeenteFigures:
    """The figures of one gemeentecode (or of all together, `gemeentecode == "Totaal"`)."""

    gemeentecode: str
    naam: str
    trajecten: int = 0
    clienten: int = 0
    actieve_clienten: int = 0
    actief_naar_stap: dict[str, int] = field(default_factory=dict)
    instroom: int = 0
    instroom_uitgestroomd: int = 0
    instroom_nog_actief: int = 0
    instroom_met_begeleiding: int = 0
    fasen_gestart: dict[str, int] = field(default_factory=dict)
    laatste_fase_actief: dict[str, int] = field(default_factory=dict)
    totale_schuld: float = 0.0
    oplossingssoorten: dict[str, int] = field(default_factory=dict)
    schuld_per_soort: dict[str, float] = field(default_factory=dict)

    def schuldsoort_aandeel(self) -> dict[str, float]:
        """Share (0..1) of the listed debt per schuldsoort; empty when no amounts were listed."""
        total = sum(self.schuld_per_soort.values())
        return {soort: value / total for soort, value in self.schuld_per_soort.items()} if total else {}


def compute(frames: dict[str, pd.DataFrame], files: set[str] | None = None,
            names: dict[str, str] | None = None) -> list[GemeenteFigures]:
    """Figures per gemeentecode (sorted by code) followed by the total, for the given files (default: all)."""
    trajecten = frames.get("trajecten")
    if trajecten is None or not len(trajecten):
        return [GemeenteFigures(TOTAL, "Alle gemeenten")]
    keep = trajecten["file"].isin(files) if files is not None else pd.Series(True, index=trajecten.index)
    trajecten = trajecten[keep].copy()
    trajecten["gemeente"] = trajecten["gemeentecode_norm"].fillna("Onbekend").astype(str)
    clients = _client_rows(trajecten, frames)
    begeleid = _with_begeleiding(frames)
    fasen = _phase_rows(frames, trajecten)
    schulden = _schuld_rows(frames, trajecten)
    names = names or {}
    split = [_by_gemeente(frame) for frame in (trajecten, clients, fasen, schulden)]
    out = []
    for code in sorted(trajecten["gemeente"].unique()):
        parts = [groups.get(code, frame.iloc[:0]) for groups, frame in zip(split, (trajecten, clients, fasen,
                                                                                   schulden), strict=True)]
        out.append(_figures(code, names.get(code, ""), *parts, begeleid))
    out.append(_figures(TOTAL, "Alle gemeenten", trajecten, clients, fasen, schulden, begeleid))
    return out


def _by_gemeente(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split once (a boolean mask per gemeente would cost O(gemeenten x rows))."""
    return {str(code): part for code, part in frame.groupby("gemeente", sort=False)}


def _client_rows(trajecten: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (client, traject) with the traject facts the figures need."""
    clienten = frames["clienten"][["traject_nr", "client_key"]]
    facts = ["gemeente", "actief", "startdatum", "peil_start", "peil_end", "einddatum",
             *(column for _, column in STEPS)]
    return _add_latest_steps(rows_of_trajecten(clienten[clienten["client_key"].notna()], trajecten, facts))


def _with_begeleiding(frames: dict[str, pd.DataFrame]) -> set[int]:
    """The numbers of the trajecten with a begeleiding."""
    begeleidingen = frames.get("begeleidingen")
    if begeleidingen is None or not len(begeleidingen):
        return set()
    return set(begeleidingen["traject_nr"].tolist())


def _phase_rows(frames: dict[str, pd.DataFrame], trajecten: pd.DataFrame) -> pd.DataFrame:
    fasen = frames["fasen"][["traject_nr", "fase", "startdatum"]]
    return rows_of_trajecten(fasen, trajecten, ["gemeente", "peil_start", "peil_end"])


def _schuld_rows(frames: dict[str, pd.DataFrame], trajecten: pd.DataFrame) -> pd.DataFrame:
    schulden = frames["schulden"][["traject_nr", "bedrag", "schuldsoort"]]
    return rows_of_trajecten(schulden, trajecten, ["gemeente"])


def _in_period(dates: pd.Series, start: pd.Series, end: pd.Series) -> pd.Series:
    return (dates.ge(start) & dates.le(end)).fillna(False).astype(bool)


def _figures(code, naam, own, mine, phases, debts, begeleid) -> GemeenteFigures:
    result = GemeenteFigures(code, naam, trajecten=len(own))
    result.clienten = int(mine["client_key"].nunique())
    active = mine[mine["actief"].fillna(False).astype(bool)]
    result.actieve_clienten = int(active["client_key"].nunique())
    result.actief_naar_stap = _count_latest(active, "periode")
    result.laatste_fase_actief = _count_latest(active, "ooit")

    started = mine[_in_period(mine["startdatum"], mine["peil_start"], mine["peil_end"])]
    result.instroom = int(started["client_key"].nunique())
    # A client counts as uitgestroomd when their latest traject started in the period has ended.
    latest = started.sort_values(["client_key", "startdatum"], kind="stable").drop_duplicates("client_key", keep="last")
    ended = latest["uitstroom_datum"].notna() | latest["einddatum"].notna()
    result.instroom_uitgestroomd = int(ended.sum())
    result.instroom_nog_actief = result.instroom - result.instroom_uitgestroomd
    with_begeleiding = started["traject_nr"].isin(begeleid).to_numpy()
    result.instroom_met_begeleiding = int(started[with_begeleiding]["client_key"].nunique()) if len(started) else 0

    in_period = phases[_in_period(phases["startdatum"], phases["peil_start"], phases["peil_end"])]
    counts = in_period["fase"].value_counts()
    result.fasen_gestart = {fase: int(counts.get(fase, 0)) for fase in _PHASE_KEYS}

    result.totale_schuld = float(own["totaal_schuld"].fillna(0).sum())
    soorten = own["oplossing_soort"].value_counts()
    result.oplossingssoorten = {soort: int(soorten.get(soort, 0)) for soort in OPLOSSINGSSOORTEN}
    per_soort = debts.groupby(debts["schuldsoort"].where(debts["schuldsoort"].isin(SCHULDSOORTEN), "Overig"))[
        "bedrag"].sum()
    result.schuld_per_soort = {soort: float(per_soort.get(soort, 0.0)) for soort in SCHULDSOORTEN}
    return result


_PHASE_KEYS = ("aanmelding", "informatieEnAdvies", "intake", "stabilisatie", "schuldregeling", "oplossing",
               "nazorg")


def _add_latest_steps(rows: pd.DataFrame) -> pd.DataFrame:
    """Per client row: the most recent step started in the period, and the most recent step ever.

    Vectorised over a (rows x steps) matrix of dates; on equal dates the later step in process order wins.
    """
    rows = rows.copy()
    matrix = np.stack([rows[column].to_numpy(dtype="datetime64[ns]") for _, column in STEPS], axis=1)
    start = rows["peil_start"].to_numpy(dtype="datetime64[ns]")[:, None]
    end = rows["peil_end"].to_numpy(dtype="datetime64[ns]")[:, None]
    names = np.array([name for name, _ in STEPS], dtype=object)
    for suffix, dates in (("periode", np.where((matrix >= start) & (matrix <= end), matrix, np.datetime64("NaT"))),
                          ("ooit", matrix)):
        as_int = np.where(np.isnat(dates), np.iinfo(np.int64).min, dates.astype("int64"))
        # argmax takes the first maximum: search the reversed columns so the later step wins ties.
        index = as_int.shape[1] - 1 - np.argmax(as_int[:, ::-1], axis=1) if len(as_int) else np.array([], int)
        found = as_int.max(axis=1) > np.iinfo(np.int64).min if len(as_int) else np.array([], bool)
        rows[f"stap_{suffix}"] = np.where(found, names[index] if len(index) else index, "Onbekend")
        rows[f"stap_{suffix}_datum"] = np.where(found, as_int.max(axis=1) if len(as_int) else 0, np.iinfo(np.int64).min)
    return rows


def _count_latest(active: pd.DataFrame, suffix: str) -> dict[str, int]:
    """Count clients by their most recent step over all their (active) trajecten."""
    if not len(active):
        return dict.fromkeys(STEP_NAMES, 0)
    ordered = active.sort_values(["client_key", f"stap_{suffix}_datum"], kind="stable")
    counts = ordered.drop_duplicates("client_key", keep="last")[f"stap_{suffix}"].value_counts()
    return {name: int(counts.get(name, 0)) for name in STEP_NAMES}
