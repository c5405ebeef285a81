"""The skills graph: a drawing payload, skill coverage with risk flags, mentoring chains."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PlannerUser, SessionDep
from talent.services import skills_graph

router = APIRouter(tags=["graph"])


@router.get("/graph")
def graph(session: SessionDep, _user: PlannerUser, unit_id: int | None = None) -> dict:
    return skills_graph.graph_payload(session, unit_id=unit_id)


@router.get("/graph/skill-coverage")
def skill_coverage(
    session: SessionDep, _user: PlannerUser, unit_id: int | None = None
) -> list[dict]:
    return skills_graph.skill_coverage(session, unit_id=unit_id)


@router.get("/graph/chains")
def chains(session: SessionDep, _user: PlannerUser, unit_id: int | None = None) -> list[dict]:
    return skills_graph.chain_stats(session, unit_id=unit_id)


@router.get("/people/{person_id}/mentoring-tree")
def mentoring_tree(person_id: int, session: SessionDep, _user: PlannerUser) -> dict:
    return skills_graph.mentoring_tree(session, person_id=person_id)
