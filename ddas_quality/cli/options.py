"""Options shared by `check` and `report`, with their Dutch help, defined once."""

from __future__ import annotations

from pathlib import Path

import typer

Paths = typer.Argument(..., help="Bestanden (.json), zip-bestanden of mappen.", show_default=False)
Select = typer.Option(None, "--select", help="Alleen deze regels: codes, groepen of patronen, bv. T01,P of C0*.")
Ignore = typer.Option(None, "--ignore", help="Sla deze regels over: codes, groepen of patronen.")
FailOn = typer.Option("error", "--fail-on", help="Exitcode 1 vanaf dit niveau: error of warning.")
Domain = typer.Option(None, "--domain", help="Forceer het domein: shv of vs (standaard: herkend aan de inhoud).")
SchemaVersion = typer.Option(None, "--schema-version", help="Forceer de versie van het uitwisselmodel, bv. 1.0.")
Gemeenten = typer.Option(None, "--gemeenten", help="Een nieuwere gemeentetabel (CSV, zelfde kolommen).",
                         exists=False, dir_okay=False)


def build_options(select, ignore, domain, schema_version, gemeenten: Path | None):
    """Options from the command line, with usage errors as Dutch exit-2 messages."""
    from ..identify import KNOWN_VERSIONS
    from ..run import Options
    from ..selection import split_codes
    from .errors import fail

    if domain and domain.upper() not in KNOWN_VERSIONS:
        fail(f"Onbekend domein '{domain}'. Kies shv of vs.")
    if schema_version:
        known = KNOWN_VERSIONS[domain.upper()] if domain else tuple(v for vs in KNOWN_VERSIONS.values() for v in vs)
        version = schema_version.lstrip("vV")
        if version not in known:
            fail(f"Onbekende versie '{schema_version}'. Bekend: {', '.join(sorted(set(known)))}.")
        schema_version = version
    if gemeenten is not None and not gemeenten.is_file():
        fail(f"Gemeentetabel niet gevonden: {gemeenten}.")
    return Options(domain=domain.upper() if domain else None, schema_version=schema_version,
                   select=split_codes(select) or None, ignore=split_codes(ignore) or None,
                   gemeenten_table=gemeenten)


def check_fail_on(value: str) -> str:
    from .errors import fail

    if value not in ("error", "warning"):
        fail(f"--fail-on moet 'error' of 'warning' zijn, niet '{value}'.")
    return value
