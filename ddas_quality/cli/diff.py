"""`ddas-quality diff OUD NIEUW`: what a correctielevering changed (ddas_quality.diff)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options as opt
from .errors import EXIT_FINDINGS, EXIT_OK, fail
from .output import deliver, summary_console

FORMATS = ("text", "json", "html")


def diff(
    old: str = typer.Argument(..., metavar="OUD", help="De eerdere levering (bestand, .zip of map).",
                              show_default=False),
    new: str = typer.Argument(..., metavar="NIEUW", help="De correctielevering (bestand, .zip of map).",
                              show_default=False),
    output_format: str = typer.Option("text", "--format", "-f", metavar="FORMAAT", help="Uitvoer: text, json of html."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="PAD",
                                       help="Schrijf naar dit bestand (html: deze map)."),
    domain: str | None = opt.Domain,
    gemeenten: Path | None = opt.Gemeenten,
    config: Path | None = opt.Config,
    profile: str | None = opt.Profile,
) -> None:
    """Exit 0: vergeleken; 1: NIEUW heeft fouten die OUD niet had; 2: onbruikbare invoer."""
    from ..diff import DiffError, compare_paths
    from ..reader import InputError
    from ..suites import SuiteError

    if output_format not in FORMATS:
        fail(f"Onbekend formaat '{output_format}'. Kies uit: {', '.join(FORMATS)}.")
    if output_format == "html" and output is None:
        fail("Voor --format html is --output MAP nodig, bv. --output vergelijking/.")
    options = opt.build_options(None, None, domain, None, gemeenten, config=config, profile=profile)
    try:
        result = compare_paths([old], [new], options)
    except InputError as error:
        fail(str(error))
    except DiffError as error:
        fail(str(error))
    except SuiteError as error:
        fail(f"De controles zelf zijn niet in orde: {error}")
    _emit(result, output_format, output)
    raise typer.Exit(EXIT_FINDINGS if result.new_errors else EXIT_OK)


def _emit(result, output_format: str, output: Path | None) -> None:
    from ..reporters import diff_text

    if output_format == "html":
        from ..reporters import diff_html

        try:
            index = diff_html.write(result, output)
        except OSError as error:
            fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
        diff_text.write(result, summary_console())
        typer.echo(f"\nVergelijking geschreven: {index}")
        return
    if output_format == "text" and output is None:
        diff_text.write(result, summary_console())
        return
    if output_format == "json":
        from ..reporters import diff_json

        rendered = diff_json.render(result)
    else:
        rendered = diff_text.render(result)
    deliver(rendered, output, lambda: diff_text.write(result, summary_console(stderr=True)))
