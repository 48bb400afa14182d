"""`generate_vs_delivery`: a whole synthetic VS delivery for one gemeente, in any version of the exchange model,
clean or with V defects."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from ...common import synthetic
from .build import Builder, Plan, day
from .defects import DEFECTS, SUPPORTED_VS_DEFECTS, Context
from .file_rules import fitting_gemeenten
from .versions import check_version, in_version


def generate_vs_delivery(*, signalen: int, seed: int, year: int = 2025, half: int | None = None,
                         gemeentecode: str | None = None, defects: Sequence[str] = (),
                         version: str | None = None,
                         pseudonyms: Callable[[], str] | None = None) -> synthetic.GeneratedDelivery:
    """A synthetic VS delivery with `signalen` signals for one gemeente, one injected instance per defect,
    written in `version` of the exchange model (default: the current one, `DOMAIN.current`).

    `gemeentecode`: this gemeente (then the count need not fit its population: V10 may report it);
    default: one chosen from the seed whose population fits. Raises ValueError (Dutch) when nothing fits.
    The same seed gives the same delivery in every version, with the defects on the same paths.
    `pseudonyms`: draws the value of a client's BSN field instead of the test BSNs (national sets).
    """
    version = check_version(version)
    if signalen < 1:
        raise ValueError("Er is minstens één signaal nodig.")
    codes = synthetic.asked_codes(defects, SUPPORTED_VS_DEFECTS, "de generator voor VS")
    if {"V01", "V10"} <= set(codes):
        raise ValueError("V01 en V10 veranderen allebei de gemeentecode van de levering: vraag ze apart.")
    rng = random.Random(f"vs/{seed}")
    start, end = synthetic.period(year, half)
    months = 12 if half is None else 6
    if gemeentecode:
        code = synthetic.parse_gemeentecode(gemeentecode)
        gemeente = synthetic.gemeente_table().get(code)
    else:
        fitting = fitting_gemeenten(signalen, start, end, months)
        if not fitting:
            raise ValueError(f"{signalen} signalen passen bij geen enkele gemeente (V10). Kies minder signalen "
                             f"of geef een gemeente op met --gemeente.")
        gemeente = fitting[int(rng.random() * len(fitting))]
        code = gemeente.code
    aanlever = synthetic.delivery_day(end, rng.random)
    builder = Builder(rng, Plan(start, end, aanlever), signalen, pseudonyms)
    leverancier = synthetic.leverancier(rng.random)
    document = {
        "startdatumLevering": day(start),
        "einddatumLevering": day(end),
        "aanleverdatumEnTijd": synthetic.delivery_moment(aanlever, rng.random),
        "codeGegevensleverancier": f"{leverancier} VS {1 + int(rng.random() * 4)}.{int(rng.random() * 10)}",
        "leveringen": [builder.levering(1, gemeente, code, signalen, f"VS{year % 100:02d}")],
    }
    delivery = synthetic.inject_defects(document, Context(document, gemeente, months, version=version), codes,
                                        DEFECTS, f"vs/{seed}/")
    in_version(delivery.document, version)
    return delivery


def generate(count: int, *, seed: int, year: int, half: int | None, gemeentecodes: Sequence[str] | None,
             defects: Sequence[str], version: str | None = None) -> synthetic.GeneratedDelivery:
    """`ddas-quality generate --domain vs [--schema-version X]`: `count` signalen for one gemeente."""
    if gemeentecodes and len(gemeentecodes) > 1:
        raise ValueError("Een VS-bestand is voor één gemeente: geef --gemeente één keer op.")
    return generate_vs_delivery(signalen=count, seed=seed, year=year, half=half,
                                gemeentecode=gemeentecodes[0] if gemeentecodes else None, defects=defects,
                                version=version)
