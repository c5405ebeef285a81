"""Skill levels and targets of the demo staff: what each person holds, and the gaps.

A person holds their department's core skills, some of its extra ones, the general skills
of their post and a few basic ones; levels follow the tier (capped so that young staff and
clerks have room to grow) and tiers 2 and 3 get targets above their levels, which are
the gaps the matching closes. Pure planning on a ``Staff``; rows are written by
``talent.demo.rows``.
"""

from __future__ import annotations

from talent.demo.draws import Draws
from talent.demo.staff import JUDGE_ROLES, Staff
from talent.demo.texts import LEADER_FIELDS, DepartmentProfile

LEVELS: dict[tuple[int, str], tuple[int, int]] = {
    # (tier, kind of skill) -> level range; kind: core / extra (department), general, basic
    (1, "core"): (3, 5),
    (1, "extra"): (2, 4),
    (1, "general"): (3, 5),
    (1, "basic"): (2, 4),
    (2, "core"): (1, 3),
    (2, "extra"): (1, 2),
    (2, "general"): (1, 3),
    (2, "basic"): (1, 4),
    (3, "core"): (0, 2),
    (3, "extra"): (0, 1),
    (3, "general"): (0, 1),
    (3, "basic"): (1, 3),
}
LEVEL_CAP = {1: 5, 2: 4, 3: 3}
"""Highest level by tier, so that young staff and clerks always have room to grow."""


def assign_skills(draws: Draws, person: Staff, profile: DepartmentProfile) -> None:
    """Levels by tier and department; targets above levels for tiers 2 and 3 (the gaps)."""
    kinds: dict[str, str] = {code: "core" for code in profile.core}
    if profile.family == "leadership":
        kinds[draws.pick(tuple(LEADER_FIELDS))] = "core"
    for code in profile.extra:
        if code not in kinds and draws.chance(0.45 if person.tier < 3 else 0.25):
            kinds[code] = "extra"
    trial_like = profile.family != "admin"
    if person.role in JUDGE_ROLES and trial_like:
        kinds.setdefault("judgment_writing", "general")
        kinds.setdefault("courtroom_control", "general")
    elif person.role == "assistant":
        kinds.setdefault("judgment_writing", "general")
        if draws.chance(0.3):
            kinds.setdefault("courtroom_control", "general")
    elif person.role == "clerk":
        kinds.setdefault("court_records", "general")
        if trial_like and draws.chance(0.3):
            kinds.setdefault("judgment_writing", "general")
    for code, p in (
        ("ethics", 0.6 if person.tier < 3 else 0.3),
        ("smart_court", 0.4 if person.tier > 1 else 0.2),
        ("research_writing", 0.2 if person.tier < 3 else 0.0),
        ("legal_publicity", 0.15),
    ):
        if draws.chance(p):
            kinds.setdefault(code, "basic")
    cap = LEVEL_CAP[person.tier]
    seasoned = person.service >= {1: 20, 2: 8, 3: 5}[person.tier]
    for code, kind in kinds.items():
        lo, hi = LEVELS[person.tier, kind]
        if code == "court_records" and person.tier == 3:
            lo, hi = 1, 3
        level = draws.between(lo, hi) + (1 if seasoned and draws.chance(0.5) else 0)
        if kind == "core" and person.business_leader:
            level = max(level, 5 if person.expert else 4)
        level = min(level, cap)
        target: int | None = None
        if person.tier > 1 and (kind != "basic" or draws.chance(0.3)):
            target = min(5, level + 1 + (1 if draws.chance(0.4) else 0))
        person.skills[code] = (level, target)
    if person.tier == 1 and draws.chance(0.25):
        code = draws.pick(("research_writing", "smart_court", "legal_publicity"))
        level = person.skills.get(code, (draws.between(2, 3), None))[0]
        person.skills[code] = (level, min(5, level + 1))
