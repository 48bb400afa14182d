"""C — clients: failing and passing cases as small patches on the SHV base delivery.

C07 and C08 look across the files of a run, so their cases run alone (see tests/cases/__init__.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from conftest import BSN_C, BSN_D, BSN_INVALID, Case, T, combine, nothing, phase, set_fields, traject

from .schulden import schuld


def client(doc: dict, i: int, c: int = 0) -> dict:
    return traject(doc, i)["client"][c]


def person(i: int, c: int = 0, drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    """Patch: in client `c` of traject `i`, remove the `drop` keys and set `fields`."""
    def patch(doc: dict) -> None:
        who = client(doc, i, c)
        for key in drop:
            who.pop(key, None)
        who.update(fields)
    return patch


def copy_first_client_without_bsn(doc: dict) -> None:
    """The partner slot holds the first client again, without BSN (same birth date and address)."""
    twin = copy.deepcopy(client(doc, 3, 0))
    twin.pop("Burgerservicenummer")
    traject(doc, 3)["client"][1] = twin


def second_organisation(organisation: dict, *, start: str = "2024-02-01") -> Callable[[dict], None]:
    """Patch: a second levering, from `organisation`, with the client of traject 2 (running since 2022) in a
    traject of its own that starts on `start` (only an aanmelding)."""
    def patch(doc: dict) -> None:
        item = {"startdatum": start, "gemeentecode": "0096", "totaalSchuldbedragBijAanvangSchuld": 12000,
                "client": copy.deepcopy(traject(doc, 2)["client"]),
                "aanmelding": {"startdatum": start, "crisisinterventie": False}}
        first = doc["leveringen"][0]
        doc["leveringen"].append({"teller": 2, "aanleverende_organisatie": {
            **organisation, "contactpersonen": copy.deepcopy(first["aanleverende_organisatie"]["contactpersonen"])},
            "schuldhulptrajecten": [item]})
    return patch


def pseudonymised(keep_bsn: int | None = None) -> Callable[[dict], None]:
    """Patch: every BSN becomes a pseudonym of one shape (36 characters, hex with dashes; one per BSN, so one
    person keeps one pseudonym), except the BSN of traject `keep_bsn`'s first client, left as it was."""
    def patch(doc: dict) -> None:
        kept = client(doc, keep_bsn).get("Burgerservicenummer") if keep_bsn is not None else None
        for levering in doc["leveringen"]:
            for item in levering["schuldhulptrajecten"]:
                for who in item["client"]:
                    bsn = who.get("Burgerservicenummer")
                    if bsn and bsn != kept:
                        who["Burgerservicenummer"] = f"{int(bsn):08x}-0000-4000-8000-{int(bsn) % 997:012x}"
    return patch


KREDIETBANK = {"(Statutaire) Naam": "Kredietbank Noord", "KvK-nummer": "12345678"}
P = f"{T}[3].client[1]"  # the partner without BSN in the base delivery

CASES = [
    # C01 — BSN 11-test
    Case("C01", "BSN faalt de elfproef", person(2, Burgerservicenummer=BSN_INVALID), f"{T}[2].client[0]", "error"),
    Case("C01", "BSN met 8 cijfers", person(2, Burgerservicenummer="12345674"), f"{T}[2].client[0]", "error"),
    # 9 digits means 0-9: a full-width ３ is a digit to Python, not to the DDAS model
    Case("C01", "BSN met een breed geschreven cijfer", person(2, Burgerservicenummer="99999236\uff13"),
         f"{T}[2].client[0]", "error"),
    Case("C01", "partner zonder BSN maar met adresgegevens", nothing, None),
    # C02 — BSN, or else all four of Geboortedatum, Geslachtsaanduiding, Postcode, Huisnummer
    Case("C02", "partner zonder BSN en zonder geslacht", person(3, 1, drop=("Geslachtsaanduiding",)), P, "error"),
    Case("C02", "partner zonder BSN met lege postcode", person(3, 1, Postcode=""), P, "error"),
    Case("C02", "BSN van alleen spaties telt als geen BSN",
         person(0, drop=("Geboortedatum",), Burgerservicenummer="   "), f"{T}[0].client[0]", "error"),
    Case("C02", "partner zonder BSN met alleen spaties als huisnummer", person(3, 1, Huisnummer="  "), P, "error"),
    Case("C02", "partner zonder BSN met alle vier gegevens", nothing, None),
    Case("C02", "cliënt met BSN heeft de andere gegevens niet nodig",
         person(0, drop=("Geboortedatum", "Geslachtsaanduiding", "Postcode", "Huisnummer")), None),
    Case("C02", "ongeldig BSN is C01, geen C02",
         person(2, drop=("Geboortedatum", "Postcode"), Burgerservicenummer=BSN_INVALID), None),
    # C03 — birth date: real date (error), not after traject start (error), age 18..100 and placeholders (warning)
    Case("C03", "geboortedatum bestaat niet", person(0, Geboortedatum="1961-13-40"), f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum in de vorm DD-MM-JJJJ", person(0, Geboortedatum="01-05-1980"),
         f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum zonder voorloopnullen", person(0, Geboortedatum="1980-5-1"),
         f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum als weeknummer", person(0, Geboortedatum="1980-W18-4"), f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum na de start van het traject", person(1, Geboortedatum="2024-07-01"),
         f"{T}[1].client[0]", "error"),
    Case("C03", "cliënt van 17 bij de start", person(0, Geboortedatum="2006-01-11"), f"{T}[0].client[0]", "warning"),
    Case("C03", "cliënt precies 18 bij de start", person(0, Geboortedatum="2006-01-10"), None),
    Case("C03", "cliënt precies 100 bij de start", person(0, Geboortedatum="1923-06-01"), None),
    Case("C03", "cliënt van 101 bij de start", person(0, Geboortedatum="1922-06-01"), f"{T}[0].client[0]", "warning"),
    Case("C03", "opvuldatum als geboortedatum", person(3, 1, Geboortedatum="1900-01-01"), P, "warning"),
    Case("C03", "opvuldatum 1970-01-01 als geboortedatum", person(0, Geboortedatum="1970-01-01"),
         f"{T}[0].client[0]", "warning"),
    Case("C03", "opvuldatum in een fase", phase(0, "stabilisatie", startdatum="1970-01-01"),
         f"{T}[0].stabilisatie", "warning"),
    Case("C03", "opvuldatum als einddatum van het traject", set_fields(2, einddatum="1900-01-01"), f"{T}[2]",
         "warning"),
    Case("C03", "opvuldatum in schuldregeling.toegekend", phase(2, "schuldregeling", toegekend="0001-01-01"),
         f"{T}[2].schuldregeling", "warning"),
    Case("C03", "opvuldatum als schuldregeling.datum", phase(2, "schuldregeling", datum="1900-01-01"),
         f"{T}[2].schuldregeling", "warning"),
    Case("C03", "opvuldatum als peildatum van een schuld", schuld(0, 0, peildatum="1900-01-01"),
         f"{T}[0].schulden[0]", "warning"),
    Case("C03", "opvuldatum in een moratorium",
         lambda d: traject(d, 2)["moratoria"][0].update(datumAanvraag="1970-01-01"), f"{T}[2].moratoria[0]", "warning"),
    Case("C03", "opvuldatum in uitstroom", phase(0, "uitstroom", datumBeeindigingsbeschikking="1970-01-01"),
         f"{T}[0].uitstroom", "warning"),
    Case("C03", "vroege datum die geen opvuldatum is", schuld(0, 0, peildatum="1969-12-31"), None),
    Case("C03", "geldige geboortedatum", nothing, None),
    Case("C03", "lege geboortedatum is C02, geen C03", person(3, 1, Geboortedatum=""), None),
    # C04 — Man, Vrouw, Onbekend, Leeg
    Case("C04", "code M", person(0, Geslachtsaanduiding="M"), f"{T}[0].client[0]", "warning"),
    Case("C04", "kleine letters", person(3, 1, Geslachtsaanduiding="vrouw"), P, "warning"),
    Case("C04", "lege tekst", person(0, Geslachtsaanduiding=""), f"{T}[0].client[0]", "warning"),
    Case("C04", "Leeg is een toegestane waarde", person(0, Geslachtsaanduiding="Leeg"), None),
    Case("C04", "Onbekend is een toegestane waarde", person(0, Geslachtsaanduiding="Onbekend"), None),
    Case("C04", "geen geslacht bij een cliënt met BSN", person(0, drop=("Geslachtsaanduiding",)), None),
    # C05 — Postcode 1234AB (space tolerated), Huisnummer numeric
    Case("C05", "postcode met streepje", person(0, Postcode="8899-ZX"), f"{T}[0].client[0]", "warning"),
    Case("C05", "postcode met voorloopnul", person(0, Postcode="0899ZX"), f"{T}[0].client[0]", "warning"),
    Case("C05", "buitenlandse postcode", person(0, Postcode="B-1000"), f"{T}[0].client[0]", "warning"),
    Case("C05", "huisnummer met toevoeging", person(0, Huisnummer="12a"), f"{T}[0].client[0]", "warning"),
    Case("C05", "huisnummer 0", person(0, Huisnummer="0"), f"{T}[0].client[0]", "warning"),
    Case("C05", "postcode met spatie is goed", nothing, None),
    Case("C05", "postcode in kleine letters is goed", person(0, Postcode="8899zx"), None),
    Case("C05", "toevoeging in Huisnummertoevoeging is goed", person(0, Huisnummertoevoeging="bis"), None),
    Case("C05", "geen adres bij een cliënt met BSN", person(0, drop=("Postcode", "Huisnummer")), None),
    Case("C05", "lege postcode en huisnummer bij een cliënt met BSN", person(0, Postcode=" ", Huisnummer=""), None),
    # C06 — the two clients of one traject are different people
    Case("C06", "twee cliënten met hetzelfde BSN", person(3, 1, Burgerservicenummer=BSN_C), P, "error"),
    Case("C06", "tweede cliënt is de eerste zonder BSN", copy_first_client_without_bsn, P, "error"),
    Case("C06", "beide zonder BSN met dezelfde gegevens",
         person(3, 0, drop=("Burgerservicenummer",), Geboortedatum="1990-02-14", Postcode="8899ZX",
                 Huisnummertoevoeging="a"), P, "error"),
    Case("C06", "partners op hetzelfde adres zijn verschillende personen", nothing, None),
    Case("C06", "tweeling met eigen BSN op hetzelfde adres",
         person(3, 1, Burgerservicenummer=BSN_D, Geboortedatum="1975-11-23", drop=("Huisnummertoevoeging",)), None),
    Case("C06", "dezelfde cliënt in twee trajecten is geen C06", nothing, None),
    # C07 — one traject at a time per client (runs alone: it looks across the files of a run)
    Case("C07", "tweede traject start terwijl het eerste loopt",
         set_fields(1, startdatum="2024-05-01", aanmelding={"startdatum": "2024-05-01", "crisisinterventie": False}),
         f"{T}[1]", "error"),
    Case("C07", "nieuw traject naast een lopend traject uit 2022",
         lambda d: traject(d, 0)["client"][0].update(
             Burgerservicenummer=traject(d, 2)["client"][0]["Burgerservicenummer"]),
         f"{T}[0]", "error"),
    Case("C07", "opeenvolgende trajecten (overdracht op dezelfde dag)", nothing, None),
    # uitstroom ends the traject (rules.md Terms): without einddatum it is not still running
    Case("C07", "eerste traject beëindigd met uitstroom, zonder einddatum",
         lambda d: traject(d, 0).pop("einddatum"), None),
    Case("C07", "eerste traject zonder einddatum en zonder uitstroom loopt nog",
         combine(lambda d: traject(d, 0).pop("einddatum"), lambda d: traject(d, 0).pop("uitstroom")),
         f"{T}[1]", "error"),
    Case("C07", "zelfde cliënt zonder BSN, herkend op adres",
         lambda d: traject(d, 2)["client"].append(copy.deepcopy(traject(d, 3)["client"][1])), f"{T}[3]", "error"),
    # C08 — samenloop: the same client with another organisation at the same time (info; runs alone)
    Case("C08", "lopend traject ook bij de kredietbank (tweede levering)", second_organisation(KREDIETBANK),
         "$.leveringen[1].schuldhulptrajecten[0]", "info"),
    Case("C08", "kredietbank neemt over op de dag dat het traject eindigt",
         combine(set_fields(2, einddatum="2024-02-01"), second_organisation(KREDIETBANK)), None),
    Case("C08", "zelfde organisatie in een tweede levering is C07, geen samenloop",
         second_organisation({"(Statutaire) Naam": "Gemeente Vlieland", "gemeentecode": "0096"}), None),
    Case("C08", "dezelfde gemeente met een anders geschreven naam is geen andere organisatie",
         second_organisation({"(Statutaire) Naam": "Vlieland", "gemeentecode": "GM0096"}), None),
    Case("C08", "twee stichtingen met gemeentecode Onbekend zijn twee organisaties",
         combine(lambda d: d["leveringen"][0]["aanleverende_organisatie"].update(
                     {"(Statutaire) Naam": "Stichting Alfa", "gemeentecode": "Onbekend"}),
                 second_organisation({"(Statutaire) Naam": "Stichting Beta", "gemeentecode": "Onbekend"})),
         "$.leveringen[1].schuldhulptrajecten[0]", "info"),
    Case("C07", "dezelfde gemeente met een anders geschreven naam in een tweede levering",
         second_organisation({"(Statutaire) Naam": "Vlieland", "gemeentecode": "GM0096"}),
         "$.leveringen[1].schuldhulptrajecten[0]", "error"),
    # C09 — profile geanonimiseerd: the pseudonyms of a file have one shape (these cases run alone, with the profile)
    Case("C09", "een BSN bleef staan tussen de pseudoniemen", pseudonymised(keep_bsn=2), "$", "warning",
         profile="geanonimiseerd"),
    Case("C09", "alle pseudoniemen één vorm, partner zonder BSN", pseudonymised(), None, profile="geanonimiseerd"),
]
