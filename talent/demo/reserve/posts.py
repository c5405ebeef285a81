"""Key posts of the reserve demo and their succession: holders, A / B backups, cover.

The key posts are the heads of the judicial departments, the political department and
the research office, each with the skills it requires. Backups are the department's
tier-1/2 staff who best cover those skills, and the draws leave the gaps a succession
plan exists to show: posts with no A or no B backup, and one person stretched as backup
over three posts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlmodel import Session

from models import Person, PersonSkill
from models.reserve import KeyPost, KeyPostSkill, PostBackup
from talent.demo.reserve.system import CourtSystem
from talent.reserve import evaluation

POSTS: dict[str, tuple[tuple[str, int], ...]] = {
    "立案": (("case_filing", 4), ("mediation", 3), ("petition_handling", 3)),
    "民事": (("civil_trial", 4), ("judgment_writing", 4), ("courtroom_control", 3)),
    "刑事": (("criminal_trial", 4), ("judgment_writing", 4), ("courtroom_control", 3)),
    "行政审判": (("administrative_trial", 4), ("judgment_writing", 3)),
    "审判监督": (("trial_supervision", 4), ("judgment_writing", 4)),
    "执行": (("enforcement", 4), ("asset_investigation", 3), ("enforcement_adjudication", 3)),
    "政治部": (("personnel_work", 4), ("political_theory", 3), ("document_drafting", 3)),
    "研究室": (("research_writing", 4), ("judgment_writing", 3)),
}
"""Key posts: the head of each department whose name holds the keyword, and its skills."""

HEADS = ("庭长", "局长", "主任")


def write_key_posts(
    session: Session, system: CourtSystem, skills: dict[str, int], counts: Counter[str], today: date
) -> None:
    """Write the system's key posts, their required skills and backups; add the counts."""
    rng = system.rng
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for h in evaluation.rows_for(
        session, PersonSkill, PersonSkill.person_id, [p.id for p in system.cadres]
    ):
        levels[h.person_id][h.skill_id] = h.level
    by_unit: dict[int, list[Person]] = defaultdict(list)
    for p in system.cadres:
        by_unit[p.unit_id].append(p)
    departments = sorted(
        (u for u in system.units.values() if u.kind == "department" and u.id in by_unit),
        key=lambda u: u.id,
    )
    overload: Person | None = None
    stretched = 0
    for unit in departments:
        key = next((k for k in POSTS if k in unit.name), None)
        if key is None:
            continue
        staff = by_unit[unit.id]
        head = next((p for p in staff if p.tier == 1 and (p.position or "") in HEADS), None)
        court = system.parent(unit)
        title = f"{court.name}{unit.name}{head.position if head else '负责人'}"
        post = KeyPost(
            title=title,
            unit_id=unit.id,
            holder_id=head.id if head else None,
            description=f"{unit.name}主要负责人岗位",
        )
        session.add(post)
        session.flush()
        required = [(skills[code], level) for code, level in POSTS[key] if code in skills]
        session.add_all(KeyPostSkill(post_id=post.id, skill_id=s, level=lvl) for s, lvl in required)

        def fit(p: Person, required: list[tuple[int, int]] = required) -> float:
            return sum(min(levels[p.id].get(s, 0), lvl) for s, lvl in required)

        pool = sorted(
            (p for p in staff if p is not head), key=lambda p: (-fit(p), -system.merit[p.id], p.id)
        )
        roles = ["A", "B", "emergency"]
        draw = rng.random()
        if draw < 0.12:
            roles = ["emergency"]  # no A, no B
        elif draw < 0.35:
            roles = ["A", "emergency"]  # no B
        backups = dict(zip(roles, pool, strict=False))
        if overload is None and "A" in backups:
            overload = backups["A"]
        elif (
            overload is not None
            and overload.unit_id != unit.id
            and stretched < 2
            and "B" in backups
        ):
            backups["B"] = overload  # one person stretched over three posts
            stretched += 1
        for role, person in backups.items():
            session.add(
                PostBackup(
                    post_id=post.id,
                    role=role,
                    person_id=person.id,
                    assigned_on=today - timedelta(days=int(rng.integers(30, 400))),
                )
            )
        session.flush()
        counts["key_posts"] += 1
        counts["backups"] += len(backups)
