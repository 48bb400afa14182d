"""Flatten stage: one SHV document -> one pandas DataFrame per entity, each row with its JSON path.

Tolerant by design: the document may have failed the schema (already reported as S01/S02), so a value
of the wrong type counts as missing here instead of crashing. Identifiers never leave this module:
BSNs and address keys become keyed hashes (`client_key`), birth dates become an age.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, lru_cache

import pandas as pd
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from ...flatten import PENDING_BELOW, FlatDocument
from ...gemeenten import normalize_code
from ...jsonpath import child
from ...parallel import can_fork, in_child_parts
from ...privacy import Keyer, mask_bsn
from ..common.pseudonyms import shape as pseudonym_shape
from ..common.values import (
    RECORD_NUMBER,
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
    joined_rows,
    parse_datetime,
    parse_day,
    record_numbers,
    records_at,
    split_places,
)

# Phases in process order (NVVK-referentieproces); None = no place in the order (P02 skips it).
PHASES: tuple[tuple[str, int | None, str, str | None], ...] = (
    # (key in traject, order, start field, end field)
    ("aanmelding", 0, "startdatum", "einddatum"),
    ("informatieEnAdvies", None, "startdatum", "einddatum"),
    ("intake", 1, "startdatum", "einddatum"),
    ("stabilisatie", 2, "startdatum", "einddatum"),
    ("schuldregeling", 3, "datum", None),
    ("oplossing", 4, "startdatum", "einddatum"),
    ("nazorg", 5, "startdatum", "einddatum"),
)
SUB_PERIODS = {
    # frame name -> key of the array in a traject
    "begeleidingen": "begeleiding",
    "crisisinterventies": "crisisinterventies",
    "moratoria": "moratoria",
    "voorlopige_voorzieningen": "voorlopigeVoorzieningen",
}
PLACEHOLDER_DATES = frozenset({"1900-01-01", "1970-01-01", "0001-01-01"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FRAME_NAMES = ("leveringen", "trajecten", "fasen", "clienten", "schulden", *SUB_PERIODS)

# Columns that hold dates (parsed to datetime64 at the end, missing/invalid = NaT).
DATE_COLUMNS = {
    "leveringen": ("peil_start", "peil_end", "aanleverdatum", "aanleverdag", "aanlevermoment"),
    "trajecten": (
        "startdatum", "einddatum", "toekenningsdatum", "peil_start", "peil_end", "aanleverdatum",
        "aanmelding_start", "intake_start", "stabilisatie_start", "schuldregeling_datum", "oplossing_start",
        "nazorg_start", "intake_einddatum", "beschikkingsdatum", "plan_van_aanpak_afronding",
        "schuldregeling_toegekend", "schuldregeling_afgewezen", "schuldregeling_ingetrokken",
        "schuldregeling_verzoek_dwangakkoord", "uitstroom_datum", "uitstroom_beeindigingsbeschikking",
        "oplossing_einddatum",
    ),
    "fasen": ("startdatum", "einddatum"),
    "clienten": (),
    "schulden": ("peildatum",),
    "begeleidingen": ("startdatum", "einddatum"),
    "crisisinterventies": ("startdatum", "einddatum"),
    "moratoria": ("startdatum", "einddatum", "datum_aanvraag", "datum_goedkeuring"),
    "voorlopige_voorzieningen": ("startdatum", "einddatum"),
}


def _client_row(client: dict, path: str, keyer: Keyer, traject_start: date | None) -> dict:
    bsn_raw = as_text(client.get("Burgerservicenummer"))
    bsn = bsn_raw.strip() if bsn_raw else None
    raw_birth = client.get("Geboortedatum")
    # C03: strictly JJJJ-MM-DD (date.fromisoformat alone would also take a week date like 2024-W01-1)
    strict = isinstance(raw_birth, str) and _DAY.fullmatch(raw_birth)
    birth = parse_day(raw_birth) if strict else None
    postcode = as_text(client.get("Postcode"))
    huisnummer = client.get("Huisnummer")
    huisnummer = huisnummer if isinstance(huisnummer, str | int) and not isinstance(huisnummer, bool) else None
    toevoeging = as_text(client.get("Huisnummertoevoeging")) or ""
    postcode_norm = postcode.replace(" ", "").upper() if postcode else None
    adres_key = None
    if birth and postcode_norm and huisnummer is not None:
        adres_key = keyer(f"adres:{birth.isoformat()}|{postcode_norm}|{huisnummer}|{toevoeging.upper()}")
    key = keyer("bsn:" + bsn) if bsn else adres_key
    age = None
    if birth and traject_start:
        age = traject_start.year - birth.year - ((traject_start.month, traject_start.day) < (birth.month, birth.day))
    identifying = ("Geboortedatum", "Geslachtsaanduiding", "Postcode", "Huisnummer")
    missing = [name for name in identifying
               if client.get(name) is None or (isinstance(client.get(name), str) and not client.get(name).strip())]
    huisnummer_text = str(huisnummer).strip() if huisnummer is not None else None
    return {
        "client_key": key,
        # C06: the address key also when a BSN is there (same person once with, once without BSN)
        "adres_key": adres_key,
        "bsn_present": bsn is not None and bsn != "",
        # C01 asks for exactly 9 digits; stdnum alone would zero-pad an 8-digit number first.
        "bsn_valid": (len(bsn) == 9 and bsn.isascii() and bsn.isdigit() and stdnum_bsn.is_valid(bsn)) if bsn else None,
        "bsn_masked": mask_bsn(bsn) if bsn else None,
        "bsn_vorm": pseudonym_shape(bsn) if bsn else None,   # C09 (profile geanonimiseerd): length, characters
        "geboortedatum_present": raw_birth is not None,
        # a value of another type than text is an S01 finding, an empty text counts as absent (C02)
        "geboortedatum_valid": birth is not None if isinstance(raw_birth, str) and raw_birth.strip() else None,
        "leeftijd_bij_start": age,
        "geboortedatum_placeholder": isinstance(raw_birth, str) and raw_birth.strip() in PLACEHOLDER_DATES,
        "geslacht": as_text(client.get("Geslachtsaanduiding")),
        "postcode_present": postcode is not None,
        "postcode_valid": _postcode_valid(postcode) if postcode and postcode.strip() else None,
        "huisnummer_present": huisnummer is not None,
        "huisnummer_numeric": (
            bool(_HUISNUMMER.fullmatch(huisnummer_text)) and int(huisnummer_text) > 0
        ) if huisnummer_text else None,
        # C02: without BSN all of these identify the client
        "adresgegevens_compleet": not missing,
        "ontbrekende_gegevens": ", ".join(missing) if missing else None,
    }


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_POSTCODE = re.compile(r"[0-9]{4} ?[A-Za-z]{2}")
_HUISNUMMER = re.compile(r"[0-9]{1,9}")


@lru_cache(maxsize=65536)
def _postcode_valid(postcode: str) -> bool:
    """C05: 1234AB, one space tolerated; stdnum adds the real-postcode checks (no leading 0, no SA/SD/SS).
    Cached: clients of one gemeente share a few hundred postcodes."""
    return bool(_POSTCODE.fullmatch(postcode.strip())) and stdnum_postcode.is_valid(postcode)


# From this many trajecten on, a forked child flattens the second half (pickling its columns back costs
# about a tenth of flattening them); it sends its rows in parts of PART_TRAJECTEN trajecten.
SPLIT_FROM_TRAJECTEN = 20_000
PART_TRAJECTEN = 5_000


def flatten(document: object, file: str, keyer: Keyer, processes: int = 1, version: str | None = None,
            release: bool = False, spare: Callable[[], object] | None = None) -> FlatDocument:
    """Frames of one SHV document (any version: `version` is not needed, the keys differ per version), every row
    with `file` and `path`. `release`: the document is handed over, trajecten are freed as they are read.

    With `processes` > 1 and a large document, a forked child flattens the second half of the trajecten
    (counted over all leveringen, `values.split_places`) while this process does the first; rows keep document
    order. With `release`, each process first frees the other's trajecten (`values.records_at`); else the child
    copies every page of its half it reads, and the document is held twice. `spare`: see `flatten_document`
    (the child, which also pickles its rows, takes about a second longer at 100,000 trajecten).
    """
    mine = theirs = None
    if processes > 1 and can_fork():
        leveringen = [levering for _, levering in dict_items(as_dict(document).get("leveringen"))]
        mine, theirs = split_places([levering.get("schuldhulptrajecten") for levering in leveringen], 0.5)
    if mine and theirs and sum(count for _, _, count in mine) >= max(SPLIT_FROM_TRAJECTEN, 2):
        first: list[dict[str, Columns]] = []

        def meanwhile() -> None:
            first.append(next(_collect_parts(document, file, keyer, mine, release)))
            if spare is not None:
                spare()

        rest = in_child_parts(   # a child that dies raises ChildLost: its half may be freed here already
            lambda: _collect_parts(document, file, keyer, theirs, release, every=PART_TRAJECTEN, heads=False),
            meanwhile)
        cols = joined_rows([*first, *rest])
        del first, rest
    else:
        cols = _collect(document, file, keyer, release=release)
        if sum(map(len, cols.values())) < PENDING_BELOW:   # made into frames together with its neighbours
            return FlatDocument(None, finish=typed, pending=cols, make=_frames)
    return FlatDocument(_frames(cols), finish=typed)


def _frames(cols: dict[str, Columns]) -> dict[str, pd.DataFrame]:
    return {name: _complete(name, frame) for name, frame in frames_of(cols).items()}


def _collect(document: object, file: str, keyer: Keyer, release: bool = False) -> dict[str, Columns]:
    """Rows per frame. `release`: see `values.handed_over`."""
    return next(_collect_parts(document, file, keyer, release=release))


def _collectors() -> dict[str, Columns]:
    return {name: SchuldColumns() if name == "schulden" else Columns() for name in FRAME_NAMES}


def _collect_parts(document: object, file: str, keyer: Keyer, places: list[Places] | None = None,
                   release: bool = False, every: int | None = None, heads: bool = True) -> Iterator[dict[str, Columns]]:
    """Rows per frame of the trajecten at `places` (per levering, from `split_places`; default: all), in parts of
    `every` trajecten (default: one part), to send each part on as it is made. `heads`: also the leveringen's own
    rows (one process of a split makes them)."""
    cols = _collectors()
    in_this_part = 0
    seen = 0
    top = as_dict(document)
    peil_start = as_day(top.get("startdatumLevering"))
    peil_end = as_day(top.get("einddatumLevering"))
    # Dates in the file are calendar days of its own zone: they are compared with the time as written (T03, open
    # ends, D- and C-rules); only "in the future" (L03) needs the real moment, in UTC.
    aanleverdatum = parse_datetime(top.get("aanleverdatumEnTijd"), local=True)
    aanlevermoment = parse_datetime(top.get("aanleverdatumEnTijd"))
    period = {"peil_start": peil_start, "peil_end": peil_end, "aanleverdatum": aanleverdatum}

    for lev_number, (lev_index, levering) in enumerate(dict_items(top.get("leveringen"))):
        lev_path = child("$.leveringen", lev_index)
        org = as_dict(levering.get("aanleverende_organisatie"))
        org_gemeente = as_text(org.get("gemeentecode"))
        # Who delivers (C07 same organisation, C08 another): the KvK-nummer, else the gemeente (its code, GM or
        # not), else the name; a gemeente that spells its name differently in two leveringen is still itself.
        # Only a real code identifies: "Onbekend" or "abc" is no gemeente (two foundations writing "Onbekend"
        # stay two organisations).
        org_code = normalize_code(org_gemeente)
        org_key = (
            as_text(org.get("KvK-nummer"))
            or (f"gemeente:{org_code}" if org_code else None)
            or as_text(org.get("(Statutaire) Naam"))
            or (f"gemeente:{org_gemeente}" if org_gemeente else f"{file}#{lev_index}")
        )
        source = levering.get("schuldhulptrajecten")
        if places is None:
            trajecten = dict_items(source)
            start, count = seen, len(trajecten)
            seen += count
        else:
            where, start, count = places[lev_number]
            trajecten = records_at(source, where, release)
        # a traject's number: its place among the trajecten of all leveringen (the same in either half of a split)
        numbers = iter(range(start, start + len(trajecten)))
        for tr_index, traject in handed_over(trajecten, source, release):
            if every is not None and in_this_part == every:
                yield cols
                cols, in_this_part = _collectors(), 0
            _flatten_traject(cols, traject, child(lev_path + ".schuldhulptrajecten", tr_index), next(numbers), file,
                             lev_path, org_key, period, keyer)
            in_this_part += 1
        if not heads:
            continue
        teller = levering.get("teller")
        cols["leveringen"].add(
            file=file, path=lev_path, teller=as_number(teller), org_key=org_key,
            org_gemeentecode=org_gemeente, org_gemeentecode_norm=normalize_code(org_gemeente),
            kvk_present=bool(as_text(org.get("KvK-nummer"))), kvk_8_cijfers=_is_kvk(org.get("KvK-nummer")),
            org_naam_present=bool(as_text(org.get("(Statutaire) Naam"))),
            n_trajecten=count, schuldhulptrajecten_present="schuldhulptrajecten" in levering,
            n_contactpersonen=len(dict_items(org.get("contactpersonen"))),
            n_contact_email_valid=sum(bool(_EMAIL.match(as_text(c.get("email")) or ""))
                                      for _, c in dict_items(org.get("contactpersonen"))),
            teller_raw=teller if isinstance(teller, int) and not isinstance(teller, bool) else None,
            code_gegevensleverancier=as_text(top.get("codeGegevensleverancier")), **period,
            aanlevermoment=aanlevermoment,
            # L03: the calendar day as written in the file (its own time zone), not the UTC day
            aanleverdag=top["aanleverdatumEnTijd"][:10] if period["aanleverdatum"] else None,
            # L07/L08/L10: a field there with a wrong type is an S01 finding, not a missing value
            org_aanwezig=isinstance(levering.get("aanleverende_organisatie"), dict),
            org_velden_typefout=any(org.get(k) is not None and not isinstance(org.get(k), t) for k, t in
                                    (("KvK-nummer", str), ("gemeentecode", str), ("contactpersonen", list))),
            schuldhulptrajecten_leeg=levering.get("schuldhulptrajecten", []) == [],
        )
    yield cols


def _flatten_traject(cols, traject, path, number, file, lev_path, org_key, period, keyer) -> None:
    fasen = {key: as_dict(traject.get(key)) for key, *_ in PHASES}
    intake, schuldregeling = fasen["intake"], fasen["schuldregeling"]
    oplossing, uitstroom = fasen["oplossing"], as_dict(traject.get("uitstroom"))
    aanmelding = fasen["aanmelding"]
    clients = dict_items(traject.get("client"))
    schulden = dict_items(traject.get("schulden"))
    # v0.9 kept the schulden inside client[].leefsituatie[]: they count for T14 and A03 as well
    alle_schulden = [s for _, s in schulden] + [
        s for _, c in clients for _, leef in dict_items(c.get("leefsituatie"))
        for _, s in dict_items(leef.get("schulden"))]
    gemeentecode = as_text(traject.get("gemeentecode"))
    start = parse_day(traject.get("startdatum"))
    cols["trajecten"].add(
        file=file, path=path, traject_nr=number, levering_path=lev_path, org_key=org_key,
        gemeentecode=gemeentecode, gemeentecode_norm=normalize_code(gemeentecode),
        startdatum=as_day(traject.get("startdatum")), einddatum=as_day(traject.get("einddatum")),
        toekenningsdatum=as_day(traject.get("toekenningsdatum")),
        totaal_schuld=as_number(traject.get("totaalSchuldbedragBijAanvangSchuld")),
        n_clienten=len(clients), n_schulden=len(alle_schulden),
        som_schulden=sum(as_number(s.get("bedrag")) or 0.0 for s in alle_schulden),
        aanmelding_start=as_day(aanmelding.get("startdatum")),
        crisisinterventie=as_bool(aanmelding.get("crisisinterventie")),
        n_crisisinterventies=len(dict_items(traject.get("crisisinterventies"))),
        intake_start=as_day(intake.get("startdatum")), intake_einddatum=as_day(intake.get("einddatum")),
        beschikkingssoort=as_text(intake.get("beschikkingssoort")),
        beschikkingsdatum=as_day(intake.get("beschikkingsdatum")),
        plan_van_aanpak_afronding=as_day(as_dict(traject.get("planVanAanpak")).get("datumAfronding")),
        stabilisatie_start=as_day(fasen["stabilisatie"].get("startdatum")),
        schuldregeling_datum=as_day(schuldregeling.get("datum")),
        schuldregeling_toegekend=as_day(schuldregeling.get("toegekend")),
        schuldregeling_afgewezen=as_day(schuldregeling.get("afgewezen")),
        schuldregeling_ingetrokken=as_day(schuldregeling.get("ingetrokken")),
        schuldregeling_verzoek_dwangakkoord=as_day(schuldregeling.get("datumVerzoekDwangakkoord")),
        dwangakkoord=as_bool(schuldregeling.get("dwangakkoord")),
        oplossing_start=as_day(oplossing.get("startdatum")), oplossing_soort=as_text(oplossing.get("soort")),
        vtlb=as_number(oplossing.get("vtlb")),
        oplossing_einddatum=as_day(oplossing.get("einddatum")),
        # P04/P07/P08/P11: a field that is there with a wrong type or form counts as filled (S01 reports it)
        beschikkingssoort_aanwezig=intake.get("beschikkingssoort") is not None,
        beschikkingsdatum_aanwezig=intake.get("beschikkingsdatum") is not None,
        toegekend_aanwezig=schuldregeling.get("toegekend") is not None,
        afgewezen_aanwezig=schuldregeling.get("afgewezen") is not None,
        verzoek_dwangakkoord_aanwezig=schuldregeling.get("datumVerzoekDwangakkoord") is not None,
        oplossing_start_aanwezig=oplossing.get("startdatum") is not None,
        oplossing_soort_aanwezig=oplossing.get("soort") is not None,
        nazorg_start=as_day(fasen["nazorg"].get("startdatum")),
        uitstroom_datum=as_day(uitstroom.get("datum")), uitstroom_reden=as_text(uitstroom.get("reden")),
        uitstroom_beeindigingsbeschikking=as_day(uitstroom.get("datumBeeindigingsbeschikking")),
        heeft_schuldregeling=isinstance(traject.get("schuldregeling"), dict),
        heeft_oplossing=isinstance(traject.get("oplossing"), dict),
        **period,
    )
    for key, order, start_field, end_field in PHASES:
        if key in traject and isinstance(traject[key], dict):
            phase = fasen[key]
            cols["fasen"].add_row(_FASE_COLUMNS, (
                file, child(path, key), path, number, key, order, as_day(phase.get(start_field)),
                as_day(phase.get(end_field)) if end_field else None))
    for c_index, client in clients:
        cols["clienten"].add(file=file, path=child(path + ".client", c_index), traject_path=path, traject_nr=number,
                             **_client_row(client, child(path + ".client", c_index), keyer, start))
        # v0.9 kept the schulden inside client[].leefsituatie[]
        for l_index, leefsituatie in dict_items(client.get("leefsituatie")):
            for s_index, schuld in dict_items(leefsituatie.get("schulden")):
                l_path = child(child(path + ".client", c_index) + ".leefsituatie", l_index)
                _add_schuld(cols, schuld, child(l_path + ".schulden", s_index), file, number)
    for s_index, schuld in schulden:
        _add_schuld(cols, schuld, child(path + ".schulden", s_index), file, number)
    for frame, key in SUB_PERIODS.items():
        for i, item in dict_items(traject.get(key)):
            row = (file, child(f"{path}.{key}", i), path, number, as_day(item.get("startdatum")),
                   as_day(item.get("einddatum")))
            if frame == "begeleidingen":
                row += (as_text(item.get("soort")),)
            elif frame == "moratoria":
                row += (as_day(item.get("datumAanvraag")), as_day(item.get("datumGoedkeuring")))
            cols[frame].add_row(_SUB_PERIOD_COLUMNS[frame], row)


def _is_kvk(value: object) -> bool | None:
    """KvK-nummers have 8 digits; None when the field is empty."""
    text = as_text(value)
    return (len(text.strip()) == 8 and text.strip().isascii() and text.strip().isdigit()) if text else None


def _add_schuld(cols, schuld: dict, path: str, file: str, number: int) -> None:
    """A schuld's row. Without the traject's path: no rule reports at it, and it cost 8 bytes a row (a national
    batch has 1.6 million schulden); `traject_nr` ties the row to its traject."""
    cols["schulden"].add_schuld(file, path, number, schuld)


class SchuldColumns(Columns):
    """The schulden frame's collector: schulden are kept as read, and turned into columns `BUFFER` at a time, one
    field at a time. Row by row, a schuld cost about 2.5 µs in calls; a national batch has 550,000 of them."""

    BUFFER = 4_096

    def __init__(self) -> None:
        super().__init__()
        self._read: list[tuple[str, str, int, dict]] = []

    def add_schuld(self, file: str, path: str, number: int, schuld: dict) -> None:
        self._read.append((file, path, number, schuld))
        self.size += 1
        if len(self._read) >= self.BUFFER:
            self._flush()

    def __getstate__(self) -> dict:
        """Sent to another process (a forked half, a batch worker's result) as columns, not as the schulden read."""
        self._flush()
        return self.__dict__

    def _flush(self) -> None:
        super()._flush()
        read, self._read = self._read, []
        if read:
            self.extend_columns(_schuld_columns(read), len(read))


def _schuld_columns(read: list[tuple[str, str, int, dict]]) -> dict[str, list]:
    """Columns of these schulden, in the frame's column order; each value read as the `as_*` readers read it."""
    schulden = [item[3] for item in read]
    eisers = list(map(as_dict, [schuld.get("schuldeiser") for schuld in schulden]))
    kvk = [eiser.get("kvknummer") for eiser in eisers]
    kvk_8: dict[str, bool | None] = {}   # a few hundred schuldeisers: each number checked once
    return {
        "file": [item[0] for item in read], "path": [item[1] for item in read],
        RECORD_NUMBER: [item[2] for item in read],
        # as_number and as_day, inline: one call less per value
        "bedrag": [float(value) if type(value) is int or type(value) is float else None
                   for value in [schuld.get("bedrag") for schuld in schulden]],
        "peildatum": [value if type(value) is str and len(value) == 10 else None
                      for value in [schuld.get("peildatum") for schuld in schulden]],
        "schuldsoort": [as_text(schuld.get("schuldsoort")) or as_text(schuld.get("soort")) for schuld in schulden],
        # D03: only a real difference counts, not case or extra spaces
        "schuldeiser_namen_gelijk": [_same_name(eiser.get("naam"), eiser.get("Naam")) for eiser in eisers],
        "schuldeiser_kvk_present": [type(value) is str and value != "" for value in kvk],
        "schuldeiser_kvk_8_cijfers": [(kvk_8[value] if value in kvk_8 else kvk_8.setdefault(value, _is_kvk(value)))
                                      if type(value) is str else None for value in kvk],
        # D04 asks only whether it is true: a plain bool column (1 byte a row, not a text or None object)
        "schuldeiser_privepersoon": [eiser.get("privepersoon") is True for eiser in eisers],
    }


def _same_name(naam_a: object, naam_b: object) -> bool | None:
    """D03: both names given, and the same but for case and spaces; None when one is missing or blank."""
    a, b = as_text(naam_a), as_text(naam_b)
    if not (a and b and a.strip() and b.strip()):
        return None
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


# Column names of the frames with many rows, in the order `Columns.add_row` gets their values.
_ROW_START = ("file", "path", "traject_path", RECORD_NUMBER)
_FASE_COLUMNS = (*_ROW_START, "fase", "volgorde", "startdatum", "einddatum")
_SUB_PERIOD_EXTRA = {"begeleidingen": ("soort",), "moratoria": ("datum_aanvraag", "datum_goedkeuring")}
_SUB_PERIOD_COLUMNS = {frame: (*_ROW_START, "startdatum", "einddatum", *_SUB_PERIOD_EXTRA.get(frame, ()))
                       for frame in SUB_PERIODS}


_BASE_COLUMNS = ("file", "path")
# Every frame keeps all its columns when a file has no such rows (an empty levering must not crash derive).
_SKELETON = {
    "leveringen": [{"schuldhulptrajecten": [{
        **{key: {} for key, *_ in PHASES}, "uitstroom": {}, "planVanAanpak": {},
        "client": [{"leefsituatie": [{"schulden": [{}]}]}], "schulden": [{"schuldeiser": {}}],
        **{key: [{}] for key in SUB_PERIODS.values()},
    }], "aanleverende_organisatie": {"contactpersonen": [{}]}}],
}


@cache
def _expected_columns() -> dict[str, tuple[str, ...]]:
    """The columns each frame gets, found by collecting one all-empty skeleton document."""
    cols = _collect(_SKELETON, "", Keyer(b"skeleton"))
    return {name: tuple(collector.data) for name, collector in cols.items()}


def _complete(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of the frame, also in a file without such rows (an empty levering must not crash derive)."""
    for column in (*_BASE_COLUMNS, *_expected_columns().get(name, ()), *DATE_COLUMNS.get(name, ())):
        if column not in frame.columns:
            frame[column] = record_numbers() if column == RECORD_NUMBER else pd.Series(dtype="object")
    return frame


def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetime64 (NaT when missing or invalid), `bsn_valid` as a nullable boolean."""
    for column in DATE_COLUMNS.get(name, ()):
        if column in ("aanleverdatum", "aanlevermoment"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        else:
            frame[column] = before_year_one_missing(pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce"))
    if name == "clienten" and len(frame):
        frame["bsn_valid"] = frame["bsn_valid"].astype("boolean")
    return frame


def counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """What the reports count for one file: leveringen, trajecten, clienten (client objects)."""
    return {name: len(frames[name]) for name in ("leveringen", "trajecten", "clienten")}
