"""Every rule case of tests/cases/ (SHV and VS), asserted one way: `conftest.assert_case`.

Cases are checked in batches (tests/cases/__init__.py); each case is still its own test, named after it.
The pytest-xdist workers of a session share the batches' findings through a folder, so each batch is checked
once per session whichever worker runs which case.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cases import all_cases, case_document, case_id, findings_for
from conftest import Case, assert_case

IDENTIFYING_KEYS = ("Burgerservicenummer", "Geboortedatum", "Postcode")


@pytest.fixture(scope="session")
def shared_batches(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A folder all xdist workers of this session see (their base temp folders share a parent); None without
    xdist."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return tmp_path_factory.getbasetemp().parent / "rule-case-batches"


def _identifying(value: object) -> set[str]:
    """BSNs, birth dates and postcodes anywhere in a document (4 characters or more)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in IDENTIFYING_KEYS and isinstance(item, str) and len(item.strip()) >= 4:
                found.add(item)
            found |= _identifying(item)
    elif isinstance(value, list):
        for item in value:
            found |= _identifying(item)
    return found


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_rule_case(case: Case, shared_batches: Path | None) -> None:
    findings = findings_for(case, shared_batches)
    assert_case(case, findings)
    secrets = _identifying(case_document(case))
    leaked = {value for value in secrets for f in findings if value in f.message or value in f.context.values()}
    assert not leaked, f"findings quote identifying values: {leaked}"
