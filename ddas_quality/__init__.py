"""ddas-quality: local, offline quality check for DDAS deliveries.

From Python: `from ddas_quality import check` (see `ddas_quality.api`). The API is imported on first use, so
`import ddas_quality` and the command line's `--help` stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it; looked up on first access (module __getattr__, PEP 562).
_LAZY = {
    "check": "api",
    "CheckResult": "api",
    "FileResult": "api",
    "Finding": "findings",
    "InputError": "reader",
    "ConfigError": "config",
    "SuiteError": "suites",
}

__all__ = ["CheckResult", "ConfigError", "FileResult", "Finding", "InputError", "SuiteError", "__version__", "check"]

if TYPE_CHECKING:
    from .api import CheckResult, FileResult, check
    from .config import ConfigError
    from .findings import Finding
    from .reader import InputError
    from .suites import SuiteError


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})

