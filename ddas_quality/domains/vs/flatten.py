"""Flatten stage for vroegsignalering: one document -> one DataFrame per entity, rows with their path.

Every version (v0.9 to v1.2) lands in the same columns: the keys the file's version defines are read (`KEYS`:
snake_case up to v1.1, camelCase from v1.2; the client's fields capitalised up to v1.0, lowercase from v1.1),
so derive, the suites and the figures do not need to know the version.
Tolerant like the SHV flatten: a value of the wrong type (already an S01 finding) counts as missing.
Privacy: a client's BSN only leaves this module as keyed hash, masked form and validity flag; birth date,
name and address only as "present" flags, whatever the version calls them. Signal IDs are matched on a keyed
hash and quoted in messages only when they cannot identify anyone (`privacy.safe_value`: an ID that looks like
a BSN is not shown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
from stdnum.nl import bsn as stdnum_bsn

from ...flatten import FlatDocument, join_parts
from ...gemeenten import normalize_code
from ...jsonpath import child
from ...parallel import can_fork, in_child_parts
from ...privacy import HIDDEN, Keyer, mask_bsn, safe_value
from ..common.values import (
    Columns,
    Places,
    as_bool,
    as_day,
    as_dict,
    as_number,
    as_text,
    before_year_one_missing,
    dict_items,
    frames_of,
    handed_over,
    parse_datetime,
    records_at,
    split_places,
)
from . import DOMAIN


@dataclass(frozen=True)
class VersionKeys:
    """The names one VS version gives the fields that differ between versions."""

    start_matching: str
    eind_matching: str
    datum_opgepakt: str
    bsn: str
    postcode: str
    huisnummer: str
    # v1.1 and later (the schema's oneOf): either a BSN and nothing else, or no BSN with postcode and huisnummer.
    # Up to v1.0 the model asks at least the address and a BSN may come with it.
    bsn_or_address: bool


# sic: up to v1.1 the specification spells "startdatum_matchtingperiode"
_SNAKE = {"start_matching": "startdatum_matchtingperiode", "eind_matching": "einddatum_matchingperiode",
          "datum_opgepakt": "datum_opgepakt"}
_CAMEL = {"start_matching": "startdatumMatchingperiode", "eind_matching": "einddatumMatchingperiode",
          "datum_opgepakt": "datumOpgepakt"}
_CLIENT_UPPER = {"bsn": "Burgerservicenummer", "postcode": "Postcode", "huisnummer": "Huisnummer",
                 "bsn_or_address": False}
_CLIENT_LOWER = {"bsn": "burgerservicenummer", "postcode": "postcode", "huisnummer": "huisnummer",
                 "bsn_or_address": True}
KEYS = {
    "0.9": VersionKeys(**_SNAKE, **_CLIENT_UPPER),
    "1.0": VersionKeys(**_SNAKE, **_CLIENT_UPPER),
    "1.1": VersionKeys(**_SNAKE, **_CLIENT_LOWER),
    "1.2": VersionKeys(**_CAMEL, **_CLIENT_LOWER),
}


def keys_for(version: str | None) -> VersionKeys:
    """The keys of `version`; the current version's for an unknown or missing one."""
    return KEYS.get(version or "", KEYS[DOMAIN.current])

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
    "vs_bestanden": ("file", "path", "schema_version", "code_gegevensleverancier", *_PERIOD),
    "vs_leveringen": ("file", "path", "teller", "teller_raw", "gemeentecode", "gemeentecode_norm",
                      "gemeentecode_aanwezig", "gemeentecode_typefout", "n_vroegsignalen", "n_zaken",
                      "code_gegevensleverancier", *_PERIOD),
    "vroegsignalen": ("file", "path", "levering_path", "gemeentecode_norm", "signaal_id_key", "signaal_id",
                      "ontstaansdatum", "signaaldatum", "status", "signaalpartner", "bedrag", "crisissignaal",
                      "warme_overdracht", "client_aanwezig", "client_key", "bsn_present", "bsn_valid",
                      "bsn_masked", "postcode_present", "huisnummer_present", "client_bsn_of_adres",
                      "client_vorm_ok", *_PERIOD),
    "vroegsignaalzaken": ("file", "path", "levering_path", "resultaat", "matchingsdatum", "start_matching",
                          "eind_matching", "datum_opgepakt", "n_signalen", "n_contactpogingen",
                          "veld_start_matching", "veld_eind_matching", "veld_opgepakt", *_PERIOD),
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
    text = as_text(value)
    if text is None:
        return None, None
    shown = safe_value(("vroegsignalen", "ID"), text.strip())
    return keyer("id:" + text.strip()), shown if shown else HIDDEN


def _client(client: object, keyer: Keyer, keys: VersionKeys) -> dict:
    present = isinstance(client, dict)
    client = as_dict(client)
    bsn_raw = as_text(client.get(keys.bsn))
    bsn = bsn_raw.strip() if bsn_raw and bsn_raw.strip() else None
    return {
        "client_aanwezig": present,
        "client_key": keyer("bsn:" + bsn) if bsn else None,
        "bsn_present": bsn is not None,
        # exactly 9 digits and the elfproef (stdnum alone would zero-pad an 8-digit number first)
        "bsn_valid": (len(bsn) == 9 and bsn.isascii() and bsn.isdigit() and stdnum_bsn.is_valid(bsn)) if bsn else None,
        "bsn_masked": mask_bsn(bsn) if bsn else None,
        "postcode_present": _filled(client.get(keys.postcode)),
        "huisnummer_present": _filled(client.get(keys.huisnummer)),
        "client_vorm_ok": _client_shape_ok(client, keys) if present else None,
    }


def _client_shape_ok(client: dict, keys: VersionKeys) -> bool:
    """Whether the client has the shape its version asks, with text where text is asked (else S01 reports it).

    Up to v1.0 any shape will do (V09 judges it). From v1.1 the schema's oneOf: a BSN of 9 characters and no
    other field, or no BSN and both postcode and huisnummer present.
    """
    if not keys.bsn_or_address:
        return True
    if keys.bsn in client:
        value = client[keys.bsn]
        return len(client) == 1 and isinstance(value, str) and len(value) == 9
    return all(isinstance(client.get(key), str) for key in (keys.postcode, keys.huisnummer))


# From this many records on (vroegsignalen and zaken together), a forked child flattens the last part of each
# while this process does the first MAIN_SHARE (the child also pickles what it sends). Frames are made every
# PART_RECORDS records.
SPLIT_FROM_RECORDS = 40_000
PART_RECORDS = 50_000
MAIN_SHARE = 0.55
Slots = tuple[range, range]   # of one levering: the places in its lists of signalen and of zaken


def flatten(document: object, file: str, keyer: Keyer, processes: int = 1, version: str | None = None,
            release: bool = False, spare: Callable[[], object] | None = None) -> FlatDocument:
    """Frames of one VS document read as `version` (default: the current one), every row with `file` and `path`.
    `release`: the document is handed over, signalen and zaken are freed as they are read.

    With `processes` > 1 and a large document, a forked child flattens the last part of the signalen and of the
    zaken (counted over all leveringen) while this process does the first part of each; every frame keeps
    document order, as it holds rows of one kind only. 500,000 signalen: flatten 13 -> 8 s, peak unchanged."""
    keys = keys_for(version)
    period = _period(as_dict(document))
    heads = _head_rows(document, file, version)   # before a split: it counts every record
    leveringen = heads["vs_leveringen"].data
    records = sum(leveringen.get("n_vroegsignalen", ())) + sum(leveringen.get("n_zaken", ()))
    if processes > 1 and records >= max(SPLIT_FROM_RECORDS, 2) and can_fork():
        first: list[dict[str, pd.DataFrame]] = []
        mine, theirs = _split_slots(document, MAIN_SHARE)
        rest = in_child_parts(   # a child that dies raises ChildLost: its part may be freed here already
            lambda: _frames_in_parts(document, file, keyer, version, theirs, release, {}),
            lambda: first.extend(_frames_in_parts(document, file, keyer, version, mine, release, heads)))
        frames = join_parts([*first, *rest])
        del first, rest
    else:
        frames = join_parts(list(_frames_in_parts(document, file, keyer, version, None, release, heads)))
    # Per file, not per row: the peilperiode and aanleverdatum (the last columns of each frame, as they were when
    # each row had them), the client model of the version, and its own field names for the V06 messages.
    for name, frame in frames.items():
        if name != "zaak_signalen" and len(frame):
            for column, value in period.items():
                frame[column] = value
    frames["vroegsignalen"]["client_bsn_of_adres"] = keys.bsn_or_address
    zaken = frames["vroegsignaalzaken"]
    zaken["veld_start_matching"], zaken["veld_eind_matching"] = keys.start_matching, keys.eind_matching
    zaken["veld_opgepakt"] = keys.datum_opgepakt
    return FlatDocument({name: _complete(name, frame) for name, frame in frames.items()}, finish=typed)


def _period(top: dict) -> dict[str, object]:
    """The peilperiode and the moment of delivery: the same for every row of the file."""
    aanleverdatum = parse_datetime(top.get("aanleverdatumEnTijd"))
    return {
        "peil_start": as_day(top.get("startdatumLevering")), "peil_end": as_day(top.get("einddatumLevering")),
        "aanleverdatum": aanleverdatum,
        # the calendar day as written in the file (its own time zone), as for L03 in SHV
        "aanleverdag": top["aanleverdatumEnTijd"][:10] if aanleverdatum else None,
    }


def _frames_in_parts(document: object, file: str, keyer: Keyer, version: str | None, slots: list[Slots] | None,
                     release: bool, heads: dict[str, Columns]) -> Iterator[dict[str, pd.DataFrame]]:
    """The frames of these records (see `_collect_parts`), made every PART_RECORDS records.

    Frames, not rows: rows hold Python objects, among them the document's own texts (which keep its memory from
    being freed); a frame's text columns are Arrow buffers. A child sends frames as well: pickling Arrow buffers
    goes at memory speed, and it makes the frames of its own part."""
    return map(frames_of, _collect_parts(document, file, keyer, version, slots, release, PART_RECORDS, heads))


def _head_rows(document: object, file: str, version: str | None) -> dict[str, Columns]:
    """Collectors holding the rows of the file (path `$`, also when `leveringen` is missing: optional in VS; L01-L03)
    and of its leveringen."""
    cols = {name: Columns() for name in FRAME_NAMES}
    top = as_dict(document)
    cols["vs_bestanden"].add(file=file, path="$", schema_version=version if version in KEYS else DOMAIN.current,
                             code_gegevensleverancier=as_text(top.get("codeGegevensleverancier")))
    for lev_index, levering in dict_items(top.get("leveringen")):
        gemeentecode = levering.get("gemeentecode")
        teller = levering.get("teller")
        cols["vs_leveringen"].add(
            file=file, path=child("$.leveringen", lev_index), teller=as_number(teller),
            teller_raw=teller if isinstance(teller, int) and not isinstance(teller, bool) else None,
            gemeentecode=safe_value(("gemeentecode",), gemeentecode) if isinstance(gemeentecode, str) else None,
            gemeentecode_norm=normalize_code(gemeentecode),
            gemeentecode_aanwezig=isinstance(gemeentecode, str) and bool(gemeentecode.strip()),
            # a value of another type is S01's finding, not a missing gemeentecode
            gemeentecode_typefout=gemeentecode is not None and not isinstance(gemeentecode, str),
            n_vroegsignalen=len(dict_items(levering.get("vroegsignalen"))),
            n_zaken=len(dict_items(levering.get("vroegsignaalzaken"))),
            code_gegevensleverancier=as_text(top.get("codeGegevensleverancier")),
        )
    return cols


def _split_slots(document: object, share: float) -> tuple[list[Slots], list[Slots]]:
    """Per levering, the places of the signalen and zaken in the first `share` of each kind (counted over all
    leveringen), and of the rest."""
    leveringen = [levering for _, levering in dict_items(as_dict(document).get("leveringen"))]
    signalen = split_places([levering.get("vroegsignalen") for levering in leveringen], share)
    zaken = split_places([levering.get("vroegsignaalzaken") for levering in leveringen], share)

    def paired(signal_part: list[Places], zaak_part: list[Places]) -> list[Slots]:
        return [(signal[0], zaak[0]) for signal, zaak in zip(signal_part, zaak_part, strict=True)]

    return paired(signalen[0], zaken[0]), paired(signalen[1], zaken[1])


def _collect_parts(document: object, file: str, keyer: Keyer, version: str | None,
                   slots: list[Slots] | None = None, release: bool = False, every: int | None = None,
                   cols: dict[str, Columns] | None = None) -> Iterator[dict[str, Columns]]:
    """Rows per frame of the signalen and zaken at `slots` (per levering; default: all), added to `cols` (default:
    new collectors), in parts of `every` records (default: one part)."""
    keys = keys_for(version)
    cols = cols or {name: Columns() for name in FRAME_NAMES}
    in_this_part = 0
    for number, (lev_index, levering) in enumerate(dict_items(as_dict(document).get("leveringen"))):
        lev_path = child("$.leveringen", lev_index)
        signal_slots, zaak_slots = slots[number] if slots is not None else (None, None)
        norm = normalize_code(levering.get("gemeentecode"))
        signalen = records_at(levering.get("vroegsignalen"), signal_slots, release)
        for s_index, signaal in handed_over(signalen, levering.get("vroegsignalen"), release):
            if every is not None and in_this_part == every:
                yield cols
                cols, in_this_part = {name: Columns() for name in FRAME_NAMES}, 0
            key, shown = _signal_id(signaal.get("ID"), keyer)
            cols["vroegsignalen"].add(
                file=file, path=child(lev_path + ".vroegsignalen", s_index), levering_path=lev_path,
                gemeentecode_norm=norm, signaal_id_key=key, signaal_id=shown,
                ontstaansdatum=as_day(signaal.get("ontstaansdatum")), signaaldatum=as_day(signaal.get("signaaldatum")),
                status=as_text(signaal.get("status")),
                signaalpartner=as_text(as_dict(signaal.get("signaalpartner")).get("type")),
                bedrag=as_number(signaal.get("bedrag")), crisissignaal=as_bool(signaal.get("crisissignaal")),
                warme_overdracht=as_bool(signaal.get("warmeOverdracht")),
                **_client(signaal.get("client"), keyer, keys),
            )
            in_this_part += 1
        del signalen
        zaken = records_at(levering.get("vroegsignaalzaken"), zaak_slots, release)
        for z_index, zaak in handed_over(zaken, levering.get("vroegsignaalzaken"), release):
            if every is not None and in_this_part == every:
                yield cols
                cols, in_this_part = {name: Columns() for name in FRAME_NAMES}, 0
            zaak_path = child(lev_path + ".vroegsignaalzaken", z_index)
            verwijzingen = dict_items(zaak.get("vroegsignalen"))
            pogingen = dict_items(zaak.get("contactpogingen"))
            cols["vroegsignaalzaken"].add(
                file=file, path=zaak_path, levering_path=lev_path, resultaat=as_text(zaak.get("resultaat")),
                matchingsdatum=as_day(zaak.get("matchingsdatum")),
                start_matching=as_day(zaak.get(keys.start_matching)),
                eind_matching=as_day(zaak.get(keys.eind_matching)),
                datum_opgepakt=as_day(zaak.get(keys.datum_opgepakt)),
                n_signalen=len(verwijzingen), n_contactpogingen=len(pogingen),
            )
            for r_index, verwijzing in verwijzingen:
                key, shown = _signal_id(verwijzing.get("ID"), keyer)
                cols["zaak_signalen"].add(file=file, path=child(zaak_path + ".vroegsignalen", r_index),
                                          zaak_path=zaak_path, levering_path=lev_path, signaal_id_key=key,
                                          signaal_id=shown)
            for c_index, poging in pogingen:
                cols["contactpogingen"].add(
                    file=file, path=child(zaak_path + ".contactpogingen", c_index), zaak_path=zaak_path,
                    levering_path=lev_path, soort=as_text(poging.get("soort")), bereikt=as_bool(poging.get("bereikt")),
                    datum=as_day(poging.get("datum")), dagdeel=as_text(poging.get("dagdeel")),
                )
            in_this_part += 1
    yield cols


def _complete(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of the frame, also in a file without such rows."""
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    return frame


def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetime64 (NaT when missing or invalid), flags as nullable booleans, counts as floats."""
    for column in DATE_COLUMNS[name]:
        if column == "aanleverdatum":
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        else:
            frame[column] = before_year_one_missing(pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce"))
    for column in ("bsn_valid", "bereikt", "crisissignaal", "warme_overdracht", "client_vorm_ok"):
        if column in frame.columns:
            frame[column] = frame[column].astype("boolean")
    for column in ("bedrag", "teller", "n_vroegsignalen", "n_zaken", "n_signalen", "n_contactpogingen"):
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """The three contract keys (no trajecten; clienten = distinct BSN-keyed clients plus clients without BSN)
    and VS's own entities."""
    signalen = frames["vroegsignalen"]
    clients = signalen["client_key"].nunique() + int(signalen["client_key"].isna().sum())
    return {"leveringen": len(frames["vs_leveringen"]), "trajecten": 0, "clienten": clients,
            "vroegsignalen": len(signalen), "vroegsignaalzaken": len(frames["vroegsignaalzaken"])}
