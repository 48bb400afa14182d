"""SARIF 2.1.0 for code scanning (GitHub `upload-sarif`, and any SARIF viewer): rules from the catalogue.

One run; `tool.driver.rules` holds the catalogue record of every rule that found something (Dutch texts,
a link to the rule on the rules page); each result points at the file as given and, where the file is on
disk, at the line and column of the finding's JSON path (`locations.py`). The JSON path itself is the
logical location. Fingerprints hash rule, file, path and message: nothing that identifies a person.
GitHub refuses a run with more than 25,000 results, so the most severe 25,000 are kept and the run says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..catalogue import CATALOGUE, GROUPS, Rule
from ..findings import Finding
from ..pipeline import RunResult
from .ci_common import Place, counts_text, fingerprint, most_severe_first, places, plural, rule_help

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
MAX_RESULTS = 25_000
FINGERPRINT_KEY = "ddasQualityFinding/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(file: str) -> str:
    """The file path as given, as a URI reference: forward slashes, `%`-encoded; absolute paths as file: URIs."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(file.replace(os.sep, "/"), safe="/")


def _help_text(rule: Rule) -> str:
    return f"Wat: {rule.checks}\n\nWaarom: {rule.why}\n\nHerstel: {rule.fix}\n\nVoorbeeld: {rule.example}"


def _help_markdown(rule: Rule) -> str:
    return (f"**Wat wordt gecontroleerd.** {rule.checks}\n\n**Waarom.** {rule.why}\n\n**Hoe herstellen.** {rule.fix}"
            f"\n\n**Voorbeeld.** {rule.example}\n\nBron: {rule.source}. Meer: `{rule_help(rule.code)}`.")


def rule_descriptor(code: str) -> dict:
    """`reportingDescriptor` of one rule, from the catalogue."""
    rule = CATALOGUE.get(code)
    if rule is None:   # never expected: every code a check reports is in the catalogue (tested)
        return {"id": code, "shortDescription": {"text": code}}
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.checks},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["ddas", GROUPS.get(rule.group, rule.group), *rule.domains]},
    }


def _location(finding: Finding, place: Place) -> dict:
    physical: dict = {"artifactLocation": {"uri": artifact_uri(place.file)}}
    if place.position is not None:
        physical["region"] = {"startLine": place.position.line, "startColumn": place.position.column}
    location: dict = {"physicalLocation": physical}
    if finding.path:
        name = f"{place.member}{finding.path}" if place.member else finding.path
        location["logicalLocations"] = [{"fullyQualifiedName": name}]
    return location


def _result(finding: Finding, place: Place, index: dict[str, int]) -> dict:
    out: dict = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding, place)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
    }
    if place.others:
        out["relatedLocations"] = [{"id": n, "physicalLocation": {"artifactLocation": {"uri": artifact_uri(other)}}}
                                   for n, other in enumerate(place.others, 1)]
    properties = {"bestand": finding.file}
    if finding.count > 1:
        properties["aantal"] = finding.count
    out["properties"] = properties
    return out


def build(result: RunResult, fail_on: str = "error", max_results: int = MAX_RESULTS) -> dict:
    ordered = most_severe_first(result.findings)
    kept = ordered[:max_results]
    codes = sorted({finding.rule for finding in kept})
    index = {code: n for n, code in enumerate(codes)}
    results = [_result(finding, place, index) for finding, place in zip(kept, places(result, kept), strict=True)]
    invocation: dict = {"executionSuccessful": True}
    if len(ordered) > len(kept):
        invocation["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"Alleen de {plural(len(kept), 'ernstigste', 'ernstigste')} van"
                                f" {plural(len(ordered), 'bevinding', 'bevindingen')} staan in dit bestand (grens van"
                                " code scanning); alle bevindingen: --format json."},
        }]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ddas-quality",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(code) for code in codes],
            }},
            "invocations": [invocation],
            "language": "nl-NL",
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"samenvatting": counts_text(result), "geslaagd": not result.failed(fail_on),
                           "failOn": fail_on},
        }],
    }


def render(result: RunResult, fail_on: str = "error") -> str:
    return json.dumps(build(result, fail_on), ensure_ascii=False, indent=2) + "\n"
