"""Use the second core: share the GX suites with a forked copy of this process, and read while GX imports.

Great Expectations spends about 20 ms of pure Python per expectation whatever the data, so on two cores
the suites finish in roughly half the time when two processes take turns pulling the next one. Fork, not
spawn: a child starts with GX imported and the frames in memory, so nothing is imported or pickled on
the way in; only results come back. A child that fails or dies leaves its unfinished job to this process,
which runs it again (and raises the real error if there is one). `DDAS_QUALITY_WORKERS=1` turns it off.

`in_child` is the same idea for start-up: a child reads the delivery up to the derived frames while this
process imports Great Expectations, then sends the frames back. `InChild` starts such a child and lets this
process go on until it asks for the result: derive's independent steps run so (SHV `derive.start_aside`).
`in_child_parts` splits one large file: a child flattens the last part and sends it in pieces (SHV: rows, VS:
frames) while this process flattens the first.
"""

from __future__ import annotations

import collections
import contextlib
import io
import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from .memory import give_back_freed
from .no_cycles import frozen

ENV = "DDAS_QUALITY_WORKERS"
MAX_WORKERS = 4
PIPE_BYTES = 1 << 20   # what Linux lets any user give a pipe (/proc/sys/fs/pipe-max-size)
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


class ChildLost(RuntimeError):
    """The child's work is lost and cannot be done again here (its input was freed while it ran).
    `failed`: the child raised an error (a bug), rather than stopping (e.g. killed for lack of memory)."""

    def __init__(self, message: str, failed: bool = False) -> None:
        super().__init__(message)
        self.failed = failed


def in_child(work: Callable[[], T], meanwhile: Callable[[], object],
             expected: tuple[type[BaseException], ...] = ()) -> T:
    """`work()` in a forked child while this process runs `meanwhile()`; the result comes back pickled
    (see `InChild`)."""
    pending = InChild(work, expected)
    try:
        meanwhile()
    except BaseException:
        pending.close()
        raise
    return pending.result()


class InChild(Generic[T]):
    """`work()` started in a forked child; `result()` waits for it. Fork before starting a thread here: a child
    forked while a thread imports a module may wait forever for that module's lock.

    The result streams through a pipe: the child pickles straight into it and this process unpickles as it
    reads, so neither holds the whole pickled result next to the objects. An `expected` error (a Dutch
    message for the user) is raised here as the child raised it. Anything else that goes wrong in the child
    (a bug, a crash, a result that cannot be pickled: the stream then ends early) makes this process run
    `work()` itself, so the outcome, a real traceback included, is the same as without the child.
    """

    def __init__(self, work: Callable[[], T], expected: tuple[type[BaseException], ...] = ()) -> None:
        self._work = work
        self._child, self._receiving = _start(_deliver, work, expected)
        self._open = True

    def result(self) -> T:
        message: tuple[str, object] = ("lost", None)
        finished = False
        try:
            with open(self._receiving, "rb", closefd=False) as stream, contextlib.suppress(Exception):
                message = pickle.load(stream)   # ended early or garbled: the work is done here instead
            self._child.join()
            finished = True
        finally:
            self._open = False
            _stop(self._child, self._receiving, finished)
        kind, payload = message
        if kind == "result":
            return payload  # type: ignore[return-value]
        if kind == "error":
            raise payload  # type: ignore[misc]
        return self._work()

    def close(self) -> None:
        """Stop the child without waiting for its result (this process failed or was interrupted meanwhile)."""
        if self._open:
            self._open = False
            _stop(self._child, self._receiving, False)


def _deliver(sending: int, work: Callable[[], T], expected: tuple[type[BaseException], ...]) -> None:
    try:
        message: tuple[str, object] = ("result", work())
    except expected as error:
        message = ("error", error)
    except Exception:   # the parent runs `work` again and shows the real error
        message = ("lost", None)
    # Cannot be pickled, or the parent stopped reading: the stream stops part-way (the parent reruns `work`).
    with contextlib.suppress(Exception), open(sending, "wb") as stream:
        pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)


def in_child_parts(work: Callable[[], Iterable[T]], meanwhile: Callable[[], object]) -> list[T]:
    """The parts `work()` yields in a forked child, while this process runs `meanwhile()`.

    Each part is pickled into the pipe as soon as it is made, and a thread here keeps the bytes (a third of
    the size of the objects) until `meanwhile` is done; only then are they unpickled, into the memory
    `meanwhile` freed. So the child holds one part at a time, and this process does not hold both its own
    input and the child's rows: about 130 MB less at the peak of a 100,000-traject file than sending the rows
    in one piece at the end. There is no rerun: `meanwhile` may free what `work` reads, so a child that stops
    early (a crash, an error, a part that cannot be pickled) raises `ChildLost`, never a result with records
    left out. With `DDAS_QUALITY_DEBUG` set, the child's traceback comes along in the error.
    """
    child, receiving = _start(_deliver_parts, work)
    chunks: collections.deque[bytes] = collections.deque()

    def receive() -> None:   # reads of up to a megabyte: the GIL is waited for once per read, not per 64 KB
        with contextlib.suppress(Exception):
            while chunk := os.read(receiving, PIPE_BYTES):
                chunks.append(chunk)

    reader = threading.Thread(target=receive, daemon=True)
    reader.start()
    finished = False
    try:
        meanwhile()
        reader.join()
        child.join()
        finished = True
    finally:
        _stop(child, receiving, finished, reader)
    parts: list[T] = []
    stream = io.BufferedReader(_Chunks(chunks), buffer_size=PIPE_BYTES)
    message: tuple[str, object] = ("lost", None)
    with contextlib.suppress(Exception):   # ended early or garbled: no "end" message
        while (message := pickle.load(stream))[0] == "part":
            parts.append(message[1])
    if message[0] == "end":
        return parts
    if message[0] == "failed":
        raise ChildLost(f"het tweede proces stopte met een fout: {message[1]}", failed=True)
    raise ChildLost("het tweede proces is voortijdig gestopt (te weinig geheugen?)")


def _start(target: Callable[..., None], *args: object) -> tuple[multiprocessing.process.BaseProcess, int]:
    """A forked child running `target(sending, *args)`; this process keeps the pipe's reading end."""
    fork = multiprocessing.get_context("fork")
    receiving, sending = os.pipe()
    _widen(sending)
    child = fork.Process(target=_in_child, args=(target, receiving, sending, *args), daemon=True)
    try:
        child.start()
    except BaseException:   # e.g. no memory for a fork
        os.close(receiving)
        raise
    finally:
        os.close(sending)
    return child, receiving


def _in_child(target: Callable[..., None], receiving: int, sending: int, *args: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle (it stops the child)
    _die_with_parent()
    os.close(receiving)
    target(sending, *args)


def _stop(child: multiprocessing.process.BaseProcess, receiving: int, finished: bool,
          reader: threading.Thread | None = None) -> None:
    """After an error or Ctrl-C here: stop the child first (so it does not write into a closed pipe), then let
    the reader see the pipe end; always close this end."""
    if not finished and child.is_alive():
        child.terminate()
    if reader is not None:
        reader.join()
    os.close(receiving)
    if not finished:
        child.join()


def _die_with_parent() -> None:
    """Linux: the kernel stops this child when its parent ends (also a child's own child after Ctrl-C)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))   # PR_SET_PDEATHSIG


class _Chunks(io.RawIOBase):
    """The received bytes as a file that frees each chunk once it has been read."""

    def __init__(self, chunks: collections.deque[bytes]) -> None:
        self._chunks = chunks
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._chunks:
            return 0
        chunk = self._chunks[0]
        size = min(len(buffer), len(chunk) - self._offset)
        buffer[:size] = chunk[self._offset:self._offset + size]
        self._offset += size
        if self._offset == len(chunk):
            self._chunks.popleft()
            self._offset = 0
        return size


def _widen(pipe: int) -> None:
    """Let the pipe hold `PIPE_BYTES` (Linux; elsewhere, or when not allowed, it keeps its size)."""
    with contextlib.suppress(Exception):
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _deliver_parts(sending: int, work: Callable[[], Iterable[T]]) -> None:
    # An error or a closed pipe ends the stream without "end": the parent raises ChildLost.
    with contextlib.suppress(Exception), open(sending, "wb", buffering=PIPE_BYTES) as stream:
        try:
            for part in work():
                pickle.dump(("part", part), stream, protocol=pickle.HIGHEST_PROTOCOL)
                del part
        except Exception:   # the traceback may quote values, so only for a developer who asks for it
            debugging = os.environ.get("DDAS_QUALITY_DEBUG")
            pickle.dump(("failed", traceback.format_exc() if debugging else "details met DDAS_QUALITY_DEBUG=1"), stream)
            return
        pickle.dump(("end", None), stream)


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
    give_back_freed()   # what the parent freed is not shared with the children as if it were in use
    # What exists now is shared with the children and stays: the garbage collector leaves it alone, so it does
    # not write into every object (and the child copy every page) while looking for cycles. ~55 MB less in a
    # national batch.
    with frozen():
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
