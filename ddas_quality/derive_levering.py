"""Derived columns for levering- and file-level rules (F06, F07, L01-L10).

Each column is null where its rule does not apply (a field missing or of the wrong type is already an
S01/S02 finding), so the GX map expectations skip it. File-level rules run on the derived frame
`levering_bestanden`: one row per file, path `$`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .gemeenten import ONBEKEND

# F06: the year of the uitvraag right after `SHV_`/`VS_` in the base name (F01 reports a name without one).
_NAME_YEAR = re.compile(r"^(?:SHV|VS)_([0-9]{4})(?![0-9])")
# L09: a version number: digits with a dot (4.2, 2024.1, 6.7.13) or a separate number, optionally with v (v3, 5).
_VERSION = re.compile(r"[0-9]+\.[0-9]+|(?<![A-Za-z0-9])[vV]?[0-9]+(?![A-Za-z])")
_FILE_COLUMNS = ("file", "path", "peil_start", "peil_end", "aanleverdatum", "aanleverdag",
                 "code_gegevensleverancier")


def add(frames: dict[str, pd.DataFrame], context) -> None:
    leveringen = frames["leveringen"]
    trajecten = frames["trajecten"]
    _tellers(leveringen)
    _organisation(leveringen)
    _gemeenten_per_levering(leveringen, trajecten)
    _own_gemeentecode(trajecten, leveringen)
    frames["levering_bestanden"] = _files(leveringen, trajecten)


def add_f06(files: pd.DataFrame) -> None:
    """F06 columns on a files frame (SHV and VS alike): the year in the file name (the base name of a zip member
    too) against the year of einddatumLevering; silent without a year in the name (F01 says so)."""
    name_year = files["file"].astype(str).map(_base_name).str.extract(_NAME_YEAR, expand=False)
    files["f06_jaar_naam"] = name_year
    files["f06_jaar_eind"] = files["peil_end"].dt.year.astype("Int64").astype("string")
    files["f06_jaar_klopt"] = _bool_array(name_year.eq(files["f06_jaar_eind"]).fillna(False),
                                          name_year.notna() & files["peil_end"].notna())


def add_l03(files: pd.DataFrame) -> None:
    """L03 columns on a files frame (SHV and VS alike): compared by calendar day as written in the file; the
    period includes its last day; 'in the future' means after today at the moment of checking."""
    start, end, day = files["peil_start"], files["peil_end"], files["aanleverdag"]
    with_day = day.notna()
    files["l03_niet_voor_start"] = _bool_array(day.ge(start).fillna(False), with_day & start.notna())
    after_start = day.ge(start) | start.isna()  # (a comparison with NaT is False, not NA: no fillna here)
    files["l03_na_einde"] = _bool_array(day.gt(end).fillna(False), with_day & end.notna() & after_start)
    today = pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()
    moment = files["aanleverdatum"]
    files["l03_niet_in_toekomst"] = _bool_array(moment.dt.normalize().le(today).fillna(False), moment.notna())
    files["vandaag"] = today


def without_reversed_period(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose peilperiode runs backwards (L01) get no period at all. The rules that compare with the
    period (T02, T06, A01, A02, V01, V05, V10) then skip them, as they do when the period is missing,
    instead of reporting every traject or signal of the file for the one error L01 already names."""
    backwards = frame["peil_start"].gt(frame["peil_end"]).fillna(False).astype(bool)
    if not backwards.any():
        return frame
    frame = frame.copy()
    frame.loc[backwards, ["peil_start", "peil_end"]] = pd.NaT
    return frame


def _bool_array(values: pd.Series, applies: pd.Series) -> pd.arrays.BooleanArray:
    """`values` where the rule applies, <NA> elsewhere."""
    return pd.array(np.where(applies.to_numpy(dtype=bool), values.to_numpy(dtype=bool), pd.NA), dtype="boolean")


def _tellers(leveringen: pd.DataFrame) -> None:
    """L04: a duplicate teller (error, on the second and later leveringen) and a sequence not 1..n (warning)."""
    teller = pd.to_numeric(leveringen["teller"], errors="coerce").astype("float64")
    whole = teller.notna() & (teller == teller.round())
    nummer = teller.where(whole)
    leveringen["teller_nr"] = nummer
    keyed = pd.DataFrame({"file": leveringen["file"], "nummer": nummer, "path": leveringen["path"]})
    duplicate = keyed.duplicated(["file", "nummer"], keep="first") & whole
    first_path = keyed.groupby(["file", "nummer"], sort=False)["path"].transform("first")
    leveringen["l04_teller_uniek"] = _bool_array(~duplicate, whole)
    leveringen["l04_eerste_path"] = first_path.where(duplicate)

    # The sequence only when every levering of the file has a whole-number teller (else S01 says why).
    complete = whole.groupby(leveringen["file"]).transform("all")
    distinct = keyed[whole].drop_duplicates(["file", "nummer"]).sort_values(["file", "nummer"], kind="stable")
    distinct["rang"] = distinct.groupby("file").cumcount() + 1
    distinct["past"] = distinct["nummer"].eq(distinct["rang"])
    first_gap = distinct[~distinct["past"]].drop_duplicates("file")
    tellers = distinct.groupby("file")["nummer"].agg(lambda s: ", ".join(str(int(v)) for v in s))
    counts = distinct.groupby("file").size()
    gap_rows = leveringen.reset_index().merge(first_gap[["file", "path"]], on=["file", "path"], how="inner")["index"]
    breaks = leveringen.index.isin(gap_rows) & ~duplicate.to_numpy()
    leveringen["l04_reeks_ok"] = _bool_array(pd.Series(~breaks, index=leveringen.index), whole & complete)
    n = leveringen["file"].map(counts)
    leveringen["l04_tellers"] = leveringen["file"].map(tellers).astype("object")
    eigen = nummer.map(lambda v: "" if pd.isna(v) else str(int(v))).astype("object")
    leveringen["l04_tekst"] = np.where(
        n.eq(1), "Dit bestand heeft één levering, met teller " + eigen + " in plaats van 1",
        "De tellers van de leveringen in dit bestand zijn " + leveringen["l04_tellers"].fillna("")
        + " in plaats van 1 tot en met " + n.fillna(0).astype(int).astype(str) + ": teller " + eigen
        + " sluit niet aan")


def _organisation(leveringen: pd.DataFrame) -> None:
    """L07 (KvK-nummer), L08 (contact e-mail), L10 (no trajecten)."""
    org = leveringen["org_aanwezig"].eq(True)
    typefout = leveringen["org_velden_typefout"].eq(True)
    gemeente = leveringen["org_gemeentecode"].map(lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)
    # KvK given: 8 digits (also for a gemeente). KvK missing: only expected when the organisation is no gemeente.
    leveringen["l07_kvk_8_cijfers"] = leveringen["kvk_8_cijfers"].astype("boolean")
    leveringen["l07_kvk_aanwezig"] = _bool_array(leveringen["kvk_present"].eq(True),
                                                 org & ~typefout & ~gemeente)
    n = leveringen["n_contactpersonen"].fillna(0).astype(int)
    leveringen["l08_tekst"] = np.where(
        n.eq(0), "Er staat geen contactpersoon bij de aanleverende organisatie",
        np.where(n.eq(1), "De enige contactpersoon van de aanleverende organisatie heeft geen geldig e-mailadres",
                 "Geen van de " + n.astype(str) + " contactpersonen van de aanleverende organisatie heeft een "
                 "geldig e-mailadres"))
    leveringen["l08_email_aanwezig"] = _bool_array(leveringen["n_contact_email_valid"].fillna(0).gt(0),
                                                   org & ~typefout)
    leveringen["l10_heeft_trajecten"] = _bool_array(~leveringen["schuldhulptrajecten_leeg"].eq(True),
                                                    leveringen["schuldhulptrajecten_leeg"].notna())


def _code_list(codes: pd.Series) -> str:
    """`0096 (3 trajecten), 0363 (1 traject)`: the codes of a levering or file, most frequent first."""
    counts = codes.value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return ", ".join(f"{code} ({n} {'traject' if n == 1 else 'trajecten'})" for code, n in counts.items())


def _gemeenten_per_levering(leveringen: pd.DataFrame, trajecten: pd.DataFrame) -> None:
    """L06: the distinct (normalised) gemeentecodes per levering; `Onbekend` and invalid codes do not count."""
    known = trajecten[trajecten["gemeentecode_norm"].notna()]
    n_codes = pd.Series(np.nan, index=leveringen.index, dtype="float64")
    listed = pd.Series(None, index=leveringen.index, dtype="object")
    if len(known):
        grouped = known.groupby(["file", "levering_path"], sort=False)["gemeentecode_norm"]
        keys = pd.MultiIndex.from_arrays([leveringen["file"], leveringen["path"]])
        n_codes[:] = grouped.nunique().reindex(keys).to_numpy(dtype="float64")
        listed[:] = grouped.agg(_code_list).reindex(keys).to_numpy()
    leveringen["l06_een_gemeente"] = _bool_array(n_codes.le(1), n_codes.notna())
    leveringen["l06_gemeentecodes"] = listed
    leveringen["l06_aantal_gemeenten"] = n_codes


def _own_gemeentecode(trajecten: pd.DataFrame, leveringen: pd.DataFrame) -> None:
    """L05: a self-delivering gemeente's trajecten all carry its code; `Onbekend` counts as another code."""
    org = leveringen.set_index(["file", "path"])[["org_gemeentecode", "org_gemeentecode_norm"]]
    keys = pd.MultiIndex.from_arrays([trajecten["file"], trajecten["levering_path"]])
    own = org.reindex(keys)
    own_norm = pd.Series(own["org_gemeentecode_norm"].to_numpy(), index=trajecten.index, dtype="object")
    onbekend = trajecten["gemeentecode"].astype("string").str.strip().eq(ONBEKEND).fillna(False).astype(bool)
    # A traject code that is no CBS code at all is T04's error; a missing one is S01's.
    comparable = trajecten["gemeentecode_norm"].notna() | onbekend
    same = trajecten["gemeentecode_norm"].eq(own_norm) & ~onbekend
    trajecten["l05_eigen_gemeentecode"] = _bool_array(same, own_norm.notna() & comparable)
    trajecten["l05_org_gemeentecode"] = pd.Series(own["org_gemeentecode"].to_numpy(), index=trajecten.index,
                                                  dtype="object")
    trajecten["l05_toelichting"] = np.where(
        onbekend,
        " Een gemeente die zelf levert, kent haar eigen gemeentecode: 'Onbekend' is hier niet goed.",
        " Hoort het traject bij een andere gemeente, lever het dan in een aparte levering of een apart bestand.",
    )


def _base_name(name: str) -> str:
    """`dir/x.zip!sub/SHV_2024_X.json` -> `SHV_2024_X.json` (zip members are shown as `<zip>!<member>`)."""
    lowered = name.lower()
    if ".zip!" in lowered:
        name = name[lowered.rindex(".zip!") + len(".zip!"):]
    return re.split(r"[/\\]", name)[-1]


def _files(leveringen: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    """One row per file (path `$`): F06, F07, L01, L02, L03, L09."""
    files = leveringen.drop_duplicates("file")[list(_FILE_COLUMNS)].reset_index(drop=True)
    files["path"] = "$"
    start, end = files["peil_start"], files["peil_end"]
    both = start.notna() & end.notna()

    add_f06(files)

    # F07: distinct normalised gemeentecodes over all trajecten of the file (Onbekend/invalid do not count).
    known = trajecten[trajecten["gemeentecode_norm"].notna()]
    per_file = known.groupby("file")["gemeentecode_norm"]
    n_codes = files["file"].map(per_file.nunique()).astype("float64")
    files["f07_een_gemeente"] = _bool_array(n_codes.le(1), n_codes.notna())
    files["f07_gemeentecodes"] = files["file"].map(per_file.agg(_code_list)) if len(known) else None
    files["f07_aantal_gemeenten"] = n_codes

    # L02: 1 Jan-30 Jun, 1 Jul-31 Dec or 1 Jan-31 Dec of one year (silent when L01 already fails).
    same_year = start.dt.year.eq(end.dt.year)
    first = (start.dt.month.eq(1) | start.dt.month.eq(7)) & start.dt.day.eq(1)
    last = (end.dt.month.eq(6) & end.dt.day.eq(30)) | (end.dt.month.eq(12) & end.dt.day.eq(31))
    in_order = end.ge(start)
    shape = same_year & first & last & ~(start.dt.month.eq(7) & end.dt.month.eq(6))
    files["l02_halfjaar_of_jaar"] = _bool_array(shape.fillna(False), both & in_order.fillna(False))

    add_l03(files)

    # L09: supplier plus version; silent when the field is missing or not text (S01).
    code = files["code_gegevensleverancier"]
    has_version = code.map(lambda v: bool(_VERSION.search(v)) if isinstance(v, str) else False)
    files["l09_versie_aanwezig"] = _bool_array(has_version, code.map(lambda v: isinstance(v, str)))
    return files
