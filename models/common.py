"""Shared column helpers and vocabularies."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum


def utcnow() -> datetime:
    """Aware UTC, microsecond precision: read back the same on SQLite and PostgreSQL."""
    return datetime.now(UTC)


class Role(StrEnum):
    admin = "admin"
    planner = "planner"
    mentor = "mentor"
    reviewer = "reviewer"


class UnitKind(StrEnum):
    intermediate_court = "intermediate_court"
    basic_court = "basic_court"
    department = "department"


class Gender(StrEnum):
    male = "male"
    female = "female"


class Link(StrEnum):
    """A mentoring link: tier-1 mentors tier 2, tier-2 mentors tier 3."""

    senior_young = "1-2"
    young_clerk = "2-3"

    @property
    def mentor_tier(self) -> int:
        return 1 if self is Link.senior_young else 2

    @property
    def mentee_tier(self) -> int:
        return self.mentor_tier + 1


DEFAULT_CAPACITY_BY_TIER = {1: 3, 2: 2, 3: 0}
"""Mentor capacity when none is given: a senior judge guides three, young staff two."""
