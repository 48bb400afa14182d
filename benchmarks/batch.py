"""Benchmark: a national batch (one SHV file per gemeente) checked in one run, as the DDAS team does.

Not a test: it prints a table and writes `benchmarks/out/batch.json`. Usage:

    python benchmarks/batch.py                       # the national set (~0.5% of inhabitants, ~90,000 trajecten)
    python benchmarks/batch.py --scale 1 3           # also the set three times as large
    python benchmarks/batch.py --workers 1 2         # scaling with processes (DDAS_QUALITY_WORKERS)
    python benchmarks/batch.py --files 86 171 342    # scaling with the number of files (first N files)
    python benchmarks/batch.py --small 3000          # many small files (three trajecten each): fixed cost per file

The set is written once under `benchmarks/out/landelijk-x<scale>/` (delete it after changing the generator):
with `ddas-quality generate --landelijk --per-1000 <5 * scale>` (one file per gemeente valid in 2024, sized by
inhabitants, pseudonyms unique over the set) and checked with `--profile geanonimiseerd`, as the DDAS team
checks anonymized deliveries. Without that CLI option the set is made here with the SHV generator (these
files share the generator's BSN pool, so the cross-file rules C08/T15 find more than in a real national set).

Per row: the whole `check --format json` in a fresh process (median of `--repeat` runs after one warm-up),
the floor (parsing every file with the standard `json` module, in a fresh process, right before each run),
the median of their ratios per pair, and the peak memory of the process tree (sum of PSS, sampled every 0.1 s in
the warm-up run; shared pages counted once).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import OUT, paired_ratio, timed_runs  # the same stopwatch, sampler and pairing as run.py

SHARE = 0.005   # trajecten per inhabitant in the national set
YEAR = 2024

_FLOOR_CHILD = r"""
import json, sys, time
paths = sys.argv[1:]
started = time.perf_counter()
for path in paths:
    with open(path, "rb") as fh:
        json.load(fh)
print(time.perf_counter() - started)
"""


def _gemeenten_2024() -> list[tuple[str, int]]:
    """(code, inhabitants) of every gemeente that existed on 1 January 2024."""
    import ddas_quality

    rows = []
    with open(Path(ddas_quality.__file__).parent / "data" / "gemeenten.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ends, starts = row["geldig_tot"], row["geldig_vanaf"]
            if (not ends or ends >= f"{YEAR}-01-01") and (not starts or starts <= f"{YEAR}-12-31") and row["inwoners"]:
                rows.append((row["gemeentecode"].zfill(4), int(row["inwoners"])))
    return rows


def national_set(scale: int) -> list[Path]:
    """The set's files, written on first use; sorted by name (the order the check reports them in)."""
    folder = OUT / f"landelijk-x{scale}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        if not _generate_with_cli(folder, scale):
            _generate_here(folder, scale)
        done.write_text("ok", encoding="utf-8")
    return sorted(folder.glob("*.json"))


def _generate_with_cli(folder: Path, scale: int) -> bool:
    """`ddas-quality generate --landelijk` (the real national set, unique pseudonyms) if the CLI offers it."""
    helptext = subprocess.run([sys.executable, "-m", "ddas_quality", "generate", "--help"], capture_output=True,
                              text=True).stdout
    if "--landelijk" not in helptext or "--per-1000" not in helptext:
        return False
    command = [sys.executable, "-m", "ddas_quality", "generate", "--landelijk", "--periode", str(YEAR),
               "--seed", "1", "--per-1000", str(SHARE * 1000 * scale), "--output", str(folder)]
    return subprocess.run(command, capture_output=True).returncode == 0


def _generate_here(folder: Path, scale: int) -> None:
    from ddas_quality.domains import get_domain
    from ddas_quality.domains.common.synthetic import write_delivery

    generator = get_domain("SHV").stage("generator")
    for number, (code, inhabitants) in enumerate(_gemeenten_2024()):
        count = max(1, round(inhabitants * SHARE * scale))
        delivery = generator.generate(count, seed=1000 + number, year=YEAR, half=None, gemeentecodes=[code],
                                      defects=())
        write_delivery(delivery.document, folder / f"SHV_{YEAR}_G{code}.json")


def small_set(count: int) -> list[Path]:
    """`count` files of three trajecten each (small organisations), written on first use."""
    from ddas_quality.domains import get_domain
    from ddas_quality.domains.common.synthetic import write_delivery

    folder = OUT / f"klein-{count}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        generator = get_domain("SHV").stage("generator")
        codes = [code for code, _ in _gemeenten_2024()]
        for number in range(count):
            delivery = generator.generate(3, seed=5000 + number, year=YEAR, half=None,
                                          gemeentecodes=[codes[number % len(codes)]], defects=())
            write_delivery(delivery.document, folder / f"SHV_{YEAR}_K{number:05d}.json")
        done.write_text("ok", encoding="utf-8")
    return sorted(folder.glob("*.json"))


def floor_once(paths: list[Path]) -> float:
    """Parsing every file with the standard `json` module, nothing else (a fresh process)."""
    return float(subprocess.run([sys.executable, "-c", _FLOOR_CHILD, *map(str, paths)], capture_output=True,
                                text=True, check=True).stdout)


def check_run(paths: list[Path], workers: int | None, repeat: int) -> dict:
    """The check `repeat` times, each run right after a floor run: the ratio is taken per pair, so a machine that
    slows down or speeds up during the benchmark (a shared one swings by a quarter) moves both alike."""
    env = dict(os.environ)
    if workers is not None:
        env["DDAS_QUALITY_WORKERS"] = str(workers)
    output = OUT / "batch-result.json"
    # The set holds pseudonyms, as the DDAS team's anonymized deliveries do: checked as the team checks them.
    command = [sys.executable, "-m", "ddas_quality", "check", *map(str, paths), "--profile", "geanonimiseerd",
               "--format", "json", "--output", str(output)]
    walls, warm, yards = timed_runs(command, env, repeat, {"floor": lambda: floor_once(paths)})
    floors = yards["floor"]
    result = json.loads(output.read_text(encoding="utf-8"))
    return {"end_to_end_s": round(statistics.median(walls), 2), "runs_s": [round(w, 2) for w in walls],
            "floor_json_s": round(statistics.median(floors), 2), "floors_s": [round(f, 2) for f in floors],
            "ratio_to_floor": paired_ratio(walls, floors),
            "peak_tree_pss_mb": round(warm.tree_peak_mb), "exit_code": warm.returncode,
            "findings": len(result.get("findings", [])), "files": len(result.get("files", []))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", nargs="*", type=int, default=[1])
    parser.add_argument("--workers", nargs="*", type=int, default=[None])
    parser.add_argument("--files", nargs="*", type=int, default=[None], help="only the first N files of the set")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of floor and check runs (median ratio)")
    parser.add_argument("--small", nargs="*", type=int, default=[],
                        help="also a set of N small files (three trajecten each)")
    args = parser.parse_args()
    load = os.getloadavg()
    rows = []
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("scale | files | trajecten~ | MB | workers | check s | json floor s | x floor | peak MB (tree, PSS) "
          "| findings")
    for scale in args.scale:
        every = national_set(scale)
        for limit in args.files:
            paths = every[:limit] if limit else every
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            for workers in args.workers:
                run = check_run(paths, workers, args.repeat)
                row = {"scale": scale, "files": len(paths), "megabytes": round(megabytes, 1),
                       "workers": workers or "default", **run}
                rows.append(row)
                print(f"{scale} | {len(paths)} | {round(sum(n for _, n in _gemeenten_2024()) * SHARE * scale)} | "
                      f"{row['megabytes']} | {row['workers']} | {run['end_to_end_s']} | {row['floor_json_s']} | "
                      f"{row['ratio_to_floor']} | {run['peak_tree_pss_mb']} | {run['findings']}", flush=True)
    for count in args.small:
        paths = small_set(count)
        run = check_run(paths, None, args.repeat)
        row = {"small_files": count, "megabytes": round(sum(p.stat().st_size for p in paths) / 1e6, 1), **run}
        rows.append(row)
        print(f"small | {count} | {3 * count} | {row['megabytes']} | default | {run['end_to_end_s']} | "
              f"{row['floor_json_s']} | {row['ratio_to_floor']} | {run['peak_tree_pss_mb']} | {run['findings']}",
              flush=True)
    targets = "targets: check <= 8x floor, peak < 1000 MB (x1), < 1500 MB (x3)"
    print(targets)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "batch.json").write_text(json.dumps({"load_average": load, "rows": rows}, indent=2), encoding="utf-8")
    print(f"written: {OUT / 'batch.json'}")


if __name__ == "__main__":
    main()
