"""Derive stage: cross-row facts, computed once in plain pandas, as columns and frames GX can check.

Everything here is sort- or group-based (no pairwise loops), so cost grows linearly with the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...derive import DeriveContext
from ...gemeenten import GemeenteTable
from ...memory import give_back_freed
from ...parallel import InChild
from ..common.levering import without_reversed_period
from ..common.plausibility import expected_count, only_this_file, ratio_text
from ..common.values import RECORD_NUMBER
from .traject_rows import rows_of_trajecten, traject_positions, traject_runs, with_traject_columns

# Start dates that count as "a process step started" (active client, as in the DDAS-app).
STEP_COLUMNS = (
    "aanmelding_start", "intake_start", "stabilisatie_start", "schuldregeling_datum",
    "oplossing_start", "nazorg_start", "uitstroom_datum",
)
# Dates inside a traject that T03 compares with the aanleverdatum: (frame, column, label for messages).
TRAJECT_DATES = (
    ("trajecten", "startdatum", "startdatum"),
    ("trajecten", "einddatum", "einddatum"),
    ("trajecten", "toekenningsdatum", "toekenningsdatum"),
    ("trajecten", "intake_einddatum", "intake.einddatum"),
    ("trajecten", "beschikkingsdatum", "intake.beschikkingsdatum"),
    ("trajecten", "plan_van_aanpak_afronding", "planVanAanpak.datumAfronding"),
    ("trajecten", "schuldregeling_toegekend", "schuldregeling.toegekend"),
    ("trajecten", "schuldregeling_afgewezen", "schuldregeling.afgewezen"),
    ("trajecten", "schuldregeling_ingetrokken", "schuldregeling.ingetrokken"),
    ("trajecten", "schuldregeling_verzoek_dwangakkoord", "schuldregeling.datumVerzoekDwangakkoord"),
    ("trajecten", "uitstroom_datum", "uitstroom.datum"),
    ("trajecten", "uitstroom_beeindigingsbeschikking", "uitstroom.datumBeeindigingsbeschikking"),
    ("fasen", "startdatum", "{fase}.startdatum"),
    ("fasen", "einddatum", "{fase}.einddatum"),
    ("begeleidingen", "startdatum", "begeleiding.startdatum"),
    ("begeleidingen", "einddatum", "begeleiding.einddatum"),
    ("crisisinterventies", "startdatum", "crisisinterventies.startdatum"),
    ("crisisinterventies", "einddatum", "crisisinterventies.einddatum"),
    ("moratoria", "startdatum", "moratoria.startdatum"),
    ("moratoria", "einddatum", "moratoria.einddatum"),
    ("moratoria", "datum_aanvraag", "moratoria.datumAanvraag"),
    ("moratoria", "datum_goedkeuring", "moratoria.datumGoedkeuring"),
    ("voorlopige_voorzieningen", "startdatum", "voorlopigeVoorzieningen.startdatum"),
    ("voorlopige_voorzieningen", "einddatum", "voorlopigeVoorzieningen.einddatum"),
    ("schulden", "peildatum", "schulden.peildatum"),
)


@dataclass(frozen=True)
class DeriveSettings:
    """Thresholds the derive stage needs, from the catalogue or the user's config (the rest are suite parameters)."""

    reference_rate_per_1000: float
    min_inwoners: int
    a02_min_clients: int


# What `_aside_steps` gives: new columns per frame (frame -> column name -> values), and new frames.
AsideResult = tuple[dict[str, dict[str, pd.Series]], dict[str, pd.DataFrame]]


def derive(frames: dict[str, pd.DataFrame], context: DeriveContext, release: bool = False,
           aside: InChild[AsideResult] | None = None) -> dict[str, pd.DataFrame]:
    """The frames plus derived columns and derived frames, in a fixed order of steps. `release`: the caller
    hands `frames` over (the dict is emptied), so a frame is freed as soon as a step replaces it. `aside`: the
    `start_aside` child that computes the independent steps meanwhile (else they are done here first); the caller
    closes it (`ddas_quality.derive.derive` does, also when this fails)."""
    from . import derive_clients, derive_levering, derive_phases, derive_pseudonyms, derive_trajecten

    given = frames
    # L01 is judged on the leveringen; everything else sees no period where it runs backwards.
    frames = {**frames, "trajecten": without_reversed_period(frames["trajecten"])}
    if release:
        given.clear()
    del given
    side = _aside_steps(_aside_input(frames), context) if aside is None else None
    out = dict(frames)
    out["vulgraad"] = derive_trajecten.fill_rates(frames)   # A03 (here, not aside: the child has more to do)
    out["trajecten"] = frames["trajecten"].reset_index(drop=True)   # copy-on-write: columns are added to it
    out["trajecten"]["actief"] = _active(out["trajecten"])
    del frames   # the frames as flattened, where `out` has new versions: not needed from here on
    for step in (derive_trajecten.add, derive_levering.add, derive_clients.add, derive_phases.add):
        give_back_freed()
        step(out, context)
    give_back_freed()
    out["gemeenten_vergelijking"] = _comparison(out["trajecten"], out["clienten"], context,
                                                files=", ".join(sorted(set(out["leveringen"]["file"]))))
    out["clienten"] = _pseudonyms(out["clienten"], out["trajecten"], context.profile)
    out["pseudoniem_vormen"] = derive_pseudonyms.pseudonym_shapes(out["clienten"], context.profile)   # C09
    columns, made = side if aside is None else aside.result()
    for frame_name, values in columns.items():   # the derived frames keep the flattened rows, in their order
        frame = out[frame_name]
        out[frame_name] = frame.assign(**{name: pd.Series(column.array, index=frame.index)
                                          for name, column in values.items()})
    out.update(made)
    return out


# From this many trajecten on, a forked child computes the independent steps (`_aside_steps`) while derive does the
# rest: a national batch of 90,000 trajecten derived alone in the main process for about 3.5 s, a core idle; with
# the child 2.2 s. Up to ASIDE_UP_TO_TRAJECTEN only: while the child runs, what derive frees here stays in memory
# (the child still shares those pages), and a batch three times the national size then peaked at 1.96 GB, not 1.41.
ASIDE_FROM_TRAJECTEN = 10_000
ASIDE_UP_TO_TRAJECTEN = 150_000


def start_aside(frames: dict[str, pd.DataFrame], context: DeriveContext) -> InChild[AsideResult] | None:
    """A forked child computing `_aside_steps` on these frames, for `derive(aside=...)`; None when it does not
    pay (a small run: forking costs more than it saves) or costs too much memory (a very large run). Start it
    before any thread (see `InChild`)."""
    if not ASIDE_FROM_TRAJECTEN <= len(frames["trajecten"]) <= ASIDE_UP_TO_TRAJECTEN:
        return None
    needed = _aside_input({**frames, "trajecten": without_reversed_period(frames["trajecten"])})
    try:
        return InChild(lambda: _aside_steps(needed, context))
    except OSError:   # no fork now (memory, processes, file descriptors): derive does these steps itself
        return None


# What the independent steps read, besides whole frames of few rows: the big frames' columns only.
_ASIDE_COLUMNS = {
    "clienten": ("file", RECORD_NUMBER, "client_key", "bsn_masked", "bsn_present", "geboortedatum_present"),
    "schulden": ("file", RECORD_NUMBER, "peildatum", "bedrag"),
}


def _aside_input(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames the independent steps read (copy-on-write: no data is copied); the big ones only with the
    columns they need, so holding them for a forked child does not keep whole frames alive."""
    from . import derive_trajecten

    names = {"trajecten", "fasen", *derive_trajecten.CONCENTRATION_FRAMES, *(name for name, *_ in TRAJECT_DATES)}
    return {name: frames[name][list(_ASIDE_COLUMNS[name])] if name in _ASIDE_COLUMNS else frames[name]
            for name in names | set(_ASIDE_COLUMNS)}


def _aside_steps(frames: dict[str, pd.DataFrame], context: DeriveContext) -> AsideResult:
    """The steps that read only flattened columns and whose results no other step reads: T03's latest date per
    traject and P02's phase order (new columns, in the frames' row order), the client overlaps of C07/C08/T15,
    the counts per gemeente of A01/A02 and A04's concentrations (new frames)."""
    from . import derive_trajecten

    trajecten = frames["trajecten"].assign(actief=_active(frames["trajecten"]))
    latest = _latest_dates(frames)
    fasen = _phase_order(frames["fasen"])
    overlaps = _client_overlaps(trajecten, frames["clienten"])
    derive_trajecten.duplicates(overlaps)
    settings = DeriveSettings(reference_rate_per_1000=context.threshold("A01", "reference_rate_per_1000"),
                              min_inwoners=int(context.threshold("A01", "min_inwoners")),
                              a02_min_clients=int(context.threshold("A02", "min_clients")))
    columns = {"trajecten": {name: latest[name] for name in ("max_datum", "max_datum_veld")},
               "fasen": {name: fasen[name] for name in ("prev_max_start", "prev_fase")}}
    made = {
        "client_overlaps": overlaps,
        "gemeenten": _gemeenten(trajecten, frames["clienten"], context.table, settings, context.files_in_run),
        "concentraties": derive_trajecten.concentrations(frames, int(context.threshold("A04", "min_records"))),
    }
    return columns, made


def _phase_order(fasen: pd.DataFrame) -> pd.DataFrame:
    """Per phase: the latest start date among the phases before it in process order, and which phase.

    Flatten writes the phases of one traject together and in process order (`PHASES`), so no sort is needed
    (sorting by file and path text made two copies of the frame: ~200 MB for a national batch)."""
    fasen = fasen.copy(deep=False)   # new columns only: the caller's frame stays as it was
    keep = (fasen["volgorde"].notna() & fasen["startdatum"].notna()).to_numpy()
    ordered = fasen.loc[keep, ["fase", "startdatum"]]
    keys = pd.Series(traject_runs(fasen)[keep], index=ordered.index)
    running_max = ordered.groupby(keys, sort=False)["startdatum"].cummax()
    holder = ordered["fase"].where(ordered["startdatum"].eq(running_max)).groupby(keys, sort=False).ffill()
    fasen["prev_max_start"] = pd.to_datetime(running_max.groupby(keys, sort=False).shift(1))
    fasen["prev_fase"] = holder.groupby(keys, sort=False).shift(1)
    return fasen


def _latest_dates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per traject (in row order) the latest date anywhere inside it, and the field that holds it (T03).

    Rows are tied to their traject by position (one lookup per frame), not by joining file and path texts."""
    trajecten = frames["trajecten"]
    positions = _traject_positions(trajecten, frames, {name for name, *_ in TRAJECT_DATES})
    parts = []
    for frame_name, column, label in TRAJECT_DATES:
        frame = frames[frame_name]
        if not len(frame):
            continue
        labels = frame["fase"] + label[len("{fase}"):] if "{fase}" in label else label
        part = pd.DataFrame({"positie": positions[frame_name], "datum": frame[column].to_numpy(), "veld": labels})
        parts.append(part[part["datum"].notna().to_numpy() & (positions[frame_name] >= 0)])
    latest = pd.DataFrame(index=pd.RangeIndex(len(trajecten)))
    if parts:
        dates = pd.concat(parts, ignore_index=True)
        found = dates.loc[dates.groupby("positie")["datum"].idxmax()]
        for column, source in (("max_datum", "datum"), ("max_datum_veld", "veld")):
            values = pd.Series(None, index=latest.index, dtype=dates[source].dtype)
            values.iloc[found["positie"].to_numpy()] = found[source].to_numpy()
            latest[column] = values
    else:
        latest["max_datum"] = pd.Series(index=latest.index, dtype="datetime64[us]")
        latest["max_datum_veld"] = pd.Series(index=latest.index, dtype="object")
    return latest


def _traject_positions(trajecten: pd.DataFrame, frames: dict[str, pd.DataFrame],
                       names: set[str]) -> dict[str, np.ndarray]:
    """Per frame in `names`: the row position of each row's traject in `trajecten` (-1 where there is none)."""
    positions = {"trajecten": np.arange(len(trajecten))}
    for name in names - {"trajecten"}:
        if len(frames[name]):
            positions[name] = traject_positions(trajecten, frames[name])
    return positions


def _active(trajecten: pd.DataFrame) -> pd.Series:
    """A process step started, or uitstroom, within the peilperiode."""
    active = pd.Series(False, index=trajecten.index)
    for column in STEP_COLUMNS:
        inside = trajecten[column].ge(trajecten["peil_start"]) & trajecten[column].le(trajecten["peil_end"])
        active |= inside.fillna(False)
    return active


def _client_overlaps(trajecten: pd.DataFrame, clienten: pd.DataFrame) -> pd.DataFrame:
    """Per client and traject: the latest end among the client's earlier-starting trajecten (C07, C08).

    An open end means "still running at the aanleverdatum" (Decisions). Sort-based: O(n log n).
    """
    keyed = clienten.loc[clienten["client_key"].notna(), ["file", "traject_nr", "client_key", "bsn_masked"]]
    keyed = keyed.drop_duplicates(["traject_nr", "client_key"])
    phases = ["aanmelding_start", "intake_start", "stabilisatie_start", "schuldregeling_datum", "oplossing_start"]
    rows = rows_of_trajecten(keyed, trajecten, ["path", "org_key", "startdatum", "einddatum", "uitstroom_datum",
                                                "aanleverdatum", *phases])
    # A traject without startdatum ran at least from its first phase on (T10: the traject starts at or before
    # it), so it can still overlap (C07, C08); T15 only compares a startdatum that is in the file.
    rows["startdatum_opgegeven"] = rows["startdatum"]
    rows["startdatum"] = rows["startdatum"].fillna(rows[phases].min(axis=1))
    rows = rows[rows["startdatum"].notna()].drop(columns=phases)
    # The end: einddatum, else the uitstroom (it ends the traject: rules.md Terms, as for T09), else still running.
    rows["eind"] = rows["einddatum"].fillna(rows["uitstroom_datum"]).fillna(rows["aanleverdatum"])
    rows["lopend"] = rows["einddatum"].isna() & rows["uitstroom_datum"].isna()
    rows = rows.drop(columns=["uitstroom_datum"])
    rows["volgorde"] = np.arange(len(rows))   # document order (the clienten's order)
    # Ties keep document order (stable sort, no sort on `path`: as text `[10]` would come before `[9]`).
    rows = rows.sort_values(["client_key", "startdatum", "eind", "file"], kind="stable")

    def previous(group_keys: list[str], prefix: str) -> None:
        # The groups as numbers, found once: each groupby on the text keys found them again (a third of the cost).
        # A key that is missing has no group (-1 -> NaN), as when grouping on the keys themselves.
        ids = rows.groupby(group_keys, sort=False).ngroup()
        ids = ids.where(ids >= 0)
        running = rows["eind"].groupby(ids, sort=False).cummax()
        is_holder = rows["eind"].eq(running)
        for column in ("path", "file", "org_key", "lopend"):
            held = rows[column].where(is_holder).groupby(ids, sort=False).ffill()
            rows[f"{prefix}_{column}"] = held.groupby(ids, sort=False).shift(1)
        rows[f"{prefix}_eind"] = pd.to_datetime(running.groupby(ids, sort=False).shift(1))

    previous(["client_key", "org_key"], "zelfde_org")
    previous(["client_key"], "vorige")
    other = rows["vorige_org_key"].ne(rows["org_key"]) & rows["vorige_org_key"].notna()
    rows["andere_org_eind"] = rows["vorige_eind"].where(other)
    rows["andere_org_path"] = rows["vorige_path"].where(other)
    rows["andere_org_file"] = rows["vorige_file"].where(other)
    # Back in document order: the client keys are keyed hashes that differ per run, so in their order a traject
    # with two clients would name one or the other in its C07/C08 message, depending on the run.
    rows = rows.sort_values("volgorde").drop(columns=["traject_nr", "volgorde"]).reset_index(drop=True)
    for column in ("zelfde_org_eind", "andere_org_eind"):
        rows[column] = pd.to_datetime(rows[column])
    # Words for the messages: who (masked), until when, and where the other traject is.
    rows["client_label"] = rows["bsn_masked"].fillna("zonder BSN (herkend op adresgegevens)")
    for prefix, source in (("zelfde_org", "zelfde_org"), ("andere_org", "vorige")):
        eind = rows[f"{prefix}_eind"].dt.strftime("%Y-%m-%d")
        rows[f"{prefix}_tot"] = eind.where(~rows[f"{source}_lopend"].fillna(False).astype(bool), "nu, zonder einddatum")
        other_file = rows[f"{source}_file"]
        elsewhere = other_file.notna() & other_file.ne(rows["file"])
        rows[f"{prefix}_waar"] = rows[f"{source}_path"].where(
            ~elsewhere, rows[f"{source}_path"] + " in " + other_file.fillna(""))
    return rows


def _gemeenten(trajecten: pd.DataFrame, clienten: pd.DataFrame, table: GemeenteTable,
               settings: DeriveSettings, files_in_run: int) -> pd.DataFrame:
    """Per gemeentecode and peilperiode, over all files of the run: unique (active) clients vs expected."""
    columns = ["gemeentecode", "naam", "inwoners", "peil_start", "peil_end", "bestanden", "trajecten",
               "clienten", "actieve_clienten", "verwacht", "ratio_a01", "ratio_a02", "alleen_dit_bestand", "path"]
    known = trajecten.loc[trajecten["gemeentecode_norm"].notna(),
                          ["traject_nr", "file", "path", "gemeentecode_norm", "peil_start", "peil_end", "actief"]]
    if not len(known):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    people = _people(clienten, known, ["gemeentecode_norm", "peil_start", "peil_end", "actief"])
    group_keys = ["gemeentecode_norm", "peil_start", "peil_end"]
    per_traject = known.groupby(group_keys, dropna=False).agg(
        trajecten=("path", "size"), bestanden=("file", lambda f: ", ".join(sorted(set(f)))))
    per_client = _distinct_people(people, group_keys).rename("clienten").to_frame()
    active = _distinct_people(people[people["actief"]], group_keys).rename("actieve_clienten").to_frame()
    result = per_traject.join(per_client).join(active).fillna({"clienten": 0, "actieve_clienten": 0}).reset_index()
    result = result.rename(columns={"gemeentecode_norm": "gemeentecode"})

    def lookup(code: str, attribute: str):
        gemeente = table.get(code)
        return getattr(gemeente, attribute) if gemeente else None

    result["naam"] = result["gemeentecode"].map(lambda c: lookup(c, "naam"))
    result["inwoners"] = result["gemeentecode"].map(lambda c: lookup(c, "inwoners")).astype("float64")
    result["verwacht"] = expected_count(result["inwoners"], result["peil_start"], result["peil_end"],
                                        settings.reference_rate_per_1000)
    ratio = result["actieve_clienten"] / result["verwacht"]
    # A code that did not exist in the peilperiode is T06; its old inwonertal predicts nothing (no A01/A02).
    existed = pd.Series([bool(g and g.valid_during(start.date(), end.date())) if pd.notna(start) and pd.notna(end)
                         else False for g, start, end in zip(result["gemeentecode"].map(table.get),
                                                             result["peil_start"], result["peil_end"], strict=True)],
                        index=result.index)
    result["ratio_a01"] = ratio.where(result["inwoners"].ge(settings.min_inwoners) & existed)
    result["ratio_a02"] = ratio.where(result["actieve_clienten"].ge(settings.a02_min_clients) & existed)
    result["alleen_dit_bestand"] = files_in_run == 1
    result["ratio_pct"] = ratio_text(ratio)
    result["toelichting"] = only_this_file(files_in_run == 1)
    result["file"] = result["bestanden"]
    result["path"] = "$"
    result["verwacht"] = result["verwacht"].round(0)
    result["ratio_a01"] = result["ratio_a01"].astype("float64")
    result["ratio_a02"] = result["ratio_a02"].astype("float64")
    return result.replace({np.nan: None}).astype({"ratio_a01": "float64", "ratio_a02": "float64",
                                                   "inwoners": "float64", "verwacht": "float64"})


def _people(clienten: pd.DataFrame, trajecten: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The clients of `trajecten`, each with those traject `columns`."""
    return rows_of_trajecten(clienten[["traject_nr", "client_key"]], trajecten, columns)


def _distinct_people(people: pd.DataFrame, keys: list[str] | str) -> pd.Series:
    """Per group: distinct client keys, plus every client without a key (no BSN and no address data), each of
    whom counts once. Counted, not keyed by a made-up text per client (file + path for every client was
    ~150 MB of short-lived strings for a national batch three times as large, left in Python's memory pools)."""
    counts = people.assign(zonder_sleutel=people["client_key"].isna()).groupby(keys, dropna=False).agg(
        met=("client_key", "nunique"), zonder=("zonder_sleutel", "sum"))
    return counts["met"] + counts["zonder"]


def _counts_per_gemeente(trajecten: pd.DataFrame, clienten: pd.DataFrame) -> pd.DataFrame:
    """Per gemeentecode: trajecten, unique active clients (as for A01), files and the longest peilperiode."""
    # only the columns used: a copy of the whole (derived) trajecten frame, twice, was ~150 MB at national x3
    known = trajecten.loc[trajecten["gemeentecode_norm"].notna(),
                          ["traject_nr", "file", "path", "gemeentecode_norm", "actief", "peil_start", "peil_end"]]
    people = _people(clienten, known.loc[known["actief"], ["traject_nr", "gemeentecode_norm"]], ["gemeentecode_norm"])
    days = (known["peil_end"] - known["peil_start"]).dt.days + 1
    counts = known.assign(dagen=days).groupby("gemeentecode_norm").agg(
        trajecten=("path", "size"), bestanden=("file", lambda f: ", ".join(sorted(set(f)))), dagen=("dagen", "max"))
    active = _distinct_people(people, "gemeentecode_norm").rename("actieve_clienten").to_frame()
    return counts.join(active).fillna({"actieve_clienten": 0})


def _change(now: pd.Series, before: pd.Series) -> pd.Series:
    """Relative change; from 0 to more is infinite (a gemeente that is new in this delivery)."""
    change = (now - before) / before.where(before.ne(0))
    return change.where(before.ne(0), np.where(now.eq(0), 0.0, np.inf)).where(before.notna())


def _comparison(trajecten: pd.DataFrame, clienten: pd.DataFrame, context: DeriveContext,
                files: str = "") -> pd.DataFrame:
    """A05: per gemeentecode in either delivery, trajecten and active clients now and in the previous delivery.

    Without a previous delivery the comparison columns stay empty, so the A05 expectations pass.
    """
    now = _counts_per_gemeente(trajecten, clienten)
    if context.previous is not None and "trajecten" in context.previous:
        before_trajecten = context.previous["trajecten"].copy()
        before_trajecten["actief"] = _active(before_trajecten)
        before = _counts_per_gemeente(before_trajecten, context.previous["clienten"])
    else:
        before = None
    codes = now.index.union(before.index) if before is not None else now.index
    result = pd.DataFrame(index=codes.rename("gemeentecode"))
    for column in ("trajecten", "actieve_clienten"):
        result[column] = now[column].reindex(codes).fillna(0).astype("float64")
        result[column + "_vorige"] = (before[column].reindex(codes).fillna(0).astype("float64")
                                      if before is not None else np.nan)
        result["wijziging_" + column] = _change(result[column], result[column + "_vorige"]).abs()
        signed = _change(result[column], result[column + "_vorige"])
        result["wijziging_" + column + "_pct"] = [_percent(v) for v in signed]
        for name in (column, column + "_vorige"):
            result[name + "_tekst"] = [_number(v) for v in result[name]]
    result["file"] = now["bestanden"].reindex(codes).fillna(files)
    result["path"] = "$"
    result = result.reset_index()
    naam = result["gemeentecode"].map(lambda code: getattr(context.table.get(code), "naam", None))
    result["gemeente"] = [f"Gemeente {n} ({c})" if n else f"Gemeentecode {c}"
                          for n, c in zip(naam, result["gemeentecode"], strict=True)]
    days_now = now["dagen"].reindex(codes).to_numpy()
    days_before = before["dagen"].reindex(codes).to_numpy() if before is not None else [np.nan] * len(codes)
    result["toelichting_a05"] = [
        f" Let op: de peilperioden verschillen in lengte (deze levering {int(a)} dagen, de vorige {int(b)});"
        " dat verklaart een deel van het verschil." if pd.notna(a) and pd.notna(b) and abs(a - b) > 31 else ""
        for a, b in zip(days_now, days_before, strict=True)
    ]
    return result.replace({np.nan: None}).astype({"wijziging_trajecten": "float64",
                                                   "wijziging_actieve_clienten": "float64"})


def _number(value: float) -> str:
    """1234 -> `1.234` (Dutch thousands separator)."""
    return "onbekend" if pd.isna(value) else f"{int(value):,}".replace(",", ".")


def _percent(value: float) -> str:
    if pd.isna(value):
        return "onbekend"
    if np.isinf(value):
        return "nieuw in deze levering"
    return f"{value * 100:+.0f}%"


def _pseudonyms(clienten: pd.DataFrame, trajecten: pd.DataFrame, profile: str) -> pd.DataFrame:
    """Profile geanonimiseerd: no elfproef (C01 off); instead one pseudonym must fit one birth date.

    Age at traject start a on date s puts the birth date in (s - a - 1 years, s - a years]: as JJJJMMDD
    numbers (L, U]. Occurrences of one pseudonym whose intervals do not meet the first occurrence's
    cannot be the same person: `pseudoniem_consistent` is False there. Standard profile: the column is empty.
    """
    clienten = clienten.copy()
    clienten["pseudoniem_consistent"] = pd.Series([None] * len(clienten), index=clienten.index, dtype="object")
    clienten["pseudoniem_elders"] = pd.Series([None] * len(clienten), index=clienten.index, dtype="object")
    if profile != "geanonimiseerd" or not len(clienten):
        return clienten
    clienten["bsn_valid"] = None   # pseudonyms are not BSNs: the elfproef does not apply
    rows = clienten[["file", "path", "traject_nr", "client_key", "bsn_present", "leeftijd_bij_start"]]
    rows = with_traject_columns(rows, trajecten, {"startdatum": "pseudoniem_start"})
    usable = rows["bsn_present"].fillna(False).astype(bool) & rows["client_key"].notna()
    clienten.loc[usable, "pseudoniem_consistent"] = True
    rows = rows[usable & rows["leeftijd_bij_start"].notna() & rows["pseudoniem_start"].notna()]
    if not len(rows):
        return clienten
    day = rows["pseudoniem_start"].dt.month * 100 + rows["pseudoniem_start"].dt.day
    age = rows["leeftijd_bij_start"].astype("int64")
    rows = rows.assign(lower=(rows["pseudoniem_start"].dt.year - age - 1) * 10000 + day,
                       upper=(rows["pseudoniem_start"].dt.year - age) * 10000 + day)
    rows = rows.sort_values(["client_key", "pseudoniem_start", "file"], kind="stable")  # ties: document order
    first = rows.groupby("client_key", sort=False)[["lower", "upper", "file", "path"]].transform("first")
    clash = (rows["lower"] >= first["upper"]) | (rows["upper"] <= first["lower"])
    where = first["path"].where(first["file"].eq(rows["file"]), first["path"] + " in " + first["file"])
    clienten.loc[clash[clash].index, "pseudoniem_consistent"] = False
    clienten.loc[clash[clash].index, "pseudoniem_elders"] = where[clash]
    return clienten
