"""The roster: people, their skills, conflicts of interest."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import PersonReader, PlannerUser, QueryId, RosterReader, SessionDep, actor_of
from api.paging import Page
from models.schemas import (
    ConflictCreate,
    ConflictPublic,
    PersonCreate,
    PersonDetail,
    PersonPublic,
    PersonSkillIn,
    PersonSkillPublic,
    PersonUpdate,
)
from talent.roster import conflicts, people

router = APIRouter(tags=["people"])


@router.post("/people", status_code=201)
def create_person(body: PersonCreate, session: SessionDep, user: PlannerUser) -> PersonPublic:
    return PersonPublic.model_validate(
        people.create_person(session, body=body, actor=actor_of(user))
    )


@router.get("/people")
def list_people(
    session: SessionDep,
    _user: RosterReader,
    page: Page,
    unit_id: QueryId | None = None,
    include_subordinate_courts: Annotated[
        bool, Query(description="With `unit_id` a court: also the courts under it")
    ] = False,
    tier: Annotated[int | None, Query(ge=1, le=3)] = None,
    q: Annotated[str | None, Query(max_length=64)] = None,
    active: bool | None = None,
    sort: Annotated[Literal["name", "unit", "tier", "age", "service"] | None, Query()] = None,
    order: Literal["asc", "desc"] = "asc",
) -> list[PersonPublic]:
    """People a page at a time; ``sort`` by name, unit, tier, age or service (years), ``order``."""
    found = people.list_people(
        session,
        unit_id=unit_id,
        subordinate_courts=include_subordinate_courts,
        tier=tier,
        q=q,
        active=active,
        sort=sort,
        order=order,
        limit=page.limit,
        offset=page.offset,
    )
    return [PersonPublic.model_validate(p) for p in found]


@router.get("/people/{person_id}")
def get_person(person_id: int, session: SessionDep, user: PersonReader) -> PersonDetail:
    return people.person_detail(session, person_id=person_id, user=user)


@router.patch("/people/{person_id}")
def update_person(
    person_id: int, body: PersonUpdate, session: SessionDep, user: PlannerUser
) -> PersonPublic:
    updated = people.update_person(session, person_id=person_id, body=body, actor=actor_of(user))
    return PersonPublic.model_validate(updated)


@router.put("/people/{person_id}/skills")
def put_skills(
    person_id: int, body: list[PersonSkillIn], session: SessionDep, user: PlannerUser
) -> list[PersonSkillPublic]:
    return people.replace_skills(session, person_id=person_id, skills=body, actor=actor_of(user))


@router.post("/conflicts", status_code=201)
def create_conflict(body: ConflictCreate, session: SessionDep, user: PlannerUser) -> ConflictPublic:
    return conflicts.create_conflict(session, body=body, actor=actor_of(user))


@router.get("/conflicts")
def list_conflicts(
    session: SessionDep, _user: PlannerUser, page: Page, person_id: int | None = None
) -> list[ConflictPublic]:
    return conflicts.list_conflicts(
        session, person_id=person_id, limit=page.limit, offset=page.offset
    )
