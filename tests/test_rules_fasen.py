"""Phase rules (P03-P12): failing and passing cases as small patches on the base delivery.

Base delivery (conftest): traject 0 runs through every phase in 2024 with one Budgetcoaching begeleiding,
traject 2 started in 2022 and still runs (schuldregeling toegekend, a moratorium, a Betalingsregeling
without einddatum), trajecten 1 and 3 are only in aanmelding. aanleverdatumEnTijd is 2025-01-20.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Case, T, base_delivery, combine, nothing, phase, pop, traject

from ddas_quality.run import Options, check_paths


def _moratorium(drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        item = traject(doc, 2)["moratoria"][0]
        for key in drop:
            item.pop(key, None)
        item.update(fields)
    return patch


def _begeleiding(*items: dict, at: int | None = None, drop_end_of_first: bool = False) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        lijst = traject(doc, 0)["begeleiding"]
        if drop_end_of_first:
            lijst[0].pop("einddatum")
        for item in items:
            lijst.insert(len(lijst) if at is None else at, item)
    return patch


BC = "Budgetcoaching"
CASES = [
    # P03 — any phase without aanmelding; schuldregeling/oplossing without intake. At the first phase that lacks one.
    Case("P03", "intake zonder aanmelding", pop(0, "aanmelding"), f"{T}[0].intake", "warning"),
    Case("P03", "schuldregeling zonder intake", pop(2, "intake"), f"{T}[2].schuldregeling", "warning"),
    Case("P03", "oplossing zonder intake; stabilisatie zonder intake is goed", pop(0, "intake"),
         f"{T}[0].oplossing", "warning"),
    Case("P03", "aanmelding en intake ontbreken: één melding bij de eerste fase", pop(0, "aanmelding", "intake"),
         f"{T}[0].stabilisatie", "warning"),
    Case("P03", "traject van voor de peilperiode zonder aanmelding meldt ook", pop(2, "aanmelding"),
         f"{T}[2].intake", "warning"),
    Case("P03", "stabilisatie overgeslagen is geen P03", pop(0, "stabilisatie"), None),
    Case("P03", "traject zonder enige fase", pop(3, "aanmelding"), None),
    Case("P03", "alleen informatie en advies", combine(pop(3, "aanmelding"),
                                                     phase(3, "informatieEnAdvies", startdatum="2024-03-01")), None),
    # P04 — beschikkingssoort and beschikkingsdatum together
    Case("P04", "soort zonder datum", phase(0, "intake", drop=("beschikkingsdatum",)), f"{T}[0].intake", "error"),
    Case("P04", "datum zonder soort", phase(2, "intake", drop=("beschikkingssoort",)), f"{T}[2].intake", "error"),
    Case("P04", "null als datum telt als leeg (S02 en P04)", phase(0, "intake", beschikkingsdatum=None),
         f"{T}[0].intake", "error"),
    Case("P04", "beide leeg", phase(0, "intake", drop=("beschikkingsdatum", "beschikkingssoort")), None),
    Case("P04", "onleesbare datum is S01, geen P04", phase(0, "intake", beschikkingsdatum="15-02-2024"), None),
    # P05 — intake.einddatum equals beschikkingsdatum
    Case("P05", "einddatum voor de beschikkingsdatum", phase(0, "intake", einddatum="2024-02-10"),
         f"{T}[0].intake", "warning"),
    Case("P05", "einddatum na de beschikkingsdatum", phase(2, "intake", einddatum="2022-04-02"),
         f"{T}[2].intake", "warning"),
    Case("P05", "intake zonder einddatum", phase(0, "intake", drop=("einddatum",)), None),
    Case("P05", "gelijke datums", nothing, None),
    # P06 — no stabilisatie, schuldregeling or oplossing after an Afwijzingsbeschikking
    Case("P06", "stabilisatie en oplossing na afwijzing",
         phase(0, "intake", beschikkingssoort="Afwijzingsbeschikking"), f"{T}[0].stabilisatie", "warning"),
    Case("P06", "schuldregeling na afwijzing", phase(2, "intake", beschikkingssoort="Afwijzingsbeschikking"),
         f"{T}[2].schuldregeling", "warning"),
    Case("P06", "afwijzing gevolgd door alleen nazorg",
         combine(phase(0, "intake", beschikkingssoort="Afwijzingsbeschikking"), pop(0, "stabilisatie", "oplossing")),
         None),
    Case("P06", "toelating met vervolgfasen", nothing, None),
    # P07 — dwangakkoord only with toegekend (error); without datumVerzoekDwangakkoord (warning)
    Case("P07", "dwangakkoord zonder toekenning", phase(2, "schuldregeling", drop=("toegekend",), dwangakkoord=True,
                                                         datumVerzoekDwangakkoord="2022-06-15"),
         f"{T}[2].schuldregeling", "error"),
    Case("P07", "dwangakkoord zonder toekenning en zonder verzoek: één fout",
         phase(2, "schuldregeling", drop=("toegekend",), dwangakkoord=True), f"{T}[2].schuldregeling", "error"),
    Case("P07", "dwangakkoord zonder datum verzoek", phase(2, "schuldregeling", dwangakkoord=True),
         f"{T}[2].schuldregeling", "warning"),
    Case("P07", "dwangakkoord met toekenning en verzoek",
         phase(2, "schuldregeling", dwangakkoord=True, datumVerzoekDwangakkoord="2022-06-15"), None),
    Case("P07", "dwangakkoord false zonder toekenning", phase(2, "schuldregeling", drop=("toegekend",),
                                                               dwangakkoord=False), None),
    # P08 — not both toegekend and afgewezen; no outcome before schuldregeling.datum
    Case("P08", "toegekend en afgewezen", phase(2, "schuldregeling", afgewezen="2022-08-01"),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "toegekend vóór indienen", combine(phase(2, "schuldregeling", toegekend="2022-05-15"),
                                                lambda d: traject(d, 2).update(toekenningsdatum="2022-05-15")),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "ingetrokken vóór indienen", phase(2, "schuldregeling", drop=("toegekend",), ingetrokken="2022-05-31"),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "toegekend op de dag van indienen", combine(phase(2, "schuldregeling", toegekend="2022-06-01"),
                                                         lambda d: traject(d, 2).update(toekenningsdatum="2022-06-01")),
         None),
    Case("P08", "afgewezen na indienen", phase(2, "schuldregeling", drop=("toegekend",), afgewezen="2022-08-01"),
         None),
    # P09 — Saneringskrediet/Schuldbemiddeling at most 18 + 3 months; open end = aanleverdatum (2025-01-20)
    Case("P09", "lopend saneringskrediet sinds 2022", phase(2, "oplossing", soort="Saneringskrediet"),
         f"{T}[2].oplossing", "warning"),
    Case("P09", "lopend saneringskrediet van 17 maanden",
         phase(2, "oplossing", soort="Saneringskrediet", startdatum="2023-08-20"), None),
    Case("P09", "precies 21 maanden op de aanleverdatum",
         phase(2, "oplossing", soort="Schuldbemiddeling", startdatum="2023-04-20"), None),
    Case("P09", "21 maanden en een dag op de aanleverdatum",
         phase(2, "oplossing", soort="Schuldbemiddeling", startdatum="2023-04-19"), f"{T}[2].oplossing", "warning"),
    Case("P09", "afgelopen schuldbemiddeling van precies 21 maanden",
         phase(2, "oplossing", soort="Schuldbemiddeling", einddatum="2024-06-01"), None),
    Case("P09", "afgelopen schuldbemiddeling van 21 maanden en een dag",
         phase(2, "oplossing", soort="Schuldbemiddeling", einddatum="2024-06-02"), f"{T}[2].oplossing", "warning"),
    Case("P09", "lange betalingsregeling", nothing, None),
    # P10 — moratorium at most 6 + 1 months; datumAanvraag <= datumGoedkeuring <= startdatum
    Case("P10", "moratorium van 7 maanden en een dag", _moratorium(einddatum="2022-10-05"),
         f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "moratorium van precies 7 maanden", _moratorium(einddatum="2022-10-04"), None),
    Case("P10", "moratorium zonder einddatum loopt tot de aanleverdatum", _moratorium(drop=("einddatum",)),
         f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "aanvraag na goedkeuring", _moratorium(datumAanvraag="2022-03-04"), f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "goedkeuring na start", _moratorium(datumGoedkeuring="2022-03-05"), f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "aanvraag, goedkeuring en start op één dag", _moratorium(datumAanvraag="2022-03-04",
                                                                        datumGoedkeuring="2022-03-04"), None),
    Case("P10", "kort lopend moratorium",
         lambda d: traject(d, 3).update(moratoria=[{"datumAanvraag": "2024-11-20", "datumGoedkeuring": "2024-11-25",
                                                    "startdatum": "2024-12-01"}]), None),
    # P11 — oplossing with startdatum but no soort
    Case("P11", "oplossing zonder soort", phase(0, "oplossing", drop=("soort",)), f"{T}[0].oplossing", "warning"),
    Case("P11", "oplossing zonder startdatum en soort", phase(0, "oplossing", drop=("soort", "startdatum")), None),
    Case("P11", "onbekende soort is S01, geen P11", phase(0, "oplossing", soort="Sanering"), None),
    # P12 — overlapping begeleidingen of the same soort (info), reported at the later one
    Case("P12", "twee keer budgetcoaching overlappend",
         _begeleiding({"soort": BC, "startdatum": "2024-04-01", "einddatum": "2024-06-01"}),
         f"{T}[0].begeleiding[1]", "info"),
    Case("P12", "de latere staat eerst in de lijst",
         _begeleiding({"soort": BC, "startdatum": "2024-03-01", "einddatum": "2024-04-01"}, at=0),
         f"{T}[0].begeleiding[0]", "info"),
    Case("P12", "eerdere begeleiding zonder einddatum loopt nog",
         _begeleiding({"soort": BC, "startdatum": "2024-06-01", "einddatum": "2024-06-20"}, drop_end_of_first=True),
         f"{T}[0].begeleiding[1]", "info"),
    Case("P12", "aansluitend op dezelfde dag is een overdracht",
         _begeleiding({"soort": BC, "startdatum": "2024-05-01", "einddatum": "2024-06-01"}), None),
    Case("P12", "overlap met een andere soort",
         _begeleiding({"soort": "Budgetbeheer", "startdatum": "2024-04-01", "einddatum": "2024-06-01"}), None),
]


def _run(doc: dict, write_delivery, **options) -> list:
    return check_paths([write_delivery(doc)], Options(**options)).findings


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: Case, write_delivery) -> None:
    doc = base_delivery()
    case.patch(doc)
    mine = [f for f in _run(doc, write_delivery) if f.rule == case.rule]
    if case.path is None:
        assert mine == [], [(f.path, f.message) for f in mine]
    else:
        assert [(f.path, f.severity) for f in mine] == [(case.path, case.severity)], [(f.path, f.message) for f in mine]


def _one(doc: dict, write_delivery, rule: str, **options):
    (finding,) = [f for f in _run(doc, write_delivery, **options) if f.rule == rule]
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
    findings = _run(doc, write_delivery, thresholds={"P09": {"grace_months": 12}})
    assert not [f for f in findings if f.rule == "P09"]
    findings = _run(doc, write_delivery, thresholds={"P09": {"max_months": 30}})
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
    assert [f for f in _run(doc, write_delivery) if f.rule == "P10"]
    findings = _run(doc, write_delivery, thresholds={"P10": {"max_months": 9}})
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
    findings = [f for f in _run(doc, write_delivery) if f.rule == "P12"]
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
