"""Traject, phase-order, client-overlap and aggregate rules beyond their cases (tests/cases/): messages, thresholds,
several files checked together, v0.9 shapes."""

from __future__ import annotations

import copy

from cases.aantallen import big_gemeente, big_vlieland
from conftest import BSN_A, T, base_delivery, phase, traject

from ddas_quality.pipeline import Options, check_paths


def _run(doc: dict, write_delivery, *rules: str, **options) -> list:
    """The findings for `doc`; only those of `rules` (and only their checks run: much faster) when given."""
    if rules:
        options["select"] = list(rules)
    return check_paths([write_delivery(doc)], Options(**options)).findings


def test_a04_reports_every_concentrated_field_once(write_delivery) -> None:
    """Twelve copies of one traject, all starting 2024-05-01: each concentrated field is its own finding."""
    doc = base_delivery()
    big_vlieland(doc, 12, same_start=True)
    findings = [f for f in _run(doc, write_delivery, "A04") if f.rule == "A04"]
    fields = [f.context.get("veld") for f in findings]
    assert all(f.path == "$" for f in findings) and len(fields) == len(set(fields)), fields
    assert "aanmelding.startdatum" in fields and "startdatum" in fields, fields


def test_base_delivery_is_clean(write_delivery) -> None:
    """The base every case patches has no finding at all except the S03 note of what was checked."""
    findings = _run(base_delivery(), write_delivery)
    details = [(f.rule, f.path, f.message) for f in findings]
    assert [(f.rule, f.severity) for f in findings] == [("S03", "info")], details


def test_p02_reports_first_pair_with_dates(write_delivery) -> None:
    doc = base_delivery()
    phase(0, "intake", startdatum="2024-01-05")(doc)
    (finding,) = [f for f in _run(doc, write_delivery, "P02") if f.rule == "P02"]
    assert finding.message.startswith("Fasevolgorde: intake start op 2024-01-05, vóór aanmelding (2024-01-10)")
    assert finding.context["fase_a"] == "aanmelding" and finding.context["fase_b"] == "intake"


def test_a01_is_error_below_ten_percent_and_says_only_this_file_counted(write_delivery) -> None:
    doc = base_delivery()
    big_gemeente(0)(doc)
    (finding,) = [f for f in _run(doc, write_delivery, "A01") if f.rule == "A01"]
    assert finding.severity == "error"
    assert "Zandvoort (0473)" in finding.message and "Alleen dit bestand" in finding.message


def test_a01_threshold_is_configurable(write_delivery) -> None:
    doc = base_delivery()
    big_gemeente(15)(doc)
    findings = _run(doc, write_delivery, "A01", thresholds={"A01": {"warning_ratio": 0.2}})
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
    findings = [f for f in check_paths(paths, Options(select=["C07"])).findings if f.rule == "C07"]
    assert len(findings) == 1
    assert findings[0].file == "SHV_2024_Vlieland_deel2.json" or findings[0].file.endswith("deel2.json")
    assert "deel1" in findings[0].message
    assert BSN_A not in findings[0].message and "******019" in findings[0].message


def test_c07_says_plainly_that_the_other_traject_still_runs(write_delivery) -> None:
    # the message read "dan nog loopt (tot nu (lopend))"
    first = base_delivery()
    second = base_delivery()
    second["leveringen"][0]["schuldhulptrajecten"] = [copy.deepcopy(traject(first, 2))]
    traject(second, 0).update(startdatum="2024-03-01", einddatum="2024-06-30")
    traject(second, 0)["aanmelding"]["startdatum"] = "2024-03-01"
    for key in ("intake", "stabilisatie", "schuldregeling", "oplossing", "nazorg", "begeleiding", "moratoria"):
        traject(second, 0).pop(key, None)
    paths = [write_delivery(first, "Vlieland_deel1"), write_delivery(second, "Vlieland_deel2")]
    (finding,) = [f for f in check_paths(paths, Options(select=["C07"])).findings if f.rule == "C07"]
    assert "dan nog loopt (tot nu, zonder einddatum)." in finding.message
    assert "(lopend)" not in finding.message


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
    paths = [write_delivery(first, "Vlieland"), write_delivery(second, "KredietbankNoord")]
    findings = check_paths(paths, Options(select=["C07", "C08"])).findings
    assert [(f.rule, f.severity) for f in findings] == [("C08", "info")]


def test_same_paths_in_two_files_are_different_trajecten(write_delivery) -> None:
    """Frames of several files share JSON paths: cross-row logic must key on file and path."""
    late = base_delivery()
    traject(late, 0)["aanmelding"]["startdatum"] = "2024-02-01"    # fine in file b, but after intake in file a
    traject(late, 0)["aanmelding"]["einddatum"] = "2024-02-01"
    traject(late, 0)["intake"]["startdatum"] = "2024-02-02"
    traject(late, 0)["startdatum"] = "2024-02-01"
    paths = [write_delivery(base_delivery(), "Vlieland_a"), write_delivery(late, "Vlieland_b")]
    findings = [f for f in check_paths(paths, Options(select=["P02", "T03", "T01"])).findings]
    assert findings == []


def test_v09_schulden_in_leefsituatie_count_for_t14_and_a03(write_delivery) -> None:
    """v0.9 keeps the schulden inside client[].leefsituatie[] (published v0.9 examples): T14 and A03 see them."""
    doc = base_delivery()
    schulden = traject(doc, 2).pop("schulden")   # 12,000 in total, as totaalSchuldbedragBijAanvangSchuld
    traject(doc, 2)["client"][0]["leefsituatie"] = [{"datumGeldigVanaf": "2022-03-01", "schulden": schulden}]
    assert [f.rule for f in _run(doc, write_delivery, "T14", "A03", "D05")] == []
    traject(doc, 2)["totaalSchuldbedragBijAanvangSchuld"] = 20000
    assert [f.path for f in _run(doc, write_delivery, "T14")] == [f"{T}[2]"]


def test_a04_names_each_field_once_as_in_the_json(write_delivery) -> None:
    """Phase dates are checked once (not also through the traject's copy) and named as in the export."""
    doc = base_delivery()
    big_vlieland(doc, 12, same_start=True)
    for item in doc["leveringen"][0]["schuldhulptrajecten"][4:]:
        item["schuldregeling"] = {"datum": "2024-06-01", "toegekend": "2024-06-20"}
        item["toekenningsdatum"] = "2024-06-20"
    fields = sorted(f.context["veld"] for f in _run(doc, write_delivery, "A04"))
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
    paths = [write_delivery(first, "Vlieland"), write_delivery(second, "KredietbankNoord")]
    findings = check_paths(paths, Options(select=["C07", "C08", "T15"])).findings
    overlaps = [(f.rule, f.severity, f.path) for f in findings]
    assert overlaps == [("C08", "info", f"{T}[0]")], overlaps
