"""The synthetic deliveries in `sample_data/`, rebuilt from the generator.

Run `python -m ddas_quality.sample_data [DIR]` after a change to the generator; a test checks that
the shipped files still equal what the generator makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from .domains.common.synthetic import write_delivery
from .domains.shv.generator import generate_delivery

CLEAN_FILE = "SHV_2024_Zandvoort.json"
DEFECT_FILE = "SHV_2024_Voorbeeldgemeente_defecten.json"
MANIFEST_FILE = "defecten.verwacht"  # JSON, but not *.json: `check sample_data/` must not read it as a levering
SAMPLE_DEFECTS = ("P01", "P02", "T01", "T02", "T03", "C01", "C07", "S02")
#: Oostzaan: under 10,000 inwoners (no A01), and 40 trajecten also fit its expected client count.
DEFECT_GEMEENTE = "0431"


def regenerate(target_dir: Path) -> list[Path]:
    """Write the clean sample, the sample with known defects, and the manifest of those defects."""
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    # Separate halves of the test-BSN pool: checked together, the two files share no person (no C08).
    clean = generate_delivery(trajecten=60, seed=1, year=2024, gemeentecodes=["0473"], bsn_slice=(1, 2))
    clean_path = target_dir / CLEAN_FILE
    write_delivery(clean.document, clean_path)

    broken = generate_delivery(trajecten=40, seed=2, year=2024, gemeentecodes=[DEFECT_GEMEENTE],
                               defects=SAMPLE_DEFECTS, bsn_slice=(2, 2))
    broken_path = target_dir / DEFECT_FILE
    write_delivery(broken.document, broken_path)

    manifest = {
        "bestand": DEFECT_FILE,
        "seed": 2,
        "trajecten": 40,
        "gemeentecode": DEFECT_GEMEENTE,
        "defecten": broken.expected_findings(),
    }
    manifest_path = target_dir / MANIFEST_FILE
    manifest_path.write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n")
    return [clean_path, broken_path, manifest_path]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "sample_data"
    for path in regenerate(target):
        print(path)


if __name__ == "__main__":
    main()
