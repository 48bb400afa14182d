"""Derived columns for traject rules T04–T16 and the aggregate rules A02–A04.

Each column is null where its rule does not apply: GX map expectations skip nulls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...gemeenten import shown_code
from ..common.distinct import map_distinct
from .flatten import DATE_COLUMNS, PHASES
from .traject_rows import with_traject_columns

# A03: fields that are normally filled, per frame: (label, frame, column, rows it applies to).
_PAST_INTAKE = ("stabilisatie_start", "schuldregeling_datum", "oplossing_start", "nazorg_start")
# A04: amount fields checked for concentration (date fields come from flatten.DATE_COLUMNS).
_AMOUNT_FIELDS = (("trajecten", "totaal_schuld", "totaalSchuldbedragBijAanvangSchuld"),
                  ("trajecten", "vtlb", "oplossing.vtlb"), ("schulden", "bedrag", "schulden.bedrag"))
_FILE_LEVEL_DATES = {"peil_start", "peil_end", "aanleverdatum", "aanleverdag", "aanlevermoment"}
# A04 checks phase dates once, in the fasen frame; the traject's copies of them are skipped, and the other
# columns are named as in the JSON (a coordinator does not know our column names).
_PHASE_COPIES = {"aanmelding_start", "intake_start", "stabilisatie_start", "schuldregeling_datum", "oplossing_start",
                 "nazorg_start", "intake_einddatum", "oplossing_einddatum"}
_JSON_NAMES = {
    "beschikkingsdatum": "intake.beschikkingsdatum", "plan_van_aanpak_afronding": "planVanAanpak.datumAfronding",
    "schuldregeling_toegekend": "schuldregeling.toegekend", "schuldregeling_afgewezen": "schuldregeling.afgewezen",
    "schuldregeling_ingetrokken": "schuldregeling.ingetrokken",
    "schuldregeling_verzoek_dwangakkoord": "schuldregeling.datumVerzoekDwangakkoord",
    "uitstroom_datum": "uitstroom.datum", "uitstroom_beeindigingsbeschikking": "uitstroom.datumBeeindigingsbeschikking",
    "datum_aanvraag": "moratoria.datumAanvraag", "datum_goedkeuring": "moratoria.datumGoedkeuring",
}
_PHASE_START_FIELD = {key: start for key, _, start, _ in PHASES}
# The frames A04 reads (`concentrations`): those with a date field it checks, and those with an amount field.
CONCENTRATION_FRAMES = frozenset(
    {name for name, columns in DATE_COLUMNS.items() if set(columns) - _FILE_LEVEL_DATES - _PHASE_COPIES}
    | {name for name, *_ in _AMOUNT_FIELDS})


def add(frames: dict[str, pd.DataFrame], context) -> None:
    trajecten = frames["trajecten"]
    _gemeentecodes(trajecten, frames["leveringen"], context)
    _uitstroom(trajecten)
    _amounts(trajecten)
    _plan_before_start(trajecten)
    frames["fasen"] = _with_traject_dates(frames["fasen"], trajecten, exempt_nazorg=True)
    for name in ("begeleidingen", "crisisinterventies", "moratoria", "voorlopige_voorzieningen"):
        frames[name] = _with_traject_dates(frames[name], trajecten, exempt_nazorg=False)


def _gemeentecodes(trajecten: pd.DataFrame, leveringen: pd.DataFrame, context) -> None:
    """T05 only where the organisation is not the gemeente itself (else L05); T06 validity in the period."""
    org = leveringen.set_index(["file", "path"])["org_gemeentecode"]
    keys = pd.MultiIndex.from_arrays([trajecten["file"], trajecten["levering_path"]])
    self_delivering = pd.Series(org.reindex(keys).to_numpy(), index=trajecten.index).notna()
    trajecten["gemeentecode_t05"] = trajecten["gemeentecode"].where(~self_delivering)
    trajecten["gemeentecode_getoond"] = map_distinct(trajecten["gemeentecode"], shown_code)

    table = context.table
    known: dict[tuple, tuple[bool | None, str]] = {}  # a few hundred (code, period) pairs for 100,000 trajecten
    starts, ends = trajecten["peil_start"], trajecten["peil_end"]
    # Dates compared as integers (no Timestamp per row); NaT is the smallest integer.
    keys = list(zip(trajecten["gemeentecode_norm"].tolist(), starts.to_numpy().view("i8").tolist(),
                    ends.to_numpy().view("i8").tolist(), strict=True))
    for position, key in enumerate(keys):
        if key not in known:
            code, start, end = key[0], starts.iloc[position], ends.iloc[position]
            # a code of the wrong form or `Onbekend` is T04's or T05's business (the column holds NaN, not None)
            if not isinstance(code, str) or pd.isna(start) or pd.isna(end):
                known[key] = (None, "")
            else:
                gemeente = table.get(code)
                ok = gemeente is not None and gemeente.valid_during(start.date(), end.date())
                known[key] = (ok, "" if ok else _t06_explanation(table, code, gemeente))
    valid = [known[key][0] for key in keys]
    explain = [known[key][1] for key in keys]
    trajecten["gemeentecode_bestond"] = pd.array(valid, dtype="boolean")
    trajecten["t06_toelichting"] = explain


def _t06_explanation(table, code: str, gemeente) -> str:
    if gemeente is None:
        return " Deze code komt niet voor in de CBS-gemeentelijst."
    successors = table.successors(code)
    if successors:
        names = ", ".join(f"{s.nieuwe_naam} ({s.nieuwe_code})" for s in successors)
        return f" {gemeente.naam} is per {successors[0].datum.isoformat()} opgegaan in {names}: gebruik die code."
    if gemeente.geldig_vanaf:
        return f" {gemeente.naam} bestaat pas vanaf {gemeente.geldig_vanaf.isoformat()}."
    return f" {gemeente.naam} bestond tot {gemeente.geldig_tot.isoformat()}."


def _uitstroom(trajecten: pd.DataFrame) -> None:
    """T09 (a reden means ended) and T16 (crisisinterventie flag against the list)."""
    reden = trajecten["uitstroom_reden"].notna()
    einde = trajecten["einddatum"].notna() | trajecten["uitstroom_datum"].notna()
    trajecten["t09_einde_ontbreekt"] = pd.array(np.where(reden, ~einde, pd.NA), dtype="boolean")
    trajecten["t09_reden_ontbreekt"] = pd.array(
        np.where(trajecten["einddatum"].notna(), ~reden, pd.NA), dtype="boolean")
    flag = trajecten["crisisinterventie"].eq(True)
    listed = trajecten["n_crisisinterventies"].gt(0)
    trajecten["t16_tegenstrijdig"] = flag != listed
    trajecten["t16_tekst"] = np.where(
        flag & ~listed,
        "aanmelding.crisisinterventie is true, maar er staan geen crisisinterventies in het traject",
        "er staan crisisinterventies in het traject, maar aanmelding.crisisinterventie is niet true")


def _amounts(trajecten: pd.DataFrame) -> None:
    """T14: relative difference between the stated total and the sum of the schulden."""
    som = trajecten["som_schulden"].where(trajecten["n_schulden"].gt(0) & trajecten["som_schulden"].gt(0))
    difference = (trajecten["totaal_schuld"] - som).abs() / som
    trajecten["t14_verschil"] = difference.astype("float64")
    trajecten["t14_pct"] = (difference * 100).round(0).map(lambda v: "" if pd.isna(v) else f"{int(v)}%")


def _plan_before_start(trajecten: pd.DataFrame) -> None:
    """T10 for planVanAanpak (a phase in the Terms of rules.md, dated by its datumAfronding): a plan finished
    before the traject started. The path only where that is so (a text per traject would cost memory)."""
    early = trajecten["plan_van_aanpak_afronding"].lt(trajecten["startdatum"]).fillna(False).to_numpy(dtype=bool)
    path = pd.Series(None, index=trajecten.index, dtype=object)
    path[early] = trajecten["path"][early].astype(object) + ".planVanAanpak"
    trajecten["plan_van_aanpak_path"] = path


def _with_traject_dates(frame: pd.DataFrame, trajecten: pd.DataFrame, *, exempt_nazorg: bool) -> pd.DataFrame:
    """T10/T11: the traject's start and end beside each phase or sub-period (nazorg may follow the end)."""
    merged = with_traject_columns(frame, trajecten, {"startdatum": "traject_start", "einddatum": "traject_eind"})
    if exempt_nazorg:
        merged["traject_eind"] = merged["traject_eind"].where(merged["fase"].ne("nazorg"))
        merged["traject_start_t10"] = merged["traject_start"]
        # T10 also for a phase dated by its einddatum alone (with a startdatum, that one is compared: one finding)
        merged["einddatum_t10"] = merged["einddatum"].where(merged["startdatum"].isna())
    return merged


def duplicates(overlaps: pd.DataFrame) -> None:
    """T15: the same client with the same startdatum in another traject; C07 leaves those to T15."""
    if not len(overlaps):
        overlaps["t15_duplicaat_van"] = pd.Series(dtype="object")
        return
    # ties: the traject that ends first, then document order (`_client_overlaps`' order): the first is the original
    ordered = overlaps.sort_values(["client_key", "startdatum", "file", "eind"], kind="stable")
    same_start = ["client_key", "startdatum_opgegeven"]   # a missing startdatum is no duplicate of anything
    first = ordered.groupby(same_start, sort=False)["path"].transform("first")
    first_file = ordered.groupby(same_start, sort=False)["file"].transform("first")
    is_copy = ~(ordered["path"].eq(first) & ordered["file"].eq(first_file))
    where = first.where(first_file.eq(ordered["file"]), first + " in " + first_file)
    overlaps["t15_duplicaat_van"] = where.where(is_copy).reindex(overlaps.index)
    overlaps["zelfde_org_eind"] = overlaps["zelfde_org_eind"].where(overlaps["t15_duplicaat_van"].isna())


def fill_rates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """A03: per file and normally-filled field, the share of records that leave it empty."""
    trajecten, clienten = frames["trajecten"], frames["clienten"]
    past_intake = trajecten[list(_PAST_INTAKE)].notna().any(axis=1)
    in_regeling = trajecten["schuldregeling_datum"].notna()
    checks = [
        ("Burgerservicenummer", clienten, clienten["bsn_present"].astype(bool)),
        ("Geboortedatum", clienten, clienten["geboortedatum_present"].astype(bool)),
        ("aanmelding.startdatum", trajecten, trajecten["aanmelding_start"].notna()),
        ("intake.startdatum (trajecten voorbij de intake)", trajecten[past_intake],
         trajecten.loc[past_intake, "intake_start"].notna()),
        ("schulden (trajecten met een schuldregeling)", trajecten[in_regeling],
         trajecten.loc[in_regeling, "n_schulden"].gt(0)),
    ]
    rows = []
    for label, frame, filled in checks:
        if not len(frame):
            continue
        filled_frame = pd.DataFrame({"file": frame["file"], "gevuld": filled})
        per_file = filled_frame.groupby("file")["gevuld"].agg(["sum", "size"])
        for file, (count, total) in per_file.iterrows():
            rows.append({"file": file, "path": "$", "veld": label, "totaal": int(total),
                         "leeg": int(total - count), "leeg_aandeel": float((total - count) / total)})
    result = pd.DataFrame(rows, columns=["file", "path", "veld", "totaal", "leeg", "leeg_aandeel"])
    result["leeg_pct"] = (result["leeg_aandeel"] * 100).round(0).map(lambda v: f"{int(v)}%")
    return result


def concentrations(frames: dict[str, pd.DataFrame], min_records: int) -> pd.DataFrame:
    """A04: per file and date/amount field, the most common value and its share of the filled records.

    Counted field by field with one groupby each (dates as day numbers): a `value_counts` per file and field
    took 4.5 s for a national batch of 342 files; one long table of every field's values took ~1.1 s and
    ~250 MB at once; field by field ~0.5 s and only one field's values at a time."""
    fields = [(name, column, _JSON_NAMES.get(column, column)) for name, columns in DATE_COLUMNS.items()
              for column in columns if column not in _FILE_LEVEL_DATES | _PHASE_COPIES]
    fields += list(_AMOUNT_FIELDS)
    parts = []
    orders: dict[str, np.ndarray] = {}
    for number, (frame_name, column, _) in enumerate(fields):
        frame = frames[frame_name]
        if column not in frame.columns or not len(frame):
            continue
        # A group is one file (fasen: one file and phase), numbered in the order it first appears in the frame.
        if frame_name not in orders:
            keys = ["file", "fase"] if frame_name == "fasen" else ["file"]
            orders[frame_name] = frame.groupby(keys, sort=False).ngroup().to_numpy()
        part = _most_common(frame[column], orders[frame_name], min_records)
        if len(part):
            parts.append(part.assign(veldnr=number))
    columns = ["file", "path", "veld", "waarde", "aantal", "gevuld", "aandeel", "aandeel_pct"]
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
    result = pd.concat(parts, ignore_index=True)
    # Words only for the rows that remain: the file and field name from the group's first row (taken per
    # frame: the whole `file` column as Python text was ~90 MB for a national batch).
    frame_of = [fields[number][0] for number in result["veldnr"]]
    files = pd.Series(frame_of, dtype="object")
    fase_of = pd.Series(None, index=files.index, dtype="object")
    for frame_name in set(frame_of):
        mine = files.index[files.eq(frame_name)]
        rows = result.loc[mine, "rij"].to_numpy()
        files[mine] = frames[frame_name]["file"].take(rows).to_numpy()
        if frame_name == "fasen":
            fase_of[mine] = frames[frame_name]["fase"].take(rows).to_numpy()
    dates = {number: pd.api.types.is_datetime64_any_dtype(frames[frame_name][column])   # counted as day numbers
             for number, (frame_name, column, _) in enumerate(fields) if column in frames[frame_name].columns}
    names, texts = [], []
    # the day numbers of date fields as text, at once (a Timestamp and strftime per value: 0.08 s nationally)
    is_date = np.array([dates[number] for number in result["veldnr"]], dtype=bool)
    days = np.full(len(result), None, dtype=object)
    days[is_date] = pd.Series(result["waarde_getal"].to_numpy()[is_date].astype("int64").astype("datetime64[D]")
                              ).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    for number, fase, value, day in zip(result["veldnr"], fase_of, result["waarde_getal"], days, strict=True):
        frame_name, column, label = fields[number]
        if frame_name == "fasen":   # one field per phase: "intake.startdatum"; schuldregeling starts with `datum`
            names.append(f"{fase}.{_PHASE_START_FIELD.get(fase, column) if column == 'startdatum' else column}")
        else:
            names.append(_label(frame_name, label))
        texts.append(day if dates[number] else f"{value:,.0f}".replace(",", "."))
    result = result.assign(file=files.tolist(), path="$", veld=names, waarde=texts)
    result["aantal"] = result["aantal"].astype("int64")
    result["aandeel"] = result["aantal"] / result["gevuld"]
    result["aandeel_pct"] = (result["aandeel"] * 100).round(0).map(lambda v: f"{int(v)}%")
    return result[columns]


def _most_common(values: pd.Series, groups: np.ndarray, min_records: int) -> pd.DataFrame:
    """Per group with at least `min_records` filled values (in group number order): how many are filled, the
    first filled row, the most common value (a tie keeps the value that comes first) and how often it occurs.

    In numpy (one sort of the filled values): three pandas groupbys and a merge per field cost ~13 ms each
    whatever the size, a third of a second of A04's fixed cost for a small file."""
    filled = values.notna().to_numpy()
    rows = np.flatnonzero(filled)
    groep = groups[filled]
    if pd.api.types.is_datetime64_any_dtype(values):
        number = (values[filled].dt.floor("D") - _EPOCH).dt.days.astype("float64").to_numpy()
    else:
        number = pd.to_numeric(values[filled], errors="coerce").astype("float64").to_numpy()
    gevuld = np.bincount(groep)
    present, first_at = np.unique(groep, return_index=True)   # first_at: the group's first filled row
    big = gevuld[present] >= min_records
    present, first_at = present[big], first_at[big]
    keep = np.isin(groep, present) & ~np.isnan(number)          # a value that is no number is filled, not counted
    positions = np.flatnonzero(keep)
    if not len(positions):
        return pd.DataFrame(columns=["groep", "gevuld", "rij", "waarde_getal", "aantal"])
    order = positions[np.lexsort((number[positions], groep[positions]))]   # stable: earliest first in a run
    g, v = groep[order], number[order]
    starts = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (v[1:] != v[:-1])])
    run_size = np.diff(np.r_[starts, len(order)])
    run_first = order[starts]                                   # position of the value's first occurrence
    run_group = g[starts]
    # per group the largest run; a tie goes to the value that occurs first
    best = np.lexsort((run_first, -run_size, run_group))
    best = best[np.r_[True, run_group[best][1:] != run_group[best][:-1]]]
    winner = pd.DataFrame({"groep": run_group[best], "waarde_getal": v[starts][best], "aantal": run_size[best]})
    sizes = pd.DataFrame({"groep": present, "gevuld": gevuld[present], "rij": rows[first_at]})
    return sizes.merge(winner, on="groep", how="inner")


_EPOCH = pd.Timestamp("1970-01-01")


def _label(frame_name: str, column: str) -> str:
    prefix = {"schulden": "schulden.", "begeleidingen": "begeleiding.", "moratoria": "moratoria.",
              "crisisinterventies": "crisisinterventies.", "voorlopige_voorzieningen": "voorlopigeVoorzieningen."}
    return prefix.get(frame_name, "") + column if "." not in column else column
