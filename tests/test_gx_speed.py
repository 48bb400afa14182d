"""The shortcuts around Great Expectations (`gx_speed`, narrow frames, A04 in one groupby) change no finding."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ddas_quality.gx_import import import_gx
from ddas_quality.gx_speed import faster_gx
from ddas_quality.pipeline import Options, check_sources, suite_parameters, thresholds_for
from ddas_quality.reader import source_from_bytes
from ddas_quality.suite_runner import run_suites


def _released():
    import_gx()
    from great_expectations.core.id_dict import IDDict
    from great_expectations.execution_engine import pandas_execution_engine
    from great_expectations.expectations.expectation import Expectation

    return Expectation.__dict__["configuration"], pandas_execution_engine.HASH_THRESHOLD, IDDict.__dict__["to_id"]


def test_gx_is_as_released_after_the_block_also_after_an_error():
    before = _released()
    with pytest.raises(RuntimeError), faster_gx():
        assert _released() != before
        raise RuntimeError("stop")
    assert _released() == before


def test_configuration_is_built_once_per_expectation_inside_the_block():
    gx = import_gx()
    expectation = gx.expectations.ExpectColumnValuesToNotBeNull(column="a")
    assert expectation.configuration is not expectation.configuration   # released GX: a new one every time
    with faster_gx():
        assert expectation.configuration is expectation.configuration
        assert expectation.configuration.kwargs["column"] == "a"


@pytest.mark.parametrize("arguments", [
    {"column": "bsn", "mostly": 0.95, "result_format": {"result_format": "COMPLETE", "partial": [1, 2.5]}},
    {"column": "datum", "value_set": ["a", "b"], "parse_strings_as_datetimes": False, "row_condition": None},
    {"column_A": "a", "column_B": "b", "ignore_row_if": ("both_values_are_missing",)},
    {"column": "x", "min_value": float("nan"), "max_value": 3},          # NaN: GX makes it None
    {"column": "x", "min_value": pd.Timestamp("2024-01-01"), "max_value": None},
    {"column": "x", "min_value": np.int64(3), "nested": {1: "a key that is not text"}},
    {"column": "only one key"},
    {},
])
def test_metric_ids_are_gx_s_own_inside_the_block(arguments):
    """GX finds a planned metric again by its id: another id would compute it twice or mix metrics up."""
    import_gx()
    from great_expectations.core.id_dict import IDDict

    released = [IDDict(arguments).to_id(), IDDict(arguments).to_id(id_ignore_keys={"column"}),
                IDDict(arguments).to_id(id_keys=[k for k in arguments if k != "column"])]
    with faster_gx():
        inside = [IDDict(arguments).to_id(), IDDict(arguments).to_id(id_ignore_keys={"column"}),
                  IDDict(arguments).to_id(id_keys=[k for k in arguments if k != "column"])]
    assert inside == released


def test_findings_point_at_the_failing_rows_of_a_reordered_frame():
    """GX sees only the named columns with the row position as index; a frame whose index is not 0..n-1
    (derived frames are sorted) must still name the right rows."""
    frames = {"fasen": pd.DataFrame({
        "file": ["a.json"] * 3, "path": ["$.x[2]", "$.x[0]", "$.x[1]"], "traject_path": ["$.t"] * 3,
        "fase": ["intake", "aanmelding", "nazorg"], "volgorde": [1, 0, 5],
        "startdatum": pd.to_datetime(["2024-01-05", "2024-01-01", "2023-01-01"]),
        "einddatum": pd.to_datetime(["2024-01-06", "2024-01-02", "2023-01-02"]),
        "prev_max_start": pd.to_datetime(["2024-01-01", None, "2024-01-05"]),
        "prev_fase": ["aanmelding", None, "intake"],
    }, index=[7, 3, 9])}
    from ddas_quality.suites import load_suite_files

    needed = {e["meta"]["rule"] for s in load_suite_files("SHV") if s.frame == "fasen" for e in s.expectations}
    result = run_suites(frames, "SHV", suite_parameters(thresholds_for(Options())), selected=needed & {"P02"})
    p02 = [f for f in result.findings if f.rule == "P02"]
    assert len(p02) == 1 and p02[0].path == "$.t"   # P02 points at the traject
    assert "nazorg" in p02[0].message and "2023-01-01" in p02[0].message   # the row that failed, not another


def test_the_same_findings_in_one_process_and_in_two(monkeypatch):
    """The defects sample has findings of many rules: one process and two must report them identically."""
    sample = Path(__file__).resolve().parents[1] / "sample_data" / "SHV_2024_Voorbeeldgemeente_defecten.json"
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv("DDAS_QUALITY_WORKERS", workers)
        run = check_sources([source_from_bytes(sample.name, sample.read_bytes())])
        results.append([(f.rule, f.file, f.path, f.message) for f in run.findings])
    assert results[0] == results[1]
    assert len({rule for rule, *_ in results[0]}) >= 10


def test_gx_s_models_get_the_fields_a_plain_deepcopy_gives_them():
    """While GX imports, a subclass's fields are copied from its base by `_slotted_deepcopy`: the copies must
    equal deepcopy's, and be copies (a subclass that changes its field would otherwise change the base)."""
    import copy

    from ddas_quality.gx_import import faster_field_copies

    import_gx()
    from great_expectations.expectations.expectation import ColumnMapExpectation

    fields = ColumnMapExpectation.__fields__
    with faster_field_copies():
        fast = copy.deepcopy(fields)
        assert "__deepcopy__" in vars(type(next(iter(fields.values()))))
    plain = copy.deepcopy(fields)
    assert "__deepcopy__" not in vars(type(next(iter(fields.values()))))   # as released afterwards
    assert list(fast) == list(plain) and len(fast) > 5

    def described(field):
        return (repr(field), repr(field.field_info), sorted(field.class_validators), field.validators,
                field.pre_validators, field.post_validators, field.required, field.default)

    assert [described(f) for f in fast.values()] == [described(f) for f in plain.values()]
    for name, field in fast.items():
        assert field is not fields[name] and field.field_info is not fields[name].field_info
        assert field.class_validators is not fields[name].class_validators or not field.class_validators
