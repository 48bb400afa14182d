"""`ddas-quality generate`: synthetic deliveries (never real data) for tests, CI and benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .errors import fail


def generate(
    output: Path = typer.Option(..., "--output", "-o", metavar="PAD", help="Het te schrijven .json-bestand."),
    domain: str = typer.Option("shv", "--domain", metavar="DOMEIN",
                               help="shv (schuldhulpverlening) of vs (vroegsignalering)."),
    trajecten: int = typer.Option(100, "--trajecten", "-n", metavar="AANTAL", min=1, max=2_000_000,
                                  help="Aantal trajecten (shv)."),
    signalen: int = typer.Option(100, "--signalen", metavar="AANTAL", min=1, max=2_000_000,
                                 help="Aantal vroegsignalen (vs)."),
    seed: int = typer.Option(1, "--seed", metavar="GETAL", help="Zelfde seed = zelfde bestand."),
    periode: int = typer.Option(2024, "--periode", metavar="JAAR", help="Jaar van de peilperiode."),
    halfjaar: int | None = typer.Option(None, "--halfjaar", metavar="1|2", min=1, max=2,
                                        help="1 of 2 voor een halfjaarlevering."),
    gemeente: list[str] | None = typer.Option(None, "--gemeente", metavar="CODE",
                                              help="Gemeentecode(s); standaard passend gekozen "
                                              "(vs: één gemeente)."),
    defect: list[str] | None = typer.Option(None, "--defect", metavar="REGEL",
                                            help="Voeg een fout toe die deze regel moet vinden."),
    verwacht: Path | None = typer.Option(None, "--verwacht", metavar="BESTAND",
                                         help="Schrijf hierheen (JSON) welke meldingen een "
                                         "controle moet geven: regel en JSON-pad per ingevoegde fout."),
    schema_version: str | None = typer.Option(None, "--schema-version", metavar="VERSIE",
                                              help="Versie van het uitwisselmodel "
                                              "(vs: 1.2, 1.1, 1.0 of 0.9); standaard de huidige versie."),
    landelijk: bool = typer.Option(False, "--landelijk", help="Een landelijke set: één levering per gemeente van "
                                   "--periode in de map --output, grootte naar inwoners, met pseudoniemen "
                                   "(controleer met --profile geanonimiseerd). Fouten: --defect REGEL@GEMEENTECODE."),
    per_1000: float | None = typer.Option(None, "--per-1000", metavar="AANTAL",
                                          help="Met --landelijk: trajecten (vs: signalen) per "
                                          "1.000 inwoners in de peilperiode; standaard shv 5, vs de V10-norm."),
    max_bestanden: int | None = typer.Option(None, "--max-bestanden", metavar="AANTAL", min=1,
                                             help="Met --landelijk: hoogstens zoveel "
                                             "gemeenten, gelijk verspreid over de lijst (voor tests)."),
    api_paginas: bool = typer.Option(False, "--api-paginas", help="Schrijf de levering als antwoorden van de "
                                     "DDAS-API: pagina-001.json, ... in de map --output, elk met gegevens en "
                                     "paginering."),
    pagina_grootte: int | None = typer.Option(None, "--pagina-grootte", metavar="AANTAL", min=1,
                                              help="Met --api-paginas: records "
                                              "per pagina; standaard het maximum per bericht (shv 25.000, vs 50.000)."),
) -> None:
    from ..domains import domain_names, get_domain
    from ..domains.common.synthetic import write_delivery

    try:
        record = get_domain(domain.strip())
    except KeyError:
        fail(f"Onbekend domein '{domain}'. Kies {' of '.join(name.lower() for name in domain_names())}.")
    if (pagina_grootte is not None and not api_paginas) or (api_paginas and landelijk):
        fail("--pagina-grootte hoort bij --api-paginas, en --api-paginas gaat niet samen met --landelijk.")
    if not landelijk and (per_1000 is not None or max_bestanden is not None):
        fail("--per-1000 en --max-bestanden horen bij --landelijk.")
    if landelijk:
        _landelijk(output, record.name, seed, periode, halfjaar, per_1000, gemeente, max_bestanden, defect or [],
                   verwacht)
        return
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
    version = schema_version.strip().lstrip("vV") if schema_version is not None else None   # '' is a mistake
    if version is not None and version not in versions:
        fail(f"De generator voor {record.prefix} kan versie '{version}' niet schrijven. "
             f"Wel: {', '.join(versions)}.")
    extra = {"version": version} if version is not None and hasattr(generator, "SUPPORTED_VERSIONS") else {}
    try:
        delivery = generator.generate(count, seed=seed, year=periode, half=halfjaar, gemeentecodes=gemeente or None,
                                      defects=codes, **extra)
    except ValueError as error:  # the generator explains in Dutch what does not fit
        fail(str(error))
    if api_paginas:
        _api_paginas(delivery, record, output, pagina_grootte, verwacht, seed, count)
        return
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


def _landelijk(output: Path, domain: str, seed: int, periode: int, halfjaar: int | None, per_1000: float | None,
               gemeente: list[str] | None, max_bestanden: int | None, defect: list[str], verwacht: Path | None) -> None:
    """`generate --landelijk`: one file per gemeente in the directory `output` (domains.common.national)."""
    import time

    from ..domains.common.national import generate_national

    if output.exists() and not output.is_dir():
        fail(f"{output} is een bestand; geef bij --landelijk een map op.")
    if output.is_dir() and any(output.glob("*.json")):
        fail(f"De map {output} bevat al .json-bestanden: kies een lege of nieuwe map, anders lopen een oude en een "
             "nieuwe set door elkaar (en geeft een controle samenloop tussen beide).")
    began = time.perf_counter()
    try:
        written = generate_national(output, domain=domain, seed=seed, year=periode, half=halfjaar, per_1000=per_1000,
                                    gemeentecodes=gemeente or None, max_files=max_bestanden, defects=defect)
    except ValueError as error:
        fail(str(error))
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    if verwacht is not None:
        try:
            verwacht.write_text(json.dumps(written.manifest(seed), ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
        except OSError as error:
            fail(f"Kan niet schrijven naar {verwacht}: {error.strerror}.")
    seconds = time.perf_counter() - began
    typer.echo(f"Geschreven: {len(written.files)} bestanden in {output} ({written.total} {written.unit}, seed {seed}, "
               f"{seconds:.1f} s). Controleer met --profile geanonimiseerd: de cliënten hebben pseudoniemen.")
    for item in written.files:
        for found in item.defects:
            typer.echo(f"  fout {found.rule} in {item.name} op {found.path}")


def _api_paginas(delivery, record, output: Path, page_size: int | None, verwacht: Path | None, seed: int,
                 count: int) -> None:
    """`generate --api-paginas`: the delivery as DDAS API pages in the folder `output` (domains.common.api_pages);
    the manifest names each defect's page and its path inside that page."""
    from ..api_message import MAX_RECORDS, NAME_RULES
    from ..domains.common.api_pages import write_pages

    if output.exists() and not output.is_dir():
        fail(f"{output} is een bestand; geef bij --api-paginas een map op.")
    upload_only = sorted(set(delivery.by_code) & NAME_RULES)
    if upload_only:
        fail(f"{', '.join(upload_only)} geldt niet voor API-berichten (alleen voor bestanden die met de hand worden "
             "geüpload). Laat deze fout weg bij --api-paginas.")
    try:
        files, index = write_pages(delivery.document, record.name, output, page_size or MAX_RECORDS[record.name])
    except ValueError as error:
        fail(str(error))
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    found = []
    for item in delivery.defects:
        if item.rule in NAME_RULES:   # a side effect (F07 of L06) that API pages do not have
            continue
        page, path = index.locate(item.path)
        found.append({"rule": item.rule, "bestand": page, "path": path}
                     | ({"gemeentecode": item.gemeentecode} if item.gemeentecode else {}))
    if verwacht is not None:
        manifest = {"map": output.name, "bestanden": index.pages, "seed": seed, record.unit: count, "defecten": found}
        try:
            verwacht.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"Kan niet schrijven naar {verwacht}: {error.strerror}.")
    typer.echo(f"Geschreven: {len(files)} API-pagina's in {output} ({count} {record.unit}, seed {seed}, "
               f"{record.name} v{record.current}).")
    for item in found:
        typer.echo(f"  fout {item['rule']} in {item['bestand']} op {item['path']}")
