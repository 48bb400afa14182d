"""What the SHV and VS generators of synthetic deliveries share: records, invented values, the injection loop.

Real deliveries hold BSNs and may never be used in tests, examples or a supplier's CI, so everything a
generator writes is invented: BSNs only from the official test range, synthetic postcodes and names, e-mail
addresses on `.example` domains. Generation is deterministic for a seed: every draw goes through a
`random.Random` the caller owns (never global random or the clock), so each helper here takes the
stream's `random` method and draws in a fixed order.
"""

from __future__ import annotations

import bisect
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ...catalogue import CATALOGUE
from ...gemeenten import GemeenteTable, load_table, normalize_code

#: The BSN test range (RvIG): numbers here are never issued to real people.
TEST_BSN_RANGE = (999_990_000, 999_999_999)

LEVERANCIERS = ["SchuldSoft", "Kredietwerk", "FinHulp Suite", "Budgetplan", "SchuldenLab"]
VOORNAMEN = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gerrit", "Hanna", "Ilse", "Joost",
             "Karim", "Lotte", "Mehmet", "Noor", "Pieter", "Rosa", "Sanne", "Tom", "Yara", "Wim"]
ACHTERNAMEN = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
               "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"]
#: Letters a Dutch postcode may end in (SA, SD and SS are never issued).
PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

#: A generator's margins inside the plausibility rules (A01/A02, V10): a clean file never trips them by chance.
_FIT_LOW, _FIT_HIGH, _FIT_SMALL = 0.6, 1.6, 4


# --------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class InjectedDefect:
    """One injected defect: the rule that must fire and the JSON path where it must be reported."""

    rule: str
    path: str
    gemeentecode: str | None = None


@dataclass
class GeneratedDelivery:
    """A generated document with what a check of it must report."""

    document: dict
    defects: list[InjectedDefect]
    #: per defect code asked for, what its injection recorded (its own rule first, then the side effects)
    by_code: dict[str, list[InjectedDefect]] = dataclass_field(default_factory=dict)

    def expected_findings(self) -> list[dict[str, str]]:
        """The findings a check must report, as JSON-ready rows (rule, path, and gemeentecode where it matters)."""
        return [{"rule": x.rule, "path": x.path} | ({"gemeentecode": x.gemeentecode} if x.gemeentecode else {})
                for x in self.defects]


# --------------------------------------------------------------------------------------------------
# Defect codes and their injection


def asked_codes(defects: Iterable[str], supported: Iterable[str], generator: str = "de generator") -> list[str]:
    """The defect codes asked for, upper case, each once in the order asked; ValueError (Dutch) for unknown ones."""
    codes = list(dict.fromkeys(code.strip().upper() for code in defects))
    known = list(supported)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(f"Deze fouten kan {generator} niet maken: {', '.join(unknown)}. Wel: {', '.join(known)}.")
    return codes


def inject_defects(document: dict, ctx: object, asked: Sequence[str],
                   injectors: dict[str, Callable[..., list[InjectedDefect]]], stream: str) -> GeneratedDelivery:
    """Run the injectors asked for, in registry order (so the result does not depend on the order asked),
    each with its own random stream `stream + code`: a defect lands on the same place whatever else is asked."""
    injected: list[InjectedDefect] = []
    by_code: dict[str, list[InjectedDefect]] = {}
    for code, inject in injectors.items():
        if code in asked:
            by_code[code] = inject(ctx, random.Random(f"{stream}{code}"))
            injected.extend(by_code[code])
    return GeneratedDelivery(document=document, defects=injected, by_code=by_code)


def threshold(code: str, name: str) -> Any:
    """A threshold's default from the catalogue: a generated file is clean (or defective) by those defaults."""
    thresholds = CATALOGUE[code].thresholds
    if thresholds is None or name not in thresholds:
        raise KeyError(f"De catalogus heeft geen drempel {name} voor {code}.")
    return thresholds[name]


# --------------------------------------------------------------------------------------------------
# BSNs


def elfproef(number: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True)) - int(number[8])
    return total % 11 == 0


@lru_cache(maxsize=1)
def valid_test_bsns() -> tuple[str, ...]:
    """All BSNs in the test range that pass the 11-test (909 of them)."""
    low, high = TEST_BSN_RANGE
    return tuple(str(n) for n in range(low, high + 1) if elfproef(str(n)))


# --------------------------------------------------------------------------------------------------
# Period, gemeenten, invented values


def period(year: int, half: int | None) -> tuple[date, date]:
    """The peilperiode: the whole year, or its first or second half."""
    if half is None:
        return date(year, 1, 1), date(year, 12, 31)
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    if half == 2:
        return date(year, 7, 1), date(year, 12, 31)
    raise ValueError(f"halfjaar moet 1, 2 of leeg zijn, niet {half!r}.")


def delivery_day(end: date, draw: Callable[[], float]) -> date:
    """The aanleverdatum: two to four weeks after the peilperiode (L03 wants it after the period)."""
    return date.fromordinal(end.toordinal() + 14 + int(draw() * 15))


def delivery_moment(day: date, draw: Callable[[], float]) -> str:
    """aanleverdatumEnTijd on `day`, during office hours, in UTC."""
    return f"{day.isoformat()}T{8 + int(draw() * 9):02d}:{int(draw() * 60):02d}:00Z"


@lru_cache(maxsize=1)
def gemeente_table() -> GemeenteTable:
    """The shipped gemeente table, read once."""
    return load_table()


def parse_gemeentecode(raw: str) -> str:
    """A gemeentecode given by the user as the 4-digit CBS code; ValueError (Dutch) when it is none."""
    code = normalize_code(raw)
    if code is None:
        raise ValueError(f"'{raw}' is geen gemeentecode (4 cijfers, eventueel met GM ervoor).")
    return code


def expected_count(inwoners: int, rate: float, months: int) -> float:
    """Clients (or signals) a gemeente is expected to have in `months`, at `rate` per inhabitant per year."""
    return inwoners * rate * months / 12


def fits_population(expected: float, inwoners: int, *, active: float, counted: float, min_inwoners: float,
                    min_count: float) -> bool:
    """Whether a file of this size looks ordinary for a gemeente: `active` (for too few) and `counted` (for
    too many) well inside the plausibility rules' bounds, so that a clean file never trips them by chance.
    Under `min_inwoners` only the too-many rule applies, and only from `min_count` on."""
    if inwoners < min_inwoners:
        return counted < min_count or counted <= _FIT_SMALL * expected
    return _FIT_LOW * expected <= active <= _FIT_HIGH * expected


def slug(text: str) -> str:
    """Lower-case ASCII with dashes, for invented e-mail addresses and domains."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "gemeente"


def postcode(draw: Callable[[], float]) -> str:
    """A synthetic postcode of a valid form (three draws, more when the letters are never issued)."""
    while True:
        letters = PC_LETTERS[int(draw() * 20)] + PC_LETTERS[int(draw() * 20)]
        if letters not in ("SA", "SD", "SS"):
            return f"{1000 + int(draw() * 9000)}{letters}"


def leverancier(draw: Callable[[], float]) -> str:
    """The name of an invented supplier of case-management software (codeGegevensleverancier)."""
    return LEVERANCIERS[int(draw() * len(LEVERANCIERS))]


def person_name(draw: Callable[[], float]) -> tuple[str, str]:
    """(voornaam, achternaam) of an invented contact person or client."""
    voornaam = VOORNAMEN[int(draw() * len(VOORNAMEN))]
    return voornaam, ACHTERNAMEN[int(draw() * len(ACHTERNAMEN))]


def email(voornaam: str, achternaam: str, organisation: str) -> str:
    """An address on the organisation's `.example` domain (never deliverable)."""
    return f"{slug(voornaam)}.{slug(achternaam)}@{slug(organisation)}.example"


class Picker:
    """Weighted choice with one random number (random.choices is slow in a hot loop)."""

    def __init__(self, weighted: Sequence[tuple[object, float]]) -> None:
        self.items = [item for item, _ in weighted]
        self.cumulative: list[float] = []
        total = 0.0
        for _, weight in weighted:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self, u: float) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, u * self.total)]


# --------------------------------------------------------------------------------------------------
# Writing

# Lists written one item per line, so a big file streams and diffs readably.
_ONE_PER_LINE = frozenset({"schuldhulptrajecten", "vroegsignalen", "vroegsignaalzaken"})


def write_delivery(document: dict, path: Path) -> None:
    """Write the document as JSON, one traject or signal per line, without building the whole text in memory."""
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


def _write_levering(fh: BinaryIO, levering: object, dumps: Callable[[Any], bytes]) -> None:
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
            for j, item in enumerate(value):
                fh.write(b"        " + dumps(item) + (b",\n" if j < last else b"\n"))
            fh.write(b"      ]" + tail)
        else:
            fh.write(b"      " + dumps(key) + b": " + dumps(value) + tail)
    fh.write(b"    }")
