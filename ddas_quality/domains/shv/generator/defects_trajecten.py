"""Defects of the T rules (schuldhulptraject): dates of the traject and its uitstroom, gemeentecodes, amounts,
a traject delivered twice."""

from __future__ import annotations

import copy
import random
from datetime import date

from ...common.synthetic import InjectedDefect, gemeente_table, threshold
from .context import Defects, InjectionContext, append_levering, registrar, resolve, traject_path
from .dates import PLACEHOLDER_DATES, dates_in, iso, ordinal, shift_dates
from .defects_schulden import t14_findings
from .file_rules import A01_MIN_INWONERS, changed, file_findings

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)

#: T13: a total debt above this is an outlier.
T13_MAX_TOTAAL = threshold("T13", "max_totaal_schuld")


def _starts_in_traject(t: dict) -> list[tuple[str, int]]:
    """Every phase and sub-period start that T11 compares with the traject end (nazorg excepted)."""
    out = []
    for name in ("aanmelding", "informatieEnAdvies", "intake", "stabilisatie", "oplossing"):
        if name in t and t[name].get("startdatum"):
            out.append((name, ordinal(t[name]["startdatum"])))
    if t.get("schuldregeling", {}).get("datum"):
        out.append(("schuldregeling", ordinal(t["schuldregeling"]["datum"])))
    for name in ("begeleiding", "crisisinterventies", "moratoria", "voorlopigeVoorzieningen"):
        for k, item in enumerate(t.get(name, [])):
            out.append((f"{name}[{k}]", ordinal(item["startdatum"])))
    return out


@defect("T01", "Traject met einddatum (en uitstroomdatum) vóór de startdatum; geeft ook T11 per fase.")
def _inject_t01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Traject einddatum (and the uitstroom dates, T08) before its startdatum, still inside the period.

    Every phase then starts after the traject end, so T11 fires too: we pick a traject with as few
    phases as possible (usually only an aanmelding) and record each T11 at the phase's path.
    """
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "einddatum" in t and ordinal(t["startdatum"]) - 1 >= b.ps:
            candidates.append((len(_starts_in_traject(t)), li, ti))
    fewest = min((c[0] for c in candidates), default=0)
    li, ti = ctx.take("T01", rng, [(li, ti) for n, li, ti in candidates if n == fewest])
    t = ctx.traject(li, ti)
    start = ordinal(t["startdatum"])
    new_end = start - 1 - int(rng.random() * min(30, start - b.ps))  # still in the period: no T02
    base = traject_path(li, ti)
    return [InjectedDefect("T01", base), *_end_traject(t, base, new_end)]


def _end_traject(t: dict, base: str, new_end: int) -> list[InjectedDefect]:
    """Move the traject's einddatum with its uitstroom dates (so no T08) to `new_end`: T11 at every phase or
    sub-period that now starts after it."""
    text = iso(new_end)
    t["einddatum"] = text
    t["uitstroom"]["datum"] = text
    if "datumBeeindigingsbeschikking" in t["uitstroom"]:
        t["uitstroom"]["datumBeeindigingsbeschikking"] = text
    return [InjectedDefect("T11", f"{base}.{rel}") for rel, start in _starts_in_traject(t) if start > new_end]


@defect("T02", "Een afgesloten traject dat helemaal vóór de peilperiode ligt.")
def _inject_t02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An ended traject moved (every date, birth dates too) to before the peilperiode."""
    b = ctx.builder
    counts = ctx.key_counts()
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and ctx.unique_clients(t, counts)]
    li, ti = ctx.take("T02", rng, candidates)
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    t = trajecten[ti]
    latest = max(ordinal(d) for d in dates_in(t, skip_clients=True))
    shift = latest - b.ps + 15 + int(rng.random() * 106)
    moved = shift_dates(t, shift)
    while any(c["Geboortedatum"] in PLACEHOLDER_DATES for c in moved["client"]):
        shift += 1
        moved = shift_dates(t, shift)
    trajecten[ti] = moved
    return [InjectedDefect("T02", traject_path(li, ti))]


@defect("T03", "Een (geplande) einddatum na de aanleverdatum.")
def _inject_t03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A planned einddatum after the aanleverdatum on a period that is still running."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        spots = [name for name in ("aanmelding", "stabilisatie", "oplossing", "nazorg")
                 if name in t and "einddatum" not in t[name]]
        spots += [f"begeleiding[{k}]" for k, item in enumerate(t.get("begeleiding", []))
                  if "einddatum" not in item]
        for rel in spots:
            obj = resolve(t, rel)
            cap = None
            if rel == "oplossing" and obj.get("soort") in ("Saneringskrediet", "Schuldbemiddeling"):
                cap = ordinal(obj["startdatum"]) + 540  # stay within P09's 18 months
                if cap <= b.aanlever:
                    continue
            candidates.append((li, ti, rel, cap))
    li, ti, rel, cap = ctx.take("T03", rng, candidates)
    obj = resolve(ctx.traject(li, ti), rel)
    new_end = b.aanlever + 1 + int(rng.random() * 120)
    if cap is not None:
        new_end = min(new_end, cap)
    obj["einddatum"] = iso(new_end)
    return [InjectedDefect("T03", traject_path(li, ti))]


def _self_delivering(ctx: InjectionContext) -> set[int]:
    """Leveringen whose organisation is the gemeente itself (L05 applies to their trajecten)."""
    return {li for li, levering in enumerate(ctx.doc["leveringen"])
            if levering.get("aanleverende_organisatie", {}).get("gemeentecode")}


@defect("T04", "Een gemeentecode in een verkeerde vorm ('363', 'GM-0363', '03630').")
def _inject_t04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A gemeentecode of the wrong form ('363', 'GM-0363', '03630'): no CBS code, so no T06 or A01, but compared
    as written it is another gemeente (rules.md, Decisions): L06/F07 as they follow, L05 in a gemeente's own
    levering."""
    counts: dict[str, int] = {}
    for _, _, t in ctx.all_trajecten():
        counts[t["gemeentecode"]] = counts.get(t["gemeentecode"], 0) + 1
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if counts[t["gemeentecode"]] > 1]
    before = file_findings(ctx.doc)
    li, ti = ctx.take("T04", rng, candidates)
    t = ctx.traject(li, ti)
    code = t["gemeentecode"]
    t["gemeentecode"] = (code[1:], f"GM-{code}", f"{code}0")[int(rng.random() * 3)]
    own = [InjectedDefect("L05", traject_path(li, ti))] if li in _self_delivering(ctx) else []
    return [InjectedDefect("T04", traject_path(li, ti)), *own, *changed("T04", ctx.doc, before)]


@defect("T05", "Gemeentecode 'Onbekend' in een levering van een organisatie die niet de gemeente zelf is (zo nodig "
               "een extra levering).")
def _inject_t05(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """gemeentecode 'Onbekend' in a levering of an organisation that is not the gemeente (there it would be L05).

    When every levering is the gemeente's own, a levering of another organisation is added for it.
    """
    own = _self_delivering(ctx)
    counts: dict[str, int] = {}
    for _, _, t in ctx.all_trajecten():
        counts[t["gemeentecode"]] = counts.get(t["gemeentecode"], 0) + 1
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if li not in own and counts[t["gemeentecode"]] > 1]
    if candidates:
        li, ti = ctx.take("T05", rng, candidates)
        ctx.traject(li, ti)["gemeentecode"] = "Onbekend"
        return [InjectedDefect("T05", traject_path(li, ti))]
    first = ctx.doc["leveringen"][0]["schuldhulptrajecten"][0]["gemeentecode"]
    li = append_levering(ctx, rng, gemeente_table().get(first), "Onbekend", other_organisation=True)
    return [InjectedDefect("T05", traject_path(li, 0))]


@defect("T06", "De code van een gemeente die vóór de peilperiode is opgeheven; geeft ook L06, F07 en eventueel "
               "L05.")
def _inject_t06(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The code of a gemeente abolished before the peilperiode (a missed herindeling).

    Only gemeenten too small for A01, so the old code gets no A01. A second valid code in the levering
    and file is unavoidable: L06 and F07 (warnings), and L05 when the gemeente delivers itself (avoided
    when another organisation's levering is there).
    """
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    old = sorted((g for g in gemeente_table()
                  if not g.valid_during(start, end) and 0 < g.inwoners < A01_MIN_INWONERS), key=lambda g: g.code)
    own = _self_delivering(ctx)
    every = [(li, ti) for li, ti, _ in ctx.trajecten()]
    candidates = ([c for c in every if c[0] not in own] or every) if old else []
    li, ti = ctx.take("T06", rng, candidates)
    gemeente = old[int(rng.random() * len(old))]
    before = file_findings(ctx.doc)
    ctx.traject(li, ti)["gemeentecode"] = gemeente.code
    found = changed("T06", ctx.doc, before)  # T06 first, then the L06/F07/A01 that are really new
    if li in own:
        found.insert(1, InjectedDefect("L05", traject_path(li, ti)))
    return found


@defect("T07", "toekenningsdatum een paar dagen vóór schuldregeling.toegekend.")
def _inject_t07(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """toekenningsdatum a few days before schuldregeling.toegekend (Q&A: the same value is asked)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("toekenningsdatum") and t.get("schuldregeling", {}).get("toegekend")]
    li, ti = ctx.take("T07", rng, candidates)
    t = ctx.traject(li, ti)
    t["toekenningsdatum"] = iso(ordinal(t["schuldregeling"]["toegekend"]) - 1 - int(rng.random() * 14))
    return [InjectedDefect("T07", traject_path(li, ti))]


@defect("T08", "uitstroom.datumBeeindigingsbeschikking wijkt af van de einddatum van het traject.")
def _inject_t08(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """uitstroom.datumBeeindigingsbeschikking differs from the traject einddatum and uitstroom.datum."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and "datumBeeindigingsbeschikking" in t.get("uitstroom", {})]
    li, ti = ctx.take("T08", rng, candidates)
    t = ctx.traject(li, ti)
    end, shift = ordinal(t["einddatum"]), 1 + int(rng.random() * 10)
    moved = end - shift if end - shift >= ordinal(t["startdatum"]) else end + shift  # never after the aanleverdatum
    t["uitstroom"]["datumBeeindigingsbeschikking"] = iso(moved)
    return [InjectedDefect("T08", traject_path(li, ti))]


@defect("T09", "Uitstroom met reden maar zonder einddatum, of een einddatum zonder uitstroomreden.")
def _inject_t09(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An uitstroom with a reden but without einddatum and uitstroom.datum (error), or the other way round:
    an einddatum without uitstroom.reden (warning). Both on an ended traject whose clients are in no other
    traject (an open end must not create C07)."""
    counts = ctx.key_counts()
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if "einddatum" in t and "reden" in t.get("uitstroom", {}) and ctx.unique_clients(t, counts)]
    li, ti = ctx.take("T09", rng, candidates)
    t = ctx.traject(li, ti)
    if rng.random() < 0.5:
        del t["einddatum"]
        t["uitstroom"].pop("datum", None)
        t["uitstroom"].pop("datumBeeindigingsbeschikking", None)
    else:
        del t["uitstroom"]["reden"]
    return [InjectedDefect("T09", traject_path(li, ti))]


@defect("T10", "aanmelding.startdatum vóór de startdatum van het traject.")
def _inject_t10(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.startdatum up to a month before the traject startdatum (the first phase, so no P02)."""
    li, ti = ctx.take("T10", rng, [(li, ti) for li, ti, t in ctx.trajecten() if "aanmelding" in t])
    aanmelding = ctx.traject(li, ti)["aanmelding"]
    aanmelding["startdatum"] = iso(ordinal(aanmelding["startdatum"]) - 1 - int(rng.random() * 30))
    return [InjectedDefect("T10", f"{traject_path(li, ti)}.aanmelding")]


@defect("T11", "Einddatum van het traject vóór de start van de laatste fase; T11 per fase die later begint.")
def _inject_t11(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The traject end (with the uitstroom dates, so no T08) moved before the start of its last phase or
    sub-period; one T11 per phase or sub-period that now starts after the end (nazorg never counts)."""
    b = ctx.builder
    candidates = []
    for li, ti, t in ctx.trajecten():
        if "einddatum" not in t:
            continue
        starts = _starts_in_traject(t)
        latest = max((s for _, s in starts), default=None)
        if latest is not None and latest - 1 >= max(ordinal(t["startdatum"]), b.ps):
            candidates.append((li, ti, latest))
    li, ti, latest = ctx.take("T11", rng, candidates)
    t = ctx.traject(li, ti)
    floor = max(ordinal(t["startdatum"]), b.ps)  # T01 and T02 stay satisfied
    new_end = latest - 1 - int(rng.random() * min(30, latest - 1 - floor + 1))
    return _end_traject(t, traject_path(li, ti), new_end)


@defect("T12", "Een negatief totaal schuldbedrag (of een negatief schuldbedrag, eventueel met T14).")
def _inject_t12(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A negative totaalSchuldbedragBijAanvangSchuld on a traject without schulden (so no T14); failing that,
    a negative schuld bedrag (and T14 when the sum now differs too much from the total)."""
    without = [(li, ti, -1) for li, ti, t in ctx.trajecten() if not t.get("schulden")]
    with_schulden = [(li, ti, k) for li, ti, t in ctx.trajecten() for k in range(len(t.get("schulden", [])))]
    li, ti, k = ctx.take("T12", rng, without or with_schulden)
    t = ctx.traject(li, ti)
    path = traject_path(li, ti)
    if k < 0:
        t["totaalSchuldbedragBijAanvangSchuld"] = -(t.get("totaalSchuldbedragBijAanvangSchuld")
                                                    or 500 + int(rng.random() * 20_000))
        return [InjectedDefect("T12", path)]
    t["schulden"][k]["bedrag"] = -t["schulden"][k]["bedrag"]
    return [InjectedDefect("T12", f"{path}.schulden[{k}]"), *t14_findings(t, path)]


@defect("T13", "Een uitschieter: vtlb per jaar in plaats van per maand, of een totale schuld boven € 1.000.000.")
def _inject_t13(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An outlier: a vtlb entered per year instead of per month (> EUR 5,000); without any vtlb, a total debt
    above EUR 1,000,000 on a traject without schulden (so no T14)."""
    with_vtlb = [(li, ti, "vtlb") for li, ti, t in ctx.trajecten() if "vtlb" in t.get("oplossing", {})]
    without = [(li, ti, "totaal") for li, ti, t in ctx.trajecten() if not t.get("schulden")]
    li, ti, kind = ctx.take("T13", rng, with_vtlb or without)
    t = ctx.traject(li, ti)
    if kind == "vtlb":
        t["oplossing"]["vtlb"] *= 12
    else:
        t["totaalSchuldbedragBijAanvangSchuld"] = T13_MAX_TOTAAL + 1 + int(rng.random() * 2_000_000)
    return [InjectedDefect("T13", traject_path(li, ti))]


@defect("T14", "Totaal schuldbedrag 30-60% van de som van de schulden.")
def _inject_t14(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A total debt of 30-60% of the sum of the schulden (differs by more than 25%)."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if sum(s["bedrag"] for s in t.get("schulden", [])) >= 10]
    li, ti = ctx.take("T14", rng, candidates)
    t = ctx.traject(li, ti)
    som = sum(s["bedrag"] for s in t["schulden"])
    t["totaalSchuldbedragBijAanvangSchuld"] = max(1, round(som * (0.3 + 0.3 * rng.random())))
    return [InjectedDefect("T14", traject_path(li, ti))]


@defect("T15", "Een traject dat twee keer is aangeleverd (kopie achteraan in de levering).")
def _inject_t15(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A traject delivered twice: an exact copy appended to its levering; T15 at the copy (not also C07)."""
    counts = ctx.key_counts()
    li, ti = ctx.take("T15", rng, [(li, ti) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)])
    trajecten = ctx.doc["leveringen"][li]["schuldhulptrajecten"]
    trajecten.append(copy.deepcopy(trajecten[ti]))
    ctx.used.add((li, len(trajecten) - 1))
    return [InjectedDefect("T15", traject_path(li, len(trajecten) - 1))]


@defect("T16", "aanmelding.crisisinterventie true zonder crisisinterventies.")
def _inject_t16(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """aanmelding.crisisinterventie true on a traject without crisisinterventies."""
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if t.get("aanmelding", {}).get("crisisinterventie") is False and not t.get("crisisinterventies")]
    li, ti = ctx.take("T16", rng, candidates)
    ctx.traject(li, ti)["aanmelding"]["crisisinterventie"] = True
    return [InjectedDefect("T16", traject_path(li, ti))]
