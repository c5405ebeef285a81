"""What a person's page and the roster read about a person: age and years of service.

Whole years between two dates, counted as of the court's local "today"
(:func:`talent.clock.today`): a court in China turns a year older at midnight Beijing time.
"""

from __future__ import annotations

from datetime import date


def full_years(since: date | None, today: date) -> int | None:
    """Whole years from ``since`` to ``today`` (an age, years of service); None if unknown.

    >>> full_years(date(1990, 3, 1), date(2026, 2, 28)), full_years(date(1990, 3, 1), date(2026, 3, 1))
    (35, 36)
    >>> full_years(None, date(2026, 1, 1)) is None
    True
    """
    if since is None:
        return None
    years = today.year - since.year - ((today.month, today.day) < (since.month, since.day))
    return max(years, 0)
