"""Shared test fixtures: one small valid SHV v1.0 delivery that rule cases patch, and helpers to check it."""

from __future__ import annotations

import copy
import json
import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

# pytest-xdist already keeps both cores busy: a check forking its own helpers would only add contention.
# tests/test_parallel.py sets the number of processes itself where sharing is what it tests.
os.environ.setdefault("DDAS_QUALITY_WORKERS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
SAMPLE_DATA = ROOT / "sample_data"


# ----------------------------------------------------------------------------- reference material (../shared)
# ../shared (docs/rules.md, reference/ddas-shv, reference/ddas-vs, ...) sits beside the development checkout
# but not beside a fresh `git clone`: tests that compare with it skip there, and everything the project owns
# still runs. DDAS_REQUIRE_SHARED=1 (set by .ci/run) turns such a skip into a failure, so CI can never pass
# without the comparisons. Use `shared_path()` in a test (or in a helper it calls), the `requires_shared`
# marker on a test or module, and `shared_params()` for parameters read from ../shared at collection time:
# never read ../shared at import time, that is a collection error in a fresh clone.


def shared_required() -> bool:
    return os.environ.get("DDAS_REQUIRE_SHARED") == "1"


def missing_shared(path: Path) -> NoReturn:
    """Skip the running test because `path` (under ../shared) is missing; fail under DDAS_REQUIRE_SHARED=1."""
    if not SHARED.is_dir():
        reason = (f"../shared ontbreekt: referentiemateriaal staat niet naast de checkout ({SHARED}); "
                  f"nodig: {path.relative_to(SHARED)}")
    else:
        reason = f"ontbreekt in ../shared: {path.relative_to(SHARED)} ({path})"
    if shared_required():
        pytest.fail(f"{reason} [DDAS_REQUIRE_SHARED=1: dit mag niet worden overgeslagen]", pytrace=False)
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """SHARED/<parts> when it exists; otherwise the calling test skips (fails under DDAS_REQUIRE_SHARED=1)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing_shared(path)
    return path


def shared_params(relative: str, values: Callable[[], Iterable[Any]], *, width: int = 1) -> list[Any]:
    """Parameters enumerated from ../shared/<relative> at collection time, or, when it is missing, one
    parameter (`width` Nones) marked `requires_shared`, so the test skips (or fails) instead of erroring."""
    if (SHARED / relative).exists():
        return list(values())
    return [pytest.param(*([None] * width), id="shared-ontbreekt", marks=pytest.mark.requires_shared(relative))]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "requires_shared(*paths): needs these paths under ../shared (default: ../shared itself); "
        "skips without them, fails under DDAS_REQUIRE_SHARED=1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` first (in their own order): started early, none of them is left running on one
    pytest-xdist worker while the other has nothing to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """The `requires_shared` marker, checked in the call phase: a missing path is a skip, or a failure."""
    for marker in item.iter_markers("requires_shared"):
        for relative in marker.args or ("",):
            shared_path(*Path(relative).parts)

# Test-range BSNs (999990000-999999999) that pass the 11-test.
BSN_A, BSN_B, BSN_C, BSN_D = "999990019", "999990020", "999990032", "999990044"
BSN_INVALID = "999990001"

# Identifying values of the base delivery: no output may ever contain them (privacy tests).
IDENTIFIERS = (BSN_A, BSN_B, BSN_C, BSN_D, "1980-05-01", "1975-11-23", "1990-02-14", "1962-07-30",
               "8899ZX", "8899 ZX", "co.ordinator@vlieland.example", "Ria Testpersoon", "0612300000")


def _traject(start: str, bsn: str, **extra) -> dict:
    traject = {
        "startdatum": start,
        "gemeentecode": "0096",
        "totaalSchuldbedragBijAanvangSchuld": 12000,
        "client": [{"Burgerservicenummer": bsn, "Geboortedatum": "1980-05-01", "Geslachtsaanduiding": "Vrouw",
                    "Postcode": "8899ZX", "Huisnummer": "12"}],
    }
    traject.update(extra)
    return traject


def base_delivery() -> dict:
    """Vlieland (1,255 inwoners: A01 does not apply), calendar year 2024, four clean trajecten.

    Includes the true negatives a naive tool gets wrong: a client with two *sequential* trajecten
    (the second starts the day the first ends), a traject from 2022 still running, nazorg after the
    traject end, and a partner without BSN but with full address data.
    """
    return {
        "startdatumLevering": "2024-01-01",
        "einddatumLevering": "2024-12-31",
        "aanleverdatumEnTijd": "2025-01-20T09:30:00Z",
        "codeGegevensleverancier": "SchuldSoft 4.2.1",
        "leveringen": [{
            "teller": 1,
            "aanleverende_organisatie": {
                "(Statutaire) Naam": "Gemeente Vlieland",
                "gemeentecode": "0096",
                "contactpersonen": [{"email": "co.ordinator@vlieland.example", "naam": "Ria Testpersoon",
                                     "telefoonnummer": "0612300000", "functietitel": "Coördinator"}],
            },
            "schuldhulptrajecten": [
                _traject("2024-01-10", BSN_A, einddatum="2024-06-30",
                         aanmelding={"startdatum": "2024-01-10", "einddatum": "2024-01-20", "crisisinterventie": False},
                         intake={"startdatum": "2024-01-22", "einddatum": "2024-02-15",
                                 "beschikkingssoort": "Toelatingsbeschikking", "beschikkingsdatum": "2024-02-15"},
                         stabilisatie={"startdatum": "2024-02-16", "einddatum": "2024-04-01"},
                         oplossing={"startdatum": "2024-04-02", "einddatum": "2024-06-30", "soort": "Betalingsregeling",
                                    "vtlb": 1400},
                         schulden=[{"bedrag": 7000, "peildatum": "2024-01-22", "schuldsoort": "Zorg",
                                    "schuldeiser": {"naam": "Zorgverzekeraar Test", "Naam": "Zorgverzekeraar Test",
                                                    "kvknummer": "12345678"}},
                                   {"bedrag": 5000, "peildatum": "2024-01-22", "schuldsoort": "Nuts"}],
                         nazorg={"startdatum": "2024-07-01", "einddatum": "2024-09-30"},
                         uitstroom={"datum": "2024-06-30", "reden": "Afgerond",
                                    "datumBeeindigingsbeschikking": "2024-06-30"},
                         begeleiding=[{"soort": "Budgetcoaching",
                                       "startdatum": "2024-02-01", "einddatum": "2024-05-01"}]),
                # the same client again, starting the day the first traject ended: a hand-over, not an overlap
                _traject("2024-06-30", BSN_A,
                         aanmelding={"startdatum": "2024-06-30", "einddatum": "2024-07-05",
                                     "crisisinterventie": False}),
                # started in 2022 and still running: belongs in the 2024 file
                _traject("2022-03-01", BSN_B,
                         aanmelding={"startdatum": "2022-03-01", "einddatum": "2022-03-10", "crisisinterventie": True},
                         intake={"startdatum": "2022-03-15", "einddatum": "2022-04-01",
                                 "beschikkingssoort": "Toelatingsbeschikking", "beschikkingsdatum": "2022-04-01"},
                         schuldregeling={"datum": "2022-06-01", "toegekend": "2022-07-01"},
                         toekenningsdatum="2022-07-01",
                         crisisinterventies=[{"startdatum": "2022-03-01", "einddatum": "2022-03-05"}],
                         moratoria=[{"datumAanvraag": "2022-03-02", "datumGoedkeuring": "2022-03-03",
                                     "startdatum": "2022-03-04", "einddatum": "2022-08-01"}],
                         oplossing={"startdatum": "2022-09-01", "soort": "Betalingsregeling", "vtlb": 1300},
                         schulden=[{"bedrag": 12000, "peildatum": "2022-03-15", "schuldsoort": "Publiek",
                                    "zakelijkeSchuld": False}]),
                # two clients: a partner without BSN but with full address data
                {**_traject("2024-03-01", BSN_C,
                            aanmelding={"startdatum": "2024-03-01", "crisisinterventie": False},
                            voorlopigeVoorzieningen=[{"startdatum": "2024-03-05", "einddatum": "2024-04-05"}]),
                 "client": [
                     {"Burgerservicenummer": BSN_C, "Geboortedatum": "1975-11-23", "Geslachtsaanduiding": "Man",
                      "Postcode": "8899ZX", "Huisnummer": "7"},
                     {"Geboortedatum": "1990-02-14", "Geslachtsaanduiding": "Vrouw", "Postcode": "8899 ZX",
                      "Huisnummer": "7", "Huisnummertoevoeging": "A"},
                 ]},
            ],
        }],
    }


@pytest.fixture
def delivery() -> dict:
    return copy.deepcopy(base_delivery())


@pytest.fixture
def write_delivery(tmp_path):
    """Write a document as SHV_2024_<name>.json and return the path."""
    def write(document: dict, name: str = "Vlieland") -> Path:
        path = tmp_path / f"SHV_2024_{name}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path
    return write


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The tool is offline: any attempt to open a non-local connection fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        local = isinstance(host, str) and (host.startswith(("127.", "/")) or host in ("localhost", "::1"))
        if isinstance(host, str) and not local:
            raise AssertionError(f"network access attempted: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# ------------------------------------------------------------------------------ privacy: what a user sees
def identifying_values(document: object) -> set[str]:
    """BSNs, birth dates, postcodes (with house numbers) and contact persons' details, in either spelling."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            lower = {key.lower(): value for key, value in node.items() if isinstance(key, str)}
            for key in ("burgerservicenummer", "geboortedatum", "postcode", "achternaam", "straatnaam"):
                if isinstance(lower.get(key), str) and len(lower[key].strip()) >= 4:
                    found.add(lower[key].strip())
            if isinstance(lower.get("postcode"), str) and isinstance(lower.get("huisnummer"), str):
                postcode, huisnummer = lower["postcode"], lower["huisnummer"]
                found.update({f"{postcode} {huisnummer}", f"{postcode}{huisnummer}"})
            for contacts in (lower.get("contactpersonen"), lower.get("contactpersoonen")):
                for contact in contacts if isinstance(contacts, list) else []:
                    for key in ("naam", "email", "telefoonnummer"):
                        if isinstance(contact, dict) and isinstance(contact.get(key), str):
                            found.add(contact[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def all_output(inputs: list[Path], folder: Path) -> str:
    """Everything a user can see: the terminal summary as the command prints it, and the JSON, JUnit, CI (GitHub,
    SARIF, GitLab) and HTML reports (data docs included) rendered from one run (the command only picks the reporter)."""
    from typer.testing import CliRunner

    from ddas_quality.cli import app
    from ddas_quality.pipeline import check_paths
    from ddas_quality.reporters import github, gitlab, html_report, json_report, junit, sarif

    texts = [CliRunner().invoke(app, ["check", *map(str, inputs)]).output]
    result = check_paths(inputs)
    texts += [json_report.render(result), junit.render(result)]
    texts += [github.render(result), sarif.render(result), gitlab.render(result)]   # the CI formats
    out = html_report.write(result, folder / "rapport").parent
    texts.extend(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    return "\n".join(texts)


# ------------------------------------------------------------- rule cases (tests/cases/, tests/test_rule_cases.py)
T = "$.leveringen[0].schuldhulptrajecten"


def traject(doc: dict, i: int) -> dict:
    return doc["leveringen"][0]["schuldhulptrajecten"][i]


# A Case's `path` for a finding about the file itself, which has no JSON path (F01-F03: the name, the zip).
FILE_LEVEL = "(bestand)"


@dataclass(frozen=True)
class Case:
    """One small patch on a base delivery and what the rule must then say (tests/cases/, asserted by
    `assert_case`): exactly one finding of `rule` at `path` with `severity`, or none at all."""

    rule: str
    name: str
    patch: Callable[[dict], None]
    # Where the finding must be; None = the rule must NOT fire. A tuple only where one fault really gives
    # several findings of the rule (each path once, all with `severity`).
    path: str | tuple[str, ...] | None
    severity: str | None = None  # required when `path` is set (the kit checks it)
    file_name: str = "Vlieland"  # written as <DOMAIN>_<year>_<file_name>.json
    domain: str = "SHV"  # the base delivery patched: SHV (base_delivery) or VS (tests/cases/vroegsignalering.py)
    file: str | None = None  # the whole file name instead, where the name is the case (F01-F03, F06)
    raw: Callable[[bytes], bytes] | None = None  # the bytes written, from the patched document's UTF-8 JSON
    previous: Callable[[dict], None] | None = None  # A05: checked with --previous, the base delivery so patched
    profile: str | None = None  # checked with --profile (C09: geanonimiseerd); such a case runs alone

    @property
    def paths(self) -> tuple[str, ...]:
        """Every place the rule must report, in no particular order; () for a passing case."""
        if self.path is None:
            return ()
        return self.path if isinstance(self.path, tuple) else (self.path,)


def assert_case(case: Case, findings: Iterable[Any]) -> None:
    """The one rule-case assertion. `findings`: everything the run reported about the case's file.

    The case's rule reports exactly `case.paths` (each once, FILE_LEVEL for a finding without a path), all
    with `case.severity` and a message, and nothing else; a passing case (path None): nothing at all.
    """
    mine = [f for f in findings if f.rule == case.rule]
    shown = [(f.path, f.severity, f.message) for f in mine]
    found = sorted(FILE_LEVEL if f.path is None else f.path for f in mine)
    if not case.paths:
        assert not mine, f"{case.rule} must not report here, but reported: {shown}"
        return
    assert found == sorted(case.paths), f"{case.rule} must report exactly at {sorted(case.paths)}, reported: {shown}"
    if case.severity is not None:
        assert all(f.severity == case.severity for f in mine), f"{case.rule} must be a {case.severity}: {shown}"
    assert all(f.message.strip() for f in mine), f"{case.rule} reported without a message: {shown}"


def set_fields(i: int, **fields) -> Callable[[dict], None]:
    """Patch: update traject i with these fields."""
    def patch(doc: dict) -> None:
        traject(doc, i).update(fields)
    return patch


def phase(i: int, name: str, drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    """Patch: in traject i, create phase `name` if needed, remove its `drop` keys, set `fields`."""
    def patch(doc: dict) -> None:
        obj = traject(doc, i).setdefault(name, {})
        for key in drop:
            obj.pop(key, None)
        obj.update(fields)
    return patch


def pop(i: int, *keys: str) -> Callable[[dict], None]:
    """Patch: remove these keys from traject i."""
    def patch(doc: dict) -> None:
        for key in keys:
            traject(doc, i).pop(key, None)
    return patch


def combine(*patches: Callable[[dict], None]) -> Callable[[dict], None]:
    """Patch: apply several patches in order."""
    def patch(doc: dict) -> None:
        for p in patches:
            p(doc)
    return patch


def nothing(doc: dict) -> None:
    """Patch: leave the base delivery as it is (the true-negative cases)."""
