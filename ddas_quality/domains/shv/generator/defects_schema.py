"""Defects of the S rules (schema): a value outside the model, a null, the older model version v0.10."""

from __future__ import annotations

import random

from ...common.synthetic import InjectedDefect
from .context import Defects, InjectionContext, registrar, traject_path

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)


@defect("S01", "Een waarde buiten de toegestane lijst (of een verkeerd type) in één traject.")
def _inject_s01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
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
    t = ctx.traject(li, ti)
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


@defect("S02", "Een veld met null in plaats van weggelaten (einddatum van een lopend traject).")
def _inject_s02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
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


@defect("S03", "Een export in het oudere model v0.10 (beschikkingssoort 'Beeindigingsbeschikking', zonder "
               "datumBeeindigingsbeschikking). Niet samen met S01, S02 of T08.")
def _inject_s03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """An export in the older v0.10 model: 'Beeindigingsbeschikking' as beschikkingssoort and no
    uitstroom.datumBeeindigingsbeschikking (new in v1.0). The tool checks it as v0.10 and warns (S03)."""
    from ....validate import get_validator  # only here: the schemas decide which version a file passes

    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "beschikkingssoort" in t.get("intake", {})]
    li, ti = ctx.take("S03", rng, candidates)
    for levering in ctx.doc["leveringen"]:
        for t in levering.get("schuldhulptrajecten", []):
            uitstroom = t.get("uitstroom")
            if isinstance(uitstroom, dict) and "datumBeeindigingsbeschikking" in uitstroom:
                if uitstroom["datumBeeindigingsbeschikking"] not in (uitstroom.get("datum"), t.get("einddatum")):
                    raise ValueError("Fout S03 kan niet samen met een afwijkende datumBeeindigingsbeschikking (T08).")
                del uitstroom["datumBeeindigingsbeschikking"]
    ctx.traject(li, ti)["intake"]["beschikkingssoort"] = "Beeindigingsbeschikking"
    if not get_validator("SHV", "0.10").is_valid(ctx.doc):
        raise ValueError("Fout S03 kan niet samen met schemafouten (S01, S02): zo'n bestand past op geen enkele "
                         "versie en wordt als v1.0 gecontroleerd.")
    return [InjectedDefect("S03", "$")]
