"""Benchmark: generate SHV deliveries of several sizes and measure the check, per stage and end to end.

Not a test: it prints a table and writes `benchmarks/out/results.json`. Usage:

    python benchmarks/run.py                 # 1,000 and 10,000 trajecten
    python benchmarks/run.py 1000 10000 100000 --jsonschema   # also time pure-Python jsonschema

End to end is the median of `--repeat` runs (default 3) after one warm-up run, so a cold disk cache does
not count (a first run of the 100,000-traject file measured 40 s, the next ones 32-34 s). A check uses two
processes (a forked child reads while the parent imports GX, or flattens half of a large file; both run
suites), so peak memory is measured twice: the largest single process (max RSS) and the whole process tree
at its fullest (sum of PSS: shared pages counted once, sampled every 0.1 s). The tree is sampled in the warm-up
run only: sampling costs CPU (about 2 s in a 12 s batch check) that two cores then lack for the check it times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

OUT = Path(__file__).resolve().parent / "out"

# Stages in one process, GX imported first (so no start-up overlap): each stage's own cost.
_STAGES_CHILD = r"""
import json, resource, sys, time
started = time.perf_counter()
from ddas_quality.gx_import import import_gx
import_gx()
gx_import = time.perf_counter() - started
from ddas_quality.pipeline import check_paths
from ddas_quality.reporters import json_report
result = check_paths([sys.argv[1]])
report_started = time.perf_counter()
rendered = json_report.render(result)
report_time = time.perf_counter() - report_started
print(json.dumps({"timings": {"gx_import": gx_import, **result.timings, "report": report_time},
                  "total": time.perf_counter() - started, "findings": len(result.findings),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _floor(path: Path) -> float:
    """Reading the bytes and parsing them with the fastest parser available (orjson)."""
    import gc

    import orjson

    started = time.perf_counter()
    gc.disable()
    try:
        orjson.loads(path.read_bytes())
    finally:
        gc.enable()
    return time.perf_counter() - started


_JSON_LOAD_CHILD = r"""
import json, sys, time
started = time.perf_counter()
with open(sys.argv[1], "rb") as fh:
    json.load(fh)
print(time.perf_counter() - started)
"""


def _json_load(path: Path) -> float:
    """`json.load` of the file with the standard library, in a fresh process (the issue's yardstick)."""
    return float(subprocess.run([sys.executable, "-c", _JSON_LOAD_CHILD, str(path)], capture_output=True, text=True,
                                check=True).stdout)


def _pure_jsonschema(path: Path) -> float:
    import jsonschema

    from ddas_quality.resources import schema_path

    schema = json.loads(schema_path("SHV", "1.0").read_text(encoding="utf-8"))
    document = json.loads(path.read_bytes())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    started = time.perf_counter()
    sum(1 for _ in validator.iter_errors(document))
    return time.perf_counter() - started


def startup() -> dict[str, float]:
    """Wall time of the commands that must answer at once (no pandas or GX import on these paths)."""
    times = {}
    for name, args in {"--help": ["--help"], "--version": ["--version"], "rules": ["rules"]}.items():
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ddas_quality", *args], capture_output=True, check=True)
        times[name] = round(time.perf_counter() - started, 2)
    return times


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(grandchild for child in children for grandchild in _tree(int(child)))]


class Run(NamedTuple):
    wall: float           # seconds, taken when the process exits
    tree_peak_mb: float   # highest sum of PSS over the process and its children (0 without sampling)
    returncode: int
    largest_mb: float     # the largest single process among them (its own max RSS, from the kernel)


def _timed_run(command: list[str], env: dict[str, str] | None = None, sample: bool = True) -> Run:
    """One run of `command`. PSS is sampled every 0.1 s in a thread (Linux /proc; 0 elsewhere, and 0 without
    `sample`), so sampling neither delays the stopwatch nor adds a sleep after the run. The process is reaped
    here with `wait4`, which gives its own resource use: a yardstick run before it does not count."""
    peak = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    ended = threading.Event()   # the sampler must not reap the process itself (`poll`): `wait4` does

    def sample_memory() -> None:
        nonlocal peak
        while not ended.is_set():
            peak = max(peak, sum(_pss_mb(pid) for pid in _tree(process.pid)))
            ended.wait(0.1)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    if sample:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    ended.set()
    process.returncode = os.waitstatus_to_exitcode(status)
    if sample:
        sampler.join()
    return Run(wall, peak, process.returncode, usage.ru_maxrss / 1024)


def timed_runs(command: list[str], env: dict[str, str] | None, repeat: int,
               yardsticks: dict[str, Callable[[], float]] | None = None) -> tuple[list[float], Run, dict]:
    """(wall times of `repeat` runs, the warm-up run with its memory, yardstick times per name and run). The
    warm-up (disk cache, bytecode) is the run that samples memory; the timed runs do not sample: reading
    /proc/<pid>/smaps_rollup ten times a second took about 2 s of CPU during a 12 s batch check, and on two cores
    that slowed the check it timed. Each yardstick runs right before each timed run, so a ratio can be taken per
    pair: a shared machine that slows down or speeds up during the benchmark (it swings by a quarter) moves both."""
    warm = _timed_run(command, env)
    walls: list[float] = []
    yards: dict[str, list[float]] = {name: [] for name in yardsticks or {}}
    for _ in range(repeat):
        for name, yardstick in (yardsticks or {}).items():
            yards[name].append(yardstick())
        walls.append(_timed_run(command, env, sample=False).wall)
    return walls, warm, yards


def paired_ratio(walls: list[float], yards: list[float]) -> float:
    """The median of wall / yardstick over the pairs of `timed_runs`."""
    return round(statistics.median(wall / max(yard, 1e-9) for wall, yard in zip(walls, yards, strict=True)), 1)


def _import_pandas_once() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pandas"], capture_output=True, check=True)
    return time.perf_counter() - started


def measure(size: int, with_jsonschema: bool, repeat: int | None = None) -> dict:
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.shv.generator import generate_delivery

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"SHV_2024_Bench{size}.json"
    if not path.exists():  # delete benchmarks/out/ after changing the generator
        write_delivery(generate_delivery(trajecten=size, seed=7).document, path)
    # end to end, as a user runs it: a fresh process, JSON output
    command = [sys.executable, "-m", "ddas_quality", "check", str(path), "--format", "json",
               "--output", str(OUT / f"result{size}.json")]
    yardsticks = {"json_load": lambda: _json_load(path), "import_pandas": _import_pandas_once}
    walls, warm, yards = timed_runs(command, None, repeat if repeat is not None else 3, yardsticks)
    wall, returncode, tree_peak, peak = statistics.median(walls), warm.returncode, warm.tree_peak_mb, warm.largest_mb
    stages = json.loads(subprocess.run([sys.executable, "-c", _STAGES_CHILD, str(path)], capture_output=True,
                                       text=True, check=True).stdout)
    row = {
        "trajecten": size,
        "megabytes": round(path.stat().st_size / 1e6, 1),
        "exit_code": returncode,
        "end_to_end_s": round(wall, 2),
        "end_to_end_runs_s": [round(w, 2) for w in walls],
        "peak_mb": round(peak),
        "peak_tree_pss_mb": round(tree_peak),
        "stages_s": {name: round(value, 3) for name, value in stages["timings"].items()},
        "in_process_total_s": round(stages["total"], 2),
        "floor_parse_s": round(_floor(path), 3),
    }
    row["ratio_to_floor"] = round(wall / max(row["floor_parse_s"], 1e-9), 1)
    row["json_load_s"] = round(statistics.median(yards["json_load"]), 2)
    row["ratio_to_json_load"] = paired_ratio(walls, yards["json_load"])
    row["import_pandas_s"] = round(statistics.median(yards["import_pandas"]), 2)
    row["ratio_to_import_pandas"] = paired_ratio(walls, yards["import_pandas"])
    if with_jsonschema:
        row["pure_jsonschema_s"] = round(_pure_jsonschema(path), 2)
        row["speedup_vs_pure_jsonschema"] = round(row["pure_jsonschema_s"] / wall, 1)
    return row


def measure_vs(size: int, repeat: int | None = None) -> dict:
    """A VS file of `size` vroegsignalen: the whole check against `json.load` of the same file (#15, last row)."""
    from ddas_quality.domains.common.synthetic import write_delivery
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"VS_2025_Bench{size}.json"
    if not path.exists():
        try:
            delivery = generate_vs_delivery(signalen=size, seed=7)
        except ValueError:   # more signalen than any gemeente plausibly has (V10): the largest gemeente then
            delivery = generate_vs_delivery(signalen=size, seed=7, gemeentecode="0363")
        write_delivery(delivery.document, path)
    command = [sys.executable, "-m", "ddas_quality", "check", str(path), "--format", "json",
               "--output", str(OUT / f"result_vs{size}.json")]
    walls, warm, yards = timed_runs(command, None, repeat or 1, {"json_load": lambda: _json_load(path)})
    peak = warm.tree_peak_mb
    wall, load = statistics.median(walls), statistics.median(yards["json_load"])
    return {"vroegsignalen": size, "megabytes": round(path.stat().st_size / 1e6, 1), "end_to_end_s": round(wall, 2),
            "json_load_s": round(load, 2), "ratio_to_json_load": paired_ratio(walls, yards["json_load"]),
            "peak_tree_pss_mb": round(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--jsonschema", action="store_true", help="also time pure-Python jsonschema validation")
    parser.add_argument("--repeat", type=int, default=None, help="end-to-end runs per size (median is reported)")
    parser.add_argument("--vs", type=int, nargs="*", default=[], help="also VS files of this many vroegsignalen")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    rows = [measure(size, args.jsonschema, args.repeat) for size in args.sizes]
    stage_names = list(rows[0]["stages_s"])
    header = ["trajecten", "MB", "end-to-end s", "peak MB (process)", "peak MB (tree, PSS)", "floor s", "x floor",
              *stage_names]
    if args.jsonschema:
        header += ["jsonschema s", "speedup"]
    print(" | ".join(header))
    for row in rows:
        cells = [row["trajecten"], row["megabytes"], row["end_to_end_s"], row["peak_mb"], row["peak_tree_pss_mb"],
                 row["floor_parse_s"], row["ratio_to_floor"], *(row["stages_s"].get(name, 0) for name in stage_names)]
        if args.jsonschema:
            cells += [row["pure_jsonschema_s"], row["speedup_vs_pure_jsonschema"]]
        print(" | ".join(str(c) for c in cells))
    print("\n#15 targets (ratios measured in the same run):")
    for row in rows:
        size = row["trajecten"]
        line = (f"  {size}: {row['end_to_end_s']} s = {row['ratio_to_json_load']}x json.load ({row['json_load_s']} s), "
                f"{row['ratio_to_import_pandas']}x import pandas ({row['import_pandas_s']} s), "
                f"tree peak {row['peak_tree_pss_mb']} MB")
        if "speedup_vs_pure_jsonschema" in row:
            line += f", {row['speedup_vs_pure_jsonschema']}x faster than pure jsonschema"
        target = {1000: "<= 6x import pandas", 10_000: ">= 3x faster than pure jsonschema",
                  100_000: "<= 3x json.load, <= 1500 MB"}.get(size)
        print(line + (f"   [target {target}]" if target else ""))
    vs_rows = [measure_vs(size, args.repeat) for size in args.vs]
    for row in vs_rows:
        print(f"  VS {row['vroegsignalen']}: {row['end_to_end_s']} s = {row['ratio_to_json_load']}x json.load "
              f"({row['json_load_s']} s), tree peak {row['peak_tree_pss_mb']} MB"
              "   [target <= 3x json.load, <= 2000 MB]")
    quick = startup()
    print("\nstart-up: " + ", ".join(f"{name} {seconds} s" for name, seconds in quick.items()))
    by_size = {row["trajecten"]: row["end_to_end_s"] for row in rows}
    if 10_000 in by_size and 100_000 in by_size:
        print(f"100k / 10k: {by_size[100_000] / by_size[10_000]:.1f}x (linear would be 10x)")
    summary = {"sizes": rows, "vs": vs_rows, "startup_s": quick}
    (OUT / "results.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"\nwritten: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
