"""A national set: one synthetic delivery per gemeente, sized by inhabitants, as the DDAS team receives them.

The DDAS team checks hundreds of anonymized deliveries at once. To test and benchmark that, every gemeente
of the year gets its own file (`SHV_2024_<gemeente>.json`), with trajecten (or signals) in proportion to its
inhabitants. Clients carry pseudonyms in the BSN field, unique over the whole set: the 909 test BSNs the
single-file generators share would make every file "meet" every other one (C08 samenloop, T15, C07) and a
clean national set would drown in findings that only the generator caused. Check such a set with
`--profile geanonimiseerd`. Defects go into chosen files only (`T01@0363`). Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...catalogue import CATALOGUE
from ...gemeenten import Gemeente
from ...reader import FORBIDDEN_NAME_CHARS
from .synthetic import InjectedDefect, gemeente_table, parse_gemeentecode, period, write_delivery

#: Trajecten per 1,000 inhabitants in the peilperiode: the issue's reference set (342 files, 89,549 trajecten
#: for 2024) has about 5.
SHV_PER_1000 = 5.0


@dataclass(frozen=True)
class NationalFile:
    """One written file of the set: for which gemeente, how many trajecten/signalen, which defects it holds."""

    name: str
    gemeentecode: str
    gemeente: str
    count: int
    defects: list[InjectedDefect] = field(default_factory=list)


@dataclass(frozen=True)
class NationalSet:
    """What `generate_national` wrote: the files, in gemeentecode order."""

    files: list[NationalFile]
    unit: str

    @property
    def total(self) -> int:
        return sum(f.count for f in self.files)

    def manifest(self, seed: int) -> dict:
        """The findings a check of the set must report, per file (for `--verwacht`)."""
        return {"seed": seed, self.unit: self.total, "bestanden": [
            {"bestand": f.name, "gemeentecode": f.gemeentecode, self.unit: f.count,
             "defecten": [{"rule": d.rule, "path": d.path} | ({"gemeentecode": d.gemeentecode}
                                                              if d.gemeentecode else {}) for d in f.defects]}
            for f in self.files]}


def default_per_1000(domain: str, half: int | None) -> float:
    """The default size: SHV 5 trajecten per 1,000 inhabitants; VS the V10 reference rate for the period."""
    if domain.lower() == "vs":
        months = 12 if half is None else 6
        return CATALOGUE["V10"].thresholds["reference_rate_per_1000"] * months / 12
    return SHV_PER_1000


def parse_defects(specs: Sequence[str]) -> dict[str, list[str]]:
    """`T01@0363` (also `T01@GM0363`, several comma-separated) -> {"0363": ["T01"]}; ValueError (Dutch) otherwise."""
    out: dict[str, list[str]] = {}
    for spec in (part.strip() for value in specs for part in value.split(",")):
        if not spec:
            continue
        rule, at, code = spec.partition("@")
        if not at or not rule.strip():
            raise ValueError(f"Geef bij --landelijk per fout aan in welke gemeente hij moet komen: REGEL@GEMEENTECODE "
                             f"(bijvoorbeeld T01@0363), niet '{spec}'.")
        out.setdefault(parse_gemeentecode(code.strip()), []).append(rule.strip().upper())
    return out


def plan_national(*, year: int, half: int | None, per_1000: float, gemeentecodes: Sequence[str] | None = None,
                  max_files: int | None = None, keep: Sequence[str] = ()) -> list[tuple[Gemeente, int]]:
    """(gemeente, count) for every gemeente valid in the period (or the ones asked), count in proportion to
    inhabitants and at least 1. `max_files`: that many, the codes in `keep` (defects asked there) and the rest
    spread evenly over the code-ordered list."""
    if per_1000 <= 0:
        raise ValueError("Het aantal per 1.000 inwoners moet groter dan 0 zijn.")
    start, end = period(year, half)
    table = gemeente_table()
    if gemeentecodes:
        chosen = []
        for raw in dict.fromkeys(gemeentecodes):
            code = parse_gemeentecode(raw)
            gemeente = table.get(code)
            if gemeente is None or not gemeente.valid_during(start, end):
                raise ValueError(f"Gemeentecode {code} bestond niet in {year}: kies een gemeente uit die periode.")
            chosen.append(gemeente)
        chosen.sort(key=lambda g: g.code)
    else:
        chosen = sorted((g for g in table if g.valid_during(start, end) and g.inwoners > 0), key=lambda g: g.code)
    if not chosen:
        raise ValueError(f"De gemeentetabel heeft geen gemeenten voor {year}.")
    if max_files is not None:
        if max_files < 1:
            raise ValueError("--max-bestanden moet minstens 1 zijn.")
        if max_files < len(chosen):
            kept = [g for g in chosen if g.code in keep]
            rest = [g for g in chosen if g.code not in keep]
            room = max(0, max_files - len(kept))
            step = (len(rest) - 1) / max(1, room - 1)
            spread = [rest[round(i * step)] for i in range(room)] if room > 1 else rest[:room]
            chosen = sorted(kept + spread, key=lambda g: g.code)
    return [(g, max(1, round(g.inwoners * per_1000 / 1000))) for g in chosen]


def file_name(prefix: str, year: int, gemeente: Gemeente) -> str:
    """`SHV_2024_<Gemeentenaam>.json` as the reader's name rules want it: no dot, underscore or forbidden
    character in the organisation part (`Bergen (NH.)` -> `Bergen-(NH)`)."""
    forbidden = re.escape(FORBIDDEN_NAME_CHARS + "_")
    organisation = re.sub(rf"[{forbidden}\s]+", "-", gemeente.naam.replace(".", "")).strip("-") or gemeente.code
    return f"{prefix}_{year}_{organisation}.json"


def pseudonym_source(seed: int, code: str, seen: set[str]) -> Callable[[], str]:
    """Pseudonyms shaped like a UUID (36 characters, hex with dashes), drawn from the file's own stream and never
    one already in `seen` (shared by all files of the set): unique over the set, the same for a seed."""
    rng = random.Random(f"pseudoniem/{seed}/{code}")

    def draw() -> str:
        while True:
            text = f"{rng.getrandbits(128):032x}"
            value = f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
            if value not in seen:
                seen.add(value)
                return value

    return draw


def generate_national(output: Path, *, domain: str = "shv", seed: int = 1, year: int = 2024,
                      half: int | None = None, per_1000: float | None = None,
                      gemeentecodes: Sequence[str] | None = None, max_files: int | None = None,
                      defects: Sequence[str] = ()) -> NationalSet:
    """Write one delivery per gemeente into the directory `output` (created when missing); see the module doc.
    Raises ValueError (Dutch) for unusable arguments, OSError when the directory cannot be written."""
    from .. import get_domain

    record = get_domain(domain)
    generator = record.stage("generator")
    per_1000 = default_per_1000(record.name, half) if per_1000 is None else per_1000
    wanted = parse_defects(defects)
    plan = plan_national(year=year, half=half, per_1000=per_1000, gemeentecodes=gemeentecodes, max_files=max_files,
                          keep=list(wanted))
    planned = {g.code for g, _ in plan}
    missing = sorted(set(wanted) - planned)
    if missing:
        raise ValueError(f"Fouten gevraagd voor gemeente(n) die niet in de set zitten: {', '.join(missing)}.")
    for rules in wanted.values():
        unknown = [rule for rule in rules if rule not in generator.SUPPORTED_DEFECTS]
        if unknown:
            raise ValueError(f"Deze fouten kan de generator voor {record.name} niet maken: {', '.join(unknown)}. "
                             f"Wel: {', '.join(sorted(generator.SUPPORTED_DEFECTS))}.")
    output.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    names: set[str] = set()
    files = []
    for gemeente, count in plan:
        name = file_name(record.name, year, gemeente)
        if name in names:  # two gemeenten with one name (not in the shipped table): keep both files
            name = name[:-5] + f"-{gemeente.code}.json"
        names.add(name)
        file_seed = seed * 10_000 + int(gemeente.code)
        pseudonyms = pseudonym_source(seed, gemeente.code, seen)
        rules = wanted.get(gemeente.code, [])
        if record.name == "VS":
            from ..vs.generator.delivery import generate_vs_delivery
            delivery = generate_vs_delivery(signalen=count, seed=file_seed, year=year, half=half,
                                            gemeentecode=gemeente.code, defects=rules, pseudonyms=pseudonyms)
        else:
            from ..shv.generator.delivery import generate_delivery
            delivery = generate_delivery(trajecten=count, seed=file_seed, year=year, half=half,
                                         gemeentecodes=[gemeente.code], defects=rules, pseudonyms=pseudonyms)
        write_delivery(delivery.document, output / name)
        files.append(NationalFile(name, gemeente.code, gemeente.naam, count, list(delivery.defects)))
    return NationalSet(files, record.unit)
