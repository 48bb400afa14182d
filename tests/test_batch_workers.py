"""A batch read in worker processes (groups of files, `batch.py`) reports what one process reports, in order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from ddas_quality.batch import groups
from ddas_quality.parallel import can_fork
from ddas_quality.pipeline import check_paths
from ddas_quality.privacy import Keyer


@pytest.mark.parametrize(("sizes", "count"), [
    ([10] * 12, 4), ([1, 1, 1, 100, 1, 1], 3), ([5], 8), ([], 4), ([0, 0, 0], 2), ([3, 9, 1, 7, 2, 8, 4], 16),
])
def test_groups_hold_every_input_once_in_order(sizes: list[int], count: int) -> None:
    runs = groups(sizes, count)
    assert [index for run in runs for index in run] == list(range(len(sizes)))
    assert all(len(run) for run in runs)
    assert len(runs) <= max(count, 1) + 1


def test_groups_share_the_bytes_and_a_large_file_stands_alone() -> None:
    assert groups([10] * 12, 4) == [range(0, 3), range(3, 6), range(6, 9), range(9, 12)]
    assert range(3, 4) in groups([1, 1, 1, 100, 1, 1], 3)


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory) -> Path:
    """SHV files with defects sharing clients (cross-file C07/C08/T15), a VS file, API pages and a broken file."""
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery

    folder = tmp_path_factory.mktemp("batch")
    for seed, defects in enumerate((["C07", "P02"], ["T15", "D01"], [], ["A03", "T06"], ["C08"], ["L04"])):
        write_delivery(generate_delivery(trajecten=60 + 10 * seed, seed=seed + 1, defects=defects).document,
                       folder / f"SHV_2024_Gemeente{seed}.json")
    write_delivery(generate_vs_delivery(signalen=80, seed=3, defects=["V02"]).document, folder / "VS_2025_Test.json")
    (folder / "SHV_2024_Kapot.json").write_text('{"leveringen": [', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ddas_quality", "generate", "--api-paginas", "-n", "90",
                    "--pagina-grootte", "40", "--seed", "9", "-o", str(folder / "api")], check=True,
                   capture_output=True, timeout=120)
    return folder


def _run(folder: Path, monkeypatch, workers: str):
    monkeypatch.setenv("DDAS_QUALITY_WORKERS", workers)
    return check_paths([folder], keyer=Keyer(b"w" * 32))


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
@pytest.mark.parametrize("per_worker", [1, 8])   # two groups of several files; about one file a group
def test_workers_give_the_same_files_findings_and_frames_as_one_process(mixed_batch, monkeypatch,
                                                                        per_worker: int) -> None:
    from ddas_quality import batch

    monkeypatch.setattr(batch, "GROUPS_PER_WORKER", per_worker)
    alone, shared = _run(mixed_batch, monkeypatch, "1"), _run(mixed_batch, monkeypatch, "2")
    assert [report.to_dict() for report in shared.files] == [report.to_dict() for report in alone.files]
    assert len(alone.files) == 11   # six SHV files, the broken file, VS and three API pages
    assert shared.findings == alone.findings
    assert {"C07", "C08", "T15", "L04", "V02", "F05"} <= {f.rule for f in alone.findings}
    assert shared.frames.keys() == alone.frames.keys()
    for name, frame in alone.frames.items():
        if isinstance(frame, pd.DataFrame):
            pd.testing.assert_frame_equal(shared.frames[name], frame, obj=name)


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
def test_a_group_of_several_files_still_counts_as_several_files(tmp_path, monkeypatch) -> None:
    """A01/A02 say 'only this file was counted' for a run of one file; a worker's group of two SHV files (beside
    a larger VS file) is two files, not one."""
    from ddas_quality import batch
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery

    for seed in (1, 2):
        write_delivery(generate_delivery(trajecten=30, seed=seed, gemeentecodes=["0363"]).document,
                       tmp_path / f"SHV_2024_Amsterdam{seed}.json")
    write_delivery(generate_vs_delivery(signalen=600, seed=3).document, tmp_path / "VS_2025_Groot.json")
    monkeypatch.setattr(batch, "GROUPS_PER_WORKER", 1)   # two groups: both SHV files, then the VS file
    alone, shared = _run(tmp_path, monkeypatch, "1"), _run(tmp_path, monkeypatch, "2")
    a01 = [f.message for f in shared.findings if f.rule == "A01"]
    assert a01 and a01 == [f.message for f in alone.findings if f.rule == "A01"]
    assert not shared.frames["gemeenten"]["alleen_dit_bestand"].any()


def _dies_on_the_second_group(index: int) -> tuple:
    import os

    from ddas_quality import batch

    if index == 1:
        os._exit(9)   # as if killed for lack of memory
    return batch._original_work(index)


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
def test_a_worker_that_dies_stops_the_check_with_an_error_not_a_hang(mixed_batch, monkeypatch) -> None:
    """A worker killed mid-batch (e.g. out of memory) used to leave the main process waiting forever."""
    import signal

    from ddas_quality import batch
    from ddas_quality.gx_import import import_gx
    from ddas_quality.parallel import ChildLost

    import_gx()   # else a small batch is read in one child while GX loads (no workers)
    monkeypatch.setattr(batch, "_original_work", batch._work, raising=False)
    monkeypatch.setattr(batch, "_work", _dies_on_the_second_group)

    def hung(*_):
        raise TimeoutError("the check hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        with pytest.raises(ChildLost):
            _run(mixed_batch, monkeypatch, "2")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
def test_a_batch_imports_gx_once_while_the_workers_read_its_last_group(mixed_batch, monkeypatch) -> None:
    """The last group leaves a core idle: GX is imported then, in this process (no thread: derive forks a helper
    later), and only once."""
    from ddas_quality import batch
    from ddas_quality.gx_import import import_gx

    calls: list[object] = []
    original = batch.read_in_workers

    def reading(sources, per_source, progress, timings, near_end=None):
        calls.append(near_end)
        return original(sources, per_source, progress, timings, lambda: calls.append(near_end()))

    monkeypatch.setattr(batch, "read_in_workers", reading)
    monkeypatch.setattr(batch, "GROUPS_PER_WORKER", 2)   # four groups
    monkeypatch.setenv("DDAS_QUALITY_WORKERS", "2")
    check_paths([mixed_batch], keyer=Keyer(b"w" * 32))
    assert calls[0] is import_gx and calls[1:] == [import_gx()]   # asked for, and called once


def _waits_for_flag(index: int) -> str:
    """Group 0 waits until `near_end` has run (it writes the flag); the other groups are done at once, each leaving
    a mark (`DDAS_TEST_DIES`: that group's worker dies instead)."""
    flag = Path(os.environ["DDAS_TEST_FLAG"])
    if str(index) == os.environ.get("DDAS_TEST_DIES"):
        os.kill(os.getpid(), signal.SIGKILL)
    if index:
        (flag.parent / f"klaar-{index}").touch()
    deadline = time.monotonic() + 30
    while index == 0 and not flag.exists():
        if time.monotonic() > deadline:
            return "te laat"
        time.sleep(0.01)
    return f"groep {index}"


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
def test_near_end_runs_when_the_last_groups_are_being_read_not_when_their_turn_comes(tmp_path, monkeypatch) -> None:
    """A slow first group held back `near_end` (the GX import) until its result was taken, so the import ran alone
    with a core idle. Now it runs once all but the groups in progress are done, whichever finished."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ddas_quality import batch

    flag = tmp_path / "near_end"
    monkeypatch.setenv("DDAS_TEST_FLAG", str(flag))
    monkeypatch.setattr(batch, "_work", _waits_for_flag)
    done_then: list[int] = []

    def near_end() -> None:
        done_then.append(len(list(tmp_path.glob("klaar-*"))))
        flag.touch()

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(batch._in_order(pool, 5, near_end, 3))
    assert results == ["groep 0", "groep 1", "groep 2", "groep 3", "groep 4"]
    assert len(done_then) == 1 and done_then[0] >= 3   # once, and not before three groups were done


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux, macOS)")
def test_a_worker_that_dies_is_reported_at_once_without_running_near_end(tmp_path, monkeypatch) -> None:
    """A broken pool marks every group done: that must not count as "the last groups are being read" (the GX
    import, 230 MB, would then run just when memory ran out, and the error came seconds later)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ddas_quality import batch

    monkeypatch.setenv("DDAS_TEST_FLAG", str(tmp_path / "near_end"))
    monkeypatch.setenv("DDAS_TEST_DIES", "1")
    monkeypatch.setattr(batch, "_work", _waits_for_flag)
    called: list[bool] = []
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool, \
            pytest.raises(BrokenProcessPool):
        list(batch._in_order(pool, 5, lambda: called.append(True), 3))
    assert called == []
