"""Development goals of a pairing, and assessed skill levels (by a planner or the mentor).

The skill-level history that progress is read from lives in ``talent.roster.skill_levels``;
``set_skill_level`` (an assessment) writes to it through ``record_skill_change``.

Notes
-----
A skill goal stores the mentee's level when it was set (``baseline``, 0 when the skill
was not held). Its progress at a level ``L`` is::

    progress = clip((L - baseline) / (target - baseline), 0, 1)

(1 when ``L >= target``). The level on a past day ``d`` is read from the history by
:func:`level_on`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from models import Pairing, Person, PersonSkill, Role, Skill, User, utcnow
from models.mentoring import PairingGoal
from models.mentoring_schemas import (
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    SkillLevelChangePublic,
    SkillLevelSet,
)
from talent import audit, clock
from talent.audit import Actor
from talent.db import get_row, write_lock
from talent.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from talent.mentoring.access import ADMIN, MENTOR, PLANNER, READERS, pairing_as
from talent.roster.skill_levels import history_public, history_rows, record_skill_change
from talent.roster.skills import skill_id_for

GOAL_SETTERS = frozenset({ADMIN, PLANNER, MENTOR})


# --- pure progress arithmetic ----------------------------------------------------------------
def goal_progress(baseline: int | None, target: int, level: int | None) -> float:
    """Share of the way from ``baseline`` to ``target`` that ``level`` has come, in [0, 1].

    >>> goal_progress(1, 4, 3)
    0.6666666666666666
    >>> goal_progress(None, 2, None), goal_progress(3, 3, 3)
    (0.0, 1.0)
    """
    base, now = baseline or 0, level or 0
    if now >= target:
        return 1.0
    if target <= base:
        return 0.0
    return min(1.0, max(0.0, (now - base) / (target - base)))


# --- skill-level history ---------------------------------------------------------------------


def _mentors_now(session: Session, mentor_id: int, mentee_id: int) -> bool:
    return (
        session.exec(
            select(Pairing.id).where(
                Pairing.mentor_id == mentor_id,
                Pairing.mentee_id == mentee_id,
                Pairing.status == "active",
            )
        ).first()
        is not None
    )


def set_skill_level(
    session: Session, *, person_id: int, body: SkillLevelSet, user: User, actor: Actor
) -> SkillLevelChangePublic:
    """Record an assessed level: a planner for anyone, a mentor for their active mentees.

    The level holds from ``effective_date`` (default today), which may not come before the
    last recorded change of that skill (422), so the history stays in order.
    """
    if session.get(Person, person_id) is None:
        raise NotFound("person", person_id)
    if user.role == Role.mentor and not (
        user.person_id is not None and _mentors_now(session, user.person_id, person_id)
    ):
        raise Forbidden("a mentor may record skill levels of their active mentees only")
    skill_id = skill_id_for(session, body.skill_code)
    write_lock(session, f"person_skill:{person_id}")
    effective = body.effective_date or clock.today()
    history = history_rows(session, person_id, skill_id)
    if history and history[-1].effective_date > effective:
        raise InvalidInput(
            "effective_date",
            f"effective_date is before the last recorded change ({history[-1].effective_date})",
        )
    held = session.get(PersonSkill, (person_id, skill_id))
    if held is not None and held.level == body.level:
        raise RuleViolation("no_change", f"the person already holds level {body.level}")
    from_level = held.level if held else None
    held = held or PersonSkill(person_id=person_id, skill_id=skill_id, level=body.level)
    held.level = body.level
    held.updated_at = utcnow()
    session.add(held)
    change = record_skill_change(
        session,
        person_id=person_id,
        skill_id=skill_id,
        from_level=from_level,
        to_level=body.level,
        actor=actor,
        reason=body.reason,
        source="assessment",
        effective_date=effective,
    )
    assert change is not None  # the level differs: checked above
    public = history_public(session, [change])[0]
    _achieve_goals(session, person_id, skill_id, body.level, effective, actor)
    session.commit()
    return public


def _achieve_goals(
    session: Session, mentee_id: int, skill_id: int, level: int, day: date, actor: Actor
) -> list[PairingGoal]:
    """Mark ``achieved`` the mentee's open goals on the skill whose target ``level`` reaches.

    In the assessment's transaction, each audited (``goal.achieved``); the pairing can then
    set the next target on the same skill.
    """
    goals = session.exec(
        select(PairingGoal)
        .join(Pairing, col(Pairing.id) == PairingGoal.pairing_id)
        .where(
            Pairing.mentee_id == mentee_id,
            PairingGoal.skill_id == skill_id,
            PairingGoal.status == "open",
            col(PairingGoal.target_level) <= level,
        )
    ).all()
    for goal in goals:
        before = goal.model_dump()
        goal.status, goal.achieved_on, goal.achieved_by = "achieved", day, actor.id
        goal.updated_at = utcnow()
        audit.saved(
            session, goal, actor=actor, action="goal.achieved", entity="goal", before=before
        )
    return list(goals)


# --- goals -----------------------------------------------------------------------------------
def _goals_public(
    session: Session, pairing: Pairing, goals: Sequence[PairingGoal], today: date | None = None
) -> list[GoalPublic]:
    today = today or clock.today()
    skill_ids = {g.skill_id for g in goals if g.skill_id is not None}
    # Keyed by skill id, looked up by a goal's skill_id: None (a goal without a skill) finds none.
    skills: dict[int | None, Skill] = {
        s.id: s for s in session.exec(select(Skill).where(col(Skill.id).in_(skill_ids))).all()
    }
    levels: dict[int | None, int] = dict(
        session.exec(
            select(PersonSkill.skill_id, PersonSkill.level).where(
                PersonSkill.person_id == pairing.mentee_id, col(PersonSkill.skill_id).in_(skill_ids)
            )
        ).all()
    )
    history = history_rows(session, pairing.mentee_id)
    assessors = _account_names(session, {g.achieved_by for g in goals if g.achieved_by})
    found = []
    for goal in goals:
        skill = skills.get(goal.skill_id)
        since = [
            h
            for h in history
            if h.skill_id == goal.skill_id and h.effective_date >= goal.created_on
        ]
        level = levels.get(goal.skill_id) if skill else None
        achieved = achieved_on = progress = None
        if skill is not None and goal.target_level is not None:
            achieved = goal.status == "achieved" or (level or 0) >= goal.target_level
            progress = (
                1.0
                if goal.status == "achieved"
                else goal_progress(goal.baseline_level, goal.target_level, level)
            )
            achieved_on = goal.achieved_on or next(
                (h.effective_date for h in since if (h.to_level or 0) >= goal.target_level), None
            )
        found.append(
            GoalPublic(
                **goal.model_dump(
                    exclude={"skill_id", "created_at", "updated_at", "achieved_on", "achieved_by"}
                ),
                skill_code=skill.code if skill else None,
                skill_name=skill.name if skill else None,
                current_level=level,
                progress=progress,
                achieved=achieved,
                achieved_on=achieved_on,
                achieved_by_name=assessors.get(goal.achieved_by),
                past_due=goal.status == "open"
                and not achieved
                and goal.due_date is not None
                and goal.due_date < today,
                history=history_public(session, since) if since else [],
            )
        )
    return found


def _account_names(session: Session, user_ids: set[int]) -> dict[int | None, str]:
    """How a goal names who assessed it: the account's person, else its username."""
    if not user_ids:
        return {}
    rows = session.exec(
        select(User.id, User.username, Person.name)
        .join(Person, col(Person.id) == User.person_id, isouter=True)
        .where(col(User.id).in_(user_ids))
    ).all()
    return {user_id: name or username for user_id, username, name in rows}


def _check_goal_dates(pairing: Pairing, due_date: date | None) -> None:
    if due_date is not None and due_date < pairing.start_date:
        raise InvalidInput(
            "due_date", f"due date is before the pairing started ({pairing.start_date})"
        )


def create_goal(
    session: Session, *, pairing_id: int, body: GoalCreate, user: User, actor: Actor
) -> GoalPublic:
    """Set a goal on an active pairing (a planner or its mentor).

    A skill goal names ``skill_code`` and ``target_level`` above the mentee's level (422
    otherwise); 409 ``duplicate_goal`` when an open goal on that skill exists.
    """
    pairing = pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=GOAL_SETTERS, doing="set goals"
    )
    if pairing.status != "active":
        raise RuleViolation("pairing_not_active", f"pairing {pairing_id} is {pairing.status}")
    if body.skill_code is None and body.target_level is not None:
        raise InvalidInput("skill_code", "a target level needs a skill")
    if body.skill_code is None and body.description is None:
        raise InvalidInput(
            "description", "give a skill target (skill_code, target_level) or a description"
        )
    if body.skill_code is not None and body.target_level is None:
        raise InvalidInput("target_level", "a skill goal needs a target level")
    _check_goal_dates(pairing, body.due_date)
    skill_id = baseline = None
    if body.skill_code is not None:
        skill_id = skill_id_for(session, body.skill_code)
        _refuse_second_open_goal(session, pairing_id, skill_id, body.skill_code)
        held = session.get(PersonSkill, (pairing.mentee_id, skill_id))
        baseline = held.level if held else None
        if body.target_level is not None and (baseline or 0) >= body.target_level:
            raise InvalidInput(
                "target_level", f"the mentee already holds level {baseline} in '{body.skill_code}'"
            )
    goal = PairingGoal(
        pairing_id=pairing_id,
        skill_id=skill_id,
        target_level=body.target_level,
        baseline_level=baseline,
        description=body.description,
        due_date=body.due_date,
        set_by=user.id,
        created_on=clock.today(),
    )
    session.add(goal)
    session.flush()
    audit.record(
        session, actor=actor, action="goal.create", entity="goal", entity_id=goal.id, after=goal
    )
    session.commit()
    session.refresh(goal)
    return _goals_public(session, pairing, [goal])[0]


def _refuse_second_open_goal(
    session: Session, pairing_id: int, skill_id: int, skill_code: str, *, besides: int | None = None
) -> None:
    """409 ``duplicate_goal`` when the pairing already has an open goal on that skill."""
    write_lock(session, f"pairing_goals:{pairing_id}")
    query = select(PairingGoal.id).where(
        PairingGoal.pairing_id == pairing_id,
        PairingGoal.skill_id == skill_id,
        PairingGoal.status == "open",
    )
    if besides is not None:
        query = query.where(PairingGoal.id != besides)
    open_goal = session.exec(query).first()
    if open_goal is not None:
        raise RuleViolation(
            "duplicate_goal", f"goal {open_goal} on '{skill_code}' is still open", goal_id=open_goal
        )


def get_goal(session: Session, goal_id: int) -> PairingGoal:
    return get_row(session, PairingGoal, goal_id, "goal")


def update_goal(
    session: Session, *, goal_id: int, body: GoalUpdate, user: User, actor: Actor
) -> GoalPublic:
    """Change a goal's target, due date or description, or withdraw it (a planner or its mentor)."""
    goal = get_goal(session, goal_id)
    pairing = pairing_as(
        session, pairing_id=goal.pairing_id, user=user, allowed=GOAL_SETTERS, doing="change goals"
    )
    changes = body.model_dump(include=body.model_fields_set)
    if "status" in changes and changes["status"] is None:
        raise InvalidInput("status", "status cannot be null")
    if goal.skill_id is None and changes.get("target_level") is not None:
        raise InvalidInput("target_level", "this goal has no skill to set a level on")
    if goal.skill_id is not None and "target_level" in changes and changes["target_level"] is None:
        raise InvalidInput("target_level", "a skill goal needs a target level")
    if goal.skill_id is None and "description" in changes and changes["description"] is None:
        raise InvalidInput("description", "a goal without a skill needs a description")
    _check_goal_dates(pairing, changes.get("due_date"))
    if all(getattr(goal, k) == v for k, v in changes.items()):
        raise RuleViolation("no_change", f"the update changes nothing in goal {goal_id}")
    if changes.get("status") == "open" and goal.status != "open" and goal.skill_id is not None:
        skill = session.get(Skill, goal.skill_id)
        _refuse_second_open_goal(
            session,
            goal.pairing_id,
            goal.skill_id,
            skill.code if skill else str(goal.skill_id),
            besides=goal.id,
        )
    before = goal.model_dump()
    for field, value in changes.items():
        setattr(goal, field, value)
    goal.updated_at = utcnow()
    audit.saved(session, goal, actor=actor, action="goal.update", entity="goal", before=before)
    session.commit()
    session.refresh(goal)
    return _goals_public(session, pairing, [goal])[0]


def list_goals(session: Session, *, pairing_id: int, user: User) -> list[GoalPublic]:
    """A pairing's goals with their progress: open first, then by due date and id."""
    pairing = pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=READERS, doing="read goals"
    )
    return pairing_goals(session, pairing)


def pairing_goals(session: Session, pairing: Pairing) -> list[GoalPublic]:
    """Goals of ``pairing`` with progress (no access check: callers have done it)."""
    goals = session.exec(select(PairingGoal).where(PairingGoal.pairing_id == pairing.id)).all()
    ordered = sorted(
        goals, key=lambda g: (g.status != "open", g.due_date is None, g.due_date or date.min, g.id)
    )
    return _goals_public(session, pairing, ordered)
