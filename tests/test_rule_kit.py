"""The rule kit: a rule cannot be added half-way (README, "Een regel toevoegen").

For every rule of the catalogue that is not removed: an implementation, a failing and a passing case in
tests/cases/, and an injector in a generator of its domain (or a stated reason why not). For every suite
expectation: the columns it names exist in its frame after the domain's derive step, and its parameters are
catalogue thresholds. Each failure says what to add, and where.
"""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from cases import all_cases, case_id, module_for, write_case
from conftest import Case, nothing

from ddas_quality.catalogue import CATALOGUE, RULES
from ddas_quality.domains import all_domains, get_domain
from ddas_quality.implemented import implemented_codes
from ddas_quality.pipeline import Options, check_paths, suite_parameters, thresholds_for
from ddas_quality.suites import SuiteFile, load_suite_files

ACTIVE = [rule.code for rule in RULES if not rule.removed]

# Rules the generators cannot inject, and why. Remove a code here as soon as a generator supports it.
NO_INJECTOR = {
    "F01": "De generator maakt een document; de bestandsnaam kiest wie het wegschrijft.",
    "F02": "De generator maakt een document; de bestandsnaam kiest wie het wegschrijft.",
    "F03": "De generator maakt een document; extensie en zip kiest wie het wegschrijft.",
    "F04": "De generator maakt een document; de codering (UTF-8, BOM) kiest wie het wegschrijft.",
    "F05": "De generator maakt een document; syntaxfouten, dubbele sleutels en NaN zitten in de geschreven bytes.",
    "F06": "Het jaar in de bestandsnaam kiest wie het document wegschrijft, niet de generator.",
    "A05": "A05 vergelijkt met een vorige levering (--previous): één gegenereerd bestand heeft die niet.",
    "C09": "C09 geldt alleen in het profiel geanonimiseerd; de gewone generator schrijft BSN's uit de testreeks "
           "(standaardprofiel) en generate --landelijk pseudoniemen van één vorm.",
    **{f"B0{n}": "De generator maakt een levering; de API-verpakking en de pagina's maakt generate --api-paginas "
                 "(domains/common/api_pages.py), zonder fouten daarin." for n in range(1, 10)},
}

# A rule whose passing case is a finding: S03 always says what a file was checked against (info).
PASSING_FINDING = {"S03": "info"}


def _fails(case: Case) -> bool:
    return bool(case.paths) and PASSING_FINDING.get(case.rule) != case.severity


def _cases(code: str) -> list[Case]:
    return [case for case in all_cases() if case.rule == code]


# ----------------------------------------------------------------------------------- every rule, complete


@pytest.mark.parametrize("code", ACTIVE)
def test_rule_is_implemented(code: str) -> None:
    assert code in implemented_codes(), (
        f"{code} has no implementation: add an expectation with meta.rule = {code!r} to a suite in expectations/ "
        f"(<domain>.<frame>.json), or, for a check before the suites, bind it to its stage in "
        f"ddas_quality/implemented.py (PRE_GX_CODES)")


@pytest.mark.parametrize("code", ACTIVE)
def test_rule_has_a_failing_case(code: str) -> None:
    rule = CATALOGUE[code]
    where = module_for(code, rule.domains[0])
    assert any(_fails(case) for case in _cases(code)), (
        f"{code} has no failing case: add a Case({code!r}, '<naam>', <patch>, '<JSON path of the finding>', "
        f"{rule.severity!r}) to {where}")


@pytest.mark.parametrize("code", ACTIVE)
def test_rule_has_a_passing_case(code: str) -> None:
    rule = CATALOGUE[code]
    where = module_for(code, rule.domains[0])
    if code in PASSING_FINDING:
        severity = PASSING_FINDING[code]
        assert any(case.severity == severity for case in _cases(code)), (
            f"{code} has no passing case: add a Case({code!r}, '<naam>', nothing, '$', {severity!r}) to {where}")
        return
    assert any(not case.paths for case in _cases(code)), (
        f"{code} has no passing case: add a Case({code!r}, '<naam>', <patch>, None) to {where} (a delivery "
        f"the rule must leave alone, ideally one a naive check gets wrong)")


@cache
def _injectors() -> dict[str, set[str]]:
    """Domain -> the codes its generator can inject."""
    return {domain.name: set(domain.stage("generator").SUPPORTED_DEFECTS) for domain in all_domains()}


@pytest.mark.parametrize("code", ACTIVE)
def test_rule_has_a_generator_injector(code: str) -> None:
    rule = CATALOGUE[code]
    injected = [domain for domain in rule.domains if code in _injectors().get(domain, set())]
    if code in NO_INJECTOR:
        assert not injected, (
            f"{code} is injected by the {'/'.join(injected)} generator now: remove it from NO_INJECTOR in "
            "tests/test_rule_kit.py")
        return
    packages = ", ".join(f"ddas_quality/domains/{domain.lower()}/generator/" for domain in rule.domains)
    assert injected, (
        f"{code} has no generator injector: add one to SUPPORTED_DEFECTS in {packages}, or state why that "
        "cannot be done in NO_INJECTOR in tests/test_rule_kit.py")


def test_exemptions_name_active_rules() -> None:
    unknown = sorted(set(NO_INJECTOR) - set(ACTIVE))
    assert not unknown, f"NO_INJECTOR in tests/test_rule_kit.py names unknown or removed rules: {unknown}"
    assert all(reason.strip() for reason in NO_INJECTOR.values())


# ------------------------------------------------------------------------------------------- the cases


def test_case_ids_are_unique() -> None:
    twice = [key for key, n in Counter(case_id(case) for case in all_cases()).items() if n > 1]
    assert not twice, f"two cases with the same domain, rule and name (the test id): {twice}"


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_case_is_well_formed(case: Case) -> None:
    rule = CATALOGUE.get(case.rule)
    assert rule is not None and not rule.removed, f"{case_id(case)}: {case.rule} is not an active rule"
    assert case.domain in rule.domains, f"{case_id(case)}: {case.rule} does not apply to {case.domain}"
    if case.paths:
        assert case.severity in rule.severities, (
            f"{case_id(case)}: a failing case names its severity, one of {rule.severities} (now {case.severity!r})")
        assert len(case.paths) == 1 or isinstance(case.path, tuple)
    else:
        assert case.severity is None, f"{case_id(case)}: a passing case has no severity"


def test_every_case_can_be_written(tmp_path: Path) -> None:
    """Every patch applies to its base delivery (the batches give each case its own folder, so names may repeat)."""
    for i, case in enumerate(all_cases()):
        folder = tmp_path / str(i)
        folder.mkdir()
        assert write_case(case, folder).exists()


# -------------------------------------------------------------------------------- suites against frames


@pytest.fixture(scope="module")
def frames_of(tmp_path_factory: pytest.TempPathFactory):
    """Domain -> the frames its suites see: the domain's base delivery (that of its cases), read up to derive."""
    found: dict[str, dict] = {}

    def frames(domain: str) -> dict:
        if domain not in found:
            base = Case("S03", "basis", nothing, "$", "info", domain=domain)
            found[domain] = check_paths([write_case(base, tmp_path_factory.mktemp(f"kit-{domain}"))]).frames
        return found[domain]
    return frames


def _suites() -> list:
    return [pytest.param(domain.name, suite, id=f"{domain.name}-{suite.path.name}")
            for domain in all_domains() for suite in load_suite_files(domain.name)]


def _condition_columns(condition: str) -> set[str]:
    """Column names in a GX row_condition (`col("x") > 1` or pandas `x > 1`/`df["x"] > 1`)."""
    names = set(re.findall(r"""col\(\s*["']([^"']+)["']\s*\)""", condition))
    if names:
        return names
    tree = ast.parse(condition, mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in {"df", "True", "False", "None"}:
            names.add(node.id)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            names.add(str(node.slice.value))
    return names


def _columns(expectation: dict) -> dict[str, str]:
    """Column -> where the expectation names it, for everything the check stage reads from the frame."""
    kwargs, meta = expectation.get("kwargs", {}), expectation["meta"]
    named: dict[str, str] = {}
    for key in ("column", "column_A", "column_B"):
        if isinstance(kwargs.get(key), str):
            named[kwargs[key]] = f"kwargs.{key}"
    for column in kwargs.get("column_list", []):
        named[column] = "kwargs.column_list"
    if kwargs.get("row_condition"):
        named.update(dict.fromkeys(_condition_columns(kwargs["row_condition"]), "kwargs.row_condition"))
    named[meta.get("location", "path")] = "meta.location"
    named.update({column: f"meta.context.{name}" for name, column in meta.get("context", {}).items()})
    for _text, field, _spec, _conversion in string.Formatter().parse(meta["message"]):
        if field:
            named.setdefault(re.split(r"[.\[]", field)[0], "meta.message")
    return named


def _parameters(value: object) -> set[str]:
    if isinstance(value, dict):
        if "$PARAMETER" in value:
            return {value["$PARAMETER"]}
        return {name for item in value.values() for name in _parameters(item)}
    if isinstance(value, list):
        return {name for item in value for name in _parameters(item)}
    return set()


@pytest.mark.parametrize(("domain", "suite"), _suites())
def test_suite_columns_exist_after_derive(domain: str, suite: SuiteFile, frames_of) -> None:
    frames = frames_of(domain)
    derive = f"ddas_quality/domains/{get_domain(domain).prefix}/derive*.py"
    assert suite.frame in frames, (
        f"{suite.path.name}: meta.frame {suite.frame!r} is not a frame of the {domain} derive step ({derive}); "
        f"frames: {sorted(frames)}")
    columns = set(frames[suite.frame].columns)
    problems = [] if {"file", "path"} <= columns else ["file and path (every finding is located by them)"]
    for i, expectation in enumerate(suite.expectations):
        meta = expectation["meta"]
        for column, where in _columns(expectation).items():
            if column not in columns:
                problems.append(f"expectation {i} ({meta['rule']}): {where} {column!r}")
        if "distinct" in meta and meta["distinct"] not in meta.get("context", {}):
            problems.append(f"expectation {i} ({meta['rule']}): meta.distinct {meta['distinct']!r} is not a key of "
                            "meta.context")
    assert not problems, (
        f"{suite.path.name} names columns that frame {suite.frame!r} does not have after the {domain} derive step: "
        + "; ".join(problems) + f". Add the column in {derive} or correct the suite.")


@pytest.mark.parametrize(("domain", "suite"), _suites())
def test_suite_parameters_are_catalogue_thresholds(domain: str, suite: SuiteFile) -> None:
    known = suite_parameters(thresholds_for(Options()))
    for i, expectation in enumerate(suite.expectations):
        missing = sorted(_parameters(expectation.get("kwargs", {})) - set(known))
        assert not missing, (
            f"{suite.path.name}, expectation {i} ({expectation['meta']['rule']}): $PARAMETER {missing} is no "
            "catalogue threshold: add it to the rule's `thresholds` in ddas_quality/catalogue.py "
            "(a parameter is <code>_<key>, e.g. a01_error_ratio)")
