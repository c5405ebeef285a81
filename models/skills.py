"""The skill taxonomy, weighted relations between skills, and who holds which skill."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import utcnow


class Skill(SQLModel, table=True):
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=100)
    name_en: str | None = Field(default=None, max_length=200)
    category: str | None = Field(default=None, max_length=64)
    parent_id: int | None = Field(default=None, foreign_key="skill.id", index=True)


class SkillRelation(SQLModel, table=True):
    """An undirected weighted relation (civil <-> commercial), stored with a < b."""

    __table_args__ = (
        UniqueConstraint("skill_a_id", "skill_b_id", name="uq_skill_relation"),
        CheckConstraint("skill_a_id < skill_b_id", name="ck_skill_relation_order"),
        CheckConstraint("weight >= 0 AND weight <= 1", name="ck_skill_relation_weight"),
    )
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    skill_a_id: int = Field(foreign_key="skill.id", index=True)
    skill_b_id: int = Field(foreign_key="skill.id", index=True)
    weight: float


class PersonSkill(SQLModel, table=True):
    """A person's level (0-5) in a skill and the level they aim for."""

    __table_args__ = (
        CheckConstraint("level >= 0 AND level <= 5", name="ck_person_skill_level"),
        CheckConstraint(
            "target_level IS NULL OR (target_level >= 0 AND target_level <= 5)",
            name="ck_person_skill_target",
        ),
    )
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", primary_key=True, index=True)
    level: int
    target_level: int | None = None
    updated_at: datetime = Field(default_factory=utcnow)
