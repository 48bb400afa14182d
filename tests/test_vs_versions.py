"""Vroegsignalering in every published version (v0.9, v1.0, v1.1 draft, v1.2): recognised by shape, read into
the same frames, V09 by the rules of each version, figures with each version's lists, a misspelt key named,
and no identifier of any version in any output.

The exact findings of every published example are in tests/test_reference_examples.py; the comparison of our
schemas with the published ones is in tests/test_schemas.py. Here: the behaviour per version, on small
synthetic documents (no ../shared needed), plus the published examples where noted.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from cases.vroegsignalering import vs_base
from conftest import BSN_A, BSN_B, BSN_INVALID, all_output, identifying_values, shared_params, shared_path
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.domains import get_domain
from ddas_quality.domains.vs.figures import EMPTY, OTHER, categories, compute_vs
from ddas_quality.domains.vs.identify import version_signs
from ddas_quality.identify import identify
from ddas_quality.pipeline import Options, check_paths
from ddas_quality.validate import get_validator, nearest_name, validate_document

runner = CliRunner()

VS = get_domain("VS")
VERSIONS = ("0.9", "1.0", "1.1", "1.2")
L0 = "$.leveringen[0]"
S = f"{L0}.vroegsignalen"
Z = f"{L0}.vroegsignaalzaken"

# Published examples: folder under ../shared/reference/ddas-vs -> the version each one is.
PUBLISHED = {"v0.9": "0.9", "v1.0": "1.0", "v1.1-draft": "1.1", "v1.2/examples-from-v1.2-draft": "1.2"}
KINDS = ("enkelvoudig", "meervoudig", "uitgebreid")


def _published() -> list:
    root = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ddas-vs"
    return [pytest.param(folder, kind, version, id=f"{version}-{kind}")
            for folder, version in PUBLISHED.items() for kind in KINDS
            if (root / folder / f"{kind}Voorbeeld.json").exists()]


def published(folder: str, kind: str) -> Path:
    return shared_path("reference", "ddas-vs", *folder.split("/"), f"{kind}Voorbeeld.json")


# ------------------------------------------------------------------ one synthetic delivery, in every version
def _client_old(bsn: str | None, adres: bool = True) -> dict:
    """A v0.9/v1.0 client: capitalised fields, names and address may come with the BSN."""
    client = {"Voorletters": "A.", "Achternaam": "Testpersoon", "Geboortedatum": "1980-05-01"}
    if adres:
        client.update(Postcode="8899ZX", Huisnummer="12", Plaatsnaam="Vlieland")
    if bsn:
        client["Burgerservicenummer"] = bsn
    return client


def vs_document(version: str) -> dict:
    """Vlieland (1,255 inwoners: V10 does not apply), first quarter of 2025, three signals in two zaken; clean
    in every version. v0.9 and v1.0 differ only in a value list: the v0.9 document uses a value only v0.9 has
    (contactsoort 'Overige'), the v1.0 one a value only v1.0 has ('Afspraak op locatie')."""
    doc = vs_base()
    lev = doc["leveringen"][0]
    # clean in every version: none of the base delivery's edge cases (a signal and a contactpoging before the
    # matching period), and a Plaatsnaam with each address
    lev["vroegsignalen"][2]["signaaldatum"] = "2025-01-05"
    lev["vroegsignaalzaken"][0]["startdatum_matchtingperiode"] = "2025-01-01"
    lev["vroegsignaalzaken"][0]["contactpogingen"][0]["datum"] = "2025-01-12"
    for signaal in lev["vroegsignalen"]:
        signaal["client"]["Plaatsnaam"] = "Vlieland"
    poging = lev["vroegsignaalzaken"][1]["contactpogingen"][0]
    if version == "0.9":
        poging["soort"] = "Overige"
        return doc
    poging["soort"] = "Afspraak op locatie"
    if version == "1.0":
        return doc
    # v1.1: the client rebuilt: a BSN alone, or no BSN with (at least) postcode and huisnummer
    for signaal in lev["vroegsignalen"]:
        old = signaal["client"]
        signaal["client"] = ({"burgerservicenummer": old["Burgerservicenummer"]} if "Burgerservicenummer" in old
                             else {"geslachtsaanduiding": "Vrouw", "geboortedatum": old["Geboortedatum"],
                                   "postcode": old["Postcode"], "huisnummer": old["Huisnummer"]})
    if version == "1.1":
        return doc
    # v1.2: camelCase names
    lev["aanleverendeOrganisatie"] = lev.pop("aanleverende_organisatie")
    organisatie = lev["aanleverendeOrganisatie"]
    organisatie["contactpersonen"] = organisatie.pop("contactpersoonen")
    for zaak in lev["vroegsignaalzaken"]:
        for old, new in (("startdatum_matchtingperiode", "startdatumMatchingperiode"),
                         ("datum_opgepakt", "datumOpgepakt"),
                         ("einddatum_matchingperiode", "einddatumMatchingperiode")):
            if old in zaak:
                zaak[new] = zaak.pop(old)
    return doc


def signal(doc: dict, i: int) -> dict:
    return doc["leveringen"][0]["vroegsignalen"][i]


def zaak(doc: dict, i: int) -> dict:
    return doc["leveringen"][0]["vroegsignaalzaken"][i]


def write(doc: dict, folder: Path, name: str = "Vlieland") -> Path:
    path = folder / f"VS_2025_{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def run_each(documents: dict[str, dict], folder: Path, options: Options | None = None) -> dict[str, list]:
    """All documents in one run (V10 ignored: it counts over the run); findings per name."""
    names = {name: write(doc, folder, name).name for name, doc in documents.items()}
    result = check_paths([folder / n for n in names.values()], options or Options(ignore=["V10"]))
    return {name: [f for f in result.findings if Path(f.file).name == target] for name, target in names.items()}


# ------------------------------------------------------------------ 1. recognition (S03)
@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_is_recognised_by_shape_and_its_schema_accepts_it(version: str) -> None:
    doc = vs_document(version)
    assert get_validator("VS", version).errors(doc) == []
    ident = identify(doc, "VS_2025_Vlieland.json")
    assert (ident.domain, ident.version) == ("VS", version)
    s03 = ident.finding
    assert s03.severity == "info" and "verouderd" not in s03.message   # v0.9 is current, the rest newer
    if version != VS.current:
        assert f"nieuwer dan v{VS.current}" in s03.message


def test_the_record_lists_every_version_newest_first_and_one_current() -> None:
    assert VS.versions == ("1.2", "1.1", "1.0", "0.9")
    assert VS.current == "0.9"   # rules.md, Decisions: "the current version (SHV v1.0, VS v0.9)"


@pytest.mark.parametrize(("doc", "expected"), [
    ({"leveringen": [{"aanleverendeOrganisatie": {}}]}, "1.2"),
    ({"leveringen": [{"aanleverende_organisatie": {"contactpersonen": []}}]}, "1.2"),
    ({"leveringen": [{"vroegsignaalzaken": [{"datumOpgepakt": "2025-01-01"}]}]}, "1.2"),
    ({"leveringen": [{"vroegsignalen": [{"client": {"postcode": "8899ZX"}}]}]}, "1.1"),
    # the v0.9/v1.0 client without a telling value fits both: nothing tells, the current version (v0.9) decides
    ({"leveringen": [{"vroegsignalen": [{"client": {"Postcode": "8899ZX"}}]}]}, None),
    ({"leveringen": [{"vroegsignaalzaken": [{"resultaat": "Verwijzing zonder contact"}]}]}, "0.9"),
    ({"leveringen": [{"vroegsignaalzaken": [{"contactpogingen": [{"soort": "Afspraak op locatie"}]}]}]}, "1.0"),
    # a file mixing values of both: the newer version, whose lists S01 then names
    ({"leveringen": [{"vroegsignaalzaken": [{"resultaat": "Verwijzing zonder contact"},
                                            {"resultaat": "Verwijzing zonder toestemming"}]}]}, "1.0"),
    ({"leveringen": []}, None),
    ({"leveringen": [{"aanleverende_organisatie": {}}]}, None),   # snake_case only: v0.9 to v1.1 alike
    ([], None),
], ids=["organisatie-1.2", "contactpersonen-1.2", "zaak-1.2", "client-1.1", "client-oud", "waarde-0.9",
        "waarde-1.0", "gemengd", "leeg", "alleen-snake", "geen-object"])
def test_version_signs(doc: object, expected: str | None) -> None:
    found = version_signs(doc)
    assert (found[0] if found else None) == expected


@pytest.mark.requires_shared("reference/ddas-vs")
@pytest.mark.parametrize(("folder", "kind", "version"), shared_params("reference/ddas-vs", _published, width=3))
def test_published_example_is_recognised_as_its_own_version(folder: str, kind: str, version: str) -> None:
    document = json.loads(published(folder, kind).read_text(encoding="utf-8"))
    ident = identify(document, f"VS_2025_{kind}.json")
    # v1.0 enkelvoudig and meervoudig hold no field or value only v1.0 has: the current version (v0.9) decides
    expected = "0.9" if (version, kind) in (("1.0", "enkelvoudig"), ("1.0", "meervoudig")) else version
    assert (ident.domain, ident.version) == ("VS", expected), ident.finding.message
    assert ident.finding.severity == "info"


def test_an_explicit_version_is_used_as_given(tmp_path: Path) -> None:
    """--schema-version 1.2 on a v1.0 file: checked as v1.2, so every snake_case name is S01 with its v1.2 name."""
    result = check_paths([write(vs_document("1.0"), tmp_path)], Options(schema_version="1.2", ignore=["V10"]))
    assert result.files[0].schema_version == "1.2"
    hints = {f.context.get("veld"): f.context.get("bedoeld") for f in result.findings if f.rule == "S01"}
    assert hints["aanleverende_organisatie"] == "aanleverendeOrganisatie"
    assert hints["startdatum_matchtingperiode"] == "startdatumMatchingperiode"
    assert hints["Burgerservicenummer"] == "burgerservicenummer"


# ------------------------------------------------------------------ 2. one clean delivery in every version
def test_the_same_delivery_is_clean_in_every_version_and_reads_the_same(tmp_path: Path) -> None:
    result = check_paths([write(vs_document(v), tmp_path, f"V{v.replace('.', '')}") for v in VERSIONS],
                         Options(ignore=["V10"]))
    by_file = {Path(r.file).name: r.schema_version for r in result.files}
    assert by_file == {f"VS_2025_V{v.replace('.', '')}.json": v for v in VERSIONS}
    # only the v0.9 file's S03 warning: v0.9 is older than the current version
    bad = [(Path(f.file).name, f.rule, f.path, f.message) for f in result.findings
           if f.severity != "info" and (f.rule, Path(f.file).name) != ("S03", "VS_2025_V09.json")]
    assert bad == []
    # every version fills the same columns with the same values
    zaken = result.frames["vroegsignaalzaken"]
    for column in ("start_matching", "eind_matching", "datum_opgepakt", "matchingsdatum", "resultaat"):
        per_file = zaken.groupby("file")[column].apply(lambda s: tuple(s.astype(str)))
        assert per_file.nunique() == 1, (column, per_file.to_dict())
    signalen = result.frames["vroegsignalen"]
    for column in ("bsn_present", "bsn_valid", "bsn_masked", "v09_herkenbaar"):
        per_file = signalen.groupby("file")[column].apply(lambda s: tuple(s.astype(str)))
        assert per_file.nunique() == 1, (column, per_file.to_dict())
    assert set(signalen["v09_herkenbaar"].astype(str)) == {"True"}
    assert {f.counts["vroegsignalen"] for f in result.files} == {3}
    assert {f.counts["clienten"] for f in result.files} == {3}


# ------------------------------------------------------------------ 3. V09 per version
def _set_client(i: int, client: dict):
    def patch(doc: dict) -> None:
        signal(doc, i)["client"] = client
    return patch


# (name, versions, patch, expected rules at $.leveringen[0].vroegsignalen[0] (V09) / its client (S01))
V09_CASES = [
    # up to v1.0: a valid BSN, or Postcode + Huisnummer
    ("oud: geen BSN en geen adres", ("0.9", "1.0"), _set_client(0, {"Voorletters": "B."}), {"V09"}),
    ("oud: ongeldig BSN zonder adres", ("0.9", "1.0"), _set_client(0, _client_old(BSN_INVALID, adres=False)),
     {"V09"}),
    ("oud: ongeldig BSN met adres", ("0.9", "1.0"), _set_client(0, _client_old(BSN_INVALID)), set()),
    ("oud: geldig BSN zonder adres", ("0.9", "1.0"), _set_client(0, _client_old(BSN_A, adres=False)), set()),
    ("oud: alleen postcode", ("0.9", "1.0"), _set_client(0, {"Postcode": "8899ZX"}), {"V09"}),
    # from v1.1 the schema's oneOf decides the shape (S01); V09 only judges a client of the right shape
    ("nieuw: alleen een geldig BSN", ("1.1", "1.2"), _set_client(0, {"burgerservicenummer": BSN_A}), set()),
    ("nieuw: alleen een adres", ("1.1", "1.2"), _set_client(0, {"postcode": "8899ZX", "huisnummer": "12"}), set()),
    ("nieuw: alleen een BSN dat de elfproef niet haalt", ("1.1", "1.2"),
     _set_client(0, {"burgerservicenummer": BSN_INVALID}), {"V09"}),
    ("nieuw: lege postcode", ("1.1", "1.2"), _set_client(0, {"postcode": " ", "huisnummer": "12"}), {"V09"}),
    ("nieuw: BSN met adres is de vorm van S01", ("1.1", "1.2"),
     _set_client(0, {"burgerservicenummer": BSN_A, "postcode": "8899ZX", "huisnummer": "12"}), {"S01"}),
    ("nieuw: ongeldig BSN met adres is alleen S01", ("1.1", "1.2"),
     _set_client(0, {"burgerservicenummer": BSN_INVALID, "postcode": "8899ZX", "huisnummer": "12"}), {"S01"}),
    ("nieuw: lege cliënt is alleen S01", ("1.1", "1.2"), _set_client(0, {}), {"S01"}),
    ("nieuw: BSN van 8 cijfers is alleen S01", ("1.1", "1.2"), _set_client(0, {"burgerservicenummer": "99999001"}),
     {"S01"}),
    ("nieuw: alleen postcode is alleen S01", ("1.1", "1.2"), _set_client(0, {"postcode": "8899ZX"}), {"S01"}),
    ("nieuw: oude veldnaam is alleen S01", ("1.1", "1.2"), _set_client(0, {"Burgerservicenummer": BSN_A}),
     {"S01"}),
]


@pytest.fixture(scope="module")
def v09_batch(tmp_path_factory) -> dict[str, list]:
    folder = tmp_path_factory.mktemp("v09")
    documents = {}
    for index, (_, versions, patch, _) in enumerate(V09_CASES):
        for version in versions:
            doc = vs_document(version)
            patch(doc)
            documents[f"C{index:02d}_{version.replace('.', '')}"] = doc
    # identify by shape would see an old-style client in a v1.1 document: say which version it is
    found = {}
    for version in VERSIONS:
        subset = {name: doc for name, doc in documents.items() if name.endswith(version.replace(".", ""))}
        if subset:
            sub = folder / version
            sub.mkdir()
            found.update(run_each(subset, sub, Options(schema_version=version, ignore=["V10"])))
    return found


@pytest.mark.parametrize(("index", "version"), [(i, v) for i, case in enumerate(V09_CASES) for v in case[1]],
                         ids=[f"{case[0]}-v{v}" for case in V09_CASES for v in case[1]])
def test_v09_per_version(index: int, version: str, v09_batch) -> None:
    _, _, _, expected = V09_CASES[index]
    findings = v09_batch[f"C{index:02d}_{version.replace('.', '')}"]
    on_client = {f.rule for f in findings if f.rule in {"V09", "S01"}
                 and f.path in (f"{S}[0]", f"{S}[0].client", f"{S}[0].client.burgerservicenummer")}
    assert on_client == expected, [(f.rule, f.path, f.message) for f in findings if f.severity != "info"]
    others = [(f.rule, f.path) for f in findings if f.severity != "info" and f.rule not in {"V09", "S01"}]
    assert others == []
    for finding in findings:
        if finding.rule == "V09" and version in ("1.1", "1.2"):
            # the fix fits the version: a BSN alone, or an address without BSN
            assert "óf alleen een BSN" in finding.message
            assert "en geen postcode" not in finding.message or "er is geen BSN" in finding.message
        if finding.rule == "V09" and version in ("0.9", "1.0"):
            assert "ten minste het adres" in finding.message
        if finding.rule == "S01" and finding.context.get("fout", "").startswith("oneOf"):
            # the oneOf: the two shapes the model allows, never the data
            assert "precies één van deze mogelijkheden" in finding.message
            assert "alleen een burgerservicenummer" in finding.message and "postcode en huisnummer" in finding.message
            assert BSN_A not in finding.message and BSN_INVALID not in finding.message


# ------------------------------------------------------------------ 4. V07 and V06 with each version's names
def test_v07_opgepakt_in_a_zaak_with_a_resultaat_is_no_contradiction(tmp_path: Path) -> None:
    """v1.2 has status 'Opgepakt': fine in a zaak with a resultaat; 'Nog niet opgepakt' there stays V07."""
    opgepakt, nog_niet = vs_document("1.2"), vs_document("1.2")
    signal(opgepakt, 0)["status"] = "Opgepakt"
    signal(opgepakt, 1)["status"] = "Inwoner al bekend bij schuldhulpverlening"
    signal(nog_niet, 0)["status"] = "Nog niet opgepakt"
    found = run_each({"Opgepakt": opgepakt, "NogNiet": nog_niet}, tmp_path)
    assert [f for f in found["Opgepakt"] if f.severity != "info"] == []
    assert [(f.rule, f.path) for f in found["NogNiet"] if f.severity != "info"] == [("V07", f"{S}[0]")]


@pytest.mark.parametrize("version", VERSIONS)
def test_v06_names_the_fields_of_the_version(version: str, tmp_path: Path) -> None:
    doc = vs_document(version)
    start, end = ("startdatumMatchingperiode", "einddatumMatchingperiode") if version == "1.2" else \
        ("startdatum_matchtingperiode", "einddatum_matchingperiode")
    zaak(doc, 0)[end] = "2024-12-01"
    [finding] = [f for f in run_each({"V06": doc}, tmp_path)["V06"] if f.rule == "V06"]
    assert finding.path == f"{Z}[0]" and start in finding.message and end in finding.message


# ------------------------------------------------------------------ 5. a misspelt key is named
def test_misspelt_key_names_the_intended_one_without_the_value(tmp_path: Path) -> None:
    doc = vs_document("1.2")
    zaak(doc, 0)["startdatumMatchtingperiode"] = zaak(doc, 0).pop("startdatumMatchingperiode")
    signal(doc, 0)["client"] = {"burgerservicenummer": BSN_A, "Burgerservicenumer": BSN_B}
    findings = run_each({"Spelling": doc}, tmp_path)["Spelling"]
    [zaak_finding] = [f for f in findings if f.rule == "S01" and f.path == f"{Z}[0]"]
    assert "'startdatumMatchtingperiode'" in zaak_finding.message
    assert "Bedoelt u 'startdatumMatchingperiode'?" in zaak_finding.message
    assert zaak_finding.context["bedoeld"] == "startdatumMatchingperiode"
    assert "2025-01-01" not in zaak_finding.message       # the value is never echoed
    [client_finding] = [f for f in findings if f.rule == "S01" and f.context.get("veld") == "Burgerservicenumer"]
    assert "Bedoelt u 'burgerservicenummer'?" in client_finding.message
    assert BSN_A not in client_finding.message and BSN_B not in client_finding.message


@pytest.mark.requires_shared("reference/ddas-vs")
def test_the_published_v12_examples_get_the_intended_key() -> None:
    for kind in ("enkelvoudig", "uitgebreid"):
        document = json.loads(published("v1.2/examples-from-v1.2-draft", kind).read_text(encoding="utf-8"))
        findings = validate_document(document, get_validator("VS", "1.2"), f"VS_2025_{kind}.json")
        unknown = [f for f in findings if f.context.get("veld") == "startdatumMatchtingperiode"]
        assert unknown and all(f.context.get("bedoeld") == "startdatumMatchingperiode" for f in unknown)


def _closed_objects(schema: dict) -> int:
    count = 0

    def walk(node: object) -> None:
        nonlocal count
        if isinstance(node, dict):
            count += node.get("additionalProperties") is False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return count


def _misspelt(key: str) -> str:
    """A typo: the middle letter doubled (`teller` -> `tellller`)."""
    middle = len(key) // 2
    return key[:middle] + key[middle] + key[middle:]


SCHEMA_NAMES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "schemas").glob("*.json"))


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_closed_object_of_every_schema_suggests_the_intended_key(name: str) -> None:
    """For every domain and version: each known key, misspelt, in every object that allows no unknown keys,
    gives an S01 that names the key it was meant to be (and never the value)."""
    from test_schemas import filled_document, nodes, replaced

    domain, version = name.split("-", 1)
    validator = get_validator(domain.upper(), version)
    document = filled_document(validator.schema)
    secret = "999990019"
    checked = 0
    for path, value in list(nodes(document)):
        if not isinstance(value, dict):
            continue
        for key in value:
            wrong = _misspelt(key)
            if wrong in value:
                continue
            mutated = replaced(document, path, {**value, wrong: secret})
            hits = [f for f in validate_document(mutated, validator, "x.json")
                    if f.rule == "S01" and f.context.get("veld") == wrong]
            for finding in hits:
                assert finding.context.get("bedoeld") == key, (name, path, key, finding.message)
                assert secret not in finding.message
            checked += bool(hits)
    assert _closed_objects(validator.schema) == 0 or checked, name
    if _closed_objects(validator.schema):
        assert checked >= 3, (name, checked)


@pytest.mark.parametrize(("unexpected", "allowed", "expected"), [
    ("startdatumMatchtingperiode", ["startdatumMatchingperiode", "datumOpgepakt"], "startdatumMatchingperiode"),
    ("aanleverende_organisatie", ["teller", "aanleverendeOrganisatie"], "aanleverendeOrganisatie"),
    ("Burgerservicenummer", ["burgerservicenummer", "postcode"], "burgerservicenummer"),
    ("contactpersoonen", ["naam", "contactpersonen"], "contactpersonen"),
    ("onbekendVeld", ["teller", "gemeentecode", "vroegsignalen"], None),
])
def test_nearest_name(unexpected: str, allowed: list[str], expected: str | None) -> None:
    assert nearest_name(unexpected, allowed) == expected


def test_unevaluated_properties_also_get_the_intended_key() -> None:
    """Not used in our schemas today, but a schema that closes an object with unevaluatedProperties (names
    coming from an allOf) is helped the same way."""
    import jsonschema_rs

    from ddas_quality.validate import SchemaValidator

    schema = {"type": "object", "allOf": [{"properties": {"startdatumMatchingperiode": {"type": "string"}}}],
              "properties": {"datumOpgepakt": {"type": "string"}}, "unevaluatedProperties": False}
    validator = SchemaValidator("VS", "test", schema, jsonschema_rs.validator_for(schema))
    [finding] = validate_document({"startdatumMatchtingperiode": "2025-01-01"}, validator, "x.json")
    assert finding.context.get("bedoeld") == "startdatumMatchingperiode", finding.message


# ------------------------------------------------------------------ 6. figures with each version's lists
def test_each_version_has_its_own_lists() -> None:
    assert "Overige" in categories("0.9")["contactsoort"]
    assert "Afspraak op locatie" not in categories("0.9")["contactsoort"]
    assert "Afspraak op locatie" in categories("1.0")["contactsoort"]
    assert "Overige" not in categories("1.0")["contactsoort"]
    assert {"Overige", "Onbekend", "Afspraak op locatie"} <= set(categories("1.2")["contactsoort"])
    assert "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering" in categories("1.0")["eindresultaat"]
    assert "Inwoner hoeft geen hulp vanuit vroegsignalering" in categories("0.9")["eindresultaat"]
    assert "Verwijzing zonder toestemming" in categories("1.1")["eindresultaat"]
    assert "Verwijzing zonder toestemming" not in categories("1.2")["eindresultaat"]
    assert {"Vervolghulp en/of verwijzing", "Verwijzing zonder tussenkomst inwoner"} <= set(
        categories("1.2")["eindresultaat"])
    assert {"Opgepakt", "Inwoner al bekend bij schuldhulpverlening"} <= set(categories("1.2")["signaalstatus"])
    assert "Opgepakt" not in categories("1.1")["signaalstatus"]
    assert categories() == categories(VS.current)


@pytest.mark.requires_shared("reference/ddas-vs")
@pytest.mark.parametrize(("version", "folder"), [("0.9", "v0.9"), ("1.0", "v1.0"), ("1.1", "v1.1-draft"),
                                                 ("1.2", "v1.2")])
def test_our_lists_are_the_published_lists(version: str, folder: str) -> None:
    published_defs = json.loads(shared_path("reference", "ddas-vs", folder, "json_schema_Uitwisselmodel.json")
                                .read_text(encoding="utf-8"))["$defs"]
    names = {"signaalpartner": "EnumSignaalpartner", "signaalstatus": "EnumSignaalstatus",
             "eindresultaat": "EnumEindresultaat", "contactsoort": "EnumContactsoort"}
    for ours, theirs in names.items():
        assert set(categories(version)[ours]) == set(published_defs[theirs]["enum"]), (version, ours)


def test_figures_count_each_file_with_the_lists_of_its_version(tmp_path: Path) -> None:
    old, new = vs_document("0.9"), vs_document("1.2")
    signal(new, 0)["status"] = "Opgepakt"
    zaak(new, 1)["resultaat"] = "Verwijzing zonder tussenkomst inwoner"
    zaak(new, 1)["contactpogingen"][0]["soort"] = "Onbekend"
    mixed = vs_document("1.2")
    zaak(mixed, 1)["resultaat"] = "Verwijzing zonder toestemming"    # dropped in v1.2 (S01): "anders"
    paths = [write(old, tmp_path, "Oud"), write(new, tmp_path, "Nieuw"), write(mixed, tmp_path, "Gemengd")]
    result = check_paths(paths, Options(ignore=["V10"]))
    versions = {Path(r.file).name: r.schema_version for r in result.files}
    assert versions == {"VS_2025_Oud.json": "0.9", "VS_2025_Nieuw.json": "1.2", "VS_2025_Gemengd.json": "1.2"}

    alone = compute_vs(result.frames, {r.file for r in result.files if "Oud" in r.file})
    assert alone.per_contactsoort["Overige"] == 1 and "Onbekend" not in alone.per_contactsoort
    assert "Opgepakt" not in alone.per_status

    both = compute_vs(result.frames)
    assert both.per_status["Opgepakt"] == 1
    assert both.per_resultaat["Verwijzing zonder tussenkomst inwoner"] == 1
    assert both.per_resultaat[OTHER] == 1                  # the v1.2 file's dropped value
    assert both.per_resultaat[EMPTY] == 1                  # the v0.9 file's second zaak has no resultaat
    assert both.per_contactsoort["Onbekend"] == 1 and both.per_contactsoort["Overige"] == 1
    assert both.per_contactsoort["Afspraak op locatie"] == 1   # the v1.2 "Gemengd" file
    # every list shown once, the newest version's order first
    assert list(both.per_contactsoort)[:len(categories("1.2")["contactsoort"])] == list(
        categories("1.2")["contactsoort"])


# ------------------------------------------------------------------ 7. privacy: every example, every reporter
def _published_folders() -> list:
    root = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ddas-vs"
    return [pytest.param(folder, id=folder.split("/")[0]) for folder in (*PUBLISHED, "v0.1")
            if (root / folder).is_dir()]


@pytest.mark.requires_shared("reference/ddas-vs")
@pytest.mark.parametrize("folder", shared_params("reference/ddas-vs", _published_folders))
def test_published_examples_leak_nothing_in_any_reporter(folder: str, tmp_path: Path) -> None:
    sources = sorted(shared_path("reference", "ddas-vs", *folder.split("/")).glob("*Voorbeeld.json"))
    inputs, values = [], set()
    for source in sources:
        target = tmp_path / f"VS_2025_{source.stem}.json"
        target.write_bytes(source.read_bytes())
        inputs.append(target)
        values |= identifying_values(json.loads(source.read_text(encoding="utf-8")))
    assert values, "examples without identifiers prove nothing"
    output = all_output(inputs, tmp_path)
    assert "S03" in output                                # the examples were really checked
    assert sorted(v for v in values if v in output) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_synthetic_delivery_with_defects_leaks_nothing(version: str, tmp_path: Path) -> None:
    """Per version, with V09 and S01 findings inside clients (where a reporter might be tempted to quote)."""
    doc = vs_document(version)
    if version in ("1.1", "1.2"):
        signal(doc, 0)["client"] = {"burgerservicenummer": BSN_INVALID}                     # V09, masked
        signal(doc, 1)["client"]["postcode"] = 8899                                           # S01 type
        signal(doc, 2)["client"] = {"burgerservicenummer": BSN_B, "geboortedatum": "1990-02-14"}  # S01 oneOf
    else:
        signal(doc, 0)["client"] = _client_old(BSN_INVALID, adres=False)                      # V09, masked
        signal(doc, 1)["client"]["Postcode"] = 8899                                           # S01 type
        signal(doc, 2)["client"]["Geboortedatum"] = "1990-02-30"                              # S01 format
    values = identifying_values(doc) | {BSN_INVALID, "1990-02-14", "1990-02-30"}
    output = all_output([write(copy.deepcopy(doc), tmp_path)], tmp_path)
    assert "V09" in output and "S01" in output and "******001" in output
    assert sorted(v for v in values if v in output) == []


def test_lowercase_client_fields_are_never_quoted() -> None:
    """v1.1+ spell the client's fields in lowercase: `safe_value` hides them as it hides the old spelling,
    also outside a `client` object (a misplaced field)."""
    from ddas_quality.privacy import safe_value

    for key in ("burgerservicenummer", "geboortedatum", "postcode", "huisnummer", "huisnummertoevoeging",
                "Burgerservicenummer", "Geboortedatum", "Postcode", "Huisnummer"):
        assert safe_value(["leveringen", 0, key], "A12") is None, key


# ------------------------------------------------------------------ 8. the generator writes every version
def _generated(version: str, seed: int, defects: tuple[str, ...] = ()):
    from ddas_quality.domains.vs.generator import generate_vs_delivery

    return generate_vs_delivery(signalen=300, seed=seed, defects=defects, version=version)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_clean_generated_file_of_each_version_passes(version: str, tmp_path: Path) -> None:
    from ddas_quality.domains.common.synthetic import write_delivery

    delivery = _generated(version, seed=11)
    assert get_validator("VS", version).errors(delivery.document) == []
    path = tmp_path / "VS_2025_Gegenereerd.json"
    write_delivery(delivery.document, path)
    result = check_paths([path])
    assert result.files[0].schema_version == version      # recognised by shape as the version it was written in
    found = [(f.rule, f.severity, f.path, f.message) for f in result.findings if f.severity != "info"]
    assert found == []


def test_generated_versions_differ_only_where_the_model_does() -> None:
    documents = {version: _generated(version, seed=11).document for version in VERSIONS}
    lev = {version: doc["leveringen"][0] for version, doc in documents.items()}
    assert "aanleverende_organisatie" in lev["1.1"] and "aanleverendeOrganisatie" in lev["1.2"]
    assert all(set(s["client"]) == {"burgerservicenummer"} or "burgerservicenummer" not in s["client"]
               for version in ("1.1", "1.2") for s in lev[version]["vroegsignalen"])
    assert any("Burgerservicenummer" in s["client"] and "Postcode" in s["client"] for s in lev["1.0"]["vroegsignalen"])
    soorten = {version: {p["soort"] for z in lev[version]["vroegsignaalzaken"] for p in z.get("contactpogingen", [])}
               for version in VERSIONS}
    assert "Overige" in soorten["0.9"] and "Overige" not in soorten["1.0"] and "Afspraak op locatie" in soorten["1.0"]
    assert "Opgepakt" in {s.get("status") for s in lev["1.2"]["vroegsignalen"]}
    # the same signals, IDs, dates and amounts in every version
    for version in VERSIONS:
        assert [(s["ID"], s["signaaldatum"], s["bedrag"]) for s in lev[version]["vroegsignalen"]] == \
            [(s["ID"], s["signaaldatum"], s["bedrag"]) for s in lev["0.9"]["vroegsignalen"]]


@pytest.mark.parametrize("version", VERSIONS)
def test_generated_defects_give_exactly_their_findings_in_each_version(version: str, tmp_path: Path) -> None:
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.vs.generator import SUPPORTED_VS_DEFECTS

    codes = tuple(code for code in SUPPORTED_VS_DEFECTS if code != "V01")    # V01 and V10 do not go together
    delivery = _generated(version, seed=12, defects=codes)
    path = tmp_path / "VS_2025_Fouten.json"
    write_delivery(delivery.document, path)
    found = sorted((f.rule, f.path) for f in check_paths([path]).findings if f.rule != "S03")
    assert found == sorted((d.rule, d.path) for d in delivery.defects)
    assert {d.rule for d in delivery.defects} == set(codes)


def test_the_command_writes_the_asked_version(tmp_path: Path) -> None:
    output = tmp_path / "VS_2025_Proef.json"
    result = runner.invoke(app, ["generate", "--domain", "vs", "--signalen", "80", "--periode", "2025",
                                 "--schema-version", "1.2", "--defect", "V09", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "VS v1.2" in result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    assert "aanleverendeOrganisatie" in document["leveringen"][0]
    checked = check_paths([output])
    assert checked.files[0].schema_version == "1.2"
    assert [f.rule for f in checked.findings if f.severity != "info"] == ["V09"]

    default = runner.invoke(app, ["generate", "--domain", "vs", "--signalen", "80", "--periode", "2025",
                                  "--output", str(tmp_path / "VS_2025_Standaard.json")])
    assert default.exit_code == 0 and f"VS v{VS.current}" in default.output     # default: the current version


@pytest.mark.parametrize(("domain", "version"), [("vs", "2.0"), ("shv", "0.9")])
def test_the_command_refuses_a_version_it_cannot_write(domain: str, version: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--domain", domain, "--schema-version", version,
                                 "--output", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert version in result.output and "Wel:" in result.output


# ------------------------------------------------------------------ 9. the client's oneOf, ours against the published
CLIENT_VARIANTS = {
    "alleen BSN": {"burgerservicenummer": BSN_A},
    "BSN van 8 tekens": {"burgerservicenummer": "99999001"},
    "BSN van 10 tekens": {"burgerservicenummer": "9999900190"},
    "BSN als getal": {"burgerservicenummer": 999990019},
    "BSN met postcode": {"burgerservicenummer": BSN_A, "postcode": "8899ZX"},
    "BSN met geboortedatum": {"burgerservicenummer": BSN_A, "geboortedatum": "1980-05-01"},
    "BSN, postcode en huisnummer": {"burgerservicenummer": BSN_A, "postcode": "8899ZX", "huisnummer": "12"},
    "adres": {"postcode": "8899ZX", "huisnummer": "12"},
    "adres volledig": {"geslachtsaanduiding": "Leeg", "geboortedatum": "1980-05-01", "postcode": "8899ZX",
                       "huisnummer": "12", "huisnummertoevoeging": "a"},
    "alleen postcode": {"postcode": "8899ZX"},
    "alleen huisnummer": {"huisnummer": "12"},
    "leeg": {},
    "huisnummer als getal": {"postcode": "8899ZX", "huisnummer": 12},
    "geslacht buiten de lijst": {"geslachtsaanduiding": "X", "postcode": "8899ZX", "huisnummer": "12"},
    "oude veldnamen": {"Postcode": "8899ZX", "Huisnummer": "12"},
    "onbekend veld naast BSN": {"burgerservicenummer": BSN_A, "naam": "Testpersoon"},
}


@pytest.mark.requires_shared("reference/ddas-vs")
@pytest.mark.parametrize("version", ["1.1", "1.2"])
@pytest.mark.parametrize("variant", CLIENT_VARIANTS)
def test_client_shapes_get_the_published_verdict(version: str, variant: str) -> None:
    from test_schemas import python_outcome, rust_outcome

    doc = vs_document(version)
    signal(doc, 0)["client"] = copy.deepcopy(CLIENT_VARIANTS[variant])
    name = f"vs-{version}"
    ours = rust_outcome("ours", name, doc)
    assert ours == rust_outcome("reference", name, doc)
    assert ours == python_outcome("ours", name, doc) == python_outcome("reference", name, doc)
