"""Import Great Expectations without paying for the parts our suites never use.

`import great_expectations` takes about 3 s here. Almost half of that is `scipy.stats` and `altair`,
which GX imports at module level only for the KL-divergence expectation and its chart renderer; no suite
in `expectations/` uses them. A stand-in module takes their place in `sys.modules` and imports the real
module on first attribute access, so code that does use them keeps working, only later.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

DEFERRED = ("scipy.stats", "altair")


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
    import great_expectations

    return great_expectations


def is_deferred(name: str) -> bool:
    """Whether `name` is still a stand-in (for tests and the benchmark)."""
    return isinstance(sys.modules.get(name), _Deferred)
