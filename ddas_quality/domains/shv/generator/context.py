"""What the SHV defect injectors share: the document, the builder, which places are taken, how to register.

Each injector picks its place with `take`, so defects never share a traject, and records every rule its
change unavoidably breaks. Taken places are (levering, traject) pairs; (levering, -1) marks a levering
changed at levering level.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ....gemeenten import Gemeente
from ...common.synthetic import InjectedDefect
from .build import Builder


def traject_path(levering: int, traject: int) -> str:
    """The JSON path the tool reports a traject at."""
    return f"$.leveringen[{levering}].schuldhulptrajecten[{traject}]"


def resolve(t: dict, rel: str) -> dict:
    """The part of a traject at a relative path: `oplossing` or `begeleiding[1]`."""
    name, _, index = rel.partition("[")
    return t[name][int(index[:-1])] if index else t[name]


def client_key(client: dict) -> tuple:
    """BSN, or when missing geboortedatum + postcode + huisnummer (+toevoeging) (rules.md, Terms)."""
    bsn = client.get("Burgerservicenummer")
    if bsn:
        return ("bsn", bsn)
    return ("adres", client.get("Geboortedatum"), client.get("Postcode"), client.get("Huisnummer"),
            client.get("Huisnummertoevoeging", ""))


class InjectionContext:
    """The document being changed, the builder that made it, and which trajecten defects have taken."""

    def __init__(self, document: dict, builder: Builder) -> None:
        self.doc = document
        self.builder = builder
        self.used: set[tuple[int, int]] = set()

    def trajecten(self) -> Iterator[tuple[int, int, dict]]:
        """(levering, traject, traject dict) of every traject no defect has taken yet."""
        for li, levering in enumerate(self.doc["leveringen"]):
            for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
                if (li, ti) not in self.used:
                    yield li, ti, t

    def all_trajecten(self) -> Iterator[tuple[int, int, dict]]:
        """Every traject, taken or not (side-effect checks look at the whole file)."""
        for li, levering in enumerate(self.doc["leveringen"]):
            for ti, t in enumerate(levering.get("schuldhulptrajecten", [])):
                yield li, ti, t

    def traject(self, li: int, ti: int) -> dict:
        """The traject at (levering, traject), to change in place."""
        return self.doc["leveringen"][li]["schuldhulptrajecten"][ti]

    def key_counts(self) -> dict[tuple, int]:
        """How many clients in the file have each client key."""
        counts: dict[tuple, int] = {}
        for levering in self.doc["leveringen"]:
            for t in levering.get("schuldhulptrajecten", []):
                for client in t.get("client", []):
                    key = client_key(client)
                    counts[key] = counts.get(key, 0) + 1
        return counts

    def unique_clients(self, t: dict, counts: dict[tuple, int]) -> bool:
        """True when this traject's clients are in no other traject (changing them cannot create C07)."""
        return all(counts[client_key(c)] == 1 for c in t.get("client", []))

    def take(self, code: str, rng: random.Random, candidates: list) -> tuple:
        """One of `candidates` ((levering, traject, ...) tuples), marked as taken; ValueError (Dutch) when none."""
        if not candidates:
            raise ValueError(f"Fout {code} kan niet worden toegevoegd: geen geschikt traject "
                             "(maak meer trajecten aan).")
        choice = candidates[int(rng.random() * len(candidates))]
        self.used.add((choice[0], choice[1]))
        return choice

    @contextmanager
    def drawing_from(self, rng: random.Random) -> Iterator[Builder]:
        """The builder, drawing from an injector's stream for a while: what it adds depends on that defect only."""
        builder = self.builder
        saved = builder.rng
        builder.rng = rng
        try:
            yield builder
        finally:
            builder.rng = saved


def append_levering(ctx: InjectionContext, rng: random.Random, gemeente: Gemeente | None, code: str, *,
                    other_organisation: bool = False, accept: Callable[[dict], bool] = lambda t: True) -> int:
    """A new levering (teller: the number of leveringen) holding one single-client traject in the peilperiode
    that `accept` takes, from an organisation that is no gemeente when asked; taken; returns its index."""
    with ctx.drawing_from(rng) as builder:
        for _ in range(10_000):
            teller = len(ctx.doc["leveringen"]) + 1
            levering = builder.levering(teller, gemeente, code, 1, in_period_only=True)
            t = levering["schuldhulptrajecten"][0]
            if (not other_organisation or "gemeentecode" not in levering["aanleverende_organisatie"]) \
                    and len(t["client"]) == 1 and accept(t):
                break
        else:
            raise ValueError("Er kon geen extra levering worden gemaakt (maak meer trajecten aan).")
    ctx.doc["leveringen"].append(levering)
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.add((li, 0))
    return li


def new_levering(ctx: InjectionContext, rng: random.Random, gemeente: Gemeente, trajecten: int) -> int:
    """Append a levering (next free teller) of `trajecten` clean trajecten started in the period; it and its
    trajecten are taken; returns its index."""
    with ctx.drawing_from(rng) as builder:
        teller = max([lev.get("teller", 0) for lev in ctx.doc["leveringen"]], default=0) + 1
        levering = builder.levering(teller, gemeente, gemeente.code, trajecten, in_period_only=True)
    ctx.doc["leveringen"].append(levering)
    li = len(ctx.doc["leveringen"]) - 1
    ctx.used.update((li, ti) for ti in range(trajecten))
    ctx.used.add((li, -1))
    return li


Injector = Callable[[InjectionContext, random.Random], list[InjectedDefect]]
#: rule code -> (what is injected, in Dutch, for `ddas-quality generate`; injector)
Defects = dict[str, tuple[str, Injector]]


def registrar(defects: Defects) -> Callable[[str, str], Callable[[Injector], Injector]]:
    """A decorator `@defect(code, text)` that adds an injector to a group's `defects` (see `registry`)."""
    def defect(code: str, text: str) -> Callable[[Injector], Injector]:
        def register(inject: Injector) -> Injector:
            if code in defects:
                raise ValueError(f"defect {code} registered twice")
            defects[code] = (text, inject)
            return inject
        return register
    return defect
