"""The skills graph from the database: drawing payload, chains, skill coverage."""

from __future__ import annotations

import networkx as nx
from sqlmodel import Session, select

from models import Pairing, Person, PersonSkill, Skill, SkillRelation, Unit
from models.graph_schemas import (
    GraphPublic,
    MentoringTree,
    SkillCoverage,
    UnitChainStats,
    UnitSkillCoverage,
)
from talent.errors import NotFound
from talent.matching import graph


def load_graph(session: Session) -> nx.MultiDiGraph:
    """Build the whole court system's graph (a few thousand nodes: cheap to rebuild per request)."""
    units = [
        graph.UnitRow(u.id, u.name, u.kind, u.parent_id) for u in session.exec(select(Unit)).all()
    ]
    people = [
        graph.PersonRow(*row)
        for row in session.exec(
            select(Person.id, Person.name, Person.unit_id, Person.tier, Person.active)  # type: ignore[call-overload]  # sqlmodel types select() for up to 4 columns (fastapi/sqlmodel#271)
        ).all()
    ]
    skills = [
        graph.SkillRow(s.id, s.code, s.name, s.parent_id) for s in session.exec(select(Skill)).all()
    ]
    holdings = [
        graph.HoldingRow(*row)
        for row in session.exec(
            select(
                PersonSkill.person_id,
                PersonSkill.skill_id,
                PersonSkill.level,
                PersonSkill.target_level,
            )
        ).all()
    ]
    relations = [
        graph.RelationRow(*row)
        for row in session.exec(
            select(SkillRelation.skill_a_id, SkillRelation.skill_b_id, SkillRelation.weight)
        ).all()
    ]
    pairings = [
        graph.PairingRow(*row)
        for row in session.exec(
            select(Pairing.mentor_id, Pairing.mentee_id, Pairing.link).where(
                Pairing.status == "active"
            )
        ).all()
    ]
    return graph.build_graph(units, people, skills, holdings, relations, pairings)


def _check_unit(session: Session, unit_id: int | None) -> None:
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise NotFound("unit", unit_id)


def graph_payload(
    session: Session, *, unit_id: int | None = None, subordinate_courts: bool = False
) -> GraphPublic:
    _check_unit(session, unit_id)
    return GraphPublic.model_validate(
        graph.graph_payload(
            load_graph(session), unit_id=unit_id, subordinate_courts=subordinate_courts
        )
    )


def skill_coverage(
    session: Session, *, unit_id: int | None = None, subordinate_courts: bool = False
) -> list[UnitSkillCoverage]:
    """Coverage rows per (unit, skill) in use there."""
    _check_unit(session, unit_id)
    rows = graph.skill_coverage(
        load_graph(session), unit_id=unit_id, subordinate_courts=subordinate_courts
    )
    return [UnitSkillCoverage.model_validate(row) for row in rows]


def skill_coverage_by_skill(
    session: Session, *, unit_id: int | None = None, subordinate_courts: bool = False
) -> list[SkillCoverage]:
    """One roll-up row per skill in use in the whole scope."""
    _check_unit(session, unit_id)
    rows = graph.skill_coverage_by_skill(
        load_graph(session), unit_id=unit_id, subordinate_courts=subordinate_courts
    )
    return [SkillCoverage.model_validate(row) for row in rows]


def chain_stats(
    session: Session, *, unit_id: int | None = None, subordinate_courts: bool = False
) -> list[UnitChainStats]:
    _check_unit(session, unit_id)
    rows = graph.chain_stats(
        load_graph(session), unit_id=unit_id, subordinate_courts=subordinate_courts
    )
    return [UnitChainStats.model_validate(row) for row in rows]


def mentoring_tree(session: Session, *, person_id: int) -> MentoringTree:
    if session.get(Person, person_id) is None:
        raise NotFound("person", person_id)
    return MentoringTree.model_validate(graph.mentoring_tree(load_graph(session), person_id))
