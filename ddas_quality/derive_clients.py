"""Derived columns for client and schuld rules (C, D)."""

from __future__ import annotations

import pandas as pd


def add(frames: dict[str, pd.DataFrame], context) -> None:
    """Add derived columns or frames in place (no rules yet)."""
