"""Defects of the A rules (aantallen en plausibiliteit): too few or too many clients for a gemeente, fields
left empty too often, one value for most schulden."""

from __future__ import annotations

import math
import random
from datetime import date

from ....gemeenten import normalize_code
from ...common.synthetic import InjectedDefect, gemeente_table, threshold
from .context import Defects, InjectionContext, append_levering, new_levering, registrar
from .dates import day, iso, ordinal
from .defects_schulden import D02_SAFE_DAYS
from .file_rules import (
    A02_MAX_RATIO,
    A02_MIN_CLIENTS,
    A03_MAX_EMPTY_SHARE,
    REFERENCE_RATE,
    changed,
    field_day,
    file_findings,
    is_active,
)

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)

#: A04: one value in more than this share of at least this many records.
A04_MAX_SHARE = threshold("A04", "max_share")
A04_MIN_RECORDS = threshold("A04", "min_records")


@defect("A01", "Extra levering voor een grote gemeente (≥ 50.000 inwoners) met maar één cliënt.")
def _inject_a01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering for a large gemeente (>= 50,000 inwoners) with a single traject and client."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    present = {t.get("gemeentecode") for levering in ctx.doc["leveringen"]
               for t in levering.get("schuldhulptrajecten", [])}
    present |= {levering.get("aanleverende_organisatie", {}).get("gemeentecode")
                for levering in ctx.doc["leveringen"]}
    options = sorted((g for g in gemeente_table() if g.valid_during(start, end) and g.inwoners >= 50_000
                      and g.code not in present), key=lambda g: g.code)
    if not options:  # every large gemeente is in the file already (a nationwide file): shrink one
        return _shrink_levering_for_a01(ctx, rng)
    gemeente = options[int(rng.random() * len(options))]
    append_levering(ctx, rng, gemeente, gemeente.code)
    result = [InjectedDefect("A01", "$", gemeentecode=gemeente.code)]
    if len({c for c in present if c}) == 1:  # the file now holds a second gemeente
        result.append(InjectedDefect("F07", "$"))
    return result


def _shrink_levering_for_a01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Keep only one single-client traject in the levering of a large gemeente."""
    counts = ctx.key_counts()
    candidates = []
    for li, levering in enumerate(ctx.doc["leveringen"]):
        trajecten = levering.get("schuldhulptrajecten", [])
        gemeente = gemeente_table().get(trajecten[0].get("gemeentecode")) if trajecten else None
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


@defect("A02", "Een extra levering voor een heel kleine gemeente met veel te veel actieve cliënten; eventueel met "
               "F07.")
def _inject_a02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering for a very small gemeente with far more active clients than its size predicts."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    present = {normalize_code(t.get("gemeentecode")) for levering in ctx.doc["leveringen"]
               for t in levering.get("schuldhulptrajecten", [])}
    options = sorted((g for g in gemeente_table() if g.valid_during(start, end) and 0 < g.inwoners < 2_500
                      and g.code not in present), key=lambda g: g.code)
    if not options:
        raise ValueError("Fout A02 kan niet worden toegevoegd: geen kleine gemeente meer over.")
    gemeente = options[int(rng.random() * len(options))]
    before = file_findings(ctx.doc)
    years = (b.pe - b.ps + 1) / 365.25
    count = max(A02_MIN_CLIENTS, math.ceil(A02_MAX_RATIO * gemeente.inwoners * REFERENCE_RATE * years)) + 6
    new_levering(ctx, rng, gemeente, count)
    found = changed("A02", ctx.doc, before)
    if not found or found[0].rule != "A02":  # cannot happen: every added traject starts in the period
        raise ValueError("Fout A02 kan niet worden toegevoegd: te weinig actieve cliënten.")
    return found


def _a04_fires(total: int, same: int) -> bool:
    """Whether `same` of `total` peildatums are enough for A04."""
    return total >= A04_MIN_RECORDS and same > total * A04_MAX_SHARE


@defect("A04", "Meer dan de helft van de schulden met dezelfde peildatum (de laatste dag van de peilperiode).")
def _inject_a04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
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
                if day(schuld.get("peildatum")):
                    total += 1
                    same += schuld["peildatum"] == value
    free = sorted(((len(t.get("schulden", [])), li, ti) for li, ti, t in ctx.trajecten() if t.get("schulden")),
                  key=lambda x: (-x[0], x[1], x[2]))
    taken = [(0, li, ti) for li, levering in enumerate(ctx.doc["leveringen"])
             for ti, t in enumerate(levering.get("schuldhulptrajecten", []))
             if (li, ti) in ctx.used and t.get("schulden") and day(t.get("startdatum"))]
    changes: list[tuple[int, int, int]] = []
    for _, li, ti in free + taken:
        if _a04_fires(total, same):
            break
        t = ctx.traject(li, ti)
        earliest = iso(ordinal(t["startdatum"]) - D02_SAFE_DAYS)
        for k, schuld in enumerate(t["schulden"]):
            peildatum = day(schuld.get("peildatum"))
            if peildatum == value or ((li, ti) in ctx.used and not (peildatum and earliest <= peildatum <= cutoff)):
                continue
            changes.append((li, ti, k))
            same += 1
            total += peildatum is None
    if not _a04_fires(total, same):
        ctx.take("A04", rng, [])  # raises: too few schulden
    for li, ti, k in changes:
        ctx.traject(li, ti)["schulden"][k]["peildatum"] = value
    ctx.used.update((li, ti) for li, ti, _ in changes)
    return [InjectedDefect("A04", "$")]


@defect("A03", "aanmelding.startdatum leeg in iets meer dan 20% van de trajecten.")
def _inject_a03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.startdatum left out in just over 20% of the trajecten (the aanmelding itself stays: no P03).

    Only trajecten that stay (in)active without it (A01 counts); they are all taken.
    """
    ps, pe = ctx.doc["startdatumLevering"], ctx.doc["einddatumLevering"]
    total = filled = 0
    for levering in ctx.doc["leveringen"]:
        for t in levering.get("schuldhulptrajecten", []):
            total += 1
            filled += field_day(t, "aanmelding", "startdatum") is not None
    need = math.floor(filled - (1 - A03_MAX_EMPTY_SHARE) * total) + 1  # the empty share must exceed the maximum
    candidates = []
    for li, ti, t in ctx.trajecten():
        if field_day(t, "aanmelding", "startdatum"):
            without = dict(t, aanmelding={k: v for k, v in t["aanmelding"].items() if k != "startdatum"})
            if is_active(without, ps, pe) == is_active(t, ps, pe):
                candidates.append((li, ti))
    if need <= 0 or len(candidates) < need:
        ctx.take("A03", rng, [])  # raises: too few trajecten (or the field is already empty too often)
    before = file_findings(ctx.doc)
    for k in sorted(rng.sample(range(len(candidates)), need)):
        li, ti = candidates[k]
        del ctx.traject(li, ti)["aanmelding"]["startdatum"]
        ctx.used.add((li, ti))
    found = changed("A03", ctx.doc, before)
    if not found or found[0].rule != "A03":  # cannot happen: the share is counted as the tool does
        raise ValueError("Fout A03 kan niet worden toegevoegd.")
    return found
