"""GitHub Actions workflow commands: one annotation per finding, most severe first, then a Dutch summary.

`::error file=…,line=…,col=…,title=…::message` lines in a step's log become annotations on the run (and on
the file in a pull request). GitHub shows at most 10 error and 10 warning annotations per step and 50 per
job, so the output stops after `DEFAULT_LIMIT` annotations and the summary says how many were left out and
how to see them all. Escaping follows GitHub's own toolkit (`@actions/core`, `command.ts`).
"""

from __future__ import annotations

import os

from ..catalogue import CATALOGUE
from ..findings import Finding
from ..pipeline import RunResult
from .ci_common import Place, counts_text, most_severe_first, places, plural, tool_line, verdict_text

DEFAULT_LIMIT = 50
LIMIT_VARIABLE = "DDAS_QUALITY_ANNOTATIONS"   # another cap, e.g. DDAS_QUALITY_ANNOTATIONS=10; 0 = none
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message after `::`: a newline would end the command, `%` starts an escape."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (`file=…`, `title=…`): also `:` and `,`, which separate the properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def limit_from_environment() -> int:
    """The cap from `DDAS_QUALITY_ANNOTATIONS` (a whole number ≥ 0), else `DEFAULT_LIMIT`.

    Raises ValueError with a Dutch message for any other value: a typo must not silently mean 50.
    """
    value = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_LIMIT
    if not value.isdigit():
        raise ValueError(f"{LIMIT_VARIABLE}={value!r} is geen geheel getal (0 of meer): het aantal annotaties "
                         f"dat --format github hoogstens toont, standaard {DEFAULT_LIMIT}.")
    return int(value)


def annotation(finding: Finding, place: Place) -> str:
    """One workflow command for one finding."""
    rule = CATALOGUE.get(finding.rule)
    properties = [f"file={escape_property(place.file)}"]
    if place.position is not None:
        properties += [f"line={place.position.line}", f"col={place.position.column}"]
    title = f"{finding.rule} {rule.title}" if rule else finding.rule    # Dutch: what the user reads
    properties.append(f"title={escape_property(title)}")
    where = [part for part in (place.member, finding.path) if part]
    if place.others:
        where.append("ook in " + ", ".join(place.others))
    message = finding.message + (f" ({'; '.join(where)})" if where else "")
    if finding.count > 1:
        message += f" [{plural(finding.count, 'keer', 'keer')}]"
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{escape_data(message)}"


def render(result: RunResult, fail_on: str = "error", limit: int | None = None) -> str:
    limit = limit_from_environment() if limit is None else limit
    ordered = most_severe_first(result.findings)
    shown = ordered[:limit]
    lines = [annotation(finding, place) for finding, place in zip(shown, places(result, shown), strict=True)]
    left_out = len(ordered) - len(shown)
    summary = f"{tool_line(result)} — {counts_text(result)}. Oordeel: {verdict_text(result, fail_on)}."
    if left_out:
        summary += (f" {plural(len(shown), 'annotatie', 'annotaties')} getoond,"
                    f" {plural(left_out, 'bevinding', 'bevindingen')} weggelaten (grens {limit}, in te stellen met"
                    f" {LIMIT_VARIABLE}); alle bevindingen: dezelfde controle met --format text, --format json"
                    " of --format sarif.")
    if shown:
        summary += (" GitHub toont per stap hoogstens 10 fouten en 10 waarschuwingen als annotatie; de rest staat"
                    " hierboven in het log.")
    lines.append(summary)
    return "\n".join(lines) + "\n"
