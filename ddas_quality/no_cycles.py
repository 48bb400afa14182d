"""Python's cyclic garbage collector kept away from objects that make no cycles and come by the million.

A collection looks at every container object of its generations, and one runs each time enough new ones were
made. A parsed document (two million dicts and lists for 100,000 trajecten) makes that all cost and no gain:
parsing it, flattening it, and the young-generation runs right after (which looked at all of it once more,
0.65 s, and again in the older generations) found nothing. Reference counting still frees every object as it
goes; only cycles wait, and these objects make none.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# How many `frozen` blocks are open, in any thread (a forked worker inherits its parent's); whether they freeze:
# not when the program had frozen objects of its own before the first block opened (a server that froze its
# start-up state), since the end of our block cannot tell its objects from ours.
_open_blocks = 0
_active = False
_lock = threading.Lock()


@contextmanager
def collector_paused(leave_alone: bool = False) -> Iterator[None]:
    """No cyclic collections inside; the collector's state as it was afterwards (a caller that paused it keeps it
    paused). `leave_alone`: inside a `frozen` block, what exists at the end (a parsed document, GX's modules)
    stays out of later collections too (`gc.freeze`), until that block ends; outside one it changes nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if leave_alone and _open_blocks and _active:
            gc.freeze()
    finally:
        if collecting:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now, and what `collector_paused(leave_alone=True)` adds inside, is left out of collections
    until the last open block ends (checks in two threads share one), then it is collected as usual again.
    Nothing is frozen when the program had frozen objects itself: they stay as it left them."""
    global _open_blocks, _active
    with _lock:
        if _open_blocks == 0:
            _active = gc.get_freeze_count() == 0
        if _active:
            gc.freeze()
        _open_blocks += 1
    try:
        yield
    finally:
        with _lock:
            _open_blocks -= 1
            if _open_blocks == 0 and _active:
                gc.unfreeze()
