"""Derived columns and frames for client and schuld rules (C02-C06, D01-D05).

Identifying values never get here: `flatten` already turned them into keyed hashes, flags and an age.
Everything is vectorised; the only merge that multiplies rows (C06 pairs) is limited to trajecten with
more than one client.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .flatten import PHASES, PLACEHOLDER_DATES
from .traject_rows import traject_positions, with_traject_columns

# C04: the values the Q&A names (exact spelling).
GESLACHTEN = ("Man", "Vrouw", "Onbekend", "Leeg")
# C03: placeholder dates are all on or before this day; later dates cannot be one (keeps the frame small).
_LAST_PLACEHOLDER = pd.Timestamp(max(PLACEHOLDER_DATES))
_PHASE_START_FIELD = {key: start for key, _order, start, _end in PHASES}
_PHASE_END_FIELD = {key: end for key, _order, _start, end in PHASES}

# C03 placeholders: (frame, column, suffix of the path of the object holding the date, field name shown).
# Phase start/end dates come from `fasen` (path = the phase); the rest of a phase's dates from `trajecten`.
_DATE_SOURCES = (
    ("trajecten", "startdatum", "", "startdatum"),
    ("trajecten", "einddatum", "", "einddatum"),
    ("trajecten", "toekenningsdatum", "", "toekenningsdatum"),
    ("trajecten", "beschikkingsdatum", ".intake", "intake.beschikkingsdatum"),
    ("trajecten", "plan_van_aanpak_afronding", ".planVanAanpak", "planVanAanpak.datumAfronding"),
    ("trajecten", "schuldregeling_toegekend", ".schuldregeling", "schuldregeling.toegekend"),
    ("trajecten", "schuldregeling_afgewezen", ".schuldregeling", "schuldregeling.afgewezen"),
    ("trajecten", "schuldregeling_ingetrokken", ".schuldregeling", "schuldregeling.ingetrokken"),
    ("trajecten", "schuldregeling_verzoek_dwangakkoord", ".schuldregeling", "schuldregeling.datumVerzoekDwangakkoord"),
    ("trajecten", "uitstroom_datum", ".uitstroom", "uitstroom.datum"),
    ("trajecten", "uitstroom_beeindigingsbeschikking", ".uitstroom", "uitstroom.datumBeeindigingsbeschikking"),
    ("fasen", "startdatum", None, "{fase}.{start}"),
    ("fasen", "einddatum", None, "{fase}.{end}"),
    ("begeleidingen", "startdatum", None, "begeleiding.startdatum"),
    ("begeleidingen", "einddatum", None, "begeleiding.einddatum"),
    ("crisisinterventies", "startdatum", None, "crisisinterventies.startdatum"),
    ("crisisinterventies", "einddatum", None, "crisisinterventies.einddatum"),
    ("moratoria", "startdatum", None, "moratoria.startdatum"),
    ("moratoria", "einddatum", None, "moratoria.einddatum"),
    ("moratoria", "datum_aanvraag", None, "moratoria.datumAanvraag"),
    ("moratoria", "datum_goedkeuring", None, "moratoria.datumGoedkeuring"),
    ("voorlopige_voorzieningen", "startdatum", None, "voorlopigeVoorzieningen.startdatum"),
    ("voorlopige_voorzieningen", "einddatum", None, "voorlopigeVoorzieningen.einddatum"),
    ("schulden", "peildatum", None, "schulden.peildatum"),
)

# Columns flatten makes for non-empty frames that the suites read: present in empty frames too.
_CLIENT_COLUMNS = ("client_key", "adres_key", "bsn_present", "bsn_masked", "geboortedatum_valid",
                   "geboortedatum_placeholder", "leeftijd_bij_start", "geslacht", "postcode_valid",
                   "huisnummer_numeric", "adresgegevens_compleet", "ontbrekende_gegevens")
_SCHULD_COLUMNS = ("bedrag", "peildatum", "schuldsoort", "schuldeiser_namen_gelijk", "schuldeiser_kvk_present",
                   "schuldeiser_kvk_8_cijfers", "schuldeiser_privepersoon")
# Traject columns clients and schulden need for their rules and messages (name in trajecten -> name here).
_TRAJECT_VALUES = {"startdatum": "traject_startdatum", "aanleverdatum": "aanleverdatum"}
_TRAJECT_COLUMNS = ("startdatum", "aanleverdatum", "heeft_schuldregeling", "heeft_oplossing", "oplossing_soort")


def add(frames: dict[str, pd.DataFrame], context) -> None:
    """Add the derived columns (clienten, schulden, trajecten) and frames (client_paren, opvuldatums)."""
    trajecten = _ensure(frames["trajecten"], _TRAJECT_COLUMNS)
    frames["clienten"] = _clienten(_ensure(frames["clienten"], _CLIENT_COLUMNS), trajecten)
    frames["client_paren"] = _client_paren(frames["clienten"])
    years = context.threshold("D02", "max_years_before_start")
    frames["schulden"] = _schulden(_ensure(frames["schulden"], _SCHULD_COLUMNS), trajecten, years)
    frames["trajecten"] = _trajecten(trajecten, frames["schulden"])
    frames["opvuldatums"] = _placeholder_dates(frames)


def _ensure(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """An empty frame (no trajecten, no schulden) still needs the columns the suites check."""
    missing = [c for c in columns if c not in frame.columns]
    if not missing:
        return frame
    return frame.assign(**{c: pd.Series([None] * len(frame), index=frame.index, dtype="object") for c in missing})


def _with_traject(frame: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows in their original order) with its traject's start and aanleverdatum, as the last columns."""
    frame = with_traject_columns(frame, trajecten, _TRAJECT_VALUES)
    for name in _TRAJECT_VALUES.values():
        frame[name] = pd.to_datetime(frame[name])
    return frame


def _clienten(clienten: pd.DataFrame, trajecten: pd.DataFrame) -> pd.DataFrame:
    clienten = _with_traject(clienten, trajecten)
    has_bsn = clienten["bsn_present"].fillna(False).astype(bool)
    # C02: the four other fields only count when the BSN is missing (an invalid BSN is C01's business)
    complete = clienten["adresgegevens_compleet"].astype("boolean")
    clienten["adresgegevens_zonder_bsn"] = complete.where(~has_bsn, pd.NA)
    # C03: a placeholder birth date is reported as such, not also as "older than 100"
    placeholder = clienten["geboortedatum_placeholder"].fillna(False).astype(bool)
    clienten["leeftijd"] = pd.to_numeric(clienten["leeftijd_bij_start"], errors="coerce").where(~placeholder)
    clienten["geboortedatum_valid"] = clienten["geboortedatum_valid"].astype("boolean")
    clienten["geboortedatum_placeholder"] = clienten["geboortedatum_placeholder"].astype("boolean")
    # C04: the value is quoted only when it is one short word (never free text)
    texts = {value: _gender_text(value) for value in clienten["geslacht"].dropna().unique()}
    clienten["geslacht_weergave"] = clienten["geslacht"].map(texts)
    # C05: which of the two fields has the wrong form, for one message about both
    postcode_bad = clienten["postcode_valid"].eq(False)
    huisnummer_bad = clienten["huisnummer_numeric"].eq(False)
    clienten["adresvorm_fout"] = (
        pd.Series("Postcode en Huisnummer hebben", index=clienten.index)
        .where(postcode_bad & huisnummer_bad,
               pd.Series("Postcode heeft", index=clienten.index).where(postcode_bad, "Huisnummer heeft"))
    )
    clienten["postcode_valid"] = clienten["postcode_valid"].astype("boolean")
    clienten["huisnummer_numeric"] = clienten["huisnummer_numeric"].astype("boolean")
    return clienten


def _gender_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    if value == "":
        return "is leeg (een lege tekst)"
    if len(value) <= 20 and re.fullmatch(r"\w+", value):
        return f'"{value}" is geen toegestane waarde'
    return "heeft een waarde die niet in de lijst staat"


def _client_paren(clienten: pd.DataFrame) -> pd.DataFrame:
    """C06: every pair of clients of one traject (first, second), at the path of the second client.

    Compared on the client key (BSN, else address data) and, when at least one of the two has no BSN, also
    on the address key (the same person entered once with and once without BSN). Two clients with their
    own BSN are different people, whatever their address data.
    """
    columns = ["file", "path", "traject_path", "client_key_a", "client_key_b", "adres_key_a", "adres_key_b",
               "eerste_client", "zelfde_via"]
    multi = clienten[clienten["traject_nr"].duplicated(keep=False).to_numpy()]   # trajecten with several clients
    if not len(multi):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    part = multi[["traject_nr", "file", "traject_path", "path", "client_key", "adres_key", "bsn_present",
                  "bsn_masked"]].copy()
    part["volgnummer"] = part.groupby("traject_nr", sort=False).cumcount()
    pairs = part.merge(part.drop(columns=["file", "traject_path"]), on="traject_nr", suffixes=("_a", "_b"))
    pairs = pairs[pairs["volgnummer_a"] < pairs["volgnummer_b"]].reset_index(drop=True)
    both_bsn = pairs["bsn_present_a"].fillna(False).astype(bool) & pairs["bsn_present_b"].fillna(False).astype(bool)
    pairs["adres_key_a"] = pairs["adres_key_a"].where(~both_bsn)
    pairs["adres_key_b"] = pairs["adres_key_b"].where(~both_bsn)
    pairs["eerste_client"] = pairs["path_a"].str.rsplit(".", n=1).str[-1]
    pairs["zelfde_via"] = ("hetzelfde BSN " + pairs["bsn_masked_b"].fillna("")).where(
        both_bsn, "dezelfde geboortedatum, postcode en huisnummer")
    pairs = pairs.rename(columns={"path_b": "path"})
    return pairs[columns]


def _schulden(schulden: pd.DataFrame, trajecten: pd.DataFrame, years: float) -> pd.DataFrame:
    schulden = _with_traject(schulden, trajecten)
    # D02: the earliest plausible peildatum, `years` (configurable) before the traject start
    months = round(years * 12)
    schulden["vroegste_peildatum"] = schulden["traject_startdatum"] - pd.DateOffset(months=months)
    schulden["d02_jaren"] = f"{years:g}".replace(".", ",")
    # D04: only a privepersoon = true schuldeiser is asked whether it has a kvknummer
    prive = schulden["schuldeiser_privepersoon"].eq(True)
    kvk = schulden["schuldeiser_kvk_present"].astype("boolean")
    schulden["kvk_bij_privepersoon"] = kvk.where(prive, pd.NA)
    schulden["schuldeiser_kvk_8_cijfers"] = schulden["schuldeiser_kvk_8_cijfers"].astype("boolean")
    schulden["schuldeiser_namen_gelijk"] = schulden["schuldeiser_namen_gelijk"].astype("boolean")
    schulden["bedrag"] = pd.to_numeric(schulden["bedrag"], errors="coerce")
    # Only for messages: a category holds the few distinct texts once (was 36 MB of text objects nationally).
    soort = " (" + schulden["schuldsoort"].astype("string") + ")"
    schulden["schuldsoort_tekst"] = soort.fillna("").astype("category")
    return schulden


def _trajecten(trajecten: pd.DataFrame, schulden: pd.DataFrame) -> pd.DataFrame:
    """D05: the number of schulden of a traject with a schuldregeling or oplossing (null otherwise).

    Counted from the `schulden` frame, so the v0.9 place of the schulden (inside client[].leefsituatie[])
    counts too.
    """
    trajecten = trajecten.copy()
    positions = traject_positions(trajecten, schulden)
    counts = np.bincount(positions[positions >= 0], minlength=len(trajecten))
    n = pd.Series(counts, index=trajecten.index, dtype="float64")
    regeling = trajecten["heeft_schuldregeling"].eq(True)
    oplossing = trajecten["heeft_oplossing"].eq(True)
    trajecten["n_schulden_bij_regeling"] = n.where(regeling | oplossing)
    soort = (" (" + trajecten["oplossing_soort"].astype("string") + ")").fillna("").astype(object)
    trajecten["regeling_tekst"] = (
        pd.Series("een schuldregeling", index=trajecten.index).where(regeling, "een oplossing" + soort)
        .where(~(regeling & oplossing), "een schuldregeling en een oplossing" + soort)
    )
    return trajecten


def _placeholder_dates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """C03: every date inside a traject on or before 1970-01-01 (the latest placeholder), as text.

    Only these can be a placeholder; GX compares the text with the placeholder list. `path` is the object
    holding the date (the traject, a phase, a sub-period, a schuld).
    """
    parts = []
    for frame_name, column, suffix, label in _DATE_SOURCES:
        frame = frames[frame_name]
        if not len(frame) or column not in frame.columns:
            continue
        dates = pd.to_datetime(frame[column])
        early = frame[dates.le(_LAST_PLACEHOLDER).fillna(False).astype(bool)]
        if not len(early):
            continue
        path = early["path"] + suffix if frame_name == "trajecten" else early["path"]
        if "{fase}" in label:
            names = _PHASE_START_FIELD if column == "startdatum" else _PHASE_END_FIELD
            veld = early["fase"] + "." + early["fase"].map(names).fillna(column)
        else:
            veld = pd.Series(label, index=early.index)
        parts.append(pd.DataFrame({"file": early["file"], "path": path, "veld": veld,
                                   "datum": dates[early.index].dt.strftime("%Y-%m-%d")}))
    columns = ["file", "path", "veld", "datum"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]
