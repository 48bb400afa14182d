"""`ddas-quality generate`: synthetic deliveries (never real data) for tests, CI and benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .errors import fail


def generate(
    output: Path = typer.Option(..., "--output", "-o", help="Het te schrijven .json-bestand."),
    domain: str = typer.Option("shv", "--domain", help="Alleen shv wordt nu gemaakt."),
    trajecten: int = typer.Option(100, "--trajecten", "-n", min=1, max=2_000_000, help="Aantal trajecten."),
    seed: int = typer.Option(1, "--seed", help="Zelfde seed = zelfde bestand."),
    periode: int = typer.Option(2024, "--periode", help="Jaar van de peilperiode."),
    halfjaar: int | None = typer.Option(None, "--halfjaar", min=1, max=2, help="1 of 2 voor een halfjaarlevering."),
    gemeente: list[str] | None = typer.Option(None, "--gemeente", help="Gemeentecode(s); standaard passend gekozen."),
    defect: list[str] | None = typer.Option(None, "--defect", help="Voeg een fout toe die deze regel moet vinden."),
    verwacht: Path | None = typer.Option(None, "--verwacht", help="Schrijf hierheen (JSON) welke meldingen een "
                                         "controle moet geven: regel en JSON-pad per ingevoegde fout."),
) -> None:
    from ..generator import SUPPORTED_DEFECTS, generate_delivery, write_delivery

    if domain.lower() != "shv":
        fail("Alleen --domain shv kan nu gegenereerd worden.")
    codes = [code.strip().upper() for value in defect or [] for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in SUPPORTED_DEFECTS]
    if unknown:
        fail(f"Deze fouten kan de generator (nog) niet maken: {', '.join(unknown)}. "
             f"Wel: {', '.join(sorted(SUPPORTED_DEFECTS))}.")
    try:
        delivery = generate_delivery(trajecten=trajecten, seed=seed, year=periode, half=halfjaar,
                                     gemeentecodes=gemeente or None, defects=codes)
    except ValueError as error:  # the generator explains in Dutch what does not fit
        fail(str(error))
    try:
        write_delivery(delivery.document, output)
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    if verwacht is not None:
        manifest = {"bestand": output.name, "seed": seed, "trajecten": trajecten,
                    "defecten": delivery.expected_findings()}
        try:
            verwacht.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"Kan niet schrijven naar {verwacht}: {error.strerror}.")
    typer.echo(f"Geschreven: {output} ({trajecten} trajecten, seed {seed}).")
    for item in delivery.defects:
        typer.echo(f"  fout {item.rule} op {item.path}")
