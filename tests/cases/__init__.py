"""Rule cases: for every rule code, failing and passing cases as small patches on one valid base delivery.

One module per rule group (`GROUP_MODULES`), each with a list `CASES` of `conftest.Case`; the vroegsignalering
cases (any group) are in `vroegsignalering.py`. tests/test_rule_cases.py asserts every case with
`conftest.assert_case`; tests/test_rule_kit.py checks that every rule has its cases.

Running a case: each case is written as its own file (in its own folder, so names may repeat) and checked.
Cases of one domain are checked together in a few batches, one `check_paths` each, computed once per test
process; the findings are split by file. Rules that look at the other files of the run cannot share a run with
other cases: their cases run alone (`ALONE`), with only their rule selected.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from collections import defaultdict
from dataclasses import replace
from functools import cache
from importlib import import_module
from pathlib import Path

from conftest import Case, base_delivery

try:
    import fcntl
except ImportError:   # Windows: each test process checks the batches it needs itself
    fcntl = None

from ddas_quality.findings import Finding
from ddas_quality.pipeline import Options, check_paths

GROUP_MODULES = {
    "F": "bestand", "S": "schema", "L": "levering", "T": "trajecten", "P": "fasen", "C": "clienten",
    "D": "schulden", "A": "aantallen", "V": "vroegsignalering", "B": "api_berichten",
}
DOMAIN_MODULES = {"VS": "vroegsignalering"}   # every case of this domain, whatever its group
YEAR = {"SHV": 2024, "VS": 2025}              # the year of the base delivery's period, for <DOMAIN>_<year>_<name>

# Outcome depends on the other files of the run (rules.md): "files checked together" (C07, C08, T15), counted
# "over all files of one run" (A01, A02, V10), the previous delivery (A05). F07 (one gemeente per file) is judged
# per file today but is about how files are split, so it stays out of batches too. A new rule that looks across
# files belongs here, or its batched cases would see each other.
ALONE = frozenset({"A01", "A02", "A05", "C07", "C08", "F07", "T15", "V10"})
# Alone for its size only: B08's failing case is one API message of 25,001 trajecten, checked for B08 alone.
ALONE |= {"B08"}
BATCHES_PER_DOMAIN = 2   # so that pytest-xdist can give each worker a batch


def module_for(code: str, domain: str) -> str:
    """Where the cases of `code` for `domain` live, as a path for messages: tests/cases/<module>.py."""
    name = DOMAIN_MODULES.get(domain) or GROUP_MODULES[code[0]]
    return f"tests/cases/{name}.py"


@cache
def all_cases() -> tuple[Case, ...]:
    names = dict.fromkeys([*GROUP_MODULES.values(), *DOMAIN_MODULES.values()])
    return tuple(case for name in names for case in import_module(f"{__name__}.{name}").CASES)


def case_id(case: Case) -> str:
    return f"{case.domain}-{case.rule}-{case.name}"


@cache
def _batches() -> dict[str, str]:
    """Case id -> batch name; the cases of a domain are dealt over its batches in turn."""
    batches: dict[str, str] = {}
    dealt: dict[str, int] = defaultdict(int)
    for case in all_cases():
        if case.rule not in ALONE and case.profile is None:
            batches[case_id(case)] = f"{case.domain}-{dealt[case.domain] % BATCHES_PER_DOMAIN}"
            dealt[case.domain] += 1
    return batches


def batch_of(case: Case) -> str | None:
    """The batch a case is checked in, or None when it runs alone."""
    return _batches().get(case_id(case))


def base_document(domain: str) -> dict:
    if domain == "VS":
        from .vroegsignalering import vs_base

        return vs_base()
    return base_delivery()


def file_name(case: Case) -> str:
    return case.file or f"{case.domain}_{YEAR[case.domain]}_{case.file_name}.json"


def case_document(case: Case) -> dict:
    """The base delivery of the case's domain with the case's patch applied."""
    document = base_document(case.domain)
    case.patch(document)
    return document


def write_case(case: Case, folder: Path) -> Path:
    """The case as a file in `folder`: the patched document as UTF-8 JSON, through `case.raw` if it has one."""
    data = json.dumps(case_document(case), ensure_ascii=False).encode("utf-8")
    path = folder / file_name(case)
    path.write_bytes(case.raw(data) if case.raw else data)
    return path


def run_cases(cases: list[Case], options: Options | None = None) -> dict[str, list[Finding]]:
    """Check the cases in one run: case id -> the findings about its file. A case with a previous delivery
    (A05) runs alone: that delivery is given as --previous."""
    options = options or Options()
    with tempfile.TemporaryDirectory(prefix="ddas-cases-") as folder:
        files: dict[str, str] = {}
        for i, case in enumerate(cases):
            (Path(folder) / f"{i:03d}").mkdir()
            files[case_id(case)] = str(write_case(case, Path(folder) / f"{i:03d}"))
            if case.previous:
                assert len(cases) == 1, f"{case_id(case)} has a previous delivery: it runs alone"
                (Path(folder) / "vorige").mkdir()
                previous = replace(case, patch=case.previous, file=None, raw=None, file_name="Vorige")
                options = replace(options, previous=(write_case(previous, Path(folder) / "vorige"),))
        result = check_paths(list(files.values()), options)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        for file in finding.file.split(", "):   # aggregate findings name every file they count
            by_file[file.split("!")[0]].append(finding)
    return {key: by_file.get(file, []) for key, file in files.items()}


def batch_names() -> list[str]:
    return sorted(set(_batches().values()))


def _check_batch(batch: str) -> dict[str, list[Finding]]:
    """Every case of one batch in one run (the rules that look across files are not run)."""
    cases = [case for case in all_cases() if batch_of(case) == batch]
    return run_cases(cases, Options(ignore=sorted(ALONE)))


_checked: dict[str, dict[str, list[Finding]]] = {}   # batch -> case id -> findings, in this process


def batch_findings(batch: str, shared: Path | None = None) -> dict[str, list[Finding]]:
    """The findings of one batch, checked once per process, or once per test session when the pytest-xdist
    workers share the folder `shared`: a worker that finds its batch being checked by another worker checks a
    batch nobody has started meanwhile, and then waits."""
    if batch not in _checked:
        _checked[batch] = _shared_batch(batch, shared) if shared and fcntl else _check_batch(batch)
    return _checked[batch]


def _shared_batch(batch: str, shared: Path) -> dict[str, list[Finding]]:
    shared.mkdir(parents=True, exist_ok=True)
    while True:
        found = _claim(batch, shared, wait=False)
        if found is not None:
            return found
        for other in batch_names():
            if other not in _checked and not (shared / f"{other}.pickle").exists():
                found = _claim(other, shared, wait=False)
                if found is not None:
                    _checked[other] = found
                    break
        else:
            return _claim(batch, shared, wait=True)


def _claim(batch: str, shared: Path, *, wait: bool) -> dict[str, list[Finding]] | None:
    """The batch's findings: read when stored, else checked and stored under its lock; None when another
    process holds the lock and `wait` is false. A lock dies with its process, so nobody waits forever."""
    stored = shared / f"{batch}.pickle"
    if stored.exists():
        return pickle.loads(stored.read_bytes())
    with open(shared / f"{batch}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if stored.exists():
            return pickle.loads(stored.read_bytes())
        found = _check_batch(batch)
        partial = stored.with_suffix(f".{os.getpid()}")
        partial.write_bytes(pickle.dumps(found))
        partial.replace(stored)
        return found


def findings_for(case: Case, shared: Path | None = None) -> list[Finding]:
    """What the run reported about the case's file: from its batch, or from a run of the case alone."""
    batch = batch_of(case)
    if batch is None:
        return run_cases([case], Options(select=[case.rule], profile=case.profile or "standaard"))[case_id(case)]
    return batch_findings(batch, shared)[case_id(case)]
