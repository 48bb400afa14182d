"""Vroegsignalering (VS v0.9): V01-V10 and L01-L04 for VS, as small patches on one valid base delivery.

All cases except V10 are written as separate files and checked in one run (the rules are per file, V10 is
ignored there because it counts over all files of a run); V10 cases run one by one.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BSN_A, BSN_B, BSN_INVALID, REFERENCE, Case, base_delivery, nothing

from ddas_quality.run import Options, check_paths

L0 = "$.leveringen[0]"
S = f"{L0}.vroegsignalen"
Z = f"{L0}.vroegsignaalzaken"
ADRES = {"Postcode": "8899ZX", "Huisnummer": "12"}


def _client(bsn: str | None, **extra) -> dict:
    client = {"Voorletters": "A.", "Achternaam": "Testpersoon", "Geboortedatum": "1980-05-01", **ADRES, **extra}
    if bsn:
        client["Burgerservicenummer"] = bsn
    return client


def vs_base() -> dict:
    """Vlieland (1,255 inwoners: V10 does not apply), first quarter of 2025, three signals in two zaken.

    True negatives: a signal dated before the period that belongs to a zaak overlapping it (V05); a
    contactpoging before one signal of its zaak but after the earliest (V06 uses the earliest); a signal
    "Nog niet opgepakt" in a zaak without resultaat (V07); a client without BSN but with an address (V09).
    """
    return {
        "startdatumLevering": "2025-01-01",
        "einddatumLevering": "2025-03-31",
        "aanleverdatumEnTijd": "2025-04-10T09:00:00Z",
        "codeGegevensleverancier": "SignaalSoft 2.1",
        "leveringen": [{
            "teller": 1,
            "gemeentecode": "0096",
            "aanleverende_organisatie": {
                "naam": "Gemeente Vlieland", "kvk-nummer": "12345678",
                "contactpersoonen": [{"naam": "Ria Testpersoon", "email": "co.ordinator@vlieland.example",
                                      "telefoonnummer": "0612300000"}],
            },
            "vroegsignalen": [
                {"ID": "VS-0001", "bedrag": 450, "ontstaansdatum": "2024-12-20", "signaaldatum": "2025-01-10",
                 "signaalpartner": {"type": "Energie"}, "client": _client(BSN_A)},
                {"ID": "VS-0002", "bedrag": 1200, "ontstaansdatum": "2025-01-15", "signaaldatum": "2025-02-01",
                 "status": "Nog niet opgepakt", "signaalpartner": {"type": "Huur"}, "client": _client(None)},
                {"ID": "VS-0003", "bedrag": 80, "ontstaansdatum": "2024-12-01", "signaaldatum": "2024-12-20",
                 "signaalpartner": {"type": "Water"}, "client": _client(BSN_B)},
            ],
            "vroegsignaalzaken": [
                {"resultaat": "(Budget)advies en/of quick fix", "startdatum_matchtingperiode": "2024-12-15",
                 "matchingsdatum": "2025-01-12", "datum_opgepakt": "2025-01-13",
                 "einddatum_matchingperiode": "2025-02-28",
                 "vroegsignalen": [{"ID": "VS-0001"}, {"ID": "VS-0003"}],
                 "contactpogingen": [
                     {"soort": "Telefoon", "bereikt": False, "datum": "2024-12-22", "dagdeel": "Ochtend"},
                     {"soort": "Huisbezoek", "bereikt": True, "datum": "2025-01-13", "dagdeel": "Middag"}]},
                {"startdatum_matchtingperiode": "2025-02-01", "matchingsdatum": "2025-02-05",
                 "vroegsignalen": [{"ID": "VS-0002"}],
                 "contactpogingen": [{"soort": "Brief", "bereikt": False, "datum": "2025-02-06"}]},
            ],
        }],
    }


def write_vs(document: dict, folder: Path, name: str = "Vlieland") -> Path:
    """Write a document as VS_2025_<name>.json (like conftest's write_delivery, for VS)."""
    path = folder / f"VS_2025_{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def lev(doc: dict) -> dict:
    return doc["leveringen"][0]


def sig(doc: dict, i: int) -> dict:
    return lev(doc)["vroegsignalen"][i]


def zaak(doc: dict, i: int) -> dict:
    return lev(doc)["vroegsignaalzaken"][i]


def _top(**fields) -> Callable[[dict], None]:
    return lambda doc: doc.update(fields)


def _lev(**fields) -> Callable[[dict], None]:
    return lambda doc: lev(doc).update(fields)


def _sig(i: int, **fields) -> Callable[[dict], None]:
    return lambda doc: sig(doc, i).update(fields)


def _zaak(i: int, **fields) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, i).update(fields)


def _poging(z: int, p: int, **fields) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, z)["contactpogingen"][p].update(fields)


def _client_of(i: int, bsn: str | None, adres: bool) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        client = {"Voorletters": "B."}
        if bsn:
            client["Burgerservicenummer"] = bsn
        if adres:
            client.update(ADRES)
        sig(doc, i)["client"] = client
    return patch


def _drop_lev(key: str) -> Callable[[dict], None]:
    return lambda doc: lev(doc).pop(key)


def _extra_signal(**fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        signal = copy.deepcopy(sig(doc, 0))
        signal.update(fields)
        lev(doc)["vroegsignalen"].append(signal)
    return patch


def _second_levering(teller_a: int, teller_b: int) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        doc["leveringen"].append(copy.deepcopy(lev(doc)))
        doc["leveringen"][0]["teller"], doc["leveringen"][1]["teller"] = teller_a, teller_b
    return patch


def _also_in(z: int, signal_id: str) -> Callable[[dict], None]:
    return lambda doc: zaak(doc, z)["vroegsignalen"].append({"ID": signal_id})


CASES = [
    # V01 — one gemeente per levering, code valid in the period
    Case("V01", "gemeentecode ontbreekt", _drop_lev("gemeentecode"), L0, "error"),
    Case("V01", "Onbekend is geen gemeente", _lev(gemeentecode="Onbekend"), L0, "error"),
    Case("V01", "code bestaat niet", _lev(gemeentecode="0001"), L0, "error"),
    Case("V01", "opgeheven gemeente (Appingedam, tot 2021)", _lev(gemeentecode="0003"), L0, "error"),
    Case("V01", "GM-voorvoegsel is goed", _lev(gemeentecode="GM0096"), None),
    Case("V01", "basis", nothing, None),
    # V02 — signal ID unique within the levering
    Case("V02", "dubbel ID", _sig(2, ID="VS-0001"), f"{S}[2]", "error"),
    Case("V02", "zelfde ID in een andere levering is goed", _second_levering(1, 2), None),
    # V03 — references exist (error); a signal in two zaken (warning)
    Case("V03", "verwijzing naar onbekend signaal", _zaak(1, vroegsignalen=[{"ID": "VS-9999"}]),
         f"{Z}[1].vroegsignalen[0]", "error"),
    Case("V03", "signaal in twee zaken", _also_in(1, "VS-0001"), f"{Z}[1].vroegsignalen[1]", "warning"),
    Case("V03", "basis", nothing, None),
    # V04 — ontstaansdatum <= signaaldatum <= aanleverdatum
    Case("V04", "ontstaan na signaal", _sig(0, ontstaansdatum="2025-01-20"), f"{S}[0]", "error"),
    Case("V04", "signaal na aanlevering", _sig(1, signaaldatum="2025-04-11"), f"{S}[1]", "error"),
    Case("V04", "ontstaan na aanlevering zonder signaaldatum",
         lambda d: (sig(d, 1).pop("signaaldatum"), sig(d, 1).update(ontstaansdatum="2025-05-01")), f"{S}[1]",
         "error"),
    Case("V04", "signaal op de dag van aanlevering", _sig(1, signaaldatum="2025-04-10"), None),
    # V05 — signaaldatum in the period, or the signal's zaak overlaps it
    Case("V05", "los signaal van voor de periode", _extra_signal(ID="VS-0004", ontstaansdatum="2024-10-01",
                                                                 signaaldatum="2024-11-01"), f"{S}[3]", "error"),
    Case("V05", "zaak helemaal voor de periode",
         _zaak(1, startdatum_matchtingperiode="2024-10-01", matchingsdatum="2024-10-05",
               einddatum_matchingperiode="2024-11-30"), f"{Z}[1]", "error"),
    Case("V05", "signaal voor de periode in een lopende zaak", nothing, None),
    Case("V05", "zaak zonder einddatum loopt nog", _zaak(0, einddatum_matchingperiode=None), None),
    # V06 — zaak dates; contactpogingen between the signal date and the aanleverdatum
    Case("V06", "matchingsperiode achteruit", _zaak(0, einddatum_matchingperiode="2024-12-01"), f"{Z}[0]", "error"),
    Case("V06", "matchingsdatum voor start matchingsperiode", _zaak(0, matchingsdatum="2024-12-10"), f"{Z}[0]",
         "error"),
    Case("V06", "opgepakt voor matchingsdatum", _zaak(0, datum_opgepakt="2025-01-11"), f"{Z}[0]", "error"),
    Case("V06", "contactpoging voor de signaaldatum", _poging(1, 0, datum="2025-01-31"),
         f"{Z}[1].contactpogingen[0]", "error"),
    Case("V06", "contactpoging na aanlevering", _poging(1, 0, datum="2025-04-11"), f"{Z}[1].contactpogingen[0]",
         "error"),
    Case("V06", "contactpoging na de vroegste signaaldatum van de zaak", nothing, None),
    # V07 — contradictions (warning)
    Case("V07", "bereikt bij definitief geen contact", _zaak(0, resultaat="Definitief geen contact kunnen krijgen"),
         f"{Z}[0].contactpogingen[1]", "warning"),
    Case("V07", "niet opgepakt met contactpogingen", _zaak(0, resultaat="Niet opgepakt: andere reden"), f"{Z}[0]",
         "warning"),
    Case("V07", "nog niet opgepakt in zaak met resultaat", _zaak(1, resultaat="Verwijzing zonder contact"),
         f"{S}[1]", "warning"),
    Case("V07", "niet opgepakt zonder contactpogingen is goed",
         lambda d: (_zaak(1, resultaat="Niet opgepakt: herhaalde melding", contactpogingen=[])(d),
                    _sig(1, status="Niet opgepakt: herhaalde melding")(d)), None),
    Case("V07", "basis", nothing, None),
    # V08 — 0 <= bedrag < 100,000
    Case("V08", "negatief bedrag", _sig(0, bedrag=-5), f"{S}[0]", "warning"),
    Case("V08", "100.000 of meer", _sig(1, bedrag=100000), f"{S}[1]", "warning"),
    Case("V08", "net onder de grens", _sig(1, bedrag=99999), None),
    Case("V08", "nul is goed", _sig(1, bedrag=0), None),
    # V09 — valid BSN or Postcode + Huisnummer
    Case("V09", "geen BSN en geen adres", _client_of(0, None, adres=False), f"{S}[0]", "error"),
    Case("V09", "ongeldig BSN zonder adres", _client_of(0, BSN_INVALID, adres=False), f"{S}[0]", "error"),
    Case("V09", "alleen postcode, geen huisnummer",
         lambda d: sig(d, 0).update(client={"Postcode": "8899ZX"}), f"{S}[0]", "error"),
    Case("V09", "ongeldig BSN met adres", _client_of(0, BSN_INVALID, adres=True), None),
    Case("V09", "geldig BSN zonder adres", _client_of(0, BSN_A, adres=False), None),
    # L01-L04 for VS
    Case("L01", "start na einde", _top(startdatumLevering="2025-04-01"), "$", "error"),
    Case("L01", "basis", nothing, None),
    Case("L01", "ook zonder leveringen", lambda d: (d.pop("leveringen"), d.update(startdatumLevering="2025-04-01")),
         "$", "error"),
    Case("F06", "VS_2025_… met een peilperiode in 2024",
         _top(startdatumLevering="2024-10-01", einddatumLevering="2024-12-31"), "$", "warning"),
    Case("F06", "jaar in de naam klopt", nothing, None),
    Case("L02", "geen hele maanden", _top(startdatumLevering="2025-01-15"), "$", "warning"),
    Case("L02", "één maand is goed", _top(startdatumLevering="2025-02-01", einddatumLevering="2025-02-28"), None),
    Case("L02", "kwartaal is goed", nothing, None),
    Case("L03", "aangeleverd voor de periode", _top(aanleverdatumEnTijd="2024-12-20T09:00:00Z"), "$", "error"),
    Case("L03", "aangeleverd tijdens de periode", _top(aanleverdatumEnTijd="2025-03-20T09:00:00Z"), "$",
         "warning"),
    Case("L03", "basis", nothing, None),
    Case("L04", "dubbele teller", _second_levering(1, 1), "$.leveringen[1]", "error"),
    Case("L04", "teller 2 alleen", _lev(teller=2), L0, "warning"),
    Case("L04", "1 en 2", _second_levering(1, 2), None),
]


def _case_id(case: Case) -> str:
    return f"{case.rule}-{case.name}"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, list]:
    """All cases checked in one run; findings per case file (V10 ignored: it counts over the whole run)."""
    folder = tmp_path_factory.mktemp("vs_cases")
    names = {}
    for i, case in enumerate(CASES):
        doc = vs_base()
        case.patch(doc)
        names[_case_id(case)] = write_vs(doc, folder, f"Case{i:02d}").name
    result = check_paths([folder], Options(ignore=["V10"]))
    by_file: dict[str, list] = {}
    for finding in result.findings:
        by_file.setdefault(Path(finding.file).name, []).append(finding)
    return {case_id: by_file.get(name, []) for case_id, name in names.items()}


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_rule_case(case: Case, batch) -> None:
    hits = [f for f in batch[_case_id(case)] if f.rule == case.rule]
    if case.path is None:
        assert not hits, [(f.path, f.severity, f.message) for f in hits]
    else:
        assert any(f.path == case.path and f.severity == case.severity for f in hits), \
            [(f.path, f.severity, f.message) for f in hits]


def test_base_delivery_is_clean(batch) -> None:
    """The base delivery passes everything (S03 only says how it was checked)."""
    findings = batch[_case_id(next(c for c in CASES if c.rule == "V01" and c.name == "basis"))]
    assert [(f.rule, f.severity) for f in findings] == [("S03", "info")], [(f.rule, f.message) for f in findings]


# ------------------------------------------------------------------- V10 (run by run)
def _signals(count: int, gemeentecode: str) -> dict:
    doc = vs_base()
    lev(doc)["gemeentecode"] = gemeentecode
    template = sig(doc, 0)
    lev(doc)["vroegsignalen"] = [{**copy.deepcopy(template), "ID": f"VS-{i:04d}"} for i in range(count)]
    lev(doc)["vroegsignaalzaken"] = []
    return doc


@pytest.mark.parametrize(("count", "gemeentecode", "severity"), [
    (3, "0363", "error"),      # Amsterdam: ~13,800 expected in a quarter
    (30, "0244", "warning"),   # Hattem (12,624 inwoners): ~187 expected in a quarter, 30 is 16%
    (60, "0244", "warning"),   # 32%: still below the 33% line
    (70, "0244", None),        # 37%
    (100, "0096", "warning"),  # Vlieland (1,255): ~19 expected, 100 is more than 5x
    (3, "0096", None),         # small gemeente, few signals: no verdict either way
], ids=["fout-onder-10pct", "waarschuwing-16pct", "waarschuwing-32pct", "goed-37pct", "meer-dan-5x", "klein"])
def test_v10(count: int, gemeentecode: str, severity: str | None, tmp_path) -> None:
    result = check_paths([write_vs(_signals(count, gemeentecode), tmp_path)], Options(select=["V10"]))
    hits = [(f.path, f.severity) for f in result.findings if f.rule == "V10"]
    assert hits == ([("$", severity)] if severity else [])


def test_v10_counts_over_files_and_per_gemeente(tmp_path) -> None:
    """Two organisations for Hattem are counted together (2 x 40 = 80 of ~187: no finding), and two
    gemeenten in one file get a finding each."""
    write_vs(_signals(40, "0244"), tmp_path, "Hattem_A")
    write_vs(_signals(40, "0244"), tmp_path, "Hattem_B")
    result = check_paths([tmp_path], Options(select=["V10"]))
    assert [f for f in result.findings if f.rule == "V10"] == []

    alone = check_paths([tmp_path / "VS_2025_Hattem_A.json"], Options(select=["V10"]))
    [finding] = [f for f in alone.findings if f.rule == "V10"]
    assert finding.severity == "warning" and "Alleen dit bestand is meegeteld" in finding.message

    doc = _signals(3, "0363")
    second = copy.deepcopy(lev(doc))
    second.update(teller=2, gemeentecode="0307")
    doc["leveringen"].append(second)
    both = check_paths([write_vs(doc, tmp_path, "Twee")], Options(select=["V10"]))
    assert sorted((f.context["gemeentecode"], f.path) for f in both.findings if f.rule == "V10") == [
        ("0307", "$.leveringen[1]"), ("0363", "$.leveringen[0]")]


# ------------------------------------------------------------------- reference examples, mixed runs, privacy
EXPLAINED = {
    # Both published examples put a signal with status "Nog niet opgepakt" in a zaak that has a resultaat.
    ("V07", "warning"),
    # One or two signals for 's-Gravenhage / Amersfoort in a month is far below 60 per 1,000 inhabitants a year.
    ("V10", "error"),
    ("S03", "info"),
}


@pytest.mark.parametrize("name", ["enkelvoudigVoorbeeld.json", "meervoudigVoorbeeld.json"])
def test_reference_examples_only_explained_findings(name: str, tmp_path) -> None:
    source = REFERENCE / "ddas-vs" / "v0.9" / name
    if not source.is_file():
        pytest.skip(f"reference example {source} not present")
    target = tmp_path / f"VS_2025_{Path(name).stem}.json"
    target.write_bytes(source.read_bytes())
    result = check_paths([target])
    found = {(f.rule, f.severity) for f in result.findings}
    assert found <= EXPLAINED, [(f.rule, f.path, f.message) for f in result.findings]
    assert ("V10", "error") in found and ("V07", "warning") in found
    assert result.files[0].domain == "VS"


def test_vs_and_shv_checked_together(tmp_path) -> None:
    shv = tmp_path / "SHV_2024_Vlieland.json"
    shv.write_text(json.dumps(base_delivery()), encoding="utf-8")
    doc = vs_base()
    _sig(0, bedrag=-5)(doc)
    vs = write_vs(doc, tmp_path)
    together = check_paths([shv, vs])
    shv_alone = check_paths([shv])
    by_domain = {report.domain: report for report in together.files}
    assert set(by_domain) == {"SHV", "VS"}
    assert by_domain["VS"].counts == {"leveringen": 1, "trajecten": 0, "clienten": 3, "vroegsignalen": 3,
                                      "vroegsignaalzaken": 2}
    assert by_domain["SHV"].counts["trajecten"] == 4
    shv_findings = {(f.rule, f.path, f.severity) for f in together.findings_for(by_domain["SHV"].file)}
    assert shv_findings == {(f.rule, f.path, f.severity) for f in shv_alone.findings}
    vs_findings = {(f.rule, f.path, f.severity) for f in together.findings_for(by_domain["VS"].file)}
    assert vs_findings == {("S03", "$", "info"), ("V08", f"{S}[0]", "warning")}
    assert "vroegsignalen" in together.frames and "trajecten" in together.frames


def test_no_identifiers_in_vs_output(tmp_path) -> None:
    """Findings and the frames the suites see hold no BSN, birth date, address or contact details."""
    doc = vs_base()
    _client_of(0, None, adres=False)(doc)          # V09 with the masked-BSN text path
    _client_of(1, BSN_INVALID, adres=False)(doc)
    _sig(2, ID=BSN_B)(doc)                         # an ID that is a BSN is never quoted
    zaak(doc, 0)["vroegsignalen"][1]["ID"] = BSN_B
    _also_in(1, BSN_B)(doc)                        # V03 warning quotes the ID
    result = check_paths([write_vs(doc, tmp_path)])
    text = json.dumps([f.__dict__ for f in result.findings], ensure_ascii=False, default=str)
    text += "".join(frame.astype(str).to_csv() for name, frame in result.frames.items())
    assert "V03" in {f.rule for f in result.findings}
    for secret in (BSN_A, BSN_B, BSN_INVALID, "1980-05-01", "8899ZX", "Testpersoon", "co.ordinator@",
                   "0612300000"):
        assert secret not in text, secret


def test_vs_suites_are_loaded_run_and_in_the_catalogue(tmp_path) -> None:
    """Every VS expectation is loaded and run (GX drops unknown types silently) and names a VS rule."""
    from ddas_quality.catalogue import CATALOGUE
    from ddas_quality.suites import load_suite_files

    suites = load_suite_files("VS")
    for suite in suites:
        for expectation in suite.expectations:
            meta = expectation["meta"]
            rule = CATALOGUE[meta["rule"]]
            assert "VS" in rule.domains, (suite.name, rule.code)
            assert expectation["description"].startswith(rule.code) and meta["message"].strip()
            assert meta.get("severity", rule.severity) in rule.severities
    result = check_paths([write_vs(vs_base(), tmp_path)])
    ran = {r.suite_name: len(r.results) for r in result.validation_results}
    assert ran == {suite.name: len(suite.expectations) for suite in suites}
    codes = {e["meta"]["rule"] for suite in suites for e in suite.expectations}
    assert codes == {f"V{n:02d}" for n in range(1, 11)} | {"F06", "L01", "L02", "L03", "L04"}


def test_terminal_summary_counts_signalen_not_trajecten(tmp_path) -> None:
    """A coordinator reading '0 trajecten' for a VS file would think the export is empty."""
    from typer.testing import CliRunner

    from ddas_quality.cli import app

    doc = vs_base()
    path = write_vs(doc, tmp_path)
    output = CliRunner().invoke(app, ["check", str(path)]).output
    signalen = len(lev(doc)["vroegsignalen"])
    assert f"{signalen} vroegsignalen" in output or (signalen == 1 and "1 vroegsignaal" in output), output
    assert "traject" not in output.split("\n\n")[1], output


def test_a_reversed_period_gives_l01_and_not_a_finding_per_signal(tmp_path) -> None:
    """Without the silence every signal would be V05 (outside an empty period) and V10 would count nothing."""
    from ddas_quality.generator import write_delivery
    from ddas_quality.generator_vs import generate_vs_delivery

    document = generate_vs_delivery(signalen=300, seed=2, year=2025).document
    document["startdatumLevering"], document["einddatumLevering"] = "2025-12-31", "2025-01-01"
    path = tmp_path / "VS_2025_Omgedraaid.json"
    write_delivery(document, path)
    assert sorted(f.rule for f in check_paths([path]).findings) == ["L01", "S03"]
