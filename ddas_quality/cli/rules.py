"""`ddas-quality rules [CODE]`: the catalogue, generated from `catalogue.py`."""

from __future__ import annotations

import typer

from .errors import fail


def rules(
    code: str | None = typer.Argument(None, help="Een regelcode, bv. P02. Zonder code: de hele catalogus."),
) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..catalogue import CATALOGUE, GROUPS
    from ..implemented import implemented_codes
    from ..rules_doc import severity_label

    console = Console(highlight=False)
    done = implemented_codes()
    if code is None:
        table = Table(title="DDAS-regelcatalogus", show_lines=False)
        for column in ("Code", "Ernst", "Titel", "Status"):
            table.add_column(column)
        for rule in CATALOGUE.values():
            severity = severity_label(rule)
            status = "actief" if rule.code in done else "nog niet gebouwd"
            table.add_row(rule.code, severity, rule.title, status)
        console.print(table)
        console.print(f"{len(done)} van {len(CATALOGUE)} regels actief. Groepen: "
                      + ", ".join(f"{k} = {v}" for k, v in GROUPS.items()))
        console.print("Meer over één regel: ddas-quality rules CODE")
        return
    rule = CATALOGUE.get(code.strip().upper())
    if rule is None:
        fail(f"Onbekende regelcode '{code}'. Bekijk alle codes met: ddas-quality rules")
    severity = severity_label(rule)
    console.print(f"[bold]{rule.code} — {rule.title}[/]  ({severity}; groep {GROUPS.get(rule.code[0], '?')})")
    console.print(f"Status: {'actief (' + done[rule.code] + ')' if rule.code in done else 'nog niet gebouwd'}")
    for heading, text in (("Wat wordt gecontroleerd", rule.checks), ("Waarom", rule.why),
                          ("Voorbeeld", rule.example), ("Hoe herstellen", rule.fix), ("Bron", rule.source)):
        console.print(f"\n[bold]{heading}[/]\n{text}")
    if rule.thresholds:
        console.print("\n[bold]Instelbare drempels[/]")
        for key, value in rule.thresholds.items():
            console.print(f"  {key} = {value}")
