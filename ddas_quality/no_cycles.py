"""Python's cyclic garbage collector kept away from objects that make no cycles and come by the million.

A collection looks at every container object of its generations, and one runs each time enough new ones were
made. A parsed document (two million dicts and lists for 100,000 trajecten) makes that all cost and no gain:
parsing it, flattening it, and the young-generation runs right after (which looked at all of it once more,
0.65 s, and again in the older generations) found nothing. Reference counting still frees every object as it
goes; only cycles wait, and these objects make none.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(leave_alone: bool = False) -> Iterator[None]:
    """No cyclic collections inside; the collector's state as it was afterwards (a caller that paused it keeps it
    paused). `leave_alone`: what exists at the end (a parsed document) stays out of later collections too
    (`gc.freeze`), until the `frozen` block around it ends."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if leave_alone:
            gc.freeze()
    finally:
        if collecting:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now, and what `collector_paused(leave_alone=True)` adds inside, is left out of collections
    until the block ends. Then it is collected as usual again, unless it was frozen before: whoever froze it then
    lets it go (the outermost block)."""
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()
