"""Vroegsignalering (VS v0.9): V01-V10, and F/S/L rules for VS, as small patches on one valid VS base delivery.

V10 counts over all files of a run, so its cases run alone (see tests/cases/__init__.py).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

from conftest import BSN_A, BSN_B, BSN_INVALID, FILE_LEVEL, Case, nothing

# Every case here patches the VS base delivery (vs_base) and is written as VS_2025_<name>.json.
VS = partial(Case, domain="VS")

L0 = "$.leveringen[0]"
S = f"{L0}.vroegsignalen"
Z = f"{L0}.vroegsignaalzaken"
ADRES = {"Postcode": "8899ZX", "Huisnummer": "12"}


def vs_client(bsn: str | None, **extra) -> dict:
    client = {"Voorletters": "A.", "Achternaam": "Testpersoon", "Geboortedatum": "1980-05-01", **ADRES, **extra}
    if bsn:
        client["Burgerservicenummer"] = bsn
    return client


def vs_base() -> dict:
    """Vlieland (1,255 inwoners: V10 does not apply), first quarter of 2025, three signals in two zaken.

    True negatives: a signal dated before the period that belongs to a zaak overlapping it (V05); a
    contactpoging before one signal of its zaak but after the earliest (V06 uses the earliest); a signal
    "Nog niet opgepakt" in a zaak without resultaat (V07); a client without BSN but with an address (V09).
    """
    return {
        "startdatumLevering": "2025-01-01",
        "einddatumLevering": "2025-03-31",
        "aanleverdatumEnTijd": "2025-04-10T09:00:00Z",
        "codeGegevensleverancier": "SignaalSoft 2.1",
        "leveringen": [{
            "teller": 1,
            "gemeentecode": "0096",
            "aanleverende_organisatie": {
                "naam": "Gemeente Vlieland", "kvk-nummer": "12345678",
                "contactpersoonen": [{"naam": "Ria Testpersoon", "email": "co.ordinator@vlieland.example",
                                      "telefoonnummer": "0612300000"}],
            },
            "vroegsignalen": [
                {"ID": "VS-0001", "bedrag": 450, "ontstaansdatum": "2024-12-20", "signaaldatum": "2025-01-10",
                 "signaalpartner": {"type": "Energie"}, "client": vs_client(BSN_A)},
                {"ID": "VS-0002", "bedrag": 1200, "ontstaansdatum": "2025-01-15", "signaaldatum": "2025-02-01",
                 "status": "Nog niet opgepakt", "signaalpartner": {"type": "Huur"}, "client": vs_client(None)},
                {"ID": "VS-0003", "bedrag": 80, "ontstaansdatum": "2024-12-01", "signaaldatum": "2024-12-20",
                 "signaalpartner": {"type": "Water"}, "client": vs_client(BSN_B)},
            ],
            "vroegsignaalzaken": [
                {"resultaat": "(Budget)advies en/of quick fix", "startdatum_matchtingperiode": "2024-12-15",
                 "matchingsdatum": "2025-01-12", "datum_opgepakt": "2025-01-13",
                 "einddatum_matchingperiode": "2025-02-28",
                 "vroegsignalen": [{"ID": "VS-0001"}, {"ID": "VS-0003"}],
                 "contactpogingen": [
                     {"soort": "Telefoon", "bereikt": False, "datum": "2024-12-22", "dagdeel": "Ochtend"},
                     {"soort": "Huisbezoek", "bereikt": True, "datum": "2025-01-13", "dagdeel": "Middag"}]},
                {"startdatum_matchtingperiode": "2025-02-01", "matchingsdatum": "2025-02-05",
                 "vroegsignalen": [{"ID": "VS-0002"}],
                 "contactpogingen": [{"soort": "Brief", "bereikt": False, "datum": "2025-02-06"}]},
            ],
        }],
    }


def write_vs(document: dict, folder: Path, name: str = "Vlieland") -> Path:
    """Write a document as VS_2025_<name>.json (like conftest's write_delivery, for VS)."""
    path = folder / f"VS_2025_{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def lev(doc: dict) -> dict:
    return doc["leveringen"][0]


def sig(doc: dict, i: int) -> dict:
    return lev(doc)["vroegsignalen"][i]


def zaak(doc: dict, i: int) -> dict:
    return lev(doc)["vroegsignaalzaken"][i]


def top(**fields) -> Callable[[dict], None]:
    return lambda doc: doc.update(fields)


def lev_fields(**fields) -> Callable[[dict], None]:
    return lambda doc: lev(doc).update(fields)


def sig_fields(i: int, **fields) -> Callable[[dict], None]:
    return lambda doc: sig(doc, i).update(fields)


def zaak_fields(i: int, **fields) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, i).update(fields)


def poging_fields(z: int, p: int, **fields) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, z)["contactpogingen"][p].update(fields)


def client_of(i: int, bsn: str | None, adres: bool) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        client = {"Voorletters": "B."}
        if bsn:
            client["Burgerservicenummer"] = bsn
        if adres:
            client.update(ADRES)
        sig(doc, i)["client"] = client
    return patch


def drop_lev(key: str) -> Callable[[dict], None]:
    return lambda doc: lev(doc).pop(key)


def extra_signal(**fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        signal = copy.deepcopy(sig(doc, 0))
        signal.update(fields)
        lev(doc)["vroegsignalen"].append(signal)
    return patch


def second_levering(teller_a: int, teller_b: int) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc["leveringen"].append(copy.deepcopy(lev(doc)))
        doc["leveringen"][0]["teller"], doc["leveringen"][1]["teller"] = teller_a, teller_b
    return patch


def signals(count: int, gemeentecode: str) -> Callable[[dict], None]:
    """Patch: `count` copies of signal 0 (IDs VS-0000...) for `gemeentecode`, and no zaken."""
    def patch(doc: dict) -> None:
        lev(doc)["gemeentecode"] = gemeentecode
        template = sig(doc, 0)
        lev(doc)["vroegsignalen"] = [{**copy.deepcopy(template), "ID": f"VS-{i:04d}"} for i in range(count)]
        lev(doc)["vroegsignaalzaken"] = []
    return patch


def also_in(z: int, signal_id: str) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, z)["vroegsignalen"].append({"ID": signal_id})


CASES = [
    # V01 — one gemeente per levering, code valid in the period
    VS("V01", "gemeentecode ontbreekt", drop_lev("gemeentecode"), L0, "error"),
    VS("V01", "Onbekend is geen gemeente", lev_fields(gemeentecode="Onbekend"), L0, "error"),
    VS("V01", "code bestaat niet", lev_fields(gemeentecode="0001"), L0, "error"),
    VS("V01", "opgeheven gemeente (Appingedam, tot 2021)", lev_fields(gemeentecode="0003"), L0, "error"),
    VS("V01", "GM-voorvoegsel is goed", lev_fields(gemeentecode="GM0096"), None),
    VS("V01", "basis", nothing, None),
    # V02 — signal ID unique within the levering
    VS("V02", "dubbel ID", sig_fields(2, ID="VS-0001"), f"{S}[2]", "error"),
    VS("V02", "zelfde ID in een andere levering is goed", second_levering(1, 2), None),
    # V03 — references exist (error); a signal in two zaken (warning)
    VS("V03", "verwijzing naar onbekend signaal", zaak_fields(1, vroegsignalen=[{"ID": "VS-9999"}]),
         f"{Z}[1].vroegsignalen[0]", "error"),
    VS("V03", "signaal in twee zaken", also_in(1, "VS-0001"), f"{Z}[1].vroegsignalen[1]", "warning"),
    VS("V03", "basis", nothing, None),
    # V04 — ontstaansdatum <= signaaldatum <= aanleverdatum
    VS("V04", "ontstaan na signaal", sig_fields(0, ontstaansdatum="2025-01-20"), f"{S}[0]", "error"),
    VS("V04", "signaal na aanlevering", sig_fields(1, signaaldatum="2025-04-11"), f"{S}[1]", "error"),
    VS("V04", "ontstaan na aanlevering zonder signaaldatum",
         lambda d: (sig(d, 1).pop("signaaldatum"), sig(d, 1).update(ontstaansdatum="2025-05-01")), f"{S}[1]",
         "error"),
    VS("V04", "signaal op de dag van aanlevering", sig_fields(1, signaaldatum="2025-04-10"), None),
    # V05 — signaaldatum in the period, or the signal's zaak overlaps it
    VS("V05", "los signaal van voor de periode", extra_signal(ID="VS-0004", ontstaansdatum="2024-10-01",
                                                                 signaaldatum="2024-11-01"), f"{S}[3]", "error"),
    VS("V05", "zaak helemaal voor de periode",
         zaak_fields(1, startdatum_matchtingperiode="2024-10-01", matchingsdatum="2024-10-05",
               einddatum_matchingperiode="2024-11-30"), f"{Z}[1]", "error"),
    VS("V05", "signaal voor de periode in een lopende zaak", nothing, None),
    VS("V05", "zaak zonder einddatum loopt nog", zaak_fields(0, einddatum_matchingperiode=None), None),
    # V06 — zaak dates; contactpogingen between the signal date and the aanleverdatum
    VS("V06", "matchingsperiode achteruit", zaak_fields(0, einddatum_matchingperiode="2024-12-01"), f"{Z}[0]", "error"),
    VS("V06", "matchingsdatum voor start matchingsperiode", zaak_fields(0, matchingsdatum="2024-12-10"), f"{Z}[0]",
         "error"),
    VS("V06", "opgepakt voor matchingsdatum", zaak_fields(0, datum_opgepakt="2025-01-11"), f"{Z}[0]", "error"),
    VS("V06", "contactpoging voor de signaaldatum", poging_fields(1, 0, datum="2025-01-31"),
         f"{Z}[1].contactpogingen[0]", "error"),
    VS("V06", "contactpoging na aanlevering", poging_fields(1, 0, datum="2025-04-11"), f"{Z}[1].contactpogingen[0]",
         "error"),
    VS("V06", "contactpoging na de vroegste signaaldatum van de zaak", nothing, None),
    # V07 — contradictions (warning)
    VS("V07", "bereikt bij definitief geen contact", zaak_fields(0, resultaat="Definitief geen contact kunnen krijgen"),
         f"{Z}[0].contactpogingen[1]", "warning"),
    VS("V07", "niet opgepakt met contactpogingen", zaak_fields(0, resultaat="Niet opgepakt: andere reden"), f"{Z}[0]",
         "warning"),
    VS("V07", "nog niet opgepakt in zaak met resultaat", zaak_fields(1, resultaat="Verwijzing zonder contact"),
         f"{S}[1]", "warning"),
    VS("V07", "niet opgepakt zonder contactpogingen is goed",
         lambda d: (zaak_fields(1, resultaat="Niet opgepakt: herhaalde melding", contactpogingen=[])(d),
                    sig_fields(1, status="Niet opgepakt: herhaalde melding")(d)), None),
    VS("V07", "basis", nothing, None),
    # V08 — 0 <= bedrag < 100,000
    VS("V08", "negatief bedrag", sig_fields(0, bedrag=-5), f"{S}[0]", "warning"),
    VS("V08", "100.000 of meer", sig_fields(1, bedrag=100000), f"{S}[1]", "warning"),
    VS("V08", "net onder de grens", sig_fields(1, bedrag=99999), None),
    VS("V08", "nul is goed", sig_fields(1, bedrag=0), None),
    # V09 — valid BSN or Postcode + Huisnummer
    VS("V09", "geen BSN en geen adres", client_of(0, None, adres=False), f"{S}[0]", "error"),
    VS("V09", "ongeldig BSN zonder adres", client_of(0, BSN_INVALID, adres=False), f"{S}[0]", "error"),
    VS("V09", "alleen postcode, geen huisnummer",
         lambda d: sig(d, 0).update(client={"Postcode": "8899ZX"}), f"{S}[0]", "error"),
    VS("V09", "ongeldig BSN met adres", client_of(0, BSN_INVALID, adres=True), None),
    VS("V09", "geldig BSN zonder adres", client_of(0, BSN_A, adres=False), None),
    # V10 — signals per gemeente against its inhabitants (runs alone: it counts over all files of a run)
    VS("V10", "Amsterdam: 3 van ~13.800 verwachte signalen in een kwartaal", signals(3, "0363"), "$", "error"),
    VS("V10", "Hattem (12.624 inwoners): 30 van ~187 verwacht, 16%", signals(30, "0244"), "$", "warning"),
    VS("V10", "Hattem: 60 signalen, 32% blijft onder de 33%", signals(60, "0244"), "$", "warning"),
    VS("V10", "Hattem: 70 signalen, 37%", signals(70, "0244"), None),
    VS("V10", "Vlieland (1.255 inwoners): 100 signalen is meer dan 5x ~19 verwacht", signals(100, "0096"), "$",
       "warning"),
    VS("V10", "kleine gemeente met weinig signalen: geen oordeel", signals(3, "0096"), None),
    # F, S and L rules for VS
    VS("F01", "VS zonder liggend streepje", nothing, FILE_LEVEL, "error", file="VS2025_Vlieland.json"),
    VS("F01", "SHV_ voor een bestand met vroegsignalen", nothing, FILE_LEVEL, "error", file="SHV_2025_Vlieland.json"),
    VS("F01", "naam volgens het patroon", nothing, None),
    VS("S01", "bedrag als tekst", sig_fields(0, bedrag="450"), f"{S}[0].bedrag", "error"),
    VS("S01", "geldige levering", nothing, None),
    VS("S03", "VS v0.9", nothing, "$", "info"),
    VS("L01", "start na einde", top(startdatumLevering="2025-04-01"), "$", "error"),
    VS("L01", "basis", nothing, None),
    VS("L01", "ook zonder leveringen", lambda d: (d.pop("leveringen"), d.update(startdatumLevering="2025-04-01")),
         "$", "error"),
    VS("F06", "VS_2025_… met een peilperiode in 2024",
         top(startdatumLevering="2024-10-01", einddatumLevering="2024-12-31"), "$", "warning"),
    VS("F06", "jaar in de naam klopt", nothing, None),
    VS("L02", "geen hele maanden", top(startdatumLevering="2025-01-15"), "$", "warning"),
    VS("L02", "één maand is goed", top(startdatumLevering="2025-02-01", einddatumLevering="2025-02-28"), None),
    VS("L02", "kwartaal is goed", nothing, None),
    VS("L03", "aangeleverd voor de periode", top(aanleverdatumEnTijd="2024-12-20T09:00:00Z"), "$", "error"),
    VS("L03", "aangeleverd tijdens de periode", top(aanleverdatumEnTijd="2025-03-20T09:00:00Z"), "$",
         "warning"),
    VS("L03", "basis", nothing, None),
    VS("L04", "dubbele teller", second_levering(1, 1), "$.leveringen[1]", "error"),
    VS("L04", "teller 2 alleen", lev_fields(teller=2), L0, "warning"),
    VS("L04", "1 en 2", second_levering(1, 2), None),
]

