"""The domains a delivery can belong to (SHV, VS): one record each, found by looking in this folder.

The pipeline, the reporters and the CLI ask these records instead of branching on a domain's name. A domain
is one package here with the same module names, each holding one stage for that domain:

- `__init__.py`  its `DOMAIN` record (cheap: no pandas, so `--help` stays fast)
- `identify.py`  `version_signs(document)`: the schema version told by distinguishing fields, or None
- `flatten.py`   `flatten(document, file, keyer, processes, version, release)` -> FlatDocument (`version`:
                 the one the file was checked against; `release`: free records as they are read), its frames
                 typed by `flatten.concat_frames` once all files are joined; `counts(frames)` for the report
- `derive.py`    `derive(frames, context, release)` -> the frames its suites check (`release`: the frames
                 are handed over, the dict emptied)
- `figures.py`   the op-orde figures; `preview.py` `render(frames, files)` -> the HTML section of the report
- `generator/`   synthetic deliveries with injected defects (`generate`, `SUPPORTED_DEFECTS`)

Its schemas are `schemas/<prefix>-<version>.json`, its suites `expectations/<prefix>.*.json`.
"""

from __future__ import annotations

import pkgutil
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType


@dataclass(frozen=True)
class Domain:
    name: str                          # "SHV": as in the JSON output and the catalogue's `domains`
    title: str                         # Dutch, for messages: "schuldhulpverlening"
    versions: tuple[str, ...]          # every version we check, newest first
    current: str                       # the version a file is held to (see the domain's record for why)
    shape_keys: tuple[str, ...]        # keys of a levering that only this domain has
    entities: tuple[tuple[str, str, str], ...]   # (counts key, one, many) for the terminal summary
    unit: str                          # what the generator counts: "trajecten" or "signalen"
    order: int = 0                     # detection order; the lowest is the default when nothing tells
    uses_previous: bool = False        # whether --previous (A05) compares with a previous delivery
    package: str = field(default="", compare=False)

    @property
    def prefix(self) -> str:
        """`shv`: the --domain value and the prefix of its schema and suite files."""
        return self.name.lower()

    def stage(self, name: str) -> ModuleType:
        """The domain's module for one stage (`flatten`, `derive`, ...), imported on first use."""
        return import_module(f"{self.package}.{name}")


@cache
def all_domains() -> tuple[Domain, ...]:
    """Every domain package in this folder, in detection order."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg and module.name != "common":
            record = import_module(f"{__name__}.{module.name}").DOMAIN
            found.append(record)
    return tuple(sorted(found, key=lambda d: d.order))


def get_domain(name: str) -> Domain:
    """The domain called `name` (any case); KeyError when there is none."""
    for domain in all_domains():
        if domain.name == name.upper():
            return domain
    raise KeyError(name)


def domain_names() -> tuple[str, ...]:
    return tuple(domain.name for domain in all_domains())


def default_domain() -> Domain:
    return all_domains()[0]
