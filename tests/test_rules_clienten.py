"""Client and schuld rules (C02-C06, D01-D05) beyond their cases (tests/cases/): messages, thresholds, empty
frames, several files."""

from __future__ import annotations

from cases.clienten import client
from cases.clienten import copy_first_client_without_bsn as _copy_first_client_without_bsn
from cases.clienten import person as _client
from cases.schulden import eiser as _eiser
from cases.schulden import schuld as _schuld
from conftest import BSN_C, T, base_delivery, phase, pop, set_fields, traject

from ddas_quality.pipeline import Options, check_paths


def _run(doc: dict, write_delivery, *rules: str, **options) -> list:
    """The findings for `doc`; only those of `rules` (and only their checks run: much faster) when given."""
    if rules:
        options["select"] = list(rules)
    return check_paths([write_delivery(doc)], Options(**options)).findings


def _one(doc: dict, write_delivery, rule: str, **options):
    (finding,) = [f for f in _run(doc, write_delivery, rule, **options) if f.rule == rule]
    return finding


def test_c02_message_names_what_is_missing(write_delivery) -> None:
    doc = base_delivery()
    _client(3, 1, drop=("Geslachtsaanduiding", "Postcode"))(doc)
    finding = _one(doc, write_delivery, "C02")
    assert finding.message.startswith("Cliënt zonder BSN en zonder volledige persoonsgegevens: Geslachtsaanduiding, "
                                      "Postcode ontbreekt.")
    assert finding.context == {"ontbreekt": "Geslachtsaanduiding, Postcode"}


def test_c03_messages_never_quote_the_birth_date(write_delivery) -> None:
    doc = base_delivery()
    _client(1, Geboortedatum="2024-07-01")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert finding.message.startswith("De geboortedatum van deze cliënt ligt na de startdatum van het traject "
                                      "(2024-06-30).")
    assert "2024-07-01" not in finding.message

    doc = base_delivery()
    _client(0, Geboortedatum="2006-01-11")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert finding.message.startswith("De cliënt is 17 jaar bij de start van het traject (2024-01-10)")
    assert "2006" not in finding.message

    doc = base_delivery()
    _client(0, Geboortedatum="1961-13-40")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert "geen echte datum in de vorm JJJJ-MM-DD" in finding.message and "1961" not in finding.message


def test_c03_placeholder_birth_date_is_one_warning_without_the_date(write_delivery) -> None:
    doc = base_delivery()
    _client(0, Geboortedatum="1900-01-01")(doc)  # age 124: the placeholder message wins, not "older than 100"
    finding = _one(doc, write_delivery, "C03")
    assert finding.severity == "warning"
    assert finding.message.startswith("De geboortedatum van deze cliënt is een opvuldatum")
    assert "1900" not in finding.message


def test_c03_placeholder_in_other_fields_names_field_and_date(write_delivery) -> None:
    doc = base_delivery()
    phase(0, "stabilisatie", startdatum="1970-01-01")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert finding.message.startswith("Opvuldatum: stabilisatie.startdatum is 1970-01-01, een standaardwaarde")
    assert finding.context == {"veld": "stabilisatie.startdatum", "datum": "1970-01-01"}

    doc = base_delivery()
    phase(2, "schuldregeling", datum="1900-01-01")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert finding.message.startswith("Opvuldatum: schuldregeling.datum is 1900-01-01")


def test_c03_birth_after_start_is_one_error(write_delivery) -> None:
    """A birth date after the traject start is also "younger than 18": one finding, the error."""
    doc = base_delivery()
    _client(1, Geboortedatum="2030-01-01")(doc)
    finding = _one(doc, write_delivery, "C03")
    assert finding.severity == "error"


def test_c04_quotes_only_one_short_word(write_delivery) -> None:
    doc = base_delivery()
    _client(0, Geslachtsaanduiding="M")(doc)
    finding = _one(doc, write_delivery, "C04")
    assert finding.message.startswith('Geslachtsaanduiding "M" is geen toegestane waarde. Gebruik Man, Vrouw, '
                                      "Onbekend of Leeg")

    doc = base_delivery()
    _client(0, Geslachtsaanduiding="Wil ik liever niet zeggen")(doc)
    finding = _one(doc, write_delivery, "C04")
    assert "Wil ik" not in finding.message
    assert finding.message.startswith("Geslachtsaanduiding heeft een waarde die niet in de lijst staat.")

    doc = base_delivery()
    _client(0, Geslachtsaanduiding="Onbekendgeslachtxyzq")(doc)   # 20 characters: still one short word
    assert '"Onbekendgeslachtxyzq"' in _one(doc, write_delivery, "C04").message
    doc = base_delivery()
    _client(0, Geslachtsaanduiding="Onbekendgeslachtxyzqw")(doc)  # 21 characters: not quoted
    assert "Onbekendgeslacht" not in _one(doc, write_delivery, "C04").message


def test_c05_one_message_for_both_fields_without_the_values(write_delivery) -> None:
    doc = base_delivery()
    _client(0, Postcode="8899-ZX", Huisnummer="12a")(doc)
    finding = _one(doc, write_delivery, "C05")
    assert finding.message.startswith("Postcode en Huisnummer hebben niet de juiste vorm. Een postcode is 4 cijfers")
    assert "8899" not in finding.message and "12a" not in finding.message

    doc = base_delivery()
    _client(0, Huisnummer="12a")(doc)
    assert _one(doc, write_delivery, "C05").message.startswith("Huisnummer heeft niet de juiste vorm.")


def test_c06_messages(write_delivery) -> None:
    doc = base_delivery()
    _client(3, 1, Burgerservicenummer=BSN_C)(doc)
    finding = _one(doc, write_delivery, "C06")
    assert finding.message.startswith("Deze cliënt is dezelfde persoon als client[0] van hetzelfde traject "
                                      "(hetzelfde BSN ******032).")
    assert BSN_C not in finding.message

    doc = base_delivery()
    _copy_first_client_without_bsn(doc)
    finding = _one(doc, write_delivery, "C06")
    assert "dezelfde geboortedatum, postcode en huisnummer" in finding.message


def test_d01_message(write_delivery) -> None:
    doc = base_delivery()
    _schuld(0, 1, bedrag=0)(doc)
    assert _one(doc, write_delivery, "D01").message.startswith("Deze schuld (Nuts) heeft bedrag 0.")
    doc = base_delivery()
    _schuld(0, 1, bedrag=0)(doc)
    traject(doc, 0)["schulden"][1].pop("schuldsoort")
    assert _one(doc, write_delivery, "D01").message.startswith("Deze schuld heeft bedrag 0. Vul het juiste")


def test_d02_messages_and_threshold(write_delivery) -> None:
    doc = base_delivery()
    _schuld(0, 1, peildatum="2021-06-01")(doc)
    finding = _one(doc, write_delivery, "D02")
    assert finding.message.startswith("De peildatum van deze schuld (2021-06-01) ligt meer dan 2 jaar vóór de start "
                                      "van het traject (2024-01-10).")
    findings = _run(doc, write_delivery, "D02", thresholds={"D02": {"max_years_before_start": 3}})
    assert not [f for f in findings if f.rule == "D02"]

    doc = base_delivery()
    _schuld(0, 0, peildatum="2025-02-01")(doc)
    finding = _one(doc, write_delivery, "D02")
    assert finding.message.startswith("De peildatum van deze schuld (2025-02-01) ligt na de aanleverdatum "
                                      "(2025-01-20).")


def test_d03_d04_messages(write_delivery) -> None:
    doc = base_delivery()
    _eiser(0, 0, Naam="Energiebedrijf Zuid")(doc)
    finding = _one(doc, write_delivery, "D03")
    assert finding.message.startswith("De schuldeiser van deze schuld heeft in naam en Naam twee verschillende namen.")
    assert "Energiebedrijf" not in finding.message  # a private creditor's name is personal data

    doc = base_delivery()
    _eiser(0, 0, privepersoon=True)(doc)
    assert _one(doc, write_delivery, "D04").message.startswith("De schuldeiser is een privépersoon")
    doc = base_delivery()
    _eiser(0, 0, kvknummer="1234")(doc)
    assert _one(doc, write_delivery, "D04").message.startswith("Het kvknummer van de schuldeiser bestaat niet uit 8")


def test_d05_message_names_the_oplossing(write_delivery) -> None:
    doc = base_delivery()
    pop(2, "schulden")(doc)
    finding = _one(doc, write_delivery, "D05")
    assert finding.message.startswith("Dit traject heeft een schuldregeling en een oplossing (Betalingsregeling), "
                                      "maar er staan geen schulden in.")
    doc = base_delivery()
    set_fields(0, schulden=[])(doc)
    assert _one(doc, write_delivery, "D05").message.startswith("Dit traject heeft een oplossing (Betalingsregeling),")


def test_d05_counts_v09_schulden_inside_the_client(write_delivery) -> None:
    """SHV v0.9 keeps the schulden in client[].leefsituatie[]: they count for D05 too."""
    doc = base_delivery()
    schulden = traject(doc, 2).pop("schulden")
    client(doc, 2)["leefsituatie"] = [{"schulden": schulden}]
    findings = _run(doc, write_delivery, "D05")
    assert not [f for f in findings if f.rule == "D05"], [f.message for f in findings if f.rule == "D05"]


MY_RULES = {"C02", "C03", "C04", "C05", "C06", "D01", "D02", "D03", "D04", "D05"}


def test_empty_frames_do_not_break_the_suites(write_delivery) -> None:
    """No trajecten at all, or no schulden anywhere: the suites still find their columns."""
    from ddas_quality.derive import DeriveContext
    from ddas_quality.domains.shv.derive_clients import add
    from ddas_quality.domains.shv.flatten import flatten as flatten_shv
    from ddas_quality.flatten import concat_frames
    from ddas_quality.gemeenten import load_table
    from ddas_quality.pipeline import suite_parameters, thresholds_for
    from ddas_quality.privacy import Keyer
    from ddas_quality.suite_runner import run_suites

    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    frames = concat_frames([flatten_shv(doc, "SHV_2024_Leeg.json", Keyer())])
    limits = thresholds_for(Options())
    add(frames, DeriveContext(load_table(None), limits, files_in_run=1))
    result = run_suites(frames, "SHV", suite_parameters(limits), selected=MY_RULES)
    assert result.expectations_run >= 18 and result.findings == []

    doc = base_delivery()
    for i in (0, 2):
        traject(doc, i).pop("schulden")
    rules = {f.rule for f in _run(doc, write_delivery, *MY_RULES)}
    assert rules & MY_RULES == {"D05"}


def test_two_files_with_the_same_paths(write_delivery) -> None:
    """Pairs and counts are per file: a partner in file b is not compared with client[0] in file a."""
    first = base_delivery()
    second = base_delivery()
    pop(2, "schulden")(second)
    paths = [write_delivery(first, "Vlieland_a"), write_delivery(second, "Vlieland_b")]
    findings = check_paths(paths, Options(select=["C06", "D05"])).findings
    assert [(f.rule, f.path) for f in findings] == [("D05", f"{T}[2]")]
    assert findings[0].file.endswith("SHV_2024_Vlieland_b.json")


def test_c08_names_the_same_client_in_every_run(write_delivery) -> None:
    """A traject with two clients who both overlap elsewhere gets one C08; which client it names must not depend
    on the run's random key for client hashes (it named either one, run by run): the first client, always."""
    from conftest import BSN_D

    from ddas_quality.privacy import Keyer

    ours = base_delivery()
    ours["leveringen"][0]["schuldhulptrajecten"][3]["client"][1]["Burgerservicenummer"] = BSN_D
    theirs = base_delivery()
    levering = theirs["leveringen"][0]
    levering["aanleverende_organisatie"] = {"(Statutaire) Naam": "Stichting Schuldhulp Test", "KvK-nummer": "87654321"}
    levering["schuldhulptrajecten"] = [
        {**traject(theirs, 3), "startdatum": "2024-01-05", "client": [traject(theirs, 3)["client"][0]]},
        {**traject(theirs, 3), "startdatum": "2024-02-05",
         "client": [{**traject(theirs, 3)["client"][1], "Burgerservicenummer": BSN_D}]},
    ]
    paths = [write_delivery(ours, "Vlieland"), write_delivery(theirs, "Stichting")]
    messages = set()
    for seed in range(6):
        findings = check_paths(paths, Options(select=["C08"]), keyer=Keyer(bytes([seed]) * 32)).findings
        (finding,) = [f for f in findings if f.path == f"{T}[3]" and f.file.endswith("Vlieland.json")]
        messages.add(finding.message)
    assert len(messages) == 1
    assert "******032" in messages.pop()   # BSN_C, the traject's first client
