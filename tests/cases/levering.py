"""L — levering: failing and passing cases as small patches on the SHV base delivery (L01-L04 for VS are in
tests/cases/vroegsignalering.py)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta

from conftest import Case, combine, nothing, traject

L0 = "$.leveringen[0]"
L1 = "$.leveringen[1]"
T = f"{L0}.schuldhulptrajecten"


def org(doc: dict, lev: int = 0) -> dict:
    return doc["leveringen"][lev]["aanleverende_organisatie"]


def top(**fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc.update(fields)
    return patch


def drop_top(key: str) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc.pop(key)
    return patch


def codes(*codes: tuple[int, str]) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        for i, code in codes:
            traject(doc, i)["gemeentecode"] = code
    return patch


def set_org(drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        for key in drop:
            org(doc).pop(key, None)
        org(doc).update(fields)
    return patch


def kredietbank(doc: dict) -> None:
    """The levering comes from an organisation that is not a gemeente (no gemeentecode)."""
    org(doc).pop("gemeentecode")
    org(doc).update({"(Statutaire) Naam": "Kredietbank Test", "KvK-nummer": "12345678"})


def split(tellers: tuple[int, ...], move: int = 1, empty_second: bool = False) -> Callable[[dict], None]:
    """Two leveringen: the last `move` trajecten go to a copy of the first levering."""
    def patch(doc: dict) -> None:
        first = doc["leveringen"][0]
        second = copy.deepcopy(first)
        trajecten = first["schuldhulptrajecten"]
        second["schuldhulptrajecten"] = [] if empty_second else trajecten[-move:]
        if not empty_second:
            del trajecten[-move:]
        doc["leveringen"].append(second)
        for levering, teller in zip(doc["leveringen"], tellers, strict=True):
            levering["teller"] = teller
    return patch


FUTURE = (date.today() + timedelta(days=2)).isoformat()

CASES = [
    # L01 — startdatumLevering <= einddatumLevering
    Case("L01", "start na einde", top(startdatumLevering="2025-01-01"), "$", "error"),
    Case("L01", "periode van één dag", top(startdatumLevering="2024-12-31"), None),
    Case("L01", "startdatum ontbreekt (S01)", drop_top("startdatumLevering"), None),
    # L02 — half year or calendar year
    Case("L02", "periode begint op 15 januari", top(startdatumLevering="2024-01-15"), "$", "warning"),
    Case("L02", "1 juli tot 30 juni", top(startdatumLevering="2023-07-01", einddatumLevering="2024-06-30"),
         "$", "warning"),
    Case("L02", "tweede halfjaar is goed", top(startdatumLevering="2024-07-01"), None),
    Case("L02", "eerste halfjaar is goed",
         top(einddatumLevering="2024-06-30", aanleverdatumEnTijd="2024-07-15T09:00:00Z"), None),
    Case("L02", "stil als L01 al faalt", top(startdatumLevering="2025-01-01"), None),
    # L03 — aanleverdatum not before the period; warning before its end or in the future
    Case("L03", "aangeleverd voor de peilperiode", top(aanleverdatumEnTijd="2023-12-20T09:00:00Z"), "$", "error"),
    Case("L03", "aangeleverd tijdens de peilperiode", top(aanleverdatumEnTijd="2024-11-01T09:00:00Z"),
         "$", "warning"),
    Case("L03", "aangeleverd op de laatste dag", top(aanleverdatumEnTijd="2024-12-31T16:00:00+01:00"),
         "$", "warning"),
    Case("L03", "tijdens de peilperiode, startdatumLevering ontbreekt (S01)",
         combine(drop_top("startdatumLevering"), top(aanleverdatumEnTijd="2024-11-01T09:00:00Z")), "$", "warning"),
    Case("L03", "aanleverdatum in de toekomst", top(aanleverdatumEnTijd=f"{FUTURE}T09:00:00Z"), "$", "warning"),
    Case("L03", "net na middernacht in de eigen tijdzone", top(aanleverdatumEnTijd="2025-01-01T00:30:00+01:00"),
         None),
    # L04 — teller unique (error) and 1..n (warning)
    Case("L04", "dubbele teller", split((1, 1)), L1, "error"),
    Case("L04", "gat in de reeks", split((1, 3)), L1, "warning"),
    Case("L04", "samenloopbestand met alleen levering 2", lambda d: d["leveringen"][0].update(teller=2), L0,
         "warning"),
    Case("L04", "tellers 2 en 1 in andere volgorde", split((2, 1)), None),
    Case("L04", "teller ontbreekt (S01)", lambda d: d["leveringen"][0].pop("teller"), None),
    # L05 — a self-delivering gemeente's trajecten carry its code
    Case("L05", "traject van een andere gemeente", codes((2, "0363")), f"{T}[2]", "error"),
    Case("L05", "Onbekend bij een gemeente die zelf levert", codes((3, "Onbekend")), f"{T}[3]", "error"),
    Case("L05", "GM0096 is de eigen code", codes((0, "GM0096")), None),
    Case("L05", "organisatie zonder gemeentecode", combine(kredietbank, codes((2, "0363"))), None),
    # rules.md, Decisions "Comparing gemeentecodes": compared as written (GM normalised), also an invalid code
    Case("L05", "ongeldige code is ook een andere gemeente (en T04)", codes((2, "96")), f"{T}[2]", "error"),
    # L06 — one gemeente per levering
    Case("L06", "twee gemeenten in één levering", combine(kredietbank, codes((2, "0363"))), L0, "warning"),
    Case("L06", "aparte levering per gemeente", combine(kredietbank, split((1, 2)), lambda d: d["leveringen"][1][
        "schuldhulptrajecten"][0].update(gemeentecode="0363")), None),
    Case("L06", "GM0096 en 0096 in één levering", codes((1, "GM0096")), None),
    Case("L06", "Onbekend naast een code", combine(kredietbank, codes((1, "Onbekend"))), None),
    # L07 — KvK-nummer
    Case("L07", "geen gemeentecode en geen KvK-nummer", set_org(drop=("gemeentecode",)), L0, "warning"),
    Case("L07", "KvK-nummer van 7 cijfers", combine(kredietbank, set_org(**{"KvK-nummer": "1234567"})), L0, "warning"),
    Case("L07", "KvK-nummer met breed geschreven cijfers",
         combine(kredietbank, set_org(**{"KvK-nummer": "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"})), L0,
         "warning"),
    Case("L07", "gemeente zonder KvK-nummer is goed", nothing, None),
    Case("L07", "kredietbank met KvK-nummer is goed", kredietbank, None),
    Case("L07", "KvK-nummer als getal (S01)", set_org(drop=("gemeentecode",), **{"KvK-nummer": 12345678}), None),
    # L08 — a contactpersoon with a valid e-mail address
    Case("L08", "e-mailadres zonder domein", lambda d: org(d)["contactpersonen"][0].update(email="schuldhulp@"),
         L0, "warning"),
    Case("L08", "geen contactpersonen", set_org(drop=("contactpersonen",)), L0, "warning"),
    Case("L08", "tweede contactpersoon heeft een geldig adres",
         lambda d: org(d)["contactpersonen"].insert(0, {"naam": "Zonder Mail", "functietitel": "Medewerker"}), None),
    Case("L08", "organisatieblok ontbreekt (S01)", lambda d: d["leveringen"][0].pop("aanleverende_organisatie"),
         None),
    # L09 — version number in codeGegevensleverancier
    Case("L09", "alleen de naam", top(codeGegevensleverancier="SchuldSoft"), "$", "warning"),
    Case("L09", "cijfer in de naam is geen versie", top(codeGegevensleverancier="Schuld4All"), "$", "warning"),
    Case("L09", "versie v3", top(codeGegevensleverancier="Schuld4All v3"), None),
    Case("L09", "versie 2024.1", top(codeGegevensleverancier="SchuldSoft2024.1"), None),
    Case("L09", "veld ontbreekt (S01)", drop_top("codeGegevensleverancier"), None),
    # L10 — levering without schuldhulptrajecten
    Case("L10", "lege lijst in een tweede levering", split((1, 2), empty_second=True), L1, "warning"),
    Case("L10", "veld ontbreekt in een tweede levering",
         combine(split((1, 2), empty_second=True), lambda d: d["leveringen"][1].pop("schuldhulptrajecten")),
         L1, "warning"),
    Case("L10", "levering met trajecten", nothing, None),
]

