"""The skill taxonomy and the weighted relations between skills."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from models import Skill, SkillRelation
from models.schemas import SkillCreate, SkillPublic, SkillRelationCreate, SkillRelationPublic
from talent import audit
from talent.audit import Actor
from talent.errors import InvalidInput, NotFound, RuleViolation


def skill_by_code(session: Session, code: str) -> Skill:
    skill = session.exec(select(Skill).where(Skill.code == code)).first()
    if skill is None:
        raise NotFound("skill", code)
    return skill


def create_skill(session: Session, *, body: SkillCreate, actor: Actor) -> SkillPublic:
    if session.exec(select(Skill).where(Skill.code == body.code)).first():
        raise RuleViolation("duplicate_skill_code", f"skill code '{body.code}' already exists")
    parent = skill_by_code(session, body.parent_code) if body.parent_code else None
    skill = Skill(
        code=body.code,
        name=body.name,
        name_en=body.name_en,
        category=body.category,
        parent_id=parent.id if parent else None,
    )
    session.add(skill)
    session.flush()
    audit.record(
        session, actor=actor, action="skill.create", entity="skill", entity_id=skill.id, after=skill
    )
    session.commit()
    session.refresh(skill)
    return SkillPublic(**skill.model_dump(), parent_code=parent.code if parent else None)


def list_skills(session: Session) -> list[SkillPublic]:
    skills = session.exec(select(Skill).order_by(col(Skill.id))).all()
    # Looked up by parent_id: a root skill's None finds no code.
    codes: dict[int | None, str] = {s.id: s.code for s in skills}
    return [SkillPublic(**s.model_dump(), parent_code=codes.get(s.parent_id)) for s in skills]


def create_relation(
    session: Session, *, body: SkillRelationCreate, actor: Actor
) -> SkillRelationPublic:
    if body.a == body.b:
        raise RuleViolation("self_relation", "a skill cannot be related to itself")
    a, b = skill_by_code(session, body.a), skill_by_code(session, body.b)
    low, high = sorted([a, b], key=lambda s: s.id)
    existing = session.exec(
        select(SkillRelation).where(
            SkillRelation.skill_a_id == low.id, SkillRelation.skill_b_id == high.id
        )
    ).first()
    if existing:
        raise RuleViolation("duplicate_relation", f"'{body.a}' and '{body.b}' are already related")
    relation = SkillRelation(skill_a_id=low.id, skill_b_id=high.id, weight=body.weight)
    audit.saved(
        session, relation, actor=actor, action="skill_relation.create", entity="skill_relation"
    )
    session.commit()
    return SkillRelationPublic(id=relation.id, a=low.code, b=high.code, weight=relation.weight)


def list_relations(session: Session) -> list[SkillRelationPublic]:
    codes = {s.id: s.code for s in session.exec(select(Skill)).all()}
    relations = session.exec(select(SkillRelation).order_by(col(SkillRelation.id))).all()
    return [
        SkillRelationPublic(id=r.id, a=codes[r.skill_a_id], b=codes[r.skill_b_id], weight=r.weight)
        for r in relations
    ]


def skill_id_for(session: Session, code: str, field: str = "skill_code") -> int:
    """The id of the skill ``code``; 422 naming ``field`` when there is no such skill."""
    skill_id = session.exec(select(Skill.id).where(Skill.code == code)).first()
    if skill_id is None:
        raise InvalidInput(field, f"unknown skill '{code}'")
    return skill_id


def skill_ids_for(session: Session, codes: Sequence[str], field: str = "skill_codes") -> list[int]:
    """Skill ids for ``codes`` in order; 422 naming the entry for an unknown or repeated code."""
    known = {
        s.code: s.id for s in session.exec(select(Skill).where(col(Skill.code).in_(codes))).all()
    }
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            raise InvalidInput(f"{field}.{index}", f"skill '{code}' is listed twice")
        if code not in known:
            raise InvalidInput(f"{field}.{index}", f"unknown skill '{code}'")
        seen.add(code)
    return [known[c] for c in codes]
