"""Import Great Expectations without paying for the parts our suites never use.

`import great_expectations` takes about 3 s here. Two costs are not GX's own work:

- `scipy.stats` and `altair` (almost half), which GX imports at module level only for the KL-divergence
  expectation and its chart renderer; no suite in `expectations/` uses them. A stand-in module takes their
  place in `sys.modules` and imports the real module on first attribute access, so code that does use them
  keeps working, only later.
- GX's ~370 pydantic (v1) models: every subclass starts from a `copy.deepcopy` of its base's fields, and the
  generic deepcopy pickles each field object (`__reduce_ex__`) and calls itself for every string, class and
  function in it: 0.6 s of a 1.5 s import. While GX imports, `_slotted_deepcopy` copies these slotted field
  objects the way deepcopy does (a new object, every set slot copied with the same memo), only handing the
  values deepcopy would return as they are (strings, numbers, classes, functions) over directly. The copies
  are the same objects deepcopy makes (tests compare them); afterwards the classes are as released.
"""

from __future__ import annotations

import contextlib
import copy
import copyreg
import gc
import importlib
import sys
import threading
import types
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from .no_cycles import collector_paused

DEFERRED = ("scipy.stats", "altair")

# The types `copy.deepcopy` returns as they are (its `_deepcopy_atomic` table).
_ATOMIC = frozenset({type(None), int, float, bool, complex, bytes, str, types.CodeType, type, range,
                     types.BuiltinFunctionType, types.FunctionType, weakref.ref, property,
                     type(Ellipsis), type(NotImplemented)})


_PATCHED: set[type] = set()   # the classes `_slotted_deepcopy` copies itself, while `faster_field_copies` runs


class _Deferred(types.ModuleType):
    """Placeholder in sys.modules; any attribute it lacks (functions, `__path__`) loads the real module."""

    def __getattr__(self, attribute: str) -> Any:
        name = self.__name__
        real = sys.modules.get(name)
        if real is None or real is self:
            sys.modules.pop(name, None)
            real = importlib.import_module(name)
        return getattr(real, attribute)


def import_gx() -> Any:
    """The `great_expectations` module, imported with `DEFERRED` modules loaded on first use only."""
    if "great_expectations" not in sys.modules:
        for name in DEFERRED:
            sys.modules.setdefault(name, _Deferred(name))
        # An import makes objects by the hundred thousand, nearly none of them garbage: 0.2 s of collections
        # while it runs, and inside a check (`no_cycles.frozen`) they stay out of its later collections too.
        with collector_paused(leave_alone=True), faster_field_copies():
            import great_expectations  # noqa: F401

            # The few that are garbage go now, before the rest is frozen: an ImportError caught inside GX keeps
            # its traceback, and with it every frame of the caller's stack and their locals (a batch's frames:
            # 180 MB kept until the end of a national set three times as large).
            gc.collect(0)
    return sys.modules["great_expectations"]


def import_gx_meanwhile() -> Callable[[], None]:
    """Start importing GX in a thread; returns the function that waits for it (call it before using GX).

    For a check without the forked reader and without batch workers that has not imported GX yet (a VS file over
    64 MB; any large file with one worker): the main process derives for seconds, mostly in pandas and numpy,
    which let another thread run. Started after derive forks its helper child, never before (a child forked
    while a thread imports may hang). A batch imports GX while its workers read their last group instead
    (`batch.read_in_workers`), a large SHV file while its flatten's child works (`flatten_document(spare=...)`).
    An error in the thread is left to the import that follows the wait."""
    if "great_expectations" in sys.modules:
        return lambda: None
    worker = threading.Thread(target=_import_quietly, name="gx-import", daemon=True)
    worker.start()
    return worker.join


def _import_quietly() -> None:
    with contextlib.suppress(Exception):   # the import after the wait raises it again, in the main thread
        import_gx()


def is_deferred(name: str) -> bool:
    """Whether `name` is still a stand-in (for tests and the benchmark)."""
    return isinstance(sys.modules.get(name), _Deferred)


def _slotted_deepcopy(self: Any, memo: dict[int, Any]) -> Any:
    """`copy.deepcopy` of an object that keeps its state in slots, without the pickling detour."""
    cls = type(self)
    if cls not in _PATCHED or hasattr(self, "__dict__"):   # e.g. a subclass with more than slots: deepcopy's path
        return copy._reconstruct(self, memo, *self.__reduce_ex__(4))
    new = cls.__new__(cls)
    memo[id(self)] = new
    for name in copyreg._slotnames(cls):   # the slot list deepcopy's `__reduce_ex__` uses
        try:
            value = getattr(self, name)
        except AttributeError:              # an unset slot stays unset, as with deepcopy
            continue
        setattr(new, name, value if type(value) in _ATOMIC else copy.deepcopy(value, memo))
    return new


def _field_classes() -> tuple[type, ...]:
    """pydantic v1's slotted field classes (GX uses `pydantic.v1` under pydantic 2, `pydantic` under 1)."""
    try:
        from pydantic.v1 import class_validators, fields
    except ImportError:
        try:
            from pydantic import class_validators, fields  # type: ignore[no-redef]
        except ImportError:
            return ()
    classes = (fields.ModelField, fields.FieldInfo, class_validators.Validator)
    own_state = ("__deepcopy__", "__dict__", "__reduce_ex__", "__reduce__", "__getstate__", "__setstate__")
    if any(any(name in vars(base) for base in cls.__mro__[:-1] for name in own_state)
           or "__slots__" not in vars(cls) for cls in classes):
        return ()   # not the layout `_slotted_deepcopy` copies like deepcopy does: leave them alone
    return classes


@contextlib.contextmanager
def faster_field_copies() -> Iterator[None]:
    """Within the block, pydantic v1 field objects are deep-copied by `_slotted_deepcopy`."""
    classes = _field_classes()
    for cls in classes:
        cls.__deepcopy__ = _slotted_deepcopy
    _PATCHED.update(classes)
    try:
        yield
    finally:
        _PATCHED.difference_update(classes)
        for cls in classes:
            del cls.__deepcopy__
