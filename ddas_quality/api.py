"""The Python API: `check(...)` for a supplier's own tests and release pipeline.

A library must be predictable, so unlike the command line it prints nothing, never exits, and reads no
config file unless asked (`config=`): the same call gives the same answer in every working directory.
What the tool cannot use at all raises `InputError` (the input) or `ConfigError` (an option, the config
file); a delivery with mistakes is never an exception, it is a result with findings. Messages are Dutch
and never quote the input's content.

The command line (`ddas-quality check`) is a user of `check_with_options`, so both give the same findings.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from .config import FAIL_ON, PROFILES, ConfigError, file_problem
from .findings import Finding
from .pipeline import Options, Progress, RunResult  # light: the heavy stages are imported when a check runs
from .reader import InputError
from .suites import SuiteError

__all__ = ["CheckResult", "ConfigError", "FileResult", "Finding", "InputError", "SuiteError", "check",
           "check_with_options"]

#: The display name of a document or bytes given without `name=`: no file, so no file-name rule (F01).
DEFAULT_NAME = "levering.json"

PathLike = str | os.PathLike[str]
#: A path, a list of paths (.json files, .zip files, directories), a parsed JSON document, or its bytes.
Source = PathLike | Sequence[PathLike] | Mapping[str, Any] | Sequence[Any] | bytes | bytearray


@dataclass(frozen=True)
class FileResult:
    """One checked file: how it was recognised and how much it holds (never its content)."""

    name: str                          # as given; `<zip>!<member>` inside a zip, `<map>/<pad>` in a directory
    domain: str | None                 # "SHV" or "VS"; None when the file could not be read as JSON
    schema_version: str | None         # the version of the exchange model it was checked against
    sha256: str
    counts: Mapping[str, int]          # leveringen, trajecten, clienten (VS: also signalen, zaken, ...)


@dataclass(frozen=True, repr=False)
class CheckResult:
    """The outcome of one check of one or more files together.

    `findings` are sorted (file, severity, rule, place); `counts` holds error/warning/info; `passed` is False
    when a finding is at or above `fail_on`. `run` is the pipeline's own result, for the reporters.
    """

    findings: tuple[Finding, ...]
    counts: Mapping[str, int]
    passed: bool
    fail_on: str
    files: tuple[FileResult, ...]
    run: RunResult = field(compare=False)

    @cached_property
    def figures(self) -> dict[str, Any]:
        """The op-orde figures CBS will compute, per domain in the run (`"SHV"`, `"VS"`), as plain JSON-ready
        values: only counts and sums, never a person. Computed on first use (a big delivery takes a while)."""
        return _figures(self.run)

    def to_dict(self) -> dict[str, Any]:
        """The JSON output of `ddas-quality check --format json` (the stable, versioned contract)."""
        from .reporters import json_report

        return json_report.build(self.run, self.fail_on)

    def __repr__(self) -> str:
        # Counts only: a result printed in a test log must not carry anything from the input.
        counts = ", ".join(f"{severity}={n}" for severity, n in self.counts.items())
        return f"CheckResult(passed={self.passed}, {counts}, files={len(self.files)})"


def check(
    source: Source,
    *,
    name: str | None = None,
    domain: str | None = None,
    schema_version: str | None = None,
    select: Sequence[str] | str | None = None,
    ignore: Sequence[str] | str | None = None,
    fail_on: Literal["error", "warning"] | None = None,
    profile: Literal["standaard", "geanonimiseerd"] | None = None,
    previous: Sequence[PathLike] | PathLike = (),
    gemeenten: PathLike | None = None,
    config: PathLike | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check one or more DDAS deliveries, as `ddas-quality check` does, and return the result.

    `source`: a path (a .json file, a .zip, a directory), a list of paths (checked together; a list whose items
    are all text or Path is always paths), a parsed document (dict) or its raw JSON `bytes`. A document or bytes
    is shown as `name` (default "levering.json"); give the real file name, e.g. "SHV_2024_Haarlem.json", to have
    the file-name rules (F01, F02, F06) checked too.
    `select`/`ignore`: rule codes, groups or patterns ("T01", "P", "C0*"). `fail_on`: "error" (default) or
    "warning". `profile`: "standaard" (default) or "geanonimiseerd". `previous`: the previous delivery (A05).
    `gemeenten`: a newer gemeente table (CSV). `config`: a ddas-quality.toml or pyproject.toml whose settings
    apply under the keywords given here; without it no config file is read. `progress`: called with each
    file's report once it is read.

    Raises InputError (a path that is not there, input that is no delivery at all), ConfigError (an option or
    config file that cannot be used) or SuiteError (the tool's own checks are broken).
    """
    options = _options(domain=domain, schema_version=schema_version, select=select, ignore=ignore,
                       fail_on=fail_on, profile=profile, previous=previous, gemeenten=gemeenten, config=config)
    result = check_with_options(source, options, name=name, progress=progress)
    # A check leaves its objects out of collections while it runs (`no_cycles`); Python then puts them back
    # without counting them towards its next full collection, so in a program that checks delivery after
    # delivery the garbage among them was never collected (~3,000 objects more per check). One full collection
    # here (~0.1 s) keeps such a program the same size.
    gc.collect()
    return result


def check_with_options(source: Source, options: Options, *, name: str | None = None,
                       progress: Progress | None = None) -> CheckResult:
    """`check` with ready-made pipeline Options (what the command line builds from its flags and config)."""
    from .pipeline import check_paths, check_sources

    paths = _paths(source)
    if paths is not None:
        if name is not None:
            raise ConfigError("name= geldt alleen voor een document of bytes: een bestand heeft al een naam.")
        run = check_paths(paths, options, progress=progress)
    else:
        run = check_sources([_source(source, name)], options, progress=progress)
    return _result(run, options.fail_on)


# ----------------------------------------------------------------------------------------- the input


def _paths(source: Source) -> list[PathLike] | None:
    """The paths in `source`, or None when it is a document or bytes. An empty list is paths (none given)."""
    if isinstance(source, str | os.PathLike):
        return [source]
    if isinstance(source, list | tuple) and all(isinstance(item, str | os.PathLike) for item in source):
        return list(source)
    return None


def _source(source: Source, name: str | None):
    """A document or bytes as a reader.SourceFile: every reader check on the bytes (encoding, JSON, size)."""
    from dataclasses import replace

    from .reader import source_from_bytes

    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise ConfigError("name= moet een bestandsnaam zijn, bijvoorbeeld \"SHV_2024_Haarlem.json\".")
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, Mapping | list | tuple):
        data = _json_bytes(source)
    else:
        raise InputError(f"check() kan geen {type(source).__name__} controleren. Geef een pad (tekst of Path), "
                         "een lijst met paden, een ingelezen JSON-document (dict) of de bytes van een .json-bestand.")
    read = source_from_bytes(name or DEFAULT_NAME, data)
    if name is None:   # no file, so no file name to check
        read = replace(read, findings=tuple(f for f in read.findings if f.rule != "F01"))
    return read


def _json_bytes(document: Mapping[str, Any] | Sequence[Any]) -> bytes:
    """The document as UTF-8 JSON; NaN stays in, so the reader reports it like it would in a file."""
    try:
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    except TypeError:
        reason = ("er staat een waarde in die JSON niet kent, zoals een datum- of set-object. Zet datums om "
                  "naar tekst (JJJJ-MM-DD) en lijsten naar list")
    except RecursionError:
        reason = "het is te diep genest"
    except ValueError:
        reason = "het verwijst naar zichzelf (een kringverwijzing)"
    # The json module's own message can name a key of the input: it is not passed on.
    raise InputError(f"Het document is geen JSON-document: {reason}.") from None


# --------------------------------------------------------------------------------------- the options


def _options(*, domain, schema_version, select, ignore, fail_on, profile, previous, gemeenten, config) -> Options:
    """Options from the keywords, checked here so a mistake names the keyword; a config file only when given."""
    from .config import CliSettings, resolve

    domain = _domain(domain)
    schema_version = _version(schema_version, domain)
    select, ignore = _patterns(select, "select"), _patterns(ignore, "ignore")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"fail_on moet 'error' of 'warning' zijn, niet {fail_on!r}.")
    if profile is not None and profile not in PROFILES:
        raise ConfigError(f"profile moet {' of '.join(repr(p) for p in PROFILES)} zijn, niet {profile!r}.")
    table = Path(gemeenten) if gemeenten is not None else None
    problem = file_problem(table, "Gemeentetabel", "Geef het CSV-bestand zelf op.") if table is not None else None
    if problem:
        raise ConfigError(problem)
    earlier = [previous] if isinstance(previous, str | os.PathLike) else list(previous or ())
    if config is not None:
        settings = CliSettings(select=select, ignore=ignore, fail_on=fail_on, gemeenten=table, profile=profile,
                               previous=earlier, domain=domain, schema_version=schema_version)
        return resolve(settings, Path(config))
    return Options(domain=domain, schema_version=schema_version, select=select, ignore=ignore,
                   gemeenten_table=table, fail_on=fail_on or "error", profile=profile or "standaard",
                   previous=tuple(earlier))


def _domain(domain: str | None) -> str | None:
    from .domains import domain_names

    if domain is None:
        return None
    if not isinstance(domain, str) or domain.strip().upper() not in domain_names():
        raise ConfigError(f"Onbekend domein {domain!r}. Kies uit: {', '.join(domain_names())}.")
    return domain.strip().upper()


def _version(version: str | None, domain: str | None) -> str | None:
    from .domains import all_domains

    if version is None:
        return None
    known = sorted({v for d in all_domains() if domain in (None, d.name) for v in d.versions})
    cleaned = version.strip().lstrip("vV") if isinstance(version, str) else None
    if cleaned not in known:
        raise ConfigError(f"Onbekende schema_version {version!r}. Bekend: {', '.join(known)}.")
    return cleaned


def _patterns(values: Sequence[str] | str | None, keyword: str) -> list[str] | None:
    """Rule codes, groups or patterns; each must name at least one rule (a typo would switch rules off)."""
    from .catalogue import CATALOGUE, UnknownRuleError, get_rule
    from .selection import is_selected, split_codes

    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if not all(isinstance(value, str) for value in values):
        raise ConfigError(f"{keyword} moet een lijst met regelcodes zijn, bijvoorbeeld [\"T01\", \"P\"].")
    patterns = split_codes(list(values))
    # select="" would quietly check every rule; an empty text is a slip, while ignore=[] is plainly "nothing"
    if (not patterns and keyword == "select") or any(not value.strip() for value in values):
        raise ConfigError(f"{keyword} is leeg. Geef regelcodes, groepen of patronen op, bijvoorbeeld [\"T01\", "
                          "\"P\"], of laat het weg.")
    for pattern in patterns:
        if not any(is_selected(code, [pattern], None) for code in CATALOGUE):
            try:
                get_rule(pattern)
                message = f"het patroon '{pattern}' past bij geen enkele regel."
            except UnknownRuleError as error:
                message = str(error)
            raise ConfigError(f"{keyword}: {message}")
    return patterns or None


# --------------------------------------------------------------------------------------- the result


def _result(run: RunResult, fail_on: str) -> CheckResult:
    files = tuple(FileResult(report.file, report.domain, report.schema_version, report.sha256, dict(report.counts))
                  for report in run.files)
    return CheckResult(findings=tuple(run.findings), counts=run.severity_counts(), passed=not run.failed(fail_on),
                       fail_on=fail_on, files=files, run=run)


def _figures(run: RunResult) -> dict[str, Any]:
    """Each domain's op-orde figures over all files, as the HTML report shows them."""
    present = {report.domain for report in run.files if report.domain}
    if not run.frames:
        return {}
    figures: dict[str, Any] = {}
    if "SHV" in present:
        figures["SHV"] = _shv_figures(run.frames)
    if "VS" in present:
        figures["VS"] = _vs_figures(run.frames)
    return {domain: values for domain, values in figures.items() if values is not None}


def _shv_figures(frames: dict[str, Any]) -> dict[str, Any] | None:
    from .domains.shv.figures import compute

    known = frames.get("gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True)
              if isinstance(naam, str) and naam} if known is not None else {})
    rows = [asdict(row) for row in compute(frames, None, names)]
    return {"per_gemeente": rows[:-1], "totaal": rows[-1]}


def _vs_figures(frames: dict[str, Any]) -> dict[str, Any] | None:
    from .domains.vs.figures import compute_vs

    figures = compute_vs(frames)
    return asdict(figures) if figures is not None else None
