"""Use the second core: share the GX suites with a forked copy of this process, and read while GX imports.

Great Expectations spends about 20 ms of pure Python per expectation whatever the data, so on two cores
the suites finish in roughly half the time when two processes take turns pulling the next one. Fork, not
spawn: a child starts with GX imported and the frames in memory, so nothing is imported or pickled on
the way in; only results come back. A child that fails or dies leaves its unfinished job to this process,
which runs it again (and raises the real error if there is one). `DDAS_QUALITY_WORKERS=1` turns it off.

`in_child` is the same idea for start-up: a child reads the delivery up to the derived frames while this
process imports Great Expectations, then sends the frames back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

ENV = "DDAS_QUALITY_WORKERS"
MAX_WORKERS = 4
T = TypeVar("T")


class Job(Protocol):
    index: int

    @property
    def cost(self) -> float: ...


def workers() -> int:
    """Processes to use: `DDAS_QUALITY_WORKERS` if set, else the cores this process may run on (at most 4)."""
    configured = os.environ.get(ENV, "").strip()
    if configured.isdigit():
        return max(1, int(configured))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def in_child(work: Callable[[], T], meanwhile: Callable[[], object],
             expected: tuple[type[BaseException], ...] = ()) -> T:
    """`work()` in a forked child while this process runs `meanwhile()`; the result comes back pickled.

    An `expected` error (a Dutch message for the user) is raised here as the child raised it. Anything else
    that goes wrong in the child (a bug, a crash, a result that cannot be pickled) makes this process run
    `work()` itself, so the outcome, a real traceback included, is the same as without the child.
    """
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    child = fork.Process(target=_deliver, args=(work, sender, expected), daemon=True)
    child.start()
    sender.close()
    message: tuple[str, object] = ("lost", None)
    try:
        meanwhile()
        with contextlib.suppress(EOFError, OSError):
            message = receiver.recv()
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
    kind, payload = message
    if kind == "result":
        return payload  # type: ignore[return-value]
    if kind == "error":
        raise payload  # type: ignore[misc]
    return work()


def _deliver(work: Callable[[], T], sender, expected: tuple[type[BaseException], ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        message: tuple[str, object] = ("result", work())
    except expected as error:
        message = ("error", error)
    except Exception:   # the parent runs `work` again and shows the real error
        message = ("lost", None)
    try:
        sender.send(message)
    except Exception:   # cannot be pickled: the parent runs `work` again
        sender.send(("lost", None))
    sender.close()


def run_jobs(jobs: Sequence[Job], run: Callable[[Job], T], processes: int) -> dict[int, T]:
    """`run(job)` for every job, job.index -> result; the costliest jobs go first so the processes end together."""
    order = sorted(jobs, key=lambda job: job.cost, reverse=True)
    processes = min(processes, len(order))
    if processes <= 1 or not can_fork():
        return {job.index: run(job) for job in order}

    fork = multiprocessing.get_context("fork")
    counter = fork.Value("i", 0)

    def take() -> Job | None:
        with counter.get_lock():
            position = counter.value
            counter.value += 1
        return order[position] if position < len(order) else None

    children = []
    try:
        for _ in range(processes - 1):
            receiver, sender = fork.Pipe(duplex=False)
            child = fork.Process(target=_pull, args=(take, run, sender), daemon=True)
            child.start()
            sender.close()
            children.append((child, receiver))
        results: dict[int, T] = {}
        while (job := take()) is not None:
            results[job.index] = run(job)
        for child, receiver in children:
            with contextlib.suppress(EOFError, OSError):   # a child that died: its jobs are run again below
                results.update(receiver.recv())
            child.join()
    finally:
        for child, _ in children:
            if child.is_alive():
                child.terminate()
    for job in order:
        if job.index not in results:
            results[job.index] = run(job)
    return results


def _pull(take: Callable[[], Job | None], run: Callable[[Job], T], sender) -> None:
    """In the child: run jobs until none are left or one fails, then send what is done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle (it stops the children)
    results: dict[int, T] = {}
    try:
        while (job := take()) is not None:
            results[job.index] = run(job)
    except Exception:   # the parent runs this job again and reports the error itself
        pass
    try:
        sender.send(results)
    except Exception:   # e.g. a result that cannot be pickled: the parent redoes these jobs
        sender.send({})
    sender.close()
