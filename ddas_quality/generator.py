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
share one; record every extra rule the change unavoidably breaks) and register it in the registry of its
group (`_DEFECTS_TRAJECT` or `_DEFECTS_LEVERING`; `_DEFECTS` joins them in injection order).
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
from dataclasses import field as dataclass_field
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
    #: per defect code asked for, what its injection recorded (its own rule first, then the side effects)
    by_code: dict[str, list[InjectedDefect]] = dataclass_field(default_factory=dict)

    def expected_findings(self) -> list[dict[str, str]]:
        """The findings a check must report, as JSON-ready rows (rule, path, and gemeentecode where it matters)."""
        return [{"rule": x.rule, "path": x.path} | ({"gemeentecode": x.gemeentecode} if x.gemeentecode else {})
                for x in self.defects]


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
    if not codes_asked:
        return GeneratedDelivery(document=document, defects=[])
    return inject_defects(document, _Context(document, builder, months), codes_asked, _INJECTORS, f"{seed}/")


def inject_defects(document: dict, ctx: object, asked: Sequence[str],
                   injectors: dict[str, Callable[..., list[InjectedDefect]]], stream: str) -> GeneratedDelivery:
    """Run the injectors asked for, in registry order (so the result does not depend on the order asked),
    each with its own random stream `stream + code`."""
    injected: list[InjectedDefect] = []
    by_code: dict[str, list[InjectedDefect]] = {}
    for code, inject in injectors.items():
        if code in asked:
            by_code[code] = inject(ctx, random.Random(f"{stream}{code}"))
            injected.extend(by_code[code])
    return GeneratedDelivery(document=document, defects=injected, by_code=by_code)


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


# Lists written one item per line, so a big file streams and diffs readably.
_ONE_PER_LINE = frozenset({"schuldhulptrajecten", "vroegsignalen", "vroegsignaalzaken"})


def _write_levering(fh, levering, dumps) -> None:
    if not isinstance(levering, dict):
        fh.write(b"    " + dumps(levering))
        return
    fh.write(b"    {\n")
    items = list(levering.items())
    for i, (key, value) in enumerate(items):
        tail = b",\n" if i < len(items) - 1 else b"\n"
        if key in _ONE_PER_LINE and isinstance(value, list) and value:
            fh.write(b"      " + dumps(key) + b": [\n")
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


#: The first injectors (A01 first: it adds a levering the others may then use); merged into `_DEFECTS` below.
_DEFECTS_BASE: dict[str, tuple[str, Injector]] = {
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

# ------------------------------------------------------------------ injectors: trajecten, cliënten, schulden
# How the checker counts what an injection may change as a side effect (rules.md; thresholds are the defaults).
_T14_MAX_DIFFERENCE = 0.25
_A03_MAX_EMPTY_SHARE = 0.20


def _traject(ctx: _Context, li: int, ti: int) -> dict:
    return ctx.doc["leveringen"][li]["schuldhulptrajecten"][ti]


def _all_trajecten(ctx: _Context) -> Iterator[tuple[int, int, dict]]:
    """Every traject, taken or not (side-effect checks look at the whole file)."""
    for li, levering in enumerate(ctx.doc["leveringen"]):
        for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
            yield li, ti, t


def _self_delivering(ctx: _Context) -> set[int]:
    """Leveringen whose organisation is the gemeente itself (L05 applies to their trajecten)."""
    return {li for li, levering in enumerate(ctx.doc["leveringen"])
            if levering.get("aanleverende_organisatie", {}).get("gemeentecode")}


def _t14(t: dict, path: str) -> list[InjectedDefect]:
    """T14 when the stated total and the sum of the schulden differ by more than 25% (the checker's formula)."""
    total = t.get("totaalSchuldbedragBijAanvangSchuld")
    som = sum(s.get("bedrag", 0) for s in t.get("schulden", []))
    if total is None or not t.get("schulden") or som <= 0:
        return []
    return [InjectedDefect("T14", path)] if abs(total - som) / som > _T14_MAX_DIFFERENCE else []


def _a03(ctx: _Context, field: str) -> list[InjectedDefect]:
    """A03 (path `$`) when the file's empty share of the BSN or of the schulden of trajecten in schuldregeling
    goes above 20%."""
    total = empty = 0
    for _, _, t in _all_trajecten(ctx):
        if field == "bsn":
            for client in t.get("client", []):
                total += 1
                empty += not client.get("Burgerservicenummer")
        elif "schuldregeling" in t:
            total += 1
            empty += not t.get("schulden")
    return [InjectedDefect("A03", "$")] if total and empty / total > _A03_MAX_EMPTY_SHARE else []


def _append_levering(ctx: _Context, rng: random.Random, gemeente: Gemeente | None, code: str,
                     accept: Callable[[dict], bool] = lambda t: True) -> int:
    """A new levering (next teller) from another organisation (a KvK-nummer, no gemeentecode), holding one
    single-client traject in the peilperiode that `accept` takes; returns its index."""
    b = ctx.builder
    saved = b.rng
    b.rng = rng
    try:
        for _ in range(10_000):
            teller = len(ctx.doc["leveringen"]) + 1
            levering = b.levering(teller, gemeente, code, 1, in_period_only=True)
            t = levering["schuldhulptrajecten"][0]
            if ("gemeentecode" not in levering["aanleverende_organisatie"] and len(t["client"]) == 1
                    and accept(t)):
                break
        else:
            raise ValueError("Er kon geen extra levering worden gemaakt (maak meer trajecten aan).")
    finally:
        b.rng = saved
    ctx.doc["leveringen"].append(levering)
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.add((li, 0))
    return li


def _inject_t04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A gemeentecode of the wrong form ('363', 'GM-0363', '03630'): no CBS code, so it counts for no gemeente
    (no T06, L05, L06, F07 or A01)."""
    counts: dict[str, int] = {}
    for _, _, t in _all_trajecten(ctx):
        counts[t["gemeentecode"]] = counts.get(t["gemeentecode"], 0) + 1
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if counts[t["gemeentecode"]] > 1]
    li, ti = ctx.take("T04", rng, candidates)
    t = _traject(ctx, li, ti)
    code = t["gemeentecode"]
    t["gemeentecode"] = (code[1:], f"GM-{code}", f"{code}0")[int(rng.random() * 3)]
    return [InjectedDefect("T04", traject_path(li, ti))]


def _inject_t05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """gemeentecode 'Onbekend' in a levering of an organisation that is not the gemeente (there it would be L05).

    When every levering is the gemeente's own, a levering of another organisation is added for it.
    """
    own = _self_delivering(ctx)
    counts: dict[str, int] = {}
    for _, _, t in _all_trajecten(ctx):
        counts[t["gemeentecode"]] = counts.get(t["gemeentecode"], 0) + 1
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if li not in own and counts[t["gemeentecode"]] > 1]
    if candidates:
        li, ti = ctx.take("T05", rng, candidates)
        _traject(ctx, li, ti)["gemeentecode"] = "Onbekend"
        return [InjectedDefect("T05", traject_path(li, ti))]
    first = ctx.doc["leveringen"][0]["schuldhulptrajecten"][0]["gemeentecode"]
    li = _append_levering(ctx, rng, _table().get(first), "Onbekend")
    return [InjectedDefect("T05", traject_path(li, 0))]


def _inject_t06(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The code of a gemeente abolished before the peilperiode (a missed herindeling).

    Only gemeenten under 10,000 inwoners, so the old code gets no A01. A second valid code in the levering
    and file is unavoidable: L06 and F07 (warnings), and L05 when the gemeente delivers itself (avoided
    when another organisation's levering is there).
    """
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    old = sorted((g for g in _table() if not g.valid_during(start, end) and 0 < g.inwoners < 10_000),
                 key=lambda g: g.code)
    own = _self_delivering(ctx)
    every = [(li, ti) for li, ti, _ in ctx.trajecten()]
    candidates = ([c for c in every if c[0] not in own] or every) if old else []
    li, ti = ctx.take("T06", rng, candidates)
    gemeente = old[int(rng.random() * len(old))]
    before = _file_findings(ctx.doc)
    _traject(ctx, li, ti)["gemeentecode"] = gemeente.code
    found = _changed("T06", ctx.doc, before)  # T06 first, then the L06/F07/A01 that are really new
    if li in own:
        found.insert(1, InjectedDefect("L05", traject_path(li, ti)))
    return found


def _inject_t07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """toekenningsdatum a few days before schuldregeling.toegekend (Q&A: the same value is asked)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("toekenningsdatum") and t.get("schuldregeling", {}).get("toegekend")]
    li, ti = ctx.take("T07", rng, candidates)
    t = _traject(ctx, li, ti)
    t["toekenningsdatum"] = _iso(_ord(t["schuldregeling"]["toegekend"]) - 1 - int(rng.random() * 14))
    return [InjectedDefect("T07", traject_path(li, ti))]


def _inject_t08(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """uitstroom.datumBeeindigingsbeschikking differs from the traject einddatum and uitstroom.datum."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and "datumBeeindigingsbeschikking" in t.get("uitstroom", {})]
    li, ti = ctx.take("T08", rng, candidates)
    t = _traject(ctx, li, ti)
    end, shift = _ord(t["einddatum"]), 1 + int(rng.random() * 10)
    moved = end - shift if end - shift >= _ord(t["startdatum"]) else end + shift  # never after the aanleverdatum
    t["uitstroom"]["datumBeeindigingsbeschikking"] = _iso(moved)
    return [InjectedDefect("T08", traject_path(li, ti))]


def _inject_t09(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An uitstroom with a reden but without einddatum and uitstroom.datum (error), or the other way round:
    an einddatum without uitstroom.reden (warning). Both on an ended traject whose clients are in no other
    traject (an open end must not create C07)."""
    counts = ctx.key_counts()
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and "reden" in t.get("uitstroom", {}) and ctx.unique_clients(t, counts)]
    li, ti = ctx.take("T09", rng, candidates)
    t = _traject(ctx, li, ti)
    if rng.random() < 0.5:
        del t["einddatum"]
        t["uitstroom"].pop("datum", None)
        t["uitstroom"].pop("datumBeeindigingsbeschikking", None)
    else:
        del t["uitstroom"]["reden"]
    return [InjectedDefect("T09", traject_path(li, ti))]


def _inject_t10(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.startdatum up to a month before the traject startdatum (the first phase, so no P02)."""
    li, ti = ctx.take("T10", rng, [(li, ti) for li, ti, t in ctx.trajecten() if "aanmelding" in t])
    aanmelding = _traject(ctx, li, ti)["aanmelding"]
    aanmelding["startdatum"] = _iso(_ord(aanmelding["startdatum"]) - 1 - int(rng.random() * 30))
    return [InjectedDefect("T10", f"{traject_path(li, ti)}.aanmelding")]


def _inject_t11(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The traject end (with the uitstroom dates, so no T08) moved before the start of its last phase or
    sub-period; one T11 per phase or sub-period that now starts after the end (nazorg never counts)."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "einddatum" not in t:
            continue
        starts = _starts_in_traject(t)
        latest = max((s for _, s in starts), default=None)
        if latest is not None and latest - 1 >= max(_ord(t["startdatum"]), b.ps):
            candidates.append((li, ti, latest))
    li, ti, latest = ctx.take("T11", rng, candidates)
    t = _traject(ctx, li, ti)
    floor = max(_ord(t["startdatum"]), b.ps)  # T01 and T02 stay satisfied
    new_end = latest - 1 - int(rng.random() * min(30, latest - 1 - floor + 1))
    text = _iso(new_end)
    t["einddatum"] = text
    t["uitstroom"]["datum"] = text
    if "datumBeeindigingsbeschikking" in t["uitstroom"]:
        t["uitstroom"]["datumBeeindigingsbeschikking"] = text
    base = traject_path(li, ti)
    return [InjectedDefect("T11", f"{base}.{rel}") for rel, start in _starts_in_traject(t) if start > new_end]


def _inject_t12(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A negative totaalSchuldbedragBijAanvangSchuld on a traject without schulden (so no T14); failing that,
    a negative schuld bedrag (and T14 when the sum now differs too much from the total)."""
    without = [(li, ti, -1) for li, ti, t in ctx.trajecten() if not t.get("schulden")]
    with_schulden = [(li, ti, k) for li, ti, t in ctx.trajecten() for k in range(len(t.get("schulden", [])))]
    li, ti, k = ctx.take("T12", rng, without or with_schulden)
    t = _traject(ctx, li, ti)
    path = traject_path(li, ti)
    if k < 0:
        t["totaalSchuldbedragBijAanvangSchuld"] = -(t.get("totaalSchuldbedragBijAanvangSchuld")
                                                    or 500 + int(rng.random() * 20_000))
        return [InjectedDefect("T12", path)]
    t["schulden"][k]["bedrag"] = -t["schulden"][k]["bedrag"]
    return [InjectedDefect("T12", f"{path}.schulden[{k}]"), *_t14(t, path)]


def _inject_t13(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An outlier: a vtlb entered per year instead of per month (> EUR 5,000); without any vtlb, a total debt
    above EUR 1,000,000 on a traject without schulden (so no T14)."""
    with_vtlb = [(li, ti, "vtlb") for li, ti, t in ctx.trajecten() if "vtlb" in t.get("oplossing", {})]
    without = [(li, ti, "totaal") for li, ti, t in ctx.trajecten() if not t.get("schulden")]
    li, ti, kind = ctx.take("T13", rng, with_vtlb or without)
    t = _traject(ctx, li, ti)
    if kind == "vtlb":
        t["oplossing"]["vtlb"] *= 12
    else:
        t["totaalSchuldbedragBijAanvangSchuld"] = 1_000_001 + int(rng.random() * 2_000_000)
    return [InjectedDefect("T13", traject_path(li, ti))]


def _inject_t14(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A total debt of 30-60% of the sum of the schulden (differs by more than 25%)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if sum(s["bedrag"] for s in t.get("schulden", [])) >= 10]
    li, ti = ctx.take("T14", rng, candidates)
    t = _traject(ctx, li, ti)
    som = sum(s["bedrag"] for s in t["schulden"])
    t["totaalSchuldbedragBijAanvangSchuld"] = max(1, round(som * (0.3 + 0.3 * rng.random())))
    return [InjectedDefect("T14", traject_path(li, ti))]


def _inject_t15(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A traject delivered twice: an exact copy appended to its levering; T15 at the copy (not also C07)."""
    counts = ctx.key_counts()
    li, ti = ctx.take("T15", rng, [(li, ti) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)])
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    trajecten.append(copy.deepcopy(trajecten[ti]))
    ctx.used.add((li, len(trajecten) - 1))
    return [InjectedDefect("T15", traject_path(li, len(trajecten) - 1))]


def _inject_t16(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.crisisinterventie true on a traject without crisisinterventies."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("aanmelding", {}).get("crisisinterventie") is False and not t.get("crisisinterventies")]
    li, ti = ctx.take("T16", rng, candidates)
    _traject(ctx, li, ti)["aanmelding"]["crisisinterventie"] = True
    return [InjectedDefect("T16", traject_path(li, ti))]


def _client_spots(ctx: _Context, with_bsn: bool | None = None) -> list[tuple[int, int, int]]:
    """(levering, traject, client) of clients in trajecten whose clients are in no other traject."""
    counts = ctx.key_counts()
    return [(li, ti, j) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)
            for j, c in enumerate(t["client"])
            if with_bsn is None or bool(c.get("Burgerservicenummer")) == with_bsn]


def _inject_c02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A client without BSN that also lacks Geslachtsaanduiding. Preferably one that had no BSN already;
    else the BSN goes too (and A03 when that brings the file's BSN fill rate under 80%)."""
    without = _client_spots(ctx, with_bsn=False)
    li, ti, j = ctx.take("C02", rng, without or _client_spots(ctx))
    client = _traject(ctx, li, ti)["client"][j]
    client.pop("Burgerservicenummer", None)
    del client["Geslachtsaanduiding"]
    return [InjectedDefect("C02", f"{traject_path(li, ti)}.client[{j}]"), *([] if without else _a03(ctx, "bsn"))]


def _inject_c03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A Geboortedatum that is no real date (error), gives an age of 15-17 at the traject start, or is the
    placeholder 1900-01-01 (warnings). Only clients with a BSN: their client key does not change."""
    li, ti, j = ctx.take("C03", rng, _client_spots(ctx, with_bsn=True))
    t = _traject(ctx, li, ti)
    client = t["client"][j]
    kind = int(rng.random() * 3)
    if kind == 0:
        client["Geboortedatum"] = f"{client['Geboortedatum'][:4]}-02-{30 + int(rng.random() * 2)}"
    elif kind == 1:
        client["Geboortedatum"] = _iso(_ord(t["startdatum"]) - int((15.1 + 2.8 * rng.random()) * 365.2425))
    else:
        client["Geboortedatum"] = "1900-01-01"
    return [InjectedDefect("C03", f"{traject_path(li, ti)}.client[{j}]")]


def _inject_c04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A Geslachtsaanduiding outside Man, Vrouw, Onbekend, Leeg (an export code or other spelling)."""
    li, ti, j = ctx.take("C04", rng, _client_spots(ctx))
    client = _traject(ctx, li, ti)["client"][j]
    client["Geslachtsaanduiding"] = ("M", "V", "vrouw", "X", "O")[int(rng.random() * 5)]
    return [InjectedDefect("C04", f"{traject_path(li, ti)}.client[{j}]")]


def _inject_c05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A Postcode without its letters, or the toevoeging typed into the Huisnummer (client with a BSN)."""
    li, ti, j = ctx.take("C05", rng, _client_spots(ctx, with_bsn=True))
    client = _traject(ctx, li, ti)["client"][j]
    if rng.random() < 0.5:
        client["Postcode"] = client["Postcode"][:4]
    else:
        client["Huisnummer"] += "abc"[int(rng.random() * 3)]
    return [InjectedDefect("C05", f"{traject_path(li, ti)}.client[{j}]")]


def _inject_c06(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The first client (with BSN) entered twice in one traject; a single-client traject gets the copy as
    second client when no traject has two."""
    counts = ctx.key_counts()
    free = [(li, ti, t) for li, ti, t in ctx.trajecten()
            if ctx.unique_clients(t, counts) and t["client"][0].get("Burgerservicenummer")]
    pairs = [(li, ti) for li, ti, t in free if len(t["client"]) == 2]
    li, ti = ctx.take("C06", rng, pairs or [(li, ti) for li, ti, _ in free])
    clients = _traject(ctx, li, ti)["client"]
    clients[1:] = [copy.deepcopy(clients[0])]
    return [InjectedDefect("C06", f"{traject_path(li, ti)}.client[1]")]


def _inject_c08(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Samenloop: a running traject's client also in a later-starting traject of another organisation (an
    added levering for the same gemeente). Info: CBS merges these."""
    counts = ctx.key_counts()
    b = ctx.builder
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "einddatum" not in t
                  and ctx.unique_clients(t, counts) and _ord(t["startdatum"]) < b.pe - 60]
    li, ti = ctx.take("C08", rng, candidates)
    first = _traject(ctx, li, ti)
    start = _ord(first["startdatum"])
    code = first["gemeentecode"]
    lj = _append_levering(ctx, rng, _table().get(code), code, accept=lambda t: _ord(t["startdatum"]) > start)
    ctx.doc["leveringen"][lj]["schuldhulptrajecten"][0]["client"] = copy.deepcopy(first["client"])
    return [InjectedDefect("C08", traject_path(lj, 0))]


def _schuld_spots(ctx: _Context, accept: Callable[[dict], bool] = lambda s: True) -> list[tuple[int, int, int]]:
    return [(li, ti, k) for li, ti, t in ctx.trajecten() for k, s in enumerate(t.get("schulden", [])) if accept(s)]


def _inject_d01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A schuld with bedrag 0 (and T14 when the sum now differs too much from the total)."""
    li, ti, k = ctx.take("D01", rng, _schuld_spots(ctx))
    t = _traject(ctx, li, ti)
    t["schulden"][k]["bedrag"] = 0
    path = traject_path(li, ti)
    return [InjectedDefect("D01", f"{path}.schulden[{k}]"), *_t14(t, path)]


def _inject_d02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A peildatum more than two years (plus at least a month) before the traject start."""
    li, ti, k = ctx.take("D02", rng, _schuld_spots(ctx))
    t = _traject(ctx, li, ti)
    t["schulden"][k]["peildatum"] = _iso(_ord(t["startdatum"]) - 731 - 31 - int(rng.random() * 365))
    return [InjectedDefect("D02", f"{traject_path(li, ti)}.schulden[{k}]")]


def _inject_d03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Schuldeiser `naam` and `Naam` filled with different names (a legal form added, or another creditor)."""
    both = _schuld_spots(ctx, lambda s: bool(s["schuldeiser"].get("naam") and s["schuldeiser"].get("Naam")))
    li, ti, k = ctx.take("D03", rng, both)
    eiser = _traject(ctx, li, ti)["schulden"][k]["schuldeiser"]
    eiser["Naam"] = f"{eiser['naam']} B.V." if rng.random() < 0.5 else "Incassobureau Snelpunt (namens)"
    return [InjectedDefect("D03", f"{traject_path(li, ti)}.schulden[{k}]")]


def _inject_d04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A schuldeiser kvknummer of 7 digits or with a space in it."""
    li, ti, k = ctx.take("D04", rng, _schuld_spots(ctx, lambda s: bool(s["schuldeiser"].get("kvknummer"))))
    eiser = _traject(ctx, li, ti)["schulden"][k]["schuldeiser"]
    kvk = eiser["kvknummer"]
    eiser["kvknummer"] = kvk[1:] if rng.random() < 0.5 else f"{kvk[:4]} {kvk[4:]}"
    return [InjectedDefect("D04", f"{traject_path(li, ti)}.schulden[{k}]")]


def _inject_d05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The schulden left out of a traject with an oplossing. Preferably one without schuldregeling; else A03
    when that brings the schulden fill rate of trajecten in schuldregeling under 80%."""
    listed = [(li, ti, t) for li, ti, t in ctx.trajecten() if t.get("schulden")]
    direct = [(li, ti) for li, ti, t in listed if "oplossing" in t and "schuldregeling" not in t]
    regeling = [(li, ti) for li, ti, t in listed if "schuldregeling" in t]
    li, ti = ctx.take("D05", rng, direct or regeling)
    t = _traject(ctx, li, ti)
    del t["schulden"]
    return [InjectedDefect("D05", traject_path(li, ti)), *([] if direct else _a03(ctx, "schulden"))]


# ------------------------------------------------------------------ defects: trajecten, cliënten, schulden
#: T, C and D rules (same shape as `_DEFECTS`).
_DEFECTS_TRAJECT: dict[str, tuple[str, Injector]] = {
    "T04": ("Een gemeentecode in een verkeerde vorm ('363', 'GM-0363', '03630').", _inject_t04),
    "T05": ("Gemeentecode 'Onbekend' in een levering van een organisatie die niet de gemeente zelf is "
            "(zo nodig een extra levering).", _inject_t05),
    "T06": ("De code van een gemeente die vóór de peilperiode is opgeheven; geeft ook L06, F07 en eventueel L05.",
            _inject_t06),
    "T07": ("toekenningsdatum een paar dagen vóór schuldregeling.toegekend.", _inject_t07),
    "T08": ("uitstroom.datumBeeindigingsbeschikking wijkt af van de einddatum van het traject.", _inject_t08),
    "T09": ("Uitstroom met reden maar zonder einddatum, of een einddatum zonder uitstroomreden.", _inject_t09),
    "T10": ("aanmelding.startdatum vóór de startdatum van het traject.", _inject_t10),
    "T11": ("Einddatum van het traject vóór de start van de laatste fase; T11 per fase die later begint.",
            _inject_t11),
    "T12": ("Een negatief totaal schuldbedrag (of een negatief schuldbedrag, eventueel met T14).", _inject_t12),
    "T13": ("Een uitschieter: vtlb per jaar in plaats van per maand, of een totale schuld boven € 1.000.000.",
            _inject_t13),
    "T14": ("Totaal schuldbedrag 30-60% van de som van de schulden.", _inject_t14),
    "T15": ("Een traject dat twee keer is aangeleverd (kopie achteraan in de levering).", _inject_t15),
    "T16": ("aanmelding.crisisinterventie true zonder crisisinterventies.", _inject_t16),
    "C02": ("Een cliënt zonder BSN en zonder Geslachtsaanduiding (eventueel met A03).", _inject_c02),
    "C03": ("Een geboortedatum die niet bestaat, een leeftijd onder de 18 of de opvuldatum 1900-01-01.",
            _inject_c03),
    "C04": ("Een Geslachtsaanduiding buiten Man, Vrouw, Onbekend, Leeg.", _inject_c04),
    "C05": ("Een postcode zonder letters, of de toevoeging in het huisnummer.", _inject_c05),
    "C06": ("Dezelfde cliënt twee keer in één traject.", _inject_c06),
    "C08": ("Samenloop: dezelfde cliënt in een overlappend traject van een andere organisatie (extra levering).",
            _inject_c08),
    "D01": ("Een schuld met bedrag 0 (eventueel met T14).", _inject_d01),
    "D02": ("Een peildatum meer dan twee jaar vóór de start van het traject.", _inject_d02),
    "D03": ("Schuldeiser naam en Naam verschillend ingevuld.", _inject_d03),
    "D04": ("Een kvknummer van de schuldeiser met 7 cijfers of met een spatie.", _inject_d04),
    "D05": ("Een traject met een oplossing of schuldregeling zonder schulden (eventueel met A03).", _inject_d05),
}

# ------------------------------------------------------------------ injectors: fasen, levering, schema, bestand
# Levering- and file-level defects change what whole-file rules see (gemeenten per file and levering, active
# clients per gemeente, the peilperiode, fill rates). Those injectors compare the whole-file findings before
# and after their change (`_file_findings`) and record every new one as an unavoidable extra; a change that
# would make an earlier recorded finding disappear raises instead, so a combination stays exact or fails.

_STEP_FIELDS = (*_PHASE_STARTS, ("uitstroom", "datum"))
_A03_PAST_INTAKE = ("stabilisatie", "schuldregeling", "oplossing", "nazorg")


_DAYS: dict[str, bool] = {}


def _day(value: object) -> str | None:
    """An ISO date as text (they compare correctly as strings), or None for anything else."""
    if not isinstance(value, str):
        return None
    real = _DAYS.get(value)
    if real is None:
        try:
            real = bool(_DATE_TEXT.match(value)) and date.fromisoformat(value) is not None
        except ValueError:
            real = False
        if len(_DAYS) < 100_000:
            _DAYS[value] = real
    return value if real else None


def _field(t: dict, name: str, field: str) -> str | None:
    obj = t.get(name)
    return _day(obj.get(field)) if isinstance(obj, dict) else None


def _is_active(t: dict, ps: str, pe: str) -> bool:
    """A process step started, or uitstroom, within the peilperiode (rules.md, Terms)."""
    return any(value is not None and ps <= value <= pe
               for value in (_field(t, name, field) for name, field in _STEP_FIELDS))


def _person(client: dict, fallback: tuple) -> tuple:
    """The tool's client key: the BSN, else birth date + postcode + huisnummer, else the client itself."""
    bsn = client.get("Burgerservicenummer")
    if isinstance(bsn, str) and bsn.strip():
        return ("bsn", bsn.strip())
    postcode = client.get("Postcode")
    if _day(client.get("Geboortedatum")) and isinstance(postcode, str) and postcode.strip() \
            and client.get("Huisnummer") is not None:
        return ("adres", client["Geboortedatum"], postcode.replace(" ", "").upper(), str(client["Huisnummer"]),
                str(client.get("Huisnummertoevoeging") or "").upper())
    return ("object", *fallback)


def _file_findings(doc: dict) -> set[tuple[str, str, str | None]]:
    """(rule, path, gemeentecode or field) of the whole-file rules a levering-level change can switch:
    L01-L03, F07, L06, T02, T06, A01-A03, computed as the tool does (thresholds: catalogue defaults)."""
    out: set[tuple[str, str, str | None]] = set()
    ps, pe = _day(doc.get("startdatumLevering")), _day(doc.get("einddatumLevering"))
    aanlever = doc.get("aanleverdatumEnTijd")
    aanlever_day = _day(aanlever[:10]) if isinstance(aanlever, str) else None
    if ps and pe and ps > pe:
        out.add(("L01", "$", None))
    elif ps and pe and not (ps[:4] == pe[:4] and ps[5:] in ("01-01", "07-01") and pe[5:] in ("06-30", "12-31")
                            and (ps[5:], pe[5:]) != ("07-01", "06-30")):
        out.add(("L02", "$", None))
    if aanlever_day and ((ps and aanlever_day < ps) or (pe and aanlever_day <= pe)):
        out.add(("L03", "$", None))  # before the period: error; not after its end: warning
    # A period that runs backwards (L01) is no period for T02, T06, A01 and A02: the tool skips them then.
    period = (date.fromisoformat(ps), date.fromisoformat(pe)) if ps and pe and ps <= pe else None
    table = _table()
    file_codes: set[str] = set()
    active: dict[str, set] = {}
    counts = {"bsn": [0, 0], "aanmelding": [0, 0], "intake": [0, 0], "schulden": [0, 0]}
    for li, levering in enumerate(doc.get("leveringen", [])):
        codes: set[str] = set()
        for ti, t in enumerate(levering.get("schuldhulptrajecten") or []):
            path = traject_path(li, ti)
            start, end = _day(t.get("startdatum")), _day(t.get("einddatum"))
            if period is not None and ((start and start > pe) or (end and end < ps)):
                out.add(("T02", path, None))
            counts["aanmelding"][0] += 1
            counts["aanmelding"][1] += _field(t, "aanmelding", "startdatum") is not None
            if any(_field(t, name, "datum" if name == "schuldregeling" else "startdatum")
                   for name in _A03_PAST_INTAKE):
                counts["intake"][0] += 1
                counts["intake"][1] += _field(t, "intake", "startdatum") is not None
            if _field(t, "schuldregeling", "datum"):
                counts["schulden"][0] += 1
                counts["schulden"][1] += bool(t.get("schulden"))
            for client in t.get("client") or []:
                counts["bsn"][0] += 1
                counts["bsn"][1] += bool(str(client.get("Burgerservicenummer") or "").strip())
            code = normalize_code(t.get("gemeentecode"))
            if code is None:
                continue
            codes.add(code)
            if period is not None:
                gemeente = table.get(code)
                if gemeente is None or not gemeente.valid_during(*period):
                    out.add(("T06", path, None))
                if _is_active(t, ps, pe):
                    persons = active.setdefault(code, set())
                    persons.update(_person(c, (li, ti, j)) for j, c in enumerate(t.get("client") or []))
        if len(codes) > 1:
            out.add(("L06", f"$.leveringen[{li}]", None))
        file_codes |= codes
    if len(file_codes) > 1:
        out.add(("F07", "$", None))
    for name, (total, filled) in counts.items():
        if total and (total - filled) / total > 0.20:
            out.add(("A03", "$", name))
    if period is not None:
        years = max(((period[1] - period[0]).days + 1) / 365.25, 1 / 12)
        for code in file_codes:
            gemeente = table.get(code)
            if gemeente is None or not gemeente.inwoners:
                continue
            n = len(active.get(code, ()))
            ratio = n / (gemeente.inwoners * REFERENCE_RATE * years)
            if gemeente.inwoners >= 10_000 and ratio < 0.33:
                out.add(("A01", "$", code))
            if n >= 20 and ratio > 5:
                out.add(("A02", "$", code))
    return out


def _changed(code: str, doc: dict, before: set[tuple[str, str, str | None]]) -> list[InjectedDefect]:
    """The whole-file findings that `code`'s change switched on (its own first); raise when one disappeared."""
    after = _file_findings(doc)
    lost = sorted(before - after, key=str)
    if lost:
        rules = ", ".join(sorted({rule for rule, _, _ in lost}))
        raise ValueError(f"Fout {code} kan niet samen met de andere gevraagde fouten: de wijziging laat {rules} "
                         "verdwijnen.")
    new = sorted(after - before, key=lambda x: (x[0] != code, x[0], x[1], x[2] or ""))
    return [InjectedDefect(rule, path, key if rule in ("A01", "A02") else None) for rule, path, key in new]


def _inject_p03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """The aanmelding dropped before an intake (a conversion that loses the first phase).

    Only where the crisisinterventie flag is false (else T16) and the traject stays (in)active (A01 counts).
    """
    ps, pe = ctx.doc["startdatumLevering"], ctx.doc["einddatumLevering"]
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "intake" in t and "aanmelding" in t and not t.get("crisisinterventies") \
                and not t["aanmelding"].get("crisisinterventie") \
                and _is_active({k: v for k, v in t.items() if k != "aanmelding"}, ps, pe) == _is_active(t, ps, pe):
            candidates.append((li, ti))
    li, ti = ctx.take("P03", rng, candidates)
    before = _file_findings(ctx.doc)
    del _traject(ctx, li, ti)["aanmelding"]
    return [InjectedDefect("P03", f"{traject_path(li, ti)}.intake"), *_changed("P03", ctx.doc, before)]


def _inject_p04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An intake with a beschikkingssoort but no beschikkingsdatum."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "beschikkingsdatum" in t.get("intake", {}) and "beschikkingssoort" in t["intake"]]
    li, ti = ctx.take("P04", rng, candidates)
    del _traject(ctx, li, ti)["intake"]["beschikkingsdatum"]
    return [InjectedDefect("P04", f"{traject_path(li, ti)}.intake")]


def _inject_p05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """intake.einddatum a few days before the beschikkingsdatum (still after the intake start: no P01)."""
    candidates = []
    for li, ti, t in ctx.trajecten():
        intake = t.get("intake", {})
        if intake.get("einddatum") and intake.get("einddatum") == intake.get("beschikkingsdatum") \
                and _ord(intake["einddatum"]) > _ord(intake["startdatum"]):
            candidates.append((li, ti))
    li, ti = ctx.take("P05", rng, candidates)
    intake = _traject(ctx, li, ti)["intake"]
    span = _ord(intake["beschikkingsdatum"]) - _ord(intake["startdatum"])
    intake["einddatum"] = _iso(_ord(intake["beschikkingsdatum"]) - 1 - int(rng.random() * min(7, span)))
    return [InjectedDefect("P05", f"{traject_path(li, ti)}.intake")]


def _inject_p06(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An Afwijzingsbeschikking in a traject that went on to stabilisatie (the wrong soort chosen)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("intake", {}).get("beschikkingssoort") == "Toelatingsbeschikking" and "stabilisatie" in t]
    li, ti = ctx.take("P06", rng, candidates)
    _traject(ctx, li, ti)["intake"]["beschikkingssoort"] = "Afwijzingsbeschikking"
    return [InjectedDefect("P06", f"{traject_path(li, ti)}.stabilisatie")]


def _inject_p07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """dwangakkoord = true on a schuldregeling without a toegekend date (one not yet or never toegekend)."""
    waiting = [(li, ti) for li, ti, t in ctx.trajecten()
               if "schuldregeling" in t and "toegekend" not in t["schuldregeling"]]
    candidates = waiting or [(li, ti) for li, ti, t in ctx.trajecten() if "schuldregeling" in t]
    li, ti = ctx.take("P07", rng, candidates)
    regeling = _traject(ctx, li, ti)["schuldregeling"]
    regeling.pop("toegekend", None)  # only when no regeling was waiting; T07 needs both dates, so stays quiet
    regeling["dwangakkoord"] = True
    return [InjectedDefect("P07", f"{traject_path(li, ti)}.schuldregeling")]


def _inject_p08(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A schuldregeling both toegekend and afgewezen; without toegekend: an outcome dated before its datum."""
    toegekend = [(li, ti) for li, ti, t in ctx.trajecten()
                 if "toegekend" in t.get("schuldregeling", {}) and "afgewezen" not in t["schuldregeling"]]
    candidates = toegekend or [(li, ti) for li, ti, t in ctx.trajecten() if "schuldregeling" in t]
    li, ti = ctx.take("P08", rng, candidates)
    t = _traject(ctx, li, ti)
    regeling = t["schuldregeling"]
    if "toegekend" in regeling and "afgewezen" not in regeling:
        regeling["afgewezen"] = regeling["toegekend"]
    else:
        field = "afgewezen" if "afgewezen" in regeling else "ingetrokken"
        earliest = _ord(t["startdatum"])
        regeling[field] = _iso(max(earliest, _ord(regeling["datum"]) - 1 - int(rng.random() * 10)))
        if regeling[field] == regeling["datum"]:  # a regeling submitted on the traject's first day
            raise ValueError("Fout P08 kan niet worden toegevoegd: geen geschikt traject (maak meer trajecten aan).")
    return [InjectedDefect("P08", f"{traject_path(li, ti)}.schuldregeling")]


def _inject_p09(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A long-running betalingsregeling relabelled Saneringskrediet/Schuldbemiddeling: over 18+3 months.

    The duration counts to the einddatum, or for a running one to the end of the peilperiode (a margin: the
    tool measures to the aanleverdatum, which L03 may move back to that day).
    """
    pe = _ord(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        oplossing = t.get("oplossing", {})
        if oplossing.get("soort") in ("Betalingsregeling", "Herfinanciering", "0%-aanbod"):
            end = _ord(oplossing["einddatum"]) if "einddatum" in oplossing else pe
            if end - _ord(oplossing["startdatum"]) > 21 * 31 + 10:
                candidates.append((li, ti))
    if candidates:
        li, ti = ctx.take("P09", rng, candidates)
        _traject(ctx, li, ti)["oplossing"]["soort"] = "Saneringskrediet" if rng.random() < 0.5 else "Schuldbemiddeling"
        return [InjectedDefect("P09", f"{traject_path(li, ti)}.oplossing")]
    return _p09_running_longer(ctx, rng, pe)


def _p09_running_longer(ctx: _Context, rng: random.Random, pe: int) -> list[InjectedDefect]:
    """A running traject with a running Saneringskrediet/Schuldbemiddeling moved back in time (every date,
    birth dates too) until the oplossing started over 22 months before the period end: it still runs.

    Not with a running moratorium (its open end would grow into P10); the traject may stop being active
    (A01 recorded when that matters).
    """
    counts = ctx.key_counts()
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" not in t and "einddatum" not in t.get("oplossing", {"einddatum": None})
                  and t["oplossing"].get("soort") in ("Saneringskrediet", "Schuldbemiddeling")
                  and all("einddatum" in m for m in t.get("moratoria", [])) and ctx.unique_clients(t, counts)]
    li, ti = ctx.take("P09", rng, candidates)
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    shift = _ord(trajecten[ti]["oplossing"]["startdatum"]) - (pe - 700) + int(rng.random() * 60)
    before = _file_findings(ctx.doc)
    moved = _shift_dates(trajecten[ti], shift)
    while any(c.get("Geboortedatum") in _PLACEHOLDER_DATES for c in moved["client"]):
        shift += 1
        moved = _shift_dates(trajecten[ti], shift)
    trajecten[ti] = moved
    return [InjectedDefect("P09", f"{traject_path(li, ti)}.oplossing"), *_changed("P09", ctx.doc, before)]


def _inject_p10(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A moratorium whose datumAanvraag lies after its datumGoedkeuring (added when the file has none)."""
    existing = [(li, ti, k) for li, ti, t in ctx.trajecten() for k, _ in enumerate(t.get("moratoria", []))]
    if existing:
        li, ti, k = ctx.take("P10", rng, existing)
        item = _traject(ctx, li, ti)["moratoria"][k]
        item["datumAanvraag"] = _iso(_ord(item["datumGoedkeuring"]) + 1)
        return [InjectedDefect("P10", f"{traject_path(li, ti)}.moratoria[{k}]")]
    pe = _ord(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "stabilisatie" in t:
            limit = min(pe, _ord(t["einddatum"])) if "einddatum" in t else pe
            if _ord(t["stabilisatie"]["startdatum"]) + 3 <= limit:
                candidates.append((li, ti, limit))
    li, ti, limit = ctx.take("P10", rng, candidates)
    t = _traject(ctx, li, ti)
    base = _ord(t["stabilisatie"]["startdatum"])
    t["moratoria"] = [{"datumAanvraag": _iso(base + 2), "datumGoedkeuring": _iso(base + 1),
                       "startdatum": _iso(base + 3), "einddatum": _iso(min(base + 60, limit))}]
    return [InjectedDefect("P10", f"{traject_path(li, ti)}.moratoria[0]")]


def _inject_p11(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An oplossing with a startdatum but without soort."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "soort" in t.get("oplossing", {})]
    li, ti = ctx.take("P11", rng, candidates)
    del _traject(ctx, li, ti)["oplossing"]["soort"]
    return [InjectedDefect("P11", f"{traject_path(li, ti)}.oplossing")]


def _inject_p12(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A second begeleiding of the same soort that starts while the first runs (info: CBS merges them).

    An open end counts to the end of the peilperiode here (the tool: to the aanleverdatum, later or equal).
    """
    pe = _ord(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        if t.get("begeleiding"):
            first = t["begeleiding"][0]
            end = _ord(first["einddatum"]) if "einddatum" in first else pe
            if end - _ord(first["startdatum"]) >= 2:
                candidates.append((li, ti, end))
    li, ti, end = ctx.take("P12", rng, candidates)
    items = _traject(ctx, li, ti)["begeleiding"]
    first = items[0]
    start = _ord(first["startdatum"]) + 1 + int(rng.random() * (end - _ord(first["startdatum"]) - 1))
    second: dict = {"startdatum": _iso(start)}
    if "einddatum" in first:
        second["einddatum"] = first["einddatum"]
    second["soort"] = first["soort"]
    items.append(second)
    return [InjectedDefect("P12", f"{traject_path(li, ti)}.begeleiding[{len(items) - 1}]")]


def _small_gemeente(ctx: _Context, rng: random.Random, code: str, levering: int | None = None) -> Gemeente:
    """A gemeente under 10,000 inwoners (A01 does not apply) that is not in the file yet; in a nationwide
    file, with `levering`, one that is not in that levering."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    leveringen = ctx.doc["leveringen"]
    present = {normalize_code(t.get("gemeentecode")) for lev in leveringen for t in lev.get("schuldhulptrajecten", [])}
    small = sorted((g for g in _table() if g.valid_during(start, end) and 0 < g.inwoners < 10_000),
                   key=lambda g: g.code)
    options = [g for g in small if g.code not in present]
    if not options and levering is not None:
        own = {normalize_code(t.get("gemeentecode")) for t in leveringen[levering].get("schuldhulptrajecten", [])}
        options = [g for g in small if g.code not in own]
    if not options:
        raise ValueError(f"Fout {code} kan niet worden toegevoegd: geen kleine gemeente meer over.")
    return options[int(rng.random() * len(options))]


def _own_code_leveringen(ctx: _Context, self_delivering: bool, uniform: bool) -> list[int]:
    """Leveringen (not yet changed at levering level) whose organisation is (or is not) a gemeente, and
    whose trajecten carry at most one gemeentecode. `uniform`: exactly one, the organisation's own if it has
    one - such an organisation can change sides without changing any other finding (L05, T05)."""
    out = []
    for li, levering in enumerate(ctx.doc["leveringen"]):
        own = levering["aanleverende_organisatie"].get("gemeentecode")
        if (li, -1) in ctx.used or (own is not None) != self_delivering:
            continue
        codes = {normalize_code(t.get("gemeentecode")) for t in levering.get("schuldhulptrajecten", [])}
        one = len(codes) == 1 and None not in codes and (own is None or normalize_code(own) in codes)
        if one if uniform else len(codes - {None}) <= 1:
            out.append(li)
    return out


def _extra_levering_for_l05_l06(ctx: _Context, rng: random.Random, code: str,
                                self_delivering: bool) -> tuple[int, int]:
    """When no levering can take the change: a new levering with trajecten of two small gemeenten, from the
    first gemeente itself (L05) or from an organisation that is no gemeente (L06); (levering, odd traject)."""
    first = _small_gemeente(ctx, rng, code)
    li = _new_levering(ctx, rng, first, 2)
    levering = ctx.doc["leveringen"][li]
    org = levering["aanleverende_organisatie"]
    if self_delivering:
        org["gemeentecode"] = first.code
    else:
        org.pop("gemeentecode", None)
        org.setdefault("KvK-nummer", str(10_000_000 + int(rng.random() * 90_000_000)))
    levering["schuldhulptrajecten"][1]["gemeentecode"] = _small_gemeente(ctx, rng, code).code
    return li, 1


def _inject_l05(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A traject of another (small) gemeente in the levering of a gemeente that delivers itself.

    The levering then holds two gemeenten (L06, and F07 when the file held one) - recorded as extras.
    """
    own = {li: normalize_code(levering["aanleverende_organisatie"].get("gemeentecode"))
           for li, levering in enumerate(ctx.doc["leveringen"])}
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if own[li] is not None and normalize_code(t.get("gemeentecode")) == own[li]]
    if not candidates:  # no gemeente delivers itself: let one do so (its trajecten all carry its code)
        leveringen = set(_own_code_leveringen(ctx, False, uniform=True))
        candidates = [(li, ti) for li, ti, _ in ctx.trajecten() if li in leveringen]
    before = _file_findings(ctx.doc)
    if not candidates:
        li, ti = _extra_levering_for_l05_l06(ctx, rng, "L05", self_delivering=True)
        return [InjectedDefect("L05", traject_path(li, ti)), *_changed("L05", ctx.doc, before)]
    li, ti = ctx.take("L05", rng, candidates)
    gemeente = _small_gemeente(ctx, rng, "L05", li)
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    if "gemeentecode" not in org:
        org["gemeentecode"] = _traject(ctx, li, ti)["gemeentecode"]
    _traject(ctx, li, ti)["gemeentecode"] = gemeente.code
    ctx.used.add((li, -1))
    return [InjectedDefect("L05", traject_path(li, ti)), *_changed("L05", ctx.doc, before)]


def _inject_l06(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A traject of another (small) gemeente in a levering of an organisation that is no gemeente."""
    leveringen = set(_own_code_leveringen(ctx, False, uniform=False))
    if not leveringen:  # every gemeente delivers itself: let one levering come from a kredietbank
        leveringen = set(_own_code_leveringen(ctx, True, uniform=True))
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if li in leveringen and normalize_code(t.get("gemeentecode")) is not None]
    before = _file_findings(ctx.doc)
    if not candidates:
        li, _ = _extra_levering_for_l05_l06(ctx, rng, "L06", self_delivering=False)
        changed = _changed("L06", ctx.doc, before)
        return [InjectedDefect("L06", f"$.leveringen[{li}]"), *(x for x in changed if x.rule != "L06")]
    li, ti = ctx.take("L06", rng, candidates)
    gemeente = _small_gemeente(ctx, rng, "L06", li)
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    if "gemeentecode" in org:
        del org["gemeentecode"]
        org.setdefault("KvK-nummer", str(10_000_000 + int(rng.random() * 90_000_000)))
    _traject(ctx, li, ti)["gemeentecode"] = gemeente.code
    ctx.used.add((li, -1))
    changed = _changed("L06", ctx.doc, before)
    return [InjectedDefect("L06", f"$.leveringen[{li}]"), *(x for x in changed if x.rule != "L06")]


def _pick_levering(ctx: _Context, rng: random.Random, code: str) -> int:
    """A levering not yet changed at levering level (any one when all are)."""
    n = len(ctx.doc["leveringen"])
    free = [li for li in range(n) if (li, -1) not in ctx.used] or list(range(n))
    li = free[int(rng.random() * len(free))]
    ctx.used.add((li, -1))
    return li


def _inject_l07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A KvK-nummer of 7 digits (a leading zero lost in a number column)."""
    li = _pick_levering(ctx, rng, "L07")
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    org["KvK-nummer"] = str(1_000_000 + int(rng.random() * 9_000_000))
    return [InjectedDefect("L07", f"$.leveringen[{li}]")]


def _inject_l08(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Contactpersonen without an e-mail address (left out: an invalid address would also be S01)."""
    li = _pick_levering(ctx, rng, "L08")
    for contact in ctx.doc["leveringen"][li]["aanleverende_organisatie"].get("contactpersonen", []):
        contact.pop("email", None)
    return [InjectedDefect("L08", f"$.leveringen[{li}]")]


def _inject_l09(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """codeGegevensleverancier with the supplier's name only, no software version."""
    ctx.doc["codeGegevensleverancier"] = _LEVERANCIERS[int(rng.random() * len(_LEVERANCIERS))]
    return [InjectedDefect("L09", "$")]


def _new_levering(ctx: _Context, rng: random.Random, gemeente: Gemeente, trajecten: int) -> int:
    """Append a levering of `trajecten` clean trajecten started in the period; they are taken (ctx.used)."""
    b = ctx.builder
    saved = b.rng
    b.rng = rng
    try:
        teller = max([lev.get("teller", 0) for lev in ctx.doc["leveringen"]], default=0) + 1
        levering = b.levering(teller, gemeente, gemeente.code, trajecten, in_period_only=True)
    finally:
        b.rng = saved
    ctx.doc["leveringen"].append(levering)
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.update((li, ti) for ti in range(trajecten))
    ctx.used.add((li, -1))
    return li


def _inject_f07(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A second gemeente (small: no A01) in its own levering with one traject: one file, two gemeenten.

    Nothing is added when the file already holds several gemeenten (F07 is there, perhaps from A01).
    """
    before = _file_findings(ctx.doc)
    if ("F07", "$", None) in before:
        return []
    _new_levering(ctx, rng, _small_gemeente(ctx, rng, "F07"), 1)
    return _changed("F07", ctx.doc, before)


def _inject_a02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering for a very small gemeente with far more active clients than its size predicts."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    present = {normalize_code(t.get("gemeentecode")) for levering in ctx.doc["leveringen"]
               for t in levering.get("schuldhulptrajecten", [])}
    options = sorted((g for g in _table() if g.valid_during(start, end) and 0 < g.inwoners < 2_500
                      and g.code not in present), key=lambda g: g.code)
    if not options:
        raise ValueError("Fout A02 kan niet worden toegevoegd: geen kleine gemeente meer over.")
    gemeente = options[int(rng.random() * len(options))]
    before = _file_findings(ctx.doc)
    years = (b.pe - b.ps + 1) / 365.25
    count = max(20, math.ceil(5 * gemeente.inwoners * REFERENCE_RATE * years)) + 6
    _new_levering(ctx, rng, gemeente, count)
    found = _changed("A02", ctx.doc, before)
    if not found or found[0].rule != "A02":  # cannot happen: every added traject starts in the period
        raise ValueError("Fout A02 kan niet worden toegevoegd: te weinig actieve cliënten.")
    return found


def _inject_l10(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering without schuldhulptrajecten (an organisation exported with an empty selection)."""
    b = ctx.builder
    code = next((t["gemeentecode"] for lev in ctx.doc["leveringen"] for t in lev.get("schuldhulptrajecten", [])
                 if normalize_code(t.get("gemeentecode")) and _table().get(t["gemeentecode"])), None)
    gemeente = _table().get(code) if code else None
    saved = b.rng
    b.rng = rng
    try:
        org = b.organisation(gemeente, code or "0000", self_delivering=False)
    finally:
        b.rng = saved
    teller = max([lev.get("teller", 0) for lev in ctx.doc["leveringen"]], default=0) + 1
    ctx.doc["leveringen"].append({"teller": teller, "aanleverende_organisatie": org, "schuldhulptrajecten": []})
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.add((li, -1))
    return [InjectedDefect("L10", f"$.leveringen[{li}]")]


def _inject_l04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A gap in the tellers: the last levering numbered one too high (a warning; a duplicate is an error)."""
    leveringen = ctx.doc["leveringen"]
    leveringen[-1]["teller"] = max(lev.get("teller", 0) for lev in leveringen) + 1
    return [InjectedDefect("L04", f"$.leveringen[{len(leveringen) - 1}]")]


def _inject_a04(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Most schulden share one peildatum (a conversion default): the last day of the peilperiode.

    That day is never after the aanleverdatum nor two years before a traject start (no D02). Free trajecten
    with the most schulden are changed first, as few as possible, and taken; when they are too few, also
    schulden of trajecten other defects took, except a peildatum that is a D02 defect itself.
    """
    value = ctx.doc["einddatumLevering"]
    cutoff = ctx.doc["aanleverdatumEnTijd"][:10]
    total = same = 0
    for levering in ctx.doc["leveringen"]:
        for t in levering.get("schuldhulptrajecten", []):
            for schuld in t.get("schulden", []):
                if _day(schuld.get("peildatum")):
                    total += 1
                    same += schuld["peildatum"] == value
    free = sorted(((len(t.get("schulden", [])), li, ti) for li, ti, t in ctx.trajecten() if t.get("schulden")),
                  key=lambda x: (-x[0], x[1], x[2]))
    taken = [(0, li, ti) for li, levering in enumerate(ctx.doc["leveringen"])
             for ti, t in enumerate(levering.get("schuldhulptrajecten", []))
             if (li, ti) in ctx.used and t.get("schulden") and _day(t.get("startdatum"))]
    changes: list[tuple[int, int, int]] = []
    for _, li, ti in free + taken:
        if total >= 10 and same > total / 2:
            break
        t = _traject(ctx, li, ti)
        earliest = _iso(_ord(t["startdatum"]) - 730)
        for k, schuld in enumerate(t["schulden"]):
            peildatum = _day(schuld.get("peildatum"))
            if peildatum == value or ((li, ti) in ctx.used and not (peildatum and earliest <= peildatum <= cutoff)):
                continue
            changes.append((li, ti, k))
            same += 1
            total += peildatum is None
    if not (total >= 10 and same > total / 2):
        ctx.take("A04", rng, [])  # raises: too few schulden
    for li, ti, k in changes:
        _traject(ctx, li, ti)["schulden"][k]["peildatum"] = value
    ctx.used.update((li, ti) for li, ti, _ in changes)
    return [InjectedDefect("A04", "$")]


def _inject_a03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.startdatum left out in just over 20% of the trajecten (the aanmelding itself stays: no P03).

    Only trajecten that stay (in)active without it (A01 counts); they are all taken.
    """
    ps, pe = ctx.doc["startdatumLevering"], ctx.doc["einddatumLevering"]
    total = filled = 0
    for levering in ctx.doc["leveringen"]:
        for t in levering.get("schuldhulptrajecten", []):
            total += 1
            filled += _field(t, "aanmelding", "startdatum") is not None
    need = math.floor(filled - 0.8 * total) + 1  # the empty share must exceed 20%: filled < 0.8 * total
    candidates = []
    for li, ti, t in ctx.trajecten():
        if _field(t, "aanmelding", "startdatum"):
            without = dict(t, aanmelding={k: v for k, v in t["aanmelding"].items() if k != "startdatum"})
            if _is_active(without, ps, pe) == _is_active(t, ps, pe):
                candidates.append((li, ti))
    if need <= 0 or len(candidates) < need:
        ctx.take("A03", rng, [])  # raises: too few trajecten (or the field is already empty too often)
    before = _file_findings(ctx.doc)
    for k in sorted(rng.sample(range(len(candidates)), need)):
        li, ti = candidates[k]
        del _traject(ctx, li, ti)["aanmelding"]["startdatum"]
        ctx.used.add((li, ti))
    found = _changed("A03", ctx.doc, before)
    if not found or found[0].rule != "A03":  # cannot happen: the share is counted as the tool does
        raise ValueError("Fout A03 kan niet worden toegevoegd.")
    return found


def _late_dates(ctx: _Context, cutoffs: tuple[str, str]) -> tuple[set, set]:
    """T03 per traject and D02 per schuld: dates after each cutoff (an aanleverdag), in one pass."""
    out: tuple[set, set] = (set(), set())
    for li, levering in enumerate(ctx.doc["leveringen"]):
        for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
            latest = max(_dates_in(t, skip_clients=True), default="")
            for found, cutoff in zip(out, cutoffs, strict=True):
                if latest > cutoff:
                    found.add(("T03", traject_path(li, ti), None))
                    for k, schuld in enumerate(t.get("schulden", [])):
                        if (_day(schuld.get("peildatum")) or "") > cutoff:
                            found.add(("D02", f"{traject_path(li, ti)}.schulden[{k}]", None))
    return out


def _inject_l03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """Delivered on the last day of the peilperiode (period not finished): a warning.

    Dates between that day and the old aanleverdatum become future dates (T03, D02) - none in a clean file.
    """
    old = ctx.doc["aanleverdatumEnTijd"]
    late_before, late_after = _late_dates(ctx, (old[:10], ctx.doc["einddatumLevering"]))
    before = _file_findings(ctx.doc) | late_before
    ctx.doc["aanleverdatumEnTijd"] = ctx.doc["einddatumLevering"] + old[10:]
    after = _file_findings(ctx.doc) | late_after
    if before - after:
        raise ValueError("Fout L03 kan niet samen met de andere gevraagde fouten.")
    new = sorted(after - before, key=lambda x: (x[0] != "L03", x[0], x[1]))
    return [InjectedDefect(rule, path, key if rule in ("A01", "A02") else None) for rule, path, key in new]


def _inject_l02(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """A peilperiode starting a few days early (a month-end export): not a half or whole year.

    At most 10 days, so a T02 traject (ended at least 15 days before the period) stays outside it.
    """
    before = _file_findings(ctx.doc)
    start = _ord(ctx.doc["startdatumLevering"])
    ctx.doc["startdatumLevering"] = _iso(start - 1 - int(rng.random() * 10))
    return _changed("L02", ctx.doc, before)


def _inject_l01(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """startdatumLevering one day after einddatumLevering: the period runs backwards.

    The tool then reports L01 only: rules that compare with the period (T02, T06, A01, A02) skip the file,
    and L02 is silent. So it cannot be combined with defects for those rules (their findings disappear).
    """
    before = _file_findings(ctx.doc)
    ctx.doc["startdatumLevering"] = _iso(_ord(ctx.doc["einddatumLevering"]) + 1)
    return _changed("L01", ctx.doc, before)


def _inject_s03(ctx: _Context, rng: random.Random) -> list[InjectedDefect]:
    """An export in the older v0.10 model: 'Beeindigingsbeschikking' as beschikkingssoort and no
    uitstroom.datumBeeindigingsbeschikking (new in v1.0). The tool checks it as v0.10 and warns (S03)."""
    from .validate import get_validator  # only here: the schemas decide which version a file passes

    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "beschikkingssoort" in t.get("intake", {})]
    li, ti = ctx.take("S03", rng, candidates)
    for levering in ctx.doc["leveringen"]:
        for t in levering.get("schuldhulptrajecten", []):
            uitstroom = t.get("uitstroom")
            if isinstance(uitstroom, dict) and "datumBeeindigingsbeschikking" in uitstroom:
                if uitstroom["datumBeeindigingsbeschikking"] not in (uitstroom.get("datum"), t.get("einddatum")):
                    raise ValueError("Fout S03 kan niet samen met een afwijkende datumBeeindigingsbeschikking (T08).")
                del uitstroom["datumBeeindigingsbeschikking"]
    _traject(ctx, li, ti)["intake"]["beschikkingssoort"] = "Beeindigingsbeschikking"
    if not get_validator("SHV", "0.10").is_valid(ctx.doc):
        raise ValueError("Fout S03 kan niet samen met schemafouten (S01, S02): zo'n bestand past op geen enkele "
                         "versie en wordt als v1.0 gecontroleerd.")
    return [InjectedDefect("S03", "$")]


# ------------------------------------------------------------------ defects: fasen, levering, schema, bestand
#: P, L, S, F and A rules (same shape as `_DEFECTS`).
_DEFECTS_LEVERING: dict[str, tuple[str, Injector]] = {
    "P03": ("Een traject met intake maar zonder aanmelding.", _inject_p03),
    "P04": ("Een intake met beschikkingssoort maar zonder beschikkingsdatum.", _inject_p04),
    "P05": ("intake.einddatum een paar dagen vóór de beschikkingsdatum.", _inject_p05),
    "P06": ("Een afwijzingsbeschikking in een traject dat daarna toch in stabilisatie ging.", _inject_p06),
    "P07": ("Dwangakkoord true bij een schuldregeling zonder datum van toekenning.", _inject_p07),
    "P08": ("Een schuldregeling die zowel toegekend als afgewezen is (of een uitkomst vóór de datum van "
            "indienen).", _inject_p08),
    "P09": ("Een lange betalingsregeling als saneringskrediet of schuldbemiddeling (langer dan 18 + 3 maanden).",
            _inject_p09),
    "P10": ("Een moratorium met datumAanvraag na datumGoedkeuring (zo nodig een nieuw moratorium).", _inject_p10),
    "P11": ("Een oplossing met startdatum maar zonder soort.", _inject_p11),
    "P12": ("Twee overlappende begeleidingen van dezelfde soort in één traject (info).", _inject_p12),
    "L05": ("Een traject van een andere (kleine) gemeente in de levering van een gemeente die zelf levert; "
            "geeft ook L06 en eventueel F07.", _inject_l05),
    "L06": ("Een traject van een andere (kleine) gemeente in de levering van een organisatie die geen gemeente "
            "is; eventueel met F07.", _inject_l06),
    "L07": ("Een KvK-nummer van 7 cijfers.", _inject_l07),
    "L08": ("Contactpersonen zonder e-mailadres.", _inject_l08),
    "L09": ("codeGegevensleverancier zonder versienummer.", _inject_l09),
    "F07": ("Een extra levering met één traject van een tweede (kleine) gemeente.", _inject_f07),
    "A02": ("Een extra levering voor een heel kleine gemeente met veel te veel actieve cliënten; eventueel met "
            "F07.", _inject_a02),
    "L10": ("Een extra levering zonder schuldhulptrajecten.", _inject_l10),
    "L04": ("Een gat in de tellers: de laatste levering één te hoog genummerd.", _inject_l04),
    "A04": ("Meer dan de helft van de schulden met dezelfde peildatum (de laatste dag van de peilperiode).",
            _inject_a04),
    "A03": ("aanmelding.startdatum leeg in iets meer dan 20% van de trajecten.", _inject_a03),
    "L03": ("Aangeleverd op de laatste dag van de peilperiode.", _inject_l03),
    "L02": ("Een peilperiode die een paar dagen te vroeg begint (geen half of heel jaar).", _inject_l02),
    "L01": ("startdatumLevering na einddatumLevering. Niet samen met T02, T06, A01, A02 of L02 (die zwijgen "
            "dan).", _inject_l01),
    "S03": ("Een export in het oudere model v0.10 (beschikkingssoort 'Beeindigingsbeschikking', zonder "
            "datumBeeindigingsbeschikking). Niet samen met S01, S02 of T08.", _inject_s03),
}

#: rule code -> (what is injected, in Dutch; injector). The order is the order of injection.
_DEFECTS: dict[str, tuple[str, Injector]] = {**_DEFECTS_BASE, **_DEFECTS_TRAJECT, **_DEFECTS_LEVERING}
assert len(_DEFECTS) == len(_DEFECTS_BASE) + len(_DEFECTS_TRAJECT) + len(_DEFECTS_LEVERING), "a code registered twice"

SUPPORTED_DEFECTS: dict[str, str] = {code: text for code, (text, _) in _DEFECTS.items()}
_INJECTORS: dict[str, Injector] = {code: injector for code, (_, injector) in _DEFECTS.items()}
