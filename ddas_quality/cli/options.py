"""Options shared by `check` and `report`, with their Dutch help, defined once."""

from __future__ import annotations

from pathlib import Path

import typer

Paths = typer.Argument(..., help="Bestanden (.json), zip-bestanden of mappen.", show_default=False,
                       metavar="LEVERING")
Select = typer.Option(None, "--select", metavar="CODES",
                      help="Alleen deze regels: codes, groepen of patronen, bv. T01,P of C0*.")
Ignore = typer.Option(None, "--ignore", metavar="CODES", help="Sla deze regels over: codes, groepen of patronen.")
FailOn = typer.Option(None, "--fail-on", metavar="NIVEAU",
                      help="Exitcode 1 vanaf dit niveau: error of warning (standaard: error).",
                      show_default=False)
Domain = typer.Option(None, "--domain", metavar="DOMEIN",
                      help="Forceer het domein: shv of vs (standaard: herkend aan de inhoud).")
SchemaVersion = typer.Option(None, "--schema-version", metavar="VERSIE",
                             help="Forceer de versie van het uitwisselmodel, bv. 1.0.")
# No `dir_okay=False` on these two: click would refuse a folder in English; `config.resolve` says it in Dutch.
Gemeenten = typer.Option(None, "--gemeenten", metavar="BESTAND",
                         help="Een nieuwere gemeentetabel (CSV, zelfde kolommen).")
Config = typer.Option(None, "--config", metavar="BESTAND",
                      help="Configuratiebestand (ddas-quality.toml of pyproject.toml). Standaard: "
                      "gezocht vanaf de huidige map omhoog.")
Previous = typer.Option(None, "--previous", metavar="LEVERING",
                        help="De vorige levering (bestand, .zip of map) om aantallen mee te "
                        "vergelijken (regel A05). Mag vaker.")
Details = typer.Option(False, "--details", help="Bij meer bestanden: alle bevindingen per bestand, in plaats van "
                       "één regel per bestand.")
Profile = typer.Option(None, "--profile", metavar="PROFIEL",
                       help="standaard, of geanonimiseerd voor bestanden met pseudoniemen in "
                       "plaats van BSN's (geen elfproef).", show_default=False)


def build_options(select, ignore, domain, schema_version, gemeenten: Path | None, *, fail_on: str | None = None,
                  config: Path | None = None, previous: list[str] | None = None, profile: str | None = None):
    """Options from the command line and the config file, with usage errors as Dutch exit-2 messages."""
    from ..config import CliSettings, ConfigError, resolve
    from ..domains import all_domains, domain_names
    from .errors import fail

    # `is not None`, not truthiness: an empty value ('') is a mistake to report, not "option not given"
    if domain is not None and domain.upper() not in domain_names():
        fail(f"Onbekend domein '{domain}'. Kies {_choices()}.")
    if schema_version is not None:
        domains = [d for d in all_domains() if not domain or d.name == domain.upper()]
        version = schema_version.lstrip("vV")
        if not any(version in d.versions for d in domains):
            per_domain = "; ".join(f"{d.name} {', '.join(sorted(d.versions, key=_version_key))}" for d in domains)
            fail(f"Onbekende versie '{schema_version}'. Bekend: {per_domain}.")
        schema_version = version
    cli = CliSettings(select=select or None, ignore=ignore or None, fail_on=fail_on, gemeenten=gemeenten,
                      profile=profile, previous=list(previous or []),
                      domain=domain.upper() if domain else None, schema_version=schema_version)
    try:
        return resolve(cli, config)
    except ConfigError as error:
        fail(str(error))


def _choices() -> str:
    """`shv of vs`: the --domain values, for messages."""
    from ..domains import all_domains
    from .usage import either

    return either([domain.prefix for domain in all_domains()])


def _version_key(version: str) -> tuple[int, ...]:
    """`0.9` before `0.10`: versions compare as numbers, not as text."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
