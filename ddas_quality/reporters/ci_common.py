"""What the CI formats (GitHub annotations, SARIF, GitLab Code Quality) share: order, places, links, hashes.

Kept out of the reporters so all three point at the same line for the same finding and word the
verdict the same way.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..findings import SEVERITY_RANK, Finding
from ..pipeline import RunResult
from ..reader import ZIP_MEMBER_SEPARATOR
from .locations import Position, positions_in_file


def rule_help(code: str) -> str:
    """Where a user reads the whole rule: the offline `rules` command (this tool has no web address of its own,
    and a guessed link in a CI report would lead nowhere)."""
    return f"ddas-quality rules {code}"


def most_severe_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then info; within a level the run's own stable order (file, rule, place)."""
    return sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])


@dataclass(frozen=True)
class Place:
    """Where a finding points in the repository: a file path as given, and a position when known."""

    file: str                       # the path as the user gave it; for a zip member: the zip
    member: str | None              # the file inside the zip, if any
    position: Position | None       # line/column of the JSON path in that file
    others: tuple[str, ...] = ()    # further files a finding about several files names


def split_files(finding: Finding, names: set[str]) -> list[str]:
    """The input files a finding is about: one, or several for a finding over files (`a.json, b.json`)."""
    if finding.file in names:
        return [finding.file]
    parts = [part for part in finding.file.split(", ") if part in names]
    return parts or [finding.file]


def places(result: RunResult, findings: list[Finding]) -> list[Place]:
    """The place of each finding, in the same order; files on disk are read once to find positions."""
    names = {report.file for report in result.files}
    files = [split_files(finding, names) for finding in findings]
    wanted: dict[str, set[str]] = defaultdict(set)
    for finding, own in zip(findings, files, strict=True):
        if finding.path and own[0] in names and _zip_split(own[0])[1] is None and len(own) == 1:
            wanted[own[0]].add(finding.path)
    found = {file: positions_in_file(file, paths) for file, paths in wanted.items()}
    out = []
    for finding, own in zip(findings, files, strict=True):
        file, member = _zip_split(own[0])
        position = found.get(own[0], {}).get(finding.path) if finding.path and len(own) == 1 else None
        out.append(Place(file, member, position, tuple(own[1:])))
    return out


def _zip_split(name: str) -> tuple[str, str | None]:
    """`levering.zip!SHV_2024_X.json` -> ("levering.zip", "SHV_2024_X.json"); a real file keeps its name."""
    if ZIP_MEMBER_SEPARATOR in name and not Path(name).exists():
        file, member = name.split(ZIP_MEMBER_SEPARATOR, 1)
        return file, member
    return name, None


def fingerprint(finding: Finding) -> str:
    """Stable across runs, different per finding, and made of nothing identifying (rule, file, path, message).

    Messages never hold an identifier (a BSN is shown masked at most), so the hash cannot be traced back
    to a person either.
    """
    key = "\x00".join((finding.rule, finding.file, finding.path or "", finding.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}".replace(",", ".")


def counts_text(result: RunResult) -> str:
    counts = result.severity_counts()
    return ", ".join((plural(counts["error"], "fout", "fouten"),
                      plural(counts["warning"], "waarschuwing", "waarschuwingen"),
                      plural(counts["info"], "melding", "meldingen")))


def verdict_text(result: RunResult, fail_on: str) -> str:
    """The verdict in the words of the terminal summary, with the level that decides it."""
    level = "fouten" if fail_on == "error" else "fouten en waarschuwingen"
    if result.failed(fail_on):
        return f"eerst herstellen (--fail-on {fail_on}: {level} laten de controle mislukken)"
    return "klaar voor aanlevering"


def tool_line(result: RunResult) -> str:
    return f"ddas-quality {__version__}: {plural(len(result.files), 'bestand', 'bestanden')} gecontroleerd"
