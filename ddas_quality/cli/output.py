"""Where a rendered result goes: stdout, or a file with the terminal summary on stderr (one rule for every command)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .errors import fail


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
