"""A progress bar for a batch check, on stderr and only when stderr is a terminal.

Tests capture output and CI logs are no terminal: there the bar never appears and the pipeline keeps its faster
path (with a progress callback it reads in this process, without overlapping the Great Expectations import).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

SUITES = "Afleiden en controleren (Great Expectations)…"


def wanted(paths: Sequence[str | Path], stream: Any = None) -> bool:
    """A bar pays only on a terminal and for more than one input (a folder or zip may hold many)."""
    stream = stream if stream is not None else sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return False
    return len(paths) > 1 or any(Path(p).is_dir() or str(p).lower().endswith(".zip") for p in paths)


@contextmanager
def file_progress(paths: Sequence[str | Path], console: Console | None = None) -> Iterator[Any]:
    """Yield a callback for `check_paths(progress=...)`, or None when no bar should show.

    The total is what the reader plans (a zip counts once, so the bar grows when a zip holds more); after
    the last planned file the bar turns into a spinner for the derive and suites stage.
    """
    console = console or Console(stderr=True)
    if not wanted(paths, console.file):
        yield None
        return
    from ..reader import InputError, planned_inputs

    try:
        total = planned_inputs(paths)
    except InputError:   # reading says what is wrong, in the same words
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        planned = total
        task = bar.add_task("Inlezen", total=total)
        done = 0

        def advance(report: Any) -> None:
            nonlocal done
            done += 1
            last = done == planned   # a zip with more members makes more calls: the bar grows with them
            bar.update(task, completed=done, total=max(planned, done),
                       description=SUITES if last else f"Inlezen: {escape(_short(report.file))}")

        yield advance


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else "…" + name[-(width - 1):]
