"""Generated deliveries checked by the real tool: it must report exactly the defects the generator injected.

The generator records the rule and JSON path of every defect it injects (and of every other rule the
change unavoidably breaks); the tool is the oracle. A clean delivery must give no finding at all, a
delivery with defects exactly the recorded ones: nothing missing, nothing extra, at exactly those paths.

One pipeline run costs seconds whatever the size (mostly the GX suites), so the single-defect
deliveries are checked a few files per run. Files checked together share nothing that could make
them interact: each has its own part of the test BSNs (no C07/C08/T15 across files) and its own
gemeente (A01/A02 count per gemeente over the whole run). Files stay at most 150 trajecten: far
below the sizes where the generator documents A03/F07 warnings for clean files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ddas_quality.domains.common.synthetic import GeneratedDelivery, InjectedDefect
from ddas_quality.domains.common.synthetic import write_delivery as write_generated
from ddas_quality.domains.shv.generator import SUPPORTED_DEFECTS, generate_delivery
from ddas_quality.findings import Finding
from ddas_quality.pipeline import check_paths

CODES = sorted(SUPPORTED_DEFECTS)
BATCH = 8  # single-defect deliveries per pipeline run
BATCHES = [CODES[i:i + BATCH] for i in range(0, len(CODES), BATCH)]


def _expected(defect: InjectedDefect) -> tuple:
    """(rule, path), plus the gemeentecode for aggregate rules (A01 is reported at `$`, per gemeente)."""
    return (defect.rule, defect.path, defect.gemeentecode) if defect.gemeentecode else (defect.rule, defect.path)


def _reported(finding: Finding, per_gemeente: set[str]) -> tuple:
    if finding.rule in per_gemeente:
        return finding.rule, finding.path, finding.context.get("gemeentecode")
    return finding.rule, finding.path


def _gemeenten(delivery: GeneratedDelivery) -> set[str]:
    return {t["gemeentecode"] for levering in delivery.document["leveringen"]
            for t in levering["schuldhulptrajecten"]}


def check(deliveries: list[GeneratedDelivery], folder: Path) -> list[tuple[set[tuple], set[tuple]]]:
    """Per delivery (expected, reported): all written under valid file names and checked in one run."""
    targets = []
    for i, delivery in enumerate(deliveries):
        year = delivery.document["einddatumLevering"][:4]
        targets.append(folder / f"SHV_{year}_Gegenereerd{i + 1}.json")
        write_generated(delivery.document, targets[-1])
    findings = check_paths(targets).findings
    out = []
    for target, delivery in zip(targets, deliveries, strict=True):
        injected = {x.rule for x in delivery.defects}
        per_gemeente = {x.rule for x in delivery.defects if x.gemeentecode}
        # Info findings never fail a run (S03 says which schema was used; P12/C08 are remarks): they are
        # ignored, except for a rule whose defect was injected (C08 samenloop is info by the catalogue).
        reported = {_reported(f, per_gemeente) for f in findings
                    if target.name in {Path(name).name for name in f.file.split(", ")}
                    and (f.severity != "info" or f.rule in injected)}
        out.append(({_expected(x) for x in delivery.defects}, reported))
    return out


def _apart(make, count: int) -> list[GeneratedDelivery]:
    """`make(part, parts, attempt)` for each part: its own BSN part, and another seed until its gemeenten are new."""
    deliveries: list[GeneratedDelivery] = []
    seen: set[str] = set()
    for part in range(1, count + 1):
        for attempt in range(50):
            delivery = make(part, count, attempt)
            if not _gemeenten(delivery) & seen:
                break
        seen |= _gemeenten(delivery)
        deliveries.append(delivery)
    return deliveries


def _difference(expected: set[tuple], reported: set[tuple]) -> str:
    return f"niet gemeld: {sorted(expected - reported)}; onverwacht gemeld: {sorted(reported - expected)}"


def test_clean_deliveries_have_no_findings(tmp_path: Path) -> None:
    plans = [(20, 1, 2024, None), (90, 2, 2024, 1), (150, 3, 2024, 2)]
    deliveries = _apart(lambda part, parts, attempt: generate_delivery(
        trajecten=plans[part - 1][0], seed=plans[part - 1][1] + 100 * attempt, year=plans[part - 1][2],
        half=plans[part - 1][3], bsn_slice=(part, parts)), len(plans))
    for expected, reported in check(deliveries, tmp_path):
        assert expected == set()
        assert reported == set(), _difference(expected, reported)


@pytest.mark.parametrize("codes", BATCHES, ids=["-".join(batch) for batch in BATCHES])
def test_each_defect_alone_is_reported_exactly_where_it_was_injected(codes: list[str], tmp_path: Path) -> None:
    deliveries = _apart(lambda part, parts, attempt: generate_delivery(
        trajecten=60, seed=11 + 100 * attempt, defects=[codes[part - 1]], bsn_slice=(part, parts)), len(codes))
    for code, delivery, (expected, reported) in zip(codes, deliveries, check(deliveries, tmp_path), strict=True):
        assert delivery.defects and delivery.defects[0].rule == code, f"{code} is niet geïnjecteerd"
        assert reported == expected, f"{code}: {_difference(expected, reported)}"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trajecten=st.integers(20, 150), seed=st.integers(0, 2**32 - 1),
       defects=st.sets(st.sampled_from(CODES), min_size=1, max_size=8))
def test_defect_sets_are_reported_exactly(trajecten: int, seed: int, defects: set[str]) -> None:
    try:
        delivery = generate_delivery(trajecten=trajecten, seed=seed, defects=sorted(defects))
    except ValueError:  # a small file may have no place for a defect (e.g. no schuldregeling for T07)
        assume(False)
        raise
    with tempfile.TemporaryDirectory() as folder:
        [(expected, reported)] = check([delivery], Path(folder))
    assert {x[0] for x in expected} >= defects
    assert reported == expected, _difference(expected, reported)
