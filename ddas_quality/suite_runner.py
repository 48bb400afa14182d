"""Check stage: run the Great Expectations suites from `expectations/` on the frames, turn failures
into Findings.

Suites are configuration: each expectation carries its rule code and message template in `meta`.
GX drops an expectation of an unknown type with only a log line and reports a missing column like a
data failure; both are turned into a loud `SuiteError` here instead of silently passing.
"""

from __future__ import annotations

import logging
import math
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from .catalogue import get_rule
from .findings import SEVERITY_RANK, Finding
from .gx_import import import_gx
from .gx_speed import faster_gx
from .parallel import run_jobs, workers
from .suites import SuiteError, SuiteFile, load_suite_files

ROW_ID = "row_id"   # the name of the index of the frames GX gets: each row's position in the whole frame
RESULT_FORMAT = {
    # Row keys only, never the failing values (they could be a BSN): see docs/gx-notes.md. The key is the named
    # index, which GX lists in one go; a key column is looked up row by row and column by column (66 s for
    # 82,000 failing rows with file, path and row_id in a national batch).
    "result_format": "COMPLETE",
    "unexpected_index_column_names": [ROW_ID],
    "exclude_unexpected_values": True,
    "partial_unexpected_count": 0,
    "return_unexpected_index_query": False,
}


@dataclass
class _Outcome:
    validation: Any                                 # GX ExpectationSuiteValidationResult (picklable)
    keyed: list[tuple[tuple, Finding]]


@dataclass
class CheckResult:
    findings: list[Finding]
    validation_results: list[Any] = field(default_factory=list)   # GX ExpectationSuiteValidationResult
    expectations_run: int = 0


def _gx_suite(gx: Any, suite: SuiteFile) -> Any:
    built = gx.ExpectationSuite(**suite.config)
    if len(built.expectations) != len(suite.expectations):
        loaded = {e.type for e in built.expectations}
        missing = [e["type"] for e in suite.expectations if e["type"] not in loaded]
        raise SuiteError(
            f"Suite {suite.path.name}: {len(suite.expectations)} expectations in het bestand, maar Great "
            f"Expectations laadde er {len(built.expectations)}. Onbekend type: {', '.join(missing) or '?'}."
        )
    return built


@dataclass(frozen=True)
class _Job:
    """One suite on its frame; `index` keeps results in suite order whichever process ran it.

    GX gets `gx_frame`: only the columns the suite's expectations name, indexed by row position (`ROW_ID`).
    GX filters and copies the frame it is given per expectation, so a 60-column frame cost 60 columns of
    copying for every check of one column. Messages are filled from the whole `frame` afterwards."""
    index: int
    suite: SuiteFile
    frame: pd.DataFrame
    gx_frame: pd.DataFrame

    @property
    def cost(self) -> float:
        """Rough run time: GX pays per expectation, and more per expectation on long frames."""
        return len(self.suite.expectations) * (1 + len(self.frame) / 20_000)


def run_suites(frames: dict[str, pd.DataFrame], domain: str, parameters: dict[str, Any],
               selected: set[str] | None = None) -> CheckResult:
    """Run every suite of the domain on its frame, once for all files of the run (in parallel where possible)."""
    gx = import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.CRITICAL)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # One asset for every frame: each added asset or stored suite makes GX re-serialise its whole config.
    frames_asset = context.data_sources.add_pandas("ddas").add_dataframe_asset("frames")
    whole_frame = frames_asset.add_batch_definition_whole_dataframe("alles")
    jobs = _jobs(frames, domain, selected)

    def run(job: _Job) -> _Outcome:
        batch = whole_frame.get_batch(batch_parameters={"dataframe": job.gx_frame})
        validation = batch.validate(_gx_suite(gx, job.suite), result_format=RESULT_FORMAT,
                                    expectation_parameters=parameters)
        return _Outcome(validation, _findings_from(validation, job.frame, job.suite.path.name))

    with faster_gx():
        outcomes = run_jobs(jobs, run, workers())
    result = CheckResult(findings=[])
    keyed: list[tuple[tuple, Finding]] = []
    for job in jobs:   # suite order, so de-duplication keeps the same finding however the work was shared
        outcome = outcomes[job.index]
        result.validation_results.append(outcome.validation)
        result.expectations_run += len(job.suite.expectations)
        keyed.extend(outcome.keyed)
    result.findings = _deduplicate(keyed)
    return result


def _jobs(frames: dict[str, pd.DataFrame], domain: str, selected: set[str] | None) -> list[_Job]:
    """The domain's suites with only the selected expectations, each with its frame; empty suites dropped."""
    jobs = []
    narrow: dict[tuple[str, frozenset[str]], pd.DataFrame] = {}
    for suite in load_suite_files(domain):
        config = dict(suite.config)
        if selected is not None:
            config["expectations"] = [e for e in suite.expectations if e["meta"]["rule"] in selected]
        active = SuiteFile(suite.name, suite.frame, suite.path, config)
        if not active.expectations:
            continue
        if suite.frame not in frames:
            raise SuiteError(f"Suite {suite.path.name} vraagt frame '{suite.frame}', dat niet bestaat.")
        whole = frames[suite.frame]
        # A column an expectation names but the frame lacks stays out: GX then reports it missing (SuiteError).
        named = frozenset(_named_columns(active.expectations) & set(whole.columns))
        if (suite.frame, named) not in narrow:
            gx_frame = whole[[name for name in whole.columns if name in named]]
            narrow[suite.frame, named] = gx_frame.set_axis(pd.RangeIndex(len(whole), name=ROW_ID))
        jobs.append(_Job(len(jobs), active, whole, narrow[suite.frame, named]))
    return jobs


def _named_columns(expectations: list[dict]) -> set[str]:
    """Every column the expectations' kwargs name."""
    named: set[str] = set()
    for expectation in expectations:
        kwargs = expectation["kwargs"]
        named.update(kwargs[key] for key in ("column", "column_A", "column_B") if isinstance(kwargs.get(key), str))
        named.update(kwargs.get("column_list") or ())
    return named


def _raised(expectation_result: Any) -> str | None:
    info = expectation_result.exception_info or {}
    entries = info.values() if "raised_exception" not in info else [info]
    for entry in entries:
        if isinstance(entry, dict) and entry.get("raised_exception"):
            return str(entry.get("exception_message", "onbekende fout"))
    return None


def _findings_from(validation: Any, frame: pd.DataFrame, suite_file: str) -> list[tuple[tuple, Finding]]:
    """Findings with their de-duplication key: rule, file, path, and `meta.distinct` (a context key)."""
    findings: list[tuple[tuple, Finding]] = []
    for expectation_result in validation.results:
        if expectation_result.success:
            continue
        config = expectation_result.expectation_config
        problem = _raised(expectation_result)
        if problem:
            raise SuiteError(f"Suite {suite_file}, {config.type} ({config.meta.get('rule')}): {problem}")
        meta = config.meta
        rule = get_rule(meta["rule"])
        severity = meta.get("severity", rule.severity)
        location = meta.get("location", "path")
        # `meta.distinct` names a context key (e.g. the gemeentecode of aggregate rows that all sit at `$`).
        distinct_column = meta.get("context", {}).get(meta["distinct"]) if "distinct" in meta else None
        seen_locations: set[tuple[str, str, str | None]] = set()
        row_ids = _row_ids(expectation_result.result.get("unexpected_index_list", []))
        if not row_ids:
            continue
        # Only the columns this finding shows, for the failing rows only, in one take (not a row at a time).
        wanted = {"file", location, *_message_fields(meta["message"]), *meta.get("context", {}).values()}
        if distinct_column is not None:
            wanted.add(distinct_column)
        columns = [name for name in frame.columns if name in wanted]
        failing = frame[columns].iloc[row_ids]
        texts = {name: [_text(value) for value in failing[name].tolist()] for name in columns}
        raw = {name: failing[name].tolist() for name in ("file", location) if name in failing.columns}
        for position in range(len(row_ids)):
            distinct = None
            if distinct_column is not None:
                distinct = texts[distinct_column][position] if distinct_column in texts else ""
            where = (str(raw["file"][position]), str(raw[location][position]), distinct)
            if where in seen_locations:  # e.g. P02: only the first pair out of order per traject
                continue
            seen_locations.add(where)
            values = {name: column[position] for name, column in texts.items()}
            context = {name: values.get(column, "") for name, column in meta.get("context", {}).items()}
            message = meta["message"].format_map(_Defaulting(values))
            finding = Finding(rule.code, severity, message, where[0], where[1], context=context)
            findings.append(((rule.code, *where), finding))
    return findings


@lru_cache(maxsize=512)
def _message_fields(template: str) -> frozenset[str]:
    """The column names a message template reads (`{startdatum}`, `{fase}`)."""
    fields = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            fields.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return frozenset(fields)


def _row_ids(index_list: list[dict]) -> list[int]:
    """Failing rows in order. With `exclude_unexpected_values` GX packs them into one dict of lists."""
    ids: list[int] = []
    for entry in index_list:
        value = entry[ROW_ID]
        ids.extend(int(v) for v in value) if isinstance(value, list) else ids.append(int(value))
    return ids


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "onbekend"


def _text(value: Any) -> str:
    """How a frame value appears in a message: dates as JJJJ-MM-DD, whole numbers without decimals."""
    if value is None or value is pd.NaT:
        return "onbekend"
    if isinstance(value, pd.Timestamp):   # not strftime: the C library writes year 1 as "1", not "0001"
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, float):
        if math.isnan(value):
            return "onbekend"
        return str(int(value)) if value.is_integer() else f"{value:.2f}".replace(".", ",")
    try:
        if pd.isna(value):
            return "onbekend"
    except (TypeError, ValueError):
        pass
    return str(value)


def _deduplicate(keyed: list[tuple[tuple, Finding]]) -> list[Finding]:
    """One finding per key, the most severe one (A01 error beats A01 warning; T08 once per traject)."""
    best: dict[tuple, Finding] = {}
    for key, finding in keyed:
        current = best.get(key)
        if current is None or SEVERITY_RANK[finding.severity] < SEVERITY_RANK[current.severity]:
            best[key] = finding
    return list(best.values())
