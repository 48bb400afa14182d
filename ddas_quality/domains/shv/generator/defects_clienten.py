"""Defects of the C rules (cliënten): BSN, birth date, geslacht and address of a client, and a client in two
trajecten at once."""

from __future__ import annotations

import copy
import random

from ...common.synthetic import TEST_BSN_RANGE, InjectedDefect, elfproef, gemeente_table
from .context import Defects, InjectionContext, append_levering, registrar, traject_path
from .dates import iso, ordinal
from .file_rules import a03_findings

#: This group's defects, registered by `@defect` below (the injection order is `registry.ORDER`).
DEFECTS: Defects = {}
defect = registrar(DEFECTS)


@defect("C01", "Een BSN uit de testreeks dat niet aan de elfproef voldoet.")
def _inject_c01(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A BSN in the test range that fails the 11-test (a typing error)."""
    counts = ctx.key_counts()
    candidates = [(li, ti, j) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)
                  for j, c in enumerate(t["client"]) if c.get("Burgerservicenummer")]
    li, ti, j = ctx.take("C01", rng, candidates)
    client = ctx.traject(li, ti)["client"][j]
    low, high = TEST_BSN_RANGE
    while True:
        number = str(low + int(rng.random() * (high - low + 1)))
        if not elfproef(number):
            break
    client["Burgerservicenummer"] = number
    return [InjectedDefect("C01", f"{traject_path(li, ti)}.client[{j}]")]


@defect("C07", "Dezelfde cliënt in een tweede, overlappend traject (later startend).")
def _inject_c07(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The client of one traject also put in a later-starting traject that overlaps it (same levering)."""
    counts = ctx.key_counts()
    free = [(li, ti, t) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)]
    by_levering: dict[int, list[tuple[int, dict]]] = {}
    for li, ti, t in free:
        by_levering.setdefault(li, []).append((ti, t))
    firsts = [(li, ti, t) for li, ti, t in free if t["client"][0].get("Burgerservicenummer")] or free
    order = firsts[:]
    rng.shuffle(order)
    for li, ti, first in order[:200]:
        start = ordinal(first["startdatum"])
        end = ordinal(first["einddatum"]) if "einddatum" in first else None
        seconds = [(tj, t) for tj, t in by_levering[li]
                   if tj != ti and start < ordinal(t["startdatum"])
                   and (end is None or ordinal(t["startdatum"]) < end)]
        singles = [s for s in seconds if len(s[1]["client"]) == 1] or seconds
        if singles:
            tj, second = singles[int(rng.random() * len(singles))]
            second["client"][0] = copy.deepcopy(first["client"][0])
            ctx.used.update({(li, ti), (li, tj)})
            return [InjectedDefect("C07", traject_path(li, tj))]
    ctx.take("C07", rng, [])  # raises: no pair of overlapping trajecten in one levering
    return []


def _client_spots(ctx: InjectionContext, with_bsn: bool | None = None) -> list[tuple[int, int, int]]:
    """(levering, traject, client) of clients in trajecten whose clients are in no other traject."""
    counts = ctx.key_counts()
    return [(li, ti, j) for li, ti, t in ctx.trajecten() if ctx.unique_clients(t, counts)
            for j, c in enumerate(t["client"])
            if with_bsn is None or bool(c.get("Burgerservicenummer")) == with_bsn]


@defect("C02", "Een cliënt zonder BSN en zonder Geslachtsaanduiding (eventueel met A03).")
def _inject_c02(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A client without BSN that also lacks Geslachtsaanduiding. Preferably one that had no BSN already;
    else the BSN goes too (and A03 when that brings the file's BSN fill rate under 80%)."""
    without = _client_spots(ctx, with_bsn=False)
    li, ti, j = ctx.take("C02", rng, without or _client_spots(ctx))
    client = ctx.traject(li, ti)["client"][j]
    client.pop("Burgerservicenummer", None)
    del client["Geslachtsaanduiding"]
    side_effects = [] if without else a03_findings(ctx.doc, "bsn")
    return [InjectedDefect("C02", f"{traject_path(li, ti)}.client[{j}]"), *side_effects]


@defect("C03", "Een geboortedatum die niet bestaat, een leeftijd onder de 18 of de opvuldatum 1900-01-01.")
def _inject_c03(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A Geboortedatum that is no real date (error), gives an age of 15-17 at the traject start, or is the
    placeholder 1900-01-01 (warnings). Only clients with a BSN: their client key does not change."""
    li, ti, j = ctx.take("C03", rng, _client_spots(ctx, with_bsn=True))
    t = ctx.traject(li, ti)
    client = t["client"][j]
    kind = int(rng.random() * 3)
    if kind == 0:
        client["Geboortedatum"] = f"{client['Geboortedatum'][:4]}-02-{30 + int(rng.random() * 2)}"
    elif kind == 1:
        client["Geboortedatum"] = iso(ordinal(t["startdatum"]) - int((15.1 + 2.8 * rng.random()) * 365.2425))
    else:
        client["Geboortedatum"] = "1900-01-01"
    return [InjectedDefect("C03", f"{traject_path(li, ti)}.client[{j}]")]


@defect("C04", "Een Geslachtsaanduiding buiten Man, Vrouw, Onbekend, Leeg.")
def _inject_c04(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A Geslachtsaanduiding outside Man, Vrouw, Onbekend, Leeg (an export code or other spelling)."""
    li, ti, j = ctx.take("C04", rng, _client_spots(ctx))
    client = ctx.traject(li, ti)["client"][j]
    client["Geslachtsaanduiding"] = ("M", "V", "vrouw", "X", "O")[int(rng.random() * 5)]
    return [InjectedDefect("C04", f"{traject_path(li, ti)}.client[{j}]")]


@defect("C05", "Een postcode zonder letters, of de toevoeging in het huisnummer.")
def _inject_c05(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """A Postcode without its letters, or the toevoeging typed into the Huisnummer (client with a BSN)."""
    li, ti, j = ctx.take("C05", rng, _client_spots(ctx, with_bsn=True))
    client = ctx.traject(li, ti)["client"][j]
    if rng.random() < 0.5:
        client["Postcode"] = client["Postcode"][:4]
    else:
        client["Huisnummer"] += "abc"[int(rng.random() * 3)]
    return [InjectedDefect("C05", f"{traject_path(li, ti)}.client[{j}]")]


@defect("C06", "Dezelfde cliënt twee keer in één traject.")
def _inject_c06(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """The first client (with BSN) entered twice in one traject; a single-client traject gets the copy as
    second client when no traject has two."""
    counts = ctx.key_counts()
    free = [(li, ti, t) for li, ti, t in ctx.trajecten()
            if ctx.unique_clients(t, counts) and t["client"][0].get("Burgerservicenummer")]
    pairs = [(li, ti) for li, ti, t in free if len(t["client"]) == 2]
    li, ti = ctx.take("C06", rng, pairs or [(li, ti) for li, ti, _ in free])
    clients = ctx.traject(li, ti)["client"]
    clients[1:] = [copy.deepcopy(clients[0])]
    return [InjectedDefect("C06", f"{traject_path(li, ti)}.client[1]")]


@defect("C08", "Samenloop: dezelfde cliënt in een overlappend traject van een andere organisatie (extra levering).")
def _inject_c08(ctx: InjectionContext, rng: random.Random) -> list[InjectedDefect]:
    """Samenloop: a running traject's client also in a later-starting traject of another organisation (an
    added levering for the same gemeente). Info: CBS merges these."""
    counts = ctx.key_counts()
    b = ctx.builder
    candidates = [(li, ti) for li, ti, t in ctx.trajecten() if "einddatum" not in t
                  and ctx.unique_clients(t, counts) and ordinal(t["startdatum"]) < b.pe - 60]
    li, ti = ctx.take("C08", rng, candidates)
    first = ctx.traject(li, ti)
    start = ordinal(first["startdatum"])
    code = first["gemeentecode"]
    lj = append_levering(ctx, rng, gemeente_table().get(code), code, other_organisation=True,
                         accept=lambda t: ordinal(t["startdatum"]) > start)
    ctx.doc["leveringen"][lj]["schuldhulptrajecten"][0]["client"] = copy.deepcopy(first["client"])
    return [InjectedDefect("C08", traject_path(lj, 0))]
