"""The clean VS delivery: signals per client, most of them handled in a zaak whose dates follow the signals.

Signals come per client (one to three, often from different signaalpartners); most are handled in a zaak
(matching period, matchingsdatum, datum opgepakt, contactpogingen), a few wait without a zaak. Statuses
and resultaten never contradict (V07). All draws come from one random stream in a fixed order.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ....gemeenten import Gemeente
from ...common.synthetic import email, person_name, postcode, valid_test_bsns

PARTNERS = ("Energie", "Huur", "Hypotheek", "CAK Zorgverzekeringen", "Zorg", "Water", "DUO", "Belastingdienst",
            "CAK Eigen bijdrage", "Overige", "Dienst Toeslagen")
PARTNER_WEIGHTS = (22, 24, 4, 14, 6, 12, 3, 5, 3, 4, 3)
CONTACT_KINDS = ("Mail", "Brief", "SMS/Whatsapp", "Telefoon", "Huisbezoek", "Kaartje", "Overige",
                 "Administratief")
DAGDELEN = ("Ochtend", "Middag", "Avond")
# Resultaten with contact (pogingen may have reached the client), and the ones that need none.
WITH_CONTACT = ("(Budget)advies en/of quick fix", "Vervolghulp en/of verwijzing financieel",
                "Vervolghulp en/of verwijzing niet financieel", "Inwoner hoeft geen hulp vanuit vroegsignalering",
                "Inwoner heeft zelf al betaald/betalingsregeling getroffen", "Geen reactie na eerder contact",
                "Inwoner al bekend bij schuldhulpverlening", "Inwoner heeft al een ander lopend traject")
NO_CONTACT = "Definitief geen contact kunnen krijgen"
NOT_TAKEN_UP = ("Niet opgepakt: herhaalde melding", "Niet opgepakt: onterecht signaal",
                "Niet opgepakt: andere reden")


@dataclass
class Plan:
    """What the builder needs to know about the period."""
    start: date
    end: date
    aanlever: date


def day(value: date) -> str:
    """A date as the model writes it."""
    return value.isoformat()


class Builder:
    """One VS delivery's state: its random stream, the period, the BSNs and addresses handed out."""

    def __init__(self, rng: random.Random, plan: Plan, signals: int,
                 pseudonyms: Callable[[], str] | None = None) -> None:
        self.rng, self.plan = rng, plan
        # National sets (`domains.common.national`): a pseudonym source instead of the 909 test BSNs.
        self.pseudonyms = pseudonyms
        pool = list(valid_test_bsns())
        rng.shuffle(pool)
        self.bsns = pool
        self.signal_count = signals
        self.addresses: set[tuple[str, str]] = set()

    def ri(self, low: int, high: int) -> int:
        """A whole number from low to high (both included) with one draw."""
        return low + int(self.rng.random() * (high - low + 1))

    def client(self) -> dict:
        """A client with an address (the model requires it) and, for most, a BSN from the test range."""
        while True:
            address = (postcode(self.rng.random), str(self.ri(1, 250)))
            if address not in self.addresses:
                self.addresses.add(address)
                break
        born = self.plan.start - timedelta(days=int(self.rng.triangular(19, 85, 42) * 365.25))
        client: dict = {}
        if self.pseudonyms is not None and self.rng.random() < 0.85:
            client["Burgerservicenummer"] = self.pseudonyms()
        elif self.pseudonyms is None and self.bsns and self.rng.random() < 0.85:
            client["Burgerservicenummer"] = self.bsns.pop()
        voornaam, achternaam = person_name(self.rng.random)
        client |= {"Voorletters": voornaam[0] + ".", "Achternaam": achternaam,
                   "Geboortedatum": day(born), "Postcode": address[0], "Huisnummer": address[1]}
        return client

    def organisation(self, gemeente: Gemeente | None, code: str) -> dict:
        """The gemeente as aanleverende organisatie, with one contact person."""
        naam = gemeente.naam if gemeente else f"gemeente {code}"
        voornaam, achternaam = person_name(self.rng.random)
        return {"naam": f"Gemeente {naam}", "kvk-nummer": str(self.ri(10_000_000, 99_999_999)),
                "contactpersoonen": [{"naam": f"{voornaam} {achternaam}",
                                      "email": email(voornaam, achternaam, naam)}]}

    def levering(self, teller: int, gemeente: Gemeente | None, code: str, signals: int, prefix: str) -> dict:
        """`signals` signals, grouped per client; most clients' signals in one zaak."""
        rng, plan = self.rng, self.plan
        days = (plan.end - plan.start).days
        vroegsignalen: list[dict] = []
        zaken: list[dict] = []
        while len(vroegsignalen) < signals:
            client = self.client()
            first = plan.start + timedelta(days=self.ri(0, days))
            own = []
            for _ in range(min(signals - len(vroegsignalen), 1 + int(rng.random() ** 3 * 3))):
                signaal = first + timedelta(days=self.ri(0, min(20, (plan.end - first).days)))
                ontstaan = signaal - timedelta(days=self.ri(0, 90))
                signal = {"ID": f"{prefix}-{len(vroegsignalen) + 1:06d}",
                          "bedrag": int(rng.lognormvariate(5.6, 1.0)) + 1,
                          "ontstaansdatum": day(ontstaan), "signaaldatum": day(signaal),
                          "signaalpartner": {"type": rng.choices(PARTNERS, PARTNER_WEIGHTS)[0]},
                          "client": dict(client)}
                vroegsignalen.append(signal)
                own.append(signal)
            if rng.random() < 0.85:
                zaken.append(self.zaak(own))
            elif rng.random() < 0.5:
                for signal in own:
                    signal["status"] = "Nog niet opgepakt"
        return {"teller": teller, "gemeentecode": code, "aanleverende_organisatie": self.organisation(gemeente, code),
                "vroegsignalen": vroegsignalen, "vroegsignaalzaken": zaken}

    def zaak(self, signals: list[dict]) -> dict:
        """Dates in order: matching start <= matchingsdatum <= opgepakt; pogingen between signal and period end."""
        plan, rng = self.plan, self.rng
        earliest = min(date.fromisoformat(s["signaaldatum"]) for s in signals)
        start = earliest - timedelta(days=self.ri(0, 7))
        matching = min(earliest + timedelta(days=self.ri(0, 10)), plan.end)
        zaak: dict = {"startdatum_matchtingperiode": day(start), "matchingsdatum": day(matching),
                      "vroegsignalen": [{"ID": s["ID"]} for s in signals]}
        if rng.random() < 0.6:
            zaak["einddatum_matchingperiode"] = day(matching + timedelta(days=self.ri(14, 90)))
        roll = rng.random()
        if roll < 0.12:
            resultaat: str | None = NOT_TAKEN_UP[self.ri(0, len(NOT_TAKEN_UP) - 1)]
        elif roll < 0.22:
            resultaat = NO_CONTACT
        elif roll < 0.8:
            resultaat = WITH_CONTACT[self.ri(0, len(WITH_CONTACT) - 1)]
        else:
            resultaat = None
        if resultaat is not None:
            zaak["resultaat"] = resultaat
        if resultaat not in NOT_TAKEN_UP:
            opgepakt = min(matching + timedelta(days=self.ri(0, 5)), plan.end)
            zaak["datum_opgepakt"] = day(opgepakt)
            pogingen = []
            for _ in range(self.ri(1, 3)):
                when = min(opgepakt + timedelta(days=self.ri(0, 20)), plan.end)
                pogingen.append({"soort": CONTACT_KINDS[self.ri(0, len(CONTACT_KINDS) - 1)],
                                 "bereikt": resultaat in WITH_CONTACT and rng.random() < 0.6,
                                 "datum": day(when), "dagdeel": DAGDELEN[self.ri(0, 2)]})
            zaak["contactpogingen"] = sorted(pogingen, key=lambda p: p["datum"])
        elif rng.random() < 0.5:
            for signal in signals:   # the signal's own status says why it was not taken up
                signal["status"] = resultaat
        return zaak
