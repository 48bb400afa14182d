"""Levering- and file-level derived columns that SHV and VS share: F06, L01 (a reversed period), L03, L04.

Each column is null where its rule does not apply (a field missing or of the wrong type is already an S01/S02
finding), so the GX map expectations skip it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def _name_year() -> re.Pattern[str]:
    """F06: the year of the uitvraag right after `SHV_`/`VS_` in the base name (F01 reports a name without one)."""
    from .. import domain_names

    return re.compile(rf"^(?:{'|'.join(domain_names())})_([0-9]{{4}})(?![0-9])")


def add_f06(files: pd.DataFrame) -> None:
    """F06 columns on a files frame (SHV and VS alike): the year in the file name (the base name of a zip member
    too) against the year of einddatumLevering; silent without a year in the name (F01 says so)."""
    name_year = files["file"].astype(str).map(base_name).str.extract(_name_year(), expand=False)
    files["f06_jaar_naam"] = name_year
    files["f06_jaar_eind"] = files["peil_end"].dt.year.astype("Int64").astype("string")
    files["f06_jaar_klopt"] = bool_array(name_year.eq(files["f06_jaar_eind"]).fillna(False),
                                          name_year.notna() & files["peil_end"].notna())


def add_l03(files: pd.DataFrame) -> None:
    """L03 columns on a files frame (SHV and VS alike): compared by calendar day as written in the file; the
    period includes its last day; 'in the future' means after today at the moment of checking."""
    start, end, day = files["peil_start"], files["peil_end"], files["aanleverdag"]
    with_day = day.notna()
    files["l03_niet_voor_start"] = bool_array(day.ge(start).fillna(False), with_day & start.notna())
    after_start = day.ge(start) | start.isna()  # (a comparison with NaT is False, not NA: no fillna here)
    files["l03_na_einde"] = bool_array(day.gt(end).fillna(False), with_day & end.notna() & after_start)
    today = pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()
    moment = files["aanlevermoment"] if "aanlevermoment" in files.columns else files["aanleverdatum"]   # UTC
    files["l03_niet_in_toekomst"] = bool_array(moment.dt.normalize().le(today).fillna(False), moment.notna())
    files["vandaag"] = today
    # the message names the moment in UTC as well: the day as written can be today while UTC is tomorrow
    files["aanlevermoment_utc"] = (moment.dt.strftime("%Y-%m-%d %H:%M") + " UTC").astype("object")


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


def bool_array(values: pd.Series, applies: pd.Series) -> pd.arrays.BooleanArray:
    """`values` where the rule applies, <NA> elsewhere."""
    return pd.array(np.where(applies.to_numpy(dtype=bool), values.to_numpy(dtype=bool), pd.NA), dtype="boolean")


def add_l04_tellers(leveringen: pd.DataFrame) -> None:
    """L04: a duplicate teller (error, on the second and later leveringen) and a sequence not 1..n (warning)."""
    teller = pd.to_numeric(leveringen["teller"], errors="coerce").astype("float64")
    whole = teller.notna() & (teller == teller.round())
    nummer = teller.where(whole)
    leveringen["teller_nr"] = nummer
    keyed = pd.DataFrame({"file": leveringen["file"], "nummer": nummer, "path": leveringen["path"]})
    duplicate = keyed.duplicated(["file", "nummer"], keep="first") & whole
    first_path = keyed.groupby(["file", "nummer"], sort=False)["path"].transform("first")
    leveringen["l04_teller_uniek"] = bool_array(~duplicate, whole)
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
    leveringen["l04_reeks_ok"] = bool_array(pd.Series(~breaks, index=leveringen.index), whole & complete)
    n = leveringen["file"].map(counts)
    leveringen["l04_tellers"] = leveringen["file"].map(tellers).astype("object")
    eigen = nummer.map(lambda v: "" if pd.isna(v) else str(int(v))).astype("object")
    # every teller of the file as written (a duplicate too: 2, 2 is two leveringen, not one)
    all_tellers = keyed[whole].sort_values(["file", "nummer"], kind="stable").groupby("file")["nummer"].agg(
        lambda s: ", ".join(str(int(v)) for v in s))
    all_tellers = leveringen["file"].map(all_tellers).astype("object").fillna("")
    leveringen_in_file = leveringen.groupby("file")["path"].transform("size")
    leveringen["l04_tekst"] = np.where(
        leveringen_in_file.eq(1), "Dit bestand heeft één levering, met teller " + eigen + " in plaats van 1",
        np.where(n.eq(leveringen_in_file),
                 "De tellers van de leveringen in dit bestand zijn " + leveringen["l04_tellers"].fillna("")
                 + " in plaats van 1 tot en met " + n.fillna(0).astype(int).astype(str) + ": teller " + eigen
                 + " sluit niet aan",
                 "De tellers van de leveringen in dit bestand zijn " + all_tellers
                 + "; ze horen bij 1 te beginnen en zonder gaten op te lopen: teller " + eigen + " sluit niet aan"))


def base_name(name: str) -> str:
    """`dir/x.zip!sub/SHV_2024_X.json` -> `SHV_2024_X.json` (zip members are shown as `<zip>!<member>`)."""
    lowered = name.lower()
    if ".zip!" in lowered:
        name = name[lowered.rindex(".zip!") + len(".zip!"):]
    return re.split(r"[/\\]", name)[-1]


