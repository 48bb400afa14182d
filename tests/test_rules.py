"""Every implemented rule code: failing and passing cases as small patches on one valid base delivery."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from conftest import BSN_A, BSN_INVALID, Case, T, base_delivery, combine, nothing, phase, set_fields, traject

from ddas_quality.run import Options, check_paths


def _big_gemeente(active_trajecten: int) -> Callable[[dict], None]:
    """Move everything to Zandvoort (17,469 inwoners, ~87 expected clients a year)."""
    def patch(doc: dict) -> None:
        levering = doc["leveringen"][0]
        levering["aanleverende_organisatie"]["gemeentecode"] = "0473"
        for item in levering["schuldhulptrajecten"]:
            item["gemeentecode"] = "0473"
        template = traject(doc, 3)
        from stdnum.nl import bsn as stdnum_bsn
        numbers = (str(n) for n in range(999991000, 999999999) if stdnum_bsn.is_valid(str(n)))
        for _ in range(active_trajecten):
            extra = copy.deepcopy(template)
            extra["client"] = [{**template["client"][0], "Burgerservicenummer": next(numbers)}]
            levering["schuldhulptrajecten"].append(extra)
    return patch


def _big_vlieland(doc: dict, extra: int, same_start: bool = False) -> None:
    """Add `extra` single-client trajecten in Vlieland (1,255 inwoners, ~6 expected clients a year)."""
    from stdnum.nl import bsn as stdnum_bsn

    numbers = (str(n) for n in range(999992000, 999999999) if stdnum_bsn.is_valid(str(n)))
    for i in range(extra):
        day = "2024-05-01" if same_start else f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}"
        template = copy.deepcopy(traject(doc, 3))
        template.update(startdatum=day, client=[{**template["client"][0], "Burgerservicenummer": next(numbers)}])
        template["aanmelding"] = {"startdatum": day, "crisisinterventie": False}
        template.pop("voorlopigeVoorzieningen")
        doc["leveringen"][0]["schuldhulptrajecten"].append(template)


CASES = [
    # P01 — period objects: start <= end
    Case("P01", "fase eindigt voor start", phase(0, "stabilisatie", einddatum="2024-02-01"), f"{T}[0].stabilisatie"),
    Case("P01", "begeleiding eindigt voor start",
         lambda d: traject(d, 0)["begeleiding"][0].update(einddatum="2024-01-15"), f"{T}[0].begeleiding[0]"),
    Case("P01", "moratorium eindigt voor start",
         lambda d: traject(d, 2)["moratoria"][0].update(einddatum="2022-03-01"), f"{T}[2].moratoria[0]"),
    Case("P01", "voorlopige voorziening eindigt voor start",
         lambda d: traject(d, 3)["voorlopigeVoorzieningen"][0].update(einddatum="2024-03-01"),
         f"{T}[3].voorlopigeVoorzieningen[0]"),
    Case("P01", "crisisinterventie eindigt voor start",
         lambda d: traject(d, 2)["crisisinterventies"][0].update(einddatum="2022-02-01"),
         f"{T}[2].crisisinterventies[0]"),
    Case("P01", "start gelijk aan eind is goed", phase(0, "stabilisatie", einddatum="2024-02-16"), None),
    # P02 — phase order
    Case("P02", "intake voor aanmelding", phase(0, "intake", startdatum="2024-01-05"), f"{T}[0]"),
    Case("P02", "oplossing voor stabilisatie, intake ontbreekt",
         combine(lambda d: traject(d, 0).pop("intake"), phase(0, "oplossing", startdatum="2024-02-10")), f"{T}[0]"),
    Case("P02", "schuldregeling.datum voor intake", phase(2, "schuldregeling", datum="2022-03-12"), f"{T}[2]"),
    Case("P02", "ontbrekende fasen tussendoor zijn geen fout", lambda d: traject(d, 0).pop("stabilisatie"), None),
    Case("P02", "nazorg na het einde van het traject is goed", nothing, None),
    # T01 — traject start <= end
    Case("T01", "traject eindigt voor start",
         set_fields(0, einddatum="2024-01-05"), f"{T}[0]"),
    Case("T01", "lopend traject zonder einddatum", nothing, None),
    # T02 — traject overlaps the peilperiode
    Case("T02", "traject geheel voor de peilperiode",
         combine(set_fields(2, einddatum="2023-06-30")), f"{T}[2]"),
    Case("T02", "traject start na de peilperiode",
         combine(set_fields(1, startdatum="2025-01-05"),
               phase(1, "aanmelding", startdatum="2025-01-05", einddatum="2025-01-06")),
         f"{T}[1]"),
    Case("T02", "traject uit 2022 dat nog loopt hoort erin", nothing, None),
    Case("T02", "traject dat op de eerste dag van de peilperiode eindigt", set_fields(2, einddatum="2024-01-01"), None),
    # T03 — no future dates
    Case("T03", "nazorg eindigt na de aanleverdatum", phase(0, "nazorg", einddatum="2025-03-01"), f"{T}[0]"),
    Case("T03", "schuld met peildatum na aanleverdatum",
         set_fields(1, schulden=[{"bedrag": 500, "peildatum": "2025-02-01", "schuldsoort": "Zorg"}]), f"{T}[1]"),
    Case("T03", "datum op de aanleverdag zelf is goed", phase(0, "nazorg", einddatum="2025-01-20"), None),
    # C01 — BSN 11-test
    Case("C01", "BSN faalt de elfproef",
         lambda d: traject(d, 2)["client"][0].update(Burgerservicenummer=BSN_INVALID), f"{T}[2].client[0]"),
    Case("C01", "BSN met 8 cijfers", lambda d: traject(d, 2)["client"][0].update(Burgerservicenummer="12345674"),
         f"{T}[2].client[0]"),
    Case("C01", "partner zonder BSN maar met adresgegevens", nothing, None),
    # C07 — one traject at a time per client
    Case("C07", "tweede traject start terwijl het eerste loopt",
         set_fields(1, startdatum="2024-05-01", aanmelding={"startdatum": "2024-05-01", "crisisinterventie": False}),
         f"{T}[1]"),
    Case("C07", "nieuw traject naast een lopend traject uit 2022",
         lambda d: traject(d, 0)["client"][0].update(
             Burgerservicenummer=traject(d, 2)["client"][0]["Burgerservicenummer"]),
         f"{T}[0]"),
    Case("C07", "opeenvolgende trajecten (overdracht op dezelfde dag)", nothing, None),
    Case("C07", "zelfde cliënt zonder BSN, herkend op adres",
         lambda d: traject(d, 2)["client"].append(copy.deepcopy(traject(d, 3)["client"][1])), f"{T}[3]"),
    # A01 — implausibly low client count
    Case("A01", "grote gemeente met een handvol cliënten", _big_gemeente(0), "$"),
    Case("A01", "kleine gemeente (< 10.000 inwoners) telt niet", nothing, None),
    Case("A01", "genoeg actieve cliënten voor de gemeente", _big_gemeente(40), None),
    Case("A01", "opgeheven gemeente (Bedum, 10.433 inwoners, tot 2019) is T06, geen A01",
         combine(*(set_fields(i, gemeentecode="0005") for i in range(4))), None),
    # T04/T05/T06 — gemeentecode
    Case("T04", "drie cijfers", set_fields(3, gemeentecode="096"), f"{T}[3]"),
    Case("T04", "GM-voorvoegsel is goed", set_fields(3, gemeentecode="GM0096"), None),
    Case("T05", "Onbekend bij een aanleverende organisatie die geen gemeente is",
         combine(lambda d: d["leveringen"][0]["aanleverende_organisatie"].pop("gemeentecode"),
               lambda d: d["leveringen"][0]["aanleverende_organisatie"].update({"KvK-nummer": "12345678"}),
               set_fields(3, gemeentecode="Onbekend")), f"{T}[3]"),
    Case("T05", "Onbekend is geen T04-fout", set_fields(3, gemeentecode="Onbekend"), None),
    Case("T06", "code opgeheven vóór de peilperiode (Haaren, 2021)", set_fields(3, gemeentecode="0788"), f"{T}[3]"),
    Case("T06", "code die niet bestaat", set_fields(3, gemeentecode="0001"), f"{T}[3]"),
    Case("T06", "bestaande code", set_fields(3, gemeentecode="0363"), None),
    Case("T06", "code in een verkeerde vorm is alleen T04", set_fields(3, gemeentecode="096"), None),
    Case("T06", "Onbekend is geen T06-fout", set_fields(3, gemeentecode="Onbekend"), None),
    # T07 — toekenningsdatum equals schuldregeling.toegekend
    Case("T07", "toekenningsdatum wijkt af", set_fields(2, toekenningsdatum="2022-06-15"), f"{T}[2]"),
    Case("T07", "alleen een van beide ingevuld", lambda d: traject(d, 2).pop("toekenningsdatum"), None),
    # T08 — einddatum = uitstroom.datum = datumBeeindigingsbeschikking
    Case("T08", "uitstroomdatum wijkt af", lambda d: traject(d, 0)["uitstroom"].update(datum="2024-06-29"), f"{T}[0]"),
    Case("T08", "alle drie gelijk", nothing, None),
    # T09 — uitstroom reden means ended
    Case("T09", "reden zonder einddatum en zonder uitstroomdatum",
         set_fields(3, uitstroom={"reden": "Verhuisd"}), f"{T}[3]"),
    Case("T09", "einddatum zonder reden (waarschuwing)", set_fields(3, einddatum="2024-08-01"), f"{T}[3]"),
    Case("T09", "reden met uitstroomdatum", set_fields(3, einddatum="2024-08-01",
                                                 uitstroom={"reden": "Verhuisd", "datum": "2024-08-01"}), None),
    # T10 — phase before traject start
    Case("T10", "aanmelding vóór de startdatum van het traject", set_fields(0, startdatum="2024-01-15"),
         f"{T}[0].aanmelding"),
    Case("T10", "traject start op de dag van aanmelding", nothing, None),
    # T11 — nothing but nazorg after the traject end
    Case("T11", "oplossing start na het einde",
         combine(set_fields(0, einddatum="2024-03-31"),
               lambda d: traject(d, 0)["uitstroom"].update(datum="2024-03-31",
                                                           datumBeeindigingsbeschikking="2024-03-31")),
         f"{T}[0].oplossing"),
    Case("T11", "nazorg na het einde is goed", nothing, None),
    # T12 / T13 — amounts
    Case("T12", "negatieve schuld", lambda d: traject(d, 0)["schulden"][1].update(bedrag=-5000), f"{T}[0].schulden[1]"),
    Case("T12", "negatief vtlb", phase(0, "oplossing", vtlb=-1), f"{T}[0]"),
    Case("T13", "totaal boven een miljoen", set_fields(2, totaalSchuldbedragBijAanvangSchuld=2_500_000), f"{T}[2]"),
    Case("T13", "vtlb per jaar in plaats van per maand", phase(0, "oplossing", vtlb=18000), f"{T}[0]"),
    Case("T13", "negatief vtlb ligt ook buiten 0-5.000", phase(0, "oplossing", vtlb=-1), f"{T}[0]"),
    Case("T13", "gewone bedragen", nothing, None),
    # T14 — total against the sum of schulden
    Case("T14", "totaal wijkt meer dan 25% af", set_fields(0, totaalSchuldbedragBijAanvangSchuld=20000), f"{T}[0]"),
    Case("T14", "totaal wijkt 10% af", set_fields(0, totaalSchuldbedragBijAanvangSchuld=13200), None),
    # T15 — duplicate traject
    Case("T15", "hetzelfde traject twee keer",
         lambda d: d["leveringen"][0]["schuldhulptrajecten"].append(copy.deepcopy(traject(d, 2))), f"{T}[4]"),
    Case("T15", "kopie achteraan een lange lijst: de kopie is het duplicaat ([12] na [2])",
         combine(lambda d: _big_vlieland(d, 8),
               lambda d: d["leveringen"][0]["schuldhulptrajecten"].append(copy.deepcopy(traject(d, 2)))),
         f"{T}[12]"),
    Case("T15", "zelfde cliënt, andere startdatum (opeenvolgend)", nothing, None),
    # T16 — crisisinterventie flag against the list
    Case("T16", "vlag true zonder crisisinterventies", phase(3, "aanmelding", crisisinterventie=True), f"{T}[3]"),
    Case("T16", "crisisinterventies zonder vlag", phase(2, "aanmelding", crisisinterventie=False), f"{T}[2]"),
    Case("T16", "vlag en lijst kloppen", nothing, None),
    # A02 — implausibly many clients
    Case("A02", "veel meer actieve cliënten dan verwacht", lambda d: _big_vlieland(d, 40), "$"),
    Case("A02", "kleine gemeente met weinig cliënten", nothing, None),
    # A03 — fill rates
    Case("A03", "BSN vaak leeg", lambda d: [c.pop("Burgerservicenummer", None) for t in
                                             d["leveringen"][0]["schuldhulptrajecten"] for c in t["client"][:1]
                                             if t is not traject(d, 2)], "$"),
    Case("A03", "BSN bij één partner leeg (20%)", nothing, None),
    # A04 — value concentration
    Case("A04", "minder dan 10 gevulde records", nothing, None),
]


def _run(doc: dict, write_delivery, **options) -> list:
    return check_paths([write_delivery(doc)], Options(**options)).findings


def test_a04_reports_every_concentrated_field_once(write_delivery) -> None:
    """Twelve copies of one traject, all starting 2024-05-01: each concentrated field is its own finding."""
    doc = base_delivery()
    _big_vlieland(doc, 12, same_start=True)
    findings = [f for f in _run(doc, write_delivery) if f.rule == "A04"]
    fields = [f.context.get("veld") for f in findings]
    assert all(f.path == "$" for f in findings) and len(fields) == len(set(fields)), fields
    assert "aanmelding.startdatum" in fields and "startdatum" in fields, fields


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: Case, write_delivery) -> None:
    doc = base_delivery()
    case.patch(doc)
    findings = [f for f in _run(doc, write_delivery) if f.rule == case.rule]
    if case.path is None:
        assert findings == [], [f.message for f in findings]
    else:
        assert [f.path for f in findings] == [case.path], [(f.path, f.message) for f in findings]
        assert findings[0].message


def test_base_delivery_is_clean(write_delivery) -> None:
    """The base every case patches has no finding at all except the S03 note of what was checked."""
    findings = _run(base_delivery(), write_delivery)
    details = [(f.rule, f.path, f.message) for f in findings]
    assert [(f.rule, f.severity) for f in findings] == [("S03", "info")], details


def test_p02_reports_first_pair_with_dates(write_delivery) -> None:
    doc = base_delivery()
    phase(0, "intake", startdatum="2024-01-05")(doc)
    (finding,) = [f for f in _run(doc, write_delivery) if f.rule == "P02"]
    assert finding.message.startswith("Fasevolgorde: intake start op 2024-01-05, vóór aanmelding (2024-01-10)")
    assert finding.context["fase_a"] == "aanmelding" and finding.context["fase_b"] == "intake"


def test_a01_is_error_below_ten_percent_and_says_only_this_file_counted(write_delivery) -> None:
    doc = base_delivery()
    _big_gemeente(0)(doc)
    (finding,) = [f for f in _run(doc, write_delivery) if f.rule == "A01"]
    assert finding.severity == "error"
    assert "Zandvoort (0473)" in finding.message and "Alleen dit bestand" in finding.message


def test_a01_warning_between_ten_and_33_percent(write_delivery) -> None:
    doc = base_delivery()
    _big_gemeente(15)(doc)  # ~19 of ~87 expected: 22 %
    (finding,) = [f for f in _run(doc, write_delivery) if f.rule == "A01"]
    assert finding.severity == "warning"


def test_a01_threshold_is_configurable(write_delivery) -> None:
    doc = base_delivery()
    _big_gemeente(15)(doc)
    findings = _run(doc, write_delivery, thresholds={"A01": {"warning_ratio": 0.2}})
    assert not [f for f in findings if f.rule == "A01"]


def test_c07_across_files_checked_together(write_delivery, tmp_path) -> None:
    """The same client in two files of the same organisation, overlapping in time."""
    first = base_delivery()
    second = base_delivery()
    second["leveringen"][0]["schuldhulptrajecten"] = [copy.deepcopy(traject(first, 0))]
    traject(second, 0).update(startdatum="2024-03-01", einddatum="2024-06-30")
    traject(second, 0)["aanmelding"]["startdatum"] = "2024-03-01"
    for key in ("intake", "stabilisatie", "oplossing", "nazorg", "begeleiding"):
        traject(second, 0).pop(key, None)
    paths = [write_delivery(first, "Vlieland_deel1"), write_delivery(second, "Vlieland_deel2")]
    findings = [f for f in check_paths(paths).findings if f.rule == "C07"]
    assert len(findings) == 1
    assert findings[0].file == "SHV_2024_Vlieland_deel2.json" or findings[0].file.endswith("deel2.json")
    assert "deel1" in findings[0].message
    assert BSN_A not in findings[0].message and "******019" in findings[0].message


def test_c08_samenloop_between_organisations_is_info(write_delivery) -> None:
    first = base_delivery()
    second = base_delivery()
    second["leveringen"][0]["aanleverende_organisatie"] = {"(Statutaire) Naam": "Kredietbank Noord",
                                                           "KvK-nummer": "12345678"}
    second["leveringen"][0]["schuldhulptrajecten"] = [copy.deepcopy(traject(first, 2))]
    traject(second, 0)["startdatum"] = "2024-02-01"
    for key in ("aanmelding", "intake", "schuldregeling", "crisisinterventies", "moratoria", "oplossing",
                "toekenningsdatum"):
        traject(second, 0).pop(key, None)
    findings = check_paths([write_delivery(first, "Vlieland"), write_delivery(second, "KredietbankNoord")]).findings
    assert [(f.rule, f.severity) for f in findings if f.rule in ("C07", "C08")] == [("C08", "info")]


def test_same_paths_in_two_files_are_different_trajecten(write_delivery) -> None:
    """Frames of several files share JSON paths: cross-row logic must key on file and path."""
    late = base_delivery()
    traject(late, 0)["aanmelding"]["startdatum"] = "2024-02-01"    # fine in file b, but after intake in file a
    traject(late, 0)["aanmelding"]["einddatum"] = "2024-02-01"
    traject(late, 0)["intake"]["startdatum"] = "2024-02-02"
    traject(late, 0)["startdatum"] = "2024-02-01"
    paths = [write_delivery(base_delivery(), "Vlieland_a"), write_delivery(late, "Vlieland_b")]
    findings = [f for f in check_paths(paths).findings if f.rule in ("P02", "T03", "T01")]
    assert findings == []


def test_v09_schulden_in_leefsituatie_count_for_t14_and_a03(write_delivery) -> None:
    """v0.9 keeps the schulden inside client[].leefsituatie[] (published v0.9 examples): T14 and A03 see them."""
    doc = base_delivery()
    schulden = traject(doc, 2).pop("schulden")   # 12,000 in total, as totaalSchuldbedragBijAanvangSchuld
    traject(doc, 2)["client"][0]["leefsituatie"] = [{"datumGeldigVanaf": "2022-03-01", "schulden": schulden}]
    assert [f.rule for f in _run(doc, write_delivery) if f.rule in ("T14", "A03", "D05")] == []
    traject(doc, 2)["totaalSchuldbedragBijAanvangSchuld"] = 20000
    assert [f.path for f in _run(doc, write_delivery) if f.rule == "T14"] == [f"{T}[2]"]


def test_a04_names_each_field_once_as_in_the_json(write_delivery) -> None:
    """Phase dates are checked once (not also through the traject's copy) and named as in the export."""
    doc = base_delivery()
    _big_vlieland(doc, 12, same_start=True)
    for item in doc["leveringen"][0]["schuldhulptrajecten"][4:]:
        item["schuldregeling"] = {"datum": "2024-06-01", "toegekend": "2024-06-20"}
        item["toekenningsdatum"] = "2024-06-20"
    fields = sorted(f.context["veld"] for f in _run(doc, write_delivery) if f.rule == "A04")
    assert fields == ["aanmelding.startdatum", "schuldregeling.datum", "schuldregeling.toegekend", "startdatum",
                      "toekenningsdatum", "totaalSchuldbedragBijAanvangSchuld"], fields


def test_c08_traject_without_startdatum_overlaps_from_its_first_phase(write_delivery) -> None:
    """The published v0.9 samenloop example: the second organisation leaves out startdatum but has an oplossing."""
    first = base_delivery()
    second = base_delivery()
    second["leveringen"][0]["aanleverende_organisatie"] = {"(Statutaire) Naam": "Kredietbank Noord",
                                                           "KvK-nummer": "12345678"}
    second["leveringen"][0]["schuldhulptrajecten"] = [{
        "gemeentecode": "0096", "client": copy.deepcopy(traject(first, 2)["client"]),
        "oplossing": {"startdatum": "2024-02-01", "soort": "Betalingsregeling"}}]
    findings = check_paths([write_delivery(first, "Vlieland"), write_delivery(second, "KredietbankNoord")]).findings
    overlaps = [(f.rule, f.severity, f.path) for f in findings if f.rule in ("C07", "C08", "T15")]
    assert overlaps == [("C08", "info", f"{T}[0]")], overlaps
