"""A — aggregate plausibility: failing and passing cases as small patches on the SHV base delivery.

A01 and A02 count over all files of a run, so their cases run alone (see tests/cases/__init__.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

from conftest import Case, combine, nothing, set_fields, traject


def _bsns(first: int) -> Iterator[str]:
    """Test-range BSNs from `first` on that pass the 11-test."""
    from stdnum.nl import bsn as stdnum_bsn

    return (str(n) for n in range(first, 999999999) if stdnum_bsn.is_valid(str(n)))


def big_gemeente(active_trajecten: int) -> Callable[[dict], None]:
    """Patch: move everything to Zandvoort (17,469 inwoners, ~87 expected clients a year) and add
    `active_trajecten` single-client copies of traject 3."""
    def patch(doc: dict) -> None:
        levering = doc["leveringen"][0]
        levering["aanleverende_organisatie"]["gemeentecode"] = "0473"
        for item in levering["schuldhulptrajecten"]:
            item["gemeentecode"] = "0473"
        template = traject(doc, 3)
        numbers = _bsns(999991000)
        for _ in range(active_trajecten):
            extra = copy.deepcopy(template)
            extra["client"] = [{**template["client"][0], "Burgerservicenummer": next(numbers)}]
            levering["schuldhulptrajecten"].append(extra)
    return patch


def big_vlieland(doc: dict, extra: int, same_start: bool = False) -> None:
    """Add `extra` single-client trajecten in Vlieland (1,255 inwoners, ~6 expected clients a year)."""
    numbers = _bsns(999992000)
    for i in range(extra):
        day = "2024-05-01" if same_start else f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}"
        template = copy.deepcopy(traject(doc, 3))
        template.update(startdatum=day, client=[{**template["client"][0], "Burgerservicenummer": next(numbers)}])
        template["aanmelding"] = {"startdatum": day, "crisisinterventie": False}
        template.pop("voorlopigeVoorzieningen")
        doc["leveringen"][0]["schuldhulptrajecten"].append(template)


def _without_first_bsn_except_traject_2(doc: dict) -> None:
    for item in doc["leveringen"][0]["schuldhulptrajecten"]:
        if item is not traject(doc, 2):
            item["client"][0].pop("Burgerservicenummer", None)


CASES = [
    # A01 — implausibly low client count
    Case("A01", "grote gemeente met een handvol cliënten", big_gemeente(0), "$", "error"),
    Case("A01", "grote gemeente met 22% van de verwachte cliënten", big_gemeente(15), "$", "warning"),
    Case("A01", "kleine gemeente (< 10.000 inwoners) telt niet", nothing, None),
    Case("A01", "genoeg actieve cliënten voor de gemeente", big_gemeente(40), None),
    Case("A01", "opgeheven gemeente (Bedum, 10.433 inwoners, tot 2019) is T06, geen A01",
         combine(*(set_fields(i, gemeentecode="0005") for i in range(4))), None),
    # A02 — implausibly many clients
    Case("A02", "veel meer actieve cliënten dan verwacht", lambda d: big_vlieland(d, 40), "$", "warning"),
    Case("A02", "kleine gemeente met weinig cliënten", nothing, None),
    # A03 — fill rates
    Case("A03", "BSN vaak leeg", _without_first_bsn_except_traject_2, "$", "warning"),
    Case("A03", "BSN bij één partner leeg (20%)", nothing, None),
    # A04 — value concentration
    Case("A04", "zestien trajecten met hetzelfde totaalbedrag", lambda d: big_vlieland(d, 12), "$", "warning"),
    # one finding per field: startdatum, aanmelding.startdatum and totaalSchuldbedragBijAanvangSchuld
    Case("A04", "twaalf trajecten met dezelfde startdatum", lambda d: big_vlieland(d, 12, same_start=True),
         ("$", "$", "$"), "warning"),
    Case("A04", "minder dan 10 gevulde records", nothing, None),
    # A05 — against the previous delivery (--previous; runs alone)
    Case("A05", "drie keer zo veel actieve cliënten als de vorige levering", nothing, "$", "warning",
         previous=lambda d: d["leveringen"][0]["schuldhulptrajecten"].pop()),
    Case("A05", "een vijfde minder trajecten dan de vorige levering", nothing, None,
         previous=lambda d: d["leveringen"][0]["schuldhulptrajecten"].append(copy.deepcopy(traject(d, 2)))),
    Case("A05", "zonder vorige levering", nothing, None),
]
