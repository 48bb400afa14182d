"""`ddas-quality check`: the main job."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import options as opt
from .errors import EXIT_FINDINGS, EXIT_OK, fail

FORMATS = ("text", "json", "junit", "html")


def run_checks(paths: list[str], options):
    """The pipeline with its expected failures as Dutch exit-2 messages."""
    from ..pipeline import check_paths
    from ..reader import InputError
    from ..suites import SuiteError

    try:
        return check_paths(paths, options)
    except InputError as error:
        fail(str(error))
    except SuiteError as error:
        fail(f"De controles zelf zijn niet in orde: {error}")


def check(
    paths: list[str] = opt.Paths,
    output_format: str = typer.Option("text", "--format", "-f", help="Uitvoer: text, json, junit of html."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Schrijf naar dit bestand (html: deze map)."),
    select: list[str] | None = opt.Select,
    ignore: list[str] | None = opt.Ignore,
    fail_on: str | None = opt.FailOn,
    domain: str | None = opt.Domain,
    schema_version: str | None = opt.SchemaVersion,
    gemeenten: Path | None = opt.Gemeenten,
    config: Path | None = opt.Config,
    previous: list[str] | None = opt.Previous,
    profile: str | None = opt.Profile,
) -> None:
    if output_format not in FORMATS:
        fail(f"Onbekend formaat '{output_format}'. Kies uit: {', '.join(FORMATS)}.")
    if output_format == "html" and output is None:
        fail("Voor --format html is --output MAP nodig, bv. --output rapport/.")
    options = opt.build_options(select, ignore, domain, schema_version, gemeenten, fail_on=fail_on, config=config,
                                previous=previous, profile=profile)
    fail_on = options.fail_on
    result = run_checks(paths, options)
    emit(result, output_format, output, fail_on)
    raise typer.Exit(EXIT_FINDINGS if result.failed(fail_on) else EXIT_OK)


def emit(result, output_format: str, output: Path | None, fail_on: str) -> None:
    """Render in the chosen format and write it where asked; the terminal gets a summary too."""
    from rich.console import Console

    from ..reporters import text

    if output_format == "html":
        from ..reporters import html_report

        index = html_report.write(result, output, fail_on)
        text.write(result, Console(stderr=False, highlight=False), fail_on)
        typer.echo(f"\nRapport geschreven: {index}")
        return
    if output_format == "text":
        if output is None:
            text.write(result, Console(highlight=False), fail_on)
            return
        rendered = text.render(result, fail_on)
    elif output_format == "json":
        from ..reporters import json_report

        rendered = json_report.render(result, fail_on)
    else:
        from ..reporters import junit

        rendered = junit.render(result, fail_on)
    if output is None:
        sys.stdout.write(rendered)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(rendered, encoding="utf-8")
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    text.write(result, Console(stderr=True, highlight=False), fail_on)
    sys.stderr.write(f"\nResultaat geschreven: {output}\n")
