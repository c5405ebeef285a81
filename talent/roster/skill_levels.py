"""A person's skill-level history: every change of a level, who made it, when and why.

Every change of a person's skill level is kept as a ``SkillLevelChange`` (who, when,
from, to, why). ``record_skill_change`` is the one writer: the roster's
``PUT /people/{id}/skills`` (``talent.roster.people.replace_skills``) and a mentor's or
planner's assessment (``talent.mentoring.goals.set_skill_level``) both call it. Goals read
their progress from this history (:func:`level_on`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session, col, select

from models import Person, Skill, User
from models.mentoring import SkillLevelChange
from models.mentoring_schemas import SkillLevelChangePublic
from talent import audit, clock
from talent.audit import Actor
from talent.errors import Forbidden, NotFound
from talent.roster.access import may_read_person
from talent.roster.skills import skill_id_for


def level_on(changes: Sequence[SkillLevelChange], current: int | None, day: date) -> int | None:
    """A person's level in one skill at the end of ``day``, from that skill's history.

    ``changes`` are in (effective_date, id) order. The level is the ``to_level`` of the
    last change in effect by ``day``; before the first change it is that change's
    ``from_level``; with no history at all it is ``current``.
    """
    level = changes[0].from_level if changes else current
    for change in changes:
        if change.effective_date > day:
            break
        level = change.to_level
    return level


def record_skill_change(
    session: Session,
    *,
    person_id: int,
    skill_id: int,
    from_level: int | None,
    to_level: int | None,
    actor: Actor,
    reason: str | None = None,
    source: str = "roster",
    effective_date: date | None = None,
) -> SkillLevelChange | None:
    """Append one change to the history and the audit log, in the caller's transaction.

    Returns None (and writes nothing) when the level did not change. ``source`` says
    which door it came through: ``roster`` (PUT /people/{id}/skills), ``assessment``.
    """
    if from_level == to_level:
        return None
    change = SkillLevelChange(
        person_id=person_id,
        skill_id=skill_id,
        from_level=from_level,
        to_level=to_level,
        reason=reason,
        source=source,
        effective_date=effective_date or clock.today(),
        changed_by=actor.id,
        actor_name=actor.name,
    )
    session.add(change)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="skill_level.change",
        entity="person",
        entity_id=person_id,
        after=change,
    )
    return change


def record_level_diff(
    session: Session,
    *,
    person_id: int,
    before: Mapping[int, int],
    after: Mapping[int, int],
    actor: Actor,
    reason: str | None = None,
    source: str = "roster",
) -> list[SkillLevelChange]:
    """Record each skill whose level differs between ``before`` and ``after`` (id -> level)."""
    changes = [
        record_skill_change(
            session,
            person_id=person_id,
            skill_id=skill_id,
            from_level=before.get(skill_id),
            to_level=after.get(skill_id),
            actor=actor,
            reason=reason,
            source=source,
        )
        for skill_id in sorted(set(before) | set(after))
    ]
    return [c for c in changes if c is not None]


def history_public(
    session: Session, rows: Sequence[SkillLevelChange]
) -> list[SkillLevelChangePublic]:
    codes = dict(
        session.exec(
            select(Skill.id, Skill.code).where(col(Skill.id).in_({r.skill_id for r in rows}))
        ).all()
    )
    return [SkillLevelChangePublic(**r.model_dump(), skill_code=codes[r.skill_id]) for r in rows]


def history_rows(
    session: Session, person_id: int, skill_id: int | None = None
) -> list[SkillLevelChange]:
    query = select(SkillLevelChange).where(SkillLevelChange.person_id == person_id)
    if skill_id is not None:
        query = query.where(SkillLevelChange.skill_id == skill_id)
    return list(
        session.exec(
            query.order_by(col(SkillLevelChange.effective_date), col(SkillLevelChange.id))
        ).all()
    )


def skill_history(
    session: Session, *, person_id: int, user: User, skill_code: str | None = None
) -> list[SkillLevelChangePublic]:
    """A person's skill-level history, oldest first; a mentor reads self and own mentees."""
    if session.get(Person, person_id) is None:
        raise NotFound("person", person_id)
    if not may_read_person(session, user=user, person_id=person_id):
        raise Forbidden("a mentor may read only their own record and their own mentees")
    skill_id = skill_id_for(session, skill_code) if skill_code else None
    return history_public(session, history_rows(session, person_id, skill_id))
