"""Reserve pool of outstanding young cadres (优秀年轻干部库): evaluation records, candidates,
their effective-dated history, review cycles and decisions, and key posts with backups.

Evaluation records (assessments, case metrics, the political quality file, the positive /
negative list, development activities) belong to a person, whether or not they are a
candidate. A candidate's history is append-only: ``CandidateEvent`` rows are never
edited; an undo is one more event that names the event it reverts.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.common import utcnow


class Grade(StrEnum):
    """Annual assessment grade (年度考核等次)."""

    excellent = "excellent"
    competent = "competent"
    basically_competent = "basically_competent"
    incompetent = "incompetent"


GRADE_LABELS: dict[str, str] = {
    Grade.excellent: "优秀",
    Grade.competent: "称职",
    Grade.basically_competent: "基本称职",
    Grade.incompetent: "不称职",
}


class RecordStatus(StrEnum):
    """Status of a political-file entry or a list item: in effect, closed, or unfounded."""

    open = "open"
    closed = "closed"
    dismissed = "dismissed"


class Polarity(StrEnum):
    positive = "positive"
    negative = "negative"


class ActivityKind(StrEnum):
    training = "training"
    secondment = "secondment"  # 挂职
    paired_support = "paired_support"  # 对口支援
    competition = "competition"
    award = "award"
    recognition = "recognition"


class HonourLevel(StrEnum):
    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    court = "court"


class Recognition(StrEnum):
    business_leader = "business_leader"  # 审判业务带头人
    expert_judge = "expert_judge"  # 专家型法官
    star = "star"  # 海法星
    other = "other"


class CandidateStatus(StrEnum):
    nominated = "nominated"
    in_pool = "in_pool"
    inspection = "inspection"  # 考察对象
    appointed = "appointed"  # 已使用
    removed = "removed"  # 撤销资格


OPEN_STATUSES: tuple[str, ...] = ("nominated", "in_pool", "inspection")
"""A person has at most one candidacy in these states."""

POOL_STATUSES: tuple[str, ...] = ("in_pool", "inspection")
"""The states in which a candidate counts as in the pool."""


class NominationSource(StrEnum):
    party_group = "party_group"  # 党组推荐
    organisation_department = "organisation_department"  # 组织部门推荐
    own_unit = "own_unit"  # 所在单位推荐
    party_branch = "party_branch"  # 基层党支部推荐


class Decision(StrEnum):
    admit = "admit"
    retain = "retain"
    exit = "exit"


class Band(StrEnum):
    ready_now = "ready_now"
    ready_1_2 = "ready_1_2"
    ready_3_5 = "ready_3_5"


class BackupRole(StrEnum):
    a = "A"
    b = "B"
    emergency = "emergency"


def _in(column: str, values: type[StrEnum] | tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


def _share(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 0 AND {column} <= 1)"


def _score(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 0 AND {column} <= 100)"


# --- evaluation records ------------------------------------------------------------------
class PostStandard(SQLModel, table=True):
    """One assessment standard per post (一岗一标): how common and post-specific scores mix."""

    __table_args__ = (
        CheckConstraint("common_weight >= 0 AND common_weight <= 1", name="ck_standard_weight"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=100)
    post: str = Field(max_length=64)
    common_weight: float = 0.5
    indicators: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)


class Assessment(SQLModel, table=True):
    """An annual assessment: the grade and the common (共性) and post-specific (个性) scores."""

    __table_args__ = (
        UniqueConstraint("person_id", "year", name="uq_assessment_year"),
        CheckConstraint(_in("grade", Grade), name="ck_assessment_grade"),
        CheckConstraint(_score("common_score"), name="ck_assessment_common"),
        CheckConstraint(_score("post_score"), name="ck_assessment_post"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    year: int
    grade: str = Field(max_length=24)
    common_score: float | None = None
    post_score: float | None = None
    standard_id: int | None = Field(default=None, foreign_key="poststandard.id")
    comment: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class CaseMetric(SQLModel, table=True):
    """Case-work figures for one period (a year, a half, a quarter or a month)."""

    __table_args__ = (
        UniqueConstraint("person_id", "period", name="uq_case_metric_period"),
        CheckConstraint("cases_closed >= 0", name="ck_case_metric_closed"),
        CheckConstraint("period_end >= period_start", name="ck_case_metric_dates"),
        CheckConstraint(_share("on_time_rate"), name="ck_case_metric_on_time"),
        CheckConstraint(_share("reversal_rate"), name="ck_case_metric_reversal"),
        CheckConstraint(_share("acceptance_rate"), name="ck_case_metric_acceptance"),
        CheckConstraint(_share("public_satisfaction"), name="ck_case_metric_public"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    period: str = Field(max_length=16)
    period_start: date
    period_end: date = Field(index=True)
    cases_closed: int = 0
    on_time_rate: float | None = None
    reversal_rate: float | None = None  # 改判发回率
    acceptance_rate: float | None = None  # 服判息诉率
    public_satisfaction: float | None = None  # 群众评价
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class PoliticalEntry(SQLModel, table=True):
    """An entry in the political quality file (政治素质档案). Sensitive: reviewers only."""

    __table_args__ = (
        CheckConstraint(_in("status", RecordStatus), name="ck_political_status"),
        CheckConstraint(_score("score"), name="ck_political_score"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    entry_date: date = Field(index=True)
    kind: str = Field(max_length=32)
    item: str = Field(sa_column=Column(Text, nullable=False))
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default="open", max_length=16)
    score: float | None = None
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ListItem(SQLModel, table=True):
    """A positive or negative list item (正负面清单). Negative items are sensitive.

    An item is in effect from ``item_date`` until ``closed_on``; a dismissed item
    (found unfounded) never was.
    """

    __table_args__ = (
        CheckConstraint(_in("polarity", Polarity), name="ck_list_item_polarity"),
        CheckConstraint(_in("status", RecordStatus), name="ck_list_item_status"),
        CheckConstraint("(status = 'open') = (closed_on IS NULL)", name="ck_list_item_closed_on"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    polarity: str = Field(max_length=16, index=True)
    item_date: date
    kind: str = Field(max_length=32)
    item: str = Field(sa_column=Column(Text, nullable=False))
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default="open", max_length=16)
    closed_on: date | None = None
    closed_note: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class DevelopmentActivity(SQLModel, table=True):
    """Training, secondment (挂职), paired support (对口支援), competition, award, recognition."""

    __table_args__ = (
        CheckConstraint(_in("kind", ActivityKind), name="ck_activity_kind"),
        CheckConstraint("hours IS NULL OR hours >= 0", name="ck_activity_hours"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_activity_dates"),
        CheckConstraint(f"level IS NULL OR {_in('level', HonourLevel)}", name="ck_activity_level"),
        CheckConstraint(
            f"recognition IS NULL OR {_in('recognition', Recognition)}",
            name="ck_activity_recognition",
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=24, index=True)
    title: str = Field(max_length=200)
    start_date: date
    end_date: date | None = None
    hours: float | None = None
    organiser: str | None = Field(default=None, max_length=100)
    host_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    level: str | None = Field(default=None, max_length=16)
    recognition: str | None = Field(default=None, max_length=24)
    result: str | None = Field(default=None, max_length=100)
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


# --- candidates and their history --------------------------------------------------------
class ReserveCandidate(SQLModel, table=True):
    """A nomination to the pool and its current state; the history is in ``CandidateEvent``."""

    __table_args__ = (
        CheckConstraint(_in("status", CandidateStatus), name="ck_candidate_status"),
        CheckConstraint(_in("source", NominationSource), name="ck_candidate_source"),
        # One open candidacy per person, whatever the code above does.
        Index(
            "uq_candidate_open_person",
            "person_id",
            unique=True,
            sqlite_where=text(_in("status", OPEN_STATUSES)),
            postgresql_where=text(_in("status", OPEN_STATUSES)),
        ),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    status: str = Field(default="nominated", max_length=16, index=True)
    source: str = Field(max_length=32)
    recommending_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    recommended_on: date
    reason: str | None = Field(default=None, sa_column=Column(Text))
    status_since: date
    removal_reason: str | None = Field(default=None, sa_column=Column(Text))
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class RecommendationDocument(SQLModel, table=True):
    """The recommendation document attached to a nomination (推荐材料)."""

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="reservecandidate.id", index=True)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: int | None = Field(default=None, foreign_key="app_user.id")
    uploaded_at: datetime = Field(default_factory=utcnow)


class CandidateEvent(SQLModel, table=True):
    """One transition of a candidate, effective on a date; never edited.

    An undo is an event with ``reverts_event_id`` set; the reverted event and its undo
    both stay, and both are ignored when asking who was in the pool on a date.
    """

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="reservecandidate.id", index=True)
    action: str = Field(max_length=32)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    effective_date: date = Field(index=True)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    cycle: str | None = Field(default=None, max_length=16)
    reverts_event_id: int | None = Field(default=None, foreign_key="candidateevent.id")
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    actor_name: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


# --- review cycles -----------------------------------------------------------------------
class ReviewCycle(SQLModel, table=True):
    """A periodic pool review (e.g. ``2026``), held on ``review_date``."""

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    review_date: date
    opened_by: int | None = Field(default=None, foreign_key="app_user.id")
    opened_at: datetime = Field(default_factory=utcnow)


class CycleFlag(SQLModel, table=True):
    """A candidate flagged for exit when a cycle opened: the policy rules they now fail."""

    __table_args__ = (UniqueConstraint("cycle_id", "candidate_id", name="uq_cycle_flag"),)
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="reviewcycle.id", index=True)
    candidate_id: int = Field(foreign_key="reservecandidate.id", index=True)
    reasons: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of rule names
    details: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of {rule, message}


class ReserveReview(SQLModel, table=True):
    """A reviewer's decision on a candidate in a cycle, with the calibrated readiness band.

    ``band_suggested`` is what the formulas said; ``band`` what the reviewer confirmed or
    set instead (with ``band_comment``). Scores and eligibility are kept as they stood.
    """

    __table_args__ = (
        UniqueConstraint("candidate_id", "cycle_id", name="uq_review_cycle"),
        CheckConstraint(_in("decision", Decision), name="ck_review_decision"),
        CheckConstraint(
            f"band_suggested IS NULL OR {_in('band_suggested', Band)}", name="ck_review_suggested"
        ),
        CheckConstraint(f"band IS NULL OR {_in('band', Band)}", name="ck_review_band"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="reservecandidate.id", index=True)
    cycle_id: int = Field(foreign_key="reviewcycle.id", index=True)
    decision: str = Field(max_length=16)
    comment: str | None = Field(default=None, sa_column=Column(Text))
    band_suggested: str | None = Field(default=None, max_length=16)
    band: str | None = Field(default=None, max_length=16)
    band_comment: str | None = Field(default=None, sa_column=Column(Text))
    readiness: float | None = None
    performance: float | None = None
    potential: float | None = None
    box: int | None = None
    eligible: bool = True
    reasons: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    reviewer_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


# --- succession --------------------------------------------------------------------------
class KeyPost(SQLModel, table=True):
    """A key post (关键岗位) with its holder; backups in ``PostBackup``."""

    __table_args__ = (UniqueConstraint("unit_id", "title", name="uq_key_post_title"),)
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    title: str = Field(max_length=100)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    holder_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    description: str | None = Field(default=None, sa_column=Column(Text))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class KeyPostSkill(SQLModel, table=True):
    """A skill a key post requires, at a level."""

    __table_args__ = (CheckConstraint("level >= 1 AND level <= 5", name="ck_key_post_level"),)
    post_id: int = Field(foreign_key="keypost.id", primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", primary_key=True)
    level: int


class PostBackup(SQLModel, table=True):
    """Who covers a key post (岗位AB角): an A and a B backup and an emergency cover."""

    __table_args__ = (
        UniqueConstraint("post_id", "role", name="uq_post_backup_role"),
        UniqueConstraint("post_id", "person_id", name="uq_post_backup_person"),
        CheckConstraint(_in("role", BackupRole), name="ck_post_backup_role"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="keypost.id", index=True)
    role: str = Field(max_length=16)
    person_id: int = Field(foreign_key="person.id", index=True)
    assigned_on: date
    assigned_by: int | None = Field(default=None, foreign_key="app_user.id")
