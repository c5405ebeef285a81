"""Mentoring: guidance logs, goals, skill history, cadence and escalation, re-matching, reports.

Ownership (a mentor only on their own pairings, the mentee alone confirms) is checked in
the services, which raise ``Forbidden``; each route's guard says which roles may try.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from api.deps import (
    AnyUser,
    Language,
    PairingReader,
    PathId,
    PersonReader,
    PlannerUser,
    QueryId,
    RoleGuard,
    SessionDep,
    actor_of,
)
from api.downloads import attachment
from api.paging import Page
from api.web.labels import words
from models import Link, Role, User
from models.mentoring import EscalationRung
from models.mentoring_schemas import (
    ActionItemDone,
    ActionItemIn,
    ActionItemPublic,
    CategoryPublic,
    DissolveBody,
    DissolveResult,
    EscalationStepIn,
    EscalationStepPublic,
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    LogCorrection,
    LogCreate,
    LogPublic,
    LogVersionPublic,
    MentorCapacity,
    MentoringReport,
    MentorReminders,
    PairingOverview,
    QuietPairing,
    RematchEntryPublic,
    SkillCode,
    SkillLevelChangePublic,
    SkillLevelSet,
    WithdrawBody,
)
from talent.mentoring import (
    capacity,
    escalation,
    goals,
    guidance,
    overdue,
    pairing_page,
    rematch,
    reports,
)
from talent.mentoring import reminders as mentor_reminders
from talent.mentoring import report_export as reports_export
from talent.roster import skill_levels

router = APIRouter(tags=["mentoring"])

# Ids beyond PostgreSQL's integer range would fail in the database: refuse them as input.
# Writing logs: the pairing's mentor (checked in the service) or an admin.
LogWriter = Annotated[User, Depends(RoleGuard(Role.admin, Role.mentor))]
Days = Annotated[
    int,
    Query(ge=1, le=365, description="days without a log after which a pairing is overdue"),
]


# --- guidance logs -----------------------------------------------------------------------------
@router.get("/guidance/categories")
def categories(user: AnyUser, lang: Language) -> list[CategoryPublic]:
    """The optional categories of a log (``category``), with their labels."""
    return guidance.categories(lang)


@router.get("/guidance/topics", deprecated=True)
def topics(user: AnyUser, lang: Language) -> list[CategoryPublic]:
    """The categories under their old name, for clients written when topics were codes.

    A log's ``topic`` is now the mentor's free text; these codes go in ``category``.
    """
    return guidance.categories(lang)


@router.post("/pairings/{pairing_id}/logs", status_code=201)
def create_log(
    pairing_id: PathId, body: LogCreate, session: SessionDep, user: LogWriter, lang: Language
) -> LogPublic:
    return guidance.create_log(
        session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user), lang=lang
    )


@router.get("/pairings/{pairing_id}/logs")
def list_logs(
    pairing_id: PathId, session: SessionDep, user: PairingReader, page: Page, lang: Language
) -> list[LogPublic]:
    return guidance.list_logs(
        session, pairing_id=pairing_id, user=user, lang=lang, limit=page.limit, offset=page.offset
    )


@router.get("/logs/{log_id}")
def get_log(log_id: PathId, session: SessionDep, user: PairingReader, lang: Language) -> LogPublic:
    return guidance.get_log(session, log_id=log_id, user=user, lang=lang)


@router.get("/logs/{log_id}/versions")
def log_versions(
    log_id: PathId, session: SessionDep, user: PairingReader, lang: Language
) -> list[LogVersionPublic]:
    return guidance.log_versions(session, log_id=log_id, user=user, lang=lang)


@router.post("/logs/{log_id}/corrections", status_code=201)
def correct_log(
    log_id: PathId, body: LogCorrection, session: SessionDep, user: LogWriter, lang: Language
) -> LogPublic:
    return guidance.correct_log(
        session, log_id=log_id, body=body, user=user, actor=actor_of(user), lang=lang
    )


@router.post("/logs/{log_id}/confirm")
def confirm_log(log_id: PathId, session: SessionDep, user: LogWriter, lang: Language) -> LogPublic:
    return guidance.confirm_log(session, log_id=log_id, user=user, actor=actor_of(user), lang=lang)


# --- action items ------------------------------------------------------------------------------
@router.post("/logs/{log_id}/action-items", status_code=201)
def add_action_items(
    log_id: PathId, body: list[ActionItemIn], session: SessionDep, user: LogWriter
) -> list[ActionItemPublic]:
    return guidance.add_action_items(
        session, log_id=log_id, items=body, user=user, actor=actor_of(user)
    )


@router.patch("/action-items/{item_id}")
def set_action_item(
    item_id: PathId, body: ActionItemDone, session: SessionDep, user: PairingReader
) -> ActionItemPublic:
    return guidance.set_item_done(
        session, item_id=item_id, done=body.done, user=user, actor=actor_of(user)
    )


@router.get("/pairings/{pairing_id}/action-items")
def pairing_action_items(
    pairing_id: PathId, session: SessionDep, user: PairingReader, open: bool = False
) -> list[ActionItemPublic]:
    return guidance.pairing_items(session, pairing_id=pairing_id, user=user, open_only=open)


# --- goals and skill history -------------------------------------------------------------------
@router.post("/pairings/{pairing_id}/goals", status_code=201)
def create_goal(
    pairing_id: PathId, body: GoalCreate, session: SessionDep, user: PairingReader
) -> GoalPublic:
    return goals.create_goal(
        session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
    )


@router.get("/pairings/{pairing_id}/goals")
def list_goals(pairing_id: PathId, session: SessionDep, user: PairingReader) -> list[GoalPublic]:
    return goals.list_goals(session, pairing_id=pairing_id, user=user)


@router.patch("/goals/{goal_id}")
def update_goal(
    goal_id: PathId, body: GoalUpdate, session: SessionDep, user: PairingReader
) -> GoalPublic:
    return goals.update_goal(session, goal_id=goal_id, body=body, user=user, actor=actor_of(user))


@router.post("/people/{person_id}/skill-levels", status_code=201)
def set_skill_level(
    person_id: PathId, body: SkillLevelSet, session: SessionDep, user: PairingReader
) -> SkillLevelChangePublic:
    return goals.set_skill_level(
        session, person_id=person_id, body=body, user=user, actor=actor_of(user)
    )


@router.get("/people/{person_id}/skill-history")
def skill_history(
    person_id: PathId, session: SessionDep, user: PersonReader, skill_code: SkillCode | None = None
) -> list[SkillLevelChangePublic]:
    return skill_levels.skill_history(
        session, person_id=person_id, user=user, skill_code=skill_code
    )


# --- cadence, escalation, the pairing and mentor pages -----------------------------------------
@router.get("/pairings/overdue")
def overdue_pairings(
    session: SessionDep,
    user: PairingReader,
    page: Page,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
    mentor_id: QueryId = None,
    rung: EscalationRung | None = None,
) -> list[QuietPairing]:
    return overdue.overdue_pairings(
        session,
        user=user,
        days=days,
        mentor_id=mentor_id,
        rung=rung,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/pairings/{pairing_id}/overview")
def pairing_overview(
    pairing_id: PathId,
    session: SessionDep,
    user: PairingReader,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
) -> PairingOverview:
    return pairing_page.pairing_overview(session, pairing_id=pairing_id, user=user, days=days)


@router.get("/pairings/{pairing_id}/escalation")
def escalation_ladder(
    pairing_id: PathId,
    session: SessionDep,
    user: PairingReader,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
) -> list[EscalationStepPublic]:
    return escalation.escalation_ladder(session, pairing_id=pairing_id, user=user, days=days)


@router.post("/pairings/{pairing_id}/escalation", status_code=201)
def record_escalation_step(
    pairing_id: PathId,
    body: EscalationStepIn,
    session: SessionDep,
    user: PlannerUser,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
) -> EscalationStepPublic:
    return escalation.record_step(
        session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user), days=days
    )


@router.post("/pairings/{pairing_id}/dissolve")
def dissolve_pairing(
    pairing_id: PathId, body: DissolveBody, session: SessionDep, user: PlannerUser
) -> DissolveResult:
    return escalation.dissolve_pairing(
        session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
    )


@router.get("/reminders")
def reminders(
    session: SessionDep,
    user: PairingReader,
    mentor_id: QueryId = None,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
    due_soon_days: Annotated[int, Query(ge=0, le=90)] = mentor_reminders.DUE_SOON_DAYS,
) -> list[MentorReminders]:
    return mentor_reminders.reminders(
        session, user=user, mentor_id=mentor_id, days=days, due_soon_days=due_soon_days
    )


@router.get("/mentors/capacity")
def mentor_capacities(
    session: SessionDep,
    user: PlannerUser,
    page: Page,
    unit_id: QueryId = None,
    link: Link | None = None,
) -> list[MentorCapacity]:
    return capacity.mentor_capacities(
        session, unit_id=unit_id, link=link, limit=page.limit, offset=page.offset
    )


@router.get("/mentors/{person_id}/capacity")
def mentor_capacity(person_id: PathId, session: SessionDep, user: PairingReader) -> MentorCapacity:
    return capacity.mentor_capacity(session, person_id=person_id, user=user)


# --- the re-match queue ------------------------------------------------------------------------
@router.get("/rematch-queue")
def rematch_queue(
    session: SessionDep,
    user: PlannerUser,
    page: Page,
    link: Link | None = None,
    status: Literal["waiting", "rematched", "withdrawn", "all"] = "waiting",
) -> list[RematchEntryPublic]:
    return rematch.rematch_queue(
        session,
        link=link,
        status=None if status == "all" else status,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/rematch-queue/{entry_id}/withdraw")
def withdraw_rematch(
    entry_id: PathId, body: WithdrawBody, session: SessionDep, user: PlannerUser
) -> RematchEntryPublic:
    return rematch.withdraw_rematch(
        session, entry_id=entry_id, reason=body.reason, user=user, actor=actor_of(user)
    )


# --- reports -----------------------------------------------------------------------------------
@router.get(
    "/reports/mentoring",
    response_model=MentoringReport,
    responses={
        200: {
            "description": "JSON, or a CSV / XLSX file with ?format=csv|xlsx",
            "content": {reports_export.CSV_TYPE: {}, reports_export.XLSX_TYPE: {}},
        }
    },
)
def mentoring_report(
    session: SessionDep,
    user: PlannerUser,
    lang: Language,
    unit_id: QueryId = None,
    include_subordinate_courts: Annotated[
        bool, Query(description="With `unit_id` a court: also the courts under it")
    ] = False,
    date_from: date | None = None,
    date_to: date | None = None,
    days: Days = overdue.DEFAULT_OVERDUE_DAYS,
    fmt: Annotated[Literal["json", "csv", "xlsx"], Query(alias="format")] = "json",
) -> MentoringReport | Response:
    report = reports.mentoring_report(
        session,
        unit_id=unit_id,
        subordinate_courts=include_subordinate_courts,
        date_from=date_from,
        date_to=date_to,
        overdue_days=days,
    )
    if fmt == "json":
        return report
    content, media_type = reports_export.export(report, fmt=fmt, lang=lang, word=words(lang))
    return attachment(content, media_type, reports_export.file_name(report, fmt, lang))
