"""SQLModel tables and public schemas. Imports nothing of ours but itself."""

from models.audit import AuditEvent, AuditHead
from models.common import DEFAULT_CAPACITY_BY_TIER, Gender, Link, Role, UnitKind, utcnow
from models.matching import (
    MatchingRun,
    Proposal,
    RunCandidateSet,
    RunCapacity,
    RunUnmatched,
    WeightSet,
)
from models.org import Conflict, Person, Unit, UnitBase
from models.pairings import Pairing
from models.skills import PersonSkill, Skill, SkillRelation
from models.users import User

__all__ = [
    "DEFAULT_CAPACITY_BY_TIER",
    "AuditEvent",
    "AuditHead",
    "Conflict",
    "Gender",
    "Link",
    "MatchingRun",
    "Pairing",
    "Person",
    "PersonSkill",
    "Proposal",
    "Role",
    "RunCandidateSet",
    "RunCapacity",
    "RunUnmatched",
    "Skill",
    "SkillRelation",
    "Unit",
    "UnitBase",
    "UnitKind",
    "User",
    "WeightSet",
    "utcnow",
]
