"""Phase rules (P03-P12) beyond their cases (tests/cases/fasen.py): messages, thresholds, odd shapes.

Base delivery (conftest): traject 0 runs through every phase in 2024 with one Budgetcoaching begeleiding,
traject 2 started in 2022 and still runs (schuldregeling toegekend, a moratorium, a Betalingsregeling
without einddatum), trajecten 1 and 3 are only in aanmelding. aanleverdatumEnTijd is 2025-01-20.
"""

from __future__ import annotations

from cases.fasen import begeleiding as _begeleiding
from cases.fasen import moratorium as _moratorium
from conftest import T, base_delivery, phase, pop, traject

from ddas_quality.pipeline import Options, check_paths

BC = "Budgetcoaching"


def _run(doc: dict, write_delivery, *rules: str, **options) -> list:
    """The findings for `doc`; only those of `rules` (and only their checks run: much faster) when given."""
    if rules:
        options["select"] = list(rules)
    return check_paths([write_delivery(doc)], Options(**options)).findings


def _one(doc: dict, write_delivery, rule: str, **options):
    (finding,) = [f for f in _run(doc, write_delivery, rule, **options) if f.rule == rule]
    return finding


def test_p03_message_names_phase_date_and_what_is_missing(write_delivery) -> None:
    doc = base_delivery()
    pop(0, "aanmelding", "intake")(doc)
    finding = _one(doc, write_delivery, "P03")
    assert finding.message.startswith("Het traject heeft een stabilisatie (start 2024-02-16), maar geen aanmelding "
                                      "en intake.")
    assert "peilperiode" not in finding.message
    assert finding.context == {"fase": "stabilisatie", "ontbreekt": "aanmelding en intake"}

    doc = base_delivery()
    pop(2, "aanmelding")(doc)
    assert "Het traject begon vóór de peilperiode" in _one(doc, write_delivery, "P03").message


def test_p01_message_writes_a_placeholder_year_in_four_digits(write_delivery) -> None:
    # 0001-01-01 (a placeholder some systems write for "unknown") was shown as "1-01-01"
    doc = base_delivery()
    phase(0, "aanmelding", einddatum="0001-01-01")(doc)
    finding = _one(doc, write_delivery, "P01")
    assert "(0001-01-01)" in finding.message and "(1-01-01)" not in finding.message


def test_p04_to_p06_messages(write_delivery) -> None:
    doc = base_delivery()
    phase(0, "intake", drop=("beschikkingsdatum",))(doc)
    assert _one(doc, write_delivery, "P04").message.startswith(
        "De intake heeft een beschikkingssoort (Toelatingsbeschikking), maar de beschikkingsdatum ontbreekt.")

    doc = base_delivery()
    phase(0, "intake", einddatum="2024-02-10")(doc)
    assert _one(doc, write_delivery, "P05").message.startswith(
        "De einddatum van de intake (2024-02-10) verschilt van de beschikkingsdatum (2024-02-15).")

    doc = base_delivery()
    phase(0, "intake", beschikkingssoort="Afwijzingsbeschikking")(doc)
    assert _one(doc, write_delivery, "P06").message.startswith(
        "Na een afwijzingsbeschikking van 2024-02-15 heeft het traject toch nog de fase(n) stabilisatie, oplossing.")


def test_p07_error_mentions_missing_verzoek_too(write_delivery) -> None:
    doc = base_delivery()
    phase(2, "schuldregeling", drop=("toegekend",), dwangakkoord=True)(doc)
    finding = _one(doc, write_delivery, "P07")
    assert finding.severity == "error"
    assert "Ook datumVerzoekDwangakkoord ontbreekt" in finding.message


def test_p08_lists_every_problem_once(write_delivery) -> None:
    doc = base_delivery()
    phase(2, "schuldregeling", toegekend="2022-05-15", afgewezen="2022-08-01")(doc)
    traject(doc, 2)["toekenningsdatum"] = "2022-05-15"
    finding = _one(doc, write_delivery, "P08")
    assert finding.message.startswith(
        "Schuldregeling: ze is zowel toegekend (2022-05-15) als afgewezen (2022-08-01); toegekend (2022-05-15) ligt "
        "vóór de datum van indienen (2022-06-01).")


def test_p09_message_and_thresholds(write_delivery) -> None:
    doc = base_delivery()
    phase(2, "oplossing", soort="Saneringskrediet")(doc)
    finding = _one(doc, write_delivery, "P09")
    assert finding.message.startswith(
        "Deze oplossing (Saneringskrediet) loopt ruim 28 maanden: van 2022-09-01 zonder einddatum, gemeten tot de "
        "aanleverdatum 2025-01-20. Een Saneringskrediet duurt hoogstens 18 maanden; deze waarschuwing volgt boven "
        "18 maanden plus 3 maanden speling.")
    findings = _run(doc, write_delivery, "P09", thresholds={"P09": {"grace_months": 12}})
    assert not [f for f in findings if f.rule == "P09"]
    findings = _run(doc, write_delivery, "P09", thresholds={"P09": {"max_months": 30}})
    assert not [f for f in findings if f.rule == "P09"]


def test_p10_message_lists_every_problem_and_threshold(write_delivery) -> None:
    doc = base_delivery()
    _moratorium(drop=("einddatum",), datumAanvraag="2022-03-04")(doc)
    finding = _one(doc, write_delivery, "P10")
    assert finding.message.startswith(
        "Moratorium: het duurt ruim 34 maanden (van 2022-03-04 zonder einddatum, gemeten tot de aanleverdatum "
        "2025-01-20), langer dan 6 maanden plus 1 maand speling; datumAanvraag (2022-03-04) ligt na "
        "datumGoedkeuring (2022-03-03).")
    doc = base_delivery()
    _moratorium(einddatum="2022-12-01")(doc)
    assert [f for f in _run(doc, write_delivery, "P10") if f.rule == "P10"]
    findings = _run(doc, write_delivery, "P10", thresholds={"P10": {"max_months": 9}})
    assert not [f for f in findings if f.rule == "P10"]


def test_p12_message_names_the_other_begeleiding(write_delivery) -> None:
    doc = base_delivery()
    _begeleiding({"soort": BC, "startdatum": "2024-04-01"}, drop_end_of_first=True)(doc)
    finding = _one(doc, write_delivery, "P12")
    assert finding.message.startswith(
        "Deze begeleiding (Budgetcoaching, 2024-04-01 t/m nu (lopend)) overlapt met begeleiding[0] van dezelfde "
        "soort (2024-02-01 t/m nu (lopend)). CBS voegt ze samen tot één begeleiding.")


def test_p12_three_overlapping_begeleidingen(write_delivery) -> None:
    """Each later begeleiding is compared with the one that reaches furthest, not just its neighbour."""
    doc = base_delivery()
    _begeleiding({"soort": BC, "startdatum": "2024-02-10", "einddatum": "2024-02-20"},
                 {"soort": BC, "startdatum": "2024-03-01", "einddatum": "2024-03-15"})(doc)
    findings = [f for f in _run(doc, write_delivery, "P12") if f.rule == "P12"]
    assert sorted(f.path for f in findings) == [f"{T}[0].begeleiding[1]", f"{T}[0].begeleiding[2]"]
    assert all("overlapt met begeleiding[0]" in f.message for f in findings)


def test_empty_levering_and_wrong_types_do_not_crash(write_delivery) -> None:
    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    findings = _run(doc, write_delivery)
    assert not [f for f in findings if f.rule[0] == "P"]

    doc = base_delivery()
    traject(doc, 0)["intake"] = "geen object"
    traject(doc, 0)["begeleiding"] = [{"soort": 5, "startdatum": 20240101}]
    phase(2, "schuldregeling", dwangakkoord="ja", toegekend=20220701)(doc)
    _moratorium(startdatum=None, datumAanvraag=3)(doc)
    findings = _run(doc, write_delivery)
    assert not [f for f in findings if f.rule in ("P04", "P05", "P06", "P07", "P08", "P10", "P12")], \
        [(f.rule, f.path) for f in findings]
