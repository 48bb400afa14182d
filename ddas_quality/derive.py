"""Derive stage: cross-row facts, computed once in plain pandas, as columns and frames the suites check.

The domain's own `derive` module knows its rules; this stage holds what every domain's derive step may use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .domains import Domain
    from .gemeenten import GemeenteTable


@dataclass(frozen=True)
class DeriveContext:
    """What derive steps may use besides the frames: reference data, thresholds, the run's size."""

    table: GemeenteTable
    thresholds: dict[str, dict[str, float]]   # rule code -> key -> value (catalogue defaults + config)
    files_in_run: int
    previous: dict[str, pd.DataFrame] | None = None   # flattened frames of the previous delivery (A05)
    profile: str = "standaard"                         # "geanonimiseerd": pseudonyms instead of BSNs (C01)

    def threshold(self, code: str, key: str) -> float:
        """A threshold from the catalogue (or the user's config); the catalogue is the only place with defaults."""
        try:
            return float(self.thresholds[code][key])
        except KeyError:
            raise KeyError(f"De catalogus heeft geen drempel {key} voor {code}.") from None


def derive(domain: Domain, frames: dict[str, pd.DataFrame], context: DeriveContext, release: bool = False,
           helper: bool = False, started: Callable[[], object] | None = None) -> dict[str, pd.DataFrame]:
    """The frames of all files of `domain` in the run, plus the derived columns and frames its suites need.

    `release`: the caller hands the frames over; the dict is emptied, and a frame derive replaces by a new
    version is freed then, not when derive ends (a national batch: the joined frames are ~330 MB).
    `helper`: a core is free, so a forked child may take the domain's independent steps (its `start_aside`).
    `started`: called once that child runs, before derive itself; a thread is started there, not earlier (a
    child forked while a thread imports may hang)."""
    step = domain.stage("derive")
    aside = step.start_aside(frames, context) if helper and hasattr(step, "start_aside") else None
    try:
        if started is not None:
            started()
        if aside is None:
            return step.derive(frames, context, release=release)
        return step.derive(frames, context, release=release, aside=aside)
    finally:   # derive failed or was interrupted before it asked for the result: no child left waiting
        if aside is not None:
            aside.close()
