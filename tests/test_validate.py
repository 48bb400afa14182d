"""Schema stage: format checks really run, and every error kind gets a plain Dutch message."""

from __future__ import annotations

from ddas_quality.identify import identify
from ddas_quality.validate import get_validator, validate_document

T0 = "$.leveringen[0].schuldhulptrajecten[0]"


def _findings(doc: dict) -> list:
    return validate_document(doc, get_validator("SHV", "1.0"), "x.json")


def test_base_delivery_is_valid(delivery) -> None:
    assert _findings(delivery) == []


def test_impossible_date_is_rejected(delivery) -> None:
    delivery["startdatumLevering"] = "2024-13-45"
    (finding,) = _findings(delivery)
    assert (finding.rule, finding.path) == ("S01", "$.startdatumLevering")
    assert "geen een datum in de vorm JJJJ-MM-DD" not in finding.message
    assert "JJJJ-MM-DD" in finding.message and "2024-13-45" in finding.message


def test_the_year_0000_is_not_a_date(delivery) -> None:
    # jsonschema-rs accepts it (pure-Python jsonschema does not); in the frames it would silently be "missing"
    delivery["leveringen"][0]["schuldhulptrajecten"][0]["startdatum"] = "0000-01-01"
    delivery["leveringen"][0]["schuldhulptrajecten"][1]["startdatum"] = "0000-13-01"   # two reasons, one finding
    delivery["leveringen"][0]["schuldhulptrajecten"][2]["startdatum"] = "0001-01-01"   # a real (placeholder) day
    found = _findings(delivery)
    assert [(f.rule, f.path, f.context["fout"]) for f in found] == [
        ("S01", f"{T0}.startdatum", "format"),
        ("S01", "$.leveringen[0].schuldhulptrajecten[1].startdatum", "format")]
    assert all("geen geldige datum" in f.message and "JJJJ-MM-DD" in f.message for f in found)


def test_date_time_without_time_is_rejected(delivery) -> None:
    delivery["aanleverdatumEnTijd"] = "2025-01-20"
    (finding,) = _findings(delivery)
    assert finding.path == "$.aanleverdatumEnTijd" and "tijd" in finding.message


def test_bad_email_is_rejected_without_quoting_it(delivery) -> None:
    delivery["leveringen"][0]["aanleverende_organisatie"]["contactpersonen"][0]["email"] = "geen-email"
    (finding,) = _findings(delivery)
    assert finding.rule == "S01" and "e-mailadres" in finding.message and "geen-email" not in finding.message


def test_missing_required_field(delivery) -> None:
    del delivery["leveringen"][0]["schuldhulptrajecten"][0]["gemeentecode"]
    (finding,) = _findings(delivery)
    assert finding.path == T0 and "Verplicht veld 'gemeentecode' ontbreekt" in finding.message


def test_wrong_type(delivery) -> None:
    delivery["leveringen"][0]["schuldhulptrajecten"][0]["totaalSchuldbedragBijAanvangSchuld"] = "12000"
    (finding,) = _findings(delivery)
    assert "moet een geheel getal zijn, maar is tekst" in finding.message


def test_enum_names_allowed_values(delivery) -> None:
    delivery["leveringen"][0]["schuldhulptrajecten"][0]["oplossing"]["soort"] = "Lening"
    (finding,) = _findings(delivery)
    assert finding.path == f"{T0}.oplossing.soort"
    assert "'Lening'" in finding.message and "Betalingsregeling" in finding.message and "0%-aanbod" in finding.message


def test_unknown_field_suggests_nearest(delivery) -> None:
    delivery["leveringen"][0]["schuldhulptrajecten"][0]["startDatum"] = "2024-01-10"
    (finding,) = _findings(delivery)
    assert finding.path == T0 and "Onbekend veld 'startDatum'" in finding.message and "'startdatum'" in finding.message


def test_too_many_clients(delivery) -> None:
    clients = delivery["leveringen"][0]["schuldhulptrajecten"][3]["client"]
    clients.append(dict(clients[1]))
    (finding,) = _findings(delivery)
    assert "Te veel cliënten" in finding.message and "maximaal 2" in finding.message


def test_null_is_s02_only(delivery) -> None:
    delivery["leveringen"][0]["schuldhulptrajecten"][1]["einddatum"] = None
    (finding,) = _findings(delivery)
    assert (finding.rule, finding.path) == ("S02", "$.leveringen[0].schuldhulptrajecten[1].einddatum")
    assert "laat het veld weg in plaats van null" in finding.message.lower()


def test_bsn_of_wrong_type_is_not_quoted(delivery) -> None:
    delivery["leveringen"][0]["schuldhulptrajecten"][0]["client"][0]["Burgerservicenummer"] = 999990019
    (finding,) = _findings(delivery)
    assert "999990019" not in finding.message + str(finding.context)


def test_identify_current_version_by_default(delivery) -> None:
    ident = identify(delivery, "SHV_2024_X.json")
    assert (ident.domain, ident.version, ident.finding.severity) == ("SHV", "1.0", "info")


def test_identify_outdated_version_is_a_warning(delivery) -> None:
    """A v0.9-shaped file (schulden under client.leefsituatie) is checked against v0.9."""
    traject = delivery["leveringen"][0]["schuldhulptrajecten"][2]
    traject["client"][0]["leefsituatie"] = [{"schulden": [{"bedrag": 100}]}]
    ident = identify(delivery, "SHV_2024_X.json")
    assert ident.version == "0.9"


def test_identify_forced_version(delivery) -> None:
    ident = identify(delivery, "x.json", domain="shv", version="0.10")
    assert (ident.domain, ident.version) == ("SHV", "0.10") and "--schema-version" in ident.finding.message


def test_swapped_prefix_is_f01_error_whatever_the_rest_of_the_name(delivery) -> None:
    """rules.md, Decisions (F01 and the domain): SHV content in a VS_ file would go to the wrong upload."""
    for name in ("VS_2024_Vlieland.json", "vs_2024_Vlieland.json", "VS_Vlieland.json", "x.zip!VS_2024_A.json"):
        ident = identify(delivery, name)
        assert ident.domain == "SHV", name
        (f01,) = [f for f in ident.findings if f.rule == "F01"]
        assert (f01.severity, f01.file, f01.path) == ("error", name, None)
        assert "VS_" in f01.message and "SHV_" in f01.message and "schuldhulpverlening" in f01.message


def test_matching_or_unknown_prefix_gives_no_domain_f01(delivery) -> None:
    """The right prefix, or a name that names no domain (the reader's F01 covers the pattern), or no telling
    content: nothing here."""
    for name in ("SHV_2024_Vlieland.json", "export.json", "x.zip!SHV_2024_A.json"):
        assert [f.rule for f in identify(delivery, name).findings] == ["S03"], name
    assert [f.rule for f in identify({"leveringen": []}, "VS_2024_Leeg.json").findings] == ["S03"]


def test_vs_content_in_an_shv_file_is_f01() -> None:
    document = {"leveringen": [{"teller": 1, "gemeentecode": "0096", "vroegsignalen": []}]}
    ident = identify(document, "SHV_2025_Vlieland.json")
    assert ident.domain == "VS"
    assert [(f.rule, f.severity) for f in ident.findings] == [("S03", "info"), ("F01", "error")]
