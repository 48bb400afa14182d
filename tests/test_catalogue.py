"""The catalogue against the rule catalogue in shared/docs/rules.md: complete, consistent, readable.

Only the comparisons with rules.md need ../shared (they skip without it, see conftest.shared_path); the
catalogue's own consistency checks always run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from conftest import shared_params, shared_path

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
BEYOND = {code for code, rule in CATALOGUE.items() if rule.beyond}   # codes we add beyond rules.md
RULES_MD = "docs/rules.md"  # under ../shared

_ROW_RE = re.compile(r"^\|\s*([A-Z]\d\d)\s*\|\s*([a-z/]+)\s*\|(.*)\|\s*$")

# rules.md's table says "info" for S03, but its Decisions section makes an outdated schema version an
# S03 *warning*; the record's severity is the most severe level, so the table value is the lower one.
RAISED_BY_DECISIONS = {"S03": "warning"}
# Error rows whose text mentions "warning" without the rule giving one itself (T04 points to T05).
MENTIONS_WARNING_OF_OTHER_RULE = {"T04"}

EXPECTED_MIXED = {"F02", "F04", "S03", "L03", "L04", "T09", "P07", "C03", "A01", "V03", "V10"}

# Where rules.md states each threshold default: (where, pattern, scale). `where` is the code whose table row
# says it or "Decisions"; the pattern's group is the number as written (1,000,000 or 25), `scale` turns a
# percentage into a share. V10 follows "A01/A02 logic" ("V10 likewise" in the Decisions): A01's and A02's words.
_PERCENT = 0.01
STATED_IN_RULES_MD: dict[tuple[str, str], tuple[str, str, float]] = {
    ("T13", "max_totaal_schuld"): ("T13", r"total debt > €(\d+(?:,\d{3})*)", 1),
    ("T13", "max_schuld"): ("T13", r"a single schuld > €(\d+(?:,\d{3})*)", 1),
    ("T13", "max_vtlb"): ("T13", r"vtlb outside €0–€(\d+(?:,\d{3})*)", 1),
    ("T14", "max_difference"): ("T14", r"by more than (\d+)%", _PERCENT),
    ("P09", "max_months"): ("P09", r"runs at most (\d+) months", 1),
    ("P09", "grace_months"): ("P09", r"plus (\d+) months grace", 1),
    ("P10", "max_months"): ("P10", r"lasts at most (\d+) months", 1),
    ("P10", "grace_months"): ("Decisions", r"moratorium grace is (\d+) month", 1),
    ("D02", "max_years_before_start"): ("D02", r"more than (\d+) years before the traject start", 1),
    ("A01", "reference_rate_per_1000"): ("Decisions", r"default (\d+) active SHV clients per 1,000 inhabitants", 1),
    ("A01", "error_ratio"): ("A01", r"error below (\d+)% of expected", _PERCENT),
    ("A01", "warning_ratio"): ("A01", r"warning below (\d+)%", _PERCENT),
    ("A01", "min_inwoners"): ("A01", r"gemeenten with ≥ (\d+(?:,\d{3})*) inhabitants", 1),
    ("A02", "max_ratio"): ("A02", r"\(> (\d+)× expected\)", 1),
    ("A02", "min_clients"): ("Decisions", r"only when at least (\d+) clients are counted", 1),
    ("A03", "max_empty_share"): ("A03", r"empty in more than (\d+)%", _PERCENT),
    ("A04", "max_share"): ("A04", r"more than (\d+)% of records share one", _PERCENT),
    ("A04", "min_records"): ("Decisions", r"only for fields filled in at least (\d+) records", 1),
    ("A05", "max_change"): ("A05", r"changed by more than (\d+)%", _PERCENT),
    ("V08", "max_bedrag"): ("V08", r"below €(\d+(?:,\d{3})*)", 1),
    ("V10", "reference_rate_per_1000"): ("Decisions", r"default of (\d+) signals per 1,000 inhabitants", 1),
    ("V10", "error_ratio"): ("A01", r"error below (\d+)% of expected", _PERCENT),
    ("V10", "warning_ratio"): ("A01", r"warning below (\d+)%", _PERCENT),
    ("V10", "min_inwoners"): ("A01", r"gemeenten with ≥ (\d+(?:,\d{3})*) inhabitants", 1),
    ("V10", "max_ratio"): ("A02", r"\(> (\d+)× expected\)", 1),
    ("V10", "min_signals"): ("Decisions", r"only when at least (\d+) clients are counted", 1),
}
CATALOGUE_THRESHOLDS = [(rule.code, key) for rule in RULES for key in (rule.thresholds or {})]


def _spec_text() -> str:
    """rules.md; without ../shared the calling test skips (fails under DDAS_REQUIRE_SHARED=1)."""
    return shared_path("docs", "rules.md").read_text(encoding="utf-8")


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


@cache
def spec() -> dict[str, tuple[str, str]]:
    """rules.md's rows, read once, lazily: importing this module never needs ../shared."""
    return _spec_rows()


def spec_codes() -> list:
    """Every code of rules.md as parameters; one skipped parameter without ../shared."""
    return shared_params(RULES_MD, lambda: sorted(spec()))


def test_spec_has_rules() -> None:
    assert len(spec()) > 50, "parsing rules.md found suspiciously few rules"


def test_codes_match_rules_md_both_ways() -> None:
    missing = sorted(set(spec()) - set(CATALOGUE))
    extra = sorted(set(CATALOGUE) - set(spec()) - BEYOND)
    assert not missing, f"codes in rules.md but not in the catalogue: {missing}"
    assert not extra, f"codes in the catalogue but not in rules.md: {extra}"


def test_codes_beyond_rules_md_say_why_and_are_not_in_it() -> None:
    """Our own additions (rule.beyond = the issue) must not take a code rules.md already uses."""
    for code in sorted(BEYOND):
        assert code not in spec(), f"{code} is in rules.md now: drop its `beyond`"
        assert CATALOGUE[code].beyond.startswith("#"), code


def test_catalogue_order_follows_groups() -> None:
    order = list(GROUPS)
    keys = [(order.index(rule.code[0]), rule.code) for rule in RULES]
    assert keys == sorted(keys)
    assert list(CATALOGUE) == [rule.code for rule in RULES]


@pytest.mark.parametrize("code", spec_codes())
def test_severity_matches_rules_md(code: str) -> None:
    column, _text = spec()[code]
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


@pytest.mark.parametrize("code", spec_codes())
def test_error_rows_that_mention_a_warning_are_mixed(code: str) -> None:
    column, text = spec()[code]
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


@pytest.mark.parametrize("code", spec_codes())
def test_configurable_rules_have_thresholds(code: str) -> None:
    _column, text = spec()[code]
    if "(configurable" in text:
        assert CATALOGUE[code].thresholds, f"{code} is configurable in rules.md but has no thresholds"


def test_threshold_keys_and_values() -> None:
    for rule in RULES:
        for key, value in (rule.thresholds or {}).items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"{rule.code}: threshold key {key!r} is not snake_case"
            assert isinstance(value, int | float) and not isinstance(value, bool), f"{rule.code}.{key}: {value!r}"


def _stated(where: str, pattern: str) -> str:
    """The number that `pattern` finds in rules.md's row for `where` (or its Decisions section), as written."""
    text = _spec_text().split("## Decisions", 1)[1] if where == "Decisions" else spec()[where][1]
    match = re.search(pattern, " ".join(text.split()))
    assert match, f"rules.md ({where}) no longer says {pattern!r}: update STATED_IN_RULES_MD in tests/test_catalogue.py"
    return match.group(1)


@pytest.mark.parametrize(("code", "key"), CATALOGUE_THRESHOLDS, ids=lambda value: str(value))
def test_threshold_default_is_the_one_in_rules_md(code: str, key: str) -> None:
    assert (code, key) in STATED_IN_RULES_MD, (
        f"{code}.{key} is a catalogue threshold that rules.md does not state (or the test does not know where): "
        "state it in ../shared/docs/rules.md and add where to STATED_IN_RULES_MD in tests/test_catalogue.py")
    where, pattern, scale = STATED_IN_RULES_MD[code, key]
    stated = float(_stated(where, pattern).replace(",", "")) * scale
    assert CATALOGUE[code].thresholds[key] == pytest.approx(stated), (
        f"{code}.{key}: the catalogue says {CATALOGUE[code].thresholds[key]}, rules.md ({where}) says {stated:g}")


def test_every_stated_threshold_is_in_the_catalogue() -> None:
    stale = sorted(set(STATED_IN_RULES_MD) - set(CATALOGUE_THRESHOLDS))
    assert not stale, f"STATED_IN_RULES_MD names thresholds the catalogue does not have: {stale}"


@pytest.mark.parametrize("code", shared_params(RULES_MD, lambda: sorted(_decisions_codes())))
def test_decisions_are_stated_in_why(code: str) -> None:
    assert "Besluit:" in CATALOGUE[code].why, f"{code} is settled in the Decisions of rules.md"


def test_domains_follow_rules_md() -> None:
    both = {"F", "S"}
    for rule in RULES:
        if rule.beyond:
            continue
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


@pytest.mark.slow
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
