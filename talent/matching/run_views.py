"""What a stored run shows: proposals, candidates, capacities, unmatched, mentor suggestions."""

from __future__ import annotations

import numpy as np
from sqlmodel import Session, col, select

from models import Link, Pairing, Proposal, RunCapacity, RunUnmatched
from models.matching_schemas import (
    CROSS_UNIT_DEFAULT,
    CandidatePublic,
    CapacityPublic,
    ProposalPublic,
    Suggestion,
    UnmatchedPublic,
)
from talent.errors import RuleViolation
from talent.matching.candidate_store import load_candidates
from talent.matching.runs import get_run, solve_link
from talent.roster.people import get_person


def list_proposals(
    session: Session, *, run_id: int, status: str | None = None, limit: int = 50, offset: int = 0
) -> list[ProposalPublic]:
    get_run(session, run_id)
    query = select(Proposal).where(Proposal.run_id == run_id)
    if status is not None:
        query = query.where(Proposal.status == status)
    rows = session.exec(query.order_by(col(Proposal.mentee_id)).offset(offset).limit(limit)).all()
    return [ProposalPublic.model_validate(p) for p in rows]


def list_candidates(
    session: Session, *, run_id: int, mentee_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[CandidatePublic]:
    """Candidate pairs in (mentee, mentor) order, with the exact float64 scores the solver maximised."""
    get_run(session, run_id)
    stored = load_candidates(session, run_id)
    rows = (
        np.arange(len(stored.score))
        if mentee_id is None
        else np.flatnonzero(stored.mentee_id == mentee_id)
    )
    page = rows[offset : offset + limit]
    return [
        CandidatePublic(
            mentee_id=int(stored.mentee_id[i]),
            mentor_id=int(stored.mentor_id[i]),
            score=float(stored.score[i]),
        )
        for i in page
    ]


def list_capacities(
    session: Session, *, run_id: int, limit: int = 50, offset: int = 0
) -> list[CapacityPublic]:
    get_run(session, run_id)
    rows = session.exec(
        select(RunCapacity)
        .where(RunCapacity.run_id == run_id)
        .order_by(col(RunCapacity.mentor_id))
        .offset(offset)
        .limit(limit)
    ).all()
    return [CapacityPublic(mentor_id=r.mentor_id, free_slots=r.free_slots) for r in rows]


def list_unmatched(
    session: Session, *, run_id: int, limit: int = 50, offset: int = 0
) -> list[UnmatchedPublic]:
    get_run(session, run_id)
    rows = session.exec(
        select(RunUnmatched)
        .where(RunUnmatched.run_id == run_id)
        .order_by(col(RunUnmatched.mentee_id))
        .offset(offset)
        .limit(limit)
    ).all()
    return [UnmatchedPublic(mentee_id=r.mentee_id, reason=r.reason) for r in rows]


"""Budget of a list explanation: alternatives x candidate pairs solved again.

Forcing one pair is one solve of the run (about 3 ms for the 8,848 pairs of the scale-1
demo's cross-court 1-2 run, so about 0.35 s per million pairs solved): the whole list of
74 alternatives there takes about 0.25 s. Past the budget, only the best alternatives by
score get figures (at least :data:`FORCED_LIST_MIN`); a named mentor always does.
"""


def mentor_suggestions(
    session: Session,
    *,
    person_id: int,
    link: Link,
    k: int = 5,
    cross_unit: bool = CROSS_UNIT_DEFAULT,
) -> list[Suggestion]:
    """The top-k eligible mentors for one mentee on ``link``, with breakdowns (manual pairing)."""
    mentee = get_person(session, person_id)
    if mentee.tier != link.mentee_tier:
        raise RuleViolation(
            "tier", f"tier rule: a tier-{mentee.tier} person is not a mentee on link {link.value}"
        )
    if not mentee.active:
        raise RuleViolation("inactive", f"inactive rule: {mentee.name} is not active")
    paired = session.exec(
        select(Pairing.id).where(
            Pairing.mentee_id == person_id, Pairing.link == link.value, Pairing.status == "active"
        )
    ).first()
    if paired is not None:
        raise RuleViolation(
            "already_paired",
            f"already-paired rule: {mentee.name} has an active pairing on link {link.value}",
        )
    solved = solve_link(session, link=link, cross_unit=cross_unit, mentee_id=person_id)
    order = np.lexsort((solved.mentor_ids, -solved.scores))[:k]
    return [
        Suggestion(
            mentor_id=int(solved.mentor_ids[i]),
            score=float(solved.scores[i]),
            breakdown=parts,
        )
        for i, parts in zip(order, solved.breakdown(order), strict=True)
    ]
