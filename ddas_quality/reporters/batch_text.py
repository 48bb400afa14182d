"""Terminal summary for a batch (more than one file): one line per file, the cross-file findings, the totals.

The DDAS team checks ~340 deliveries at once; every finding of every file would be ~19,000 lines. Here each
file gets one line (verdict, errors, warnings, its size, the rules that fire most); findings that connect
files (a gemeente counted over several files, a client in two organisations' files) get one line per rule and
pair of files. Every finding stays in `--format json`/`html`, or `check --details`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..domains import get_domain
from ..findings import SEVERITY_RANK, Finding
from ..pipeline import FileReport, RunResult
from .text import _plural, rule_groups, write_profile_tip

TOP_RULES = 3          # rules named per file line
FIX_FIRST = 10         # files to fix named in the totals, most errors first
PAIRS_PER_RULE = 5     # file (pair)s named per cross-file rule
CROSS_FILE_RULES = ("C07", "C08", "T15")   # client rules whose other traject may sit in another file
_OTHER_KEYS = ("ander_traject", "eerste_traject")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def other_file(finding: Finding) -> str | None:
    """The other file a C07/C08/T15 finding points to (`$.…[4] in SHV_x.json`), or None when it is the same."""
    if finding.rule not in CROSS_FILE_RULES:
        return None
    for key in _OTHER_KEYS:
        value = finding.context.get(key) or ""
        if " in " in value:
            return value.rsplit(" in ", 1)[1].strip()
    return None


def files_of(finding: Finding, names: set[str]) -> tuple[str, ...]:
    """Every file a finding concerns: its own (one or several, `a, b`) and the other file of a client rule."""
    own = [finding.file] if finding.file in names else [name for name in finding.file.split(", ") if name]
    other = other_file(finding)
    return tuple(sorted({*own, *([other] if other else [])}))


def is_cross_file(finding: Finding, names: set[str]) -> bool:
    return len(files_of(finding, names)) > 1


def unit_count(report: FileReport) -> tuple[int, str]:
    """The file's size in its domain's unit (trajecten or signalen), e.g. (812, "trajecten")."""
    if not report.domain:
        return 0, ""
    domain = get_domain(report.domain)
    key, _, many = next((entity for entity in domain.entities if entity[0].endswith(domain.unit)),
                        domain.entities[1])
    return report.counts.get(key, 0), many


def top_rules(findings: list[Finding], n: int = TOP_RULES) -> list[tuple[str, int]]:
    """The rules with the most errors/warnings, worst first: [(code, count)]."""
    counted = Counter(f.rule for f in findings if f.severity != "info")
    worst: dict[str, int] = {}
    for f in findings:
        worst[f.rule] = min(worst.get(f.rule, SEVERITY_RANK["info"]), SEVERITY_RANK[f.severity])
    return sorted(counted.items(), key=lambda item: (worst[item[0]], -item[1], item[0]))[:n]


def worst_first(to_fix: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(failing findings, file) of the files to fix: most first, then by name. The terminal and the HTML report
    name the first `FIX_FIRST` of them in this order."""
    return sorted(to_fix, key=lambda item: (-item[0], item[1]))


def write(result: RunResult, console: Console, fail_on: str = "error") -> None:
    """Print the batch summary to a rich console (one line per file; lines never wrap)."""
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    names = {report.file for report in result.files}
    per_file: dict[str, list[Finding]] = defaultdict(list)
    cross: list[Finding] = []
    for finding in result.findings:
        if finding.file in names:
            per_file[finding.file].append(finding)
        if is_cross_file(finding, names):
            cross.append(finding)
    files = _plural(len(result.files), "bestand", "bestanden")
    console.print(f"[bold]ddas-quality {__version__}[/] — controle van {files}")
    console.print()
    ready = 0
    units: Counter[str] = Counter()
    to_fix: list[tuple[int, str]] = []
    for report in result.files:
        findings = per_file[report.file]
        ok = not any(f.severity in failing for f in findings)
        ready += ok
        if not ok:
            to_fix.append((sum(f.severity in failing for f in findings), report.file))
        n, unit = unit_count(report)
        if unit:
            units[unit] += n
        console.print(_file_line(report, findings, ok, n, unit), soft_wrap=True)
    if cross:
        console.print()
        console.print("[bold]Over bestanden heen[/] (per gemeente over alle bestanden, cliënten in meer bestanden)")
        _write_cross(cross, names, console)
    _write_copies(result.files, console)
    _write_totals(result, console, fail_on, ready, units, to_fix)


def _file_line(report: FileReport, findings: list[Finding], ok: bool, n: int, unit: str) -> str:
    counts = Counter(f.severity for f in findings)
    verdict = "[green]✔[/]" if ok else "[red]✘[/]"
    version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
    size = f"; {n:,} {unit}".replace(",", ".") if unit else ""
    rules = ", ".join(f"{code} ({count}×)" for code, count in top_rules(findings))
    tail = f" — {rules}" if rules else ""
    return (f"{verdict} {escape(report.file)}  ({version}{size}) — "
            f"{_plural(counts['error'], 'fout', 'fouten')}, "
            f"{_plural(counts['warning'], 'waarschuwing', 'waarschuwingen')}{tail}")


def _write_cross(findings: list[Finding], names: set[str], console: Console) -> None:
    for _, items, heading in rule_groups(findings):
        console.print(heading, soft_wrap=True)
        together = Counter(files_of(f, names) for f in items)
        for files, count in together.most_common(PAIRS_PER_RULE):
            console.print(f"      {escape(' + '.join(files))}: {count}×", soft_wrap=True)
        if len(together) > PAIRS_PER_RULE:
            console.print(f"      … en nog {len(together) - PAIRS_PER_RULE} combinaties van bestanden", soft_wrap=True)


def _write_copies(reports: list[FileReport], console: Console) -> None:
    """Files with exactly the same content: one was most likely added twice (its trajecten then show up as T15
    in one of them, which does not say why)."""
    same: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        if report.sha256 and report.size:
            same[report.sha256].append(report.file)
    copies = [files for files in same.values() if len(files) > 1]
    if not copies:
        return
    console.print()
    console.print("[bold]Dezelfde inhoud[/] (byte voor byte gelijk; staat een levering er dubbel in? Haal de kopie "
                  "weg en controleer opnieuw):", soft_wrap=True)
    for files in copies:
        console.print(f"      {escape(' = '.join(files))}", soft_wrap=True)


def _write_totals(result: RunResult, console: Console, fail_on: str, ready: int, units: Counter[str],
                  to_fix: list[tuple[int, str]]) -> None:
    counts = result.severity_counts()
    console.print()
    status = "[red]NIET GESLAAGD[/]" if result.failed(fail_on) else "[green]GESLAAGD[/]"
    total = len(result.files)
    console.print(f"[bold]Bestanden:[/] {_number(ready)} klaar voor aanlevering, "
                  f"{_number(total - ready)} eerst herstellen (van {_number(total)})")
    if to_fix:
        worst = worst_first(to_fix)
        named = ", ".join(f"{escape(name)} ({_number(n)})" for n, name in worst[:FIX_FIRST])
        more = f" en {_number(len(worst) - FIX_FIRST)} meer" if len(worst) > FIX_FIRST else ""
        console.print(f"[bold]Eerst herstellen[/] (meeste fouten eerst): {named}{more}", soft_wrap=True)
    if units:
        console.print("[bold]Omvang:[/] " + ", ".join(f"{_number(n)} {unit}" for unit, n in sorted(units.items())))
    top = top_rules(result.findings, 5)
    if top:
        console.print("[bold]Meest gevonden:[/] " + ", ".join(f"{code} ({_number(n)}×)" for code, n in top))
    console.print(f"[bold]Totaal:[/] {_plural(counts['error'], 'fout', 'fouten')}, "
                  f"{_plural(counts['warning'], 'waarschuwing', 'waarschuwingen')}, "
                  f"{_plural(counts['info'], 'melding', 'meldingen')} — {status}")
    write_profile_tip(result, console)
    console.print("Alle bevindingen per bestand: [bold]--details[/], of [bold]--format json[/] / "
                  "[bold]--format html --output MAP[/]. Uitleg per regel: [bold]ddas-quality rules CODE[/].")
