"""The garbage collector is paused and frozen around parsing and flattening only: a program that checks one
delivery after another (the API, a supplier's CI job) gets its collector back as it had it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ddas_quality.no_cycles import collector_paused, frozen
from ddas_quality.pipeline import check_paths

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "SHV_2024_Zandvoort.json"


@pytest.fixture
def collector_as_usual():
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


def test_checks_leave_the_collector_running_and_nothing_frozen(collector_as_usual):
    for _ in range(2):
        result = check_paths([SAMPLE])
        assert result.files and not any(f.rule.startswith("F") for f in result.findings)
        assert gc.isenabled()
        # what a check froze while it ran is collected as usual again: a long-running program does not keep
        # unreachable cycles forever, check after check
        assert gc.get_freeze_count() == 0


def test_a_caller_that_froze_objects_keeps_them_frozen_and_gets_nothing_more_frozen(collector_as_usual):
    # a server that froze its start-up state (as the CPython docs advise): a check's garbage stayed frozen for
    # good, ~3 MB more per check of 10,000 trajecten
    kept = [[n] for n in range(10)]
    gc.freeze()
    start = gc.get_freeze_count()
    for _ in range(2):
        check_paths([SAMPLE])
        assert gc.isenabled() and not _collected_as_usual(kept)
        assert gc.get_freeze_count() <= start   # (frozen objects freed by reference counting leave it)


def test_checks_in_two_threads_leave_nothing_frozen(collector_as_usual):
    # two API checks at once: the first block to end unfroze everything, and what the other one then parsed
    # stayed frozen for good
    import threading

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    made = []

    def first() -> None:
        with frozen():
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def second() -> None:
        a_in.wait(10)
        with frozen():
            b_in.set()
            a_out.wait(10)
            with collector_paused(leave_alone=True):   # a document parsed after the first check ended
                made.append([[n] for n in range(1000)])

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert made and gc.isenabled() and gc.get_freeze_count() == 0 and _collected_as_usual(made[0])


def _collected_as_usual(thing: object) -> bool:
    """Whether the collector looks at `thing` (it is in one of its generations, not frozen)."""
    return any(each is thing for generation in range(3) for each in gc.get_objects(generation))


def test_a_paused_collector_stays_paused_and_an_error_freezes_nothing(collector_as_usual):
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ValueError), frozen(), collector_paused(leave_alone=True):
        made = [[n] for n in range(1000)]   # noqa: F841
        raise ValueError
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_what_is_left_alone_stays_frozen_until_the_outer_block_ends(collector_as_usual):
    with frozen():
        at_start = gc.get_freeze_count()
        with collector_paused(leave_alone=True):
            made = [[n] for n in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= at_start + len(made)
        assert not _collected_as_usual(made)
    assert gc.get_freeze_count() == 0 and _collected_as_usual(made)


def test_left_alone_outside_a_block_stays_collectable(collector_as_usual):
    # importing GX outside a check (the `rules` command, a test) must not freeze a program's objects for good
    with collector_paused(leave_alone=True):
        made = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0 and _collected_as_usual(made)


_IMPORT_IN_A_CHECK = """
import weakref
from ddas_quality.gx_import import import_gx
from ddas_quality.no_cycles import frozen

class Frames:   # what a batch holds while GX is imported: its frames, as a local of the caller
    pass

def read_then_import():
    held = Frames()
    import_gx()
    return weakref.ref(held)

with frozen():
    gone = read_then_import()
    print("freed" if gone() is None else "kept")
"""


def test_importing_gx_in_a_check_keeps_none_of_the_callers_objects():
    # GX catches ImportErrors while it loads; their tracebacks hold the caller's frames. Frozen with the rest of
    # the import they kept a batch's frames (180 MB nationally x3) until the end of the check.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _IMPORT_IN_A_CHECK], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "freed", done.stderr[-2000:]


def test_checking_delivery_after_delivery_through_the_api_does_not_grow(collector_as_usual):
    # unfrozen objects are not counted towards Python's next full collection: without one per check, ~3,000
    # objects more after every check of this small file
    from ddas_quality import api

    api.check(SAMPLE)
    first = len(gc.get_objects())
    for _ in range(3):
        api.check(SAMPLE)
    assert len(gc.get_objects()) < first + 1500
