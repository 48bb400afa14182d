"""Synthetic VS (vroegsignalering, v0.9) deliveries: clean ones, or ones with V-rule defects at known paths.

The SHV generator's rules hold here too: everything invented (BSNs only from the test range, synthetic
postcodes and names), deterministic for a seed, and a clean file passes every rule. A clean file holds one
levering for one gemeente whose population fits the number of signals (V10: about 60 signals per 1,000
inhabitants per year). Signals come per client (one to three, often from different signaalpartners); most
are handled in a zaak whose dates follow the signals (matching period, matchingsdatum, datum opgepakt,
contactpogingen), a few wait without a zaak. Statuses and resultaten never contradict (V07).

Defects: one injector per V code (`_DEFECTS`), each with its own random stream and its own signal or zaak
(`_Context.take`), recording the rule and JSON path every check must report.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .gemeenten import Gemeente, normalize_code
from .generator import (
    _ACHTERNAMEN,
    _LEVERANCIERS,
    _PC_LETTERS,
    _VOORNAMEN,
    GeneratedDelivery,
    InjectedDefect,
    _period,
    _slug,
    _table,
    inject_defects,
    valid_test_bsns,
)

__all__ = ["SUPPORTED_VS_DEFECTS", "generate_vs_delivery"]

#: Expected signals per inhabitant per year (rules.md, Decisions: V10 default).
SIGNAL_RATE = 60 / 1000

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
class _Plan:
    """What the builder needs to know about the period."""
    start: date
    end: date
    aanlever: date


def _day(value: date) -> str:
    return value.isoformat()


class _Builder:
    def __init__(self, rng: random.Random, plan: _Plan, signals: int) -> None:
        self.rng, self.plan = rng, plan
        pool = list(valid_test_bsns())
        rng.shuffle(pool)
        self.bsns = pool
        self.signal_count = signals
        self.addresses: set[tuple[str, str]] = set()

    def ri(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def postcode(self) -> str:
        while True:
            letters = _PC_LETTERS[self.ri(0, 19)] + _PC_LETTERS[self.ri(0, 19)]
            if letters not in ("SA", "SD", "SS"):
                return f"{self.ri(1000, 9999)}{letters}"

    def client(self) -> dict:
        """A client with an address (the model requires it) and, for most, a BSN from the test range."""
        while True:
            address = (self.postcode(), str(self.ri(1, 250)))
            if address not in self.addresses:
                self.addresses.add(address)
                break
        born = self.plan.start - timedelta(days=int(self.rng.triangular(19, 85, 42) * 365.25))
        client: dict = {}
        if self.bsns and self.rng.random() < 0.85:
            client["Burgerservicenummer"] = self.bsns.pop()
        client |= {"Voorletters": _VOORNAMEN[self.ri(0, len(_VOORNAMEN) - 1)][0] + ".",
                   "Achternaam": _ACHTERNAMEN[self.ri(0, len(_ACHTERNAMEN) - 1)],
                   "Geboortedatum": _day(born), "Postcode": address[0], "Huisnummer": address[1]}
        return client

    def organisation(self, gemeente: Gemeente | None, code: str) -> dict:
        naam = gemeente.naam if gemeente else f"gemeente {code}"
        voornaam = _VOORNAMEN[self.ri(0, len(_VOORNAMEN) - 1)]
        achternaam = _ACHTERNAMEN[self.ri(0, len(_ACHTERNAMEN) - 1)]
        return {"naam": f"Gemeente {naam}", "kvk-nummer": str(self.ri(10_000_000, 99_999_999)),
                "contactpersoonen": [{"naam": f"{voornaam} {achternaam}",
                                      "email": f"{_slug(voornaam)}.{_slug(achternaam)}@{_slug(naam)}.example"}]}

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
                          "ontstaansdatum": _day(ontstaan), "signaaldatum": _day(signaal),
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
        zaak: dict = {"startdatum_matchtingperiode": _day(start), "matchingsdatum": _day(matching),
                      "vroegsignalen": [{"ID": s["ID"]} for s in signals]}
        if rng.random() < 0.6:
            zaak["einddatum_matchingperiode"] = _day(matching + timedelta(days=self.ri(14, 90)))
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
            zaak["datum_opgepakt"] = _day(opgepakt)
            pogingen = []
            for _ in range(self.ri(1, 3)):
                when = min(opgepakt + timedelta(days=self.ri(0, 20)), plan.end)
                pogingen.append({"soort": CONTACT_KINDS[self.ri(0, len(CONTACT_KINDS) - 1)],
                                 "bereikt": resultaat in WITH_CONTACT and rng.random() < 0.6,
                                 "datum": _day(when), "dagdeel": DAGDELEN[self.ri(0, 2)]})
            zaak["contactpogingen"] = sorted(pogingen, key=lambda p: p["datum"])
        elif rng.random() < 0.5:
            for signal in signals:   # the signal's own status says why it was not taken up
                signal["status"] = resultaat
        return zaak


def _fitting_gemeenten(signals: int, start: date, end: date, months: int) -> list[Gemeente]:
    """Gemeenten where `signals` is an ordinary number (V10 neither low nor high)."""
    fitting = []
    for g in _table():
        if not g.valid_during(start, end) or g.inwoners <= 0:
            continue
        expected = g.inwoners * SIGNAL_RATE * months / 12
        if g.inwoners < 10_000:
            ok = signals < 20 or signals <= 4 * expected
        else:
            ok = 0.6 * expected <= signals <= 1.6 * expected
        if ok:
            fitting.append(g)
    return sorted(fitting, key=lambda g: g.code)


def generate_vs_delivery(*, signalen: int, seed: int, year: int = 2025, half: int | None = None,
                         gemeentecode: str | None = None, defects: Sequence[str] = ()) -> GeneratedDelivery:
    """A synthetic VS v0.9 delivery with `signalen` signals for one gemeente, one injected instance per defect.

    `gemeentecode`: this gemeente (then the count need not fit its population: V10 may report it);
    default: one chosen from the seed whose population fits. Raises ValueError (Dutch) when nothing fits.
    """
    if signalen < 1:
        raise ValueError("Er is minstens één signaal nodig.")
    codes = list(dict.fromkeys(code.strip().upper() for code in defects))
    unknown = [code for code in codes if code not in _DEFECTS]
    if unknown:
        raise ValueError(f"Deze fouten kan de generator voor VS niet maken: {', '.join(unknown)}. "
                         f"Wel: {', '.join(SUPPORTED_VS_DEFECTS)}.")
    if {"V01", "V10"} <= set(codes):
        raise ValueError("V01 en V10 veranderen allebei de gemeentecode van de levering: vraag ze apart.")
    rng = random.Random(f"vs/{seed}")
    start, end = _period(year, half)
    months = 12 if half is None else 6
    if gemeentecode:
        code = normalize_code(gemeentecode)
        if code is None:
            raise ValueError(f"'{gemeentecode}' is geen gemeentecode (4 cijfers, eventueel met GM ervoor).")
        gemeente = _table().get(code)
    else:
        fitting = _fitting_gemeenten(signalen, start, end, months)
        if not fitting:
            raise ValueError(f"{signalen} signalen passen bij geen enkele gemeente (V10). Kies minder signalen "
                             f"of geef een gemeente op met --gemeente.")
        gemeente = fitting[int(rng.random() * len(fitting))]
        code = gemeente.code
    aanlever = end + timedelta(days=14 + int(rng.random() * 15))
    builder = _Builder(rng, _Plan(start, end, aanlever), signalen)
    leverancier = _LEVERANCIERS[int(rng.random() * len(_LEVERANCIERS))]
    document = {
        "startdatumLevering": _day(start),
        "einddatumLevering": _day(end),
        "aanleverdatumEnTijd": f"{_day(aanlever)}T{8 + int(rng.random() * 9):02d}:{int(rng.random() * 60):02d}:00Z",
        "codeGegevensleverancier": f"{leverancier} VS {1 + int(rng.random() * 4)}.{int(rng.random() * 10)}",
        "leveringen": [builder.levering(1, gemeente, code, signalen, f"VS{year % 100:02d}")],
    }
    return inject_defects(document, _Context(document, gemeente, months), codes, _DEFECTS, f"vs/{seed}/")


# --------------------------------------------------------------------------------------------------
# Defect injection

L0 = "$.leveringen[0]"


@dataclass
class _Context:
    document: dict
    gemeente: Gemeente | None
    months: int
    used_signals: set[int] = field(default_factory=set)
    used_zaken: set[int] = field(default_factory=set)

    @property
    def levering(self) -> dict:
        return self.document["leveringen"][0]

    def zaak_of(self) -> dict[str, int]:
        return {ref["ID"]: z for z, zaak in enumerate(self.levering["vroegsignaalzaken"])
                for ref in zaak["vroegsignalen"]}

    def take_signal(self, code: str, rng: random.Random, where: Callable[[int, dict], bool] = lambda i, s: True,
                    ) -> int:
        """A signal no other defect touched (nor its zaak), matching `where`."""
        zaak_of = self.zaak_of()
        options = [i for i, s in enumerate(self.levering["vroegsignalen"])
                   if i not in self.used_signals and zaak_of.get(s["ID"]) not in self.used_zaken and where(i, s)]
        if not options:
            raise ValueError(f"Geen plek voor fout {code}: maak een groter bestand.")
        chosen = options[int(rng.random() * len(options))]
        self.used_signals.add(chosen)
        if (zaak := zaak_of.get(self.levering["vroegsignalen"][chosen]["ID"])) is not None:
            self.used_zaken.add(zaak)
        return chosen

    def take_zaak(self, code: str, rng: random.Random, where: Callable[[dict], bool] = lambda z: True) -> int:
        """A zaak no other defect touched (nor any of its signals), matching `where`."""
        index = {s["ID"]: i for i, s in enumerate(self.levering["vroegsignalen"])}
        options = [z for z, zaak in enumerate(self.levering["vroegsignaalzaken"])
                   if z not in self.used_zaken and where(zaak)
                   and not any(index[ref["ID"]] in self.used_signals for ref in zaak["vroegsignalen"])]
        if not options:
            raise ValueError(f"Geen plek voor fout {code}: maak een groter bestand.")
        chosen = options[int(rng.random() * len(options))]
        self.used_zaken.add(chosen)
        refs = self.levering["vroegsignaalzaken"][chosen]["vroegsignalen"]
        self.used_signals.update(index[ref["ID"]] for ref in refs)
        return chosen


def _signal_path(i: int) -> str:
    return f"{L0}.vroegsignalen[{i}]"


def _zaak_path(z: int) -> str:
    return f"{L0}.vroegsignaalzaken[{z}]"


def _v01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A gemeentecode that does not exist (0001). Counting per gemeente (V10) then has no population."""
    ctx.levering["gemeentecode"] = "0001"
    return [InjectedDefect("V01", L0)]


def _v02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal outside any zaak gets the ID of another signal (reported at the later one)."""
    zaak_of = ctx.zaak_of()
    target = ctx.take_signal("V02", rng, lambda i, s: i > 0 and s["ID"] not in zaak_of)
    copy_from = ctx.take_signal("V02", rng, lambda i, s: i < target)
    ctx.levering["vroegsignalen"][target]["ID"] = ctx.levering["vroegsignalen"][copy_from]["ID"]
    # Through the shared ID it now seems to belong to the other one's zaak: no status to contradict it (V07)
    ctx.levering["vroegsignalen"][target].pop("status", None)
    return [InjectedDefect("V02", _signal_path(target))]


def _v03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A zaak refers to a signal that is not in the levering."""
    z = ctx.take_zaak("V03", rng)
    refs = ctx.levering["vroegsignaalzaken"][z]["vroegsignalen"]
    refs.append({"ID": "VS-ONBEKEND-1"})
    return [InjectedDefect("V03", f"{_zaak_path(z)}.vroegsignalen[{len(refs) - 1}]")]


def _v04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The ontstaansdatum after the signaaldatum (dates swapped by a typo)."""
    i = ctx.take_signal("V04", rng)
    signal = ctx.levering["vroegsignalen"][i]
    signal["ontstaansdatum"] = _day(date.fromisoformat(signal["signaaldatum"]) + timedelta(days=3))
    return [InjectedDefect("V04", _signal_path(i))]


def _v05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal without zaak dated a year before the peilperiode."""
    zaak_of = ctx.zaak_of()
    i = ctx.take_signal("V05", rng, lambda i, s: s["ID"] not in zaak_of)
    signal = ctx.levering["vroegsignalen"][i]
    signaal = date.fromisoformat(signal["signaaldatum"]) - timedelta(days=400)
    signal["signaaldatum"] = _day(signaal)
    signal["ontstaansdatum"] = _day(signaal - timedelta(days=10))
    return [InjectedDefect("V05", _signal_path(i))]


def _v06(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A zaak picked up (datum_opgepakt) before its matchingsdatum."""
    z = ctx.take_zaak("V06", rng, lambda zaak: "datum_opgepakt" in zaak
                      and zaak["matchingsdatum"] > zaak["startdatum_matchtingperiode"])
    zaak = ctx.levering["vroegsignaalzaken"][z]
    zaak["datum_opgepakt"] = _day(date.fromisoformat(zaak["matchingsdatum"]) - timedelta(days=1))
    return [InjectedDefect("V06", _zaak_path(z))]


def _v07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal says "Nog niet opgepakt" while its zaak has a resultaat."""
    zaak_of, zaken = ctx.zaak_of(), ctx.levering["vroegsignaalzaken"]
    i = ctx.take_signal("V07", rng, lambda i, s: s["ID"] in zaak_of and "resultaat" in zaken[zaak_of[s["ID"]]])
    ctx.levering["vroegsignalen"][i]["status"] = "Nog niet opgepakt"
    return [InjectedDefect("V07", _signal_path(i))]


def _v08(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An amount in cents instead of euros (100,000 or more)."""
    i = ctx.take_signal("V08", rng)
    signal = ctx.levering["vroegsignalen"][i]
    signal["bedrag"] = max(signal["bedrag"] * 100, 100_000)
    return [InjectedDefect("V08", _signal_path(i))]


def _v09(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A client with neither a BSN nor an address."""
    i = ctx.take_signal("V09", rng)
    client = ctx.levering["vroegsignalen"][i]["client"]
    for key in ("Burgerservicenummer", "Postcode", "Huisnummer"):
        client.pop(key, None)
    return [InjectedDefect("V09", _signal_path(i))]


def _v10(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The levering is labelled as a gemeente with far more inhabitants (too few signals, V10 error)."""
    signals = len(ctx.levering["vroegsignalen"])
    for g in sorted(_table(), key=lambda g: -g.inwoners):
        expected = g.inwoners * SIGNAL_RATE * ctx.months / 12
        if g.inwoners >= 10_000 and signals < 0.1 * expected and g.code != ctx.levering["gemeentecode"] \
                and g.valid_during(*_period_of(ctx.document)):
            ctx.levering["gemeentecode"] = g.code
            ctx.levering["aanleverende_organisatie"]["naam"] = f"Gemeente {g.naam}"
            return [InjectedDefect("V10", "$", gemeentecode=g.code)]
    raise ValueError("Geen plek voor fout V10: te veel signalen om te weinig te zijn voor een gemeente.")


def _period_of(document: dict) -> tuple[date, date]:
    return date.fromisoformat(document["startdatumLevering"]), date.fromisoformat(document["einddatumLevering"])


_DEFECTS: dict[str, Callable[[_Context, random.Random], list[InjectedDefect]]] = {
    "V01": _v01, "V02": _v02, "V03": _v03, "V04": _v04, "V05": _v05, "V06": _v06, "V07": _v07, "V08": _v08,
    "V09": _v09, "V10": _v10,
}
SUPPORTED_VS_DEFECTS = tuple(_DEFECTS)
