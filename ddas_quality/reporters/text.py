"""Terminal summary (rich, Dutch): per file a verdict, counts per severity, findings grouped per rule."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from io import StringIO

from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..catalogue import CATALOGUE
from ..domains import default_domain, get_domain
from ..findings import SEVERITY_RANK, Finding
from ..pipeline import RunResult

SHOWN_PER_RULE = 5
_LABEL = {"error": "[bold red]FOUT[/]", "warning": "[yellow]WAARSCHUWING[/]", "info": "[cyan]INFO[/]"}
_INDEX = re.compile(r"\[\d+\]")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}".replace(",", ".")


def _counts_line(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join([
        _plural(counts["error"], "fout", "fouten"),
        _plural(counts["warning"], "waarschuwing", "waarschuwingen"),
        _plural(counts["info"], "melding", "meldingen"),
    ])


def write(result: RunResult, console: Console, fail_on: str = "error", *, details: bool = False) -> None:
    """Print the summary to a rich console: for more than one file the batch summary (one line per file,
    reporters/batch_text.py) unless `details` asks for every file's findings as for one file."""
    if len(result.files) > 1 and not details:
        from . import batch_text

        batch_text.write(result, console, fail_on)
        return
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    files = _plural(len(result.files), "bestand", "bestanden")
    console.print(f"[bold]ddas-quality {__version__}[/] — controle van {files}")
    per_file: dict[str, list[Finding]] = defaultdict(list)
    combined: list[Finding] = []
    names = {report.file for report in result.files}
    for finding in result.findings:
        (per_file[finding.file] if finding.file in names else combined).append(finding)
    for report in result.files:
        findings = per_file[report.file]
        console.print()
        version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
        sizes = _sizes(report.domain, report.counts)
        console.print(f"[bold]{escape(report.file)}[/]  ({version}; {sizes})")
        ok = not any(f.severity in failing for f in findings)
        verdict = "[green]✔ Klaar voor aanlevering[/]" if ok else "[red]✘ Eerst herstellen[/]"
        console.print(f"  {verdict} — {_counts_line(findings)}")
        _write_groups(findings, console)
    if combined:
        console.print()
        console.print("[bold]Over alle bestanden samen[/] (per gemeente, cliënten in meer bestanden)")
        _write_groups(combined, console)
    console.print()
    status = "[red]NIET GESLAAGD[/]" if result.failed(fail_on) else "[green]GESLAAGD[/]"
    console.print(f"[bold]Totaal:[/] {_counts_line(result.findings)} — {status}")
    write_profile_tip(result, console)
    if result.failed(fail_on):
        console.print("Herstel de fouten in de registratie of de export en controleer opnieuw. "
                      "Uitleg per regel: [bold]ddas-quality rules CODE[/].")


def write_profile_tip(result: RunResult, console: Console) -> None:
    """When (nearly) every client fails C01, the BSN field most likely holds pseudonyms: an anonymized delivery
    checked without `--profile geanonimiseerd` otherwise only shows a wall of C01 errors."""
    clients = sum(report.counts.get("clienten", 0) for report in result.files)
    failing = sum(1 for finding in result.findings if finding.rule == "C01")
    if failing >= 10 and failing >= clients / 2:
        counted = f"{failing:,} van de {clients:,}".replace(",", ".")
        console.print(f"[bold]Tip:[/] {counted} cliënten hebben een C01-fout (BSN). "
                      "Staan er pseudoniemen in het BSN-veld (een geanonimiseerde levering)? Controleer dan met "
                      "[bold]--profile geanonimiseerd[/].", soft_wrap=True)


def _sizes(domain: str | None, counts: dict[str, int]) -> str:
    """What the file holds, in the entities of its domain (a VS file has signalen and zaken, no trajecten)."""
    record = get_domain(domain) if domain else default_domain()
    return ", ".join(_plural(counts.get(key, 0), one, many) for key, one, many in record.entities)


def rule_groups(findings: list[Finding]) -> list[tuple[str, list[Finding], str]]:
    """Findings per rule as (code, findings, heading line), most severe rule first, then by code."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    ordered = sorted(groups.items(), key=lambda item: (min(SEVERITY_RANK[f.severity] for f in item[1]), item[0]))
    headed = []
    for code, items in ordered:
        worst = min((f.severity for f in items), key=SEVERITY_RANK.__getitem__)
        rule = CATALOGUE.get(code)
        title = rule.title if rule else ""
        headed.append((code, items, f"  {_LABEL[worst]} [bold]{code}[/] {escape(title)} ({len(items)}×)"))
    return headed


def _write_groups(findings: list[Finding], console: Console) -> None:
    for code, items, heading in rule_groups(findings):
        console.print(heading)
        if code == "S02":  # counted per field, not per row
            per_field = Counter(_INDEX.sub("[]", f.path or "$") for f in items)
            for pattern, count in per_field.most_common(SHOWN_PER_RULE):
                console.print(f"      {escape(pattern)}: {count}× null")
        for finding in items[:SHOWN_PER_RULE]:
            where = finding.path or "$"
            console.print(f"      [dim]{escape(where)}[/]  {escape(finding.message)}")
        if len(items) > SHOWN_PER_RULE:
            console.print(f"      … en nog {len(items) - SHOWN_PER_RULE} keer (alles staat in --format json of html)")


def render(result: RunResult, fail_on: str = "error", width: int = 120, *, details: bool = False) -> str:
    """The summary as plain text (for files and tests)."""
    console = Console(file=StringIO(), width=width, no_color=True, highlight=False, emoji=False)
    write(result, console, fail_on, details=details)
    return console.file.getvalue()
