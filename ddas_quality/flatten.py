"""Flatten stage: one document -> one pandas DataFrame per entity, each row with its file and JSON path.

The domain's own `flatten` module knows the entities; this stage holds what every domain shares. Identifiers
never leave the flatten step: BSNs and address keys become keyed hashes, birth dates an age.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .domains.common.values import RECORD_NUMBER, SHARED_TEXT, infers_str

if TYPE_CHECKING:
    from .domains import Domain
    from .privacy import Keyer


@dataclass
class FlatDocument:
    """The frames of one document, every column there but not typed yet: `finish(name, frame)` types a frame
    (dates, nullable booleans) once, after the frames of all files are joined (`concat_frames`). Typing per
    file cost 5.5 s of a 342-file batch; once over the joined frames it is a fraction of a second.

    A small document may keep its rows as collected (`pending`: a `Columns` per frame) until it is joined with
    its neighbours (`settle`): making nine DataFrames costs ~30 ms whatever their size, which was most of the
    time of a batch of small files (3000 files of two trajecten: 100 s). `frames` makes them when asked."""

    built: dict[str, pd.DataFrame] | None
    finish: Callable[[str, pd.DataFrame], pd.DataFrame]   # the domain's module-level `typed`: sent back from workers
    documents: int = 1   # how many documents (files, API message sets) these frames hold: several once joined
    pending: dict[str, Any] | None = None   # frame name -> Columns, while `built` is None
    make: Callable[[dict[str, Any]], dict[str, pd.DataFrame]] | None = None   # pending rows -> frames

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        if self.built is None:
            self.built = _made([self]).built
            self.pending = self.make = None
        return self.built   # type: ignore[return-value]

    @property
    def tables(self) -> dict[str, Any]:
        """Per frame its rows, made into a frame or not: what counting needs (`len`), without making frames."""
        return self.pending if self.built is None else self.built   # type: ignore[return-value]

    def counts(self) -> dict[str, int]:
        return {name: len(table) for name, table in self.tables.items()}


def flatten_document(domain: Domain, document: object, file: str, keyer: Keyer, processes: int = 1,
                     version: str | None = None, release: bool = False) -> FlatDocument:
    """The frames of one document of `domain`, read as `version` (the version it was checked against, S03).

    `release`: the caller hands the document over and does not read it again; its records are freed as they
    are flattened (the parsed document is the largest thing a check holds), leaving lists of None behind."""
    return domain.stage("flatten").flatten(document, file, keyer, processes=processes, version=version,
                                           release=release)


def concat_frames(flats: list[FlatDocument]) -> dict[str, pd.DataFrame]:
    """All files of a run in one typed frame per entity (GX then runs once per suite, not once per file).
    Record numbers stay unique: each document's numbers follow those of the documents before it."""
    if not flats:
        return {}
    flats = [flat for _, flat in settle([("", flat) for flat in flats])]
    finish = flats[0].finish
    if len(flats) == 1:
        return {name: finish(name, frame) for name, frame in flats[0].frames.items()}
    offsets = np.cumsum([0, *(_numbers_used(flat) for flat in flats[:-1])])
    joined = {}
    for name in flats[0].frames:
        parts = [flat.frames[name] for flat in flats]
        frame = pd.concat(parts, ignore_index=True)
        if RECORD_NUMBER in frame.columns:
            shift = np.repeat(offsets, [len(part) for part in parts])
            numbers = frame[RECORD_NUMBER].to_numpy()
            frame[RECORD_NUMBER] = (numbers + shift).astype(numbers.dtype, copy=False)
        joined[name] = finish(name, _same_texts(frame))
    return joined


def _numbers_used(flat: FlatDocument) -> int:
    """One more than the highest record number in the document (0 without records)."""
    highest = [int(frame[RECORD_NUMBER].max()) for frame in flat.frames.values()
               if RECORD_NUMBER in frame.columns and len(frame)]
    return max(highest, default=-1) + 1


def join_flats(flats: list[tuple[str, FlatDocument]]) -> list[tuple[str, FlatDocument]]:
    """(domain, document) pairs joined into one typed document per domain, in order of first appearance: what a
    batch worker sends back for a group of files. Typing again after the next join changes nothing."""
    names = list(dict.fromkeys(name for name, _ in flats))
    joined = []
    for name in names:
        own = [flat for each, flat in flats if each == name]
        joined.append((name, FlatDocument(concat_frames(own), own[0].finish, sum(flat.documents for flat in own))))
    return joined


# Pending rows are made into frames once this many rows of one domain wait (bounded memory: rows as Python lists
# take two to three times their frames' size).
SETTLE_ROWS = 200_000


def settle(flats: list[tuple[str, FlatDocument]]) -> list[tuple[str, FlatDocument]]:
    """(domain, document) pairs where each run of consecutive pending documents of one domain is one document
    with frames."""
    settled = Settler()
    for name, flat in flats:
        settled.add(name, flat)
    return settled.done()


class Settler:
    """Collects (domain, document) pairs in order and makes each run of pending documents of one domain into one
    document with frames: once the run holds `limit` rows (memory stays bounded as files are read), when a
    document of that domain with frames of its own comes next (order is kept), and at the end."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self._flats: list[tuple[str, FlatDocument] | None] = []
        self._runs: dict[str, list[int]] = {}   # domain -> positions of its run of pending documents
        self._rows: dict[str, int] = {}

    def add(self, name: str, flat: FlatDocument) -> None:
        if flat.built is not None:
            self._close(name)
            self._flats.append((name, flat))
            return
        self._runs.setdefault(name, []).append(len(self._flats))
        self._rows[name] = self._rows.get(name, 0) + sum(map(len, flat.tables.values()))
        self._flats.append((name, flat))
        if self.limit is not None and self._rows[name] >= self.limit:
            self._close(name)

    def done(self) -> list[tuple[str, FlatDocument]]:
        for name in list(self._runs):
            self._close(name)
        return [pair for pair in self._flats if pair is not None]

    def _close(self, name: str) -> None:
        positions = self._runs.pop(name, [])
        self._rows.pop(name, None)
        if positions:
            self._flats[positions[0]] = (name, _made([self._flats[p][1] for p in positions]))  # type: ignore[index]
            for position in positions[1:]:
                self._flats[position] = None


def _made(pending: list[FlatDocument]) -> FlatDocument:
    """Pending documents (one domain, in order) as one document with frames: the rows joined, then made into
    frames once. Record numbers stay unique, as in `concat_frames`."""
    from .domains.common.values import Columns

    first = pending[0]
    names = list(first.pending)
    sizes = {name: [len(flat.pending[name]) for flat in pending] for name in names}
    used = [max((max(flat.pending[name].data.get(RECORD_NUMBER) or [-1]) for name in names), default=-1) + 1
            for flat in pending]
    rows = {name: Columns.joined(*(flat.pending[name] for flat in pending)) for name in names}
    for flat in pending:
        flat.pending = None
    frames = first.make(rows)
    if len(pending) > 1:
        offsets = np.cumsum([0, *used[:-1]])
        for name, frame in frames.items():
            if RECORD_NUMBER in frame.columns and len(frame):
                numbers = frame[RECORD_NUMBER].to_numpy()
                frame[RECORD_NUMBER] = (numbers + np.repeat(offsets, sizes[name])).astype(numbers.dtype, copy=False)
    return FlatDocument(frames, first.finish, sum(flat.documents for flat in pending))


def _same_texts(frame: pd.DataFrame) -> pd.DataFrame:
    """Joined frames the same however their files were grouped: a part whose text column held only missing
    values made it an object column, so joining gave objects where one part would give text, and missing as
    None here, NaN there. An object column of texts becomes text again; in the rest missing is None."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object or column in SHARED_TEXT:
            continue
        kind = pd.api.types.infer_dtype(values, skipna=True)
        if kind == "string" and infers_str():
            frame[column] = values.astype("str")
        elif values.isna().any():
            frame[column] = values.astype(object).where(values.notna(), None)
    return frame
