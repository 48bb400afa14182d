"""The suite files in `expectations/`: read as plain JSON (no GX import), so listing rules stays fast."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .resources import suite_paths


class SuiteError(Exception):
    """A suite that cannot be trusted: unknown expectation type, missing column, broken file."""


@dataclass(frozen=True)
class SuiteFile:
    name: str
    frame: str
    path: Path
    config: dict

    @property
    def expectations(self) -> list[dict]:
        return self.config.get("expectations", [])


def load_suite_files(domain: str) -> list[SuiteFile]:
    suites = []
    for path in suite_paths(domain):
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise SuiteError(f"Suite {path.name} is niet te lezen: {error}") from error
        frame = config.get("meta", {}).get("frame")
        if not frame:
            raise SuiteError(f"Suite {path.name} noemt geen frame in meta.frame.")
        suites.append(SuiteFile(config["name"], frame, path, config))
    return suites
