"""The skills graph: a drawing payload, skill coverage with risk flags, mentoring chains."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import PlannerUser, QueryId, SessionDep
from models.graph_schemas import (
    GraphPublic,
    MentoringTree,
    SkillCoverage,
    UnitChainStats,
    UnitSkillCoverage,
)
from talent.matching import skills_graph

router = APIRouter(tags=["graph"])


SubordinateCourts = Annotated[
    bool,
    Query(
        description="With `unit_id`: a court is that court and its departments; true adds "
        "the courts under it and their departments"
    ),
]


@router.get("/graph")
def graph(
    session: SessionDep,
    _user: PlannerUser,
    unit_id: QueryId | None = None,
    include_subordinate_courts: SubordinateCourts = False,
) -> GraphPublic:
    return skills_graph.graph_payload(
        session, unit_id=unit_id, subordinate_courts=include_subordinate_courts
    )


@router.get("/graph/skill-coverage")
def skill_coverage(
    session: SessionDep,
    _user: PlannerUser,
    unit_id: QueryId | None = None,
    include_subordinate_courts: SubordinateCourts = False,
    per: Literal["unit", "skill"] = Query(
        "unit",
        description="`unit`: one row per unit and skill in use there; `skill`: one roll-up "
        "row per skill over the whole scope, with the units where it is at risk",
    ),
) -> list[UnitSkillCoverage] | list[SkillCoverage]:
    coverage = (
        skills_graph.skill_coverage_by_skill if per == "skill" else skills_graph.skill_coverage
    )
    return coverage(session, unit_id=unit_id, subordinate_courts=include_subordinate_courts)


@router.get("/graph/chains")
def chains(
    session: SessionDep,
    _user: PlannerUser,
    unit_id: QueryId | None = None,
    include_subordinate_courts: SubordinateCourts = False,
) -> list[UnitChainStats]:
    return skills_graph.chain_stats(
        session, unit_id=unit_id, subordinate_courts=include_subordinate_courts
    )


@router.get("/people/{person_id}/mentoring-tree")
def mentoring_tree(person_id: int, session: SessionDep, _user: PlannerUser) -> MentoringTree:
    return skills_graph.mentoring_tree(session, person_id=person_id)
