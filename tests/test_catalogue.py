"""The catalogue against the rule catalogue in shared/docs/rules.md: complete, consistent, readable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ddas_quality.catalogue import (
    CATALOGUE,
    GROUPS,
    RULES,
    Rule,
    UnknownRuleError,
    get_rule,
    rules_for_domain,
)
from ddas_quality.findings import SEVERITY_RANK

REPO = Path(__file__).resolve().parents[1]
RULES_MD = REPO.parent / "shared" / "docs" / "rules.md"

_ROW_RE = re.compile(r"^\|\s*([A-Z]\d\d)\s*\|\s*([a-z/]+)\s*\|(.*)\|\s*$")

# rules.md's table says "info" for S03, but its Decisions section makes an outdated schema version an
# S03 *warning*; the record's severity is the most severe level, so the table value is the lower one.
RAISED_BY_DECISIONS = {"S03": "warning"}
# Error rows whose text mentions "warning" without the rule giving one itself (T04 points to T05).
MENTIONS_WARNING_OF_OTHER_RULE = {"T04"}

EXPECTED_MIXED = {"F02", "F04", "S03", "L03", "L04", "T09", "P07", "C03", "A01", "V03", "V10"}

# Defaults named in the brief and in rules.md (thresholds and the Decisions section).
EXPECTED_THRESHOLDS = {
    "T13": {"max_totaal_schuld": 1_000_000, "max_schuld": 500_000, "max_vtlb": 5000},
    "T14": {"max_difference": 0.25},
    "P09": {"max_months": 18, "grace_months": 3},
    "P10": {"max_months": 6, "grace_months": 1},
    "D02": {"max_years_before_start": 2},
    "A01": {
        "reference_rate_per_1000": 5.0,
        "error_ratio": 0.10,
        "warning_ratio": 0.33,
        "min_inwoners": 10000,
    },
    "A02": {"max_ratio": 5.0, "min_clients": 20},
    "A03": {"max_empty_share": 0.20},
    "A04": {"max_share": 0.5, "min_records": 10},
    "A05": {"max_change": 0.5},
    "V08": {"max_bedrag": 100000},
    "V10": {
        "reference_rate_per_1000": 60.0,
        "error_ratio": 0.10,
        "warning_ratio": 0.33,
        "min_inwoners": 10000,
        "max_ratio": 5.0,
        "min_signals": 20,
    },
}


def _spec_text() -> str:
    if not RULES_MD.is_file():
        pytest.fail(f"rules.md not found at {RULES_MD} (shared/ must sit beside the repository)")
    return RULES_MD.read_text(encoding="utf-8")


def _spec_rows() -> dict[str, tuple[str, str]]:
    """Code -> (severity column, rule text) for every row of the rule tables in rules.md."""
    rows: dict[str, tuple[str, str]] = {}
    for line in _spec_text().splitlines():
        match = _ROW_RE.match(line)
        if match:
            code, severity, text = match.groups()
            assert code not in rows, f"{code} appears twice in rules.md"
            rows[code] = (severity, text)
    return rows


def _decisions_codes() -> set[str]:
    """Every code the Decisions section names, with ranges like L05–L10 expanded."""
    text = _spec_text()
    section = text[text.index("## Decisions") :]
    codes = set(re.findall(r"\b[A-Z]\d\d\b", section))
    for group, start, end in re.findall(r"\b([A-Z])(\d\d)[–-]\1(\d\d)\b", section):
        codes.update(f"{group}{n:02d}" for n in range(int(start), int(end) + 1))
    return codes


SPEC = _spec_rows()


def test_spec_has_rules() -> None:
    assert len(SPEC) > 50, "parsing rules.md found suspiciously few rules"


def test_codes_match_rules_md_both_ways() -> None:
    missing = sorted(set(SPEC) - set(CATALOGUE))
    extra = sorted(set(CATALOGUE) - set(SPEC))
    assert not missing, f"codes in rules.md but not in the catalogue: {missing}"
    assert not extra, f"codes in the catalogue but not in rules.md: {extra}"


def test_catalogue_order_follows_groups() -> None:
    order = list(GROUPS)
    keys = [(order.index(rule.code[0]), rule.code) for rule in RULES]
    assert keys == sorted(keys)
    assert list(CATALOGUE) == [rule.code for rule in RULES]


@pytest.mark.parametrize("code", sorted(SPEC))
def test_severity_matches_rules_md(code: str) -> None:
    column, _text = SPEC[code]
    rule = CATALOGUE[code]
    if column == "error/warning":
        assert rule.severity == "error"
        assert "warning" in rule.other_severities
    elif code in RAISED_BY_DECISIONS:
        assert rule.severity == RAISED_BY_DECISIONS[code]
        assert column in rule.other_severities
    else:
        assert rule.severity == column


def test_s03_raised_severity_is_in_the_decisions() -> None:
    section = _spec_text().split("## Decisions", 1)[1]
    paragraph = next(p for p in section.split("\n- ") if "(S03)" in p)
    assert "**warning**" in paragraph


@pytest.mark.parametrize("code", sorted(SPEC))
def test_error_rows_that_mention_a_warning_are_mixed(code: str) -> None:
    column, text = SPEC[code]
    if (
        column == "error"
        and re.search(r"\bwarning\b", text, re.IGNORECASE)
        and code not in (MENTIONS_WARNING_OF_OTHER_RULE)
    ):
        assert "warning" in CATALOGUE[code].other_severities


def test_mixed_severity_codes() -> None:
    assert {rule.code for rule in RULES if rule.other_severities} == EXPECTED_MIXED


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_severity_is_the_most_severe(rule: Rule) -> None:
    assert rule.severity in SEVERITY_RANK
    assert len(set(rule.other_severities)) == len(rule.other_severities)
    for other in rule.other_severities:
        assert SEVERITY_RANK[other] > SEVERITY_RANK[rule.severity]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_record_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]\d\d", rule.code)
    assert rule.code[0] in GROUPS
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    for field_name in ("title", "checks", "why", "fix", "example", "source"):
        value = getattr(rule, field_name)
        assert isinstance(value, str) and value.strip(), f"{rule.code}.{field_name} is empty"
        assert value == value.strip(), f"{rule.code}.{field_name} has leading or trailing spaces"
        assert "  " not in value, f"{rule.code}.{field_name} has a double space"
    assert len(rule.title) <= 70, f"{rule.code}: title longer than 70 characters"
    assert not rule.title.endswith("."), f"{rule.code}: a title is not a sentence"
    for field_name in ("checks", "why", "fix", "example"):
        assert getattr(rule, field_name).endswith((".", "?", ")")), (
            f"{rule.code}.{field_name}: end with a full stop"
        )
    assert rule.domains and set(rule.domains) <= {"SHV", "VS"}
    assert rule.removed is False


def test_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_titles_are_unique() -> None:
    titles = [rule.title for rule in RULES]
    assert len(titles) == len(set(titles))


def test_groups_have_rules() -> None:
    assert set(GROUPS) == {rule.code[0] for rule in RULES}


@pytest.mark.parametrize("code", sorted(SPEC))
def test_configurable_rules_have_thresholds(code: str) -> None:
    _column, text = SPEC[code]
    if "(configurable" in text:
        assert CATALOGUE[code].thresholds, f"{code} is configurable in rules.md but has no thresholds"


def test_threshold_defaults() -> None:
    actual = {rule.code: rule.thresholds for rule in RULES if rule.thresholds is not None}
    assert actual == EXPECTED_THRESHOLDS
    for code, thresholds in actual.items():
        for key, value in thresholds.items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"{code}: threshold key {key!r} is not snake_case"
            assert isinstance(value, int | float) and not isinstance(value, bool)


@pytest.mark.parametrize("code", sorted(_decisions_codes()))
def test_decisions_are_stated_in_why(code: str) -> None:
    assert "Besluit:" in CATALOGUE[code].why, f"{code} is settled in the Decisions of rules.md"


def test_domains_follow_rules_md() -> None:
    both = {"F", "S"}
    for rule in RULES:
        group = rule.code[0]
        if group in both or rule.code in {"L01", "L02", "L03", "L04"}:
            assert rule.domains == ("SHV", "VS"), rule.code
        elif group == "V":
            assert rule.domains == ("VS",), rule.code
        else:
            assert rule.domains == ("SHV",), rule.code


def test_rules_for_domain() -> None:
    shv = rules_for_domain("SHV")
    vs = rules_for_domain("vs")
    assert {r.code for r in shv} | {r.code for r in vs} == set(CATALOGUE)
    assert [r.code for r in vs][:3] == ["F01", "F02", "F03"]
    assert all(r.code[0] != "V" for r in shv)
    assert {r.code for r in vs if r.code[0] == "L"} == {"L01", "L02", "L03", "L04"}
    with pytest.raises(ValueError, match="Onbekend domein"):
        rules_for_domain("XYZ")


def test_get_rule() -> None:
    assert get_rule("P02").name == "phase-order"
    assert get_rule(" p02 ") is CATALOGUE["P02"]


def test_get_rule_unknown_group_is_dutch_and_helpful() -> None:
    with pytest.raises(KeyError) as info:
        get_rule("X99")
    message = str(info.value)
    assert isinstance(info.value, UnknownRuleError)
    assert message.startswith("Onbekende regelcode 'X99'")
    assert "ddas-quality rules" in message
    assert "P (Fasen)" in message


def test_get_rule_unknown_number_names_nearest_codes() -> None:
    with pytest.raises(KeyError) as info:
        get_rule("P13")
    message = str(info.value)
    assert "P01 tot en met P12" in message
    assert "P12" in message.split("bedoelt u", 1)[1]


_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_texts_hold_no_identifiers(rule: Rule) -> None:
    for field_name in ("title", "checks", "why", "fix", "example"):
        value = getattr(rule, field_name)
        assert not _NINE_DIGITS.search(value), f"{rule.code}.{field_name}: looks like a BSN"
    assert not _POSTCODE.search(rule.example), f"{rule.code}: example looks like a postcode"


def test_import_is_light() -> None:
    code = (
        "import sys, ddas_quality.catalogue\n"
        "heavy = [m for m in ('pandas', 'great_expectations', 'jsonschema', 'numpy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "", f"importing the catalogue pulled in: {result.stdout.strip()}"


def test_generated_rules_page_is_in_sync() -> None:
    """docs/regels.md is what the README links to: it must say what the code does now."""
    from conftest import ROOT

    from ddas_quality.implemented import implemented_codes
    from ddas_quality.rules_doc import render

    page = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    assert page == render(implemented_codes()), "docs/regels.md is verouderd: python -m ddas_quality.rules_doc"
