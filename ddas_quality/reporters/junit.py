"""JUnit XML for CI systems: one testsuite per file, one testcase per rule that found something."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..catalogue import CATALOGUE
from ..pipeline import RunResult

_MAX_LISTED = 200


def render(result: RunResult, fail_on: str = "error") -> str:
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    root = ET.Element("testsuites", name="ddas-quality")
    names = [report.file for report in result.files]
    groups: dict[str, dict[str, list]] = {name: defaultdict(list) for name in names}
    for finding in result.findings:
        groups.setdefault(finding.file, defaultdict(list))[finding.rule].append(finding)
    total_failures = 0
    for file, by_rule in groups.items():
        suite = ET.SubElement(root, "testsuite", name=file)
        failures = 0
        if not by_rule:
            ET.SubElement(suite, "testcase", classname=file, name="ddas-quality: geen bevindingen")
        for code in sorted(by_rule):
            items = by_rule[code]
            rule = CATALOGUE.get(code)
            case = ET.SubElement(suite, "testcase", classname=file,
                                 name=f"{code} {rule.title if rule else ''}".strip())
            lines = [f"{f.path or '$'}: {f.message}" for f in items[:_MAX_LISTED]]
            if len(items) > _MAX_LISTED:
                lines.append(f"... en nog {len(items) - _MAX_LISTED} keer")
            text = "\n".join(lines)
            if any(f.severity in failing for f in items):
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"{code}: {len(items)} bevinding(en)",
                                        type=max((f.severity for f in items), key=lambda s: s == "error"))
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
        suite.set("tests", str(max(1, len(by_rule))))
        suite.set("failures", str(failures))
        total_failures += failures
    root.set("failures", str(total_failures))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
