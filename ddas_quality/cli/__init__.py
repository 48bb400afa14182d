"""Command line: thin commands that parse options, call the pipeline, pick a reporter, set the exit code.

Heavy imports (pandas, Great Expectations) happen inside the commands, so `--help`, `--version` and
`rules` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback

import typer

from .. import __version__
from .check import check
from .diff import diff
from .errors import EXIT_TOOL_ERROR, fail
from .generate import generate
from .overzicht import overzicht
from .report import report
from .rules import rules

app = typer.Typer(
    name="ddas-quality",
    help=(
        "Controleer DDAS-leveringen (schuldhulpverlening, vroegsignalering) "
        "op uw eigen computer, vóór u ze aan CBS levert."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ddas-quality {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Toon de versie en stop."),
) -> None:
    """Lokale, offline kwaliteitscontrole van DDAS-leveringen."""


app.command(help="Controleer een of meer leveringen (bestand, .zip of map).")(check)
app.command(help="Maak het HTML-rapport (bevindingen en data docs) in een map.")(report)
app.command(help="Toon de regelcatalogus, of één regel met uitleg.")(rules)
app.command(help="Maak een synthetische levering (geen echte gegevens), eventueel met fouten erin.")(generate)
app.command(help="Landelijk overzicht van veel leveringen: CSV, Parquet en HTML in een map.")(overzicht)
app.command(help="Vergelijk een correctielevering met de eerdere levering: wat is er veranderd.")(diff)


def main() -> None:
    """Entry point: never a traceback for the user (set DDAS_QUALITY_DEBUG=1 to see one); exit 2 either way."""
    try:
        app()
    except SystemExit as stop:
        _leave(stop.code)
    except KeyboardInterrupt:
        sys.stderr.write("Afgebroken.\n")
        sys.exit(EXIT_TOOL_ERROR)
    except Exception as error:  # the one place that turns any failure into exit 2
        if os.environ.get("DDAS_QUALITY_DEBUG"):
            traceback.print_exc()   # the details debug is for; the exit code stays the defined one (2, not 1)
        from ..parallel import ChildLost

        if isinstance(error, ChildLost) and not error.failed:
            fail("Een hulpproces dat een deel van de invoer las, stopte voortijdig (vaak: te weinig "
                 "geheugen). Probeer het opnieuw met DDAS_QUALITY_WORKERS=1: dan leest één proces alles.")
        fail(f"Interne fout in ddas-quality ({type(error).__name__}). Meld dit bij de beheerders; "
             f"met DDAS_QUALITY_DEBUG=1 ziet u de technische details.")


def _leave(code: int | str | None) -> None:
    """Exit with `code`. After a check, skip the interpreter's teardown: freeing every frame and GX object
    one by one takes up to seconds and nothing is left to write (all output is flushed here first)."""
    if "pandas" not in sys.modules:
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):   # a closed pipe (| head) is not our error
            stream.flush()
    os._exit(code or 0)
