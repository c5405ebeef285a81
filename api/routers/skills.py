"""Skills and the relations between them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnyUser, PlannerUser, SessionDep, actor_of
from models.schemas import SkillCreate, SkillPublic, SkillRelationCreate, SkillRelationPublic
from talent.roster import skills

router = APIRouter(tags=["skills"])


@router.post("/skills", status_code=201)
def create_skill(body: SkillCreate, session: SessionDep, user: PlannerUser) -> SkillPublic:
    return skills.create_skill(session, body=body, actor=actor_of(user))


@router.get("/skills")
def list_skills(session: SessionDep, _user: AnyUser) -> list[SkillPublic]:
    return skills.list_skills(session)


@router.post("/skills/relations", status_code=201)
def create_relation(
    body: SkillRelationCreate, session: SessionDep, user: PlannerUser
) -> SkillRelationPublic:
    return skills.create_relation(session, body=body, actor=actor_of(user))


@router.get("/skills/relations")
def list_relations(session: SessionDep, _user: AnyUser) -> list[SkillRelationPublic]:
    return skills.list_relations(session)
