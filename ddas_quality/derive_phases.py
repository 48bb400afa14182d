"""Derived columns for phase rules (P03-P12)."""

from __future__ import annotations

import pandas as pd


def add(frames: dict[str, pd.DataFrame], context) -> None:
    """Add derived columns or frames in place (no rules yet)."""
