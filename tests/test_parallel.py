"""Sharing work with forked processes: same results as one process, and nothing lost when a child fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ddas_quality.parallel import can_fork, in_child, run_jobs

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is not available on this platform")


@dataclass(frozen=True)
class Job:
    index: int
    cost: float = 1.0


def _slow_square(job: Job) -> tuple[int, int]:
    time.sleep(0.05)
    return job.index * job.index, os.getpid()


def test_two_processes_share_the_jobs_and_give_every_result():
    jobs = [Job(i, cost=i % 3) for i in range(12)]
    results = run_jobs(jobs, _slow_square, processes=2)
    assert {i: value for i, (value, _) in results.items()} == {i: i * i for i in range(12)}
    pids = {pid for _, pid in results.values()}
    assert os.getpid() in pids and len(pids) == 2   # both processes did some of the work


def test_one_process_runs_everything_here():
    results = run_jobs([Job(i) for i in range(4)], _slow_square, processes=1)
    assert {pid for _, pid in results.values()} == {os.getpid()}


def test_a_job_that_fails_in_the_child_is_run_again_here_and_its_error_raised():
    parent = os.getpid()

    def fails_everywhere(job: Job) -> int:
        time.sleep(0.02)
        if job.index == 5:
            raise ValueError(f"job 5 failed in {'parent' if os.getpid() == parent else 'child'}")
        return job.index

    with pytest.raises(ValueError, match="job 5 failed in parent"):
        run_jobs([Job(i) for i in range(10)], fails_everywhere, processes=2)


def test_a_child_that_dies_leaves_no_job_undone():
    parent = os.getpid()

    def dies_in_child(job: Job) -> int:
        time.sleep(0.02)
        if os.getpid() != parent:
            os._exit(9)   # like being killed for memory
        return job.index

    results = run_jobs([Job(i) for i in range(6)], dies_in_child, processes=2)
    assert results == {i: i for i in range(6)}


def test_in_child_returns_the_childs_result_while_the_parent_works():
    parent = os.getpid()
    seen = []
    result = in_child(lambda: ("done", os.getpid()), lambda: seen.append("meanwhile"))
    assert result[0] == "done" and result[1] != parent
    assert seen == ["meanwhile"]


class Expected(Exception):
    pass


def test_in_child_raises_an_expected_error_as_the_child_raised_it():
    def work():
        raise Expected("Bestand niet gevonden: x.json")

    with pytest.raises(Expected, match="Bestand niet gevonden"):
        in_child(work, lambda: None, expected=(Expected,))


def test_in_child_reruns_here_after_an_unexpected_error_or_a_crash():
    parent = os.getpid()

    def crashes_in_child():
        if os.getpid() != parent:
            os._exit(3)
        return "ran here"

    assert in_child(crashes_in_child, lambda: None) == "ran here"

    def bug():
        raise KeyError("in " + ("parent" if os.getpid() == parent else "child"))

    with pytest.raises(KeyError, match="in parent"):   # the real traceback comes from this process
        in_child(bug, lambda: None)


def test_parts_from_a_child_come_in_order_and_a_lost_child_is_an_error_not_a_shorter_result(monkeypatch, capsys):
    """`in_child_parts` cannot redo the child's work (the parent frees what the child reads): a child that stops
    early is an error, and the command tells the user what to do about it."""
    from ddas_quality import cli
    from ddas_quality.parallel import ChildLost, in_child_parts

    parent = os.getpid()
    here = []
    assert in_child_parts(lambda: (n * n for n in range(5)), lambda: here.append(os.getpid())) == [0, 1, 4, 9, 16]
    assert here == [parent]

    def dies_after_two_parts():
        yield 1
        yield 2
        os._exit(9)   # as when the kernel stops a process that runs out of memory

    def fails_after_one_part():
        yield 1
        raise KeyError("bug")

    for work in (dies_after_two_parts, fails_after_one_part, lambda: [lambda: "cannot be pickled"]):
        with pytest.raises(ChildLost) as lost:
            in_child_parts(work, lambda: None)
        assert lost.value.failed is (work is not dies_after_two_parts)   # a bug, not a lack of memory

    monkeypatch.setattr(cli, "app", lambda **_: in_child_parts(dies_after_two_parts, lambda: None))
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    assert "DDAS_QUALITY_WORKERS=1" in capsys.readouterr().err


@pytest.mark.slow
def test_gx_imports_without_scipy_stats_and_altair_until_they_are_used():
    code = (
        "import sys\n"
        "from ddas_quality.gx_import import import_gx, is_deferred\n"
        "gx = import_gx()\n"
        "print(is_deferred('scipy.stats'), is_deferred('altair'), hasattr(gx, 'ExpectationSuite'))\n"
        "from scipy import stats\n"
        "print(round(float(stats.entropy([1, 1], [1, 3])), 3), is_deferred('scipy.stats'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True", "0.144", "False"]


@pytest.fixture(scope="module")
def defective(tmp_path_factory) -> Path:
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.shv.generator import generate_delivery

    path = tmp_path_factory.mktemp("parallel") / "SHV_2024_Parallel.json"
    write_delivery(generate_delivery(trajecten=120, seed=11, defects=["P02", "C07", "T06", "A03", "D01"]).document,
                   path)
    return path


def _in_process(path: Path, monkeypatch, processes: str) -> list[tuple]:
    from ddas_quality.pipeline import check_paths

    monkeypatch.setenv("DDAS_QUALITY_WORKERS", processes)
    return [(f.rule, f.severity, f.path, f.message) for f in check_paths([path]).findings]


def test_a_check_gives_the_same_findings_in_one_process_and_in_two(defective, monkeypatch):
    alone, shared = _in_process(defective, monkeypatch, "1"), _in_process(defective, monkeypatch, "2")
    assert {rule for rule, *_ in alone} >= {"P02", "C07", "T06", "A03", "D01"}
    assert shared == alone


@pytest.mark.slow
def test_the_command_reading_while_gx_imports_reports_what_one_process_reports(defective, monkeypatch, tmp_path):
    """A fresh process takes the start-up overlap (child reads, parent imports GX) and shares the suites."""
    expected = _in_process(defective, monkeypatch, "1")
    out = tmp_path / "uitslag.json"
    completed = subprocess.run([sys.executable, "-m", "ddas_quality", "check", str(defective), "--format", "json",
                                "--output", str(out)], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "DDAS_QUALITY_WORKERS": "2"})
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [(f["rule"], f["severity"], f["path"], f["message"]) for f in report["findings"]] == expected
    assert report["files"][0]["counts"]["trajecten"] == 120


@pytest.mark.slow
def test_the_command_importing_gx_while_deriving_reports_what_one_process_reports(defective, monkeypatch,
                                                                                 tmp_path):
    """Without the reading child (one process here; a batch or a file over 64 MB) a fresh process imports GX in a
    thread while it derives; the findings must be the ones of a process that imported GX first."""
    expected = _in_process(defective, monkeypatch, "1")
    code = ("import sys, threading\n"
            "from ddas_quality.cli import main\n"
            "started = threading.Thread.start\n"
            "def start(self):\n"
            "    print('thread:' + self.name, file=sys.stderr)\n"
            "    started(self)\n"
            "threading.Thread.start = start\n"
            "sys.argv = ['ddas-quality', *sys.argv[1:]]\n"
            "main()\n")
    out = tmp_path / "uitslag.json"
    completed = subprocess.run([sys.executable, "-c", code, "check", str(defective), "--format", "json", "--output",
                                str(out)], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "DDAS_QUALITY_WORKERS": "1"})
    assert completed.returncode == 1, completed.stderr
    assert "thread:gx-import" in completed.stderr and "Traceback" not in completed.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [(f["rule"], f["severity"], f["path"], f["message"]) for f in report["findings"]] == expected


@pytest.mark.slow
def test_the_command_reports_a_missing_file_from_the_reading_child_in_dutch(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "ddas_quality", "check", str(tmp_path / "weg.json")],
                               capture_output=True, text=True, timeout=120,
                               env={**os.environ, "DDAS_QUALITY_WORKERS": "2"})
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "weg.json" in completed.stderr


def test_a_large_document_flattened_in_two_halves_gives_the_same_frames(monkeypatch):
    import pandas as pd

    from ddas_quality.domains.shv import flatten
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.privacy import Keyer

    document = generate_delivery(trajecten=61, seed=5, gemeentecodes=["0363", "0599", "0014"],
                                 defects=["P02", "D01", "C03"]).document
    document["leveringen"].insert(1, {**document["leveringen"][0], "schuldhulptrajecten": []})
    keyer = Keyer()
    whole = flatten.flatten(document, "x.json", keyer)
    monkeypatch.setattr(flatten, "SPLIT_FROM_TRAJECTEN", 1)
    monkeypatch.setattr(flatten, "PART_TRAJECTEN", 4)   # the child sends its rows in parts of 4 trajecten
    spared: list[int] = []   # the spare work (the GX import) runs here, once, while the child flattens
    halves = flatten.flatten(document, "x.json", keyer, processes=2, spare=lambda: spared.append(os.getpid()))
    assert spared == [os.getpid()]
    flatten.flatten(document, "x.json", keyer, spare=lambda: spared.append(0))   # not split: not called
    assert spared == [os.getpid()]
    assert len(whole.frames["trajecten"]) == 61 and len(whole.frames["leveringen"]) == 4
    for name, frame in whole.frames.items():
        pd.testing.assert_frame_equal(halves.frames[name], frame, obj=name)
    # One traject cannot be split: its levering is not counted twice.
    single = json.loads(json.dumps(document))
    first_levering = single["leveringen"][0]
    single["leveringen"] = [{**first_levering, "schuldhulptrajecten": first_levering["schuldhulptrajecten"][:1]}]
    assert len(flatten.flatten(single, "x.json", keyer, processes=2).frames["leveringen"]) == 1
    # Handed over (as the pipeline does), each process frees trajecten as it goes: the same frames.
    for processes in (2, 1):
        copy = json.loads(json.dumps(document))
        released = flatten.flatten(copy, "x.json", keyer, processes=processes, release=True)
        for name, frame in whole.frames.items():
            pd.testing.assert_frame_equal(released.frames[name], frame, obj=f"{name}, {processes} processes")
        lists = [levering["schuldhulptrajecten"] for levering in copy["leveringen"]]
        assert [len(each) for each in lists] == [len(each) for each in
                                                 (lev["schuldhulptrajecten"] for lev in document["leveringen"])]
        assert all(traject is None for each in lists for traject in each)   # freed, not kept


def test_a_vs_document_handed_over_gives_the_same_frames_and_is_freed():
    import pandas as pd

    from ddas_quality.domains.vs import flatten
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery
    from ddas_quality.privacy import Keyer

    document = generate_vs_delivery(signalen=300, seed=4).document
    keyer = Keyer()
    kept = flatten.flatten(document, "vs.json", keyer)
    copy = json.loads(json.dumps(document))
    released = flatten.flatten(copy, "vs.json", keyer, release=True)
    for name, frame in kept.frames.items():
        pd.testing.assert_frame_equal(released.frames[name], frame, obj=name)
    levering = copy["leveringen"][0]
    assert len(levering["vroegsignalen"]) == len(document["leveringen"][0]["vroegsignalen"]) > 0
    assert all(item is None for key in ("vroegsignalen", "vroegsignaalzaken") for item in levering[key])


def test_a_large_vs_document_flattened_in_two_halves_gives_the_same_frames(monkeypatch):
    import pandas as pd

    from ddas_quality.domains.vs import flatten
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery
    from ddas_quality.privacy import Keyer

    document = generate_vs_delivery(signalen=41, seed=6, defects=["V02", "V05"]).document
    levering = document["leveringen"][0]
    signalen = levering["vroegsignalen"]
    # four leveringen: one without zaken, one without signalen, one whose lists are no lists; records that are
    # no objects among the others, so the parts fall in different leveringen and next to such records
    document["leveringen"] = [
        {**levering, "teller": 1, "vroegsignaalzaken": [], "vroegsignalen": [*signalen[:20], 17, *signalen[20:], None]},
        {**levering, "teller": 2, "vroegsignalen": signalen[:7]},
        {**levering, "teller": 3, "vroegsignalen": [], "vroegsignaalzaken": ["tekst", *levering["vroegsignaalzaken"]]},
        {**levering, "teller": 4, "vroegsignalen": {"niet": "een lijst"}, "vroegsignaalzaken": "geen"},
    ]
    keyer = Keyer()
    whole = flatten.flatten(document, "vs.json", keyer)
    assert len(whole.frames["vroegsignalen"]) == 48 and len(whole.frames["vs_leveringen"]) == 4
    assert len(whole.frames["vroegsignaalzaken"]) > 10 and len(whole.frames["zaak_signalen"]) > 10
    monkeypatch.setattr(flatten, "SPLIT_FROM_RECORDS", 1)
    monkeypatch.setattr(flatten, "PART_RECORDS", 4)   # frames are made every 4 records
    for share in (0.1, 0.55, 0.9):   # where the child's part starts: in the first levering, the second, the third
        monkeypatch.setattr(flatten, "MAIN_SHARE", share)
        for processes, release in ((2, False), (2, True), (1, True)):
            copy = json.loads(json.dumps(document))
            flat = flatten.flatten(copy, "vs.json", keyer, processes=processes, release=release)
            for name, frame in whole.frames.items():
                pd.testing.assert_frame_equal(flat.frames[name], frame, obj=f"{name}, {processes} processes, {share}")
            if release:   # every record freed (also the child's part, here), the lists as long as they were
                for kept, original in zip(copy["leveringen"], document["leveringen"], strict=True):
                    for key in ("vroegsignalen", "vroegsignaalzaken"):
                        if isinstance(original[key], list):
                            assert len(kept[key]) == len(original[key])
                            assert not any(isinstance(item, dict) for item in kept[key])
    # One signal and one zaak: this process takes both (a share of one rounds up), the child nothing; the file and
    # its levering are not counted twice.
    single = {**document, "leveringen": [{**levering, "vroegsignalen": signalen[:1],
                                          "vroegsignaalzaken": levering["vroegsignaalzaken"][:1]}]}
    frames = flatten.flatten(single, "vs.json", keyer, processes=2).frames
    names = ("vs_bestanden", "vs_leveringen", "vroegsignalen", "vroegsignaalzaken")
    assert [len(frames[name]) for name in names] == [1, 1, 1, 1]


def _derived(monkeypatch, helper: bool, aside_from: int = 0) -> dict:
    from ddas_quality.derive import DeriveContext, derive
    from ddas_quality.domains import get_domain
    from ddas_quality.domains.shv import derive as shv_derive
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.flatten import concat_frames, flatten_document
    from ddas_quality.gemeenten import load_table
    from ddas_quality.pipeline import Options, thresholds_for
    from ddas_quality.privacy import Keyer

    monkeypatch.setattr(shv_derive, "ASIDE_FROM_TRAJECTEN", aside_from)
    domain = get_domain("SHV")
    document = generate_delivery(trajecten=150, seed=12, defects=["T03", "P02", "C07", "C08", "T15", "A03"]).document
    frames = concat_frames([flatten_document(domain, document, "x.json", Keyer(b"k" * 32))])
    context = DeriveContext(load_table(None), thresholds_for(Options()), files_in_run=1)
    started: list[int] = []
    out = derive(domain, frames, context, release=True, helper=helper, started=lambda: started.append(1))
    assert started == [1]   # the GX-import thread may start once, whichever way derive went
    return out


def _same_frames(got: dict, expected: dict) -> None:
    """Every derived frame equal, column for column (the helper's columns come last, so order is not compared)."""
    import pandas as pd

    assert sorted(got) == sorted(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name][sorted(got[name].columns)], frame[sorted(frame.columns)], obj=name)


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_derive_with_a_helper_child_gives_the_frames_derive_gives_alone(monkeypatch):
    """Overlaps (C07/C08/T15), latest dates (T03), phase order (P02), counts per gemeente and concentrations come
    from the forked child: the derived frames must be the ones of one process, column for column."""
    alone, helped = _derived(monkeypatch, helper=False), _derived(monkeypatch, helper=True)
    assert sorted(helped) == sorted(alone)
    assert alone["client_overlaps"]["t15_duplicaat_van"].notna().any()
    assert alone["trajecten"]["max_datum"].notna().all() and alone["fasen"]["prev_fase"].notna().any()
    _same_frames(helped, alone)


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_derive_does_the_helpers_steps_itself_when_the_helper_child_dies(monkeypatch):
    from ddas_quality.domains.shv import derive as shv_derive

    parent, steps = os.getpid(), shv_derive._aside_steps

    def dies_in_the_child(frames, context):
        if os.getpid() != parent:
            os._exit(9)   # as if killed for lack of memory
        return steps(frames, context)

    alone = _derived(monkeypatch, helper=False)
    monkeypatch.setattr(shv_derive, "_aside_steps", dies_in_the_child)
    helped = _derived(monkeypatch, helper=True)
    _same_frames(helped, alone)


def test_a_small_run_derives_without_a_helper_child(monkeypatch):
    """Below `ASIDE_FROM_TRAJECTEN` a fork costs more than it saves: no child is started."""
    from ddas_quality import parallel

    started: list[object] = []
    monkeypatch.setattr(parallel.InChild, "__init__", lambda self, *a, **k: started.append(a))
    _derived(monkeypatch, helper=True, aside_from=10_000)
    assert started == []


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_derive_that_fails_after_forking_its_helper_leaves_no_child_behind(monkeypatch):
    """The Python API runs in long-lived processes: a helper child must not stay blocked on its pipe there."""
    import multiprocessing

    from ddas_quality.derive import DeriveContext, derive
    from ddas_quality.domains import get_domain
    from ddas_quality.domains.shv import derive as shv_derive
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.flatten import concat_frames, flatten_document
    from ddas_quality.gemeenten import load_table
    from ddas_quality.pipeline import Options, thresholds_for
    from ddas_quality.privacy import Keyer

    monkeypatch.setattr(shv_derive, "ASIDE_FROM_TRAJECTEN", 0)
    domain = get_domain("SHV")
    frames = concat_frames([flatten_document(domain, generate_delivery(trajecten=80, seed=3).document, "x.json",
                                             Keyer(b"k" * 32))])
    context = DeriveContext(load_table(None), thresholds_for(Options()), files_in_run=1)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None

    def fails() -> None:
        raise RuntimeError("thread could not start")

    with pytest.raises(RuntimeError):
        derive(domain, frames, context, helper=True, started=fails)
    assert multiprocessing.active_children() == []
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_derive_does_the_helpers_steps_itself_when_no_child_can_be_forked(monkeypatch):
    from ddas_quality import parallel

    alone = _derived(monkeypatch, helper=False)

    def no_fork(*_args):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(parallel, "_start", no_fork)
    helped = _derived(monkeypatch, helper=True)
    _same_frames(helped, alone)
