"""Flatten stage for vroegsignalering (VS v0.9): one document -> one DataFrame per entity, rows with their path.

Tolerant like `flatten.flatten_shv`: a value of the wrong type (already an S01 finding) counts as missing.
Privacy: a client's BSN only leaves this module as keyed hash, masked form and validity flag; birth date,
name and address only as "present" flags. Signal IDs are matched on a keyed hash and quoted in messages
only when they cannot identify anyone (`privacy.safe_value`: an ID that looks like a BSN is not shown).
"""

from __future__ import annotations

import pandas as pd
from stdnum.nl import bsn as stdnum_bsn

from .flatten import FlatDocument, _bool, _Columns, _day, _items, _num, _obj, _parse_datetime, _str
from .gemeenten import normalize_code
from .jsonpath import child
from .privacy import HIDDEN, Keyer, mask_bsn, safe_value

FRAME_NAMES = ("vs_bestanden", "vs_leveringen", "vroegsignalen", "vroegsignaalzaken", "zaak_signalen",
               "contactpogingen")
_PERIOD = ("peil_start", "peil_end", "aanleverdatum", "aanleverdag")
DATE_COLUMNS = {
    "vs_bestanden": _PERIOD,
    "vs_leveringen": _PERIOD,
    "vroegsignalen": ("ontstaansdatum", "signaaldatum", *_PERIOD),
    "vroegsignaalzaken": ("matchingsdatum", "start_matching", "eind_matching", "datum_opgepakt", *_PERIOD),
    "zaak_signalen": (),
    "contactpogingen": ("datum", *_PERIOD),
}
# Every frame keeps these columns when a file has no such rows (derive must not crash on an empty levering).
COLUMNS = {
    "vs_bestanden": ("file", "path", "code_gegevensleverancier", *_PERIOD),
    "vs_leveringen": ("file", "path", "teller", "teller_raw", "gemeentecode", "gemeentecode_norm",
                      "gemeentecode_aanwezig", "gemeentecode_typefout", "n_vroegsignalen", "n_zaken",
                      "code_gegevensleverancier", *_PERIOD),
    "vroegsignalen": ("file", "path", "levering_path", "gemeentecode_norm", "signaal_id_key", "signaal_id",
                      "ontstaansdatum", "signaaldatum", "status", "signaalpartner", "bedrag", "crisissignaal",
                      "warme_overdracht", "client_aanwezig", "client_key", "bsn_present", "bsn_valid",
                      "bsn_masked", "postcode_present", "huisnummer_present", *_PERIOD),
    "vroegsignaalzaken": ("file", "path", "levering_path", "resultaat", "matchingsdatum", "start_matching",
                          "eind_matching", "datum_opgepakt", "n_signalen", "n_contactpogingen", *_PERIOD),
    "zaak_signalen": ("file", "path", "zaak_path", "levering_path", "signaal_id_key", "signaal_id"),
    "contactpogingen": ("file", "path", "zaak_path", "levering_path", "soort", "bereikt", "datum", "dagdeel",
                        *_PERIOD),
}


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, int) and not isinstance(value, bool)


def _signal_id(value: object, keyer: Keyer) -> tuple[str | None, str | None]:
    """(keyed hash for matching, text for messages) of a signal ID; None, None when it is no text."""
    text = _str(value)
    if text is None:
        return None, None
    shown = safe_value(("vroegsignalen", "ID"), text.strip())
    return keyer("id:" + text.strip()), shown if shown else HIDDEN


def _client(client: object, keyer: Keyer) -> dict:
    present = isinstance(client, dict)
    client = _obj(client)
    bsn_raw = _str(client.get("Burgerservicenummer"))
    bsn = bsn_raw.strip() if bsn_raw and bsn_raw.strip() else None
    return {
        "client_aanwezig": present,
        "client_key": keyer("bsn:" + bsn) if bsn else None,
        "bsn_present": bsn is not None,
        # exactly 9 digits and the elfproef (stdnum alone would zero-pad an 8-digit number first)
        "bsn_valid": (len(bsn) == 9 and bsn.isdigit() and stdnum_bsn.is_valid(bsn)) if bsn else None,
        "bsn_masked": mask_bsn(bsn) if bsn else None,
        "postcode_present": _filled(client.get("Postcode")),
        "huisnummer_present": _filled(client.get("Huisnummer")),
    }


def flatten_vs(document: object, file: str, keyer: Keyer) -> FlatDocument:
    """Frames of one VS document, every row with `file` and `path`."""
    cols = {name: _Columns() for name in FRAME_NAMES}
    top = _obj(document)
    aanleverdatum = _parse_datetime(top.get("aanleverdatumEnTijd"))
    period = {
        "peil_start": _day(top.get("startdatumLevering")), "peil_end": _day(top.get("einddatumLevering")),
        "aanleverdatum": aanleverdatum,
        # the calendar day as written in the file (its own time zone), as for L03 in SHV
        "aanleverdag": top["aanleverdatumEnTijd"][:10] if aanleverdatum else None,
    }
    # One row per file (path `$`), also when `leveringen` is missing (optional in VS): L01-L03.
    cols["vs_bestanden"].add(file=file, path="$", code_gegevensleverancier=_str(top.get("codeGegevensleverancier")),
                             **period)
    for lev_index, levering in _items(top.get("leveringen")):
        lev_path = child("$.leveringen", lev_index)
        gemeentecode = levering.get("gemeentecode")
        teller = levering.get("teller")
        signalen = _items(levering.get("vroegsignalen"))
        zaken = _items(levering.get("vroegsignaalzaken"))
        cols["vs_leveringen"].add(
            file=file, path=lev_path, teller=_num(teller),
            teller_raw=teller if isinstance(teller, int) and not isinstance(teller, bool) else None,
            gemeentecode=safe_value(("gemeentecode",), gemeentecode) if isinstance(gemeentecode, str) else None,
            gemeentecode_norm=normalize_code(gemeentecode),
            gemeentecode_aanwezig=isinstance(gemeentecode, str) and bool(gemeentecode.strip()),
            # a value of another type is S01's finding, not a missing gemeentecode
            gemeentecode_typefout=gemeentecode is not None and not isinstance(gemeentecode, str),
            n_vroegsignalen=len(signalen), n_zaken=len(zaken),
            code_gegevensleverancier=_str(top.get("codeGegevensleverancier")), **period,
        )
        norm = normalize_code(gemeentecode)
        for s_index, signaal in signalen:
            key, shown = _signal_id(signaal.get("ID"), keyer)
            cols["vroegsignalen"].add(
                file=file, path=child(lev_path + ".vroegsignalen", s_index), levering_path=lev_path,
                gemeentecode_norm=norm, signaal_id_key=key, signaal_id=shown,
                ontstaansdatum=_day(signaal.get("ontstaansdatum")), signaaldatum=_day(signaal.get("signaaldatum")),
                status=_str(signaal.get("status")),
                signaalpartner=_str(_obj(signaal.get("signaalpartner")).get("type")),
                bedrag=_num(signaal.get("bedrag")), crisissignaal=_bool(signaal.get("crisissignaal")),
                warme_overdracht=_bool(signaal.get("warmeOverdracht")),
                **_client(signaal.get("client"), keyer), **period,
            )
        for z_index, zaak in zaken:
            zaak_path = child(lev_path + ".vroegsignaalzaken", z_index)
            verwijzingen = _items(zaak.get("vroegsignalen"))
            pogingen = _items(zaak.get("contactpogingen"))
            cols["vroegsignaalzaken"].add(
                file=file, path=zaak_path, levering_path=lev_path, resultaat=_str(zaak.get("resultaat")),
                matchingsdatum=_day(zaak.get("matchingsdatum")),
                # sic: the specification spells it "matchtingperiode"
                start_matching=_day(zaak.get("startdatum_matchtingperiode")),
                eind_matching=_day(zaak.get("einddatum_matchingperiode")),
                datum_opgepakt=_day(zaak.get("datum_opgepakt")),
                n_signalen=len(verwijzingen), n_contactpogingen=len(pogingen), **period,
            )
            for r_index, verwijzing in verwijzingen:
                key, shown = _signal_id(verwijzing.get("ID"), keyer)
                cols["zaak_signalen"].add(file=file, path=child(zaak_path + ".vroegsignalen", r_index),
                                          zaak_path=zaak_path, levering_path=lev_path, signaal_id_key=key,
                                          signaal_id=shown)
            for c_index, poging in pogingen:
                cols["contactpogingen"].add(
                    file=file, path=child(zaak_path + ".contactpogingen", c_index), zaak_path=zaak_path,
                    levering_path=lev_path, soort=_str(poging.get("soort")), bereikt=_bool(poging.get("bereikt")),
                    datum=_day(poging.get("datum")), dagdeel=_str(poging.get("dagdeel")), **period,
                )
    frames = {name: _typed(name, pd.DataFrame(dict(collector.data))) for name, collector in cols.items()}
    return FlatDocument(frames)


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetime64 (NaT when missing or invalid); empty frames still have their columns."""
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    for column in DATE_COLUMNS[name]:
        if column == "aanleverdatum":
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        else:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    for column in ("bsn_valid", "bereikt", "crisissignaal", "warme_overdracht"):
        if column in frame.columns:
            frame[column] = frame[column].astype("boolean")
    for column in ("bedrag", "teller", "n_vroegsignalen", "n_zaken", "n_signalen", "n_contactpogingen"):
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame
