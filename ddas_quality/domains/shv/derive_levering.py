"""Derived columns for levering- and file-level rules (F06, F07, L01-L10).

Each column is null where its rule does not apply (a field missing or of the wrong type is already an
S01/S02 finding), so the GX map expectations skip it. File-level rules run on the derived frame
`levering_bestanden`: one row per file, path `$`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...gemeenten import ONBEKEND, comparison_code, shown_code
from ..common.distinct import map_distinct
from ..common.levering import add_f06, add_l03, add_l04_tellers, bool_array

# L09: a version number: digits with a dot (4.2, 2024.1, 6.7.13) or a separate number, optionally with v (v3, 5).
_VERSION = re.compile(r"[0-9]+\.[0-9]+|(?<![A-Za-z0-9])[vV]?[0-9]+(?![A-Za-z])")
_FILE_COLUMNS = ("file", "path", "peil_start", "peil_end", "aanleverdatum", "aanleverdag", "aanlevermoment",
                 "code_gegevensleverancier")


def add(frames: dict[str, pd.DataFrame], context) -> None:
    leveringen = frames["leveringen"]
    trajecten = frames["trajecten"]
    add_l04_tellers(leveringen)
    _organisation(leveringen)
    # L05, L06 and F07 compare codes as written, GM dropped, also codes of the wrong form (rules.md, Decisions);
    # `Onbekend` is no gemeente (None here)
    trajecten["gemeentecode_vergelijk"] = map_distinct(trajecten["gemeentecode"], comparison_code)
    _gemeenten_per_levering(leveringen, trajecten)
    _own_gemeentecode(trajecten, leveringen)
    frames["levering_bestanden"] = _files(leveringen, trajecten)


def _organisation(leveringen: pd.DataFrame) -> None:
    """L07 (KvK-nummer), L08 (contact e-mail), L10 (no trajecten)."""
    org = leveringen["org_aanwezig"].eq(True)
    typefout = leveringen["org_velden_typefout"].eq(True)
    gemeente = leveringen["org_gemeentecode"].map(lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)
    # KvK given: 8 digits (also for a gemeente). KvK missing: only expected when the organisation is no gemeente.
    leveringen["l07_kvk_8_cijfers"] = leveringen["kvk_8_cijfers"].astype("boolean")
    leveringen["l07_kvk_aanwezig"] = bool_array(leveringen["kvk_present"].eq(True),
                                                 org & ~typefout & ~gemeente)
    n = leveringen["n_contactpersonen"].fillna(0).astype(int)
    leveringen["l08_tekst"] = np.where(
        n.eq(0), "Er staat geen contactpersoon bij de aanleverende organisatie",
        np.where(n.eq(1), "De enige contactpersoon van de aanleverende organisatie heeft geen geldig e-mailadres",
                 "Geen van de " + n.astype(str) + " contactpersonen van de aanleverende organisatie heeft een "
                 "geldig e-mailadres"))
    leveringen["l08_email_aanwezig"] = bool_array(leveringen["n_contact_email_valid"].fillna(0).gt(0),
                                                   org & ~typefout)
    leveringen["l10_heeft_trajecten"] = bool_array(~leveringen["schuldhulptrajecten_leeg"].eq(True),
                                                    leveringen["schuldhulptrajecten_leeg"].notna())


def _code_lists(known: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Per group of `keys`: `0096 (3 trajecten), 0363 (1 traject)`, the codes most frequent first (ties in
    code order). Counted in one groupby over all groups rather than per levering (684 leveringen: 0.5 s)."""
    shown = map_distinct(known["gemeentecode_vergelijk"], shown_code).rename("code")
    counts = pd.concat([known[keys], shown], axis=1).groupby([*keys, "code"]).size().rename("n").reset_index()
    counts = counts.sort_values([*keys, "n"], ascending=[*(True for _ in keys), False], kind="stable")
    counts["tekst"] = counts["code"] + " (" + counts["n"].astype(str) + \
        np.where(counts["n"].eq(1), " traject)", " trajecten)")
    return counts.groupby(keys, sort=False)["tekst"].agg(", ".join)


def _gemeenten_per_levering(leveringen: pd.DataFrame, trajecten: pd.DataFrame) -> None:
    """L06: the distinct gemeentecodes per levering, compared as written; `Onbekend` does not count."""
    known = trajecten[trajecten["gemeentecode_vergelijk"].notna()]
    n_codes = pd.Series(np.nan, index=leveringen.index, dtype="float64")
    listed = pd.Series(None, index=leveringen.index, dtype="object")
    if len(known):
        grouped = known.groupby(["file", "levering_path"], sort=False)["gemeentecode_vergelijk"]
        keys = pd.MultiIndex.from_arrays([leveringen["file"], leveringen["path"]])
        n_codes[:] = grouped.nunique().reindex(keys).to_numpy(dtype="float64")
        listed[:] = _code_lists(known, ["file", "levering_path"]).reindex(keys).to_numpy()
    leveringen["l06_een_gemeente"] = bool_array(n_codes.le(1), n_codes.notna())
    leveringen["l06_gemeentecodes"] = listed
    leveringen["l06_aantal_gemeenten"] = n_codes


def _own_gemeentecode(trajecten: pd.DataFrame, leveringen: pd.DataFrame) -> None:
    """L05: a self-delivering gemeente's trajecten all carry its code; `Onbekend` counts as another code."""
    org = leveringen.set_index(["file", "path"])[["org_gemeentecode", "org_gemeentecode_norm"]]
    keys = pd.MultiIndex.from_arrays([trajecten["file"], trajecten["levering_path"]])
    own = org.reindex(keys)
    own_code = pd.Series(map_distinct(own["org_gemeentecode"], comparison_code).to_numpy(), index=trajecten.index,
                         dtype="object")
    onbekend = trajecten["gemeentecode"].astype("string").str.strip().eq(ONBEKEND).fillna(False).astype(bool)
    # Decisions: compared as written (GM dropped), also a code of the wrong form (T04 says that separately);
    # a missing code is S01's.
    code = trajecten["gemeentecode_vergelijk"]
    comparable = code.notna() | onbekend
    same = code.eq(own_code) & ~onbekend
    trajecten["l05_eigen_gemeentecode"] = bool_array(same, own_code.notna() & comparable)
    # Quoted in the message: a code of the wrong form only when quoting it cannot identify anyone.
    trajecten["l05_org_gemeentecode"] = map_distinct(own["org_gemeentecode"], shown_code).to_numpy()
    trajecten["l05_toelichting"] = np.where(
        onbekend,
        " Een gemeente die zelf levert, kent haar eigen gemeentecode: 'Onbekend' is hier niet goed.",
        " Hoort het traject bij een andere gemeente, lever het dan in een aparte levering of een apart bestand.",
    )


def _files(leveringen: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    """One row per file (path `$`): F06, F07, L01, L02, L03, L09."""
    files = leveringen.drop_duplicates("file")[list(_FILE_COLUMNS)].reset_index(drop=True)
    files["path"] = "$"
    start, end = files["peil_start"], files["peil_end"]
    both = start.notna() & end.notna()

    add_f06(files)

    # F07: distinct gemeentecodes over all trajecten of the file, compared as written (Onbekend does not count).
    known = trajecten[trajecten["gemeentecode_vergelijk"].notna()]
    per_file = known.groupby("file")["gemeentecode_vergelijk"]
    n_codes = files["file"].map(per_file.nunique()).astype("float64")
    files["f07_een_gemeente"] = bool_array(n_codes.le(1), n_codes.notna())
    files["f07_gemeentecodes"] = files["file"].map(_code_lists(known, ["file"])) if len(known) else None
    files["f07_aantal_gemeenten"] = n_codes

    # L02: 1 Jan-30 Jun, 1 Jul-31 Dec or 1 Jan-31 Dec of one year (silent when L01 already fails).
    same_year = start.dt.year.eq(end.dt.year)
    first = (start.dt.month.eq(1) | start.dt.month.eq(7)) & start.dt.day.eq(1)
    last = (end.dt.month.eq(6) & end.dt.day.eq(30)) | (end.dt.month.eq(12) & end.dt.day.eq(31))
    in_order = end.ge(start)
    shape = same_year & first & last & ~(start.dt.month.eq(7) & end.dt.month.eq(6))
    files["l02_halfjaar_of_jaar"] = bool_array(shape.fillna(False), both & in_order.fillna(False))

    add_l03(files)

    # L09: supplier plus version; silent when the field is missing or not text (S01).
    code = files["code_gegevensleverancier"]
    has_version = code.map(lambda v: bool(_VERSION.search(v)) if isinstance(v, str) else False)
    files["l09_versie_aanwezig"] = bool_array(has_version, code.map(lambda v: isinstance(v, str)))
    return files
