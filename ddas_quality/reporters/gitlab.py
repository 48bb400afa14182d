"""GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues, one per finding.

GitLab needs per issue a description, check_name, a unique fingerprint, a severity (info, minor, major,
critical, blocker) and `location.path` with `location.lines.begin`. Errors (CBS refuses the delivery) are
`critical`, warnings `minor`, info `info`. Where the line of the JSON path is not known (zip members, very
big files, findings about several files) the issue points at line 1 of the file.
"""

from __future__ import annotations

import json

from ..catalogue import CATALOGUE
from ..findings import Finding
from ..pipeline import RunResult
from .ci_common import Place, fingerprint, most_severe_first, places, rule_help

SEVERITY = {"error": "critical", "warning": "minor", "info": "info"}


def issue(finding: Finding, place: Place) -> dict:
    rule = CATALOGUE.get(finding.rule)
    where = [part for part in (place.member, finding.path) if part]
    if place.others:
        where.append("ook in " + ", ".join(place.others))
    description = f"{finding.rule}: {finding.message}" + (f" ({'; '.join(where)})" if where else "")
    out: dict = {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding),
        "severity": SEVERITY[finding.severity],
        "location": {"path": place.file, "lines": {"begin": place.position.line if place.position else 1}},
    }
    if rule is not None:
        out["content"] = {"body": f"{rule.title}. Herstel: {rule.fix} Meer: {rule_help(rule.code)}."}
    return out


def build(result: RunResult, fail_on: str = "error") -> list[dict]:
    ordered = most_severe_first(result.findings)
    return [issue(finding, place) for finding, place in zip(ordered, places(result, ordered), strict=True)]


def render(result: RunResult, fail_on: str = "error") -> str:
    return json.dumps(build(result, fail_on), ensure_ascii=False, indent=2) + "\n"
