"""Benchmark: what placing findings on a line costs for the CI formats (github, sarif, gitlab).

Not a test: it prints a table. For each size it generates an SHV delivery with two defects, then times
(median of 3) parsing the file once with the standard `json` module (the yardstick: the check itself parses
it with a faster parser and does much more) against `reporters.locations.positions_in_file` for the worst
case, a path in the very last traject (the walk then crosses the whole file). Usage:

    python benchmarks/ci_locations.py               # 1,000 and 10,000 trajecten
    python benchmarks/ci_locations.py 1000 30000
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.reporters.locations import MAX_BYTES, positions_in_file


def median_seconds(action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    print(f"{'trajecten':>10} {'MB':>7} {'json.load s':>12} {'positions s':>12}   (grens: {MAX_BYTES // 2**20} MB)")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"SHV_2024_Bench{size}.json"
            outcome = CliRunner().invoke(app, ["generate", "--trajecten", str(size), "--seed", "3", "--defect", "T01",
                                               "--defect", "P02", "--output", str(path)])
            assert outcome.exit_code == 0, outcome.output
            document = json.loads(path.read_text(encoding="utf-8"))
            last_levering = len(document["leveringen"]) - 1
            last = len(document["leveringen"][-1]["schuldhulptrajecten"]) - 1
            del document
            wanted = [f"$.leveringen[{last_levering}].schuldhulptrajecten[{last}].aanmelding.startdatum",
                      "$.leveringen[0].schuldhulptrajecten[0]"]
            parse = median_seconds(lambda p=path: json.loads(p.read_text(encoding="utf-8")))
            walk = median_seconds(lambda p=path, w=wanted: positions_in_file(str(p), w, max_bytes=2**40))
            print(f"{size:>10,} {path.stat().st_size / 1e6:>7.1f} {parse:>12.2f} {walk:>12.2f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
