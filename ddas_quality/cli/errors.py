"""Exit codes and the one way a command stops with a Dutch message."""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2


def fail(message: str) -> NoReturn:
    sys.stderr.write(f"Fout: {message}\n")
    sys.exit(EXIT_TOOL_ERROR)
