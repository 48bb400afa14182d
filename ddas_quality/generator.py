"""Synthetic SHV v1.0 deliveries: clean ones, or ones with defects injected at known JSON paths.

Real deliveries hold BSNs and may never be used in tests, examples or a supplier's CI, so everything
here is invented: BSNs only from the official test range 999990000-999999999, synthetic postcodes,
creditor names, KvK numbers and contact persons on `.example` domains.

A clean delivery satisfies the rule catalogue (docs/rules.md): phases in process order with plausible
durations, consistent uitstroom, no date after the aanleverdatum, every traject overlapping the
peilperiode, no client in two overlapping trajecten, client counts that fit each gemeente's population.
Generation is deterministic for a seed (`random.Random(seed)`, never global random or the clock).

Two limits of "clean" that follow from the brief, not from chance:
- The test range holds only 909 valid BSNs. They are spread evenly over all clients; above ~750
  trajecten the other clients have no BSN (they keep geboortedatum, geslacht, postcode, huisnummer,
  which C02 allows), so such files get the A03 fill-rate warning for the BSN.
- One levering per gemeente: a file too big for one gemeente's population holds several gemeenten,
  which F07 reports as a warning (one file per gemeente for manual upload).

Defects are added afterwards by one injector per rule code (`_DEFECTS`), each with its own random
stream, so the same defect lands on the same place whether or not other defects are asked for, and a
document with one defect differs from the clean one only under the recorded path. To add one: write
`_inject_xxx(ctx, rng) -> list[InjectedDefect]` (pick a traject with `ctx.take`, so defects never
share one; record every extra rule the change unavoidably breaks) and register it in `_DEFECTS`.
"""

from __future__ import annotations

import bisect
import copy
import gc
import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist

import orjson

from .gemeenten import Gemeente, GemeenteTable, load_table, normalize_code

__all__ = [
    "SUPPORTED_DEFECTS",
    "TEST_BSN_RANGE",
    "GeneratedDelivery",
    "InjectedDefect",
    "generate_delivery",
    "valid_test_bsns",
    "write_delivery",
]

#: The BSN test range (RvIG): numbers here are never issued to real people.
TEST_BSN_RANGE = (999_990_000, 999_999_999)

#: Expected active SHV clients per inhabitant per year (rules.md, Decisions: A01/A02 default).
REFERENCE_RATE = 5 / 1000
#: Planning figures measured on generated data: clients per traject, and active clients per traject.
_CLIENTS_PER_TRAJECT = 1.15
_ACTIVE_PER_TRAJECT = 1.09

_PLACEHOLDER_DATES = frozenset({"1900-01-01", "1970-01-01", "0001-01-01"})
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class InjectedDefect:
    """One injected defect: the rule that must fire and the JSON path where it must be reported."""

    rule: str
    path: str
    gemeentecode: str | None = None


@dataclass
class GeneratedDelivery:
    document: dict
    defects: list[InjectedDefect]


# --------------------------------------------------------------------------------------------------
# Small helpers


def _elfproef(number: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True)) - int(number[8])
    return total % 11 == 0


@lru_cache(maxsize=1)
def valid_test_bsns() -> tuple[str, ...]:
    """All BSNs in the test range that pass the 11-test (909 of them)."""
    low, high = TEST_BSN_RANGE
    return tuple(str(n) for n in range(low, high + 1) if _elfproef(str(n)))


@lru_cache(maxsize=1)
def _table() -> GemeenteTable:
    return load_table()


_ISO: dict[int, str] = {}


def _iso(ordinal: int) -> str:
    text = _ISO.get(ordinal)
    if text is None:
        text = _ISO[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def _ord(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "gemeente"


class _Picker:
    """Weighted choice with one random number (random.choices is slow in a hot loop)."""

    def __init__(self, weighted: Sequence[tuple[object, float]]) -> None:
        self.items = [item for item, _ in weighted]
        self.cumulative: list[float] = []
        total = 0.0
        for _, weight in weighted:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self, u: float):
        return self.items[bisect.bisect_right(self.cumulative, u * self.total)]


_REDEN_AANMELDING = _Picker([("Nietverschenen", 35), ("Zelf", 25), ("Ingetrokken", 15),
                             ("Niet passend", 15), ("Verhuisd", 5), ("Overig", 5)])
_REDEN_UITVAL = _Picker([("Nietverschenen", 30), ("Ingetrokken", 25), ("Zelf", 15), ("Verhuisd", 10),
                         ("Overig", 15), ("Overleden", 5)])
_REDEN_NA_STABILISATIE = _Picker([("Afgerond", 60), ("Zelf", 20), ("Overig", 20)])
_REDEN_AFWIJZING = _Picker([("Voldoet niet", 75), ("Niet passend", 25)])
_REDEN_REGELING_AFGEWEZEN = _Picker([("Overig", 50), ("Niet passend", 30), ("Voldoet niet", 20)])
_REDEN_OPLOSSING_GESTOPT = _Picker([("Overig", 40), ("Nietverschenen", 20), ("Verhuisd", 15),
                                    ("Overleden", 10), ("Ingetrokken", 15)])
_OPLOSSING_DIRECT = _Picker([("Betalingsregeling", 50), ("Herfinanciering", 25), ("0%-aanbod", 25)])
_BEGELEIDING = _Picker([("Budgetbeheer", 35), ("Beschermingsbewind", 25), ("Budgetcoaching", 25),
                        ("Budgetbegeleiding", 10), ("Lange Termijn Begeleiding (DFD)", 5)])
_GESLACHT = _Picker([("Vrouw", 52), ("Man", 46), ("Onbekend", 2)])
_OPPOSITE = {"Vrouw": "Man", "Man": "Vrouw", "Onbekend": "Onbekend"}

# Synthetic creditors per schuldsoort (names invented; weights ~ how often each soort occurs).
_SCHULDEISERS = {
    "Publiek": ["Rijksincasso Oost", "Belastinginning Delta", "Toeslageninning Noord",
                "Boete-inning Centraal", "Gemeentebelastingen Kustregio", "Waterschap Veenland",
                "Studiefinanciering Inning", "Uitkeringsinstantie Terugvordering"],
    "Zorg": ["Zorgverzekeraar Noord", "Zorgverzekeraar Zuid", "Zorgverzekeraar Midden", "Zorgkantoor West",
             "Tandartsenpraktijk De Molen", "Ziekenhuis Rivierenland", "Apotheek Het Plein"],
    "Nuts": ["Energieleverancier West", "Energie Samen Noord", "Waterbedrijf Duinstreek",
             "Telecom Compleet", "Mobiel Voordeel", "Warmtenet Stadsdelen"],
    "Overig": ["Woonstichting Havenstad", "Woningcorporatie De Hoeksteen", "Incassobureau Snelpunt",
               "Postorderbedrijf Zuid", "Kredietverstrekker Plus", "Webwinkel Direct", "Sportschool Vitaal",
               "Autoverhuur Regio", "Deurwaarderskantoor Van Dam", "Verzekeraar Zekerheid"],
}
_SOORT_WEIGHTS = {"Publiek": 0.30, "Zorg": 0.20, "Nuts": 0.20, "Overig": 0.30}
# Debt amounts: 4096 quantiles of a log-normal (median ~ EUR 735), jittered per schuld.
_AMOUNTS = [math.exp(6.6 + 1.3 * NormalDist().inv_cdf((i + 0.5) / 4096)) for i in range(4096)]

_LEVERANCIERS = ["SchuldSoft", "Kredietwerk", "FinHulp Suite", "Budgetplan", "SchuldenLab"]
_ORG_KINDS = ["Stichting Schuldhulp {}", "Kredietbank {}", "Stichting Financiële Hulp {}",
              "Sociaal Raadslieden {}"]
_VOORNAMEN = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gerrit", "Hanna", "Ilse", "Joost",
              "Karim", "Lotte", "Mehmet", "Noor", "Pieter", "Rosa", "Sanne", "Tom", "Yara", "Wim"]
_ACHTERNAMEN = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
                "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"]
_FUNCTIES = ["Coördinator schuldhulpverlening", "Teamleider schulddienstverlening",
             "Informatieadviseur sociaal domein", "Functioneel beheerder"]
_PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_TOEVOEGINGEN = ["A", "B", "C", "2", "H", "bis"]


# --------------------------------------------------------------------------------------------------
# Planning: which gemeenten, how many trajecten each


def _expected_clients(gemeente: Gemeente, months: int) -> float:
    return gemeente.inwoners * REFERENCE_RATE * months / 12


def _plan_gemeenten(rng: random.Random, trajecten: int, start: date, end: date,
                    months: int) -> list[tuple[Gemeente, int]]:
    """Pick gemeenten so each one's active client count is about 0.6-1.6x what its population predicts."""
    valid = sorted((g for g in _table() if g.valid_during(start, end) and g.inwoners > 0),
                   key=lambda g: g.code)
    clients = trajecten * _CLIENTS_PER_TRAJECT * 1.2 + 3  # generous upper bound on unique clients
    active = trajecten * _ACTIVE_PER_TRAJECT

    def fits_alone(g: Gemeente) -> bool:
        expected = _expected_clients(g, months)
        if g.inwoners < 10_000:  # A01 does not apply; A02 only from 20 clients on, at 5x expected
            return clients < 20 or clients <= 4 * expected
        return 0.6 * expected <= active <= 1.6 * expected

    single = [g for g in valid if fits_alone(g)]
    if single:
        return [(rng.choice(single), trajecten)]

    order = valid[:]
    rng.shuffle(order)
    chosen: list[Gemeente] = []
    total = 0.0
    target = active
    for g in order:
        expected = _expected_clients(g, months)
        if total + expected <= target / 0.8:
            chosen.append(g)
            total += expected
            if total >= target / 1.1:
                break
    if not chosen:  # cannot happen with the shipped table; keep a defined result anyway
        chosen = [max(valid, key=lambda g: g.inwoners)]
        total = _expected_clients(chosen[0], months)
    chosen.sort(key=lambda g: g.code)
    # Largest-remainder split proportional to the expected counts, at least one traject each.
    weights = [_expected_clients(g, months) for g in chosen]
    shares = [trajecten * w / total for w in weights]
    counts = [max(1, int(s)) for s in shares]
    remainders = sorted(range(len(chosen)), key=lambda i: (counts[i] - shares[i], i))
    i = 0
    while sum(counts) < trajecten:
        counts[remainders[i % len(remainders)]] += 1
        i += 1
    while sum(counts) > trajecten:
        j = max(range(len(counts)), key=lambda k: (counts[k] - shares[k], -k))
        counts[j] -= 1
    return [(g, n) for g, n in zip(chosen, counts, strict=True) if n > 0]


# --------------------------------------------------------------------------------------------------
# The builder: one delivery's state (random stream, period, identifiers handed out)


class _Builder:
    def __init__(self, rng: random.Random, start: date, end: date, aanlever: date, persons_estimate: float,
                 bsn_slice: tuple[int, int] = (1, 1)):
        self.rng = rng
        self.ps = start.toordinal()
        self.pe = end.toordinal()
        self.aanlever = aanlever.toordinal()
        part, parts = bsn_slice
        pool = list(valid_test_bsns()[part - 1::parts])
        rng.shuffle(pool)
        self.bsn_pool = pool
        # Spread the (only 909) test BSNs evenly over all clients, not all to the first ones.
        self.p_bsn = 0.97 * min(1.0, 0.95 * len(pool) / max(1.0, persons_estimate))
        self.alt_keys: set[tuple[str, str, str, str]] = set()
        self.persons_in_levering = 0
        self.without_bsn_in_levering = 0
        # Flat table of (schuldsoort, spellings of one creditor), each soort as often as its weight says.
        self.eisers = [(soort, variants) for soort, creditors in self._creditors().items()
                       for variants in creditors
                       for _ in range(round(_SOORT_WEIGHTS[soort] * 1000 / len(creditors)))]

    # -- random shorthands
    def ri(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def _creditors(self) -> dict[str, list[list[dict]]]:
        """Per schuldsoort: per creditor three spellings (both names, only `naam`, only `Naam`)."""
        out: dict[str, list[list[dict]]] = {}
        for soort, names in _SCHULDEISERS.items():
            variants = []
            for name in names:
                kvk = str(self.ri(10_000_000, 99_999_999))
                pc = self._postcode()
                both = {"naam": name, "Naam": name, "kvknummer": kvk, "postcode": pc, "privepersoon": False}
                only_lower = {"naam": name, "kvknummer": kvk, "postcode": pc}
                only_upper = {"Naam": name, "kvknummer": kvk}
                variants.append([both] * 8 + [only_lower, only_upper])
            out[soort] = variants
        return out

    def _postcode(self) -> str:
        r = self.rng.random
        while True:
            letters = _PC_LETTERS[int(r() * 20)] + _PC_LETTERS[int(r() * 20)]
            if letters not in ("SA", "SD", "SS"):
                return f"{1000 + int(r() * 9000)}{letters}"

    # -- clients
    def _birth(self, start: int) -> int:
        """A birth date giving an age of 19-85 at the traject start (most around 40)."""
        while True:
            born = start - int(self.rng.triangular(19.1, 84.9, 40.0) * 365.2425)
            if _iso(born) not in _PLACEHOLDER_DATES:
                return born

    def _partner_birth(self, start: int, first: int) -> int:
        """Within 8 years of the first client, age 19-86 at the traject start, never the same day."""
        while True:
            born = first + self.ri(-2900, 2900)
            age = (start - born) / 365.2425
            if born != first and 19.1 <= age <= 86.9 and _iso(born) not in _PLACEHOLDER_DATES:
                return born

    def new_persons(self, start: int) -> list[dict]:
        r = self.rng.random
        two = r() < 0.15
        while True:
            postcode = self._postcode()
            huisnummer = str(1 + int((r() ** 2) * 250))
            toevoeging = _TOEVOEGINGEN[int(r() * len(_TOEVOEGINGEN))] if r() < 0.08 else ""
            first_birth = self._birth(start)
            births = [_iso(first_birth)]
            if two:
                births.append(_iso(self._partner_birth(start, first_birth)))
            keys = [(b, postcode, huisnummer, toevoeging) for b in births]
            if not any(k in self.alt_keys for k in keys):
                self.alt_keys.update(keys)
                break
        geslacht = _GESLACHT(r())
        persons = []
        for i, birth in enumerate(births):
            person: dict = {}
            with_bsn = r() < self.p_bsn
            self.persons_in_levering += 1
            if not with_bsn and self.p_bsn > 0.9 and (
                    self.without_bsn_in_levering + 1 > 0.15 * self.persons_in_levering):
                with_bsn = True  # keep the BSN fill rate of every levering (and every prefix) >= 85% (A03)
            if with_bsn and self.bsn_pool:
                person["Burgerservicenummer"] = self.bsn_pool.pop()
            else:
                self.without_bsn_in_levering += 1
            person["Geboortedatum"] = birth
            person["Geslachtsaanduiding"] = geslacht if i == 0 else (
                _OPPOSITE[geslacht] if r() < 0.9 else _GESLACHT(r()))
            person["Postcode"] = postcode
            person["Huisnummer"] = huisnummer
            if toevoeging:
                person["Huisnummertoevoeging"] = toevoeging
            persons.append(person)
        return persons

    # -- organisation block
    def organisation(self, gemeente: Gemeente | None, code: str, self_delivering: bool) -> dict:
        naam = gemeente.naam if gemeente else f"gemeente {code}"
        r = self.rng.random
        org: dict = {}
        if self_delivering:
            org["(Statutaire) Naam"] = f"Gemeente {naam}"
        else:
            org["(Statutaire) Naam"] = _ORG_KINDS[int(r() * len(_ORG_KINDS))].format(naam)
            org["KvK-nummer"] = str(self.ri(10_000_000, 99_999_999))
        org["postcode"] = self._postcode()
        if self_delivering:
            org["gemeentecode"] = code
        voornaam = _VOORNAMEN[int(r() * len(_VOORNAMEN))]
        achternaam = _ACHTERNAMEN[int(r() * len(_ACHTERNAMEN))]
        domain = _slug(org["(Statutaire) Naam"]) + ".example"
        org["contactpersonen"] = [{
            "naam": f"{voornaam} {achternaam}",
            "functietitel": _FUNCTIES[int(r() * len(_FUNCTIES))],
            "email": f"{_slug(voornaam)}.{_slug(achternaam)}@{domain}",
        }]
        return org

    # -- one traject
    def start_date(self, in_period_only: bool = False) -> int:
        if in_period_only or self.rng.random() < 0.72:
            return self.ps + int(self.rng.random() * (self.pe - self.ps - 2))
        return self.ps - 1 - int(self.rng.random() * 730)

    def traject(self, code: str, in_period_only: bool = False) -> tuple[int, dict, list[dict], int | None]:
        """(startdatum, traject without client/schulden, schulden, einddatum), overlapping the period."""
        while True:
            start = self.start_date(in_period_only)
            result = self._simulate(code, start)
            end = result[3]
            if end is None or end >= self.ps:
                return result

    def _close(self, planned: int, limit: int, ended: bool) -> int | None:
        """End date of a sub-period: as planned when known by the limit; cut at the traject end; else open."""
        if planned <= limit:
            return planned
        return limit if ended else None

    def _simulate(self, code: str, start: int):
        r = self.rng.random
        ri = self.ri
        pe = self.pe
        aanmelding_end: int | None = None
        ia: tuple[int, int | None] | None = None
        intake: list | None = None
        pva: int | None = None
        stab: list | None = None
        regeling: dict | None = None
        toekenning: int | None = None
        oplossing: list | None = None
        end: int | None = None
        reden: str | None = None
        completed = False

        crisis = r() < 0.08
        if r() < 0.12:
            ia_start = start + ri(0, 7)
            if ia_start <= pe:
                ia_end = ia_start + ri(0, 21)
                ia = (ia_start, ia_end if ia_end <= pe else None)

        while True:  # a single pass; `break` = the traject stops here (ended, or still running at period end)
            planned = start + ri(0, 20)
            if planned > pe:
                break
            aanmelding_end = planned
            if r() < 0.12:
                end, reden = planned + ri(0, 14), _REDEN_AANMELDING(r())
                break
            i_start = aanmelding_end + ri(0, 14)
            if i_start > pe:
                break
            intake = [i_start, None, None]
            if r() < 0.07:
                end, reden = i_start + ri(3, 40), _REDEN_UITVAL(r())
                break
            i_end = i_start + ri(7, 56)
            if i_end > pe:
                break
            afgewezen = r() < 0.10
            intake[1] = i_end
            intake[2] = "Afwijzingsbeschikking" if afgewezen else "Toelatingsbeschikking"
            if afgewezen:
                end, reden = i_end + ri(0, 21), _REDEN_AFWIJZING(r())
                break
            s_start = i_end
            if r() < 0.7:  # the plan van aanpak is finished between intake and stabilisatie
                pva = i_end + ri(0, 14)
                if pva > pe:
                    break
                s_start = pva
            s_start += ri(0, 14)
            if s_start > pe:
                break
            stab = [s_start, None]
            s_end = s_start + ri(30, 270)
            x = r()
            if x < 0.08:  # dropped out during stabilisatie
                stop = s_start + ri(14, s_end - s_start)
                if stop <= pe:
                    stab[1] = stop
                end, reden = stop, _REDEN_UITVAL(r())
                break
            if s_end > pe:
                break
            stab[1] = s_end
            if x < 0.30:
                end, reden = s_end + ri(0, 14), _REDEN_NA_STABILISATIE(r())
                break
            if x < 0.46:  # a betalingsregeling/herfinanciering without formal schuldregeling
                o_start, soort = s_end + ri(0, 30), _OPLOSSING_DIRECT(r())
            else:
                r_date = s_end + ri(0, 21)
                if r_date > pe:
                    break
                regeling = {"datum": r_date}
                y = r()
                if y < 0.06:
                    verzoek = r_date + ri(30, 90)
                    if verzoek > pe:
                        break
                    regeling["datumVerzoekDwangakkoord"] = verzoek
                    toegekend = verzoek + ri(30, 120)
                    if toegekend > pe:
                        break
                    regeling["dwangakkoord"] = True
                    regeling["toegekend"] = toegekend
                elif y < 0.84:
                    toegekend = r_date + ri(14, 70)
                    if toegekend > pe:
                        break
                    if r() < 0.3:
                        regeling["dwangakkoord"] = False
                    regeling["toegekend"] = toegekend
                elif y < 0.94:
                    afgewezen_op = r_date + ri(14, 60)
                    if afgewezen_op > pe:
                        break
                    regeling["afgewezen"] = afgewezen_op
                    end, reden = afgewezen_op + ri(0, 30), _REDEN_REGELING_AFGEWEZEN(r())
                    break
                else:
                    ingetrokken = r_date + ri(7, 60)
                    if ingetrokken > pe:
                        break
                    regeling["ingetrokken"] = ingetrokken
                    end, reden = ingetrokken + ri(0, 14), "Ingetrokken"
                    break
                toekenning = regeling["toegekend"]
                o_start = toekenning + ri(0, 30)
                soort = "Saneringskrediet" if r() < 0.5 else "Schuldbemiddeling"
            if o_start > pe:
                break
            if soort in ("Saneringskrediet", "Schuldbemiddeling"):
                duration = ri(480, 540)  # 18 months at most (P09)
                vtlb = ri(1000, 2400) if r() < 0.8 else None
            else:
                duration = ri(90, 1080) if soort != "0%-aanbod" else ri(30, 360)
                vtlb = ri(900, 2200) if r() < 0.3 else None
            oplossing = [o_start, None, soort, vtlb]
            premature = r() < 0.10
            o_end = o_start + (ri(30, duration) if premature else duration)
            if o_end > pe:
                break
            oplossing[1] = o_end
            end = o_end + ri(0, 7)
            reden = _REDEN_OPLOSSING_GESTOPT(r()) if premature else "Afgerond"
            completed = not premature
            break

        if end is not None and end > pe:
            end = reden = None
        nazorg: tuple[int, int | None] | None = None
        if completed and end is not None and r() < 0.4:
            n_start = end + ri(0, 14)
            if n_start <= pe:
                n_end = n_start + ri(60, 180)
                nazorg = (n_start, n_end if n_end <= pe else None)

        limit = end if end is not None else pe
        ended = end is not None
        schulden = self._schulden(start, intake, stab, regeling, oplossing, limit)

        # -- assemble in a readable key order
        t: dict = {"gemeentecode": code, "startdatum": _iso(start)}
        if end is not None:
            t["einddatum"] = _iso(end)
        if toekenning is not None:
            t["toekenningsdatum"] = _iso(toekenning)
        if schulden:  # T14: within 10% of the sum of the schulden
            total = sum(s["bedrag"] for s in schulden)
            t["totaalSchuldbedragBijAanvangSchuld"] = max(1, round(total * (0.9 + 0.2 * r())))
        elif intake is not None and r() < 0.3:  # an estimate before the debts are listed one by one
            t["totaalSchuldbedragBijAanvangSchuld"] = ri(500, 40_000)
        aanmelding: dict = {"startdatum": _iso(start)}
        if aanmelding_end is not None:
            aanmelding["einddatum"] = _iso(aanmelding_end)
        aanmelding["crisisinterventie"] = crisis
        t["aanmelding"] = aanmelding
        if ia is not None and ia[0] <= limit:
            ia_end = self._close(ia[1], limit, ended) if ia[1] is not None else None
            t["informatieEnAdvies"] = {"startdatum": _iso(ia[0])} | (
                {"einddatum": _iso(ia_end)} if ia_end is not None else {})
        if intake is not None:
            block: dict = {"startdatum": _iso(intake[0])}
            if intake[1] is not None:
                block["einddatum"] = _iso(intake[1])
                block["beschikkingssoort"] = intake[2]
                block["beschikkingsdatum"] = _iso(intake[1])
            t["intake"] = block
        if pva is not None and pva <= limit:
            t["planVanAanpak"] = {"datumAfronding": _iso(pva)}
        if stab is not None:
            t["stabilisatie"] = {"startdatum": _iso(stab[0])} | (
                {"einddatum": _iso(stab[1])} if stab[1] is not None else {})
        if regeling is not None:
            t["schuldregeling"] = {k: (v if isinstance(v, bool) else _iso(v)) for k, v in regeling.items()}
        if oplossing is not None:
            block = {"startdatum": _iso(oplossing[0])}
            if oplossing[1] is not None:
                block["einddatum"] = _iso(oplossing[1])
            block["soort"] = oplossing[2]
            if oplossing[3] is not None:
                block["vtlb"] = oplossing[3]
            t["oplossing"] = block
        if nazorg is not None:
            t["nazorg"] = {"startdatum": _iso(nazorg[0])} | (
                {"einddatum": _iso(nazorg[1])} if nazorg[1] is not None else {})
        if end is not None:
            uitstroom: dict = {"datum": _iso(end)}
            if r() < 0.9:
                uitstroom["datumBeeindigingsbeschikking"] = _iso(end)
            uitstroom["reden"] = reden
            t["uitstroom"] = uitstroom

        self._sub_periods(t, start, intake, stab, crisis, limit, ended)
        return start, t, schulden, end

    def _sub_periods(self, t: dict, start: int, intake, stab, crisis: bool, limit: int, ended: bool) -> None:
        r = self.rng.random
        ri = self.ri
        if crisis:  # T16: the flag and the list go together
            items = []
            c_start = min(start + ri(0, 5), limit)
            c_end = self._close(c_start + ri(7, 60), limit, ended)
            items.append({"startdatum": _iso(c_start)} | ({"einddatum": _iso(c_end)} if c_end else {}))
            if c_end is not None and r() < 0.15:
                second = c_end + ri(30, 150)
                if second <= limit:
                    s_end = self._close(second + ri(7, 60), limit, ended)
                    items.append({"startdatum": _iso(second)} | ({"einddatum": _iso(s_end)} if s_end else {}))
            t["crisisinterventies"] = items
        if r() < (0.30 if stab is not None else 0.05):
            base = stab[0] if stab is not None else (intake[1] if intake and intake[1] else start)
            b_start = base + ri(0, 60)
            if b_start <= limit:
                first = _BEGELEIDING(r())
                b_end = self._close(b_start + ri(90, 720), limit, ended)
                items = [{"startdatum": _iso(b_start)} | ({"einddatum": _iso(b_end)} if b_end else {})
                         | {"soort": first}]
                if r() < 0.15:
                    second_start = b_start + ri(0, 180)
                    second = _BEGELEIDING(r())
                    if second_start <= limit and second != first:  # same soort overlapping = P12
                        s_end = self._close(second_start + ri(90, 720), limit, ended)
                        items.append({"startdatum": _iso(second_start)}
                                     | ({"einddatum": _iso(s_end)} if s_end else {}) | {"soort": second})
                t["begeleiding"] = items
        if stab is not None and r() < 0.05:
            aanvraag = stab[0] + ri(0, 60)
            goedkeuring = aanvraag + ri(3, 21)
            m_start = goedkeuring + ri(0, 7)
            if m_start <= limit:
                m_end = self._close(m_start + ri(30, 170), limit, ended)  # at most 6 months (P10)
                item = {"datumAanvraag": _iso(aanvraag), "datumGoedkeuring": _iso(goedkeuring),
                        "startdatum": _iso(m_start)}
                if m_end is not None:
                    item["einddatum"] = _iso(m_end)
                t["moratoria"] = [item]
        if stab is not None and r() < 0.03:
            v_start = stab[0] + ri(0, 90)
            if v_start <= limit:
                v_end = self._close(v_start + ri(14, 90), limit, ended)
                t["voorlopigeVoorzieningen"] = [
                    {"startdatum": _iso(v_start)} | ({"einddatum": _iso(v_end)} if v_end else {})]

    def _schulden(self, start: int, intake, stab, regeling, oplossing, limit: int) -> list[dict]:
        r = self.rng.random
        if regeling is not None or oplossing is not None:
            count = int(self.rng.triangular(1, 26, 8))  # D05: never empty here
        elif stab is not None:
            count = int(self.rng.triangular(1, 21, 6)) if r() < 0.65 else 0
        elif intake is not None:
            count = int(self.rng.triangular(1, 16, 4)) if r() < 0.40 else 0
        else:
            count = 1 + int(r() * 4) if r() < 0.10 else 0
        if not count:
            return []
        # The hot loop of the generator (about 6 schulden per traject): local names, one draw per choice.
        base = intake[0] if intake is not None else start
        iso_get = _ISO.get
        amounts = _AMOUNTS
        n_amounts = len(amounts)
        eisers = self.eisers
        n_eisers = len(eisers)
        schulden = []
        for _ in range(count):
            peildatum = base - 30 + int(r() * 76)  # around the intake; never one date for all (A04)
            if peildatum > limit:
                peildatum = limit - int(r() * 31)
            bedrag = min(50_000, int(amounts[int(r() * n_amounts)] * (0.95 + 0.1 * r())) + 1)
            soort, variants = eisers[int(r() * n_eisers)]
            if r() < 0.03:
                eiser: dict = {"naam": "Particuliere schuldeiser", "Naam": "Particuliere schuldeiser",
                               "privepersoon": True}
            else:
                eiser = dict(variants[int(r() * len(variants))])
            schuld: dict = {"bedrag": bedrag, "peildatum": iso_get(peildatum) or _iso(peildatum),
                            "schuldsoort": soort}
            z = r()
            if z < 0.6:
                schuld["zakelijkeSchuld"] = False
            elif z < 0.63:
                schuld["zakelijkeSchuld"] = True
            schuld["schuldeiser"] = eiser
            schulden.append(schuld)
        return schulden

    # -- one levering
    def levering(self, teller: int, gemeente: Gemeente | None, code: str, trajecten: int,
                 in_period_only: bool = False) -> dict:
        self_delivering = self.rng.random() < 0.6
        self.persons_in_levering = self.without_bsn_in_levering = 0
        org = self.organisation(gemeente, code, self_delivering)
        drafts = []
        for i in range(trajecten):
            start, t, schulden, end = self.traject(code, in_period_only)
            drafts.append((start, i, t, schulden, end))
        drafts.sort(key=lambda d: (d[0], d[1]))  # exports list trajecten by start date
        r = self.rng.random
        ended_pool: list[tuple[int, int, list[dict]]] = []  # (einddatum, startdatum, persons)
        items = []
        for start, _, t, schulden, end in drafts:
            persons = None
            if ended_pool and r() < 0.03:  # the same client(s) again, in a later traject (not overlapping)
                j = int(r() * len(ended_pool))
                prev_end, prev_start, prev_persons = ended_pool[j]
                if prev_end <= start and prev_start < start:
                    persons = prev_persons
                    ended_pool[j] = ended_pool[-1]
                    ended_pool.pop()
            if persons is None:
                persons = self.new_persons(start)
            t["client"] = [dict(p) for p in persons]
            if schulden:
                t["schulden"] = schulden
            if end is not None:
                ended_pool.append((end, start, persons))
            items.append(t)
        return {"teller": teller, "aanleverende_organisatie": org, "schuldhulptrajecten": items}


# --------------------------------------------------------------------------------------------------
# Generation


def _period(year: int, half: int | None) -> tuple[date, date]:
    if half is None:
        return date(year, 1, 1), date(year, 12, 31)
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    if half == 2:
        return date(year, 7, 1), date(year, 12, 31)
    raise ValueError(f"halfjaar moet 1, 2 of leeg zijn, niet {half!r}.")


def generate_delivery(*, trajecten: int, seed: int, year: int = 2024, half: int | None = None,
                      gemeentecodes: Sequence[str] | None = None, defects: Sequence[str] = (),
                      bsn_slice: tuple[int, int] = (1, 1)) -> GeneratedDelivery:
    """A synthetic SHV v1.0 delivery of `trajecten` trajecten, with one injected instance per defect code.

    `gemeentecodes`: one levering per code, trajecten split evenly (counts need not fit the population);
    default: gemeenten chosen from the seed so that client counts fit (A01/A02).
    `bsn_slice=(k, n)`: use only part k of n of the 909 test BSNs. Files generated separately share
    BSNs, so checked together they show C08 samenloop; give each file its own part to prevent that.
    Raises ValueError (Dutch message) for unusable arguments or a defect that finds no place.
    """
    if trajecten < 1:
        raise ValueError("Er is minstens één traject nodig.")
    if not (isinstance(bsn_slice, tuple) and len(bsn_slice) == 2 and 1 <= bsn_slice[0] <= bsn_slice[1]):
        raise ValueError(f"bsn_slice moet (k, n) zijn met 1 <= k <= n, niet {bsn_slice!r}.")
    codes_asked = list(dict.fromkeys(code.strip().upper() for code in defects))
    unknown = [code for code in codes_asked if code not in _INJECTORS]
    if unknown:
        raise ValueError(f"Deze fouten kan de generator niet maken: {', '.join(unknown)}. "
                         f"Wel: {', '.join(SUPPORTED_DEFECTS)}.")
    # The document is a tree of fresh dicts and lists without cycles: the cyclic garbage collector
    # only re-scans it again and again (about 40% of the time for 100,000 trajecten).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(trajecten, seed, year, half, gemeentecodes, codes_asked, bsn_slice)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(trajecten: int, seed: int, year: int, half: int | None, gemeentecodes: Sequence[str] | None,
              codes_asked: list[str], bsn_slice: tuple[int, int]) -> GeneratedDelivery:
    rng = random.Random(seed)
    start, end = _period(year, half)
    months = 12 if half is None else 6
    aanlever = date.fromordinal(end.toordinal() + 14 + int(rng.random() * 15))
    aanlever_text = f"{aanlever.isoformat()}T{8 + int(rng.random() * 9):02d}:{int(rng.random() * 60):02d}:00Z"

    if gemeentecodes:
        normalized = []
        for raw in gemeentecodes:
            code = normalize_code(raw)
            if code is None:
                raise ValueError(f"'{raw}' is geen gemeentecode (4 cijfers, eventueel met GM ervoor).")
            normalized.append(code)
        if len(normalized) > trajecten:
            raise ValueError("Minder trajecten dan gemeenten: elke levering heeft minstens één traject.")
        base, extra = divmod(trajecten, len(normalized))
        plan = [(_table().get(code), code, base + (1 if i < extra else 0))
                for i, code in enumerate(normalized)]
    else:
        plan = [(g, g.code, n) for g, n in _plan_gemeenten(rng, trajecten, start, end, months)]

    leverancier = _LEVERANCIERS[int(rng.random() * len(_LEVERANCIERS))]
    versie = f"{1 + int(rng.random() * 6)}.{int(rng.random() * 10)}.{int(rng.random() * 20)}"
    builder = _Builder(rng, start, end, aanlever, trajecten * _CLIENTS_PER_TRAJECT * 1.02, bsn_slice)
    leveringen = [builder.levering(teller, g, code, n) for teller, (g, code, n) in enumerate(plan, start=1)]
    document = {
        "startdatumLevering": start.isoformat(),
        "einddatumLevering": end.isoformat(),
        "aanleverdatumEnTijd": aanlever_text,
        "codeGegevensleverancier": f"{leverancier} {versie}",
        "leveringen": leveringen,
    }
    injected: list[InjectedDefect] = []
    if codes_asked:
        ctx = _Context(document, builder, months)
        for code in SUPPORTED_DEFECTS:  # fixed order: the result does not depend on the order asked
            if code in codes_asked:
                injected.extend(_INJECTORS[code](ctx, random.Random(f"{seed}/{code}")))
    return GeneratedDelivery(document=document, defects=injected)


# --------------------------------------------------------------------------------------------------
# Writing


def write_delivery(document: dict, path: Path) -> None:
    """Write the document as JSON, one traject per line, without building the whole text in memory."""
    dumps = orjson.dumps
    with open(path, "wb") as fh:
        fh.write(b"{\n")
        top = list(document.items())
        for i, (key, value) in enumerate(top):
            tail = b",\n" if i < len(top) - 1 else b"\n"
            if key == "leveringen" and isinstance(value, list):
                fh.write(b'  "leveringen": [\n')
                for j, levering in enumerate(value):
                    _write_levering(fh, levering, dumps)
                    fh.write(b",\n" if j < len(value) - 1 else b"\n")
                fh.write(b"  ]" + tail)
            else:
                fh.write(b"  " + dumps(key) + b": " + dumps(value) + tail)
        fh.write(b"}\n")


def _write_levering(fh, levering, dumps) -> None:
    if not isinstance(levering, dict):
        fh.write(b"    " + dumps(levering))
        return
    fh.write(b"    {\n")
    items = list(levering.items())
    for i, (key, value) in enumerate(items):
        tail = b",\n" if i < len(items) - 1 else b"\n"
        if key == "schuldhulptrajecten" and isinstance(value, list) and value:
            fh.write(b'      "schuldhulptrajecten": [\n')
            last = len(value) - 1
            for j, traject in enumerate(value):
                fh.write(b"        " + dumps(traject) + (b",\n" if j < last else b"\n"))
            fh.write(b"      ]" + tail)
        else:
            fh.write(b"      " + dumps(key) + b": " + dumps(value) + tail)
    fh.write(b"    }")


# --------------------------------------------------------------------------------------------------
# Defect injection


def traject_path(levering: int, traject: int) -> str:
    return f"$.leveringen[{levering}].schuldhulptrajecten[{traject}]"


def client_key(client: dict) -> tuple:
    """BSN, or when missing geboortedatum + postcode + huisnummer (+toevoeging) (rules.md, Terms)."""
    bsn = client.get("Burgerservicenummer")
    if bsn:
        return ("bsn", bsn)
    return ("adres", client.get("Geboortedatum"), client.get("Postcode"), client.get("Huisnummer"),
            client.get("Huisnummertoevoeging", ""))


class _Context:
    """What injectors share: the document, the builder's state, and which trajecten are taken."""

    def __init__(self, document: dict, builder: _Builder, months: int) -> None:
        self.doc = document
        self.builder = builder
        self.months = months
        self.used: set[tuple[int, int]] = set()

    def trajecten(self) -> Iterator[tuple[int, int, dict]]:
        for li, levering in enumerate(self.doc["leveringen"]):
            for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
                if (li, ti) not in self.used:
                    yield li, ti, t

    def key_counts(self) -> dict[tuple, int]:
        counts: dict[tuple, int] = {}
        for levering in self.doc["leveringen"]:
            for t in levering.get("schuldhulptrajecten", []):
                for client in t.get("client", []):
                    key = client_key(client)
                    counts[key] = counts.get(key, 0) + 1
        return counts

    def unique_clients(self, t: dict, counts: dict[tuple, int]) -> bool:
        """True when this traject's clients are in no other traject (changing them cannot create C07)."""
        return all(counts[client_key(c)] == 1 for c in t.get("client", []))

    def take(self, code: str, rng: random.Random, candidates: list):
        if not candidates:
            raise ValueError(f"Fout {code} kan niet worden toegevoegd: geen geschikt traject "
                             "(maak meer trajecten aan).")
        choice = candidates[int(rng.random() * len(candidates))]
        self.used.add((choice[0], choice[1]))
        return choice


Injector = Callable[[_Context, random.Random], list[InjectedDefect]]


def _inject_s01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A value outside the enumeration (the published example itself has 'Toewijzingsbeschikking')."""
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "soort" in t.get("oplossing", {}):
            candidates.append((li, ti, "oplossing"))
        if t.get("intake", {}).get("beschikkingssoort") == "Toelatingsbeschikking":
            candidates.append((li, ti, "intake"))
        if t.get("schulden"):
            candidates.append((li, ti, "schulden"))
    if not candidates:
        candidates = [(li, ti, "omschrijving") for li, ti, _ in ctx.trajecten()]
    li, ti, kind = ctx.take("S01", rng, candidates)
    t = ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]
    base = traject_path(li, ti)
    if kind == "oplossing":
        t["oplossing"]["soort"] = "Schuldsanering"
        return [InjectedDefect("S01", f"{base}.oplossing.soort")]
    if kind == "intake":
        t["intake"]["beschikkingssoort"] = "Toewijzingsbeschikking"
        return [InjectedDefect("S01", f"{base}.intake.beschikkingssoort")]
    if kind == "schulden":
        k = int(rng.random() * len(t["schulden"]))
        t["schulden"][k]["schuldsoort"] = "Belastingschuld"
        return [InjectedDefect("S01", f"{base}.schulden[{k}].schuldsoort")]
    t["omschrijving"] = 12345  # wrong type: a number where the schema wants text
    return [InjectedDefect("S01", f"{base}.omschrijving")]


def _inject_s02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """`"einddatum": null` on a running traject, as the published extended example does."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "einddatum" not in t]
    li, ti = ctx.take("S02", rng, candidates)
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    old = trajecten[ti]
    new: dict = {}
    for key, value in old.items():
        new[key] = value
        if key == "startdatum":
            new["einddatum"] = None
    trajecten[ti] = new
    return [InjectedDefect("S02", f"{traject_path(li, ti)}.einddatum")]


_PERIOD_OBJECTS = ("stabilisatie", "oplossing", "nazorg")
_PERIOD_LISTS = ("begeleiding", "crisisinterventies", "voorlopigeVoorzieningen")


def _inject_p01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """einddatum before startdatum in one period object, still on/after the traject start (no T10)."""
    candidates = []
    for li, ti, t in ctx.trajecten():
        t_start = _ord(t["startdatum"])
        spots: list[tuple[str, dict]] = [(name, t[name]) for name in _PERIOD_OBJECTS if name in t]
        for name in _PERIOD_LISTS:
            spots += [(f"{name}[{k}]", item) for k, item in enumerate(t.get(name, []))]
        for rel, obj in spots:
            if "einddatum" in obj and _ord(obj["startdatum"]) - t_start >= 1:
                candidates.append((li, ti, rel))
    li, ti, rel = ctx.take("P01", rng, candidates)
    t = ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]
    name, _, index = rel.partition("[")
    obj = t[name][int(index[:-1])] if index else t[name]
    start = _ord(obj["startdatum"])
    obj["einddatum"] = _iso(start - 1 - int(rng.random() * min(30, start - _ord(t["startdatum"]))))
    return [InjectedDefect("P01", f"{traject_path(li, ti)}.{rel}")]


_PHASE_STARTS = (("aanmelding", "startdatum"), ("intake", "startdatum"), ("stabilisatie", "startdatum"),
                 ("schuldregeling", "datum"), ("oplossing", "startdatum"), ("nazorg", "startdatum"))


def _phase_starts(t: dict) -> list[int]:
    """Start dates of the phases present, in process order (P02)."""
    out = []
    for name, field in _PHASE_STARTS:
        value = t.get(name, {}).get(field)
        if value:
            out.append(_ord(value))
    return out


def _inject_p02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding dated after the intake started (the traject start stays, so no T10)."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "intake" not in t or not b.ps <= _ord(t["aanmelding"]["startdatum"]) <= b.pe:
            continue
        intake_start = _ord(t["intake"]["startdatum"])
        later = _phase_starts(t)[2:]
        limit = min([*later, b.pe] + ([_ord(t["einddatum"])] if "einddatum" in t else []))
        if limit - intake_start >= 1:
            candidates.append((li, ti, intake_start, limit))
    li, ti, intake_start, limit = ctx.take("P02", rng, candidates)
    aanmelding = ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]["aanmelding"]
    moved = intake_start + 1 + int(rng.random() * min(14, limit - intake_start))
    aanmelding["startdatum"] = _iso(moved)
    if "einddatum" in aanmelding and _ord(aanmelding["einddatum"]) < moved:
        aanmelding["einddatum"] = _iso(moved)
    return [InjectedDefect("P02", traject_path(li, ti))]


def _starts_in_traject(t: dict) -> list[tuple[str, int]]:
    """Every phase and sub-period start that T11 compares with the traject end (nazorg excepted)."""
    out = []
    for name in ("aanmelding", "informatieEnAdvies", "intake", "stabilisatie", "oplossing"):
        if name in t and t[name].get("startdatum"):
            out.append((name, _ord(t[name]["startdatum"])))
    if t.get("schuldregeling", {}).get("datum"):
        out.append(("schuldregeling", _ord(t["schuldregeling"]["datum"])))
    for name in ("begeleiding", "crisisinterventies", "moratoria", "voorlopigeVoorzieningen"):
        for k, item in enumerate(t.get(name, [])):
            out.append((f"{name}[{k}]", _ord(item["startdatum"])))
    return out


def _inject_t01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Traject einddatum (and the uitstroom dates, T08) before its startdatum, still inside the period.

    Every phase then starts after the traject end, so T11 fires too: we pick a traject with as few
    phases as possible (usually only an aanmelding) and record each T11 at the phase's path.
    """
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "einddatum" in t and _ord(t["startdatum"]) - 1 >= b.ps:
            candidates.append((len(_starts_in_traject(t)), li, ti))
    fewest = min((c[0] for c in candidates), default=0)
    li, ti = ctx.take("T01", rng, [(li, ti) for n, li, ti in candidates if n == fewest])
    t = ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]
    start = _ord(t["startdatum"])
    new_end = start - 1 - int(rng.random() * min(30, start - b.ps))  # still in the period: no T02
    text = _iso(new_end)
    t["einddatum"] = text
    t["uitstroom"]["datum"] = text
    if "datumBeeindigingsbeschikking" in t["uitstroom"]:
        t["uitstroom"]["datumBeeindigingsbeschikking"] = text
    base = traject_path(li, ti)
    extra = [InjectedDefect("T11", f"{base}.{rel}")
             for rel, start in _starts_in_traject(t) if start > new_end]
    return [InjectedDefect("T01", base), *extra]


def _shift_dates(node, days: int):
    if isinstance(node, dict):
        return {k: _shift_dates(v, days) for k, v in node.items()}
    if isinstance(node, list):
        return [_shift_dates(v, days) for v in node]
    if isinstance(node, str) and _DATE_TEXT.match(node):
        return _iso(_ord(node) - days)
    return node


def _inject_t02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An ended traject moved (every date, birth dates too) to before the peilperiode."""
    b = ctx.builder
    counts = ctx.key_counts()
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and ctx.unique_clients(t, counts)]
    li, ti = ctx.take("T02", rng, candidates)
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    t = trajecten[ti]
    latest = max(_ord(d) for d in _dates_in(t, skip_clients=True))
    shift = latest - b.ps + 15 + int(rng.random() * 106)
    moved = _shift_dates(t, shift)
    while any(c["Geboortedatum"] in _PLACEHOLDER_DATES for c in moved["client"]):
        shift += 1
        moved = _shift_dates(t, shift)
    trajecten[ti] = moved
    return [InjectedDefect("T02", traject_path(li, ti))]


def _dates_in(node, skip_clients: bool = False) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not (skip_clients and key == "client"):
                yield from _dates_in(value, skip_clients)
    elif isinstance(node, list):
        for value in node:
            yield from _dates_in(value, skip_clients)
    elif isinstance(node, str) and _DATE_TEXT.match(node):
        yield node


def _inject_t03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A planned einddatum after the aanleverdatum on a period that is still running."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        spots = [name for name in ("aanmelding", "stabilisatie", "oplossing", "nazorg")
                 if name in t and "einddatum" not in t[name]]
        spots += [f"begeleiding[{k}]" for k, item in enumerate(t.get("begeleiding", []))
                  if "einddatum" not in item]
        for rel in spots:
            obj = _resolve(t, rel)
            cap = None
            if rel == "oplossing" and obj.get("soort") in ("Saneringskrediet", "Schuldbemiddeling"):
                cap = _ord(obj["startdatum"]) + 540  # stay within P09's 18 months
                if cap <= b.aanlever:
                    continue
            candidates.append((li, ti, rel, cap))
    li, ti, rel, cap = ctx.take("T03", rng, candidates)
    obj = _resolve(ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti], rel)
    new_end = b.aanlever + 1 + int(rng.random() * 120)
    if cap is not None:
        new_end = min(new_end, cap)
    obj["einddatum"] = _iso(new_end)
    return [InjectedDefect("T03", traject_path(li, ti))]


def _resolve(t: dict, rel: str) -> dict:
    name, _, index = rel.partition("[")
    return t[name][int(index[:-1])] if index else t[name]


def _inject_c01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A BSN in the test range that fails the 11-test (a typing error)."""
    counts = ctx.key_counts()
    candidates = [(li, ti, j) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)
                  for j, c in enumerate(t["client"]) if c.get("Burgerservicenummer")]
    li, ti, j = ctx.take("C01", rng, candidates)
    client = ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]["client"][j]
    low, high = TEST_BSN_RANGE
    while True:
        number = str(low + int(rng.random() * (high - low + 1)))
        if not _elfproef(number):
            break
    client["Burgerservicenummer"] = number
    return [InjectedDefect("C01", f"{traject_path(li, ti)}.client[{j}]")]


def _inject_c07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The client of one traject also put in a later-starting traject that overlaps it (same levering)."""
    counts = ctx.key_counts()
    free = [(li, ti, t) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)]
    by_levering: dict[int, list[tuple[int, dict]]] = {}
    for li, ti, t in free:
        by_levering.setdefault(li, []).append((ti, t))
    firsts = [(li, ti, t) for li, ti, t in free if t["client"][0].get("Burgerservicenummer")] or free
    order = firsts[:]
    rng.shuffle(order)
    for li, ti, first in order[:200]:
        start = _ord(first["startdatum"])
        end = _ord(first["einddatum"]) if "einddatum" in first else None
        seconds = [(tj, t) for tj, t in by_levering[li]
                   if tj != ti and start < _ord(t["startdatum"])
                   and (end is None or _ord(t["startdatum"]) < end)]
        singles = [s for s in seconds if len(s[1]["client"]) == 1] or seconds
        if singles:
            tj, second = singles[int(rng.random() * len(singles))]
            second["client"][0] = copy.deepcopy(first["client"][0])
            ctx.used.update({(li, ti), (li, tj)})
            return [InjectedDefect("C07", traject_path(li, tj))]
    ctx.take("C07", rng, [])  # raises: no pair of overlapping trajecten in one levering
    return []


def _inject_a01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering for a large gemeente (>= 50,000 inwoners) with a single traject and client."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    present = {t.get("gemeentecode") for levering in ctx.doc["leveringen"]
               for t in levering.get("schuldhulptrajecten", [])}
    present |= {levering.get("aanleverende_organisatie", {}).get("gemeentecode")
                for levering in ctx.doc["leveringen"]}
    options = sorted((g for g in _table() if g.valid_during(start, end) and g.inwoners >= 50_000
                      and g.code not in present), key=lambda g: g.code)
    if not options:  # every large gemeente is in the file already (a nationwide file): shrink one
        return _shrink_levering_for_a01(ctx, rng)
    gemeente = options[int(rng.random() * len(options))]
    saved = b.rng
    b.rng = rng
    try:
        while True:
            teller = len(ctx.doc["leveringen"]) + 1
            levering = b.levering(teller, gemeente, gemeente.code, 1, in_period_only=True)
            if len(levering["schuldhulptrajecten"][0]["client"]) == 1:
                break
    finally:
        b.rng = saved
    ctx.doc["leveringen"].append(levering)
    ctx.used.add((len(ctx.doc["leveringen"]) - 1, 0))
    result = [InjectedDefect("A01", "$", gemeentecode=gemeente.code)]
    if len({c for c in present if c}) == 1:  # the file now holds a second gemeente
        result.append(InjectedDefect("F07", "$"))
    return result


def _shrink_levering_for_a01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Keep only one single-client traject in the levering of a large gemeente."""
    counts = ctx.key_counts()
    candidates = []
    for li, levering in enumerate(ctx.doc["leveringen"]):
        trajecten = levering.get("schuldhulptrajecten", [])
        gemeente = _table().get(trajecten[0].get("gemeentecode")) if trajecten else None
        if gemeente is None or gemeente.inwoners < 50_000:
            continue
        if any((li, ti) in ctx.used for ti in range(len(trajecten))):
            continue
        keep = [ti for ti, t in enumerate(trajecten)
                if len(t["client"]) == 1 and ctx.unique_clients(t, counts)]
        if keep:
            candidates.append((li, keep[0], gemeente.code))
    li, ti, code = ctx.take("A01", rng, candidates)
    ctx.used.discard((li, ti))
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    trajecten[:] = [trajecten[ti]]
    ctx.used.add((li, 0))
    return [InjectedDefect("A01", "$", gemeentecode=code)]


#: rule code -> (what is injected, in Dutch; injector). The order is the order of injection.
_DEFECTS: dict[str, tuple[str, Injector]] = {
    "A01": ("Extra levering voor een grote gemeente (≥ 50.000 inwoners) met maar één cliënt.", _inject_a01),
    "S01": ("Een waarde buiten de toegestane lijst (of een verkeerd type) in één traject.", _inject_s01),
    "S02": ("Een veld met null in plaats van weggelaten (einddatum van een lopend traject).", _inject_s02),
    "P01": ("Een periode (stabilisatie, oplossing, nazorg, begeleiding, ...) met einddatum vóór startdatum.",
            _inject_p01),
    "P02": ("Aanmelding gedateerd na de start van de intake.", _inject_p02),
    "T01": ("Traject met einddatum (en uitstroomdatum) vóór de startdatum; geeft ook T11 per fase.", _inject_t01),
    "T02": ("Een afgesloten traject dat helemaal vóór de peilperiode ligt.", _inject_t02),
    "T03": ("Een (geplande) einddatum na de aanleverdatum.", _inject_t03),
    "C01": ("Een BSN uit de testreeks dat niet aan de elfproef voldoet.", _inject_c01),
    "C07": ("Dezelfde cliënt in een tweede, overlappend traject (later startend).", _inject_c07),
}

# ------------------------------------------------------------------ defects: trajecten, cliënten, schulden
#: T, C and D rules (same shape as `_DEFECTS`).
_DEFECTS_TRAJECT: dict[str, tuple[str, Injector]] = {}

# ------------------------------------------------------------------ defects: fasen, levering, schema, bestand
#: P, L, S, F and A rules (same shape as `_DEFECTS`).
_DEFECTS_LEVERING: dict[str, tuple[str, Injector]] = {}

_DEFECTS.update({code: entry for code, entry in _DEFECTS_TRAJECT.items() if code not in _DEFECTS})
_DEFECTS.update({code: entry for code, entry in _DEFECTS_LEVERING.items() if code not in _DEFECTS})

SUPPORTED_DEFECTS: dict[str, str] = {code: text for code, (text, _) in _DEFECTS.items()}
_INJECTORS: dict[str, Injector] = {code: injector for code, (_, injector) in _DEFECTS.items()}
