"""`generate_delivery`: a whole synthetic SHV v1.0 delivery, clean or with defects injected afterwards."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from ....no_cycles import collector_paused
from ...common import synthetic
from .build import Builder
from .context import InjectionContext
from .plan import CLIENTS_PER_TRAJECT, plan_gemeenten
from .registry import INJECTORS, SUPPORTED_DEFECTS


def generate_delivery(*, trajecten: int, seed: int, year: int = 2024, half: int | None = None,
                      gemeentecodes: Sequence[str] | None = None, defects: Sequence[str] = (),
                      bsn_slice: tuple[int, int] = (1, 1),
                      pseudonyms: Callable[[], str] | None = None) -> synthetic.GeneratedDelivery:
    """A synthetic SHV v1.0 delivery of `trajecten` trajecten, with one injected instance per defect code.

    `gemeentecodes`: one levering per code, trajecten split evenly (counts need not fit the population);
    default: gemeenten chosen from the seed so that client counts fit (A01/A02).
    `bsn_slice=(k, n)`: use only part k of n of the 909 test BSNs. Files generated separately share
    BSNs, so checked together they show C08 samenloop; give each file its own part to prevent that.
    `pseudonyms`: draws the value of every client's BSN field instead (anonymized samples, national sets).
    Raises ValueError (Dutch message) for unusable arguments or a defect that finds no place.
    """
    if trajecten < 1:
        raise ValueError("Er is minstens één traject nodig.")
    if not (isinstance(bsn_slice, tuple) and len(bsn_slice) == 2 and 1 <= bsn_slice[0] <= bsn_slice[1]):
        raise ValueError(f"bsn_slice moet (k, n) zijn met 1 <= k <= n, niet {bsn_slice!r}.")
    codes_asked = synthetic.asked_codes(defects, SUPPORTED_DEFECTS)
    # The document is a tree of fresh dicts and lists without cycles: the cyclic garbage collector
    # only re-scans it again and again (about 40% of the time for 100,000 trajecten).
    with collector_paused():
        return _generate(trajecten, seed, year, half, gemeentecodes, codes_asked, bsn_slice, pseudonyms)


def _generate(trajecten: int, seed: int, year: int, half: int | None, gemeentecodes: Sequence[str] | None,
              codes_asked: list[str], bsn_slice: tuple[int, int],
              pseudonyms: Callable[[], str] | None = None) -> synthetic.GeneratedDelivery:
    rng = random.Random(seed)
    start, end = synthetic.period(year, half)
    months = 12 if half is None else 6
    aanlever = synthetic.delivery_day(end, rng.random)
    aanlever_text = synthetic.delivery_moment(aanlever, rng.random)

    if gemeentecodes:
        normalized = [synthetic.parse_gemeentecode(raw) for raw in gemeentecodes]
        if len(normalized) > trajecten:
            raise ValueError("Minder trajecten dan gemeenten: elke levering heeft minstens één traject.")
        base, extra = divmod(trajecten, len(normalized))
        plan = [(synthetic.gemeente_table().get(code), code, base + (1 if i < extra else 0))
                for i, code in enumerate(normalized)]
    else:
        plan = [(g, g.code, n) for g, n in plan_gemeenten(rng, trajecten, start, end, months)]

    leverancier = synthetic.leverancier(rng.random)
    versie = f"{1 + int(rng.random() * 6)}.{int(rng.random() * 10)}.{int(rng.random() * 20)}"
    builder = Builder(rng, start, end, aanlever, trajecten * CLIENTS_PER_TRAJECT * 1.02, bsn_slice, pseudonyms)
    leveringen = [builder.levering(teller, g, code, n) for teller, (g, code, n) in enumerate(plan, start=1)]
    document = {
        "startdatumLevering": start.isoformat(),
        "einddatumLevering": end.isoformat(),
        "aanleverdatumEnTijd": aanlever_text,
        "codeGegevensleverancier": f"{leverancier} {versie}",
        "leveringen": leveringen,
    }
    if not codes_asked:
        return synthetic.GeneratedDelivery(document=document, defects=[])
    return synthetic.inject_defects(document, InjectionContext(document, builder), codes_asked, INJECTORS, f"{seed}/")


def generate(count: int, *, seed: int, year: int, half: int | None, gemeentecodes: Sequence[str] | None,
             defects: Sequence[str]) -> synthetic.GeneratedDelivery:
    """`ddas-quality generate --domain shv`: `count` trajecten, one levering per gemeentecode."""
    return generate_delivery(trajecten=count, seed=seed, year=year, half=half, gemeentecodes=gemeentecodes or None,
                             defects=defects)



