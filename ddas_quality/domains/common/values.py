"""Tolerant readers of JSON values for the flatten step of every domain.

A document may have failed the schema (already reported as S01/S02), so a value of the wrong type counts as
missing here instead of crashing; `Columns` collects rows column-wise, which is much faster than dicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def dict_items(value: object) -> list[tuple[int, dict]]:
    """Dict items of a list with their original index (non-dict items are S01 findings already)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def handed_over(items: list[tuple[int, dict]], source: object, release: bool) -> Iterator[tuple[int, dict]]:
    """The `items` (from `dict_items(source)` or `records_at`), one at a time.

    With `release` the caller owns the document and needs none of these items afterwards: each one leaves
    `items` and the document's list `source` as it is handed over, so a parsed traject is freed as soon as its
    rows are made. The parsed document is four times the file (800 MB for 100,000 trajecten); freeing it as it
    goes took 370 MB off that check's peak. Lengths stay."""
    for position in range(len(items)):
        index, item = items[position]
        if release:
            items[position] = source[index] = None  # type: ignore[index]
        yield index, item
        del item


# A part of one list of records: its places (indexes), the position of its first record among the records of all
# the lists (SHV numbers its trajecten so), and how many records the whole list has.
Places = tuple[range, int, int]


def split_places(lists: list[object], share: float) -> tuple[list[Places], list[Places]]:
    """Per list (one per levering, in order), the `Places` of the first `share` of the records (dicts) over all
    lists, and of the rest: for two processes that each flatten one part (`records_at`)."""
    records = [dict_items(each) for each in lists]
    left, seen = round(sum(map(len, records)) * share), 0
    first, rest = [], []
    for each, items in zip(lists, records, strict=True):
        length = len(each) if isinstance(each, list) else 0
        here = min(max(left - seen, 0), len(items))
        cut = items[here][0] if here < len(items) else length
        first.append((range(cut), seen, len(items)))
        rest.append((range(cut, length), seen + here, len(items)))
        seen += len(items)
    return first, rest


def records_at(records: object, places: range | None, release: bool) -> list[tuple[int, dict]]:
    """The records (dicts) at `places` in the list `records` (default: all), as `dict_items`; only those are
    looked at.

    With `release`, the others are freed first, in C, before any of them is looked at. A look is a write (the
    reference count): a page the two processes of a split share is then copied, and both keep a copy while the
    records live. Freed at once, the other part's pages are copied only for a moment. Looked at first, both
    processes kept a copy of the whole document: 0.5 GB more at 500,000 signalen."""
    if places is None:
        return dict_items(records)
    if not isinstance(records, list):
        return []
    if release:
        records[:places.start] = [None] * places.start
        records[places.stop:] = [None] * (len(records) - places.stop)
    return [(index, records[index]) for index in places if isinstance(records[index], dict)]


def frames_of(cols: dict[str, Columns]) -> dict[str, pd.DataFrame]:
    """One DataFrame per collector; each collector's lists go as soon as its frame is made (not at the end:
    400 MB less at the peak of a 500,000-signalen VS file)."""
    import pandas as pd

    return {name: pd.DataFrame({column: _shared(values) if column in SHARED_TEXT
                                else record_numbers(values) if column == RECORD_NUMBER else _column(values)
                                for column, values in cols.pop(name).data.items()})
            for name in list(cols)}


# The number of a row's record (an SHV traject) within its document: rows of one traject, in any frame, share it
# (`flatten.concat_frames` keeps the numbers unique over joined documents). Derive ties rows to their traject by
# this integer, an array lookup, instead of joining on the `file` and path texts. int32: 4 bytes a row.
RECORD_NUMBER = "traject_nr"


def record_numbers(values: list | tuple = ()) -> pd.Series:
    import numpy as np
    import pandas as pd

    return pd.Series(np.asarray(values, dtype=np.int32))


# Columns with one text for many rows (the file name: every row of a file). Kept as Python objects, each row
# points to the same text; in Arrow every row would hold its own copy (a national batch: ~40 bytes a row, over
# 3 million rows at three times the national size).
SHARED_TEXT = frozenset({"file", "traject_path"})


def _shared(values: list) -> object:
    import pandas as pd

    return pd.Series(values, dtype=object)


def _column(values: list) -> object:
    """A text column straight into Arrow (in C, twice as fast as pandas' own inference, which checks and
    converts every value in Python: a fifth of a batch's flatten time); anything else as pandas infers it."""
    if not infers_str():
        return values
    first = next((value for value in values if value is not None), None)
    if not isinstance(first, str):
        return values
    import pandas as pd
    import pyarrow as pa

    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):   # mixed (a text and a number): pandas' object column
        return values
    return pd.Series(array, dtype="str")


@cache
def infers_str() -> bool:
    """Whether pandas makes text columns of type `str` (pandas 3 on), as Arrow's do; else keep its objects."""
    import pandas as pd

    return pd.Series(["tekst"]).dtype != object


def as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def as_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def as_day(value: object) -> str | None:
    """A date string kept raw; the whole column is parsed at once at the end (fast, NaT when invalid)."""
    return value if isinstance(value, str) and len(value) == 10 else None


def parse_day(value: object) -> date | None:
    text = as_day(value)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse_datetime(value: object, local: bool = False) -> datetime | None:
    """A date-time text as a datetime without zone: in UTC, or with `local` the wall-clock time as written in the
    file's own zone (to compare with the file's plain calendar days: 00:30+01:00 on the 17th is the 17th)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment
    return moment.replace(tzinfo=None) if local else moment.astimezone(UTC).replace(tzinfo=None)


class Columns:
    """Column-wise row collector: much faster than a list of dicts for 100,000 rows.

    A row is kept as one tuple while its keys come in the same order as the row before (one call site makes
    all rows of a frame, so that is the rule); every `CHUNK` rows, and when the keys change, the tuples are
    turned into columns in C (`zip(*rows)`), so rows and columns are never both held for a whole frame.
    Columns first seen later are None in earlier rows.
    """

    CHUNK = 32_768

    def __init__(self) -> None:
        self._columns: dict[str, list] = {}
        self._keys: tuple[str, ...] = ()
        self._rows: list[tuple] = []
        self._done = 0          # rows already in `_columns`
        self.size = 0

    def add(self, **row: object) -> None:
        keys = tuple(row)
        if keys != self._keys or len(self._rows) >= self.CHUNK:
            self._flush()
            self._keys = keys
        self._rows.append(tuple(row.values()))
        self.size += 1

    def __len__(self) -> int:
        return self.size

    def add_row(self, keys: tuple[str, ...], values: tuple) -> None:
        """`add` for a frame's many rows (schulden, fasen): the column names as one constant tuple (`keys`, the
        same object on every call) and the values in that order. A keyword call costs ~1 µs a row; a national
        batch has millions of such rows."""
        if keys is not self._keys or len(self._rows) >= self.CHUNK:
            self._flush()
            self._keys = keys
        self._rows.append(values)
        self.size += 1

    def extend_columns(self, values: dict[str, list], count: int) -> None:
        """Rows already counted in `size`, given column by column (a column not given is None there)."""
        columns, done = self._columns, self._done
        for name in values:
            if name not in columns:
                columns[name] = [None] * done
        for name, column in columns.items():
            column.extend(values.get(name) or [None] * count)
        self._done = done + count

    def _flush(self) -> None:
        rows, self._rows = self._rows, []
        if not rows:
            return
        columns, done = self._columns, self._done
        for name in self._keys:
            if name not in columns:
                columns[name] = [None] * done
        values = dict(zip(self._keys, zip(*rows, strict=True), strict=True))
        for name, column in columns.items():
            column.extend(values.get(name) or (None,) * len(rows))
        self._done = done + len(rows)

    @property
    def data(self) -> dict[str, list]:
        """Column name -> values, in the order columns were first seen."""
        self._flush()
        return self._columns

    @classmethod
    def joined(cls, *parts: Columns) -> Columns:
        """The rows of each part in turn (a column a part lacks is None there). The parts are emptied column by
        column on the way, so the rows are never held twice."""
        joined = cls()
        datas = [part.data for part in parts]
        sizes = [part.size for part in parts]
        for part in parts:
            part._done = part.size = 0
        for name in dict.fromkeys(name for data in datas for name in data):
            column: list = []
            for size, data in zip(sizes, datas, strict=True):
                column.extend(data.pop(name, None) or [None] * size)
            joined._columns[name] = column
        joined._done = joined.size = sum(sizes)
        return joined


def joined_rows(parts: list[dict[str, Columns]]) -> dict[str, Columns]:
    """The rows of each part (frame name -> `Columns`) in turn, per frame: a document flattened in parts."""
    return {name: Columns.joined(*(part[name] for part in parts)) for name in parts[0]}


def before_year_one_missing(days: pd.Series) -> pd.Series:
    """Dates before the year 1 (`0000-01-01`, `-001-01-01`: no calendar date, and Python cannot show or compare
    them with other days) as missing, like any other text that is not a date. The schema check reports
    `-001-01-01` (S01); `0000-01-01` passes its format check, so that one gives no finding of its own."""
    import pandas as pd

    return days.mask(days.dt.year < 1) if len(days) and pd.api.types.is_datetime64_any_dtype(days) else days
