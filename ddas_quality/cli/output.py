"""Where a rendered result goes: stdout, or a file with the terminal summary on stderr (one rule for every command)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import fail

if TYPE_CHECKING:
    from rich.console import Console


def summary_console(stderr: bool = False) -> Console:
    """The console for a command's summary. On a terminal rich wraps lines to its width; in a CI log, a file or a
    pipe no line is broken (rich would break at 80 columns): each finding stays one line to read or grep."""
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        console.soft_wrap = True
    return console


def deliver(rendered: str, output: Path | None, summarize: Callable[[], None]) -> None:
    """Write `rendered` to stdout, or to `output` and then `summarize()` the result on stderr."""
    if output is None:
        sys.stdout.write(rendered)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(rendered, encoding="utf-8")
    except OSError as error:
        fail(f"Kan niet schrijven naar {output}: {error.strerror}.")
    summarize()
    sys.stderr.write(f"\nResultaat geschreven: {output}\n")
