"""SQLModel tables and public schemas. Imports nothing of ours but itself."""

import models.reserve  # noqa: F401  (registers the reserve-pool tables)
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
from models.mentoring import (
    ActionItem,
    EscalationStep,
    GuidanceLog,
    GuidanceLogSkill,
    GuidanceLogVersion,
    LogConfirmation,
    PairingGoal,
    RematchEntry,
    SkillLevelChange,
)
from models.org import Conflict, Person, Unit, UnitBase
from models.pairings import Pairing
from models.skills import PersonSkill, Skill, SkillRelation
from models.users import User

__all__ = [
    "DEFAULT_CAPACITY_BY_TIER",
    "ActionItem",
    "AuditEvent",
    "AuditHead",
    "Conflict",
    "EscalationStep",
    "Gender",
    "GuidanceLog",
    "GuidanceLogSkill",
    "GuidanceLogVersion",
    "Link",
    "LogConfirmation",
    "MatchingRun",
    "Pairing",
    "PairingGoal",
    "Person",
    "PersonSkill",
    "Proposal",
    "RematchEntry",
    "Role",
    "RunCandidateSet",
    "RunCapacity",
    "RunUnmatched",
    "Skill",
    "SkillLevelChange",
    "SkillRelation",
    "Unit",
    "UnitBase",
    "UnitKind",
    "User",
    "WeightSet",
    "utcnow",
]
