"""What a stored run shows: proposals, candidates, capacities, unmatched, explanations, suggestions."""

from __future__ import annotations

import numpy as np
from sqlmodel import Session, col, select

from models import Link, MatchingRun, Pairing, Person, Proposal, RunCapacity, RunUnmatched, Unit
from models.matching_schemas import (
    CandidatePublic,
    CapacityPublic,
    ExplainRow,
    ProposalPublic,
    Suggestion,
    UnmatchedPublic,
)
from talent.errors import RuleViolation
from talent.matching import scoring
from talent.matching.candidate_store import RuleSnapshot, load_candidates
from talent.matching.runs import get_run, solve_link
from talent.roster.conflicts import conflict_between
from talent.roster.people import get_person
from talent.roster.units import court_of, unit_and_descendants, units_by_id

TIE = 1e-12


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


def _breakdown(
    features: np.ndarray, weights: dict[str, float], bonus: float
) -> tuple[float, dict[str, float]]:
    contributions = scoring.breakdown(features[None, :], weights)[0]
    parts = dict(zip(scoring.FEATURES, contributions.tolist(), strict=True))
    parts["rematch"] = bonus
    return float(contributions.sum()) + bonus, parts


def explain(
    session: Session, *, run_id: int, mentee_id: int, mentor_id: int | None = None
) -> list[ExplainRow]:
    """Every mentor in scope on the run's link (or one named mentor): the rule, or the score and why not.

    Everything comes from what the run stored (candidates with their scores, free slots,
    and a snapshot of what the rules saw: see :func:`_excluding_rule`), so a run explains
    itself the same way later, whatever changed since.
    """
    run = get_run(session, run_id)
    link = Link(run.link)
    mentee = get_person(session, mentee_id)
    stored = load_candidates(session, run_id)
    mine = np.flatnonzero(stored.mentee_id == mentee_id)
    by_mentor = {int(stored.mentor_id[i]): i for i in mine}
    proposals = session.exec(select(Proposal).where(Proposal.run_id == run_id)).all()
    chosen = next((p for p in proposals if p.mentee_id == mentee_id), None)
    taken: dict[int, list[int]] = {}
    for p in proposals:
        taken.setdefault(p.mentor_id, []).append(p.mentee_id)
    mentee_ids, counts = np.unique(stored.mentee_id, return_counts=True)
    alternatives_of = dict(zip(mentee_ids.tolist(), counts.tolist(), strict=True))
    capacities = {
        r.mentor_id: r.free_slots
        for r in session.exec(select(RunCapacity).where(RunCapacity.run_id == run_id)).all()
    }
    in_run = (
        bool(len(mine))
        or chosen is not None
        or session.get(RunUnmatched, (run_id, mentee_id)) is not None
    )

    if mentor_id is not None:
        mentors = [get_person(session, mentor_id)]
    else:
        mentors = list(
            session.exec(
                select(Person).where(Person.tier == link.mentor_tier).order_by(col(Person.id))
            ).all()
        )
    units = units_by_id(session)
    scope = run.params.get("unit_ids")
    mentee_in_scope = not scope or mentee.unit_id in {
        u for unit in scope for u in unit_and_descendants(session, unit)
    }
    rows = []
    for mentor in mentors:
        index = by_mentor.get(mentor.id)
        if index is None:
            rows.append(
                ExplainRow(
                    mentor_id=mentor.id,
                    eligible=False,
                    rule=_excluding_rule(
                        session,
                        run=run,
                        link=link,
                        mentee=mentee,
                        mentor=mentor,
                        units=units,
                        mentee_in_scope=mentee_in_scope,
                        in_run=in_run,
                        free_slots=capacities.get(mentor.id, 0),
                        rules=stored.rules,
                    ),
                )
            )
            continue
        score, breakdown = (
            float(stored.score[index]),
            _breakdown(stored.features[index], run.weights, float(stored.bonus[index]))[1],
        )
        is_chosen = chosen is not None and chosen.mentor_id == mentor.id
        row = ExplainRow(
            mentor_id=mentor.id, eligible=True, score=score, breakdown=breakdown, chosen=is_chosen
        )
        if not is_chosen:
            others = [m for m in taken.get(mentor.id, []) if m != mentee_id]
            if chosen is None or score > chosen.score + TIE:
                fewer = sorted(others, key=lambda m: (alternatives_of.get(m, 0), m))
                names = ", ".join(
                    f"{get_person(session, m).name} ({alternatives_of.get(m, 0)} eligible mentors)"
                    for m in fewer
                )
                row.why_not = f"slots_taken: all {capacities.get(mentor.id, 0)} free slots went to mentees with fewer alternatives: {names}"
                row.slots_went_to = fewer
            elif score < chosen.score - TIE:
                row.why_not = (
                    f"lower_score: {score:.4f} < {chosen.score:.4f} of the proposed mentor"
                )
            else:
                row.why_not = "tie: equal score, broken by the lower mentor id"
        rows.append(row)
    return rows


def _excluding_rule(
    session: Session,
    *,
    run: MatchingRun,
    link: Link,
    mentee: Person,
    mentor: Person,
    units: dict[int, Unit],
    mentee_in_scope: bool,
    in_run: bool,
    free_slots: int,
    rules: RuleSnapshot | None,
) -> str:
    """The rule that kept ``mentor`` from being a candidate for ``mentee`` in this run.

    Read from the run's snapshot of what the rules saw (courts, conflicts, who was
    considered) where the run kept one, so that a conflict declared or a transfer made
    after the run does not rewrite its explanation. A mentor the run did not consider was
    of another tier or inactive then: ``tier`` when their tier is not the link's mentor
    tier now, else ``inactive``. Runs stored before snapshots read today's data.
    """
    if mentor.id == mentee.id:
        return "same_person"
    if rules is not None and in_run:
        mentee_court = rules.court_of_mentee(mentee.id)
        mentor_court = rules.court_of_mentor(mentor.id)
        if mentor_court is None:
            return "tier" if mentor.tier != link.mentor_tier else "inactive"
        if rules.conflicted(mentee.id, mentor.id):
            return "conflict"
        if not run.params.get("cross_unit") and mentor_court != mentee_court:
            return "out_of_scope"
        return "full" if free_slots <= 0 else "not_considered"
    if mentor.tier != link.mentor_tier or mentee.tier != link.mentee_tier:
        return "tier"
    if not mentor.active or not mentee.active:
        return "inactive"
    if not mentee_in_scope:
        return "out_of_scope"
    if not in_run:
        return "already_paired"
    if conflict_between(session, mentor.id, mentee.id) is not None:
        return "conflict"
    if not run.params.get("cross_unit") and court_of(units, mentor.unit_id) != court_of(
        units, mentee.unit_id
    ):
        return "out_of_scope"
    if free_slots <= 0:
        return "full"
    return "not_considered"


def mentor_suggestions(
    session: Session, *, person_id: int, link: Link, k: int = 5, cross_unit: bool = True
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
