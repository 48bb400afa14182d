"""`ddas-quality check`: the main job."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options as opt
from .errors import EXIT_FINDINGS, EXIT_OK, fail
from .output import deliver, summary_console

FORMATS = ("text", "json", "junit", "html", "github", "sarif", "gitlab")
FORMAT_HELP = ("Uitvoer: text, json, junit of html; voor CI ook github (annotaties in GitHub Actions), "
               "sarif (code scanning) of gitlab (Code Quality).")
# Formats rendered by `reporters.<module>.render(result, fail_on)`: the CI formats and JSON/JUnit.
_RENDERERS = {"json": "json_report", "junit": "junit", "github": "github", "sarif": "sarif", "gitlab": "gitlab"}


def run_checks(paths: list[str], options, progress=None):
    """The Python API (`ddas_quality.api`) with its exceptions as Dutch exit-2 messages; the pipeline's
    RunResult back, for the reporters."""
    from ..api import ConfigError, InputError, SuiteError, check_with_options

    try:
        return check_with_options(list(paths), options, progress=progress).run
    except (InputError, ConfigError) as error:
        fail(str(error))
    except SuiteError as error:
        fail(f"De controles zelf zijn niet in orde: {error}")


def check(
    paths: list[str] = opt.Paths,
    output_format: str = typer.Option("text", "--format", "-f", metavar="FORMAAT", help=FORMAT_HELP),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="PAD",
                                       help="Schrijf naar dit bestand (html: deze map)."),
    select: list[str] | None = opt.Select,
    ignore: list[str] | None = opt.Ignore,
    fail_on: str | None = opt.FailOn,
    domain: str | None = opt.Domain,
    schema_version: str | None = opt.SchemaVersion,
    gemeenten: Path | None = opt.Gemeenten,
    config: Path | None = opt.Config,
    previous: list[str] | None = opt.Previous,
    profile: str | None = opt.Profile,
    details: bool = opt.Details,
) -> None:
    from .progress import file_progress

    if output_format not in FORMATS:
        fail(f"Onbekend formaat '{output_format}'. Kies uit: {', '.join(FORMATS)}.")
    if output_format == "html" and output is None:
        fail("Voor --format html is --output MAP nodig, bv. --output rapport/.")
    options = opt.build_options(select, ignore, domain, schema_version, gemeenten, fail_on=fail_on, config=config,
                                previous=previous, profile=profile)
    fail_on = options.fail_on
    with file_progress(paths) as progress:   # None unless stderr is a terminal
        result = run_checks(paths, options, progress=progress)
    emit(result, output_format, output, fail_on, details=details)
    raise typer.Exit(EXIT_FINDINGS if result.failed(fail_on) else EXIT_OK)


def emit(result, output_format: str, output: Path | None, fail_on: str, *, details: bool = False) -> None:
    """Render in the chosen format and write it where asked; the terminal gets a summary too."""
    from ..reporters import text

    if output_format == "html":
        from ..reporters import html_report

        if output.exists() and not output.is_dir():
            fail(f"{output} is een bestand; het HTML-rapport is een map met pagina's. Geef bij --output een "
                 "(nieuwe) map op.")
        index = html_report.write(result, output, fail_on)
        text.write(result, summary_console(), fail_on)
        typer.echo(f"\nRapport geschreven: {index}")
        return
    if output_format == "text":
        if output is None:
            text.write(result, summary_console(), fail_on, details=details)
            return
        rendered = text.render(result, fail_on, details=details)
    else:
        from importlib import import_module

        try:
            rendered = import_module(f"..reporters.{_RENDERERS[output_format]}", __package__).render(result, fail_on)
        except ValueError as error:   # a bad setting of the format itself (DDAS_QUALITY_ANNOTATIONS)
            fail(str(error))
    deliver(rendered, output, lambda: text.write(result, summary_console(stderr=True), fail_on))
