"""One person's mentoring, read for their page: pairings on both sides, the chain, skill targets.

Read-only, no access check (the caller has checked that the user may read the person).
The chain runs over active pairings: the person's mentor and that mentor's mentor above,
the person's mentees and their mentees below (1 -> 2 -> 3 seen from any place in it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from models import Pairing
from models.mentoring import PairingGoal

SHOWN_PAIRINGS = 200
"""Pairings read per side: far more than any mentor's capacity over many years."""


@dataclass(frozen=True)
class PersonPairings:
    """A person's pairings as mentee and as mentor: active first, then newest first."""

    as_mentee: list[Pairing]
    as_mentor: list[Pairing]


@dataclass(frozen=True)
class ChainNode:
    """A mentee in the chain below the person, with that mentee's own mentees."""

    person_id: int
    link: str
    mentees: list[ChainNode] = field(default_factory=list)


@dataclass(frozen=True)
class Chain:
    """The person's place in the chain: mentors above (nearest first) and mentees below."""

    person_id: int
    mentors: list[int]
    mentees: list[ChainNode]

    @property
    def person_ids(self) -> set[int]:
        found = {self.person_id, *self.mentors}
        stack = list(self.mentees)
        while stack:
            node = stack.pop()
            found.add(node.person_id)
            stack.extend(node.mentees)
        return found


@dataclass(frozen=True)
class SkillTarget:
    """An open goal's target for one of the person's skills, from a pairing as mentee."""

    skill_id: int
    target_level: int
    due_date: date | None
    pairing_id: int


def _ordered(pairings: list[Pairing]) -> list[Pairing]:
    return sorted(pairings, key=lambda p: (p.status != "active", -p.start_date.toordinal(), p.id))


def pairings_of(session: Session, person_id: int) -> PersonPairings:
    """Every pairing the person is in, on both links, in any status."""

    def side(column: object) -> list[Pairing]:
        rows = session.exec(
            select(Pairing)
            .where(column == person_id)
            .order_by(col(Pairing.id))
            .limit(SHOWN_PAIRINGS)
        ).all()
        return _ordered(list(rows))

    return PersonPairings(as_mentee=side(Pairing.mentee_id), as_mentor=side(Pairing.mentor_id))


def _active_mentees(session: Session, mentor_ids: set[int]) -> dict[int, list[Pairing]]:
    found: dict[int, list[Pairing]] = defaultdict(list)
    if not mentor_ids:
        return found
    rows = session.exec(
        select(Pairing)
        .where(col(Pairing.mentor_id).in_(mentor_ids), Pairing.status == "active")
        .order_by(col(Pairing.mentee_id), col(Pairing.id))
    ).all()
    for pairing in rows:
        found[pairing.mentor_id].append(pairing)
    return found


def _active_mentor(session: Session, mentee_id: int) -> int | None:
    """The person's active mentor (a tier fixes the one link they are a mentee on)."""
    return session.exec(
        select(Pairing.mentor_id)
        .where(Pairing.mentee_id == mentee_id, Pairing.status == "active")
        .order_by(col(Pairing.id))
    ).first()


def chain_of(session: Session, person_id: int, depth: int = 2) -> Chain:
    """Active mentors up to ``depth`` levels above the person, mentees ``depth`` levels below."""
    mentors: list[int] = []
    current = person_id
    for _ in range(depth):
        above = _active_mentor(session, current)
        if above is None or above in mentors or above == person_id:
            break
        mentors.append(above)
        current = above

    def below(ids: set[int], level: int, seen: set[int]) -> dict[int, list[ChainNode]]:
        by_mentor = _active_mentees(session, ids)
        if level >= depth:
            return {
                m: [ChainNode(p.mentee_id, p.link) for p in rows] for m, rows in by_mentor.items()
            }
        next_ids = {p.mentee_id for rows in by_mentor.values() for p in rows} - seen
        deeper = below(next_ids, level + 1, seen | next_ids)
        return {
            m: [ChainNode(p.mentee_id, p.link, deeper.get(p.mentee_id, [])) for p in rows]
            for m, rows in by_mentor.items()
        }

    tree = below({person_id}, 1, {person_id})
    return Chain(person_id=person_id, mentors=mentors, mentees=tree.get(person_id, []))


def skill_targets(session: Session, person_id: int) -> dict[int, SkillTarget]:
    """Targets of open skill goals on the person's active pairings as mentee, by skill id.

    Two open goals on one skill (one per link) give the higher target.
    """
    rows = session.exec(
        select(PairingGoal, Pairing.id)
        .join(Pairing, col(Pairing.id) == PairingGoal.pairing_id)
        .where(
            Pairing.mentee_id == person_id,
            Pairing.status == "active",
            PairingGoal.status == "open",
            col(PairingGoal.skill_id).is_not(None),
        )
        .order_by(col(PairingGoal.id))
    ).all()
    found: dict[int, SkillTarget] = {}
    for goal, pairing_id in rows:
        if goal.skill_id is None or goal.target_level is None:
            continue
        held = found.get(goal.skill_id)
        if held is None or goal.target_level > held.target_level:
            found[goal.skill_id] = SkillTarget(
                skill_id=goal.skill_id,
                target_level=goal.target_level,
                due_date=goal.due_date,
                pairing_id=pairing_id,
            )
    return found
