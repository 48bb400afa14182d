"""V10 as the tool applies it, for a generated VS file: how many signals a gemeente's population predicts.

A clean file is for a gemeente whose population fits its number of signals; the V10 defect relabels the
levering as a gemeente for which the signals are far too few. Every threshold is the catalogue's default.
"""

from __future__ import annotations

from datetime import date

from ....gemeenten import Gemeente
from ...common.synthetic import expected_count, fits_population, gemeente_table, threshold

#: Expected signals per inhabitant per year (V10).
SIGNAL_RATE = threshold("V10", "reference_rate_per_1000") / 1000
V10_MIN_INWONERS = threshold("V10", "min_inwoners")
V10_MIN_SIGNALS = threshold("V10", "min_signals")
V10_ERROR_RATIO = threshold("V10", "error_ratio")


def expected_signals(gemeente: Gemeente, months: int) -> float:
    """The signals V10 expects for the gemeente in a period of `months`."""
    return expected_count(gemeente.inwoners, SIGNAL_RATE, months)


def fitting_gemeenten(signals: int, start: date, end: date, months: int) -> list[Gemeente]:
    """Gemeenten where `signals` is an ordinary number (V10 neither low nor high), by code."""
    fitting = [g for g in gemeente_table() if g.valid_during(start, end) and g.inwoners > 0
               and fits_population(expected_signals(g, months), g.inwoners, active=signals, counted=signals,
                                   min_inwoners=V10_MIN_INWONERS, min_count=V10_MIN_SIGNALS)]
    return sorted(fitting, key=lambda g: g.code)


def far_too_few(signals: int, gemeente: Gemeente, months: int) -> bool:
    """Whether V10 reports `signals` for this gemeente as far too few (an error)."""
    return gemeente.inwoners >= V10_MIN_INWONERS and signals < V10_ERROR_RATIO * expected_signals(gemeente, months)
