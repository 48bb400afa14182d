"""Defects of the P rules (fasen): phases out of order or missing, inconsistent beschikkingen and regelingen,
periods too long or upside down."""

from __future__ import annotations

import random

from ...common.synthetic import InjectedDefect, threshold
from .context import Defects, InjectionContext, registrar, resolve, traject_path
from .dates import PLACEHOLDER_DATES, iso, ordinal, shift_dates
from .file_rules import PHASE_STARTS, changed, file_findings, is_active

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)

#: P09: the longest a Saneringskrediet or Schuldbemiddeling may run, in months, grace included.
P09_MAX_MONTHS = threshold("P09", "max_months") + threshold("P09", "grace_months")

# The periods P01 may turn upside down: moving their einddatum breaks no other rule.
_PERIOD_OBJECTS = ("stabilisatie", "oplossing", "nazorg")
_PERIOD_LISTS = ("begeleiding", "crisisinterventies", "voorlopigeVoorzieningen")


@defect("P01", "Een periode (stabilisatie, oplossing, nazorg, begeleiding, ...) met einddatum vóór startdatum.")
def _inject_p01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """einddatum before startdatum in one period object, still on/after the traject start (no T10)."""
    candidates = []
    for li, ti, t in ctx.trajecten():
        t_start = ordinal(t["startdatum"])
        spots: list[tuple[str, dict]] = [(name, t[name]) for name in _PERIOD_OBJECTS if name in t]
        for name in _PERIOD_LISTS:
            spots += [(f"{name}[{k}]", item) for k, item in enumerate(t.get(name, []))]
        for rel, obj in spots:
            if "einddatum" in obj and ordinal(obj["startdatum"]) - t_start >= 1:
                candidates.append((li, ti, rel))
    li, ti, rel = ctx.take("P01", rng, candidates)
    t = ctx.traject(li, ti)
    obj = resolve(t, rel)
    start = ordinal(obj["startdatum"])
    obj["einddatum"] = iso(start - 1 - int(rng.random() * min(30, start - ordinal(t["startdatum"]))))
    return [InjectedDefect("P01", f"{traject_path(li, ti)}.{rel}")]


def _phase_starts(t: dict) -> list[int]:
    """Start dates of the phases present, in process order (P02)."""
    out = []
    for name, field in PHASE_STARTS:
        value = t.get(name, {}).get(field)
        if value:
            out.append(ordinal(value))
    return out


@defect("P02", "Aanmelding gedateerd na de start van de intake.")
def _inject_p02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding dated after the intake started (the traject start stays, so no T10)."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "intake" not in t or not b.ps <= ordinal(t["aanmelding"]["startdatum"]) <= b.pe:
            continue
        intake_start = ordinal(t["intake"]["startdatum"])
        later = _phase_starts(t)[2:]
        limit = min([*later, b.pe] + ([ordinal(t["einddatum"])] if "einddatum" in t else []))
        if limit - intake_start >= 1:
            candidates.append((li, ti, intake_start, limit))
    li, ti, intake_start, limit = ctx.take("P02", rng, candidates)
    aanmelding = ctx.traject(li, ti)["aanmelding"]
    moved = intake_start + 1 + int(rng.random() * min(14, limit - intake_start))
    aanmelding["startdatum"] = iso(moved)
    if "einddatum" in aanmelding and ordinal(aanmelding["einddatum"]) < moved:
        aanmelding["einddatum"] = iso(moved)
    return [InjectedDefect("P02", traject_path(li, ti))]


@defect("P03", "Een traject met intake maar zonder aanmelding.")
def _inject_p03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The aanmelding dropped before an intake (a conversion that loses the first phase).

    Only where the crisisinterventie flag is false (else T16) and the traject stays (in)active (A01 counts).
    """
    ps, pe = ctx.doc["startdatumLevering"], ctx.doc["einddatumLevering"]
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "intake" in t and "aanmelding" in t and not t.get("crisisinterventies") \
                and not t["aanmelding"].get("crisisinterventie") \
                and is_active({k: v for k, v in t.items() if k != "aanmelding"}, ps, pe) == is_active(t, ps, pe):
            candidates.append((li, ti))
    li, ti = ctx.take("P03", rng, candidates)
    before = file_findings(ctx.doc)
    del ctx.traject(li, ti)["aanmelding"]
    return [InjectedDefect("P03", f"{traject_path(li, ti)}.intake"), *changed("P03", ctx.doc, before)]


@defect("P04", "Een intake met beschikkingssoort maar zonder beschikkingsdatum.")
def _inject_p04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An intake with a beschikkingssoort but no beschikkingsdatum."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "beschikkingsdatum" in t.get("intake", {}) and "beschikkingssoort" in t["intake"]]
    li, ti = ctx.take("P04", rng, candidates)
    del ctx.traject(li, ti)["intake"]["beschikkingsdatum"]
    return [InjectedDefect("P04", f"{traject_path(li, ti)}.intake")]


@defect("P05", "intake.einddatum een paar dagen vóór de beschikkingsdatum.")
def _inject_p05(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """intake.einddatum a few days before the beschikkingsdatum (still after the intake start: no P01)."""
    candidates = []
    for li, ti, t in ctx.trajecten():
        intake = t.get("intake", {})
        if intake.get("einddatum") and intake.get("einddatum") == intake.get("beschikkingsdatum") \
                and ordinal(intake["einddatum"]) > ordinal(intake["startdatum"]):
            candidates.append((li, ti))
    li, ti = ctx.take("P05", rng, candidates)
    intake = ctx.traject(li, ti)["intake"]
    span = ordinal(intake["beschikkingsdatum"]) - ordinal(intake["startdatum"])
    intake["einddatum"] = iso(ordinal(intake["beschikkingsdatum"]) - 1 - int(rng.random() * min(7, span)))
    return [InjectedDefect("P05", f"{traject_path(li, ti)}.intake")]


@defect("P06", "Een afwijzingsbeschikking in een traject dat daarna toch in stabilisatie ging.")
def _inject_p06(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An Afwijzingsbeschikking in a traject that went on to stabilisatie (the wrong soort chosen)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("intake", {}).get("beschikkingssoort") == "Toelatingsbeschikking" and "stabilisatie" in t]
    li, ti = ctx.take("P06", rng, candidates)
    ctx.traject(li, ti)["intake"]["beschikkingssoort"] = "Afwijzingsbeschikking"
    return [InjectedDefect("P06", f"{traject_path(li, ti)}.stabilisatie")]


@defect("P07", "Dwangakkoord true bij een schuldregeling zonder datum van toekenning.")
def _inject_p07(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """dwangakkoord = true on a schuldregeling without a toegekend date (one not yet or never toegekend)."""
    waiting = [(li, ti) for li, ti, t in ctx.trajecten()
               if "schuldregeling" in t and "toegekend" not in t["schuldregeling"]]
    candidates = waiting or [(li, ti) for li, ti, t in ctx.trajecten() if "schuldregeling" in t]
    li, ti = ctx.take("P07", rng, candidates)
    regeling = ctx.traject(li, ti)["schuldregeling"]
    regeling.pop("toegekend", None)  # only when no regeling was waiting; T07 needs both dates, so stays quiet
    regeling["dwangakkoord"] = True
    return [InjectedDefect("P07", f"{traject_path(li, ti)}.schuldregeling")]


@defect("P08", "Een schuldregeling die zowel toegekend als afgewezen is (of een uitkomst vóór de datum van "
               "indienen).")
def _inject_p08(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A schuldregeling both toegekend and afgewezen; without toegekend: an outcome dated before its datum."""
    toegekend = [(li, ti) for li, ti, t in ctx.trajecten()
                 if "toegekend" in t.get("schuldregeling", {}) and "afgewezen" not in t["schuldregeling"]]
    candidates = toegekend or [(li, ti) for li, ti, t in ctx.trajecten() if "schuldregeling" in t]
    li, ti = ctx.take("P08", rng, candidates)
    t = ctx.traject(li, ti)
    regeling = t["schuldregeling"]
    if "toegekend" in regeling and "afgewezen" not in regeling:
        regeling["afgewezen"] = regeling["toegekend"]
    else:
        field = "afgewezen" if "afgewezen" in regeling else "ingetrokken"
        earliest = ordinal(t["startdatum"])
        regeling[field] = iso(max(earliest, ordinal(regeling["datum"]) - 1 - int(rng.random() * 10)))
        if regeling[field] == regeling["datum"]:  # a regeling submitted on the traject's first day
            raise ValueError("Fout P08 kan niet worden toegevoegd: geen geschikt traject (maak meer trajecten aan).")
    return [InjectedDefect("P08", f"{traject_path(li, ti)}.schuldregeling")]


@defect("P09", "Een lange betalingsregeling als saneringskrediet of schuldbemiddeling (langer dan 18 + 3 maanden).")
def _inject_p09(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A long-running betalingsregeling relabelled Saneringskrediet/Schuldbemiddeling: over P09's months.

    The duration counts to the einddatum, or for a running one to the end of the peilperiode (a margin: the
    tool measures to the aanleverdatum, which L03 may move back to that day).
    """
    pe = ordinal(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        oplossing = t.get("oplossing", {})
        if oplossing.get("soort") in ("Betalingsregeling", "Herfinanciering", "0%-aanbod"):
            end = ordinal(oplossing["einddatum"]) if "einddatum" in oplossing else pe
            if end - ordinal(oplossing["startdatum"]) > P09_MAX_MONTHS * 31 + 10:
                candidates.append((li, ti))
    if candidates:
        li, ti = ctx.take("P09", rng, candidates)
        ctx.traject(li, ti)["oplossing"]["soort"] = "Saneringskrediet" if rng.random() < 0.5 else "Schuldbemiddeling"
        return [InjectedDefect("P09", f"{traject_path(li, ti)}.oplossing")]
    return _p09_running_longer(ctx, rng, pe)


def _p09_running_longer(ctx: InjectionContext, rng: random.Random, pe: int) -> list[InjectedDefect]:
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
    shift = ordinal(trajecten[ti]["oplossing"]["startdatum"]) - (pe - 700) + int(rng.random() * 60)
    before = file_findings(ctx.doc)
    moved = shift_dates(trajecten[ti], shift)
    while any(c.get("Geboortedatum") in PLACEHOLDER_DATES for c in moved["client"]):
        shift += 1
        moved = shift_dates(trajecten[ti], shift)
    trajecten[ti] = moved
    return [InjectedDefect("P09", f"{traject_path(li, ti)}.oplossing"), *changed("P09", ctx.doc, before)]


@defect("P10", "Een moratorium met datumAanvraag na datumGoedkeuring (zo nodig een nieuw moratorium).")
def _inject_p10(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A moratorium whose datumAanvraag lies after its datumGoedkeuring (added when the file has none)."""
    existing = [(li, ti, k) for li, ti, t in ctx.trajecten() for k, _ in enumerate(t.get("moratoria", []))]
    if existing:
        li, ti, k = ctx.take("P10", rng, existing)
        item = ctx.traject(li, ti)["moratoria"][k]
        item["datumAanvraag"] = iso(ordinal(item["datumGoedkeuring"]) + 1)
        return [InjectedDefect("P10", f"{traject_path(li, ti)}.moratoria[{k}]")]
    pe = ordinal(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "stabilisatie" in t:
            limit = min(pe, ordinal(t["einddatum"])) if "einddatum" in t else pe
            if ordinal(t["stabilisatie"]["startdatum"]) + 3 <= limit:
                candidates.append((li, ti, limit))
    li, ti, limit = ctx.take("P10", rng, candidates)
    t = ctx.traject(li, ti)
    base = ordinal(t["stabilisatie"]["startdatum"])
    t["moratoria"] = [{"datumAanvraag": iso(base + 2), "datumGoedkeuring": iso(base + 1),
                       "startdatum": iso(base + 3), "einddatum": iso(min(base + 60, limit))}]
    return [InjectedDefect("P10", f"{traject_path(li, ti)}.moratoria[0]")]


@defect("P11", "Een oplossing met startdatum maar zonder soort.")
def _inject_p11(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An oplossing with a startdatum but without soort."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "soort" in t.get("oplossing", {})]
    li, ti = ctx.take("P11", rng, candidates)
    del ctx.traject(li, ti)["oplossing"]["soort"]
    return [InjectedDefect("P11", f"{traject_path(li, ti)}.oplossing")]


@defect("P12", "Twee overlappende begeleidingen van dezelfde soort in één traject (info).")
def _inject_p12(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A second begeleiding of the same soort that starts while the first runs (info: CBS merges them).

    An open end counts to the end of the peilperiode here (the tool: to the aanleverdatum, later or equal).
    """
    pe = ordinal(ctx.doc["einddatumLevering"])
    candidates = []
    for li, ti, t in ctx.trajecten():
        if t.get("begeleiding"):
            first = t["begeleiding"][0]
            end = ordinal(first["einddatum"]) if "einddatum" in first else pe
            if end - ordinal(first["startdatum"]) >= 2:
                candidates.append((li, ti, end))
    li, ti, end = ctx.take("P12", rng, candidates)
    items = ctx.traject(li, ti)["begeleiding"]
    first = items[0]
    start = ordinal(first["startdatum"]) + 1 + int(rng.random() * (end - ordinal(first["startdatum"]) - 1))
    second: dict = {"startdatum": iso(start)}
    if "einddatum" in first:
        second["einddatum"] = first["einddatum"]
    second["soort"] = first["soort"]
    items.append(second)
    return [InjectedDefect("P12", f"{traject_path(li, ti)}.begeleiding[{len(items) - 1}]")]
