"""Load what a matching run on one link needs from the database, as plain arrays.

Everything the pure modules (``talent.matching.rules``, ``talent.matching.scoring``, ``talent.matching.assignment``)
consume is built here in a handful of column queries, never one ORM object per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

import numpy as np
import scipy.sparse as sp
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Conflict, Link, Pairing, Person, PersonSkill, Skill, SkillRelation
from talent import clock
from talent.matching.graph import RelationRow, SkillRow, skill_proximity
from talent.matching.rules import pair_keys
from talent.matching.scoring import PersonTable
from talent.mentoring import rematch
from talent.roster.units import court_of, units_by_id, units_in_scope


@dataclass(frozen=True)
class LinkInputs:
    """The mentees and mentors of a link (rows sorted by id) and what the rules need."""

    link: Link
    mentees: PersonTable
    mentors: PersonTable
    free_slots: np.ndarray
    conflict_keys: np.ndarray
    mismatch_keys: np.ndarray
    """:func:`~talent.matching.rules.pair_keys` of pairs once dissolved as a mismatch."""
    skill_proximity: np.ndarray
    skill_codes: list[str]


def _skill_matrices(
    session: Session, ids: np.ndarray, tier: int, skill_index: dict[int, int]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    shape = (len(ids), len(skill_index))
    rows = session.exec(
        select(
            PersonSkill.person_id, PersonSkill.skill_id, PersonSkill.level, PersonSkill.target_level
        )
        .join(Person, col(Person.id) == PersonSkill.person_id)
        .where(Person.tier == tier)
    ).all()
    data = np.array([(r[0], skill_index[r[1]], r[2], r[3] or 0) for r in rows], dtype=np.int64)
    if len(ids) == 0 or len(data) == 0:
        return sp.csr_matrix(shape), sp.csr_matrix(shape)
    row = np.searchsorted(ids, data[:, 0])
    known = (row < len(ids)) & (ids[np.minimum(row, len(ids) - 1)] == data[:, 0])
    data, row = data[known], row[known]
    levels = sp.csr_matrix((data[:, 2].astype(np.float64), (row, data[:, 1])), shape=shape)
    targets = sp.csr_matrix((data[:, 3].astype(np.float64), (row, data[:, 1])), shape=shape)
    levels.eliminate_zeros()
    targets.eliminate_zeros()
    return levels, targets


def person_table(
    session: Session,
    people: list[tuple],
    *,
    tier: int,
    courts: dict[int, int],
    skill_index: dict[int, int],
    reference_date: date,
) -> PersonTable:
    """A ``PersonTable`` from rows of (id, unit_id, tier, hire_date, leader, expert, expertise, goals)."""
    people = sorted(people, key=lambda r: r[0])
    ids = np.array([r[0] for r in people], dtype=np.int64)
    outcomes = {
        mentor_id: float(mean)
        for mentor_id, mean in session.exec(
            select(Pairing.mentor_id, func.avg(Pairing.outcome_rating))
            .join(Person, col(Person.id) == Pairing.mentor_id)
            .where(Person.tier == tier, col(Pairing.outcome_rating).is_not(None))
            .group_by(col(Pairing.mentor_id))
        ).all()
    }
    years = np.array(
        [(reference_date - r[3]).days / 365.25 if r[3] else np.nan for r in people],
        dtype=np.float64,
    )
    levels, targets = _skill_matrices(session, ids, tier, skill_index)
    return PersonTable(
        ids=ids,
        unit_id=np.array([r[1] for r in people], dtype=np.int64),
        court_id=np.array([courts[r[1]] for r in people], dtype=np.int64),
        tier=np.array([r[2] for r in people], dtype=np.int8),
        years_of_service=years,
        is_business_leader=np.array([bool(r[4]) for r in people], dtype=bool),
        is_expert_judge=np.array([bool(r[5]) for r in people], dtype=bool),
        past_outcome=np.array([outcomes.get(int(i), np.nan) for i in ids], dtype=np.float64),
        text=[" ".join(filter(None, (r[6], r[7]))) for r in people],
        levels=levels,
        targets=targets,
    )


PERSON_COLUMNS = (
    Person.id,
    Person.unit_id,
    Person.tier,
    Person.hire_date,
    Person.is_business_leader,
    Person.is_expert_judge,
    Person.expertise,
    Person.goals,
)


def active_counts(session: Session, link: Link) -> dict[int, int]:
    """Active pairings per mentor on ``link``."""
    rows = session.exec(
        select(Pairing.mentor_id, func.count())
        .where(Pairing.link == link.value, Pairing.status == "active")
        .group_by(col(Pairing.mentor_id))
    ).all()
    return {mentor_id: count for mentor_id, count in rows}


def skill_catalogue(session: Session) -> tuple[list[Skill], np.ndarray]:
    """Skills in id order and their proximity matrix (graph-aware skill fit)."""
    skills = list(session.exec(select(Skill).order_by(col(Skill.id))).all())
    relations = session.exec(select(SkillRelation)).all()
    proximity = skill_proximity(
        [SkillRow(s.id, s.code, s.name, s.parent_id) for s in skills],
        [RelationRow(r.skill_a_id, r.skill_b_id, r.weight) for r in relations],
    )
    return skills, proximity


def load_link_inputs(
    session: Session,
    *,
    link: Link,
    unit_ids: list[int] | None = None,
    subordinate_courts: bool = False,
    mentee_id: int | None = None,
    include_paired: bool = False,
    reference_date: date | None = None,
) -> LinkInputs:
    """Mentees (active, mentee tier, in scope, not yet paired on the link) and mentors (active, mentor tier).

    A unit in ``unit_ids`` is itself and its departments, with the courts under it only
    when ``subordinate_courts`` (:func:`talent.roster.units.units_in_scope`).
    ``mentee_id`` narrows the mentees to one person (suggestions for a manual pairing);
    ``include_paired`` keeps mentees who are paired already (scoring past pairings).
    """
    reference_date = reference_date or clock.today()
    units = units_by_id(session)
    courts = {unit_id: court_of(units, unit_id) for unit_id in units}
    skills, proximity = skill_catalogue(session)
    skill_index = {s.id: i for i, s in enumerate(skills)}

    paired = select(Pairing.mentee_id).where(Pairing.link == link.value, Pairing.status == "active")
    mentee_query = select(*PERSON_COLUMNS).where(Person.tier == link.mentee_tier)  # type: ignore[call-overload]  # sqlmodel types select() for up to 4 columns (fastapi/sqlmodel#271)
    if not include_paired:
        mentee_query = mentee_query.where(
            col(Person.active).is_(True), col(Person.id).not_in(paired)
        )
    if unit_ids:
        scope = units_in_scope(session, unit_ids, subordinate_courts=subordinate_courts)
        # A run's scope is a handful of units, so the IN list stays short.
        mentee_query = mentee_query.where(col(Person.unit_id).in_(scope))
    if mentee_id is not None:
        mentee_query = mentee_query.where(Person.id == mentee_id)
    mentor_query = select(*PERSON_COLUMNS, Person.mentor_capacity).where(  # type: ignore[call-overload]  # up to 4 columns, as above
        Person.tier == link.mentor_tier, col(Person.active).is_(True)
    )
    mentee_rows = [tuple(r) for r in session.exec(mentee_query).all()]
    mentor_rows = sorted((tuple(r) for r in session.exec(mentor_query).all()), key=lambda r: r[0])
    counts = active_counts(session, link)
    free_slots = np.array([max(0, r[8] - counts.get(r[0], 0)) for r in mentor_rows], dtype=np.int64)
    conflicts = session.exec(select(Conflict.person_a_id, Conflict.person_b_id)).all()
    conflict_keys = (
        pair_keys(np.array([c[0] for c in conflicts]), np.array([c[1] for c in conflicts]))
        if conflicts
        else np.empty(0, dtype=np.int64)
    )
    mismatched = rematch.mismatched_pairs(session)
    mismatch_keys = pair_keys(
        np.array([m for m, _ in mismatched], dtype=np.int64),
        np.array([j for _, j in mismatched], dtype=np.int64),
    )
    table = partial(
        person_table,
        session,
        courts=courts,
        skill_index=skill_index,
        reference_date=reference_date,
    )
    return LinkInputs(
        link=link,
        mentees=table(mentee_rows, tier=link.mentee_tier),
        mentors=table([r[:8] for r in mentor_rows], tier=link.mentor_tier),
        free_slots=free_slots,
        conflict_keys=np.sort(conflict_keys),
        mismatch_keys=np.sort(mismatch_keys),
        skill_proximity=proximity,
        skill_codes=[s.code for s in skills],
    )
