"""A mentor's pages: my mentees with goals and cadence, and one pairing with its log form.

``/mentees`` shows each mentee with the pairing's goals and progress, days since the last
log, the open action items and the mentor's capacity on each link. ``/pairings/{id}`` shows
the open action items pinned first, the goals with the form that sets one (a skill, one
level up, six months ahead) and withdraws one, the one-screen log form (today, 60 minutes,
the last category, and the topic for the mentor to write) and the log history with every
correction kept as a version.

Who may do what is the services' decision (``access.relation``): another mentor's pairing
answers 403 from the service itself, exactly as the API does.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from api.deps import MAX_ID, PathId, SessionDep, actor_of
from api.web.forms.mentoring import (
    CorrectionForm,
    GoalForm,
    LogForm,
    goal_service_error,
    goal_skill_choices,
    goal_status_body,
    log_service_error,
)
from api.web.i18n import Gettext, page_language
from api.web.labels import label
from api.web.names import UnitNames, people_by_id
from api.web.paging import PageOf, Paging
from api.web.rendering import flash, gettext_for, render
from api.web.security import CheckedForm, PageGuard, PairingPage
from models import Role, User
from models.matching_schemas import PairingPublic
from models.mentoring_schemas import GoalPublic, LogPublic, LogVersionPublic, PairingOverview
from talent import clock
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.mentoring import access, capacity, goals, guidance, overdue, pairings
from talent.mentoring.pairing_page import pairing_overview
from talent.roster import people, skills

router = APIRouter()

MAX_PAIRINGS = 500
LOGS_PER_PAGE = 10
# Ids past PostgreSQL's integer range are refused as a malformed path (a 404 page).
# Writing, correcting and confirming logs: the API's LogWriter roles (the service then
# admits only the pairing's own mentor, or for confirming its mentee).
LogWriterPage = Annotated[User, Depends(PageGuard(Role.admin, Role.mentor))]


def refusal(_: Gettext, error: RuleViolation) -> str:
    """The words for a rule a mentoring service refused with (its message if unnamed)."""
    for kind in ("mentoring_rule", "rule"):
        said = label(_, kind, error.rule)
        if said != error.rule:
            return said
    return error.message


# --- my mentees ---------------------------------------------------------------------------
def mentee_cards(session: Session, user: User, units: UnitNames) -> dict[str, Any]:
    """The user's pairings as mentor (with goals, cadence, open items) and as mentee.

    Also used by the mentor's home page, which shows the same cards.
    """
    if user.person_id is None:
        return {"linked": False, "as_mentor": [], "as_mentee": [], "people": {}, "units": units}
    as_mentor = [
        PairingPublic.model_validate(p)
        for p in pairings.list_pairings(
            session, user=user, mentor_id=user.person_id, limit=MAX_PAIRINGS
        )
    ]
    as_mentee = [
        PairingPublic.model_validate(p)
        for p in pairings.list_pairings(
            session, user=user, mentee_id=user.person_id, limit=MAX_PAIRINGS
        )
    ]
    # Active pairings first, then the ended ones, newest start first within each.
    as_mentor.sort(key=lambda p: (p.status != "active", -p.start_date.toordinal(), p.id))
    overviews: dict[int, PairingOverview] = {
        p.id: pairing_overview(session, pairing_id=p.id, user=user)
        for p in as_mentor
        if p.status == "active"
    }
    ids = [p.mentee_id for p in as_mentor] + [p.mentor_id for p in as_mentee]
    return {
        "linked": True,
        "as_mentor": as_mentor,
        "as_mentee": as_mentee,
        "overviews": overviews,
        "capacity": capacity.mentor_capacity(session, person_id=user.person_id, user=user),
        "overdue_days": overdue.DEFAULT_OVERDUE_DAYS,
        "people": people_by_id(session, ids),
        "units": units,
    }


@router.get("/mentees", name="web.my_mentees")
def my_mentees(request: Request, session: SessionDep, user: PairingPage) -> Response:
    """My mentees: goals and progress, days since the last log, open items, my capacity."""
    units = UnitNames.load(session, page_language(request))
    return render(request, "mentees.html", user, mentee_cards(session, user, units))


# --- one pairing --------------------------------------------------------------------------
def _versions(session: Session, user: User, logs: list[LogPublic], lang: str) -> dict:
    """Every version of each corrected log on the page (oldest first)."""
    found: dict[int, list[LogVersionPublic]] = {}
    for log in logs:
        if log.versions > 1:
            found[log.id] = guidance.log_versions(session, log_id=log.id, user=user, lang=lang)
    return found


def _pairing_page(
    request: Request,
    session: Session,
    user: User,
    pairing_id: int,
    *,
    log_form: LogForm | None = None,
    log_errors: dict[str, str] | None = None,
    correction: dict[str, Any] | None = None,
    goal_form: GoalForm | None = None,
    goal_errors: dict[str, str] | None = None,
    status_errors: dict[int, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The pairing page, with the log form, a correction or the goal form as the user left it.

    ``status_errors`` holds a refused status change next to the goal it concerns.
    """
    lang = page_language(request)
    # The overview is the access check: another mentor's pairing raises Forbidden (403).
    overview = pairing_overview(session, pairing_id=pairing_id, user=user)
    pairing = overview.pairing
    standing = access.relation(user, access.get_pairing(session, pairing_id))
    mentee = people.person_detail(session, person_id=pairing.mentee_id, user=user)
    paging = Paging.parse(request.query_params.get("page"), size=LOGS_PER_PAGE)
    logs = PageOf.cut(
        guidance.list_logs(
            session,
            pairing_id=pairing_id,
            user=user,
            lang=lang,
            limit=paging.limit,
            offset=paging.offset,
        ),
        paging,
    )
    newest = logs.rows[:1] if paging.page == 1 else None
    if newest is None:
        newest = guidance.list_logs(session, pairing_id=pairing_id, user=user, lang=lang, limit=1)
    if log_form is None:
        log_form = LogForm.defaults(
            today=clock.today(),
            last_category=newest[0].category.value if newest and newest[0].category else None,
        )
    every_skill = skills.list_skills(session)
    skill_names = {s.code: s.name for s in every_skill}
    goal_choices = goal_skill_choices(
        mentee.skills,
        every_skill,
        {g.skill_code for g in overview.goals if g.skill_code and g.status == "open"},
    )
    if goal_form is None:
        goal_form = GoalForm.defaults(choices=goal_choices, today=clock.today())
    # The checkboxes: the mentee's skills, then goal skills not yet held.
    offered = [s.skill_code for s in mentee.skills]
    offered += [
        g.skill_code for g in overview.goals if g.skill_code and g.skill_code not in offered
    ]
    return render(
        request,
        "pairing.html",
        user,
        {
            "overview": overview,
            "pairing": pairing,
            "mentee": mentee,
            "mentor": people_by_id(session, [pairing.mentor_id]).get(pairing.mentor_id),
            "units": UnitNames.load(session, lang),
            "logs": logs,
            "versions": _versions(session, user, logs.rows, lang),
            "categories": guidance.categories(lang),
            "skill_names": skill_names,
            "offered_skills": offered,
            "form": log_form,
            "errors": log_errors or {},
            "items_open": any(r.text or r.due for r in log_form.items)
            or any(k.startswith("item-") for k in log_errors or {}),
            "correction": correction,
            "can_log": standing in (access.ADMIN, access.MENTOR) and pairing.status == "active",
            "can_correct": standing in (access.ADMIN, access.MENTOR),
            "can_confirm": standing == access.MENTEE,
            "can_tick": standing in (access.ADMIN, access.MENTOR, access.MENTEE),
            # The goal setters of the API (goals.GOAL_SETTERS): admin, planner, its mentor.
            "can_set_goals": standing in goals.GOAL_SETTERS and pairing.status == "active",
            "can_change_goals": standing in goals.GOAL_SETTERS,
            "goal_choices": goal_choices,
            "goal_form": goal_form,
            "goal_errors": goal_errors or {},
            "status_errors": status_errors or {},
            "today": clock.today(),
        },
        status_code=status_code,
    )


@router.get("/pairings/{pairing_id}", name="web.pairing")
def pairing_page(
    pairing_id: PathId, request: Request, session: SessionDep, user: PairingPage
) -> Response:
    """One pairing: open action items pinned, goals, the log form, the log history."""
    return _pairing_page(request, session, user, pairing_id)


def _to_pairing(request: Request, pairing_id: int, anchor: str = "") -> RedirectResponse:
    path = request.app.url_path_for("web.pairing", pairing_id=pairing_id)
    return RedirectResponse(f"{path}{anchor}", status_code=303)


@router.post("/pairings/{pairing_id}/logs", name="web.pairing_log")
def pairing_log(
    pairing_id: PathId,
    request: Request,
    session: SessionDep,
    user: LogWriterPage,
    data: CheckedForm,
) -> Response:
    """Log a session (the pairing's mentor only); errors come back next to their fields."""
    _ = gettext_for(request)
    pairing = access.get_pairing(session, pairing_id)
    form = LogForm.read(data)
    body, errors = form.parse(_, today=clock.today())
    status = 422
    if body is not None:
        try:
            created = guidance.create_log(
                session,
                pairing_id=pairing_id,
                body=body,
                user=user,
                actor=actor_of(user),
                lang=page_language(request),
            )
        except InvalidInput as error:
            session.rollback()
            errors = log_service_error(
                _, error.field, day=body.date, start=pairing.start_date, end=pairing.end_date
            )
        except RuleViolation as error:
            session.rollback()
            errors, status = {"form": refusal(_, error)}, 409
        else:
            flash(
                request,
                _(
                    "已记录 %(date)s 的带教（%(minutes)s 分钟）。",
                    date=created.date.isoformat(),
                    minutes=created.minutes,
                ),
                "success",
            )
            return _to_pairing(request, pairing_id, f"#log-{created.id}")
    return _pairing_page(
        request, session, user, pairing_id, log_form=form, log_errors=errors, status_code=status
    )


@router.post("/logs/{log_id}/corrections", name="web.log_correct")
def log_correct(
    log_id: PathId, request: Request, session: SessionDep, user: LogWriterPage, data: CheckedForm
) -> Response:
    """Correct a log: a new version; the earlier one stays, as the API keeps it."""
    _ = gettext_for(request)
    lang = page_language(request)
    log = guidance.get_log(session, log_id=log_id, user=user, lang=lang)
    pairing = access.get_pairing(session, log.pairing_id)
    form = CorrectionForm.read(data)
    body, errors = form.parse(_, today=clock.today())
    status = 422
    if body is not None:
        try:
            guidance.correct_log(
                session, log_id=log_id, body=body, user=user, actor=actor_of(user), lang=lang
            )
        except InvalidInput as error:
            session.rollback()
            errors = log_service_error(
                _, error.field, day=body.date, start=pairing.start_date, end=pairing.end_date
            )
        except RuleViolation as error:
            session.rollback()
            errors, status = {"form": refusal(_, error)}, 409
        else:
            flash(request, _("已更正记录，原来的版本仍然保留。"), "success")
            return _to_pairing(request, log.pairing_id, f"#log-{log_id}")
    correction = {"log_id": log_id, "form": form, "errors": errors}
    return _pairing_page(
        request, session, user, log.pairing_id, correction=correction, status_code=status
    )


@router.post("/logs/{log_id}/confirm", name="web.log_confirm")
def log_confirm(
    log_id: PathId, request: Request, session: SessionDep, user: LogWriterPage, _data: CheckedForm
) -> Response:
    """The mentee confirms the log as it stands (nobody else may: 403)."""
    _ = gettext_for(request)
    log = guidance.get_log(session, log_id=log_id, user=user)
    try:
        guidance.confirm_log(session, log_id=log_id, user=user, actor=actor_of(user))
    except RuleViolation as error:
        session.rollback()
        flash(request, refusal(_, error), "error")
    else:
        flash(request, _("已确认该带教记录。"), "success")
    return _to_pairing(request, log.pairing_id, f"#log-{log_id}")


@router.post("/action-items/{item_id}/done", name="web.action_item_done")
def action_item_done(
    item_id: PathId, request: Request, session: SessionDep, user: PairingPage, data: CheckedForm
) -> Response:
    """Tick an agreed action item done (the pairing's mentor or mentee)."""
    _ = gettext_for(request)
    try:
        item = guidance.set_item_done(
            session, item_id=item_id, done=True, user=user, actor=actor_of(user)
        )
    except RuleViolation as error:
        session.rollback()
        flash(request, refusal(_, error), "error")
        back = str(data.get("pairing_id") or "")
        if not back.isdigit() or not 1 <= int(back) <= MAX_ID:
            raise NotFound("action item", item_id) from error
        return _to_pairing(request, int(back), "#items")
    flash(request, _("已标记完成：%(text)s", text=item.text), "success")
    return _to_pairing(request, item.pairing_id, "#items")


# --- goals ------------------------------------------------------------------------------------
def _goal_words(goal: GoalPublic) -> str:
    """A goal as the flash names it: its skill, else its description."""
    return goal.skill_name or goal.description or f"#{goal.id}"


@router.post("/pairings/{pairing_id}/goals", name="web.pairing_goal")
def pairing_goal(
    pairing_id: PathId, request: Request, session: SessionDep, user: PairingPage, data: CheckedForm
) -> Response:
    """Set a goal (a planner or the pairing's mentor, as the API): errors next to their fields."""
    _ = gettext_for(request)
    # Refuse another mentor (or the mentee) before reading the form, whatever it holds.
    pairing = access.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=goals.GOAL_SETTERS, doing="set goals"
    )
    form = GoalForm.read(data)
    body, errors = form.parse(_)
    status = 422
    if body is not None:
        try:
            created = goals.create_goal(
                session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
            )
        except InvalidInput as error:
            session.rollback()
            held = people.person_detail(session, person_id=pairing.mentee_id, user=user).skills
            level = next((s.level for s in held if s.skill_code == body.skill_code), None)
            errors = goal_service_error(
                _, error.field, body=body, level=level, start=pairing.start_date
            )
        except RuleViolation as error:
            session.rollback()
            where = "skill_code" if error.rule == "duplicate_goal" else "form"
            errors, status = {where: refusal(_, error)}, 409
        else:
            if created.target_level is not None:
                said = _(
                    "已设定目标：%(goal)s 达到 %(level)s 级",
                    goal=_goal_words(created),
                    level=created.target_level,
                )
            else:
                said = _("已设定目标：%(goal)s", goal=_goal_words(created))
            flash(request, said, "success")
            return _to_pairing(request, pairing_id, f"#goal-{created.id}")
    return _pairing_page(
        request, session, user, pairing_id, goal_form=form, goal_errors=errors, status_code=status
    )


@router.post("/goals/{goal_id}/status", name="web.goal_status")
def goal_status(
    goal_id: PathId, request: Request, session: SessionDep, user: PairingPage, data: CheckedForm
) -> Response:
    """Withdraw a goal (or reopen it), as ``PATCH /goals/{id}`` with a ``status`` does."""
    _ = gettext_for(request)
    goal = goals.get_goal(session, goal_id)
    access.pairing_as(
        session,
        pairing_id=goal.pairing_id,
        user=user,
        allowed=goals.GOAL_SETTERS,
        doing="change goals",
    )
    pairing_id = goal.pairing_id
    body, problem = goal_status_body(data, _)
    status = 422
    if body is not None:
        try:
            changed = goals.update_goal(
                session, goal_id=goal_id, body=body, user=user, actor=actor_of(user)
            )
        except (InvalidInput, RuleViolation) as error:
            session.rollback()
            if isinstance(error, RuleViolation):
                problem, status = refusal(_, error), 409
            else:
                problem = _("请选择目标的新状态")
        else:
            if changed.status == "withdrawn":
                said = _("已撤回目标：%(goal)s", goal=_goal_words(changed))
            else:
                said = _("已恢复目标：%(goal)s", goal=_goal_words(changed))
            flash(request, said, "success")
            return _to_pairing(request, pairing_id, f"#goal-{goal_id}")
    return _pairing_page(
        request,
        session,
        user,
        pairing_id,
        status_errors={goal_id: problem or ""},
        status_code=status,
    )
