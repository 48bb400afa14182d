"""The published DDAS example files, each checked by the real tool with the exact findings rules.md asks for.

The examples are read from `../shared/reference/` (never copied into the project) and copied into a
temporary folder under a name that satisfies F01 and F06 (`SHV_<year of einddatumLevering>_...`), so that
every expected row below comes from the example's content. Every row says why it is right per rules.md.

Facts shared by (almost) all SHV examples, referred to in the comments:
- Their gemeentecodes (`GM001`, `GM111`, `001`, ...) have three digits: T04 error ("4 digits, optionally
  prefixed GM"). rules.md, Decisions ("Comparing gemeentecodes"): L05, L06 and F07 compare codes as written
  (GM dropped), also when a code is no CBS code, so `GM002` and `GM003` are two gemeenten (T04 besides).
- Their BSNs (123456789, 987654321, ...) are made up and all fail the elfproef: C01 error.
- `aanleverdatumEnTijd` lies on or before the last day of the peilperiode: L03 warning ("period not
  finished"); L03 compares calendar days and the period includes its last day, so 2024-12-31T23:59:59Z
  on einddatumLevering 2024-12-31 is still inside the period (choice: the catalogue does not say).
- `codeGegevensleverancier` (`GL123456`, `SL001`, ...) holds no version number: L09 warning. v0.9 has no
  such field at all, so L09 stays silent there (the S03 warning already asks for a v1.0 export).
- A traject that starts after its aanmelding gives T10 on that aanmelding; an intake whose einddatum is
  not its beschikkingsdatum gives P05; a traject einddatum without uitstroom.reden gives T09.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import shared_path

from ddas_quality.pipeline import RunResult, check_paths
from ddas_quality.reporters.json_report import render

# Every test here reads the examples: skipped without ../shared, failed under DDAS_REQUIRE_SHARED=1.
pytestmark = pytest.mark.requires_shared("reference")


def reference_path(source: str) -> Path:
    """An example under ../shared/reference (the test skips or fails when it is missing)."""
    return shared_path("reference", *Path(source).parts)

Row = tuple[str, str, str]  # (rule, severity, path)


def t(i: int, rest: str = "", lev: int = 0) -> str:
    """Path of traject `i` (of levering `lev`), plus an optional sub-path."""
    return f"$.leveringen[{lev}].schuldhulptrajecten[{i}]{rest}"


def per(rule: str, severity: str, trajecten: tuple[int, ...], rest: str = "", lev: int = 0) -> list[Row]:
    """One row per listed traject: the tables stay one line per reason."""
    return [(rule, severity, t(i, rest, lev)) for i in trajecten]


ALL5, ALL10 = (0, 1, 2, 3, 4), tuple(range(10))


@dataclass(frozen=True)
class Example:
    """One run of the tool: reference files (relative to ../shared/reference) -> name in the run, and what to expect."""

    files: dict[str, str]                   # source -> target name
    expected: dict[str, list[Row]]          # target name -> exact findings of that file
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # target -> (version, S03 severity)


# --------------------------------------------------------------------------------------------- SHV v1.0
V10_ENKELVOUDIG = Example(
    {"ddas-shv/v1.0/enkelvoudigVoorbeeld.json": "SHV_2024_Enkelvoudig.json"},
    {"SHV_2024_Enkelvoudig.json": [
        ("S03", "info", "$"),            # no distinguishing field and valid against v1.0: current version, info
        ("L03", "warning", "$"),         # aanleverdatum 2024-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL987654' holds no software version
        ("T04", "error", t(0)),          # 'GM001': three digits
        ("C01", "error", t(0, ".client[0]")),  # 987654321 fails the elfproef
        ("T07", "warning", t(0)),        # toekenningsdatum 2024-01-05 differs from schuldregeling.toegekend 2024-06-20
        ("T09", "warning", t(0)),        # einddatum 2024-12-31 without uitstroom.reden
        ("T10", "warning", t(0, ".aanmelding")),  # aanmelding 2024-01-01 before traject start 2024-01-10
        ("T16", "warning", t(0)),        # aanmelding.crisisinterventie true but no crisisinterventies[]
        ("P03", "warning", t(0, ".schuldregeling")),  # a schuldregeling without intake
        ("D05", "warning", t(0)),        # a schuldregeling without schulden
        ("A03", "warning", "$"),         # intake.startdatum empty in 1 of 1 trajecten past intake (>20%)
        ("A03", "warning", "$"),         # schulden empty in 1 of 1 trajecten with a schuldregeling (>20%)
    ]},
)

V10_UITGEBREID = Example(
    {"ddas-shv/v1.0/UitgebreidMeervoudigVoorbeeld.json": "SHV_2024_Uitgebreid.json"},
    {"SHV_2024_Uitgebreid.json": [
        ("S03", "info", "$"),            # fails every known version, so it is reported against the current one
        ("S01", "error", "$"),           # unknown top-level field '$schema' (additionalProperties false)
        ("S01", "error", "$"),           # unknown top-level field '$id'
        ("S01", "error", "$"),           # unknown top-level field 'title'
        # 'Toewijzingsbeschikking' is not in the list (Afwijzingsbeschikking, Toelatingsbeschikking)
        *per("S01", "error", ALL5, ".intake.beschikkingssoort"),
        ("S01", "error", t(2, ".uitstroom.reden")),  # 'Zelfstandig verder' is not an uitstroomreden
        # null where a date is expected: S02 only, not also S01 (Decisions: null)
        ("S02", "error", t(0, ".einddatum")),
        ("S02", "error", t(1, ".einddatum")),
        ("S02", "error", t(1, ".oplossing.einddatum")),
        ("S02", "error", t(4, ".einddatum")),
        ("S02", "error", t(4, ".begeleiding[0].einddatum")),
        ("L03", "warning", "$"),         # aanleverdatum 2024-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL123456' holds no software version
        *per("T04", "error", ALL5),      # 'GM111': three digits
        # 123456789, 987654321, 567890123, 234567890, 345678901 fail the elfproef
        *per("C01", "error", ALL5, ".client[0]"),
        # aanmelding starts 5-12 days before each traject (01-20/02-01, 03-10/03-15, 01-10/01-15, 04-30/05-05, ...)
        *per("T10", "warning", ALL5, ".aanmelding"),
        # every intake ends 5 days after its beschikkingsdatum (02-15/02-10, 03-30/03-25, ...)
        *per("P05", "warning", ALL5, ".intake"),
        *per("T16", "warning", (1, 3, 4)),  # crisisinterventie true without crisisinterventies[]
        *per("D05", "warning", (1, 2, 3)),  # an oplossing without schulden
    ]},
)

V10_MEERVOUDIG = Example(
    {"ddas-shv/v1.0/meervoudigVoorbeeld.json": "SHV_2024_Meervoudig.json"},
    {"SHV_2024_Meervoudig.json": [
        ("S03", "info", "$"),            # valid against v1.0
        ("L03", "warning", "$"),         # aanleverdatum 2024-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL123456' holds no software version
        *per("T04", "error", ALL10),     # 'GM002' ... 'GM010': three digits
        # compared as written (see top): the organisation is GM002, trajecten [2]-[9] carry GM003 ... GM010
        *per("L05", "error", (2, 3, 4, 5, 6, 7, 8, 9)),
        ("L06", "warning", "$.leveringen[0]"),   # one levering with nine different codes
        ("F07", "warning", "$"),         # and so one file with nine gemeenten
        *per("C01", "error", ALL10, ".client[0]"),  # 987654321 ... 901234567 all fail the elfproef
        *per("T09", "warning", ALL10),   # every traject has an einddatum but no uitstroom at all
        ("A03", "warning", "$"),         # aanmelding.startdatum empty in 10 of 10 trajecten (no phases at all)
    ]},
)

V10_MEERDERE_LEVERINGEN = Example(
    {"ddas-shv/v1.0/meerdereLeveringenVoorbeeld.json": "SHV_2024_MeerdereLeveringen.json"},
    {"SHV_2024_MeerdereLeveringen.json": [
        ("S03", "info", "$"),            # valid against v1.0; tellers 1..5 are fine (no L04)
        ("L03", "warning", "$"),         # aanleverdatum 2024-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL123456' holds no software version
        *[row for lev in ALL5 for row in (
            ("T04", "error", t(0, "", lev)),               # 'GM111' ... 'GM555': three digits
            ("C01", "error", t(0, ".client[0]", lev)),     # 123456789 ... 567890123 fail the elfproef
            ("T09", "warning", t(0, "", lev)),             # einddatum without uitstroom
            ("T10", "warning", t(0, ".aanmelding", lev)),  # each aanmelding starts 2-9 days before its traject
        )],
        ("F07", "warning", "$"),         # five leveringen for GM111 ... GM555: five gemeenten in one file
        ("T16", "warning", t(0, "", 0)),  # levering A: crisisinterventie true without crisisinterventies[]
        ("T16", "warning", t(0, "", 3)),  # levering D: idem
    ]},
)


def _v10_samenloop_part() -> list[Row]:
    """Both v1.0 samenloop parts hold five different clients and no phases (and no client in common)."""
    return [
        ("S03", "info", "$"),            # valid against v1.0
        ("L03", "warning", "$"),         # aanleverdatum 2024-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'SL001' / 'SL002' hold no software version
        *per("T04", "error", ALL5),      # 'GM111' / 'GM222': three digits
        *per("C01", "error", ALL5, ".client[0]"),  # made-up BSNs that fail the elfproef
        *per("T09", "warning", ALL5),    # einddatum without uitstroom
        ("A03", "warning", "$"),         # aanmelding.startdatum empty in 5 of 5 trajecten
    ]


V10_SAMENLOOP = Example(
    {"ddas-shv/v1.0/samenloopVoorbeeldDeel1.json": "SHV_2024_SamenloopDeel1.json",
     "ddas-shv/v1.0/samenloopVoorbeeldDeel2.json": "SHV_2024_SamenloopDeel2.json"},
    # Checked together, still no C07/C08/T15: the two parts share no BSN (despite the name), and both
    # leveringen have teller 1 (no L04: each file is numbered on its own).
    {"SHV_2024_SamenloopDeel1.json": _v10_samenloop_part(),
     "SHV_2024_SamenloopDeel2.json": _v10_samenloop_part()},
)

# -------------------------------------------------------------------------------------------- SHV v0.10
V010_ENKELVOUDIG = Example(
    {"ddas-shv/v0.10/enkelvoudigVoorbeeld.json": "SHV_2023_Enkelvoudig.json"},
    {"SHV_2023_Enkelvoudig.json": [
        ("S03", "info", "$"),            # nothing v0.10-only in it and valid against v1.0: checked as v1.0, info
        ("L03", "warning", "$"),         # aanleverdatum 2023-12-31T15:30:00Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL123456' holds no software version
        ("T04", "error", t(0)),          # 'GM001': three digits
        ("C01", "error", t(0, ".client[0]")),  # 987654321 fails the elfproef
        ("P02", "error", t(0)),          # oplossing starts 2023-04-01, before schuldregeling.datum 2023-06-01
        ("T03", "error", t(0)),          # nazorg 2024-01-01..2024-01-31 lies after the aanleverdatum (one per traject)
        ("P05", "warning", t(0, ".intake")),  # intake einddatum 2023-01-25, beschikkingsdatum 2023-01-20
        ("T07", "warning", t(0)),        # toekenningsdatum 2023-01-05, schuldregeling.toegekend 2023-06-20
        ("T10", "warning", t(0, ".aanmelding")),  # aanmelding 2023-01-01 before traject start 2023-01-10
    ]},
    {"SHV_2023_Enkelvoudig.json": ("1.0", "info")},
)

V010_MEERVOUDIG = Example(
    {"ddas-shv/v0.10/meervoudigVoorbeeld.json": "SHV_2023_Meervoudig.json"},
    {"SHV_2023_Meervoudig.json": [
        # 'Beeindigingsbeschikking' ([3], [5], [9]) is only in v0.10: fails v1.0, passes v0.10 -> outdated, warning
        ("S03", "warning", "$"),
        ("L03", "warning", "$"),         # aanleverdatum 2023-12-31T23:59:59Z is on the last day of the period
        ("L09", "warning", "$"),         # 'GL987654' holds no software version
        *per("T04", "error", ALL10),     # 'GM001' ... 'GM006': three digits
        # compared as written (see top): the organisation is GM001, trajecten [2]-[9] carry GM002 ... GM006
        *per("L05", "error", (2, 3, 4, 5, 6, 7, 8, 9)),
        ("L06", "warning", "$.leveringen[0]"),
        ("F07", "warning", "$"),
        # traject [2] has no client at all (the schema does not require one; no catalogue rule asks for it)
        *per("C01", "error", (0, 1, 3, 4, 5, 6, 7, 8, 9), ".client[0]"),
        # oplossing before schuldregeling.datum: 04-01/06-01, 05-01/06-01, 07-01/09-01, 07-01/08-01, 10-01/11-01
        *per("P02", "error", (0, 2, 4, 5, 7)),
        # dwangakkoord true while the schuldregeling was afgewezen, not toegekend (Q&A)
        *per("P07", "error", (3, 9), ".schuldregeling"),
        ("T03", "error", t(0)),          # nazorg 2024-01-01..2024-01-31 after the aanleverdatum
        ("D04", "warning", t(3, ".schulden[0]")),  # privepersoon true with a kvknummer
        ("D04", "warning", t(5, ".schulden[0]")),  # idem
        ("D04", "warning", t(6, ".schulden[1]")),  # idem
        *per("P05", "warning", ALL10, ".intake"),  # every intake ends 5-7 days after its beschikkingsdatum
        *per("T07", "warning", (0, 2, 4, 6, 7, 8)),  # toekenningsdatum differs from schuldregeling.toegekend
        ("T09", "warning", t(2)),        # the only traject with an einddatum but no uitstroom
        *per("T10", "warning", ALL10, ".aanmelding"),  # every aanmelding starts before its traject
        *per("T16", "warning", (2, 4, 6, 7)),  # crisisinterventie true without crisisinterventies[]
    ]},
    {"SHV_2023_Meervoudig.json": ("0.10", "warning")},
)

V010_SAMENLOOP = Example(
    {"ddas-shv/v0.10/samenloopVoorbeeldDeel1.json": "SHV_2023_SamenloopDeel1.json",
     "ddas-shv/v0.10/samenloopVoorbeeldDeel2.json": "SHV_2023_SamenloopDeel2.json"},
    # Checked together: no C07/C08/T15, the two clients differ (123456789 and 987654321).
    {"SHV_2023_SamenloopDeel1.json": [
        ("S03", "info", "$"),            # valid against v1.0
        ("L03", "warning", "$"),         # aanleverdatum on the last day of the period
        ("L09", "warning", "$"),         # 'SL001' holds no software version
        ("T04", "error", t(0)),          # 'GM111': three digits
        ("C01", "error", t(0, ".client[0]")),  # 123456789 fails the elfproef
        ("P02", "error", t(0)),          # oplossing 2023-04-01 before schuldregeling.datum 2023-05-01
        ("P05", "warning", t(0, ".intake")),  # intake einddatum 2023-02-01, beschikkingsdatum 2023-01-25
        ("T07", "warning", t(0)),        # toekenningsdatum 2023-01-10, toegekend 2023-06-01
        ("T10", "warning", t(0, ".aanmelding")),  # aanmelding 2023-01-10 before traject start 2023-01-15
    ],
     "SHV_2023_SamenloopDeel2.json": [
        ("S03", "info", "$"),            # valid against v1.0
        ("L03", "warning", "$"),         # aanleverdatum on the last day of the period
        ("L09", "warning", "$"),         # 'SL002' holds no software version
        ("L04", "warning", "$.leveringen[0]"),  # only teller 2: a gap, a warning (Decisions: L04)
        ("T04", "error", t(0)),          # 'GM222': three digits
        ("C01", "error", t(0, ".client[0]")),  # 987654321 fails the elfproef
        ("P02", "error", t(0)),          # oplossing 2023-07-01 before schuldregeling.datum 2023-09-01
        ("P05", "warning", t(0, ".intake")),  # intake einddatum 2023-03-25, beschikkingsdatum 2023-03-20
        ("T07", "warning", t(0)),        # toekenningsdatum 2023-03-01, toegekend 2023-10-01
        ("T10", "warning", t(0, ".aanmelding")),  # aanmelding 2023-03-05 before traject start 2023-03-10
        ("T16", "warning", t(0)),        # crisisinterventie true without crisisinterventies[]
    ]},
)

# --------------------------------------------------------------------------------------------- SHV v0.9
V09_ENKELVOUDIG = Example(
    {"ddas-shv/v0.9/enkelvoudigVoorbeeld.json": "SHV_2023_Enkelvoudig.json"},
    {"SHV_2023_Enkelvoudig.json": [
        ("S03", "warning", "$"),         # client[].leefsituatie exists only in v0.9: outdated version, warning
        ("L03", "warning", "$"),         # aanleverdatum 2023-01-01T12:00:00Z: the first day of the period
        ("T04", "error", t(0)),          # '001': three digits
        ("C01", "error", t(0, ".client[0]")),  # 123456789 fails the elfproef
        ("T03", "error", t(0)),          # almost every date (einddatum 2023-12-31, nazorg 2024) is after 2023-01-01
        ("P08", "error", t(0, ".schuldregeling")),  # both toegekend (02-01) and afgewezen (01-20)
        ("T07", "warning", t(0)),        # toekenningsdatum 2023-01-01, schuldregeling.toegekend 2023-02-01
        ("T16", "warning", t(0)),        # crisisinterventies[] listed but aanmelding.crisisinterventie false
        ("T14", "warning", t(0)),        # totaal 5000 against schulden 1000 (in leefsituatie): 400% > 25%
        # no D05/A03 on schulden: v0.9 keeps them in client[].leefsituatie[] and they count
    ]},
    {"SHV_2023_Enkelvoudig.json": ("0.9", "warning")},
)

V09_MEERVOUDIG = Example(
    {"ddas-shv/v0.9/meervoudigVoorbeeld.json": "SHV_2023_Meervoudig.json"},
    {"SHV_2023_Meervoudig.json": [
        ("S03", "warning", "$"),         # client[].leefsituatie: v0.9, outdated
        ("L03", "warning", "$"),         # aanleverdatum 2023-01-01T12:00:00Z: the first day of the period
        *per("T04", "error", ALL10),     # '001': three digits
        *per("C01", "error", ALL10, ".client[0]"),  # 123456789 ... 445566778 all fail the elfproef
        *per("T03", "error", ALL10),     # einddatum 2023-12-31 after the aanleverdatum 2023-01-01
        *per("T09", "warning", ALL10),   # einddatum without uitstroom
        # totaal against the leefsituatie schulden: 5000/1000 ... 9500/3500; [9] is 6000/5000 = 20%, within 25%
        *per("T14", "warning", (0, 1, 2, 3, 4, 5, 6, 7, 8)),
        ("C03", "warning", t(7, ".client[0]")),  # Geboortedatum 1970-01-01 is a placeholder date
        # A04: 10 of 10 records share one value (conversion default), once per field under its JSON name
        ("A04", "warning", "$"),         # startdatum: all 2023-01-01
        ("A04", "warning", "$"),         # einddatum: all 2023-12-31
        ("A04", "warning", "$"),         # toekenningsdatum: all 2023-01-01
        ("A04", "warning", "$"),         # aanmelding.startdatum: all 2023-01-01
        ("A04", "warning", "$"),         # aanmelding.einddatum: all 2023-12-31
        ("A04", "warning", "$"),         # begeleiding.startdatum: all 2023-01-01
        ("A04", "warning", "$"),         # begeleiding.einddatum: all 2023-12-31
        ("A04", "warning", "$"),         # schulden.peildatum: all 2023-01-01
    ]},
    {"SHV_2023_Meervoudig.json": ("0.9", "warning")},
)

V09_DEEL1 = [
    ("S03", "warning", "$"),             # client[].leefsituatie: v0.9, outdated
    ("L03", "warning", "$"),             # aanleverdatum 2023-01-01T12:00:00Z: the first day of the period
    *per("T04", "error", ALL5),          # '001': three digits
    *per("C01", "error", ALL5, ".client[0]"),  # made-up BSNs that fail the elfproef
    *per("T03", "error", ALL5),          # einddatum 2023-12-31 after the aanleverdatum 2023-01-01
    *per("T09", "warning", ALL5),        # einddatum without uitstroom
    *per("P03", "warning", ALL5, ".oplossing"),  # an oplossing without intake
    *per("T14", "warning", ALL5),        # 5000/1000, 3000/2000, 7000/1500, 2500/1800 (39%), 4500/1200
    ("A03", "warning", "$"),             # intake.startdatum empty in 5 of 5 trajecten past intake
]
# Samenloop: Deel2 (another organisation) has the same five clients. Its trajecten have no startdatum,
# but each ran at least from its oplossing (2023-01-01) on (T10: a traject starts at or before its
# first phase) and is still open, so they overlap Deel1's trajecten (2023-01-01..2023-12-31): C08 (info),
# on the traject that sorts last. Not C07 (different organisations), not T15 (no startdatum to compare).
V09_SAMENLOOP_C08 = per("C08", "info", ALL5)

V09_SAMENLOOP = Example(
    {"ddas-shv/v0.9/samenloopVoorbeeldDeel1.json": "SHV_2023_SamenloopDeel1.json",
     "ddas-shv/v0.9/samenloopVoorbeeldDeel2.json": "SHV_2023_SamenloopDeel2.json"},
    {"SHV_2023_SamenloopDeel1.json": V09_DEEL1 + V09_SAMENLOOP_C08,
     "SHV_2023_SamenloopDeel2.json": [
        ("S03", "warning", "$"),         # client[].leefsituatie: v0.9, outdated
        ("L03", "warning", "$"),         # aanleverdatum: the first day of the period
        ("L04", "warning", "$.leveringen[0]"),  # only teller 2 (Decisions: a gap is a warning)
        *per("T04", "error", ALL5),      # '001': three digits
        *per("L05", "error", ALL5),      # compared as written (see top): the organisation is '002', trajecten '001'
        *per("C01", "error", ALL5, ".client[0]"),  # the same made-up BSNs as in Deel1
        *per("T03", "error", ALL5),      # oplossing.einddatum 2023-12-31 after the aanleverdatum
        *per("P03", "warning", ALL5, ".oplossing"),  # an oplossing without aanmelding and intake
        ("A03", "warning", "$"),         # aanmelding.startdatum empty in 5 of 5
        ("A03", "warning", "$"),         # intake.startdatum empty in 5 of 5 trajecten past intake
        # no T14: totaalSchuldbedragBijAanvangSchuld is missing ("when both are present")
    ]},
    {"SHV_2023_SamenloopDeel1.json": ("0.9", "warning"), "SHV_2023_SamenloopDeel2.json": ("0.9", "warning")},
)

# ------------------------------------------------------------------------------------------------- VS
VS09_ENKELVOUDIG = Example(
    {"ddas-vs/v0.9/enkelvoudigVoorbeeld.json": "VS_2025_Enkelvoudig.json"},
    {"VS_2025_Enkelvoudig.json": [
        # resultaat 'Inwoner hoeft geen hulp vanuit vroegsignalering' exists only in v0.9, the current VS
        # version (rules.md, Decisions): info
        ("S03", "info", "$"),
        # status 'Nog niet opgepakt' in a zaak with resultaat 'Inwoner hoeft geen hulp vanuit vroegsignalering'
        ("V07", "warning", "$.leveringen[0].vroegsignalen[0]"),
        # 1 signal for 's-Gravenhage (566,221 inwoners) in one month, expected ~2,900 (60 per 1,000 a year): <10%
        ("V10", "error", "$"),
        # no V09: BSN 123456789 fails the elfproef, but Postcode + Huisnummer identify the client
    ]},
    {"VS_2025_Enkelvoudig.json": ("0.9", "info")},
)

VS09_MEERVOUDIG = Example(
    {"ddas-vs/v0.9/meervoudigVoorbeeld.json": "VS_2025_Meervoudig.json"},
    {"VS_2025_Meervoudig.json": [
        ("S03", "info", "$"),            # 'Inwoner hoeft geen hulp vanuit vroegsignalering': v0.9, current
        ("V07", "warning", "$.leveringen[0].vroegsignalen[0]"),  # 'Nog niet opgepakt' in a zaak with a resultaat
        ("V07", "warning", "$.leveringen[1].vroegsignalen[0]"),  # idem ('Inwoner heeft zelf al betaald...')
        # two signals each for 's-Gravenhage and Amersfoort in a month, far below 10% of expected; one file
        # with two gemeenten: each finding points to its gemeente's levering
        ("V10", "error", "$.leveringen[0]"),
        ("V10", "error", "$.leveringen[1]"),
        # 'Niet opgepakt: ...' statuses are not 'Nog niet opgepakt', and no bereikt contact with
        # 'Definitief geen contact kunnen krijgen': no further V07
    ]},
    {"VS_2025_Meervoudig.json": ("0.9", "info")},
)

VS01_ENKELVOUDIG = Example(
    {"ddas-vs/v0.1/enkelvoudigVoorbeeld.json": "VS_2025_Enkelvoudig.json"},
    {"VS_2025_Enkelvoudig.json": [
        # v0.1 is no known version and nothing in leveringen[] tells one: checked against the current VS
        # version (v0.9), which it fails like every other one (S03 rule text: "the closest version's errors")
        ("S03", "info", "$"),
        ("S01", "error", "$"),           # 'vroegsignalen' at the top level: v0.9+ keep them inside leveringen[]
        ("S01", "error", "$"),           # 'vroegsignaalzaken' idem
        ("S01", "error", "$.aanleverdatumEnTijd"),  # '2025-07-07T14:23:51.683423' has no time zone
    ]},
    {"VS_2025_Enkelvoudig.json": ("0.9", "info")},
)


# VS v1.0, v1.1 and v1.2. Facts shared by these examples:
# - each is recognised as its own version by shape (S03): camelCase names are v1.2, lowercase client fields
#   v1.1, a value only v1.0 has is v1.0; the v0.9/v1.0 shape without such a value fits both and is checked as
#   the current VS version, v0.9 (rules.md, Decisions; ddas_quality/domains/vs/__init__.py) — the same
#   verdict, as both schemas accept such a file. Newer versions give S03 info with a "newer" note.
# - every signal with status 'Nog niet opgepakt' sits in a zaak with a resultaat: V07 warning on that signal.
# - one month (enkelvoudig, meervoudig) or one quarter (uitgebreid) of signals for Utrecht, Amsterdam,
#   Rotterdam, 's-Gravenhage or Almere is far below 10% of the expected number: V10 error per gemeente.
# - their BSNs (111111111, 999012345, 665544332, 112233445, 123456789) are made up and fail the elfproef.
#   Up to v1.0 the client also has Postcode + Huisnummer, so no V09. From v1.1 a client has either a BSN and
#   nothing else or an address, so a BSN-only client whose BSN fails the elfproef cannot be found: V09.
#   Address-only clients (lowercase postcode/huisnummer) are fine: no V09 for them.
def _vs_sig(lev: int, i: int) -> str:
    return f"$.leveringen[{lev}].vroegsignalen[{i}]"


def _vs_zaak(lev: int, i: int, rest: str = "") -> str:
    return f"$.leveringen[{lev}].vroegsignaalzaken[{i}]{rest}"


def _vs_enkelvoudig() -> list[Row]:
    """v1.0, v1.1 and v1.2-draft enkelvoudig: one signal for Utrecht, client with an address only (v1.1+)."""
    return [
        ("V07", "warning", _vs_sig(0, 0)),  # 'Nog niet opgepakt' in a zaak with '(Budget)advies en/of quick fix'
        ("V10", "error", "$"),              # 1 signal for Utrecht (374,238 inwoners) in January
    ]


def _vs_meervoudig(bsn_only: bool) -> list[Row]:
    """Utrecht: signals 0001 and 0002 of one client in one zaak; Amsterdam: 0101 (not picked up) and 0102."""
    return [
        ("V07", "warning", _vs_sig(0, 0)),  # 'Nog niet opgepakt' in a zaak with 'Vervolghulp ... financieel'
        ("V07", "warning", _vs_sig(0, 1)),  # idem
        ("V07", "warning", _vs_sig(1, 1)),  # 'Nog niet opgepakt' in a zaak with 'Definitief geen contact ...'
        ("V10", "error", "$.leveringen[0]"),  # two gemeenten in one file: per levering
        ("V10", "error", "$.leveringen[1]"),
        # v1.1+: the Utrecht client is burgerservicenummer '111111111' alone, which fails the elfproef
        *([("V09", "error", _vs_sig(0, 0)), ("V09", "error", _vs_sig(0, 1))] if bsn_only else []),
    ]


def _vs_uitgebreid(bsn_only: bool) -> list[Row]:
    """Rotterdam (11 signals, 10 zaken), 's-Gravenhage (4, 4) and Almere (2, 2), April to June 2025."""
    return [
        ("V10", "error", "$.leveringen[0]"),
        ("V10", "error", "$.leveringen[1]"),
        ("V10", "error", "$.leveringen[2]"),
        # VS-RTD-2025-0006 is in zaak 4 and zaak 8, VS-DH-2025-0001 in zaak 0 and zaak 3: a signal in two zaken
        ("V03", "warning", _vs_zaak(0, 8, ".vroegsignalen[0]")),
        ("V03", "warning", _vs_zaak(1, 3, ".vroegsignalen[0]")),
        # 'Nog niet opgepakt' in a zaak with a resultaat (the other signals have a 'Niet opgepakt: ...', 'Inwoner
        # is overleden' or 'Persoon is geen inwoner ...' status)
        *[("V07", "warning", _vs_sig(0, i)) for i in (0, 1, 2, 5, 6, 10)],
        *[("V07", "warning", _vs_sig(1, i)) for i in (0, 1, 2, 3)],
        *[("V07", "warning", _vs_sig(2, i)) for i in (0, 1)],
        # v1.1+: BSN-only clients 999012345 (0, 1), 665544332 (5, 10) and 112233445 (DH 0, 3) fail the elfproef
        *([("V09", "error", _vs_sig(0, i)) for i in (0, 1, 5, 10)] if bsn_only else []),
        *([("V09", "error", _vs_sig(1, i)) for i in (0, 3)] if bsn_only else []),
    ]


# The v1.2 examples come from v1.2-draft: enkelvoudig and uitgebreid still use the misspelt key
# 'startdatumMatchtingperiode' (the schema has 'startdatumMatchingperiode'), one S01 per zaak that names the
# intended key; the flatten stage does not read the misspelt key, so V05/V06 see no start of the matching period.
ZAKEN_UITGEBREID = [(0, i) for i in range(10)] + [(1, i) for i in range(4)] + [(2, i) for i in range(2)]

VS_NEW = {
    ("1.0", "info"): ("ddas-vs/v1.0", "", {
        "enkelvoudig": _vs_enkelvoudig(),
        "meervoudig": _vs_meervoudig(bsn_only=False),
        # 'Afspraak op locatie' and 'Inwoner regelt het zelf/...' are new in v1.0 and in its lists: no S01
        "uitgebreid": _vs_uitgebreid(bsn_only=False),
    }),
    ("1.1", "info"): ("ddas-vs/v1.1-draft", "", {
        "enkelvoudig": _vs_enkelvoudig(),
        "meervoudig": _vs_meervoudig(bsn_only=True),
        "uitgebreid": _vs_uitgebreid(bsn_only=True),
    }),
    ("1.2", "info"): ("ddas-vs/v1.2", "examples-from-v1.2-draft/", {
        "enkelvoudig": [*_vs_enkelvoudig(), ("S01", "error", _vs_zaak(0, 0))],
        "meervoudig": _vs_meervoudig(bsn_only=True),   # the one v1.2-draft example that is valid against v1.2
        "uitgebreid": [*_vs_uitgebreid(bsn_only=True),
                       *[("S01", "error", _vs_zaak(lev, i)) for lev, i in ZAKEN_UITGEBREID],
                       # 'Verwijzing zonder toestemming' was dropped from the v1.2 list
                       ("S01", "error", _vs_zaak(0, 5, ".resultaat"))],
    }),
}


# The v1.0 enkelvoudig and meervoudig examples hold no field or value that only v1.0 has: checked as v0.9 (above).
CHECKED_AS = {("ddas-vs/v1.0", "enkelvoudig"): "0.9", ("ddas-vs/v1.0", "meervoudig"): "0.9"}


def _vs_new_examples() -> dict[str, Example]:
    examples = {}
    for (published, severity), (folder, sub, kinds) in VS_NEW.items():
        for kind, rows in kinds.items():
            version = CHECKED_AS.get((folder, kind), published)
            target = f"VS_2025_{kind.capitalize()}.json"
            examples[f"vs-{published}-{kind}"] = Example(
                {f"{folder}/{sub}{kind}Voorbeeld.json": target},
                {target: [("S03", severity, "$"), *rows]},
                {target: (version, severity)},
            )
    return examples


EXAMPLES = {
    "shv-1.0-enkelvoudig": V10_ENKELVOUDIG,
    "shv-1.0-uitgebreid": V10_UITGEBREID,
    "shv-1.0-meervoudig": V10_MEERVOUDIG,
    "shv-1.0-meerdere-leveringen": V10_MEERDERE_LEVERINGEN,
    "shv-1.0-samenloop": V10_SAMENLOOP,
    "shv-0.10-enkelvoudig": V010_ENKELVOUDIG,
    "shv-0.10-meervoudig": V010_MEERVOUDIG,
    "shv-0.10-samenloop": V010_SAMENLOOP,
    "shv-0.9-enkelvoudig": V09_ENKELVOUDIG,
    "shv-0.9-meervoudig": V09_MEERVOUDIG,
    "shv-0.9-samenloop": V09_SAMENLOOP,
    "vs-0.9-enkelvoudig": VS09_ENKELVOUDIG,
    "vs-0.9-meervoudig": VS09_MEERVOUDIG,
    "vs-0.1-enkelvoudig": VS01_ENKELVOUDIG,
    **_vs_new_examples(),
}


# --------------------------------------------------------------------------------------------- helpers
def _check(files: dict[str, str], tmp_path: Path) -> RunResult:
    targets = []
    for source, name in files.items():
        path = reference_path(source)
        targets.append(tmp_path / name)
        shutil.copyfile(path, targets[-1])
    return check_paths(targets)


def _found(result: RunResult, name: str) -> Counter:
    return Counter((f.rule, f.severity, f.path) for f in result.findings if Path(f.file).name == name)


def _walk(node: object, key: str | None = None) -> Iterator[tuple[str | None, object]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, key)
    else:
        yield key, node


# Both spellings: VS v1.1 and later write the client's fields in lowercase.
IDENTIFYING = {"Burgerservicenummer", "burgerservicenummer", "Geboortedatum", "geboortedatum", "Postcode",
               "postcode", "Achternaam", "Straatnaam", "email", "telefoonnummer"}


def _identifiers(document: dict) -> set[str]:
    """BSNs, birth dates, names, addresses and contact details of the example: no output may hold them."""
    return {str(v) for k, v in _walk(document) if k in IDENTIFYING and v}


def _expected_counts(document: dict) -> dict[str, int]:
    """What the file holds, counted from its JSON (independent of the tool's flatten stage)."""
    leveringen = [lev for lev in document.get("leveringen", []) if isinstance(lev, dict)]
    trajecten = [t for lev in leveringen for t in lev.get("schuldhulptrajecten", [])]
    if any("vroegsignalen" in lev for lev in leveringen) or "vroegsignalen" in document:
        # v0.1 keeps its signals outside leveringen[]: that is unknown to v0.9 (S01), nothing is read
        return {"leveringen": len(leveringen), "trajecten": 0,
                "vroegsignalen": sum(len(lev.get("vroegsignalen", [])) for lev in leveringen),
                "vroegsignaalzaken": sum(len(lev.get("vroegsignaalzaken", [])) for lev in leveringen)}
    return {"leveringen": len(leveringen), "trajecten": len(trajecten),
            "clienten": sum(len(t.get("client", [])) for t in trajecten)}


# ----------------------------------------------------------------------------------------------- tests
@pytest.mark.parametrize("name", EXAMPLES)
def test_reference_example(name: str, tmp_path: Path) -> None:
    """Exact findings, the detected version, the counts and no identifying value in the JSON report.

    One test per run (the tool takes seconds per run): the three checks share it.
    """
    example = EXAMPLES[name]
    result = _check(example.files, tmp_path)

    for target, expected in example.expected.items():
        found = _found(result, target)
        wanted = Counter(expected)
        assert found == wanted, (f"{target}: missing {sorted((wanted - found).elements())}, "
                                 f"unexpected {sorted((found - wanted).elements())}")

    reports = {Path(report.file).name: report for report in result.files}
    assert set(reports) == set(example.expected)
    for source, target in example.files.items():
        document = json.loads(reference_path(source).read_text(encoding="utf-8"))
        report = reports[target]
        domain = "VS" if target.startswith("VS_") else "SHV"
        version, severity = example.versions.get(target) or ("1.0", "info")
        (s03,) = [f for f in result.findings if f.rule == "S03" and Path(f.file).name == target]
        assert (report.domain, report.schema_version, s03.severity) == (domain, version, severity)
        assert f"Gecontroleerd als {domain} v{version}" in s03.message
        if severity == "warning":
            assert "verouderde versie" in s03.message
        counts = _expected_counts(document)
        assert {key: report.counts.get(key) for key in counts} == counts

    rendered = render(result)
    leaked = {value for source in example.files
              for value in _identifiers(json.loads(reference_path(source).read_text(encoding="utf-8")))
              if value in rendered}
    assert not leaked, f"identifying values in the JSON report: {len(leaked)}"


def test_samenloop_needs_both_parts(tmp_path: Path) -> None:
    """C08 is cross-file: v0.9 Deel1 checked alone has the same findings as together, minus the samenloop."""
    result = _check({"ddas-shv/v0.9/samenloopVoorbeeldDeel1.json": "SHV_2023_SamenloopDeel1.json"}, tmp_path)
    assert _found(result, "SHV_2023_SamenloopDeel1.json") == Counter(V09_DEEL1)
