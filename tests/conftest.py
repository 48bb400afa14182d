"""Shared test fixtures: one small valid SHV v1.0 delivery that rule cases patch, and helpers to check it."""

from __future__ import annotations

import copy
import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# pytest-xdist already keeps both cores busy: a check forking its own helpers would only add contention.
# tests/test_parallel.py sets the number of processes itself where sharing is what it tests.
os.environ.setdefault("DDAS_QUALITY_WORKERS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
SAMPLE_DATA = ROOT / "sample_data"

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


# ----------------------------------------------------------------------- rule cases (tests/test_rules*.py)
T = "$.leveringen[0].schuldhulptrajecten"


def traject(doc: dict, i: int) -> dict:
    return doc["leveringen"][0]["schuldhulptrajecten"][i]


@dataclass(frozen=True)
class Case:
    """One small patch on a base delivery and what the rule must then say."""

    rule: str
    name: str
    patch: Callable[[dict], None]
    path: str | None  # where the finding must be; None = the rule must NOT fire
    severity: str | None = None  # None: any severity the rule has
    file_name: str = "Vlieland"  # written as <DOMAIN>_<year>_<file_name>.json where a test uses it


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
