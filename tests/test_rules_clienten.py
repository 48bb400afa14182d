"""Client and schuld rules (C02-C06, D01-D05): failing and passing cases as small patches on the base delivery."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from conftest import (
    BSN_C,
    BSN_D,
    BSN_INVALID,
    Case,
    T,
    base_delivery,
    nothing,
    phase,
    pop,
    set_fields,
    traject,
)

from ddas_quality.run import Options, check_paths


def client(doc: dict, i: int, c: int = 0) -> dict:
    return traject(doc, i)["client"][c]


def _client(i: int, c: int = 0, drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        person = client(doc, i, c)
        for key in drop:
            person.pop(key, None)
        person.update(fields)
    return patch


def _schuld(i: int, s: int, **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        traject(doc, i)["schulden"][s].update(fields)
    return patch


def _eiser(i: int, s: int, drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        eiser = traject(doc, i)["schulden"][s].setdefault("schuldeiser", {})
        for key in drop:
            eiser.pop(key, None)
        eiser.update(fields)
    return patch


def _copy_first_client_without_bsn(doc: dict) -> None:
    """The partner slot holds the first client again, without BSN (same birth date and address)."""
    twin = copy.deepcopy(client(doc, 3, 0))
    twin.pop("Burgerservicenummer")
    traject(doc, 3)["client"][1] = twin


P = f"{T}[3].client[1]"  # the partner without BSN in the base delivery

CASES = [
    # C02 — BSN, or else all four of Geboortedatum, Geslachtsaanduiding, Postcode, Huisnummer
    Case("C02", "partner zonder BSN en zonder geslacht", _client(3, 1, drop=("Geslachtsaanduiding",)), P, "error"),
    Case("C02", "partner zonder BSN met lege postcode", _client(3, 1, Postcode=""), P, "error"),
    Case("C02", "BSN van alleen spaties telt als geen BSN",
         _client(0, drop=("Geboortedatum",), Burgerservicenummer="   "), f"{T}[0].client[0]", "error"),
    Case("C02", "partner zonder BSN met alleen spaties als huisnummer", _client(3, 1, Huisnummer="  "), P, "error"),
    Case("C02", "partner zonder BSN met alle vier gegevens", nothing, None),
    Case("C02", "cliënt met BSN heeft de andere gegevens niet nodig",
         _client(0, drop=("Geboortedatum", "Geslachtsaanduiding", "Postcode", "Huisnummer")), None),
    Case("C02", "ongeldig BSN is C01, geen C02",
         _client(2, drop=("Geboortedatum", "Postcode"), Burgerservicenummer=BSN_INVALID), None),
    # C03 — birth date: real date (error), not after traject start (error), age 18..100 and placeholders (warning)
    Case("C03", "geboortedatum bestaat niet", _client(0, Geboortedatum="1961-13-40"), f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum in de vorm DD-MM-JJJJ", _client(0, Geboortedatum="01-05-1980"),
         f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum zonder voorloopnullen", _client(0, Geboortedatum="1980-5-1"),
         f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum als weeknummer", _client(0, Geboortedatum="1980-W18-4"), f"{T}[0].client[0]", "error"),
    Case("C03", "geboortedatum na de start van het traject", _client(1, Geboortedatum="2024-07-01"),
         f"{T}[1].client[0]", "error"),
    Case("C03", "cliënt van 17 bij de start", _client(0, Geboortedatum="2006-01-11"), f"{T}[0].client[0]", "warning"),
    Case("C03", "cliënt precies 18 bij de start", _client(0, Geboortedatum="2006-01-10"), None),
    Case("C03", "cliënt precies 100 bij de start", _client(0, Geboortedatum="1923-06-01"), None),
    Case("C03", "cliënt van 101 bij de start", _client(0, Geboortedatum="1922-06-01"), f"{T}[0].client[0]", "warning"),
    Case("C03", "opvuldatum als geboortedatum", _client(3, 1, Geboortedatum="1900-01-01"), P, "warning"),
    Case("C03", "opvuldatum 1970-01-01 als geboortedatum", _client(0, Geboortedatum="1970-01-01"),
         f"{T}[0].client[0]", "warning"),
    Case("C03", "opvuldatum in een fase", phase(0, "stabilisatie", startdatum="1970-01-01"),
         f"{T}[0].stabilisatie", "warning"),
    Case("C03", "opvuldatum als einddatum van het traject", set_fields(2, einddatum="1900-01-01"), f"{T}[2]",
         "warning"),
    Case("C03", "opvuldatum in schuldregeling.toegekend", phase(2, "schuldregeling", toegekend="0001-01-01"),
         f"{T}[2].schuldregeling", "warning"),
    Case("C03", "opvuldatum als schuldregeling.datum", phase(2, "schuldregeling", datum="1900-01-01"),
         f"{T}[2].schuldregeling", "warning"),
    Case("C03", "opvuldatum als peildatum van een schuld", _schuld(0, 0, peildatum="1900-01-01"),
         f"{T}[0].schulden[0]", "warning"),
    Case("C03", "opvuldatum in een moratorium",
         lambda d: traject(d, 2)["moratoria"][0].update(datumAanvraag="1970-01-01"), f"{T}[2].moratoria[0]", "warning"),
    Case("C03", "opvuldatum in uitstroom", phase(0, "uitstroom", datumBeeindigingsbeschikking="1970-01-01"),
         f"{T}[0].uitstroom", "warning"),
    Case("C03", "vroege datum die geen opvuldatum is", _schuld(0, 0, peildatum="1969-12-31"), None),
    Case("C03", "geldige geboortedatum", nothing, None),
    Case("C03", "lege geboortedatum is C02, geen C03", _client(3, 1, Geboortedatum=""), None),
    # C04 — Man, Vrouw, Onbekend, Leeg
    Case("C04", "code M", _client(0, Geslachtsaanduiding="M"), f"{T}[0].client[0]", "warning"),
    Case("C04", "kleine letters", _client(3, 1, Geslachtsaanduiding="vrouw"), P, "warning"),
    Case("C04", "lege tekst", _client(0, Geslachtsaanduiding=""), f"{T}[0].client[0]", "warning"),
    Case("C04", "Leeg is een toegestane waarde", _client(0, Geslachtsaanduiding="Leeg"), None),
    Case("C04", "Onbekend is een toegestane waarde", _client(0, Geslachtsaanduiding="Onbekend"), None),
    Case("C04", "geen geslacht bij een cliënt met BSN", _client(0, drop=("Geslachtsaanduiding",)), None),
    # C05 — Postcode 1234AB (space tolerated), Huisnummer numeric
    Case("C05", "postcode met streepje", _client(0, Postcode="8899-ZX"), f"{T}[0].client[0]", "warning"),
    Case("C05", "postcode met voorloopnul", _client(0, Postcode="0899ZX"), f"{T}[0].client[0]", "warning"),
    Case("C05", "buitenlandse postcode", _client(0, Postcode="B-1000"), f"{T}[0].client[0]", "warning"),
    Case("C05", "huisnummer met toevoeging", _client(0, Huisnummer="12a"), f"{T}[0].client[0]", "warning"),
    Case("C05", "huisnummer 0", _client(0, Huisnummer="0"), f"{T}[0].client[0]", "warning"),
    Case("C05", "postcode met spatie is goed", nothing, None),
    Case("C05", "postcode in kleine letters is goed", _client(0, Postcode="8899zx"), None),
    Case("C05", "toevoeging in Huisnummertoevoeging is goed", _client(0, Huisnummertoevoeging="bis"), None),
    Case("C05", "geen adres bij een cliënt met BSN", _client(0, drop=("Postcode", "Huisnummer")), None),
    Case("C05", "lege postcode en huisnummer bij een cliënt met BSN", _client(0, Postcode=" ", Huisnummer=""), None),
    # C06 — the two clients of one traject are different people
    Case("C06", "twee cliënten met hetzelfde BSN", _client(3, 1, Burgerservicenummer=BSN_C), P, "error"),
    Case("C06", "tweede cliënt is de eerste zonder BSN", _copy_first_client_without_bsn, P, "error"),
    Case("C06", "beide zonder BSN met dezelfde gegevens",
         _client(3, 0, drop=("Burgerservicenummer",), Geboortedatum="1990-02-14", Postcode="8899ZX",
                 Huisnummertoevoeging="a"), P, "error"),
    Case("C06", "partners op hetzelfde adres zijn verschillende personen", nothing, None),
    Case("C06", "tweeling met eigen BSN op hetzelfde adres",
         _client(3, 1, Burgerservicenummer=BSN_D, Geboortedatum="1975-11-23", drop=("Huisnummertoevoeging",)), None),
    Case("C06", "dezelfde cliënt in twee trajecten is geen C06", nothing, None),
    # D01 — bedrag 0
    Case("D01", "schuld van 0 euro", _schuld(0, 1, bedrag=0), f"{T}[0].schulden[1]", "warning"),
    Case("D01", "schuld van 0,0 euro", _schuld(2, 0, bedrag=0.0), f"{T}[2].schulden[0]", "warning"),
    Case("D01", "schuld van 1 euro", _schuld(0, 1, bedrag=1), None),
    # D02 — peildatum after aanleverdatum, or more than 2 years (configurable) before the traject start
    Case("D02", "peildatum na de aanleverdatum", _schuld(0, 0, peildatum="2025-02-01"), f"{T}[0].schulden[0]",
         "warning"),
    Case("D02", "peildatum op de aanleverdag zelf", _schuld(0, 0, peildatum="2025-01-20"), None),
    Case("D02", "peildatum ruim 2 jaar voor de start", _schuld(0, 1, peildatum="2022-01-09"), f"{T}[0].schulden[1]",
         "warning"),
    Case("D02", "peildatum precies 2 jaar voor de start", _schuld(0, 1, peildatum="2022-01-10"), None),
    Case("D02", "peildatum voor de start van een traject uit 2022", _schuld(2, 0, peildatum="2020-03-01"), None),
    # D03 — naam and Naam differ when both filled
    Case("D03", "twee verschillende namen", _eiser(0, 0, Naam="Energiebedrijf Zuid"), f"{T}[0].schulden[0]",
         "warning"),
    Case("D03", "alleen hoofdletters en spaties verschillen", _eiser(0, 0, Naam="zorgverzekeraar  test "), None),
    Case("D03", "alleen naam gevuld", _eiser(0, 0, drop=("Naam",)), None),
    Case("D03", "alleen Naam gevuld", _eiser(0, 0, drop=("naam",)), None),
    # D04 — kvknummer 8 digits; a privepersoon has none
    Case("D04", "kvknummer van 4 cijfers", _eiser(0, 0, kvknummer="1234"), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "kvknummer met letters", _eiser(0, 0, kvknummer="1234567A"), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "privépersoon met kvknummer", _eiser(0, 0, privepersoon=True), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "privépersoon zonder kvknummer", _eiser(0, 0, drop=("kvknummer",), privepersoon=True), None),
    Case("D04", "bedrijf met kvknummer", _eiser(0, 0, privepersoon=False), None),
    Case("D04", "schuldeiser zonder kvknummer", _eiser(0, 0, drop=("kvknummer",)), None),
    # D05 — a schuldregeling or oplossing without schulden
    Case("D05", "schuldregeling en oplossing zonder schulden", pop(2, "schulden"), f"{T}[2]", "warning"),
    Case("D05", "oplossing met lege lijst schulden", set_fields(0, schulden=[]), f"{T}[0]", "warning"),
    Case("D05", "alleen een schuldregeling zonder schulden", pop(2, "schulden", "oplossing"), f"{T}[2]", "warning"),
    Case("D05", "traject in aanmelding zonder schulden", nothing, None),
]


def _run(doc: dict, write_delivery, **options) -> list:
    return check_paths([write_delivery(doc)], Options(**options)).findings


def _identifying(doc: dict) -> set[str]:
    """Birth dates, postcodes, house numbers with postcode and BSNs in the document."""
    found: set[str] = set()
    for levering in doc["leveringen"]:
        for item in levering["schuldhulptrajecten"]:
            for person in item["client"]:
                for key in ("Burgerservicenummer", "Geboortedatum", "Postcode"):
                    value = person.get(key)
                    if isinstance(value, str) and len(value.strip()) >= 4:
                        found.add(value)
    return found


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: Case, write_delivery) -> None:
    doc = base_delivery()
    case.patch(doc)
    findings = _run(doc, write_delivery)
    mine = [f for f in findings if f.rule == case.rule]
    if case.path is None:
        assert mine == [], [(f.path, f.message) for f in mine]
    else:
        assert [(f.path, f.severity) for f in mine] == [(case.path, case.severity)], [(f.path, f.message) for f in mine]
    leaked = {value for value in _identifying(doc) for f in findings if value in f.message}
    assert not leaked, leaked


def _one(doc: dict, write_delivery, rule: str, **options):
    (finding,) = [f for f in _run(doc, write_delivery, **options) if f.rule == rule]
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
    findings = _run(doc, write_delivery, thresholds={"D02": {"max_years_before_start": 3}})
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
    findings = _run(doc, write_delivery)
    assert not [f for f in findings if f.rule == "D05"], [f.message for f in findings if f.rule == "D05"]


MY_RULES = {"C02", "C03", "C04", "C05", "C06", "D01", "D02", "D03", "D04", "D05"}


def test_empty_frames_do_not_break_the_suites(write_delivery) -> None:
    """No trajecten at all, or no schulden anywhere: the suites still find their columns."""
    from ddas_quality.derive import DeriveContext
    from ddas_quality.derive_clients import add
    from ddas_quality.engine import run_suites
    from ddas_quality.flatten import flatten_shv
    from ddas_quality.gemeenten import load_table
    from ddas_quality.privacy import Keyer
    from ddas_quality.run import _suite_parameters, thresholds_for

    doc = base_delivery()
    doc["leveringen"][0]["schuldhulptrajecten"] = []
    frames = dict(flatten_shv(doc, "SHV_2024_Leeg.json", Keyer()).frames)
    limits = thresholds_for(Options())
    add(frames, DeriveContext(load_table(None), limits, files_in_run=1))
    result = run_suites(frames, "SHV", _suite_parameters(limits), selected=MY_RULES)
    assert result.expectations_run >= 18 and result.findings == []

    doc = base_delivery()
    for i in (0, 2):
        traject(doc, i).pop("schulden")
    rules = {f.rule for f in _run(doc, write_delivery)}
    assert rules & MY_RULES == {"D05"}


def test_two_files_with_the_same_paths(write_delivery) -> None:
    """Pairs and counts are per file: a partner in file b is not compared with client[0] in file a."""
    first = base_delivery()
    second = base_delivery()
    pop(2, "schulden")(second)
    paths = [write_delivery(first, "Vlieland_a"), write_delivery(second, "Vlieland_b")]
    findings = [f for f in check_paths(paths).findings if f.rule in ("C06", "D05")]
    assert [(f.rule, f.path) for f in findings] == [("D05", f"{T}[2]")]
    assert findings[0].file.endswith("SHV_2024_Vlieland_b.json")
