"""Wire schemas for guidance logs, goals, skill history, cadence and mentoring reports."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints
from sqlmodel import Field, SQLModel

from models.matching_schemas import PairingPublic
from models.mentoring import TOPIC_MAX, DissolveReason, EscalationRung, LogCategory
from models.schemas import Strict


def no_nul(value: str) -> str:
    """Refuse NUL characters: PostgreSQL text cannot hold them, so they would fail late."""
    if "\x00" in value:
        raise ValueError("text contains a NUL character")
    return value


NoNul = AfterValidator(no_nul)
Text500 = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul
]
Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), NoNul
]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), NoNul]
TopicText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TOPIC_MAX), NoNul
]
"""A session's topic in the mentor's words: 1 to 200 characters once trimmed, kept as written."""
SkillCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64), NoNul
]


def not_in_future(value: dt.date) -> dt.date:
    """Reject a date after today: nothing that already happened can be dated tomorrow."""
    if value > _court_today():
        raise ValueError("date is in the future")
    return value


PastDate = Annotated[dt.date, AfterValidator(not_in_future)]


# --- guidance logs -------------------------------------------------------------------------


def _court_today() -> dt.date:
    """The court's local date (``TALENT_TIMEZONE``); imported late, models sit below talent."""
    from talent.clock import today

    return today()


class ActionItemIn(Strict):
    text: Text500
    due_date: dt.date | None = None


class LogCreate(Strict):
    """A guidance session as its mentor logs it: the four fields take a minute to fill.

    ``topic`` is free text (an old client's category code is accepted as the text it is);
    ``category`` optionally files the session under one of the ``LogCategory`` codes.
    """

    date: PastDate
    minutes: int = Field(ge=1, le=600)
    topic: TopicText
    category: LogCategory | None = None
    skill_codes: list[SkillCode] = Field(default_factory=list, max_length=20)
    notes: Notes | None = None
    action_items: list[ActionItemIn] = Field(default_factory=list, max_length=20)


class LogCorrection(Strict):
    """A correction: the fields given replace those of the latest version; ``reason`` says why.

    ``category: null`` given explicitly clears the category; the other fields cannot be null.
    """

    date: PastDate | None = None
    minutes: int | None = Field(default=None, ge=1, le=600)
    topic: TopicText | None = None
    category: LogCategory | None = None
    skill_codes: list[SkillCode] | None = Field(default=None, max_length=20)
    notes: Notes | None = None
    reason: Reason


class CategoryPublic(SQLModel):
    """A log category with its label in the language asked for."""

    code: LogCategory
    label: str


class ActionItemDone(Strict):
    done: bool


class ActionItemPublic(SQLModel):
    id: int
    log_id: int
    pairing_id: int
    text: str
    due_date: dt.date | None
    done: bool
    done_at: dt.datetime | None
    done_by: int | None
    past_due: bool
    created_at: dt.datetime


class LogContent(SQLModel):
    """What one version of a log says, and whether the mentee confirmed that version."""

    version: int
    date: dt.date
    minutes: int
    topic: str
    category: LogCategory | None
    category_label: str | None
    skill_codes: list[str]
    notes: str | None
    confirmed: bool
    confirmed_at: dt.datetime | None
    confirmed_by: int | None


class LogVersionPublic(LogContent):
    correction_reason: str | None
    created_by: int | None
    created_at: dt.datetime


class LogPublic(LogContent):
    """A log as it stands (its latest version), with how many versions it has."""

    id: int
    pairing_id: int
    versions: int
    created_by: int | None
    created_at: dt.datetime
    corrected_at: dt.datetime | None
    action_items: list[ActionItemPublic]


# --- goals and skill history ---------------------------------------------------------------
class GoalCreate(Strict):
    """A skill target (``skill_code`` + ``target_level``) or a free-text goal (``description``)."""

    skill_code: SkillCode | None = None
    target_level: int | None = Field(default=None, ge=0, le=5)
    description: Text500 | None = None
    due_date: dt.date | None = None


class GoalUpdate(Strict):
    target_level: int | None = Field(default=None, ge=0, le=5)
    due_date: dt.date | None = None
    description: Text500 | None = None
    status: Literal["open", "withdrawn"] | None = None


class SkillLevelSet(Strict):
    """An assessment: the person holds ``skill_code`` at ``level`` from ``effective_date`` on."""

    skill_code: SkillCode
    level: int = Field(ge=0, le=5)
    reason: Reason
    effective_date: PastDate | None = None


class SkillLevelChangePublic(SQLModel):
    id: int
    person_id: int
    skill_id: int
    skill_code: str
    from_level: int | None
    to_level: int | None
    reason: str | None
    source: str
    effective_date: dt.date
    changed_by: int | None
    actor_name: str
    changed_at: dt.datetime


class GoalPublic(SQLModel):
    """A goal with its progress: the mentee's level against the target, and the history."""

    id: int
    pairing_id: int
    skill_code: str | None
    skill_name: str | None
    target_level: int | None
    baseline_level: int | None
    current_level: int | None
    progress: float | None
    achieved: bool | None
    achieved_on: dt.date | None
    achieved_by_name: str | None = None
    """Who recorded the assessment that reached the target (status ``achieved``)."""
    description: str | None
    due_date: dt.date | None
    past_due: bool
    status: str
    set_by: int | None
    created_on: dt.date
    history: list[SkillLevelChangePublic]


# --- cadence and escalation ----------------------------------------------------------------
class QuietPairing(SQLModel):
    """An active pairing with how long it has gone without a log and where it is on the ladder."""

    pairing_id: int
    mentor_id: int
    mentee_id: int
    link: str
    start_date: dt.date
    last_log_date: dt.date | None
    days_quiet: int
    overdue: bool
    overdue_since: dt.date | None
    rung: EscalationRung | None
    rung_date: dt.date | None


class EscalationStepIn(Strict):
    step: Literal["reminded", "escalated"]
    note: Notes | None = None


class EscalationStepPublic(SQLModel):
    """A dated rung; ``recorded`` is False for the derived ``overdue`` rung."""

    pairing_id: int
    step: EscalationRung
    date: dt.date
    days_quiet: int | None
    note: str | None
    created_by: int | None
    recorded: bool


class ReminderItem(SQLModel):
    kind: Literal["overdue", "due_soon", "action_item"]
    pairing_id: int
    mentee_id: int
    mentee_name: str
    date: dt.date
    days_quiet: int | None = None
    action_item_id: int | None = None
    text: str | None = None


class MentorReminders(SQLModel):
    mentor_id: int
    mentor_name: str
    items: list[ReminderItem]


class DissolveBody(Strict):
    reason_code: DissolveReason
    reason: Reason
    outcome_rating: int | None = Field(default=None, ge=1, le=5)


class WithdrawBody(Strict):
    reason: Reason


class RematchEntryPublic(SQLModel):
    id: int
    mentee_id: int
    mentee_name: str
    link: str
    pairing_id: int
    former_mentor_id: int
    reason_code: DissolveReason
    reason: str | None
    queued_on: dt.date
    status: Literal["waiting", "rematched", "withdrawn"]
    waited_days: int
    rematched_pairing_id: int | None
    withdrawn_on: dt.date | None
    withdrawn_reason: str | None


class DissolveResult(SQLModel):
    pairing: PairingPublic
    rematch: RematchEntryPublic


class LinkLoad(SQLModel):
    link: str
    capacity: int
    used: int
    free: int


class MentorCapacity(SQLModel):
    person_id: int
    name: str
    tier: int
    unit_id: int
    links: list[LinkLoad]


class PairingOverview(SQLModel):
    """The pairing page: alive or quiet, the open action items pinned, the goals' progress."""

    pairing: PairingPublic
    logs: int
    minutes: int
    last_log_date: dt.date | None
    days_quiet: int | None
    overdue: bool
    overdue_days: int
    ladder: list[EscalationStepPublic]
    open_action_items: list[ActionItemPublic]
    goals: list[GoalPublic]


# --- reports -------------------------------------------------------------------------------
class TierCoverage(SQLModel):
    tier: int
    staff: int
    with_mentor: int
    share: float


class UnitCoverage(SQLModel):
    """One court's own staff (its departments, not the courts under it), or one department's."""

    unit_id: int
    unit_name: str = ""
    coverage: list[TierCoverage]


class MonthActivity(SQLModel):
    month: str
    sessions: int
    minutes: int
    hours: float


class OverdueRow(SQLModel):
    pairing_id: int
    mentor_id: int
    mentor_name: str
    mentee_id: int
    mentee_name: str
    link: str
    last_log_date: dt.date | None
    days_quiet: int


class GoalProgressRow(SQLModel):
    goal_id: int
    pairing_id: int
    mentee_id: int
    mentee_name: str
    mentor_name: str = ""
    skill_code: str
    skill_name: str = ""
    baseline_level: int
    target_level: int
    level_at_end: int
    progress: float
    achieved: bool
    due_date: dt.date | None


class MentoringReport(SQLModel):
    """One unit (with its departments) over one period; see ``talent.mentoring.reports``."""

    unit_id: int | None
    unit_name: str | None = None
    """The unit's name, the court's with it for a department (None: the whole system)."""
    include_subordinate_courts: bool = False
    subordinate_courts: list[str] = []
    """The courts under the unit that the scope includes, by name."""
    date_from: dt.date
    date_to: dt.date
    overdue_days: int
    active_pairings_at_end: int
    pairings_active_in_period: int
    pairings_started: int
    pairings_completed: int
    pairings_dissolved: int
    coverage: list[TierCoverage]
    coverage_by_court: list[UnitCoverage] = []
    complete_chains: int
    sessions: int
    hours: float
    by_month: list[MonthActivity]
    overdue: list[OverdueRow]
    goals_total: int
    goals_achieved: int
    goals_achieved_share: float
    goal_progress: list[GoalProgressRow]
