"""Reporting periods of case-work metrics: ``2025``, ``2025-H1``, ``2025-Q3``, ``2025-07``."""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["PERIOD_PATTERN", "period_bounds"]

PERIOD_PATTERN = r"^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$"
_PERIOD = re.compile(PERIOD_PATTERN)


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period.

    Raises
    ------
    ValueError
        When ``period`` is not a year, a half (H1, H2), a quarter (Q1..Q4) or a month.

    Examples
    --------
    >>> period_bounds("2025-H2")
    (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
    >>> period_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    if not _PERIOD.match(period):
        raise ValueError(f"period {period!r} is not YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM")
    year, _, part = period.partition("-")
    y = int(year)
    if not part:
        first, last = 1, 12
    elif part[0] == "H":
        first = 1 + 6 * (int(part[1]) - 1)
        last = first + 5
    elif part[0] == "Q":
        first = 1 + 3 * (int(part[1]) - 1)
        last = first + 2
    else:
        first = last = int(part)
    return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
