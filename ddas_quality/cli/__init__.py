"""Command line: thin commands that parse options, call the pipeline, pick a reporter, set the exit code.

Heavy imports (pandas, Great Expectations) happen inside the commands, so `--help`, `--version` and
`rules` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import NoReturn

import typer

from .. import __version__
from .check import check
from .diff import diff
from .errors import EXIT_TOOL_ERROR, fail
from .generate import generate
from .overzicht import overzicht
from .report import report
from .rules import rules
from .usage import DutchHelpCommand, DutchHelpGroup, is_command_line_error, usage_text

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
    cls=DutchHelpGroup,
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


for _command, _help in (
    (check, "Controleer een of meer leveringen (bestand, .zip of map)."),
    (report, "Maak het HTML-rapport (bevindingen en data docs) in een map."),
    (rules, "Toon de regelcatalogus, of één regel met uitleg."),
    (generate, "Maak een synthetische levering (geen echte gegevens), eventueel met fouten erin."),
    (overzicht, "Landelijk overzicht van veel leveringen: CSV, Parquet en HTML in een map."),
    (diff, "Vergelijk een correctielevering met de eerdere levering: wat is er veranderd."),
):
    app.command(cls=DutchHelpCommand, help=_help)(_command)


INTERRUPTED = 130   # the exit code typer gives a KeyboardInterrupt (128 + SIGINT)


def main() -> None:
    """Entry point: never a traceback for the user (set DDAS_QUALITY_DEBUG=1 to see one); exit 2 either way."""
    try:
        # Not standalone: a mistyped command comes back here as an exception, to be worded in Dutch (`usage`).
        code = app(standalone_mode=False)
        if code == INTERRUPTED:   # Ctrl-C during a command: typer makes it exit code 130
            raise KeyboardInterrupt
        _leave(code)
    except SystemExit as stop:
        _leave(stop.code)
    except KeyboardInterrupt:
        sys.stderr.write("Afgebroken.\n")
        sys.exit(EXIT_TOOL_ERROR)
    except Exception as error:  # the one place that turns any failure into exit 2
        if is_command_line_error(error):
            _show_command_line_error(error)
        if os.environ.get("DDAS_QUALITY_DEBUG"):
            traceback.print_exc()   # the details debug is for; the exit code stays the defined one (2, not 1)
        from ..parallel import ChildLost

        if isinstance(error, ChildLost) and not error.failed:
            fail("Een hulpproces dat een deel van de invoer las, stopte voortijdig (vaak: te weinig "
                 "geheugen). Probeer het opnieuw met DDAS_QUALITY_WORKERS=1: dan leest één proces alles.")
        fail(f"Interne fout in ddas-quality ({type(error).__name__}). Meld dit bij de beheerders; "
             f"met DDAS_QUALITY_DEBUG=1 ziet u de technische details.")


def _show_command_line_error(error: Exception) -> NoReturn:
    """A mistake in the command itself: usage and the mistake in Dutch; help when nothing was given."""
    if type(error).__name__ == "NoArgsIsHelpError":
        sys.stderr.write(error.format_message() + "\n")
    else:
        sys.stderr.write(usage_text(error))
    sys.exit(EXIT_TOOL_ERROR)


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
