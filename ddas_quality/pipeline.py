"""The pipeline, one way: read -> identify -> validate -> flatten -> derive -> check -> findings.

`check_paths` is what every front end (CLI, tests, benchmark) calls; reporters only see its result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .api_message import translate, translate_frames
from .catalogue import CATALOGUE
from .findings import Finding
from .selection import is_selected

FRAME_COUNTS = ("leveringen", "trajecten", "clienten")


@dataclass(frozen=True)
class Options:
    domain: str | None = None
    schema_version: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    gemeenten_table: Path | None = None
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)   # code -> key -> value
    severity: dict[str, str] = field(default_factory=dict)                  # code -> overriding severity
    fail_on: str = "error"
    profile: str = "standaard"                                              # or "geanonimiseerd"
    previous: tuple[str | Path, ...] = ()                                   # the previous delivery (A05)
    config_file: Path | None = None                                         # where the settings came from


@dataclass
class FileReport:
    file: str
    sha256: str
    size: int
    domain: str | None = None
    schema_version: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FRAME_COUNTS, 0))

    def to_dict(self) -> dict:
        return {"file": self.file, "domain": self.domain, "schema_version": self.schema_version,
                "sha256": self.sha256, "counts": dict(self.counts)}


@dataclass
class RunResult:
    files: list[FileReport]
    findings: list[Finding]
    frames: dict[str, Any] = field(default_factory=dict)
    validation_results: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def severity_counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def failed(self, fail_on: str = "error") -> bool:
        levels = {"error"} if fail_on == "error" else {"error", "warning"}
        return any(f.severity in levels for f in self.findings)

    def findings_for(self, file: str) -> list[Finding]:
        return [f for f in self.findings if f.file == file or file in f.file.split(", ")]


def thresholds_for(options: Options) -> dict[str, dict[str, float]]:
    """Catalogue defaults, overridden per rule by the user's configuration."""
    merged = {code: dict(rule.thresholds or {}) for code, rule in CATALOGUE.items()}
    for code, values in options.thresholds.items():
        merged.setdefault(code, {}).update(values)
    return merged


def _nothing() -> None:
    """Nothing to wait for (module level: a `_Prepared` from the forked reader is pickled)."""


@dataclass
class _Prepared:
    """Everything before the suites: file reports, findings so far, and the derived frames per domain."""
    files: list[FileReport]
    findings: list[Finding]
    derived: list[tuple[str, dict[str, Any]]]          # (domain, frames): SHV and/or VS
    timings: dict[str, float]
    messages: dict[str, Any] = field(default_factory=dict)   # API message sets: name -> api_message.PathIndex
    gx_ready: Callable[[], None] = _nothing   # waits for a GX import started during derive (`gx_meanwhile`)


Progress = Callable[[FileReport], None]   # called in this process after each file is read up to its frames


def check_paths(paths: Sequence[str | Path], options: Options | None = None, *,
                progress: Progress | None = None, keyer: Any = None) -> RunResult:
    """Check every delivery under `paths` together; raises reader.InputError for a missing path.
    `keyer`: a `privacy.Keyer` shared with another run, so client keys match across both (`diff`)."""
    from .reader import iter_sources

    options = options or Options()
    overlap = progress is None and _overlap_pays(paths, options)
    from .batch import PlannedSources

    # Not overlapping: a batch of files may be read in worker processes (`batch`), else as `iter_sources`.
    planned = (lambda: iter_sources(paths)) if overlap else (lambda: PlannedSources(paths))
    return _check(planned, options, overlap=overlap, progress=progress, keyer=keyer)


def check_sources(sources: Iterable[Any], options: Options | None = None, *,
                  progress: Progress | None = None) -> RunResult:
    """Check already-read sources (reader.SourceFile, e.g. from `reader.source_from_bytes`) together.

    Their documents are handed over: flatten frees records as it reads them (their lists then hold None).
    Two sources with one name are both checked, the second as `<name> (2e exemplaar)`."""
    return _check(lambda: _distinct_names(sources), options or Options(), overlap=False, progress=progress)


def _distinct_names(sources: Iterable[Any]) -> Iterator[Any]:
    """Each source under a name of its own: rows of two sources with one name would share their (file, path)
    keys, which the frames cannot hold, and their findings would be indistinguishable. Named like a zip's second
    member of one name (`reader`), and never as a name given later on."""
    from .reader import copy_name

    seen: set[str] = set()
    for source in sources:
        name, number = source.name, 1
        while name in seen:
            number += 1
            name = copy_name(source.name, number)
        seen.add(name)
        if name != source.name:
            findings = tuple(replace(f, file=name) if f.file == source.name else f for f in source.findings)
            source = replace(source, name=name, findings=findings)
        yield source


def _check(sources: Callable[[], Iterable[Any]], options: Options, *, overlap: bool,
           progress: Progress | None, keyer: Any = None) -> RunResult:
    from .no_cycles import frozen

    # What the check imports (GX) and parses is left out of garbage collections until it is done (`no_cycles`):
    # each parsed document while it lives, 100,000 trajecten 12.1 -> 10.9 s back to back.
    with frozen():
        return _checked(sources, options, overlap=overlap, progress=progress, keyer=keyer)


def _checked(sources: Callable[[], Iterable[Any]], options: Options, *, overlap: bool,
             progress: Progress | None, keyer: Any = None) -> RunResult:
    from .reader import InputError

    limits = thresholds_for(options)
    if overlap:
        # Importing GX (~1.4 s with pandas) is pure start-up cost: let a forked child read up to derive meanwhile.
        from .gx_import import import_gx
        from .parallel import in_child

        started = time.perf_counter()
        # pandas before the fork (GX needs it here anyway): the child then starts with it and is done sooner,
        # so it competes less with the GX import here (1,000 trajecten: 2.6 -> 2.5 s).
        import pandas  # noqa: F401

        prepared = in_child(lambda: _prepare(sources(), options, limits, None, keyer), import_gx,
                            expected=(InputError,))
        prepared.timings["overlap"] = time.perf_counter() - started
    else:
        prepared = _prepare(sources(), options, limits, progress, keyer, gx_meanwhile=True)
    prepared.gx_ready()
    result = RunResult(files=prepared.files, findings=[])
    findings = prepared.findings
    selected = {code for code in CATALOGUE if is_selected(code, options.select, options.ignore)}
    for domain, frames in prepared.derived:
        findings.extend(_run_suites(domain, frames, limits, selected, result, prepared.timings))
    findings = translate(findings, prepared.messages)   # API message sets: back into their page files
    result.frames = translate_frames(result.frames, prepared.messages)
    result.findings = sorted(
        (_with_severity(f, options.severity) for f in findings if is_selected(f.rule, options.select, options.ignore)),
        key=Finding.sort_key,
    )
    result.timings = prepared.timings
    return result


# Above this much input the frames are too big to send back from a child cheaply (pickling ~1 s per 100 MB
# of frames, and memory twice over); the import then simply comes first.
OVERLAP_MAX_BYTES = 64 * 1024 * 1024


def _overlap_pays(paths: Sequence[str | Path], options: Options) -> bool:
    import sys

    from .parallel import can_fork, workers
    from .reader import InputError, input_bytes

    if "great_expectations" in sys.modules or workers() < 2 or not can_fork():
        return False
    try:
        return input_bytes([*paths, *options.previous]) <= OVERLAP_MAX_BYTES
    except InputError:   # reading says what is wrong, in the same words
        return False


def _prepare(sources: Iterable[Any], options: Options, limits: dict[str, dict[str, float]],
             progress: Progress | None, keyer: Any = None, gx_meanwhile: bool = False) -> _Prepared:
    """read -> identify -> validate -> flatten -> derive for every file; no GX here, except with `gx_meanwhile`:
    then GX is imported in a thread while derive runs (`gx_import.import_gx_meanwhile`)."""
    from .derive import DeriveContext, derive
    from .domains import all_domains
    from .flatten import concat_frames
    from .gemeenten import load_table
    from .gx_import import import_gx, import_gx_meanwhile
    from .memory import give_back_freed
    from .parallel import can_fork, workers
    from .privacy import Keyer

    timings = dict.fromkeys(("read", "identify", "validate", "flatten", "derive", "suites"), 0.0)
    keyer = keyer or Keyer()
    messages: dict[str, Any] = {}
    # A batch read in workers has cores to spare once its last groups are being read (they end unevenly), and a
    # large SHV file while a forked child flattens its last part: GX is imported then (not in a thread: derive
    # forks a helper child later, and a child forked while a thread imports may hang). Otherwise `start_gx` below.
    spare = import_gx if gx_meanwhile else None
    files, findings, flats = _read_to_frames(sources, options, keyer, timings, progress, messages, spare)
    # The previous delivery (A05) takes the same steps up to flatten; its own findings are not reported.
    previous = _previous_frames(options, keyer, timings) if options.previous else []

    derived = []
    table = None
    gx_ready: list[Callable[[], None]] = []

    def start_gx() -> None:   # once, after derive's helper child is forked (a thread must not run at a fork)
        if gx_meanwhile and not gx_ready:
            gx_ready.append(import_gx_meanwhile())

    helper = gx_meanwhile and workers() >= 2 and can_fork()   # in the forked reader it slowed 10k: 3.2 -> 4.0 s
    for domain in all_domains():   # each domain: its own frames, derive step and suites
        own = [flat for name, flat in flats if name == domain.name]
        if not own:
            continue
        if table is None:
            table = load_table(options.gemeenten_table)
        earlier = [flat for name, flat in previous if name == domain.name]
        context = DeriveContext(table, limits, files_in_run=sum(flat.documents for flat in own),
                                previous=concat_frames(earlier) if domain.uses_previous and options.previous else None,
                                profile=options.profile)
        started = time.perf_counter()
        joined = concat_frames(own)
        # Once joined, the per-file frames only cost memory: let them go before derive adds its own.
        own.clear()
        flats = [(name, flat) for name, flat in flats if name != domain.name]
        give_back_freed()   # the per-file frames: else derive's peak sits on top of them (~100 MB nationally)
        derived.append((domain.name, derive(domain, joined, context, release=True, helper=helper, started=start_gx)))
        del joined
        timings["derive"] += time.perf_counter() - started
    return _Prepared(files, findings, derived, timings, messages, gx_ready[0] if gx_ready else _nothing)


def _run_suites(domain: str, frames: dict[str, Any], limits: dict[str, dict[str, float]], selected: set[str],
                result: RunResult, timings: dict[str, float]) -> list[Finding]:
    """The domain's suites on its derived frames; the frames join the result (names differ per domain)."""
    from .suite_runner import run_suites

    started = time.perf_counter()
    checked = run_suites(frames, domain, suite_parameters(limits), selected)
    timings["suites"] += time.perf_counter() - started
    result.frames = {**result.frames, **frames}
    result.validation_results = [*result.validation_results, *checked.validation_results]
    return checked.findings


def _read_to_frames(sources: Iterable[Any], options: Options, keyer: Any, timings: dict[str, float],
                    progress: Progress | None = None, messages: dict[str, Any] | None = None,
                    spare: Callable[[], object] | None = None):
    """read -> identify -> validate -> flatten for every source: (file reports, findings, flats).

    API pages come out of `assemble` as one joined source per message set; `messages` collects their indexes.
    `spare`: work for this process while a core would otherwise idle: when a batch's workers read their last
    groups, or while a forked child flattens the last part of a large file (again for each such file: it must be
    cheap the second time, as an import is)."""
    from .api_message import assemble, page_reports
    from .batch import pays
    from .domains import get_domain
    from .flatten import SETTLE_ROWS, Settler, flatten_document
    from .identify import identify
    from .no_cycles import collector_paused
    from .parallel import workers
    from .validate import get_validator, validate_document

    if pays(sources):
        return _read_batch(sources, options, keyer, timings, progress, messages, spare)
    files: list[FileReport] = []
    findings: list[Finding] = []
    flats = Settler(SETTLE_ROWS)
    sources = iter(assemble(sources, options.domain))
    while True:
        started = time.perf_counter()
        # parsing big JSON creates millions of objects that are never cyclic; left alone until the check ends
        with collector_paused(leave_alone=True):
            source = next(sources, None)
        timings["read"] += time.perf_counter() - started
        if source is None:
            break
        report = FileReport(source.name, source.sha256, source.size)
        files.append(report)
        findings.extend(source.findings)
        if source.document is None:
            if progress:
                progress(report)
            continue
        started = time.perf_counter()
        ident = identify(source.document, source.name, domain=options.domain, version=options.schema_version)
        report.domain, report.schema_version = ident.domain, ident.version
        findings.extend(ident.findings)
        timings["identify"] += time.perf_counter() - started

        started = time.perf_counter()
        findings.extend(validate_document(source.document, get_validator(ident.domain, ident.version), source.name))
        timings["validate"] += time.perf_counter() - started

        domain = get_domain(ident.domain)

        started = time.perf_counter()
        flat = flatten_document(domain, source.document, source.name, keyer, processes=workers(),
                                version=ident.version, release=True, spare=spare)
        report.counts = domain.stage("flatten").counts(flat.tables)
        reports = page_reports(source, report, flat, domain.stage("flatten").counts)  # API: one per page
        files[-1:] = reports
        if messages is not None and reports[0] is not report:
            messages[source.name] = source.index
        flats.add(domain.name, flat)   # small files: their frames are made together
        timings["flatten"] += time.perf_counter() - started
        del source  # the document is not needed after flattening: free it before the next file
        for each in reports if progress else ():
            progress(each)
    started = time.perf_counter()
    settled = flats.done()
    timings["flatten"] += time.perf_counter() - started
    return files, findings, settled


def _read_batch(sources: Any, options: Options, keyer: Any, timings: dict[str, float], progress: Progress | None,
                messages: dict[str, Any] | None, spare: Callable[[], object] | None = None):
    """`_read_to_frames` per input file in worker processes; API pages are joined here afterwards."""
    from .batch import read_in_workers

    def per_source(own: Iterable[Any], part_timings: dict[str, float]):
        part_timings.update(dict.fromkeys(timings, 0.0))
        return _read_to_frames(own, options, keyer, part_timings, None, {})

    files, findings, flats, held = read_in_workers(sources, per_source, progress, timings, near_end=spare)
    if held:   # API message pages: assembled across files, after the other files (as without workers)
        more = _read_to_frames(held, options, keyer, timings, progress, messages)
        files, findings, flats = files + more[0], findings + more[1], flats + more[2]
    return files, findings, flats


def _previous_frames(options: Options, keyer: Any, timings: dict[str, float]) -> list:
    """The previous delivery up to flatten (for A05 only): its own findings are dropped."""
    from .reader import InputError, iter_sources

    try:
        return _read_to_frames(iter_sources(options.previous), options, keyer, timings)[2]
    except InputError as error:
        raise InputError(f"Vorige levering (--previous): {error}") from None


def _with_severity(finding: Finding, overrides: dict[str, str]) -> Finding:
    """The user's severity for this rule (config `[severity]`), else the finding as the check made it."""
    severity = overrides.get(finding.rule)
    return replace(finding, severity=severity) if severity and severity != finding.severity else finding


def suite_parameters(limits: dict[str, dict[str, float]]) -> dict[str, float]:
    """Thresholds as GX suite parameters: `{"$PARAMETER": "a01_error_ratio"}`."""
    return {f"{code.lower()}_{key}": value for code, values in limits.items() for key, value in values.items()}
