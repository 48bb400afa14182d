"""Hostile *content* through the whole pipeline: any value of any type in any field of a delivery.

The reader fuzz tests (test_reader.py) cover bytes, truncation and zips; this one covers what comes after:
identify, validate, flatten, derive, the GX suites and the JSON report. A supplier's broken export must end
in findings and exit code 1 or 2, never a traceback, and no traject may silently disappear: every traject in
the input is counted in the trajecten frame, or a finding names its path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import IDENTIFIERS, base_delivery
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ddas_quality.pipeline import check_paths
from ddas_quality.reporters import json_report

#: Values a broken export really produces: wrong types, empties, absurd sizes, odd text.
HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40), st.just(""), st.just("9" * 5000),
    st.just([]), st.just({}), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                                   st.integers(), max_size=2),
    st.just("2024-02-30"), st.just("31-12-2024"), st.just("Onbekend"), st.just("\u0000\ud7ff\u202e"),
)


def _places(node: object, path: str = "$") -> list[tuple[str, object, object]]:
    """Every (path, parent, key) in the document: any value can be replaced."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        child = f"{path}.{key}" if isinstance(node, dict) else f"{path}[{key}]"
        found.append((child, node, key))
        found.extend(_places(value, child))
    return found


def _trajecten_in(document: dict) -> list[tuple[str, bool]]:
    """(path, is an object) for every item of every schuldhulptrajecten list that a reader could see."""
    out = []
    leveringen = document.get("leveringen")
    for i, levering in enumerate(leveringen if isinstance(leveringen, list) else []):
        trajecten = levering.get("schuldhulptrajecten") if isinstance(levering, dict) else None
        for j, traject in enumerate(trajecten if isinstance(trajecten, list) else []):
            out.append((f"$.leveringen[{i}].schuldhulptrajecten[{j}]", isinstance(traject, dict)))
    return out


#: More examples for a bug hunt: DDAS_FUZZ_EXAMPLES=200 python -m pytest tests/test_fuzz_pipeline.py
EXAMPLES = int(os.environ.get("DDAS_FUZZ_EXAMPLES", "12"))


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_any_field_gives_findings_not_a_crash(data, tmp_path: Path) -> None:
    document = base_delivery()
    for _ in range(data.draw(st.integers(min_value=1, max_value=6), label="mutations")):
        places = _places(document)
        where, parent, key = places[data.draw(st.integers(0, len(places) - 1), label="place")]
        parent[key] = data.draw(HOSTILE, label=f"value at {where}")
    path = tmp_path / "SHV_2024_Vlieland.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    result = check_paths([path])  # must not raise
    rendered = json_report.render(result)

    expected = _trajecten_in(document)
    counted = result.files[0].counts["trajecten"]
    objects = [p for p, is_object in expected if is_object]
    if result.files[0].domain == "SHV":
        assert counted == len(objects), (counted, expected)
    named = {f.path for f in result.findings if f.path}
    for traject_path, is_object in expected:
        if not is_object:  # not a traject at all: the schema finding must say so at its path
            assert traject_path in named, (traject_path, sorted(named)[:20])
    for identifier in IDENTIFIERS:
        assert identifier not in rendered


def test_a_traject_that_is_not_an_object_is_named_not_dropped(tmp_path: Path) -> None:
    document = base_delivery()
    document["leveringen"][0]["schuldhulptrajecten"][1] = "traject 2"
    path = tmp_path / "SHV_2024_Vlieland.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = check_paths([path])
    assert result.files[0].counts["trajecten"] == 3
    assert any(f.rule == "S01" and f.path == "$.leveringen[0].schuldhulptrajecten[1]" for f in result.findings)
