"""The court's clock: stored UTC, shown and dated in TALENT_TIMEZONE."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from api.web.rendering import day
from talent import clock
from talent.config import Settings, get_settings


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def use(name: str) -> None:
        monkeypatch.setenv("TALENT_TIMEZONE", name)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def test_a_time_stored_at_15_59_utc_shows_23_59_in_beijing(zone) -> None:  # type: ignore[no-untyped-def]
    zone("Asia/Shanghai")
    stored = datetime(2026, 12, 3, 15, 59, tzinfo=UTC)
    assert day(stored) == "2026-12-03 23:59"
    assert clock.local(stored).date() == date(2026, 12, 3)
    # Naive values are read as UTC, as the database stores them.
    assert day(stored.replace(tzinfo=None)) == "2026-12-03 23:59"
    # One minute past midnight in Beijing is the next local day.
    assert day(datetime(2026, 12, 3, 16, 1, tzinfo=UTC)) == "2026-12-04 00:01"


def test_another_zone_is_honoured_and_a_date_stays_a_date(zone) -> None:  # type: ignore[no-untyped-def]
    zone("Europe/Berlin")
    assert day(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "2026-07-01 14:00"
    assert day(date(2026, 7, 1)) == "2026-07-01"
    assert clock.today() == datetime.now(clock.court_zone()).date()


def test_an_unknown_zone_is_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="TALENT_TIMEZONE"):
        Settings(timezone="Mars/Olympus")
