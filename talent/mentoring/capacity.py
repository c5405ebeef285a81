"""Mentor capacity: how many of a mentor's slots are used and free on each link.

A person mentors on the link whose mentor tier is theirs (tier 1 on ``1-2``, tier 2 on
``2-3``); ``mentor_capacity`` is per link, and a slot is used by an active pairing. A
link where the person still has active pairings is listed even if their tier changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Link, Pairing, Person, Role, Unit, User
from models.mentoring_schemas import LinkLoad, MentorCapacity
from talent.errors import Forbidden, NotFound
from talent.roster.units import unit_and_descendants


def _loads(session: Session, people: Sequence[Person]) -> list[MentorCapacity]:
    used: dict[tuple[int, str], int] = {
        (mentor, link): count
        for mentor, link, count in session.exec(
            select(Pairing.mentor_id, Pairing.link, func.count())
            .where(Pairing.status == "active", col(Pairing.mentor_id).in_([p.id for p in people]))
            .group_by(col(Pairing.mentor_id), col(Pairing.link))
        ).all()
    }
    found = []
    for person in people:
        links = {link.value for link in Link if link.mentor_tier == person.tier}
        links |= {link for (mentor, link) in used if mentor == person.id}
        loads = [
            LinkLoad(
                link=link,
                capacity=person.mentor_capacity,
                used=used.get((person.id, link), 0),
                free=max(0, person.mentor_capacity - used.get((person.id, link), 0)),
            )
            for link in sorted(links)
        ]
        found.append(
            MentorCapacity(
                person_id=person.id,
                name=person.name,
                tier=person.tier,
                unit_id=person.unit_id,
                links=loads,
            )
        )
    return found


def mentor_capacity(session: Session, *, person_id: int, user: User) -> MentorCapacity:
    """Capacity used and free on each link a person mentors on; a mentor reads their own."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("person", person_id)
    if user.role == Role.mentor and user.person_id != person_id:
        raise Forbidden("a mentor reads their own capacity only")
    return _loads(session, [person])[0]


def mentor_capacities(
    session: Session,
    *,
    unit_id: int | None = None,
    link: Link | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[MentorCapacity]:
    """Every active tier-1 and tier-2 person (the mentors of the two links), by id."""
    query = select(Person).where(col(Person.active).is_(True))
    tiers = [link.mentor_tier] if link else [lk.mentor_tier for lk in Link]
    query = query.where(col(Person.tier).in_(tiers))
    if unit_id is not None:
        if session.get(Unit, unit_id) is None:
            raise NotFound("unit", unit_id)
        query = query.where(col(Person.unit_id).in_(unit_and_descendants(session, unit_id)))
    people = session.exec(query.order_by(col(Person.id)).offset(offset).limit(limit)).all()
    return _loads(session, people)
