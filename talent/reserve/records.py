"""Evaluation records per person: assessments against post standards, case-work metrics,
the political quality file, the positive / negative list and development activities.

Every write is audited in its transaction. Reading the political file or the list is
audited too (``reserve.sensitive.read``: who looked, when, at whose file).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from models import Unit
from models.reserve import (
    GRADE_LABELS,
    Assessment,
    CaseMetric,
    DevelopmentActivity,
    ListItem,
    PoliticalEntry,
    PostStandard,
)
from models.reserve_schemas import (
    ActivityCreate,
    ActivityPublic,
    AssessmentCreate,
    AssessmentPublic,
    CaseMetricCreate,
    CaseMetricPublic,
    ListItemClose,
    ListItemCreate,
    ListItemPublic,
    PoliticalEntryCreate,
    PoliticalEntryPublic,
    StandardCreate,
    StandardPublic,
    TrainingYear,
)
from talent import audit, clock
from talent.audit import Actor
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.reserve.evaluation import current_policy
from talent.reserve.periods import period_bounds
from talent.roster.people import get_person

# The record tables written through ``_save``: each is an SQLModel table with an ``id``.
T = TypeVar(
    "T",
    bound=PostStandard | Assessment | CaseMetric | PoliticalEntry | ListItem | DevelopmentActivity,
)


def log_sensitive_read(
    session: Session, *, actor: Actor, person_id: int, file: str, count: int
) -> None:
    """Record who looked at a person's sensitive file, and commit it."""
    audit.record(
        session,
        actor=actor,
        action="reserve.sensitive.read",
        entity="person",
        entity_id=person_id,
        after={"file": file, "records": count},
    )
    session.commit()


def _save(session: Session, row: T, *, actor: Actor, action: str, entity: str) -> T:
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action=action, entity=entity, entity_id=row.id, after=row)
    session.commit()
    session.refresh(row)
    return row


# --- post standards (一岗一标) ------------------------------------------------------------
def create_standard(session: Session, *, body: StandardCreate, actor: Actor) -> StandardPublic:
    if session.exec(select(PostStandard).where(PostStandard.code == body.code)).first():
        raise RuleViolation("duplicate_standard", f"standard '{body.code}' exists already")
    row = PostStandard.model_validate(body.model_dump())
    row = _save(session, row, actor=actor, action="reserve.standard.create", entity="post_standard")
    return StandardPublic.model_validate(row)


def list_standards(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[StandardPublic]:
    rows = session.exec(
        select(PostStandard).order_by(col(PostStandard.id)).offset(offset).limit(limit)
    ).all()
    return [StandardPublic.model_validate(r) for r in rows]


# --- assessments -------------------------------------------------------------------------
def _assessment_public(a: Assessment, standards: dict[int, PostStandard]) -> AssessmentPublic:
    standard = standards.get(a.standard_id) if a.standard_id is not None else None
    c = standard.common_weight if standard else 0.5
    total = None
    if a.common_score is not None and a.post_score is not None:
        total = round(c * a.common_score + (1 - c) * a.post_score, 2)
    return AssessmentPublic(
        id=a.id,
        person_id=a.person_id,
        year=a.year,
        grade=a.grade,
        grade_label=GRADE_LABELS[a.grade],
        common_score=a.common_score,
        post_score=a.post_score,
        total_score=total,
        standard_code=standard.code if standard else None,
        comment=a.comment,
    )


def _standards(session: Session) -> dict[int, PostStandard]:
    return {s.id: s for s in session.exec(select(PostStandard)).all()}


def add_assessment(
    session: Session, *, person_id: int, body: AssessmentCreate, actor: Actor
) -> AssessmentPublic:
    get_person(session, person_id)
    standard_id = None
    if body.standard_code is not None:
        standard = session.exec(
            select(PostStandard).where(PostStandard.code == body.standard_code)
        ).first()
        if standard is None:
            raise InvalidInput("standard_code", f"no post standard '{body.standard_code}'")
        standard_id = standard.id
    duplicate = session.exec(
        select(Assessment).where(Assessment.person_id == person_id, Assessment.year == body.year)
    ).first()
    if duplicate:
        raise RuleViolation(
            "duplicate_assessment", f"person {person_id} already has an assessment for {body.year}"
        )
    row = Assessment(
        person_id=person_id,
        year=body.year,
        grade=body.grade.value,
        common_score=body.common_score,
        post_score=body.post_score,
        standard_id=standard_id,
        comment=body.comment,
        recorded_by=actor.id,
    )
    row = _save(session, row, actor=actor, action="reserve.assessment.create", entity="assessment")
    return _assessment_public(row, _standards(session))


def list_assessments(
    session: Session, *, person_id: int, limit: int | None = None, offset: int = 0
) -> list[AssessmentPublic]:
    get_person(session, person_id)
    rows = session.exec(
        select(Assessment)
        .where(Assessment.person_id == person_id)
        .order_by(col(Assessment.year))
        .offset(offset)
        .limit(limit)
    ).all()
    standards = _standards(session)
    return [_assessment_public(r, standards) for r in rows]


# --- case metrics ------------------------------------------------------------------------
def add_case_metric(
    session: Session, *, person_id: int, body: CaseMetricCreate, actor: Actor
) -> CaseMetricPublic:
    get_person(session, person_id)
    try:
        start, end = period_bounds(body.period)
    except ValueError as error:
        raise InvalidInput("period", str(error)) from error
    duplicate = session.exec(
        select(CaseMetric).where(
            CaseMetric.person_id == person_id, CaseMetric.period == body.period
        )
    ).first()
    if duplicate:
        raise RuleViolation(
            "duplicate_case_metric", f"person {person_id} already has metrics for {body.period}"
        )
    row = CaseMetric(
        person_id=person_id,
        period_start=start,
        period_end=end,
        recorded_by=actor.id,
        **body.model_dump(),
    )
    row = _save(
        session, row, actor=actor, action="reserve.case_metric.create", entity="case_metric"
    )
    return CaseMetricPublic.model_validate(row)


def list_case_metrics(
    session: Session, *, person_id: int, limit: int | None = None, offset: int = 0
) -> list[CaseMetricPublic]:
    get_person(session, person_id)
    rows = session.exec(
        select(CaseMetric)
        .where(CaseMetric.person_id == person_id)
        .order_by(col(CaseMetric.period_start), col(CaseMetric.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return [CaseMetricPublic.model_validate(r) for r in rows]


# --- political quality file (sensitive) --------------------------------------------------
def add_political_entry(
    session: Session, *, person_id: int, body: PoliticalEntryCreate, actor: Actor
) -> PoliticalEntryPublic:
    get_person(session, person_id)
    row = PoliticalEntry(person_id=person_id, recorded_by=actor.id, **body.model_dump())
    row = _save(
        session, row, actor=actor, action="reserve.political_entry.create", entity="political_entry"
    )
    return PoliticalEntryPublic.model_validate(row)


def list_political_entries(
    session: Session, *, person_id: int, actor: Actor, limit: int | None = None, offset: int = 0
) -> list[PoliticalEntryPublic]:
    get_person(session, person_id)
    rows = session.exec(
        select(PoliticalEntry)
        .where(PoliticalEntry.person_id == person_id)
        .order_by(col(PoliticalEntry.entry_date), col(PoliticalEntry.id))
        .offset(offset)
        .limit(limit)
    ).all()
    found = [PoliticalEntryPublic.model_validate(r) for r in rows]
    log_sensitive_read(
        session, actor=actor, person_id=person_id, file="political_entries", count=len(found)
    )
    return found


# --- positive / negative list (negative items are sensitive) ------------------------------
def add_list_item(
    session: Session, *, person_id: int, body: ListItemCreate, actor: Actor
) -> ListItemPublic:
    get_person(session, person_id)
    row = ListItem(person_id=person_id, recorded_by=actor.id, status="open", **body.model_dump())
    row = _save(session, row, actor=actor, action="reserve.list_item.create", entity="list_item")
    return ListItemPublic.model_validate(row)


def list_list_items(
    session: Session,
    *,
    person_id: int,
    polarity: str | None,
    actor: Actor,
    limit: int | None = None,
    offset: int = 0,
) -> list[ListItemPublic]:
    get_person(session, person_id)
    query = select(ListItem).where(ListItem.person_id == person_id)
    if polarity is not None:
        query = query.where(ListItem.polarity == polarity)
    query = query.order_by(col(ListItem.item_date), col(ListItem.id)).offset(offset).limit(limit)
    rows = session.exec(query).all()
    found = [ListItemPublic.model_validate(r) for r in rows]
    log_sensitive_read(
        session,
        actor=actor,
        person_id=person_id,
        file=f"list_items:{polarity or 'all'}",
        count=len(found),
    )
    return found


def close_list_item(
    session: Session, *, item_id: int, body: ListItemClose, actor: Actor
) -> ListItemPublic:
    item = session.get(ListItem, item_id)
    if item is None:
        raise NotFound("list_item", item_id)
    if item.status != "open":
        raise RuleViolation("list_item_not_open", f"list item {item_id} is {item.status} already")
    if body.closed_on < item.item_date:
        raise InvalidInput("closed_on", "closed_on must not be before the item's date")
    before = item.model_dump()
    item.status, item.closed_on, item.closed_note = body.status.value, body.closed_on, body.note
    session.add(item)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=f"reserve.list_item.{body.status.value}",
        entity="list_item",
        entity_id=item.id,
        before=before,
        after=item,
    )
    session.commit()
    session.refresh(item)
    return ListItemPublic.model_validate(item)


# --- development activities --------------------------------------------------------------
def add_activity(
    session: Session, *, person_id: int, body: ActivityCreate, actor: Actor
) -> ActivityPublic:
    get_person(session, person_id)
    if body.host_unit_id is not None and session.get(Unit, body.host_unit_id) is None:
        raise NotFound("unit", body.host_unit_id)
    row = DevelopmentActivity(person_id=person_id, recorded_by=actor.id, **body.model_dump())
    row = _save(session, row, actor=actor, action="reserve.activity.create", entity="activity")
    return ActivityPublic.model_validate(row)


def list_activities(
    session: Session,
    *,
    person_id: int,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ActivityPublic]:
    get_person(session, person_id)
    query = select(DevelopmentActivity).where(DevelopmentActivity.person_id == person_id)
    if kind is not None:
        query = query.where(DevelopmentActivity.kind == kind)
    query = query.order_by(col(DevelopmentActivity.start_date), col(DevelopmentActivity.id))
    rows = session.exec(query.offset(offset).limit(limit)).all()
    return [ActivityPublic.model_validate(r) for r in rows]


def training_hours(
    session: Session, *, person_id: int, years: int = 3, on: date | None = None
) -> list[TrainingYear]:
    """Training hours per year against the policy's required hours, the last ``years`` years
    up to ``on``'s year (the current year included, so far)."""
    get_person(session, person_id)
    on = on or clock.today()
    required = current_policy().readiness.training.required_hours
    totals: dict[int, float] = defaultdict(float)
    for act in session.exec(
        select(DevelopmentActivity).where(
            DevelopmentActivity.person_id == person_id, DevelopmentActivity.kind == "training"
        )
    ).all():
        totals[act.start_date.year] += act.hours or 0.0
    return [
        TrainingYear(
            year=year,
            hours=round(totals[year], 2),
            required_hours=required,
            met=totals[year] >= required,
        )
        for year in range(on.year - years + 1, on.year + 1)
    ]
