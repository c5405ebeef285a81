"""Accounts that log in, each with one role and optionally a linked person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from models.common import utcnow


class User(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'planner', 'mentor', 'reviewer')", name="ck_user_role"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    # UTC; set on every successful login, by the login page and by the token endpoint.
    last_login_at: datetime | None = None
    # Set when an admin gives a temporary password; cleared when the user picks their own.
    must_change_password: bool = False
