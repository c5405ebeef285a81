"""Units (the court tree)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnyUser, PlannerUser, SessionDep, actor_of
from models.schemas import UnitCreate, UnitPublic
from talent.roster import units as org

router = APIRouter(tags=["units"])


@router.post("/units", status_code=201)
def create_unit(body: UnitCreate, session: SessionDep, user: PlannerUser) -> UnitPublic:
    return UnitPublic.model_validate(org.create_unit(session, body=body, actor=actor_of(user)))


@router.get("/units")
def list_units(session: SessionDep, _user: AnyUser) -> list[UnitPublic]:
    return [UnitPublic.model_validate(u) for u in org.list_units(session)]
