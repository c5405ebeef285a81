"""Pairings: a mentor and a mentee on a link, from start to completion or dissolution."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from models.common import utcnow


class Pairing(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("status IN ('active', 'completed', 'dissolved')", name="ck_pairing_status"),
        CheckConstraint(
            "outcome_rating IS NULL OR (outcome_rating >= 1 AND outcome_rating <= 5)",
            name="ck_pairing_rating",
        ),
        # A mentee has at most one active pairing per link, whatever the code above does.
        Index(
            "uq_pairing_active_mentee",
            "mentee_id",
            "link",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    mentor_id: int = Field(foreign_key="person.id", index=True)
    mentee_id: int = Field(foreign_key="person.id", index=True)
    link: str = Field(max_length=8)
    status: str = Field(default="active", max_length=16, index=True)
    start_date: date
    end_date: date | None = None
    outcome_rating: int | None = None
    end_reason: str | None = None
    proposal_id: int | None = Field(default=None)
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    ended_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
