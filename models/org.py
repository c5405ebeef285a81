"""The court tree and the people in it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Text
from sqlmodel import Field, SQLModel

from models.common import utcnow


class UnitBase(SQLModel):
    name: str = Field(min_length=1, max_length=100)
    kind: str = Field(max_length=32)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    name_en: str | None = Field(default=None, max_length=200)


class Unit(UnitBase, table=True):
    """A court or a department; departments hang under a court."""

    __table_args__ = (
        CheckConstraint(
            "kind IN ('intermediate_court', 'basic_court', 'department')", name="ck_unit_kind"
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class Person(SQLModel, table=True):
    """A member of staff: judge, judge assistant, clerk, enforcement officer ..."""

    __table_args__ = (
        CheckConstraint("tier IN (1, 2, 3)", name="ck_person_tier"),
        CheckConstraint("mentor_capacity >= 0", name="ck_person_capacity"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    staff_no: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=64, index=True)
    gender: str | None = Field(default=None, max_length=8)
    birth_date: date | None = None
    hire_date: date | None = None
    unit_id: int = Field(foreign_key="unit.id", index=True)
    position: str | None = Field(default=None, max_length=64)
    tier: int = Field(index=True)
    mentor_capacity: int = 0
    expertise: str | None = Field(default=None, sa_column=Column(Text))
    goals: str | None = Field(default=None, sa_column=Column(Text))
    is_business_leader: bool = False
    is_expert_judge: bool = False
    active: bool = Field(default=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Conflict(SQLModel, table=True):
    """A declared conflict of interest: such a pair is never proposed nor paired.

    Stored with ``person_a_id < person_b_id`` so that a pair has one row.
    """

    __table_args__ = (CheckConstraint("person_a_id < person_b_id", name="ck_conflict_order"),)
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_a_id: int = Field(foreign_key="person.id", index=True)
    person_b_id: int = Field(foreign_key="person.id", index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
