"""A batch of many files: read, identify, validate and flatten them in a pool of forked workers.

Files are independent up to their frames; only derive (cross-file rules such as C07, C08, T15 and the counts
per gemeente) and the suites need all of them, and those run once over the concatenated frames in the main
process. A worker takes a group of consecutive files (about `GROUPS_PER_WORKER` groups per worker, balanced by
size), parses them one at a time, so the main process never holds a parsed document, and sends back the
group's frames joined and typed, with its reports and findings: the main process then joins a few dozen frames
instead of thousands (342 files: 1.2 s of joining and typing moved to the workers). Results come back in input
order, whichever worker was first; `DDAS_QUALITY_WORKERS=1` keeps everything in one process.

API message pages are the exception: pages of one set must be joined across files, so a worker sends such a
source back as read and the main process assembles them after the other files, as the serial path does.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .no_cycles import collector_paused, frozen
from .parallel import ENV, ChildLost, can_fork, workers

# Below this many planned inputs a pool is not worth its start (and the GX-import overlap is worth more).
MIN_INPUTS = 2
# Groups per worker: more groups balance the workers better and move the progress bar more often; fewer leave
# fewer frames for the main process to join.
GROUPS_PER_WORKER = 8


@dataclass
class PlannedSources:
    """The inputs of `check_paths`, not read yet: iterating reads them one by one (`reader.iter_sources`);
    `entries()` gives one reader per planned input, so workers can each read their own."""

    paths: Sequence[str | Path]

    def __iter__(self) -> Iterator[Any]:
        from .reader import iter_sources

        return iter(iter_sources(self.paths))

    def entries(self) -> list[tuple[Callable[[], list[Any]], int]]:
        """(reader, size in bytes) per planned input (a file, or a zip with its members), in `iter_sources`
        order; each reader returns the input's sources."""
        from . import reader

        entries = []
        for display, path, is_zip in reader.plan_inputs(self.paths):
            if is_zip:
                read = lambda d=display, p=path: list(reader._iter_zip(d, p, reader.DEFAULT_LIMITS))  # noqa: E731
            else:
                read = lambda d=display, p=path: [reader._read_file(d, p, reader.DEFAULT_LIMITS)]  # noqa: E731
            entries.append((read, _size(path)))
        return entries


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:   # reading it says what is wrong
        return 0


def groups(sizes: Sequence[int], count: int) -> list[range]:
    """At most `count` runs of consecutive inputs with about the same number of bytes each; every input in
    exactly one run, in order. An input belongs to the share its middle byte falls in, so a file larger than a
    share fills a run of its own."""
    if not sizes:
        return []
    count = max(count, 1)
    total = sum(sizes)
    if total:
        before = 0
        keys = []
        for size in sizes:
            keys.append(min(int((before + size / 2) * count / total), count - 1))
            before += size
    else:   # no sizes known: by number
        keys = [index * count // len(sizes) for index in range(len(sizes))]
    starts = [index for index in range(len(sizes)) if index == 0 or keys[index] != keys[index - 1]]
    return [range(start, stop) for start, stop in zip(starts, [*starts[1:], len(sizes)], strict=True)]


def pays(sources: object) -> bool:
    """Whether to read `sources` in workers: planned inputs from `check_paths`, several files, two processes."""
    if not isinstance(sources, PlannedSources) or workers() < 2 or not can_fork():
        return False
    from .reader import InputError, planned_inputs

    try:
        return planned_inputs(sources.paths) >= MIN_INPUTS
    except InputError:   # reading says what is wrong, in the same words
        return False


# Set in the main process just before the fork; the workers inherit it (nothing is pickled on the way in).
_TASK: dict[str, Any] = {}


def read_in_workers(sources: PlannedSources, per_source: Callable[..., tuple], progress: Callable | None,
                    timings: dict[str, float], near_end: Callable[[], object] | None = None,
                    ) -> tuple[list, list, list, list]:
    """`per_source(sources, timings)` on every planned input in the workers: (files, findings, flats, held back).

    `per_source` is the serial read -> flatten loop; API message sources come back unprocessed ("held back")
    for the caller to assemble. `progress(report)` runs here, after each input, in input order. `near_end()` runs
    here once, as soon as no group is left waiting for a worker (`_in_order`); results wait meanwhile.
    """
    from .api_message import is_api_message

    entries = sources.entries()
    if not entries:   # iter_sources raises the Dutch message for an empty plan
        list(iter(sources))
    runs = groups([size for _, size in entries], workers() * GROUPS_PER_WORKER)
    _TASK.update(entries=[read for read, _ in entries], runs=runs, per_source=per_source, is_api=is_api_message)
    files, findings, flats, held = [], [], [], []
    # concurrent.futures, not multiprocessing.Pool: a worker that dies (e.g. killed for lack of memory) is an
    # error here (BrokenProcessPool), where a Pool would wait forever for its group.
    processes = min(workers(), len(runs))
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker)
    finished = False
    # What exists now (pandas, the command line's modules, ...) is the workers' too, and stays: the garbage
    # collector leaves it alone there, so it does not walk (and copy) every inherited object each time a worker's
    # full collection runs. National x1, back to back: median 11.9 s with, 13.2 s without.
    with frozen():
        try:
            for part in _in_order(pool, len(runs), near_end, len(runs) - processes):
                part_files, part_findings, part_flats, part_held, part_timings = part
                files.extend(part_files)
                findings.extend(part_findings)
                flats.extend(part_flats)
                held.extend(part_held)
                for name, value in part_timings.items():
                    timings[name] = timings.get(name, 0.0) + value
                for report in part_files if progress else ():
                    progress(report)
            finished = True
        except BrokenProcessPool:
            raise ChildLost("een werkproces is voortijdig gestopt (te weinig geheugen?)") from None
        finally:
            _TASK.clear()
            if not finished:   # an error or Ctrl-C: stop the workers now rather than let them finish their groups
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
    return files, findings, flats, held


def _in_order(pool: ProcessPoolExecutor, count: int, near_end: Callable[[], object] | None,
              at: int) -> Iterator[tuple]:
    """`_work(index)` for each of `count` groups, the results in group order; `near_end()` runs here once `at`
    groups are done, whichever they are.

    With `at` = groups - workers, that is when the last groups are all being read: the import `near_end` does
    then shares the cores with them, and is done about when they are. Waiting for results in order fired it late
    (the group after the slow one was often long done): the import then ran alone, one core idle (x1: 1.5 s).
    """
    futures: list = [pool.submit(_work, index) for index in range(count)]
    for index in range(count):
        while near_end is not None:
            if any(future.done() and future.exception() is not None for future in futures[index:]):
                break   # a failed group, or a worker that died: its error comes now, not after the import
            if index + sum(future.done() for future in futures[index:]) >= at:
                near_end()
                near_end = None
            elif futures[index].done():
                break
            else:
                wait([future for future in futures[index:] if not future.done()], return_when=FIRST_COMPLETED)
        result = futures[index].result()
        futures[index] = None   # the group's frames are the caller's from here
        yield result


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the main process's to handle
    os.environ[ENV] = "1"   # a pool worker may not fork again (flattening a big file splits otherwise)


def _work(index: int) -> tuple:
    """One group of inputs: read one at a time up to their frames, joined per domain (`flatten.join_flats`)."""
    from .flatten import join_flats

    held: list[Any] = []

    def own_sources() -> Iterator[Any]:   # read lazily: one parsed document at a time
        for position in _TASK["runs"][index]:
            read = _TASK["entries"][position]()
            for source in read:
                if _TASK["is_api"](source.document):
                    held.append(source)
                else:
                    yield source

    timings: dict[str, float] = {}
    with collector_paused():   # reading up to frames makes millions of objects and no cycles
        files, findings, flats = _TASK["per_source"](own_sources(), timings)
        return files, findings, join_flats(flats), held, timings
