"""The program's entry point (`ddas-quality`, `python -m ddas_quality`).

Loading the command line takes about a second (typer, rich, the commands). Ctrl-C in that second interrupted an
import, outside `cli.main`, and Python printed a traceback; here it ends as Ctrl-C does later: "Afgebroken.", exit 2.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 2   # the exit code of any stop before the work is done (`cli.errors.EXIT_TOOL_ERROR`)


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Afgebroken.\n")
        sys.exit(EXIT_INTERRUPTED)
    run()
