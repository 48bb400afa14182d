"""Derived columns for the phase rules P03-P12.

Pattern: a column per rule that is null where the rule does not apply and a boolean (True = fine) where it
does, plus the words and the location (`p.._path`, the JSON path of the phase) the message needs. A field
that is there with a wrong type or form is S01's business: it counts as filled here (flatten's `*_aanwezig`
flags), and a date that cannot be read is never compared.

Everything is vectorised; P12 (overlapping begeleidingen) is sort-based like the client overlaps (C07).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .traject_rows import traject_positions

# P03: phases after the aanmelding, in process order (informatieEnAdvies has no place in the order).
_LATER_PHASES = ("intake", "stabilisatie", "schuldregeling", "oplossing", "nazorg")
_NEEDS_INTAKE = ("schuldregeling", "oplossing")
# P06: phases that cannot follow an Afwijzingsbeschikking, in process order.
_AFTER_BESCHIKKING = ("stabilisatie", "schuldregeling", "oplossing")
# P09: oplossingen with a maximum duration.
_LIMITED_OPLOSSINGEN = ("Saneringskrediet", "Schuldbemiddeling")
_PHASE_START_COLUMN = {"aanmelding": "aanmelding_start", "intake": "intake_start",
                       "stabilisatie": "stabilisatie_start", "schuldregeling": "schuldregeling_datum",
                       "oplossing": "oplossing_start", "nazorg": "nazorg_start"}
_PHASE_NAME = {"intake": "een intake", "stabilisatie": "een stabilisatie", "schuldregeling": "een schuldregeling",
               "oplossing": "een oplossing", "nazorg": "nazorg"}

_TRAJECT_COLUMNS = (
    "startdatum", "peil_start", "aanleverdatum", "aanmelding_start", "intake_start", "stabilisatie_start",
    "schuldregeling_datum", "oplossing_start", "nazorg_start", "intake_einddatum", "beschikkingssoort",
    "beschikkingsdatum", "schuldregeling_toegekend", "schuldregeling_afgewezen", "schuldregeling_ingetrokken",
    "schuldregeling_verzoek_dwangakkoord", "dwangakkoord", "oplossing_soort", "oplossing_einddatum",
    "beschikkingssoort_aanwezig", "beschikkingsdatum_aanwezig", "toegekend_aanwezig", "afgewezen_aanwezig",
    "verzoek_dwangakkoord_aanwezig", "oplossing_start_aanwezig", "oplossing_soort_aanwezig", "heeft_schuldregeling",
)
_DATES = ("startdatum", "peil_start", "aanleverdatum", "aanmelding_start", "intake_start", "stabilisatie_start",
          "schuldregeling_datum", "oplossing_start", "nazorg_start", "intake_einddatum", "beschikkingsdatum",
          "schuldregeling_toegekend", "schuldregeling_afgewezen", "schuldregeling_ingetrokken",
          "schuldregeling_verzoek_dwangakkoord", "oplossing_einddatum")


def add(frames: dict[str, pd.DataFrame], context) -> None:
    """Phase columns on `trajecten` (P03-P09, P11), `moratoria` (P10) and `begeleidingen` (P12)."""
    trajecten = _ensure(frames["trajecten"], _TRAJECT_COLUMNS, _DATES)
    present = _phases_present(trajecten, frames["fasen"])
    _p03(trajecten, present)
    _p04_p05(trajecten)
    _p06(trajecten, present)
    _p07_p08(trajecten)
    _p09(trajecten, context.threshold("P09", "max_months"), context.threshold("P09", "grace_months"))
    _p11(trajecten)
    frames["trajecten"] = trajecten
    frames["moratoria"] = _p10(frames["moratoria"], trajecten, context.threshold("P10", "max_months"),
                               context.threshold("P10", "grace_months"))
    frames["begeleidingen"] = _p12(frames["begeleidingen"], trajecten)


# ------------------------------------------------------------------------------------------ helpers


def _ensure(frame: pd.DataFrame, columns: tuple[str, ...], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame with every column the rules read (an empty file, an older flatten) and dates as datetime."""
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype="object")
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def _flag(values: pd.Series) -> pd.Series:
    """A presence flag as plain bool (missing flag = not there)."""
    return values.astype("boolean").fillna(False).astype(bool)


def _check(applies: pd.Series, ok: pd.Series) -> pd.arrays.BooleanArray:
    """True/False where the rule applies, <NA> elsewhere (GX map expectations skip nulls)."""
    return pd.arrays.BooleanArray(ok.to_numpy(dtype=bool), ~applies.to_numpy(dtype=bool))


def _day_text(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d").astype(object)


def _text_where(condition: pd.Series, text: str | pd.Series) -> pd.Series:
    """`text` where the condition holds, "" elsewhere (object dtype, for joining parts of a message)."""
    if isinstance(text, str):
        text = pd.Series(text, index=condition.index)
    return text.astype(object).where(condition.to_numpy(dtype=bool), "").fillna("")


def _join(parts: list[pd.Series], index: pd.Index, separator: str = "; ") -> pd.Series:
    """Join the non-empty parts row by row, vectorised."""
    result = pd.Series("", index=index, dtype=object)
    for part in parts:
        glue = np.where((result != "") & (part != ""), separator, "")
        result = result + glue + part
    return result


def _months_after(start: pd.Series, months: float) -> pd.Series:
    """`start` plus a number of calendar months (a fraction of a month counts as 30.44 days)."""
    whole = math.floor(months)
    later = start + pd.DateOffset(months=whole) if whole else start.copy()
    fraction = months - whole
    return later + pd.to_timedelta(round(fraction * 30.44), unit="D") if fraction else later


def _duration_text(start: pd.Series, end: pd.Series) -> pd.Series:
    """'30 maanden' for whole calendar months, 'ruim 30 maanden' when there are days left over."""
    months = (end.dt.year - start.dt.year) * 12 + (end.dt.month - start.dt.month)
    months = (months - end.dt.day.lt(start.dt.day).astype("int64")).astype("float64")
    exact = _months_after_per_row(start, months.fillna(0))
    ruim = exact.lt(end).fillna(False).to_numpy(dtype=bool)
    text = pd.Series(np.where(ruim, "ruim ", ""), index=start.index, dtype=object) + months.map(
        lambda m: "" if pd.isna(m) else f"{int(m)} {'maand' if int(m) == 1 else 'maanden'}").astype(object)
    return text.where(months.notna(), None)


def _months_after_per_row(start: pd.Series, months: pd.Series) -> pd.Series:
    """start + months per row (vectorised year/month arithmetic; the day is clipped to the month's end)."""
    total = start.dt.year * 12 + (start.dt.month - 1) + months
    parts = pd.DataFrame({"year": total // 12, "month": total % 12 + 1, "day": 1}, index=start.index)
    first = pd.to_datetime(parts.dropna(), errors="coerce").reindex(start.index)
    day = np.minimum(start.dt.day, first.dt.days_in_month)
    return first + pd.to_timedelta(day - 1, unit="D")


def _phases_present(trajecten: pd.DataFrame, fasen: pd.DataFrame) -> dict[str, pd.Series]:
    """Per phase: does the traject hold that phase object (whatever its dates)?"""
    positions = traject_positions(trajecten, fasen)
    names, labels = pd.factorize(fasen["fase"])
    present = {}
    for fase in ("aanmelding", *_LATER_PHASES):
        holds = np.zeros(len(trajecten), dtype=bool)
        if fase in labels:
            holds[positions[(names == labels.get_loc(fase)) & (positions >= 0)]] = True
        present[fase] = pd.Series(holds, index=trajecten.index)
    return present


def _first_of(index: pd.Index, phases: tuple[str, ...], which: dict[str, pd.Series]) -> pd.Series:
    """The first phase in process order for which `which[phase]` holds (None when none does)."""
    first = pd.Series(None, index=index, dtype=object)
    for fase in reversed(phases):
        first = first.mask(which[fase].reindex(index).to_numpy(dtype=bool), fase)
    return first


def _phase_start(trajecten: pd.DataFrame, fase: pd.Series) -> pd.Series:
    start = pd.Series(pd.NaT, index=trajecten.index, dtype="datetime64[ns]")
    for name, column in _PHASE_START_COLUMN.items():
        start = start.mask(fase.eq(name).to_numpy(dtype=bool), trajecten[column])
    return start


def _texts(frame: pd.DataFrame, failing: pd.Series, build) -> None:
    """Message columns, computed only for the failing rows (None elsewhere): text is costly on 100,000 rows."""
    mask = failing.to_numpy(dtype=bool)
    columns = build(frame.loc[mask], mask)
    for name, values in columns.items():
        frame[name] = pd.Series(values, index=frame.index[mask], dtype=object).reindex(frame.index)


# ------------------------------------------------------------------------------------------ rules


def _p03(trajecten: pd.DataFrame, present: dict[str, pd.Series]) -> None:
    """P03: any phase without aanmelding; a schuldregeling or oplossing without intake.

    One finding per traject, at the first phase (in process order) that lacks a phase before it; the message
    names everything that is missing. A traject that started before the peilperiode is no exception (files
    hold whole trajecten), but its message adds that the aanmelding may have been lost in a conversion.
    """
    any_later = pd.concat([present[f] for f in _LATER_PHASES], axis=1).any(axis=1)
    needs_intake = pd.concat([present[f] for f in _NEEDS_INTAKE], axis=1).any(axis=1)
    no_aanmelding = any_later & ~present["aanmelding"]
    no_intake = needs_intake & ~present["intake"]
    failing = no_aanmelding | no_intake
    trajecten["p03_ok"] = _check(any_later, ~failing)

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        lacking = {fase: present[fase][mask] & (no_aanmelding[mask] | (no_intake[mask] & (fase in _NEEDS_INTAKE)))
                   for fase in _LATER_PHASES}
        fase = _first_of(sub.index, _LATER_PHASES, lacking)
        start = _phase_start(sub, fase)
        early = no_aanmelding[mask] & sub["startdatum"].lt(sub["peil_start"]).fillna(False).astype(bool)
        return {
            "p03_path": sub["path"] + "." + fase,
            "p03_fase": fase,
            "p03_fase_tekst": fase.map(_PHASE_NAME),
            "p03_start": _text_where(start.notna(), " (start " + _day_text(start).fillna("") + ")"),
            "p03_ontbreekt": _join([_text_where(no_aanmelding[mask], "aanmelding"),
                                    _text_where(no_intake[mask], "intake")], sub.index, " en "),
            "p03_toelichting": _text_where(
                early, " Het traject begon vóór de peilperiode: is de aanmelding bij een overstap op een ander "
                       "systeem niet overgenomen, vul die dan alsnog aan als de datum bekend is."),
        }
    _texts(trajecten, failing, build)


def _p04_p05(trajecten: pd.DataFrame) -> None:
    """P04: beschikkingssoort and beschikkingsdatum together. P05 is a pair expectation on the dates."""
    soort = _flag(trajecten["beschikkingssoort_aanwezig"])
    datum = _flag(trajecten["beschikkingsdatum_aanwezig"])
    trajecten["p04_ok"] = _check(soort | datum, soort & datum)
    trajecten["intake_path"] = trajecten["path"] + ".intake"

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        has_soort = soort[mask].to_numpy(dtype=bool)
        soort_text = sub["beschikkingssoort"].astype("string").fillna("onleesbaar").astype(object)
        datum_text = _day_text(sub["beschikkingsdatum"]).fillna("onleesbaar")
        return {
            "p04_ontbreekt": np.where(has_soort, "de beschikkingsdatum ontbreekt", "de beschikkingssoort ontbreekt"),
            "p04_aanwezig": np.where(has_soort, "een beschikkingssoort (" + soort_text + ")",
                                     "een beschikkingsdatum (" + datum_text + ")"),
        }
    _texts(trajecten, soort != datum, build)


def _p06(trajecten: pd.DataFrame, present: dict[str, pd.Series]) -> None:
    """P06: after an Afwijzingsbeschikking no stabilisatie, schuldregeling or oplossing (whatever its dates)."""
    afgewezen = trajecten["beschikkingssoort"].eq("Afwijzingsbeschikking").fillna(False).astype(bool)
    later = pd.concat([present[f] for f in _AFTER_BESCHIKKING], axis=1).any(axis=1)
    trajecten["p06_ok"] = _check(afgewezen, ~later)

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        which = {f: present[f][mask] for f in _AFTER_BESCHIKKING}
        fase = _first_of(sub.index, _AFTER_BESCHIKKING, which)
        datum = sub["beschikkingsdatum"]
        return {
            "p06_path": sub["path"] + "." + fase,
            "p06_fasen": _join([_text_where(which[f], f) for f in _AFTER_BESCHIKKING], sub.index, ", "),
            "p06_datum": _text_where(datum.notna(), " van " + _day_text(datum).fillna("")),
        }
    _texts(trajecten, afgewezen & later, build)


def _p07_p08(trajecten: pd.DataFrame) -> None:
    """P07: dwangakkoord only with a toegekend date (error), and with datumVerzoekDwangakkoord (warning).

    P08: not both toegekend and afgewezen; no outcome date before schuldregeling.datum. All problems of one
    schuldregeling in one message.
    """
    dwang = trajecten["dwangakkoord"].eq(True).fillna(False).astype(bool)
    toegekend = _flag(trajecten["toegekend_aanwezig"])
    verzoek = _flag(trajecten["verzoek_dwangakkoord_aanwezig"])
    trajecten["p07_toegekend_ok"] = _check(dwang, toegekend)
    trajecten["p07_verzoek_ok"] = _check(dwang, verzoek)
    trajecten["schuldregeling_path"] = trajecten["path"] + ".schuldregeling"
    _texts(trajecten, dwang & ~toegekend, lambda sub, mask: {
        "p07_ook_verzoek": _text_where(~verzoek[mask], " Ook datumVerzoekDwangakkoord ontbreekt: vul die in.")})

    both = toegekend & _flag(trajecten["afgewezen_aanwezig"])
    datum = trajecten["schuldregeling_datum"]
    outcomes = (("schuldregeling_toegekend", "toegekend"), ("schuldregeling_afgewezen", "afgewezen"),
                ("schuldregeling_ingetrokken", "ingetrokken"),
                ("schuldregeling_verzoek_dwangakkoord", "datumVerzoekDwangakkoord"))
    before = {column: trajecten[column].lt(datum).fillna(False).astype(bool) for column, _ in outcomes}
    failing = both | pd.concat(list(before.values()), axis=1).any(axis=1)
    trajecten["p08_ok"] = _check(_flag(trajecten["heeft_schuldregeling"]) | failing, ~failing)

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        parts = [_text_where(both[mask], "ze is zowel toegekend ("
                             + _day_text(sub["schuldregeling_toegekend"]).fillna("datum onleesbaar")
                             + ") als afgewezen ("
                             + _day_text(sub["schuldregeling_afgewezen"]).fillna("datum onleesbaar") + ")")]
        for column, label in outcomes:
            parts.append(_text_where(before[column][mask], label + " (" + _day_text(sub[column]).fillna("")
                                     + ") ligt vóór de datum van indienen ("
                                     + _day_text(sub["schuldregeling_datum"]).fillna("") + ")"))
        return {"p08_problemen": _join(parts, sub.index)}
    _texts(trajecten, failing, build)


def _p09(trajecten: pd.DataFrame, max_months: float, grace_months: float) -> None:
    """P09: a Saneringskrediet or Schuldbemiddeling runs at most `max_months` (+ `grace_months`).

    An open end is measured to the aanleverdatum (Decisions), not to today.
    """
    limited = trajecten["oplossing_soort"].isin(_LIMITED_OPLOSSINGEN).fillna(False).astype(bool)
    start = trajecten["oplossing_start"]
    end = trajecten["oplossing_einddatum"].fillna(trajecten["aanleverdatum"].dt.normalize())
    applies = limited & start.notna() & end.notna()
    too_long = end.gt(_months_after(start, max_months + grace_months)).fillna(False).astype(bool) & applies
    trajecten["p09_ok"] = _check(applies, ~too_long)
    trajecten["oplossing_path"] = trajecten["path"] + ".oplossing"
    trajecten["p09_max"] = _number(max_months)
    trajecten["p09_speling"] = _number(grace_months)

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        open_end = sub["oplossing_einddatum"].isna().to_numpy(dtype=bool)
        return {
            "p09_duur": _duration_text(sub["oplossing_start"], end[mask]),
            "p09_eind": np.where(open_end, "zonder einddatum, gemeten tot de aanleverdatum ", "tot ")
            + _day_text(end[mask]).fillna(""),
        }
    _texts(trajecten, too_long, build)


def _p11(trajecten: pd.DataFrame) -> None:
    """P11: an oplossing with a startdatum but without soort."""
    start = _flag(trajecten["oplossing_start_aanwezig"])
    trajecten["p11_ok"] = _check(start, _flag(trajecten["oplossing_soort_aanwezig"]))


def _p10(moratoria: pd.DataFrame, trajecten: pd.DataFrame, max_months: float, grace_months: float) -> pd.DataFrame:
    """P10: a moratorium lasts at most `max_months` (+ grace; open end = aanleverdatum), and
    datumAanvraag <= datumGoedkeuring <= startdatum. All problems of one moratorium in one message."""
    moratoria = _ensure(moratoria, ("traject_path", "startdatum", "einddatum", "datum_aanvraag",
                                    "datum_goedkeuring"),
                        ("startdatum", "einddatum", "datum_aanvraag", "datum_goedkeuring"))
    merged = _with_aanleverdatum(moratoria, trajecten)
    start, einde = merged["startdatum"], merged["einddatum"]
    end = einde.fillna(merged["p_aanleverdatum"])
    aanvraag, goedkeuring = merged["datum_aanvraag"], merged["datum_goedkeuring"]
    checks = {
        "too_long": end.gt(_months_after(start, max_months + grace_months)),
        "aanvraag_late": aanvraag.gt(goedkeuring),
        "goedkeuring_late": goedkeuring.gt(start),
        "aanvraag_after_start": goedkeuring.isna() & aanvraag.gt(start),
    }
    checks = {name: values.fillna(False).astype(bool) for name, values in checks.items()}
    failing = pd.concat(list(checks.values()), axis=1).any(axis=1)
    checkable = start.notna() | (aanvraag.notna() & goedkeuring.notna())
    merged["p10_ok"] = _check(checkable | failing, ~failing)
    speling = _number(grace_months) + (" maand" if grace_months == 1 else " maanden")

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        on = {name: values[mask] for name, values in checks.items()}
        s, e = _day_text(sub["startdatum"]).fillna(""), end[mask]
        a, g = _day_text(sub["datum_aanvraag"]).fillna(""), _day_text(sub["datum_goedkeuring"]).fillna("")
        tot = pd.Series(np.where(sub["einddatum"].isna(), "zonder einddatum, gemeten tot de aanleverdatum ", "tot "),
                        index=sub.index) + _day_text(e).fillna("")
        parts = [
            _text_where(on["too_long"], "het duurt " + _duration_text(sub["startdatum"], e).fillna("") + " (van "
                        + s + " " + tot + "), langer dan " + _number(max_months) + " maanden plus " + speling
                        + " speling"),
            _text_where(on["aanvraag_late"], "datumAanvraag (" + a + ") ligt na datumGoedkeuring (" + g + ")"),
            _text_where(on["goedkeuring_late"], "datumGoedkeuring (" + g + ") ligt na de startdatum (" + s + ")"),
            _text_where(on["aanvraag_after_start"], "datumAanvraag (" + a + ") ligt na de startdatum (" + s + ")"),
        ]
        return {"p10_problemen": _join(parts, sub.index)}
    _texts(merged, failing, build)
    return merged.drop(columns=["p_aanleverdatum"])


def _with_aanleverdatum(frame: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    """The rows of a sub-period frame with the aanleverdatum of their file as a calendar day (`p_aanleverdatum`).

    aanleverdatumEnTijd is one value per file, so a lookup by file is enough (no merge on 100,000 paths).
    """
    per_file = trajecten.drop_duplicates("file").set_index("file")["aanleverdatum"]
    frame = frame.copy()
    days = pd.to_datetime(per_file, errors="coerce").dt.normalize()
    frame["p_aanleverdatum"] = pd.Series(days.reindex(frame["file"]).to_numpy(), index=frame.index,
                                         dtype=days.dtype)   # not nanoseconds: a year 1000 does not fit
    return frame


def _p12(begeleidingen: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    """P12: begeleidingen of the same soort in one traject that overlap (open end = aanleverdatum).

    Sort-based: per (traject, soort) by start, the latest end among the earlier ones (and which one holds it);
    a begeleiding that starts strictly before that end overlaps. Ending on day X and starting on day X is a
    hand-over, not an overlap. Reported at the later begeleiding.
    """
    begeleidingen = _ensure(begeleidingen, ("traject_path", "soort", "startdatum", "einddatum"),
                            ("startdatum", "einddatum"))
    merged = _with_aanleverdatum(begeleidingen, trajecten)
    eind = merged["einddatum"].fillna(merged["p_aanleverdatum"])
    soort = merged["soort"].where(merged["soort"].map(lambda v: isinstance(v, str)).astype(bool))
    usable = soort.notna() & merged["startdatum"].notna() & eind.notna()
    ordered = pd.DataFrame({"file": merged["file"], "traject_path": merged["traject_path"], "soort": soort,
                            "startdatum": merged["startdatum"], "eind": eind, "path": merged["path"],
                            "row": np.arange(len(merged), dtype="float64")})[usable]
    # ties keep document order (sorting on `path` as text would put [10] before [9])
    ordered = ordered.sort_values(["file", "traject_path", "soort", "startdatum", "eind"], kind="stable")
    keys = [ordered["file"], ordered["traject_path"], ordered["soort"]]
    running = ordered.groupby(keys, sort=False)["eind"].cummax()
    previous_end = pd.to_datetime(running.groupby(keys, sort=False).shift(1))
    overlap = ordered["startdatum"].lt(previous_end).fillna(False).astype(bool)
    ok = pd.Series(pd.NA, index=merged.index, dtype="boolean")
    ok[ordered.index] = ~overlap
    merged["p12_ok"] = ok
    # Which earlier begeleiding reaches furthest: the holder of the running maximum, carried forward.
    holder = ordered["eind"].eq(running)
    held = ordered["row"].where(holder).groupby(keys, sort=False).ffill().groupby(keys, sort=False).shift(1)
    failing = pd.Series(False, index=merged.index)
    failing[ordered.index] = overlap

    def build(sub: pd.DataFrame, mask: np.ndarray) -> dict:
        other = merged.iloc[held.reindex(sub.index).to_numpy(dtype="int64")]
        other_start = pd.Series(other["startdatum"].to_numpy(), index=sub.index)
        other_end = pd.Series(other["einddatum"].to_numpy(), index=sub.index)
        return {
            "p12_andere": pd.Series(other["path"].astype(str).str.rsplit(".", n=1).str[-1].to_numpy(),
                                    index=sub.index),
            "p12_andere_periode": _day_text(other_start).fillna("onbekend") + " t/m "
            + _day_text(other_end).fillna("nu (lopend)"),
            "p12_periode": _day_text(sub["startdatum"]).fillna("onbekend") + " t/m "
            + _day_text(sub["einddatum"]).fillna("nu (lopend)"),
        }
    _texts(merged, failing, build)
    return merged.drop(columns=["p_aanleverdatum"])


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
