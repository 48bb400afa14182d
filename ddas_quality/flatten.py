"""Flatten stage: one document -> one pandas DataFrame per entity, each row with its file and JSON path.

The domain's own `flatten` module knows the entities; this stage holds what every domain shares. Identifiers
never leave the flatten step: BSNs and address keys become keyed hashes, birth dates an age.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .domains.common.values import RECORD_NUMBER, SHARED_TEXT, Columns, infers_str
from .no_cycles import collector_paused

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
        return self.built   # type: ignore[return-value]

    @property
    def tables(self) -> dict[str, Any]:
        """Per frame its rows (`Columns` while pending, else the frame): what counting needs (`len`), without
        making frames."""
        if self.built is None and self.pending is None:
            raise RuntimeError("this document's rows were joined into another FlatDocument: use that one")
        return self.pending if self.built is None else self.built   # type: ignore[return-value]


def flatten_document(domain: Domain, document: object, file: str, keyer: Keyer, processes: int = 1,
                     version: str | None = None, release: bool = False,
                     spare: Callable[[], object] | None = None) -> FlatDocument:
    """The frames of one document of `domain`, read as `version` (the version it was checked against, S03).

    `release`: the caller hands the document over and does not read it again; its records are freed as they
    are flattened (the parsed document is the largest thing a check holds), leaving lists of None behind.
    `spare`: work for this process while a forked child flattens the rest of a large document (called once this
    process's part is done; never when the document is not split). A domain may leave it uncalled: VS does
    (its GX import then runs beside derive, see `domains/vs/flatten.py`).

    Rows and frames are made without cyclic garbage collections (`collector_paused`): they make no cycles, and
    each collection looked at all rows made so far and the document still alive (100,000 trajecten, the
    document not frozen: flatten 7.1 s with collections, 5.0 s without)."""
    with collector_paused():
        return domain.stage("flatten").flatten(document, file, keyer, processes=processes, version=version,
                                               release=release, spare=spare)


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
    return {name: finish(name, _joined([flat.frames[name] for flat in flats], offsets)) for name in flats[0].frames}


def join_parts(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The frames of one document flattened in parts (in document order), joined per frame as `concat_frames`
    joins documents, not typed yet; each kind of frame leaves the parts as it is joined (one copy at a time).
    Record numbers are the document's already."""
    if len(parts) == 1:
        return parts[0]
    return {name: _joined([part.pop(name) for part in parts]) for name in list(parts[0])}


def _joined(frames: list[pd.DataFrame], offsets: Sequence[int] | None = None) -> pd.DataFrame:
    """`frames` one after the other, each part's record numbers moved up by its offset (if given)."""
    # A part without rows is left out: its empty columns are objects, and joined with it a number column of
    # the other parts would become objects too (different frames depending on how files were grouped).
    parts = [(number, frame) for number, frame in enumerate(frames) if len(frame)] or [(0, frames[0])]
    frame = pd.concat([part for _, part in parts], ignore_index=True)
    if offsets is not None:
        _renumber(frame, [offsets[number] for number, _ in parts], [len(part) for _, part in parts])
    return _same_kinds(frame)


def _numbers_used(flat: FlatDocument) -> int:
    """One more than the highest record number in the document (0 without records)."""
    highest = [int(frame[RECORD_NUMBER].max()) for frame in flat.frames.values()
               if RECORD_NUMBER in frame.columns and len(frame)]
    return max(highest, default=-1) + 1


def _renumber(frame: pd.DataFrame, offsets: Sequence[int], sizes: Sequence[int]) -> None:
    """Record numbers of joined parts (`sizes` rows each, in turn) moved up by each part's offset, so a record
    number names one record over all of them."""
    if RECORD_NUMBER in frame.columns and len(frame):
        # part by part in one copy of the column: an offset per row (np.repeat) and the sum as int64 were two
        # more temporary columns, ~80 MB at the joining of a national batch three times as large
        numbers = frame[RECORD_NUMBER].to_numpy(copy=True)
        start = 0
        for offset, size in zip(offsets, sizes, strict=True):
            numbers[start:start + size] += offset
            start += size
        frame[RECORD_NUMBER] = numbers


def join_flats(flats: list[tuple[str, FlatDocument]]) -> list[tuple[str, FlatDocument]]:
    """(domain, document) pairs joined into one typed document per domain, in order of first appearance: what a
    batch worker sends back for a group of files. Typing again after the next join changes nothing."""
    names = list(dict.fromkeys(name for name, _ in flats))
    joined = []
    for name in names:
        own = [flat for each, flat in flats if each == name]
        joined.append((name, FlatDocument(concat_frames(own), own[0].finish, sum(flat.documents for flat in own))))
    return joined


# A document of fewer rows than PENDING_BELOW keeps them pending (for such a file the fixed ~30 ms of making
# its frames is most of its cost; a larger one makes its own frames, as rows in Python lists take more memory);
# pending rows of one domain are made into frames before they would pass SETTLE_ROWS (~300 bytes a row: 15 MB).
PENDING_BELOW = 5_000
SETTLE_ROWS = 50_000


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
        """Add a document; it must not be used on its own afterwards (its rows may join another document)."""
        if flat.built is not None:
            self._close(name)
            self._flats.append((name, flat))
            return
        rows = sum(map(len, flat.tables.values()))
        if self.limit is not None and self._rows.get(name, 0) + rows > self.limit:
            self._close(name)
        self._runs.setdefault(name, []).append(len(self._flats))
        self._rows[name] = self._rows.get(name, 0) + rows
        self._flats.append((name, flat))

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
    frames once. Record numbers stay unique, as in `concat_frames`. The pending documents are used up."""
    first = pending[0]
    names = list(first.tables)
    sizes = {name: [len(flat.tables[name]) for flat in pending] for name in names}
    used = [max((max(flat.tables[name].data.get(RECORD_NUMBER) or [-1]) for name in names), default=-1) + 1
            for flat in pending]
    rows = {name: Columns.joined(*(flat.tables[name] for flat in pending)) for name in names}
    for flat in pending:
        flat.pending = None
    frames = first.make(rows)
    offsets = np.cumsum([0, *used[:-1]])
    for name, frame in frames.items():
        _renumber(frame, offsets, sizes[name])
    return FlatDocument(frames, first.finish, sum(flat.documents for flat in pending))


def _same_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """A joined frame the same however its files were grouped into parts: a part whose column held only missing
    values made it an object column there, and joining gave objects (with None here, NaN there) where one part
    would have given text or numbers. Such a column of texts becomes text again, of numbers numbers; in the rest
    missing is None."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object or column in SHARED_TEXT:
            continue
        kind = pd.api.types.infer_dtype(values, skipna=True)
        missing = values.isna()
        if kind == "string" and infers_str():
            frame[column] = values.astype("str")
        elif kind in ("integer", "floating", "mixed-integer-float") and _fits_int64(values, kind):
            frame[column] = values.astype("int64" if kind == "integer" and not missing.any() else "float64")
        elif missing.any():
            frame[column] = values.where(~missing, None)
    return frame


def _fits_int64(values: pd.Series, kind: str) -> bool:
    """Whole numbers beyond 64 bits (a hostile `teller` of 10**30) stay objects, as one part alone keeps them."""
    if kind == "floating":
        return True
    numbers = [value for value in values.dropna() if isinstance(value, int)]
    return not numbers or (min(numbers) >= -(2**63) and max(numbers) < 2**63)
