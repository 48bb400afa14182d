"""JSON output: the stable, versioned contract of design.md (schema in `output-schema.json`)."""

from __future__ import annotations

import json

from .. import __version__
from ..pipeline import RunResult

FORMAT_VERSION = 1


def build(result: RunResult, fail_on: str = "error") -> dict:
    counts = result.severity_counts()
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "ddas-quality", "version": __version__},
        "files": [report.to_dict() for report in result.files],
        "summary": {**counts, "passed": not result.failed(fail_on)},
        "findings": [finding.to_dict() for finding in result.findings],
    }


def render(result: RunResult, fail_on: str = "error") -> str:
    return json.dumps(build(result, fail_on), ensure_ascii=False, indent=2) + "\n"
