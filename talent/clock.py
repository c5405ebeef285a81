"""The court's clock: times are stored in UTC and read, and "today" taken, in the court's zone.

The zone is ``TALENT_TIMEZONE`` (default Asia/Shanghai). A guidance log written at 23:59
Beijing time is stored as 15:59 UTC, shown as 23:59, and counts for that Beijing day;
overdue checks and "not in the future" checks use :func:`today`, the date local staff see,
whatever zone the server runs in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from talent.config import get_settings


def court_zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def now() -> datetime:
    """The current moment, aware, in the court's zone."""
    return datetime.now(court_zone())


def today() -> date:
    """The court's local date."""
    return now().date()


def local(value: datetime) -> datetime:
    """A stored time in the court's zone (a naive value is read as UTC, as stored)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(court_zone())
