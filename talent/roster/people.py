"""People of the roster: creating, editing, listing, and a person with their skills."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from models import (
    DEFAULT_CAPACITY_BY_TIER,
    Person,
    PersonSkill,
    Skill,
    Unit,
    User,
    utcnow,
)
from models.schemas import (
    PersonCreate,
    PersonDetail,
    PersonPublic,
    PersonSkillIn,
    PersonSkillPublic,
    PersonUpdate,
)
from talent import audit
from talent.audit import Actor
from talent.db import get_row
from talent.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from talent.roster import skill_levels
from talent.roster.access import may_read_person
from talent.roster.units import unit_and_descendants


def get_person(session: Session, person_id: int) -> Person:
    return get_row(session, Person, person_id, "person")


def _check_unit(session: Session, unit_id: int) -> None:
    if session.get(Unit, unit_id) is None:
        raise NotFound("unit", unit_id)


def _check_staff_no_free(session: Session, staff_no: str, person_id: int | None = None) -> None:
    other = session.exec(select(Person).where(Person.staff_no == staff_no)).first()
    if other is not None and other.id != person_id:
        raise RuleViolation(
            "duplicate_staff_no", f"staff_no '{staff_no}' is already used", staff_no=staff_no
        )


def create_person(session: Session, *, body: PersonCreate, actor: Actor) -> Person:
    _check_unit(session, body.unit_id)
    _check_staff_no_free(session, body.staff_no)
    values = body.model_dump(exclude_none=True)
    values.setdefault("mentor_capacity", DEFAULT_CAPACITY_BY_TIER[body.tier])
    person = Person(**values)
    audit.saved(session, person, actor=actor, action="person.create", entity="person")
    session.commit()
    session.refresh(person)
    return person


def update_person(session: Session, *, person_id: int, body: PersonUpdate, actor: Actor) -> Person:
    person = get_person(session, person_id)
    changes = body.model_dump(exclude_unset=True)
    for field in (
        "staff_no",
        "name",
        "unit_id",
        "tier",
        "mentor_capacity",
        "active",
        "is_business_leader",
        "is_expert_judge",
    ):
        if field in changes and changes[field] is None:
            raise InvalidInput(field, f"{field} cannot be null")
    if "unit_id" in changes:
        _check_unit(session, changes["unit_id"])
    if "staff_no" in changes:
        _check_staff_no_free(session, changes["staff_no"], person_id)
    birth = changes.get("birth_date", person.birth_date)
    hire = changes.get("hire_date", person.hire_date)
    if birth and hire and hire <= birth:
        raise InvalidInput("hire_date", "hire_date must be after birth_date")
    before = person.model_dump()
    for field, value in changes.items():
        setattr(person, field, value)
    person.updated_at = utcnow()
    audit.saved(
        session, person, actor=actor, action="person.update", entity="person", before=before
    )
    session.commit()
    session.refresh(person)
    return person


SORT_KEYS = ("name", "unit", "tier", "age", "service")
"""Roster orders: name, unit name, tier, age (from birth_date), years of service (hire_date)."""
ORDERS = ("asc", "desc")


def _sort_columns(key: str, order: str) -> list[Any]:
    """ORDER BY terms for ``key``: unknown dates last either way, ties broken by id.

    Age and years of service run opposite to the dates they come from: the youngest
    (the latest birth date) comes first in ascending age.
    """
    descending = order == "desc"
    dates: dict[str, Any] = {"age": col(Person.birth_date), "service": col(Person.hire_date)}
    if key in dates:
        day = dates[key]
        # A later date is a smaller age: ascending age is descending date.
        return [day.is_(None), day.asc() if descending else day.desc(), col(Person.id)]
    field: Any = {"name": col(Person.name), "tier": col(Person.tier), "unit": col(Unit.name)}[key]
    return [field.desc() if descending else field.asc(), col(Person.id)]


def check_sort(sort: str | None, order: str | None) -> tuple[str | None, str]:
    """The sort key and order, or InvalidInput naming ``sort`` or ``order``."""
    if sort is not None and sort not in SORT_KEYS:
        raise InvalidInput("sort", f"unknown sort key '{sort}' (one of {', '.join(SORT_KEYS)})")
    if order is not None and order not in ORDERS:
        raise InvalidInput("order", "order is asc or desc")
    return sort, order or "asc"


def list_people(
    session: Session,
    *,
    unit_id: int | None = None,
    tier: int | None = None,
    q: str | None = None,
    active: bool | None = None,
    sort: str | None = None,
    order: str | None = None,
    limit: int = 50,
    offset: int = 0,
    subordinate_courts: bool = False,
) -> list[Person]:
    """People filtered by unit (its departments, and with ``subordinate_courts`` the courts
    under it), tier, active and a name/staff_no search.

    ``sort`` is one of :data:`SORT_KEYS` (``order`` asc or desc); none keeps id order.
    Raises InvalidInput naming ``sort`` or ``order`` for anything else.
    """
    sort, order = check_sort(sort, order)
    conditions = _list_conditions(session, unit_id, tier, q, active, subordinate_courts)
    query = select(Person).where(*conditions)
    if sort == "unit":
        query = query.join(Unit, col(Unit.id) == Person.unit_id)
    terms = _sort_columns(sort, order) if sort else [col(Person.id)]
    query = query.order_by(*terms).offset(offset).limit(limit)
    return list(session.exec(query).all())


def count_people(
    session: Session,
    *,
    unit_id: int | None = None,
    tier: int | None = None,
    q: str | None = None,
    active: bool | None = None,
    subordinate_courts: bool = False,
) -> int:
    """How many people :func:`list_people` would list with these filters, over all pages."""
    query = (
        select(func.count())
        .select_from(Person)
        .where(*_list_conditions(session, unit_id, tier, q, active, subordinate_courts))
    )
    return int(session.exec(query).one())


def _list_conditions(
    session: Session,
    unit_id: int | None,
    tier: int | None,
    q: str | None,
    active: bool | None,
    subordinate_courts: bool = False,
) -> list[ColumnElement[bool]]:
    conditions = people_filter(session, unit_id=unit_id, q=q, subordinate_courts=subordinate_courts)
    if tier is not None:
        conditions.append(col(Person.tier) == tier)
    if active is not None:
        conditions.append(col(Person.active) == active)
    return conditions


def people_filter(
    session: Session,
    *,
    unit_id: int | None = None,
    q: str | None = None,
    subordinate_courts: bool = False,
) -> list[ColumnElement[bool]]:
    """Conditions on ``Person``: in a unit's scope, name or staff_no containing ``q``.

    The scope is the unit and its departments, and with ``subordinate_courts`` the courts
    under it (:func:`talent.roster.units.unit_and_descendants`).

    Shared by the roster and by the pairing lists, which ask for the people of a pairing.
    """
    conditions: list[ColumnElement[bool]] = []
    if unit_id is not None:
        scope = unit_and_descendants(session, unit_id, subordinate_courts=subordinate_courts)
        conditions.append(col(Person.unit_id).in_(scope))
    if q and q.strip():
        pattern = f"%{q.strip()}%"
        conditions.append(or_(col(Person.name).like(pattern), col(Person.staff_no).like(pattern)))
    return conditions


def person_skills(session: Session, person_id: int) -> list[PersonSkillPublic]:
    rows = session.exec(
        select(PersonSkill, Skill)
        .join(Skill, col(Skill.id) == PersonSkill.skill_id)
        .where(PersonSkill.person_id == person_id)
        .order_by(Skill.code)
    ).all()
    return [
        PersonSkillPublic(
            skill_id=skill.id,
            skill_code=skill.code,
            skill_name=skill.name,
            level=held.level,
            target_level=held.target_level,
        )
        for held, skill in rows
    ]


def person_detail(session: Session, *, person_id: int, user: User) -> PersonDetail:
    person = get_person(session, person_id)
    if not may_read_person(session, user=user, person_id=person_id):
        raise Forbidden("a mentor may read only their own record and their own mentees")
    return PersonDetail(
        **PersonPublic.model_validate(person).model_dump(), skills=person_skills(session, person_id)
    )


def replace_skills(
    session: Session, *, person_id: int, skills: list[PersonSkillIn], actor: Actor
) -> list[PersonSkillPublic]:
    """Replace a person's skills with ``skills`` (the PUT semantics)."""
    get_person(session, person_id)
    codes = [s.skill_code for s in skills]
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            raise InvalidInput(f"[{index}].skill_code", f"skill '{code}' is listed twice")
        seen.add(code)
    known = {s.code: s for s in session.exec(select(Skill).where(col(Skill.code).in_(codes))).all()}
    for index, code in enumerate(codes):
        if code not in known:
            raise InvalidInput(f"[{index}].skill_code", f"unknown skill '{code}'")
    before = [s.model_dump() for s in person_skills(session, person_id)]
    for held in session.exec(select(PersonSkill).where(PersonSkill.person_id == person_id)).all():
        session.delete(held)
    session.flush()
    for item in skills:
        session.add(
            PersonSkill(
                person_id=person_id,
                skill_id=known[item.skill_code].id,
                level=item.level,
                target_level=item.target_level,
            )
        )
    session.flush()
    after = person_skills(session, person_id)
    skill_levels.record_level_diff(
        session,
        person_id=person_id,
        actor=actor,
        before={s["skill_id"]: s["level"] for s in before},
        after={s.skill_id: s.level for s in after},
    )
    audit.record(
        session,
        actor=actor,
        action="person.skills",
        entity="person",
        entity_id=person_id,
        before={"skills": before},
        after={"skills": [s.model_dump() for s in after]},
    )
    session.commit()
    return after
