"""VS defects: one injector per V rule, each on its own signal or zaak, recording the rule and JSON path.

`Context.take_signal` and `take_zaak` keep defects apart: a signal and its zaak count as one place.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ....gemeenten import Gemeente
from ...common.synthetic import TEST_BSN_RANGE, InjectedDefect, elfproef, gemeente_table, threshold
from .build import day
from .file_rules import far_too_few
from .versions import new_client_model

#: V08: an amount from this on is implausible (cents instead of euros).
V08_MAX_BEDRAG = threshold("V08", "max_bedrag")

L0 = "$.leveringen[0]"


@dataclass
class Context:
    """The document being changed and which signals and zaken defects have taken."""

    document: dict
    gemeente: Gemeente | None
    months: int
    used_signals: set[int] = field(default_factory=set)
    used_zaken: set[int] = field(default_factory=set)
    version: str = "0.9"        # the version the delivery is written in (`versions.in_version`, after injection)

    @property
    def levering(self) -> dict:
        """The file's one levering."""
        return self.document["leveringen"][0]

    def zaak_of(self) -> dict[str, int]:
        """Signal ID -> index of the zaak that refers to it."""
        return {ref["ID"]: z for z, zaak in enumerate(self.levering["vroegsignaalzaken"])
                for ref in zaak["vroegsignalen"]}

    def take_signal(self, code: str, rng: random.Random, where: Callable[[int, dict], bool] = lambda i, s: True,
                    ) -> int:
        """A signal no other defect touched (nor its zaak), matching `where`."""
        zaak_of = self.zaak_of()
        options = [i for i, s in enumerate(self.levering["vroegsignalen"])
                   if i not in self.used_signals and zaak_of.get(s["ID"]) not in self.used_zaken and where(i, s)]
        if not options:
            raise ValueError(f"Geen plek voor fout {code}: maak een groter bestand.")
        chosen = options[int(rng.random() * len(options))]
        self.used_signals.add(chosen)
        if (zaak := zaak_of.get(self.levering["vroegsignalen"][chosen]["ID"])) is not None:
            self.used_zaken.add(zaak)
        return chosen

    def take_zaak(self, code: str, rng: random.Random, where: Callable[[dict], bool] = lambda z: True) -> int:
        """A zaak no other defect touched (nor any of its signals), matching `where`."""
        index = {s["ID"]: i for i, s in enumerate(self.levering["vroegsignalen"])}
        options = [z for z, zaak in enumerate(self.levering["vroegsignaalzaken"])
                   if z not in self.used_zaken and where(zaak)
                   and not any(index[ref["ID"]] in self.used_signals for ref in zaak["vroegsignalen"])]
        if not options:
            raise ValueError(f"Geen plek voor fout {code}: maak een groter bestand.")
        chosen = options[int(rng.random() * len(options))]
        self.used_zaken.add(chosen)
        refs = self.levering["vroegsignaalzaken"][chosen]["vroegsignalen"]
        self.used_signals.update(index[ref["ID"]] for ref in refs)
        return chosen


def _signal_path(i: int) -> str:
    return f"{L0}.vroegsignalen[{i}]"


def _zaak_path(z: int) -> str:
    return f"{L0}.vroegsignaalzaken[{z}]"


def _v01(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A gemeentecode that does not exist (0001). Counting per gemeente (V10) then has no population."""
    ctx.levering["gemeentecode"] = "0001"
    return [InjectedDefect("V01", L0)]


def _v02(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal outside any zaak gets the ID of another signal (reported at the later one)."""
    zaak_of = ctx.zaak_of()
    target = ctx.take_signal("V02", rng, lambda i, s: i > 0 and s["ID"] not in zaak_of)
    copy_from = ctx.take_signal("V02", rng, lambda i, s: i < target)
    ctx.levering["vroegsignalen"][target]["ID"] = ctx.levering["vroegsignalen"][copy_from]["ID"]
    # Through the shared ID it now seems to belong to the other one's zaak: no status to contradict it (V07)
    ctx.levering["vroegsignalen"][target].pop("status", None)
    return [InjectedDefect("V02", _signal_path(target))]


def _v03(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A zaak refers to a signal that is not in the levering."""
    z = ctx.take_zaak("V03", rng)
    refs = ctx.levering["vroegsignaalzaken"][z]["vroegsignalen"]
    refs.append({"ID": "VS-ONBEKEND-1"})
    return [InjectedDefect("V03", f"{_zaak_path(z)}.vroegsignalen[{len(refs) - 1}]")]


def _v04(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """The ontstaansdatum after the signaaldatum (dates swapped by a typo)."""
    i = ctx.take_signal("V04", rng)
    signal = ctx.levering["vroegsignalen"][i]
    signal["ontstaansdatum"] = day(date.fromisoformat(signal["signaaldatum"]) + timedelta(days=3))
    return [InjectedDefect("V04", _signal_path(i))]


def _v05(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal without zaak dated a year before the peilperiode."""
    zaak_of = ctx.zaak_of()
    i = ctx.take_signal("V05", rng, lambda i, s: s["ID"] not in zaak_of)
    signal = ctx.levering["vroegsignalen"][i]
    signaal = date.fromisoformat(signal["signaaldatum"]) - timedelta(days=400)
    signal["signaaldatum"] = day(signaal)
    signal["ontstaansdatum"] = day(signaal - timedelta(days=10))
    return [InjectedDefect("V05", _signal_path(i))]


def _v06(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A zaak picked up (datum_opgepakt) before its matchingsdatum."""
    z = ctx.take_zaak("V06", rng, lambda zaak: "datum_opgepakt" in zaak
                      and zaak["matchingsdatum"] > zaak["startdatum_matchtingperiode"])
    zaak = ctx.levering["vroegsignaalzaken"][z]
    zaak["datum_opgepakt"] = day(date.fromisoformat(zaak["matchingsdatum"]) - timedelta(days=1))
    return [InjectedDefect("V06", _zaak_path(z))]


def _v07(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """A signal says "Nog niet opgepakt" while its zaak has a resultaat."""
    zaak_of, zaken = ctx.zaak_of(), ctx.levering["vroegsignaalzaken"]
    i = ctx.take_signal("V07", rng, lambda i, s: s["ID"] in zaak_of and "resultaat" in zaken[zaak_of[s["ID"]]])
    ctx.levering["vroegsignalen"][i]["status"] = "Nog niet opgepakt"
    return [InjectedDefect("V07", _signal_path(i))]


def _v08(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """An amount in cents instead of euros (100,000 or more)."""
    i = ctx.take_signal("V08", rng)
    signal = ctx.levering["vroegsignalen"][i]
    signal["bedrag"] = max(signal["bedrag"] * 100, V08_MAX_BEDRAG)
    return [InjectedDefect("V08", _signal_path(i))]


def _v09(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """Up to v1.0 a client with neither a BSN nor an address. From v1.1 a client is a BSN alone or an address
    (the schema's oneOf: any other shape is S01, not V09), so there: a BSN alone that fails the elfproef."""
    i = ctx.take_signal("V09", rng)
    signal = ctx.levering["vroegsignalen"][i]
    if new_client_model(ctx.version):
        low, high = TEST_BSN_RANGE
        number = low + int(rng.random() * (high - low))
        while elfproef(str(number)):
            number = low + (number - low + 1) % (high - low + 1)
        signal["client"] = {"Burgerservicenummer": str(number)}
        return [InjectedDefect("V09", _signal_path(i))]
    for key in ("Burgerservicenummer", "Postcode", "Huisnummer"):
        signal["client"].pop(key, None)
    return [InjectedDefect("V09", _signal_path(i))]


def _v10(ctx: Context, rng: random.Random) -> list[InjectedDefect]:
    """The levering is labelled as a gemeente with far more inhabitants (too few signals, V10 error)."""
    signals = len(ctx.levering["vroegsignalen"])
    for g in sorted(gemeente_table(), key=lambda g: -g.inwoners):
        if far_too_few(signals, g, ctx.months) and g.code != ctx.levering["gemeentecode"] \
                and g.valid_during(*_period_of(ctx.document)):
            ctx.levering["gemeentecode"] = g.code
            ctx.levering["aanleverende_organisatie"]["naam"] = f"Gemeente {g.naam}"
            return [InjectedDefect("V10", "$", gemeentecode=g.code)]
    raise ValueError("Geen plek voor fout V10: te veel signalen om te weinig te zijn voor een gemeente.")


def _period_of(document: dict) -> tuple[date, date]:
    return date.fromisoformat(document["startdatumLevering"]), date.fromisoformat(document["einddatumLevering"])


#: rule code -> injector; the order is the order of injection.
DEFECTS: dict[str, Callable[[Context, random.Random], list[InjectedDefect]]] = {
    "V01": _v01, "V02": _v02, "V03": _v03, "V04": _v04, "V05": _v05, "V06": _v06, "V07": _v07, "V08": _v08,
    "V09": _v09, "V10": _v10,
}
#: The V codes the generator can inject, in injection order.
SUPPORTED_VS_DEFECTS = tuple(DEFECTS)
