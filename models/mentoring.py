"""Mentoring records: guidance logs and their versions, goals, skill history, cadence.

A guidance log is never edited: ``GuidanceLog`` is the stable identity a client holds,
``GuidanceLogVersion`` rows are its contents, version 1 first, each correction one more.
``GuidanceLog.latest_version`` points at the version in force; older ones stay readable.
A confirmation belongs to one version, so a corrected log needs the mentee's word again.

A log's ``topic`` is what the session was about in the mentor's own words (free text, up
to ``TOPIC_MAX`` characters, kept exactly as written); its ``category`` is optional, one
of the ``LogCategory`` codes, for counting sessions by kind.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import utcnow

TOPIC_MAX = 200
"""The longest topic a mentor may write (characters)."""


class LogCategory(StrEnum):
    """The kind of session a log was, optional beside its free-text topic."""

    case_review = "case_review"
    judgment_writing = "judgment_writing"
    courtroom_practice = "courtroom_practice"
    enforcement = "enforcement"
    mediation = "mediation"
    ethics = "ethics"
    other = "other"


CATEGORY_LABELS: dict[LogCategory, dict[str, str]] = {
    LogCategory.case_review: {"zh": "案例研讨", "en": "Case review"},
    LogCategory.judgment_writing: {"zh": "裁判文书写作", "en": "Judgment writing"},
    LogCategory.courtroom_practice: {"zh": "庭审实务", "en": "Court-room practice"},
    LogCategory.enforcement: {"zh": "执行实务", "en": "Enforcement"},
    LogCategory.mediation: {"zh": "调解", "en": "Mediation"},
    LogCategory.ethics: {"zh": "廉政与职业伦理", "en": "Ethics"},
    LogCategory.other: {"zh": "其他", "en": "Other"},
}
"""Each category's words; migration 0004 wrote the Chinese ones into the old logs' topics."""


class EscalationRung(StrEnum):
    """The ladder a quiet pairing climbs; ``overdue`` is derived from the logs, not stored."""

    overdue = "overdue"
    reminded = "reminded"
    escalated = "escalated"
    dissolved = "dissolved"


class DissolveReason(StrEnum):
    """Why a pairing was dissolved: the mentor left, was seconded, or the pair did not work."""

    mentor_left = "mentor_left"
    seconded = "seconded"
    mismatch = "mismatch"
    other = "other"


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class GuidanceLog(SQLModel, table=True):
    """One guidance session's identity; its contents live in ``GuidanceLogVersion``."""

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id", index=True)
    latest_version: int = 1
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class GuidanceLogVersion(SQLModel, table=True):
    """The contents of a log as first written (version 1) or as corrected (2, 3, ...)."""

    __table_args__ = (
        UniqueConstraint("log_id", "version", name="uq_log_version"),
        CheckConstraint("version >= 1", name="ck_log_version_number"),
        CheckConstraint("minutes >= 1 AND minutes <= 600", name="ck_log_minutes"),
        CheckConstraint(
            f"category IS NULL OR {_in('category', LogCategory)}", name="ck_log_category"
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="guidancelog.id", index=True)
    version: int
    session_date: date = Field(index=True)
    minutes: int
    topic: str = Field(max_length=TOPIC_MAX)
    category: str | None = Field(default=None, max_length=32)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    correction_reason: str | None = Field(default=None, sa_column=Column(Text))
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class GuidanceLogSkill(SQLModel, table=True):
    """A skill a log version says the session touched."""

    version_id: int = Field(foreign_key="guidancelogversion.id", primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", primary_key=True, index=True)


class LogConfirmation(SQLModel, table=True):
    """The mentee's confirmation of one log version (append-only: at most one per version)."""

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="guidancelogversion.id", unique=True)
    person_id: int = Field(foreign_key="person.id")
    confirmed_by: int = Field(foreign_key="app_user.id")
    confirmed_at: datetime = Field(default_factory=utcnow)


class ActionItem(SQLModel, table=True):
    """Something mentor and mentee agreed to do before a later session."""

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="guidancelog.id", index=True)
    text: str = Field(max_length=500)
    due_date: date | None = None
    done: bool = Field(default=False, index=True)
    done_at: datetime | None = None
    done_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class PairingGoal(SQLModel, table=True):
    """A development goal of a pairing: chiefly a skill target (skill, level, due date)."""

    __table_args__ = (
        CheckConstraint(
            "(skill_id IS NOT NULL AND target_level IS NOT NULL)"
            " OR (skill_id IS NULL AND target_level IS NULL AND description IS NOT NULL)",
            name="ck_goal_kind",
        ),
        CheckConstraint(
            "target_level IS NULL OR (target_level >= 0 AND target_level <= 5)",
            name="ck_goal_target",
        ),
        CheckConstraint("status IN ('open', 'withdrawn', 'achieved')", name="ck_goal_status"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id", index=True)
    skill_id: int | None = Field(default=None, foreign_key="skill.id", index=True)
    target_level: int | None = None
    baseline_level: int | None = None
    description: str | None = Field(default=None, max_length=500)
    due_date: date | None = None
    status: str = Field(default="open", max_length=16)
    set_by: int | None = Field(default=None, foreign_key="app_user.id")
    achieved_on: date | None = None
    """The day of the assessment that reached the target (status ``achieved``)."""
    achieved_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_on: date
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class SkillLevelChange(SQLModel, table=True):
    """One change of a person's skill level: who, when, from, to, why.

    ``from_level`` is None when the skill was new to the person, ``to_level`` None when
    it was removed. ``effective_date`` is the day the level held from (an assessment may
    be recorded a few days late); ``changed_at`` is when it was written down.
    """

    __table_args__ = (
        CheckConstraint(
            "from_level IS NULL OR (from_level >= 0 AND from_level <= 5)", name="ck_level_from"
        ),
        CheckConstraint(
            "to_level IS NULL OR (to_level >= 0 AND to_level <= 5)", name="ck_level_to"
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    skill_id: int = Field(foreign_key="skill.id", index=True)
    from_level: int | None = None
    to_level: int | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))
    source: str = Field(max_length=32)
    effective_date: date = Field(index=True)
    changed_by: int | None = Field(default=None, foreign_key="app_user.id")
    actor_name: str = Field(max_length=64)
    changed_at: datetime = Field(default_factory=utcnow)


class EscalationStep(SQLModel, table=True):
    """A dated rung a planner put a quiet pairing on: reminded, then escalated.

    The ``overdue`` rung is derived from the logs and ``dissolved`` from the pairing itself.
    """

    __table_args__ = (
        CheckConstraint("step IN ('reminded', 'escalated')", name="ck_escalation_step"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id", index=True)
    step: str = Field(max_length=16)
    step_date: date
    days_quiet: int
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class RematchEntry(SQLModel, table=True):
    """A mentee waiting for a new mentor on a link after their pairing was dissolved.

    The entry is open while the mentee has no active pairing on the link created after
    ``queued_on`` and it is not withdrawn; matching runs give open entries priority.
    """

    __table_args__ = (
        CheckConstraint(_in("reason_code", DissolveReason), name="ck_rematch_reason"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    mentee_id: int = Field(foreign_key="person.id", index=True)
    link: str = Field(max_length=8, index=True)
    pairing_id: int = Field(foreign_key="pairing.id", unique=True)
    reason_code: str = Field(max_length=16)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    queued_on: date
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    withdrawn_on: date | None = None
    withdrawn_reason: str | None = Field(default=None, sa_column=Column(Text))
    withdrawn_by: int | None = Field(default=None, foreign_key="app_user.id")
