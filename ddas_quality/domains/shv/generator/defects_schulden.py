"""Defects of the D rules (schulden): amount, peildatum, schuldeiser of a schuld, and schulden left out."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from ...common.synthetic import InjectedDefect, threshold
from .context import Defects, InjectionContext, registrar, traject_path
from .dates import iso, ordinal
from .file_rules import a03_findings

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)

#: T14: the stated total may differ this much (a share) from the sum of the schulden.
T14_MAX_DIFFERENCE = threshold("T14", "max_difference")
#: D02: a peildatum more days than this before the traject start is too early whatever the calendar (a leap
#: day in the allowed years), one at most `D02_SAFE_DAYS` before it never is.
D02_MAX_DAYS = math.ceil(365.25 * threshold("D02", "max_years_before_start"))
D02_SAFE_DAYS = 365 * threshold("D02", "max_years_before_start")


def t14_findings(t: dict, path: str) -> list[InjectedDefect]:
    """T14 when the stated total and the sum of the schulden differ too much (the checker's formula)."""
    total = t.get("totaalSchuldbedragBijAanvangSchuld")
    som = sum(s.get("bedrag", 0) for s in t.get("schulden", []))
    if total is None or not t.get("schulden") or som <= 0:
        return []
    return [InjectedDefect("T14", path)] if abs(total - som) / som > T14_MAX_DIFFERENCE else []


def _schuld_spots(ctx: InjectionContext,
                  accept: Callable[[dict], bool] = lambda s: True) -> list[tuple[int, int, int]]:
    """(levering, traject, schuld) of the schulden `accept` takes in trajecten no defect has taken."""
    return [(li, ti, k) for li, ti, t in ctx.trajecten() for k, s in enumerate(t.get("schulden", [])) if accept(s)]


@defect("D01", "Een schuld met bedrag 0 (eventueel met T14).")
def _inject_d01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A schuld with bedrag 0 (and T14 when the sum now differs too much from the total)."""
    li, ti, k = ctx.take("D01", rng, _schuld_spots(ctx))
    t = ctx.traject(li, ti)
    t["schulden"][k]["bedrag"] = 0
    path = traject_path(li, ti)
    return [InjectedDefect("D01", f"{path}.schulden[{k}]"), *t14_findings(t, path)]


@defect("D02", "Een peildatum meer dan twee jaar vóór de start van het traject.")
def _inject_d02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A peildatum more than two years (plus at least a month) before the traject start."""
    li, ti, k = ctx.take("D02", rng, _schuld_spots(ctx))
    t = ctx.traject(li, ti)
    t["schulden"][k]["peildatum"] = iso(ordinal(t["startdatum"]) - D02_MAX_DAYS - 31 - int(rng.random() * 365))
    return [InjectedDefect("D02", f"{traject_path(li, ti)}.schulden[{k}]")]


@defect("D03", "Schuldeiser naam en Naam verschillend ingevuld.")
def _inject_d03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Schuldeiser `naam` and `Naam` filled with different names (a legal form added, or another creditor)."""
    both = _schuld_spots(ctx, lambda s: bool(s["schuldeiser"].get("naam") and s["schuldeiser"].get("Naam")))
    li, ti, k = ctx.take("D03", rng, both)
    eiser = ctx.traject(li, ti)["schulden"][k]["schuldeiser"]
    eiser["Naam"] = f"{eiser['naam']} B.V." if rng.random() < 0.5 else "Incassobureau Snelpunt (namens)"
    return [InjectedDefect("D03", f"{traject_path(li, ti)}.schulden[{k}]")]


@defect("D04", "Een kvknummer van de schuldeiser met 7 cijfers of met een spatie.")
def _inject_d04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A schuldeiser kvknummer of 7 digits or with a space in it."""
    li, ti, k = ctx.take("D04", rng, _schuld_spots(ctx, lambda s: bool(s["schuldeiser"].get("kvknummer"))))
    eiser = ctx.traject(li, ti)["schulden"][k]["schuldeiser"]
    kvk = eiser["kvknummer"]
    eiser["kvknummer"] = kvk[1:] if rng.random() < 0.5 else f"{kvk[:4]} {kvk[4:]}"
    return [InjectedDefect("D04", f"{traject_path(li, ti)}.schulden[{k}]")]


@defect("D05", "Een traject met een oplossing of schuldregeling zonder schulden (eventueel met A03).")
def _inject_d05(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The schulden left out of a traject with an oplossing. Preferably one without schuldregeling; else A03
    when that brings the schulden fill rate of trajecten in schuldregeling under 80%."""
    listed = [(li, ti, t) for li, ti, t in ctx.trajecten() if t.get("schulden")]
    direct = [(li, ti) for li, ti, t in listed if "oplossing" in t and "schuldregeling" not in t]
    regeling = [(li, ti) for li, ti, t in listed if "schuldregeling" in t]
    li, ti = ctx.take("D05", rng, direct or regeling)
    t = ctx.traject(li, ti)
    del t["schulden"]
    side_effects = [] if direct else a03_findings(ctx.doc, "schulden")
    return [InjectedDefect("D05", traject_path(li, ti)), *side_effects]
