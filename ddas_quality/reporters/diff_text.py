"""`diff` on the terminal (rich, Dutch, short): sizes, what changed, figures per gemeente, findings fixed and new."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from ..diff import DeliveryDiff, FindingChange

SHOWN_FIELDS = 10
SHOWN_GEMEENTEN = 15
SHOWN_PER_RULE = 3
#: The figures the terminal table shows (JSON and HTML show all).
TERMINAL_FIGURES = {"trajecten": "trajecten", "signalen": "signalen", "zaken": "zaken",
                    "actieve_clienten": "actieve cliënten"}   # not "actief": it read as active trajecten
_LABEL = {"error": "[bold red]FOUT[/]", "warning": "[yellow]WAARSCHUWING[/]", "info": "[cyan]INFO[/]"}


def _n(value: float) -> str:
    """1234567 -> 1.234.567; amounts without cents."""
    return f"{round(value):,}".replace(",", ".")


def _counts(errors: int, warnings: int) -> str:
    return (f"{_n(errors)} {'fout' if errors == 1 else 'fouten'}, "
            f"{_n(warnings)} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")


def write(diff: DeliveryDiff, console: Console) -> None:
    unit = diff.unit
    console.print(f"[bold]ddas-quality {__version__}[/] — correctielevering vergelijken ({diff.domain})")
    console.print(f"OUD:    {escape(', '.join(diff.old.files))} — {_n(diff.old.units)} {unit}")
    console.print(f"NIEUW:  {escape(', '.join(diff.new.files))} — {_n(diff.new.units)} {unit}")
    console.print()
    console.print(f"[bold]{unit.capitalize()}:[/] [green]{_n(diff.added)} toegevoegd[/], "
                  f"[red]{_n(diff.removed)} verwijderd[/], [yellow]{_n(diff.changed)} gewijzigd[/], "
                  f"{_n(diff.unchanged)} ongewijzigd")
    missing = diff.only_in_old
    if missing:
        names = ", ".join(f"{row.gemeentecode} {row.naam}".strip() for row in missing[:5])
        more = f" en {_n(len(missing) - 5)} meer" if len(missing) > 5 else ""
        console.print(f"[bold yellow]Let op:[/] {_n(len(missing))} "
                      f"{'gemeente staat' if len(missing) == 1 else 'gemeenten staan'} wel in OUD maar niet in NIEUW "
                      f"({escape(names)}{more}): hun {unit} tellen hieronder als verwijderd en hun bevindingen als "
                      "opgelost. Vergelijkt u een correctie van één levering? Geef dan als OUD alleen die eerdere "
                      "levering op.", soft_wrap=True)
    if diff.field_changes:
        console.print("Wat er veranderde (aantal " + unit + "):")
        items = list(diff.field_changes.items())
        for name, count in items[:SHOWN_FIELDS]:
            console.print(f"  {_n(count):>7}  {escape(name)}")
        if len(items) > SHOWN_FIELDS:
            console.print(f"  … en {len(items) - SHOWN_FIELDS} soorten wijzigingen meer (--format json of html).")
    _figures(diff, console)
    _findings(diff, console)


def _figures(diff: DeliveryDiff, console: Console) -> None:
    console.print()
    names = [name for name in TERMINAL_FIGURES if diff.per_gemeente and name in diff.per_gemeente[-1].old]
    table = Table(title="Cijfers per gemeente (oud → nieuw)", title_justify="left", show_lines=False)
    table.add_column("gemeente", no_wrap=True, max_width=28)
    for name in names:
        table.add_column(TERMINAL_FIGURES[name], justify="right", no_wrap=True)
    table.add_column("+/−/~", justify="right", no_wrap=True)
    rows = diff.per_gemeente
    if len(rows) > SHOWN_GEMEENTEN + 1:   # the gemeenten where most changed first, then by code (Totaal last)
        rows = [*sorted(rows[:-1], key=lambda row: -(row.added + row.removed + row.changed)), rows[-1]]
    shown = rows if len(rows) <= SHOWN_GEMEENTEN + 1 else [*rows[:SHOWN_GEMEENTEN], rows[-1]]
    for row in shown:
        cells = []
        for name in names:
            old, new = row.old.get(name, 0), row.new.get(name, 0)
            cells.append(_n(new) if old == new else f"{_n(old)} → {_n(new)}")
        label = "[bold]Totaal[/]" if row.gemeentecode == "Totaal" else escape(f"{row.gemeentecode} {row.naam}".strip())
        table.add_row(label, *cells, f"{row.added}/{row.removed}/{row.changed}")
    console.print(table)
    console.print("+/−/~: toegevoegd / verwijderd / gewijzigd")
    if len(rows) > SHOWN_GEMEENTEN + 1:
        console.print(f"… en {len(rows) - SHOWN_GEMEENTEN - 1} gemeenten meer (--format json of html).")


def _findings(diff: DeliveryDiff, console: Console) -> None:
    console.print()
    fixed = sum(c.count for c in diff.fixed)
    new = sum(c.count for c in diff.new_findings)
    console.print(f"[bold]Bevindingen (fouten en waarschuwingen):[/] [green]{_n(fixed)} opgelost[/], "
                  f"[red]{_n(new)} nieuw[/], {_n(diff.remaining)} gebleven")
    console.print(f"  OUD {_counts(diff.old.errors, diff.old.warnings)}; "
                  f"NIEUW {_counts(diff.new.errors, diff.new.warnings)}")
    _group("Opgelost", diff.fixed, console)
    _group("Nieuw", diff.new_findings, console)
    if diff.new_errors:
        console.print(f"[red]NIEUW heeft {diff.new_errors} fout(en) die OUD niet had[/]: herstel die vóór u de "
                      "correctie levert. Uitleg per regel: [bold]ddas-quality rules CODE[/].")
    else:
        console.print("[green]De correctie brengt geen nieuwe fouten mee.[/]")


def _group(title: str, changes: list[FindingChange], console: Console) -> None:
    if not changes:
        return
    console.print(f"{title}:")
    for change in changes:
        console.print(f"  {_LABEL[change.severity]} {change.rule} ({change.count}×)")
        for finding in change.findings[:SHOWN_PER_RULE]:
            where = f" [dim]{escape(finding.path)}[/]" if finding.path else ""
            console.print(f"    {escape(finding.message)}{where}")
        if change.count > SHOWN_PER_RULE:
            console.print(f"    … en {change.count - SHOWN_PER_RULE} meer")


def render(diff: DeliveryDiff) -> str:
    """The same text without colours (tests, --output FILE)."""
    buffer = StringIO()
    write(diff, Console(file=buffer, width=120, color_system=None, highlight=False))
    return buffer.getvalue()
