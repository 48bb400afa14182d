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
    schema_version: str | None = typer.Option(None, "--schema-version", help="Versie van het uitwisselmodel "
                                              "(vs: 1.2, 1.1, 1.0 of 0.9); standaard de huidige versie."),
) -> None:
    from ..domains import domain_names, get_domain
    from ..domains.common.synthetic import write_delivery

    try:
        record = get_domain(domain.strip())
    except KeyError:
        fail(f"Onbekend domein '{domain}'. Kies {' of '.join(name.lower() for name in domain_names())}.")
    generator = record.stage("generator")
    codes = [code.strip().upper() for value in defect or [] for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in generator.SUPPORTED_DEFECTS]
    if unknown:
        fail(f"Deze fouten kan de generator voor {record.prefix} (nog) niet maken: {', '.join(unknown)}. "
             f"Wel: {', '.join(sorted(generator.SUPPORTED_DEFECTS))}.")
    unit = record.unit
    count = {"trajecten": trajecten, "signalen": signalen}[unit]
    # A generator that writes more than one version says which (SUPPORTED_VERSIONS); the others write the current.
    versions = getattr(generator, "SUPPORTED_VERSIONS", (record.current,))
    version = schema_version.strip().lstrip("vV") if schema_version else None
    if version is not None and version not in versions:
        fail(f"De generator voor {record.prefix} kan versie {version} niet schrijven. "
             f"Wel: {', '.join(versions)}.")
    extra = {"version": version} if version is not None and hasattr(generator, "SUPPORTED_VERSIONS") else {}
    try:
        delivery = generator.generate(count, seed=seed, year=periode, half=halfjaar, gemeentecodes=gemeente or None,
                                      defects=codes, **extra)
    except ValueError as error:  # the generator explains in Dutch what does not fit
        fail(str(error))
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
    written = version or record.current
    typer.echo(f"Geschreven: {output} ({count} {unit}, seed {seed}, {record.name} v{written}).")
    for item in delivery.defects:
        typer.echo(f"  fout {item.rule} op {item.path}")
