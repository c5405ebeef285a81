"""Wire schemas of the reserve pool: records, candidates, reviews, succession."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import StringConstraints, field_validator, model_validator
from sqlmodel import Field, SQLModel

from models.reserve import (
    GRADE_LABELS,
    ActivityKind,
    BackupRole,
    Band,
    Decision,
    Grade,
    HonourLevel,
    NominationSource,
    Polarity,
    Recognition,
    RecordStatus,
)
from models.schemas import Strict

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Kind = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Cycle = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4}(-[A-Za-z0-9]{1,8})?$")
]
Share = Annotated[float, Field(ge=0, le=1)]
Score = Annotated[float, Field(ge=0, le=100)]
Year = Annotated[int, Field(ge=1950, le=2100)]
Day = Annotated[date, Field(ge=date(1950, 1, 1), le=date(2100, 12, 31))]
"""A date a client sends: within the years the service reasons about."""

_GRADE_CODES = {label: code for code, label in GRADE_LABELS.items()}


# --- evaluation records ------------------------------------------------------------------
class StandardCreate(Strict):
    code: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_.\-]{1,64}$")
    ]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    post: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    common_weight: Share = 0.5
    indicators: Text | None = None


class StandardPublic(SQLModel):
    id: int
    code: str
    name: str
    post: str
    common_weight: float
    indicators: str | None


class AssessmentCreate(Strict):
    """An annual assessment; ``grade`` as a code or its Chinese label (优秀, 称职, ...)."""

    year: Year
    grade: Grade
    common_score: Score | None = None
    post_score: Score | None = None
    standard_code: str | None = None
    comment: Text | None = None

    @field_validator("grade", mode="before")
    @classmethod
    def _label_to_code(cls, value: Any) -> Any:
        return _GRADE_CODES.get(value, value) if isinstance(value, str) else value


class AssessmentPublic(SQLModel):
    id: int
    person_id: int
    year: int
    grade: str
    grade_label: str
    common_score: float | None
    post_score: float | None
    total_score: float | None
    standard_code: str | None
    comment: str | None


class CaseMetricCreate(Strict):
    period: Annotated[str, StringConstraints(strip_whitespace=True, max_length=16)]
    cases_closed: int = Field(ge=0, le=100_000)
    on_time_rate: Share | None = None
    reversal_rate: Share | None = None
    acceptance_rate: Share | None = None
    public_satisfaction: Share | None = None


class CaseMetricPublic(SQLModel):
    id: int
    person_id: int
    period: str
    period_start: date
    period_end: date
    cases_closed: int
    on_time_rate: float | None
    reversal_rate: float | None
    acceptance_rate: float | None
    public_satisfaction: float | None


class PoliticalEntryCreate(Strict):
    entry_date: Day
    kind: Kind
    item: Text
    evidence: Text | None = None
    status: RecordStatus = RecordStatus.open
    score: Score | None = None


class PoliticalEntryPublic(SQLModel):
    id: int
    person_id: int
    entry_date: date
    kind: str
    item: str
    evidence: str | None
    status: str
    score: float | None
    created_at: datetime


class ListItemCreate(Strict):
    polarity: Polarity
    item_date: Day
    kind: Kind
    item: Text
    evidence: Text | None = None


class ListItemClose(Strict):
    """Close an item (no longer in effect from ``closed_on``) or dismiss it (unfounded)."""

    status: RecordStatus = RecordStatus.closed
    closed_on: Day
    note: Text | None = None

    @field_validator("status")
    @classmethod
    def _not_open(cls, value: RecordStatus) -> RecordStatus:
        if value == RecordStatus.open:
            raise ValueError("status must be closed or dismissed")
        return value


class ListItemPublic(SQLModel):
    id: int
    person_id: int
    polarity: str
    item_date: date
    kind: str
    item: str
    evidence: str | None
    status: str
    closed_on: date | None
    closed_note: str | None


class ActivityCreate(Strict):
    kind: ActivityKind
    title: Title
    start_date: Day
    end_date: Day | None = None
    hours: float | None = Field(default=None, ge=0, le=2000)
    organiser: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = (
        None
    )
    host_unit_id: int | None = None
    level: HonourLevel | None = None
    recognition: Recognition | None = None
    result: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    evidence: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ActivityCreate:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date must not be before start_date")
        if self.kind == ActivityKind.recognition and self.recognition is None:
            raise ValueError("a recognition needs the recognition field")
        if self.kind != ActivityKind.recognition and self.recognition is not None:
            raise ValueError("recognition is only for kind 'recognition'")
        return self


class ActivityPublic(SQLModel):
    id: int
    person_id: int
    kind: str
    title: str
    start_date: date
    end_date: date | None
    hours: float | None
    organiser: str | None
    host_unit_id: int | None
    level: str | None
    recognition: str | None
    result: str | None
    evidence: str | None


class TrainingYear(SQLModel):
    year: int
    hours: float
    required_hours: float
    met: bool


# --- eligibility and readiness -----------------------------------------------------------
class RuleFailurePublic(SQLModel):
    rule: str
    message: str
    message_zh: str | None = None
    """The same in Chinese (None in flags and reviews stored before it was kept)."""


class EligibilityPublic(SQLModel):
    eligible: bool
    reasons: list[str]
    details: list[RuleFailurePublic] = Field(default_factory=list)
    on: date | None = None


class ScoreContribution(SQLModel):
    """One feature of a score: its raw value and its rank in the cohort (None without
    evidence), the weight it carried for this person and what it added to the score."""

    raw: float | None
    normalised: float | None
    weight: float
    contribution: float


class ReadinessPublic(SQLModel):
    person_id: int
    performance: float
    potential: float
    readiness: float
    band_suggested: str
    band: str
    band_confirmed: str | None = None
    performance_level: str
    potential_level: str
    box: int
    box_label: str
    box_label_en: str
    breakdown: dict[str, dict[str, ScoreContribution]]
    """``performance`` and ``potential``, each by feature."""
    cohort_size: int
    on: date


# --- candidates --------------------------------------------------------------------------
class CandidateCreate(Strict):
    person_id: int
    reason: Text | None = None
    source: NominationSource = NominationSource.organisation_department
    recommending_unit_id: int | None = None
    recommended_on: Day | None = None


class TransitionCreate(Strict):
    """Move a candidate: ``list_for_inspection`` (考察对象), ``appoint`` (已使用), ``remove``."""

    action: Annotated[str, StringConstraints(pattern=r"^(list_for_inspection|appoint|remove)$")]
    reason: Text | None = None
    effective_date: Day | None = None


class UndoCreate(Strict):
    reason: Text


class EventPublic(SQLModel):
    id: int
    candidate_id: int
    action: str
    from_status: str | None
    to_status: str
    effective_date: date
    reason: str | None
    cycle: str | None
    reverts_event_id: int | None
    reverted: bool = False
    actor_name: str
    created_at: datetime


class DocumentPublic(SQLModel):
    id: int
    candidate_id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class LastDecision(SQLModel):
    cycle: str
    decision: str
    comment: str | None
    band: str | None


class CandidatePublic(SQLModel):
    id: int
    person_id: int
    name: str
    staff_no: str
    unit_id: int
    tier: int
    status: str
    source: str
    recommending_unit_id: int | None
    recommended_on: date
    reason: str | None
    status_since: date
    removal_reason: str | None
    eligibility: EligibilityPublic
    readiness: float | None = None
    band: str | None = None
    box: int | None = None
    last_decision: LastDecision | None = None


class CandidateDetail(CandidatePublic):
    readiness_detail: ReadinessPublic | None = None
    history: list[EventPublic] = []
    documents: list[DocumentPublic] = []


# --- the pool as a whole: composition, review pack, comparison, 9-box, stars ------------
class KeyCount(SQLModel):
    key: str
    count: int


class PoolComposition(SQLModel):
    """The pool on a date by court, unit, gender, age band and skill (held at level 3+);
    each list by count, highest first (ties by key), the age bands in their order."""

    on: date
    size: int
    by_court: list[KeyCount]
    by_unit: list[KeyCount]
    by_gender: list[KeyCount]
    by_age_band: list[KeyCount]
    by_skill: list[KeyCount]


class PackRow(SQLModel):
    """One open candidate in the review-meeting pack."""

    candidate_id: int
    person_id: int
    staff_no: str
    name: str
    court: str
    unit: str
    gender: str | None
    age: int | None
    tier: int
    position: str | None
    status: str
    source: str
    readiness: float
    performance: float
    potential: float
    box: int
    box_label: str
    band_suggested: str
    band: str | None
    eligible: bool
    reasons: list[str]
    flagged: bool
    flag_reasons: list[str]
    grades: dict[str, str | None]
    """Grade code by year (as text), None for a year without an assessment."""
    last_decision: LastDecision | None


class ReviewPack(SQLModel):
    """The review-meeting pack: open candidates, highest readiness first."""

    on: date
    cycle: str | None
    policy_file: str
    years: list[int]
    candidates: list[PackRow]


class HonourPublic(SQLModel):
    """A recognition, award or competition result of the candidate."""

    kind: str
    title: str
    date: date
    level: str | None


class ComparedCandidate(SQLModel):
    candidate: CandidatePublic
    age: int | None
    service_years: int | None
    position: str | None
    readiness: ReadinessPublic
    grades: dict[str, str | None]
    """Grade code by year (as text), None for a year without an assessment."""
    training: list[TrainingYear]
    honours: list[HonourPublic]


class Comparison(SQLModel):
    """Two to five candidates side by side, in the order asked."""

    on: date
    candidates: list[ComparedCandidate]


class NineBoxMember(SQLModel):
    candidate_id: int
    person_id: int
    name: str
    performance: float
    potential: float


class NineBoxCell(SQLModel):
    box: int
    label: str
    label_en: str
    candidates: list[NineBoxMember]


class NineBoxGrid(SQLModel):
    """The open candidates on the 9-box grid, boxes 1 to 9."""

    on: date
    boxes: list[NineBoxCell]


class StarPublic(SQLModel):
    """A person's place in the star selection (海法星) of a year."""

    rank: int
    person_id: int
    score: float
    breakdown: dict[str, ScoreContribution]
    """By component: ``political``, ``case``, ``public``."""
    name: str
    unit_id: int


# --- cycles and reviews ------------------------------------------------------------------
def _cycle_text(value: Any) -> Any:
    """A cycle may be sent as the year number: 2026 means "2026"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class CycleCreate(Strict):
    code: Cycle
    review_date: Day | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _year_number(cls, value: Any) -> Any:
        return _cycle_text(value)


class FlagPublic(SQLModel):
    candidate_id: int
    person_id: int
    name: str
    reasons: list[str]
    details: list[RuleFailurePublic]


class CyclePublic(SQLModel):
    id: int
    code: str
    review_date: date
    flags: list[FlagPublic] = []


class ReviewCreate(Strict):
    """A decision in a cycle; ``band`` confirms or overrides the suggested band."""

    cycle: Cycle
    decision: Decision
    comment: Text | None = None
    band: Band | None = None
    band_comment: Text | None = None

    @field_validator("cycle", mode="before")
    @classmethod
    def _year_number(cls, value: Any) -> Any:
        return _cycle_text(value)


class ReviewPublic(SQLModel):
    id: int
    candidate_id: int
    cycle: str
    decision: str
    comment: str | None
    band_suggested: str | None
    band: str | None
    band_comment: str | None
    readiness: float | None
    performance: float | None
    potential: float | None
    box: int | None
    eligible: bool
    reasons: list[str]
    flagged: bool = False
    status: str
    reviewer_id: int | None
    created_at: datetime


# --- succession --------------------------------------------------------------------------
class RequiredSkill(Strict):
    skill_code: str
    level: int = Field(ge=1, le=5)


class KeyPostCreate(Strict):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    unit_id: int
    holder_id: int | None = None
    description: Text | None = None
    required_skills: list[RequiredSkill] = Field(default_factory=list)


class KeyPostUpdate(Strict):
    holder_id: int | None = None
    description: Text | None = None
    active: bool | None = None
    required_skills: list[RequiredSkill] | None = None


class BackupSet(Strict):
    person_id: int


class KeyPostPublic(SQLModel):
    id: int
    title: str
    unit_id: int
    holder_id: int | None
    description: str | None
    active: bool
    required_skills: list[RequiredSkill]
    backups: dict[str, int]


ROLE_NAMES = tuple(role.value for role in BackupRole)


class BackupSuggestion(SQLModel):
    """A possible backup for a key post, ranked by readiness and skill fit."""

    person_id: int
    score: float
    readiness: float
    skill_fit: float
    name: str
    unit_id: int
    band: str


class PostCoverage(SQLModel):
    post_id: int
    title: str
    unit_id: int
    holder_id: int | None
    backups: dict[str, int]
    """Person id by role (``A``, ``B``, ``emergency``)."""
    covered: bool
    issues: list[str]
    unit_name: str | None
    holder_name: str | None
    backup_names: dict[str, str | None]
    """Name by role."""


class UncoveredPost(SQLModel):
    post_id: int
    title: str
    unit_id: int
    unit_name: str | None


class NotReadyBackup(SQLModel):
    post_id: int
    role: str
    person_id: int
    band: str | None
    name: str | None


class OverloadedBackup(SQLModel):
    person_id: int
    post_ids: list[int]
    name: str | None


class CoverageSummary(SQLModel):
    posts: int
    covered: int
    uncovered: int
    not_ready: int
    overloaded: int
    vacant: int


class SuccessionPerson(SQLModel):
    """A holder or backup, with readiness and band (confirmed, else suggested)."""

    person_id: int
    name: str
    unit_id: int
    active: bool
    readiness: float | None
    band: str | None
    band_confirmed: str | None


class SuccessionReport(SQLModel):
    """Coverage of the active key posts on a date: posts without two backups, backups
    not ready, backups of too many posts; and everyone named, in ``people``."""

    on: date
    posts: list[PostCoverage]
    uncovered: list[UncoveredPost]
    not_ready: list[NotReadyBackup]
    overloaded: list[OverloadedBackup]
    summary: CoverageSummary
    people: list[SuccessionPerson]
