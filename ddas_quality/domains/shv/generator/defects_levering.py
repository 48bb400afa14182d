"""Defects of the L and F rules (levering, bestand): the peilperiode and aanleverdatum, tellers, the
organisation block, gemeenten per levering and per file.

These change what whole-file rules see, so their injectors record what `file_rules.changed` finds new.
"""

from __future__ import annotations

import random
from datetime import date

from ....gemeenten import Gemeente, normalize_code
from ...common.synthetic import InjectedDefect, gemeente_table, leverancier
from .context import Defects, InjectionContext, new_levering, registrar, traject_path
from .dates import dates_in, day, iso, ordinal
from .file_rules import A01_MIN_INWONERS, changed, file_findings, new_findings

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)


def _small_gemeente(ctx: InjectionContext, rng: random.Random, code: str, levering: int | None = None) -> Gemeente:
    """A gemeente too small for A01 that is not in the file yet; in a nationwide
    file, with `levering`, one that is not in that levering."""
    b = ctx.builder
    start, end = date.fromordinal(b.ps), date.fromordinal(b.pe)
    leveringen = ctx.doc["leveringen"]
    present = {normalize_code(t.get("gemeentecode")) for lev in leveringen for t in lev.get("schuldhulptrajecten", [])}
    small = sorted((g for g in gemeente_table() if g.valid_during(start, end) and 0 < g.inwoners < A01_MIN_INWONERS),
                   key=lambda g: g.code)
    options = [g for g in small if g.code not in present]
    if not options and levering is not None:
        own = {normalize_code(t.get("gemeentecode")) for t in leveringen[levering].get("schuldhulptrajecten", [])}
        options = [g for g in small if g.code not in own]
    if not options:
        raise ValueError(f"Fout {code} kan niet worden toegevoegd: geen kleine gemeente meer over.")
    return options[int(rng.random() * len(options))]


def _own_code_leveringen(ctx: InjectionContext, self_delivering: bool, uniform: bool) -> list[int]:
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


def _extra_levering_for_l05_l06(ctx: InjectionContext, rng: random.Random, code: str,
                                self_delivering: bool) -> tuple[int, int]:
    """When no levering can take the change: a new levering with trajecten of two small gemeenten, from the
    first gemeente itself (L05) or from an organisation that is no gemeente (L06); (levering, odd traject)."""
    first = _small_gemeente(ctx, rng, code)
    li = new_levering(ctx, rng, first, 2)
    levering = ctx.doc["leveringen"][li]
    org = levering["aanleverende_organisatie"]
    if self_delivering:
        org["gemeentecode"] = first.code
    else:
        org.pop("gemeentecode", None)
        org.setdefault("KvK-nummer", str(10_000_000 + int(rng.random() * 90_000_000)))
    levering["schuldhulptrajecten"][1]["gemeentecode"] = _small_gemeente(ctx, rng, code).code
    return li, 1


@defect("L05", "Een traject van een andere (kleine) gemeente in de levering van een gemeente die zelf levert; "
               "geeft ook L06 en eventueel F07.")
def _inject_l05(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
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
    before = file_findings(ctx.doc)
    if not candidates:
        li, ti = _extra_levering_for_l05_l06(ctx, rng, "L05", self_delivering=True)
        return [InjectedDefect("L05", traject_path(li, ti)), *changed("L05", ctx.doc, before)]
    li, ti = ctx.take("L05", rng, candidates)
    gemeente = _small_gemeente(ctx, rng, "L05", li)
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    if "gemeentecode" not in org:
        org["gemeentecode"] = ctx.traject(li, ti)["gemeentecode"]
    ctx.traject(li, ti)["gemeentecode"] = gemeente.code
    ctx.used.add((li, -1))
    return [InjectedDefect("L05", traject_path(li, ti)), *changed("L05", ctx.doc, before)]


@defect("L06", "Een traject van een andere (kleine) gemeente in de levering van een organisatie die geen gemeente "
               "is; eventueel met F07.")
def _inject_l06(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A traject of another (small) gemeente in a levering of an organisation that is no gemeente."""
    leveringen = set(_own_code_leveringen(ctx, False, uniform=False))
    if not leveringen:  # every gemeente delivers itself: let one levering come from a kredietbank
        leveringen = set(_own_code_leveringen(ctx, True, uniform=True))
    candidates = [(li, ti) for li, ti, t in ctx.trajecten()
                  if li in leveringen and normalize_code(t.get("gemeentecode")) is not None]
    before = file_findings(ctx.doc)
    if not candidates:
        li, _ = _extra_levering_for_l05_l06(ctx, rng, "L06", self_delivering=False)
        found = changed("L06", ctx.doc, before)
        return [InjectedDefect("L06", f"$.leveringen[{li}]"), *(x for x in found if x.rule != "L06")]
    li, ti = ctx.take("L06", rng, candidates)
    gemeente = _small_gemeente(ctx, rng, "L06", li)
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    if "gemeentecode" in org:
        del org["gemeentecode"]
        org.setdefault("KvK-nummer", str(10_000_000 + int(rng.random() * 90_000_000)))
    ctx.traject(li, ti)["gemeentecode"] = gemeente.code
    ctx.used.add((li, -1))
    found = changed("L06", ctx.doc, before)
    return [InjectedDefect("L06", f"$.leveringen[{li}]"), *(x for x in found if x.rule != "L06")]


def _pick_levering(ctx: InjectionContext, rng: random.Random, code: str) -> int:
    """A levering not yet changed at levering level (any one when all are)."""
    n = len(ctx.doc["leveringen"])
    free = [li for li in range(n) if (li, -1) not in ctx.used] or list(range(n))
    li = free[int(rng.random() * len(free))]
    ctx.used.add((li, -1))
    return li


@defect("L07", "Een KvK-nummer van 7 cijfers.")
def _inject_l07(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A KvK-nummer of 7 digits (a leading zero lost in a number column)."""
    li = _pick_levering(ctx, rng, "L07")
    org = ctx.doc["leveringen"][li]["aanleverende_organisatie"]
    org["KvK-nummer"] = str(1_000_000 + int(rng.random() * 9_000_000))
    return [InjectedDefect("L07", f"$.leveringen[{li}]")]


@defect("L08", "Contactpersonen zonder e-mailadres.")
def _inject_l08(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Contactpersonen without an e-mail address (left out: an invalid address would also be S01)."""
    li = _pick_levering(ctx, rng, "L08")
    for contact in ctx.doc["leveringen"][li]["aanleverende_organisatie"].get("contactpersonen", []):
        contact.pop("email", None)
    return [InjectedDefect("L08", f"$.leveringen[{li}]")]


@defect("L09", "codeGegevensleverancier zonder versienummer.")
def _inject_l09(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """codeGegevensleverancier with the supplier's name only, no software version."""
    ctx.doc["codeGegevensleverancier"] = leverancier(rng.random)
    return [InjectedDefect("L09", "$")]


@defect("F07", "Een extra levering met één traject van een tweede (kleine) gemeente.")
def _inject_f07(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A second gemeente (small: no A01) in its own levering with one traject: one file, two gemeenten.

    Nothing is added when the file already holds several gemeenten (F07 is there, perhaps from A01).
    """
    before = file_findings(ctx.doc)
    if ("F07", "$", None) in before:
        return []
    new_levering(ctx, rng, _small_gemeente(ctx, rng, "F07"), 1)
    return changed("F07", ctx.doc, before)


@defect("L10", "Een extra levering zonder schuldhulptrajecten.")
def _inject_l10(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An extra levering without schuldhulptrajecten (an organisation exported with an empty selection)."""
    code = next((t["gemeentecode"] for lev in ctx.doc["leveringen"] for t in lev.get("schuldhulptrajecten", [])
                 if normalize_code(t.get("gemeentecode")) and gemeente_table().get(t["gemeentecode"])), None)
    gemeente = gemeente_table().get(code) if code else None
    with ctx.drawing_from(rng) as builder:
        org = builder.organisation(gemeente, code or "0000", self_delivering=False)
    teller = max([lev.get("teller", 0) for lev in ctx.doc["leveringen"]], default=0) + 1
    ctx.doc["leveringen"].append({"teller": teller, "aanleverende_organisatie": org, "schuldhulptrajecten": []})
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.add((li, -1))
    return [InjectedDefect("L10", f"$.leveringen[{li}]")]


@defect("L04", "Een gat in de tellers: de laatste levering één te hoog genummerd.")
def _inject_l04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A gap in the tellers: the last levering numbered one too high (a warning; a duplicate is an error)."""
    leveringen = ctx.doc["leveringen"]
    leveringen[-1]["teller"] = max(lev.get("teller", 0) for lev in leveringen) + 1
    return [InjectedDefect("L04", f"$.leveringen[{len(leveringen) - 1}]")]


def _late_dates(ctx: InjectionContext, cutoffs: tuple[str, str]) -> tuple[set, set]:
    """T03 per traject and D02 per schuld: dates after each cutoff (an aanleverdag), in one pass."""
    out: tuple[set, set] = (set(), set())
    for li, levering in enumerate(ctx.doc["leveringen"]):
        for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
            latest = max(dates_in(t, skip_clients=True), default="")
            for found, cutoff in zip(out, cutoffs, strict=True):
                if latest > cutoff:
                    found.add(("T03", traject_path(li, ti), None))
                    for k, schuld in enumerate(t.get("schulden", [])):
                        if (day(schuld.get("peildatum")) or "") > cutoff:
                            found.add(("D02", f"{traject_path(li, ti)}.schulden[{k}]", None))
    return out


@defect("L03", "Aangeleverd op de laatste dag van de peilperiode.")
def _inject_l03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Delivered on the last day of the peilperiode (period not finished): a warning.

    Dates between that day and the old aanleverdatum become future dates (T03, D02) - none in a clean file.
    """
    old = ctx.doc["aanleverdatumEnTijd"]
    late_before, late_after = _late_dates(ctx, (old[:10], ctx.doc["einddatumLevering"]))
    before = file_findings(ctx.doc) | late_before
    ctx.doc["aanleverdatumEnTijd"] = ctx.doc["einddatumLevering"] + old[10:]
    return new_findings("L03", before, file_findings(ctx.doc) | late_after)


@defect("L02", "Een peilperiode die een paar dagen te vroeg begint (geen half of heel jaar).")
def _inject_l02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A peilperiode starting a few days early (a month-end export): not a half or whole year.

    At most 10 days, so a T02 traject (ended at least 15 days before the period) stays outside it.
    """
    before = file_findings(ctx.doc)
    start = ordinal(ctx.doc["startdatumLevering"])
    ctx.doc["startdatumLevering"] = iso(start - 1 - int(rng.random() * 10))
    return changed("L02", ctx.doc, before)


@defect("L01", "startdatumLevering na einddatumLevering. Niet samen met T02, T06, A01, A02 of L02 (die zwijgen "
               "dan).")
def _inject_l01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """startdatumLevering one day after einddatumLevering: the period runs backwards.

    The tool then reports L01 only: rules that compare with the period (T02, T06, A01, A02) skip the file,
    and L02 is silent. So it cannot be combined with defects for those rules (their findings disappear).
    """
    before = file_findings(ctx.doc)
    ctx.doc["startdatumLevering"] = iso(ordinal(ctx.doc["einddatumLevering"]) + 1)
    return changed("L01", ctx.doc, before)
