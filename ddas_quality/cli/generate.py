"""`ddas-quality generate`: synthetic deliveries (never real data) for tests, CI and benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .errors import fail


def generate(
    output: Path = typer.Option(..., "--output", "-o", help="Het te schrijven .json-bestand."),
    domain: str = typer.Option("shv", "--domain", help="shv (schuldhulpverlening) of vs (vroegsignalering)."),
    trajecten: int = typer.Option(100, "--trajecten", "-n", min=1, max=2_000_000, help="Aantal trajecten (shv)."),
    signalen: int = typer.Option(100, "--signalen", min=1, max=2_000_000, help="Aantal vroegsignalen (vs)."),
    seed: int = typer.Option(1, "--seed", help="Zelfde seed = zelfde bestand."),
    periode: int = typer.Option(2024, "--periode", help="Jaar van de peilperiode."),
    halfjaar: int | None = typer.Option(None, "--halfjaar", min=1, max=2, help="1 of 2 voor een halfjaarlevering."),
    gemeente: list[str] | None = typer.Option(None, "--gemeente", help="Gemeentecode(s); standaard passend gekozen "
                                              "(vs: één gemeente)."),
    defect: list[str] | None = typer.Option(None, "--defect", help="Voeg een fout toe die deze regel moet vinden."),
    verwacht: Path | None = typer.Option(None, "--verwacht", help="Schrijf hierheen (JSON) welke meldingen een "
                                         "controle moet geven: regel en JSON-pad per ingevoegde fout."),
) -> None:
    from ..generator import SUPPORTED_DEFECTS, generate_delivery, write_delivery
    from ..generator_vs import SUPPORTED_VS_DEFECTS, generate_vs_delivery

    domain = domain.strip().lower()
    if domain not in ("shv", "vs"):
        fail(f"Onbekend domein '{domain}'. Kies shv of vs.")
    supported = SUPPORTED_DEFECTS if domain == "shv" else SUPPORTED_VS_DEFECTS
    codes = [code.strip().upper() for value in defect or [] for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in supported]
    if unknown:
        fail(f"Deze fouten kan de generator voor {domain} (nog) niet maken: {', '.join(unknown)}. "
             f"Wel: {', '.join(sorted(supported))}.")
    if domain == "vs" and gemeente and len(gemeente) > 1:
        fail("Een VS-bestand is voor één gemeente: geef --gemeente één keer op.")
    try:
        if domain == "shv":
            delivery = generate_delivery(trajecten=trajecten, seed=seed, year=periode, half=halfjaar,
                                         gemeentecodes=gemeente or None, defects=codes)
        else:
            delivery = generate_vs_delivery(signalen=signalen, seed=seed, year=periode, half=halfjaar,
                                            gemeentecode=gemeente[0] if gemeente else None, defects=codes)
    except ValueError as error:  # the generator explains in Dutch what does not fit
        fail(str(error))
    count, unit = (trajecten, "trajecten") if domain == "shv" else (signalen, "signalen")
    try:
        write_delivery(delivery.document, output)
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    if verwacht is not None:
        manifest = {"bestand": output.name, "seed": seed, unit: count, "defecten": delivery.expected_findings()}
        try:
            verwacht.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"Kan niet schrijven naar {verwacht}: {error.strerror}.")
    typer.echo(f"Geschreven: {output} ({count} {unit}, seed {seed}).")
    for item in delivery.defects:
        typer.echo(f"  fout {item.rule} op {item.path}")
