"""Leave out work Great Expectations repeats for every expectation but our runs never use.

These are fixed costs per expectation or per suite, so they dominate a typical gemeente's file (profiled at
1,000 and 10,000 trajecten, 91 expectations in 26 suites):

- `Expectation.configuration` is a property that serialises the whole pydantic model (`.dict()`), turns its
  class name into snake case with regular expressions and builds a new `ExpectationConfiguration` on every
  access. GX reads it for every success, domain and runtime keyword of every metric it plans: about 140
  times per expectation (12,863 builds, 1.5 s of 5.7 s suite time under the profiler). Nothing changes an
  expectation during a validation, so inside `faster_gx()` the first configuration built for an expectation
  object is returned again. The cache holds its expectations (so an id is never reused while cached) and is
  emptied when the block ends.
- GX names every metric it plans by an md5 of its keyword arguments (`IDDict.to_id`), first passing them
  through `convert_to_json_serializable`, which tries a pydantic, numpy, pandas and datetime conversion on
  every value: a sixth of the suite time at 1,000 trajecten. Inside the block arguments that are already
  plain JSON (text, whole numbers, booleans, None, numbers that are not NaN, lists and text-keyed dicts
  of these; all of them in our suites) go straight to `json.dumps`, which gives the same text and so the
  same id; anything else takes GX's own path.
- Every batch of a frame smaller than 1 GB gets an md5 fingerprint of the whole frame, computed with
  `pd.util.hash_pandas_object` twice per suite. The fingerprint is a batch marker no check or report of
  ours reads. Inside the block the threshold below which GX fingerprints is 0.

Outside the block GX behaves exactly as released; the suites, metrics and results are GX's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Iterator
from typing import Any

_LOCK = threading.Lock()
_DEPTH = 0
_RELEASED: dict[str, Any] = {}            # what the block replaced, put back when the last block ends
_CACHE: dict[int, tuple[Any, Any]] = {}   # id(expectation) -> (expectation, its configuration)
_GX_TO_ID: list[Any] = []                  # GX's own `IDDict.to_id`, for what `_to_id` leaves to it


@contextlib.contextmanager
def faster_gx() -> Iterator[None]:
    """Within the block: each expectation's configuration is built once, frames are not fingerprinted."""
    global _DEPTH
    from great_expectations.core.id_dict import IDDict
    from great_expectations.execution_engine import pandas_execution_engine
    from great_expectations.expectations.expectation import Expectation

    with _LOCK:
        if _DEPTH == 0:
            released = Expectation.__dict__["configuration"]

            def configuration(self: Any) -> Any:
                held = _CACHE.get(id(self))
                if held is None or held[0] is not self:
                    held = (self, released.fget(self))
                    _CACHE[id(self)] = held
                return held[1]

            _RELEASED.update(configuration=released, threshold=pandas_execution_engine.HASH_THRESHOLD)
            Expectation.configuration = property(configuration, doc=released.__doc__)
            _GX_TO_ID[:] = [IDDict.__dict__["to_id"]]
            IDDict.to_id = _to_id
            pandas_execution_engine.HASH_THRESHOLD = 0
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0:
                _CACHE.clear()
                Expectation.configuration = _RELEASED.pop("configuration")
                IDDict.to_id = _GX_TO_ID[0]
                pandas_execution_engine.HASH_THRESHOLD = _RELEASED.pop("threshold")


def _to_id(self: Any, id_keys: Any = None, id_ignore_keys: Any = None) -> Any:
    """GX's `IDDict.to_id`, with plain JSON arguments serialised without GX's conversion pass."""
    id_keys = None if id_keys is None else list(id_keys)   # read twice below: an iterator would be used up
    id_ignore_keys = None if id_ignore_keys is None else list(id_ignore_keys)
    keys = set(self.keys() if id_keys is None else id_keys)
    keys -= set(self._id_ignore_keys if id_ignore_keys is None else id_ignore_keys)
    chosen = {key: self[key] for key in keys}
    if len(keys) < 2 or not _plain_json(chosen):
        return _GX_TO_ID[0](self, id_keys, id_ignore_keys)
    # Same text as GX: json.dumps of the (here unchanged) converted dict, keys sorted; an id, not security.
    return hashlib.md5(json.dumps(chosen, sort_keys=True).encode("utf-8"), usedforsecurity=False).hexdigest()


def _plain_json(value: Any) -> bool:
    """Whether `convert_to_json_serializable(value)` would return `value` unchanged (so json.dumps agrees)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return value == value   # GX turns NaN into None
    if kind is list or kind is tuple:
        return all(map(_plain_json, value))
    if kind is dict:
        return all(type(key) is str and _plain_json(item) for key, item in value.items())
    return False
