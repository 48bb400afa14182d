"""The inhabitant-ratio plausibility both domains use (A01/A02 for SHV clients, V10 for VS signals).

Per gemeentecode and peilperiode, over all files of the run, a count is held against what the gemeente's
inhabitants make likely: `rate` per 1,000 inhabitants per year, pro rata for the period (rules.md, Decisions).
"""

from __future__ import annotations

import pandas as pd

# When one file is checked alone, the message says what is not counted (rules.md, Decisions).
ONLY_THIS_FILE = (" Alleen dit bestand is meegeteld: leveringen van andere organisaties voor deze gemeente zijn niet"
                  " meegenomen; controleer ze samen als de gemeente meer aanleverende organisaties heeft.")


def expected_count(inwoners: pd.Series, peil_start: pd.Series, peil_end: pd.Series,
                   rate_per_1000: float) -> pd.Series:
    """Expected number in the period: inhabitants × rate per 1,000 per year × the period in years (≥ 1 month).

    A period of whole calendar months counts in months: a half year is exactly half the yearly rate and a calendar
    year the whole of it ("pro rata for a half-year period", rules.md), also in a leap year (days / 365.25 made
    2024 count 1.002 years and moved gemeenten right at a threshold across it). Other periods count in days."""
    days = (peil_end - peil_start).dt.days + 1
    day_after = peil_end + pd.Timedelta(days=1)
    whole_months = peil_start.dt.day.eq(1) & day_after.dt.day.eq(1)
    months = (day_after.dt.year - peil_start.dt.year) * 12 + (day_after.dt.month - peil_start.dt.month)
    years = (months / 12).where(whole_months, days / 365.25)
    years = years.clip(lower=1 / 12).fillna(1.0)
    return inwoners * rate_per_1000 / 1000 * years


def ratio_text(ratio: pd.Series) -> pd.Series:
    """`12%` for the message; `?` where no ratio could be computed."""
    return (ratio * 100).round(0).map(lambda v: "?" if pd.isna(v) else f"{int(v)}%")


def only_this_file(single: bool) -> str:
    """The note for a run of one file, else nothing."""
    return ONLY_THIS_FILE if single else ""
