"""A person's page: profile, skills, pairings, the chain, conflicts and manual pairing.

``GET /people/{id}`` shows what the roster services know of one person: the profile (with
an edit form), skills with their level, an open goal's target and the dated history, the
pairings as mentee and as mentor on both links, the chain above and below, declared
conflicts of interest, and for a mentee without an active pairing on their link the top
mentor suggestions (:func:`talent.matching.run_views.mentor_suggestions`, the service
behind ``GET /api/v1/people/{id}/mentor-suggestions``) with a button that pairs by hand
(:func:`talent.matching.proposals.pair_by_hand`, as ``POST /api/v1/pairings``).

Readers: admin and planner see everything and may act; a reviewer (the API lets them read
people) sees the profile and skills only, because pairings and conflicts are the
planners' (``GET /api/v1/pairings`` and ``/conflicts`` admit admin and planner).
Every write is a form with the CSRF token that redirects back (post/redirect/get); a
refused form shows the page again with the message beside the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from sqlmodel import Session, col, select
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import PathId, SessionDep, actor_of
from api.web.forms.fields import text
from api.web.i18n import Gettext, page_language
from api.web.labels import label
from api.web.names import UnitNames, people_by_id
from api.web.rendering import flash, gettext_for, render
from api.web.score_bars import Bar, feature_bars
from api.web.security import CheckedForm, PlannerPage, RosterPage
from models import Gender, Link, Person, Role, Skill, User
from models.matching_schemas import PairingPublic
from models.schemas import ConflictCreate, PersonPublic, PersonUpdate
from talent.clock import today as local_today
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.matching import proposals, run_views
from talent.matching.weights import weights_in_force
from talent.mentoring import person_pairings
from talent.roster import conflicts, people, skill_levels
from talent.roster.person_view import full_years

router = APIRouter()

SUGGESTIONS = 5
CONFLICTS_SHOWN = 200
PROFILE_FIELDS = (
    "name",
    "position",
    "gender",
    "birth_date",
    "hire_date",
    "mentor_capacity",
    "expertise",
    "goals",
)
TEXT_MAX = {"name": 64, "position": 64, "expertise": 4000, "goals": 4000}


# --- what the page shows ------------------------------------------------------------------------
@dataclass(frozen=True)
class LevelChange:
    """One dated change of a skill level, as the history shows it."""

    day: date
    from_level: int | None
    to_level: int | None
    reason: str | None
    by: str | None


@dataclass(frozen=True)
class SkillRow:
    """A skill of the person: level now, target (an open goal's, else the roster's), history."""

    name: str
    level: int | None
    target: int | None
    target_due: date | None
    from_goal: bool
    history: list[LevelChange]


@dataclass(frozen=True)
class SuggestionRow:
    """A suggested mentor: name, points out of 100, the breakdown drawn as bars."""

    mentor: PersonPublic
    points: int
    bars: list[Bar]


@dataclass
class ManualPairing:
    """The manual pairing section for one link the person is a mentee on."""

    link: str
    paired: bool
    suggestions: list[SuggestionRow] = field(default_factory=list)
    problem: str | None = None


def _skills(session: Session, person_id: int) -> list[SkillRow]:
    held = {s.skill_id: s for s in people.person_skills(session, person_id)}
    history = skill_levels.history_rows(session, person_id)
    targets = person_pairings.skill_targets(session, person_id)
    ids = set(held) | {h.skill_id for h in history}
    names = dict(session.exec(select(Skill.id, Skill.name).where(col(Skill.id).in_(ids))).all())
    rows = []
    for skill_id in sorted(ids, key=lambda i: (i not in held, names.get(i, ""), i)):
        skill = held.get(skill_id)
        goal = targets.get(skill_id)
        rows.append(
            SkillRow(
                name=names.get(skill_id, "—"),
                level=skill.level if skill else None,
                target=goal.target_level if goal else (skill.target_level if skill else None),
                target_due=goal.due_date if goal else None,
                from_goal=goal is not None,
                history=[
                    LevelChange(
                        day=h.effective_date,
                        from_level=h.from_level,
                        to_level=h.to_level,
                        reason=h.reason,
                        by=h.actor_name,
                    )
                    for h in history
                    if h.skill_id == skill_id
                ],
            )
        )
    return rows


def _manual_pairing(session: Session, _: Gettext, person: Person) -> list[ManualPairing]:
    """For the person's link as mentee: paired already, or the top suggestions."""
    found = []
    weights = weights_in_force(session)
    for link in Link:
        if person.tier != link.mentee_tier:
            continue
        section = ManualPairing(link=link.value, paired=False)
        try:
            suggested = run_views.mentor_suggestions(
                session, person_id=person.id, link=link, k=SUGGESTIONS
            )
        except RuleViolation as error:
            section.paired = error.rule == "already_paired"
            section.problem = None if section.paired else label(_, "rule", error.rule)
            found.append(section)
            continue
        mentors = people_by_id(session, [s.mentor_id for s in suggested])
        section.suggestions = [
            SuggestionRow(
                mentor=mentors[s.mentor_id],
                points=round(s.score * 100),
                bars=feature_bars(_, s.breakdown, weights),
            )
            for s in suggested
            if s.mentor_id in mentors
        ]
        found.append(section)
    return found


def _person_page(
    request: Request,
    session: Session,
    user: User,
    person_id: int,
    *,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    _ = gettext_for(request)
    person = people.get_person(session, person_id)
    units = UnitNames.load(session, page_language(request))
    today = local_today()
    planner = user.role in (Role.admin, Role.planner)
    context: dict[str, Any] = {
        "person": PersonPublic.model_validate(person),
        "units": units,
        "age": full_years(person.birth_date, today),
        "service": full_years(person.hire_date, today),
        "skills": _skills(session, person_id),
        "planner": planner,
        "errors": errors or {},
        "typed": typed or {},
        "today": today,
    }
    if planner:
        mine = person_pairings.pairings_of(session, person_id)
        chain = person_pairings.chain_of(session, person_id)
        declared = conflicts.list_conflicts(session, person_id=person_id, limit=CONFLICTS_SHOWN)
        ids = {p.mentor_id for p in mine.as_mentee} | {p.mentee_id for p in mine.as_mentor}
        ids |= chain.person_ids
        ids |= {c.person_a for c in declared} | {c.person_b for c in declared}
        context.update(
            {
                "as_mentee": [PairingPublic.model_validate(p) for p in mine.as_mentee],
                "as_mentor": [PairingPublic.model_validate(p) for p in mine.as_mentor],
                "chain": chain,
                "conflicts": declared,
                "manual": _manual_pairing(session, _, person),
                "people": people_by_id(session, ids),
                "choices": _person_choices(session, units, person_id),
            }
        )
    return render(request, "person.html", user, context, status_code=status_code)


@router.get("/people/{person_id}", name="web.person")
def person_page(
    person_id: PathId, request: Request, session: SessionDep, user: RosterPage
) -> Response:
    """The person's profile, skills, pairings, chain, conflicts and manual pairing."""
    return _person_page(request, session, user, person_id)


def _back(request: Request, person_id: int) -> RedirectResponse:
    """Back to the top of the page, where the flash says what happened (post/redirect/get)."""
    path = request.app.url_path_for("web.person", person_id=person_id)
    return RedirectResponse(str(path), status_code=303)


# --- the profile ------------------------------------------------------------------------------
def _day(_: Gettext, raw: str, name: str, errors: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = _("请输入有效日期，如 2026-01-31")
        return None


def profile_body(
    _: Gettext, form: FormData, today: date
) -> tuple[dict[str, str], PersonUpdate | None, dict[str, str]]:
    """(what was typed, the update, {}) or (typed, None, a message per wrong field)."""
    typed = {
        name: text(form, name, keep=TEXT_MAX.get(name, 64) + 100).strip() for name in PROFILE_FIELDS
    }
    errors: dict[str, str] = {}
    if not typed["name"]:
        errors["name"] = _("请填写姓名")
    for name, most in TEXT_MAX.items():
        if len(typed[name]) > most:
            errors[name] = _("最多 %(n)s 个字", n=most)
        if "\x00" in typed[name]:
            errors[name] = _("请检查此项")
    if typed["gender"] not in ("", "male", "female"):
        errors["gender"] = _("请选择列表中的性别")
    birth = _day(_, typed["birth_date"], "birth_date", errors)
    hire = _day(_, typed["hire_date"], "hire_date", errors)
    for name, day in (("birth_date", birth), ("hire_date", hire)):
        if day is not None and day > today:
            errors[name] = _("日期不能晚于今天")
    if birth and hire and hire <= birth and "hire_date" not in errors:
        errors["hire_date"] = _("参加工作日期须晚于出生日期")
    capacity = None
    if not typed["mentor_capacity"].isdigit() or not 0 <= int(typed["mentor_capacity"]) <= 50:
        errors["mentor_capacity"] = _("带教名额须是 0 到 50 之间的整数")
    else:
        capacity = int(typed["mentor_capacity"])
    if errors:
        return typed, None, errors
    try:
        body = PersonUpdate(
            name=typed["name"],
            position=typed["position"] or None,
            gender=Gender(typed["gender"]) if typed["gender"] else None,
            birth_date=birth,
            hire_date=hire,
            mentor_capacity=capacity,
            expertise=typed["expertise"] or None,
            goals=typed["goals"] or None,
        )
    except ValidationError as error:
        for problem in error.errors():
            head = str(problem["loc"][0]) if problem["loc"] else "name"
            errors.setdefault(head if head in PROFILE_FIELDS else "name", _("请检查此项"))
        return typed, None, errors
    return typed, body, {}


@router.post("/people/{person_id}/profile", name="web.person_update")
def person_update(
    person_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Save the profile through the roster service (audited as ``person.update``)."""
    _ = gettext_for(request)
    people.get_person(session, person_id)
    typed, body, errors = profile_body(_, data, local_today())
    if body is not None:
        try:
            saved = people.update_person(
                session, person_id=person_id, body=body, actor=actor_of(user)
            )
        except InvalidInput as error:
            session.rollback()
            name = error.field.split(".")[0]
            errors = {name if name in PROFILE_FIELDS else "name": error.message}
        else:
            flash(request, _("已保存：%(name)s 的基本信息。", name=saved.name), "success")
            return _back(request, person_id)
    return _person_page(
        request, session, user, person_id, errors=errors, typed=typed, status_code=422
    )


# --- conflicts of interest ---------------------------------------------------------------------
@dataclass(frozen=True)
class PersonChoice:
    """A person to pick by name: the name with the unit, which tells namesakes apart."""

    person_id: int
    label: str


def _person_choices(session: Session, units: UnitNames, person_id: int) -> list[PersonChoice]:
    rows = session.exec(
        select(Person.id, Person.name, Person.unit_id)
        .where(Person.id != person_id)
        .order_by(col(Person.name), col(Person.id))
    ).all()
    return [PersonChoice(pid, f"{name}（{units.full(unit_id)}）") for pid, name, unit_id in rows]


def _pick_person(
    _: Gettext, typed: str, choices: list[PersonChoice]
) -> tuple[int | None, str | None]:
    """The person named by ``typed`` (a name with the unit, or a name nobody else bears)."""
    if not typed:
        return None, _("请填写对方姓名并从列表中选择")
    exact = [c for c in choices if c.label == typed]
    if len(exact) == 1:
        return exact[0].person_id, None
    named = [c for c in choices if c.label.split("（", 1)[0] == typed]
    if len(named) == 1:
        return named[0].person_id, None
    if len(named) > 1:
        return None, _("有 %(n)s 位同名人员，请从列表中选择带单位的姓名", n=len(named))
    return None, _("花名册中没有这个人，请从列表中选择")


@router.post("/people/{person_id}/conflicts", name="web.person_conflict_declare")
def conflict_declare(
    person_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Declare a conflict of interest between this person and another, with the reason."""
    _ = gettext_for(request)
    person = people.get_person(session, person_id)
    units = UnitNames.load(session, page_language(request))
    typed = {
        "other": text(data, "other", 200).strip(),
        "conflict_reason": text(data, "reason", 600).strip(),
    }
    errors: dict[str, str] = {}
    other_id, problem = _pick_person(_, typed["other"], _person_choices(session, units, person_id))
    if problem:
        errors["other"] = problem
    if not typed["conflict_reason"]:
        errors["conflict_reason"] = _("请填写申报理由")
    elif len(typed["conflict_reason"]) > conflicts.REASON_MAX:
        errors["conflict_reason"] = _("最多 %(n)s 个字", n=conflicts.REASON_MAX)
    if not errors and other_id is not None:
        try:
            conflicts.create_conflict(
                session,
                body=ConflictCreate(
                    person_a=person_id, person_b=other_id, reason=typed["conflict_reason"]
                ),
                actor=actor_of(user),
            )
        except RuleViolation:
            session.rollback()
            errors["other"] = _("二人之间已申报过利益冲突")
        else:
            other = people.get_person(session, other_id)
            flash(
                request,
                _("已申报利益冲突：%(a)s—%(b)s。", a=person.name, b=other.name),
                "success",
            )
            return _back(request, person_id)
    status = 409 if "other" in errors and other_id is not None else 422
    return _person_page(
        request, session, user, person_id, errors=errors, typed=typed, status_code=status
    )


@router.post(
    "/people/{person_id}/conflicts/{conflict_id}/withdraw", name="web.person_conflict_withdraw"
)
def conflict_withdraw(
    person_id: PathId,
    conflict_id: PathId,
    request: Request,
    session: SessionDep,
    user: PlannerPage,
    data: CheckedForm,
) -> Response:
    """Withdraw a declared conflict, with the reason (the audit log keeps both)."""
    _ = gettext_for(request)
    person = people.get_person(session, person_id)
    declared = conflicts.list_conflicts(session, person_id=person_id, limit=CONFLICTS_SHOWN)
    conflict = next((c for c in declared if c.id == conflict_id), None)
    if conflict is None:
        raise NotFound("conflict", conflict_id)
    reason = text(data, "reason", 600).strip()
    key = f"withdraw-{conflict_id}"
    if not reason or len(reason) > conflicts.REASON_MAX:
        message = (
            _("请填写撤回理由") if not reason else _("最多 %(n)s 个字", n=conflicts.REASON_MAX)
        )
        return _person_page(
            request,
            session,
            user,
            person_id,
            errors={key: message},
            typed={key: reason},
            status_code=422,
        )
    conflicts.withdraw_conflict(
        session, conflict_id=conflict_id, reason=reason, actor=actor_of(user)
    )
    other_id = conflict.person_b if conflict.person_a == person_id else conflict.person_a
    other = people_by_id(session, [other_id]).get(other_id)
    flash(
        request,
        _("已撤回利益冲突：%(a)s—%(b)s。", a=person.name, b=other.name if other else "—"),
        "success",
    )
    return _back(request, person_id)


# --- manual pairing ----------------------------------------------------------------------------
@router.post("/people/{person_id}/pair", name="web.person_pair")
def person_pair(
    person_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Pair this mentee with a suggested mentor by hand, under every hard rule."""
    _ = gettext_for(request)
    mentee = people.get_person(session, person_id)
    raw = text(data, "mentor", 20)
    mentor = session.get(Person, int(raw)) if raw.isdigit() and int(raw) < 2**31 else None
    if mentor is None:
        flash(request, _("请从建议名单中选择导师"), "error")
        return _back(request, person_id)
    try:
        proposals.pair_by_hand(
            session, mentor_id=mentor.id, mentee_id=person_id, actor=actor_of(user)
        )
    except (RuleViolation, InvalidInput) as error:
        session.rollback()
        why = label(_, "rule", error.rule) if isinstance(error, RuleViolation) else error.message
        flash(
            request,
            _(
                "未能结对：%(mentor)s—%(mentee)s。%(why)s",
                mentor=mentor.name,
                mentee=mentee.name,
                why=why,
            ),
            "error",
        )
        return _back(request, person_id)
    flash(
        request,
        _("已结对：%(mentor)s—%(mentee)s", mentor=mentor.name, mentee=mentee.name),
        "success",
    )
    return _back(request, person_id)
