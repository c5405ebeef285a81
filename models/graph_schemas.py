"""Wire schemas of the skills graph: the drawing payload, mentoring chains and trees, and
skill coverage (``GET /api/v1/graph`` and the routes under it).

Node and link ids are strings: ``"unit:5"``, ``"person:12"``, ``"skill:3"``. Nodes and
links are tagged unions on ``kind``: each kind carries its own fields and no others, so
the JSON names exactly what a kind has (a unit node has no ``tier``, a ``member`` link
no ``weight``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field
from sqlmodel import SQLModel


# --- the drawing -------------------------------------------------------------------------
class GraphNodeBase(SQLModel):
    id: str
    kind: str
    label: str


class GraphUnitNode(GraphNodeBase):
    kind: Literal["unit"]
    unit_id: int
    unit_kind: str
    parent_id: int | None
    court_id: int


class GraphPersonNode(GraphNodeBase):
    kind: Literal["person"]
    person_id: int
    tier: int
    unit_id: int
    court_id: int


class GraphSkillNode(GraphNodeBase):
    kind: Literal["skill"]
    skill_id: int
    code: str
    parent_id: int | None


GraphNode = Annotated[GraphUnitNode | GraphPersonNode | GraphSkillNode, Field(discriminator="kind")]


class GraphLinkBase(SQLModel):
    source: str
    target: str
    kind: str


class PartOfLink(GraphLinkBase):
    """A department to its court, a court to the court above it."""

    kind: Literal["part_of"]


class MemberLink(GraphLinkBase):
    """A person to their unit."""

    kind: Literal["member"]


class HasSkillLink(GraphLinkBase):
    """A person to a skill they hold or aim for."""

    kind: Literal["has_skill"]
    level: int
    target_level: int | None


class SubskillOfLink(GraphLinkBase):
    """A skill to its parent in the taxonomy."""

    kind: Literal["subskill_of"]


class RelatedLink(GraphLinkBase):
    """Two related skills (undirected in meaning, stored once)."""

    kind: Literal["related"]
    weight: float


class MentorsLink(GraphLinkBase):
    """An active pairing, mentor to mentee."""

    kind: Literal["mentors"]
    link: str


GraphLink = Annotated[
    PartOfLink | MemberLink | HasSkillLink | SubskillOfLink | RelatedLink | MentorsLink,
    Field(discriminator="kind"),
]


class GraphPublic(SQLModel):
    """Nodes by kind (units, people, skills) then id; links by kind, source, target."""

    nodes: list[GraphNode]
    links: list[GraphLink]


# --- chains ------------------------------------------------------------------------------
class TreePerson(SQLModel):
    id: int
    name: str
    tier: int
    unit_id: int
    court_id: int
    active: bool


class MentoringTree(SQLModel):
    """A person, the link on which their mentor mentors them (None at the root), and
    their own mentees, by id."""

    person: TreePerson
    link: str | None
    mentees: list[MentoringTree]


class UnitSummary(SQLModel):
    unit_id: int
    unit_name: str
    unit_kind: str
    court_id: int


class UnitChainStats(UnitSummary):
    """Tier-2 and tier-3 people of a unit (with its departments), and how many of them
    sit in a complete chain."""

    tier2: int
    tier2_in_chain: int
    tier3: int
    tier3_in_chain: int


# --- coverage ----------------------------------------------------------------------------
class UnitSkillCoverage(UnitSummary):
    """A skill in use in a unit: who uses it, who holds it at level 3 or above."""

    skill_id: int
    skill_code: str
    skill_name: str
    people: int
    holders: int
    holder_ids: list[int]
    at_risk: bool


class SkillCoverage(SQLModel):
    """A skill over the whole scope, and the units where it is at risk locally."""

    skill_id: int
    skill_code: str
    skill_name: str
    people: int
    holders: int
    holder_ids: list[int]
    at_risk: bool
    units: int
    units_at_risk: list[int]
