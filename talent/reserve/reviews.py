"""Review cycles of the pool: opening a cycle flags the members who no longer meet the
policy; per cycle a reviewer decides admit / retain / exit for each candidate and
confirms or overrides the suggested readiness band (calibration)."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session, col, select

from models import Person
from models.reserve import POOL_STATUSES, CycleFlag, ReserveCandidate, ReserveReview, ReviewCycle
from models.reserve_schemas import (
    CycleCreate,
    CyclePublic,
    FlagPublic,
    ReviewCreate,
    ReviewPublic,
)
from talent import audit, clock
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.reserve import evaluation
from talent.reserve.candidates import Journal, apply_move, emit, get_candidate
from talent.reserve.policy import Policy
from talent.reserve.readiness import Readiness


def _flags(session: Session, cycle: ReviewCycle) -> list[FlagPublic]:
    rows = session.exec(
        select(CycleFlag, ReserveCandidate, Person)
        .join(ReserveCandidate, col(ReserveCandidate.id) == CycleFlag.candidate_id)
        .join(Person, col(Person.id) == ReserveCandidate.person_id)
        .where(CycleFlag.cycle_id == cycle.id)
        .order_by(col(CycleFlag.candidate_id))
    ).all()
    return [
        FlagPublic(
            candidate_id=flag.candidate_id,
            person_id=person.id,
            name=person.name,
            reasons=json.loads(flag.reasons),
            details=json.loads(flag.details),
        )
        for flag, _candidate, person in rows
    ]


def _cycle_public(session: Session, cycle: ReviewCycle) -> CyclePublic:
    return CyclePublic(
        id=cycle.id,
        code=cycle.code,
        review_date=cycle.review_date,
        flags=_flags(session, cycle),
    )


def start_cycle(
    session: Session,
    *,
    code: str,
    review_date: date,
    actor: Actor,
    policy: Policy | None = None,
    journal: Journal = None,
) -> ReviewCycle:
    """Create the cycle and flag every pool member who fails the policy on its date (no
    commit)."""
    if review_date > clock.today():
        raise InvalidInput("review_date", "review_date is in the future")
    cycle = ReviewCycle(code=code, review_date=review_date, opened_by=actor.id)
    session.add(cycle)
    session.flush()
    members = session.exec(
        select(ReserveCandidate)
        .where(col(ReserveCandidate.status).in_(POOL_STATUSES))
        .order_by(col(ReserveCandidate.id))
    ).all()
    results = evaluation.eligibility_of(
        session, [m.person_id for m in members], on=review_date, policy=policy
    )
    flags = []
    for member in members:
        result = results[member.person_id]
        if not result.eligible:
            reasons, details = evaluation.reasons_json(result)
            flags.append(
                CycleFlag(
                    cycle_id=cycle.id,
                    candidate_id=member.id,
                    reasons=reasons,
                    details=details,
                )
            )
    session.add_all(flags)
    session.flush()
    entries = [
        audit.Entry("reserve.cycle.open", "review_cycle", cycle.id, None, cycle),
        *(audit.Entry("reserve.cycle.flag", "cycle_flag", flag.id, None, flag) for flag in flags),
    ]
    emit(session, actor, entries, journal)
    return cycle


def open_cycle(session: Session, *, body: CycleCreate, actor: Actor) -> CyclePublic:
    write_lock(session, "reserve.candidate")
    if session.exec(select(ReviewCycle).where(ReviewCycle.code == body.code)).first():
        raise RuleViolation("duplicate_cycle", f"cycle '{body.code}' is open already")
    cycle = start_cycle(
        session, code=body.code, review_date=body.review_date or clock.today(), actor=actor
    )
    session.commit()
    session.refresh(cycle)
    return _cycle_public(session, cycle)


def get_cycle(session: Session, *, code: str) -> CyclePublic:
    cycle = session.exec(select(ReviewCycle).where(ReviewCycle.code == code)).first()
    if cycle is None:
        raise NotFound("cycle", code)
    return _cycle_public(session, cycle)


def list_cycles(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[CyclePublic]:
    cycles = session.exec(
        select(ReviewCycle)
        .order_by(col(ReviewCycle.review_date), col(ReviewCycle.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return [_cycle_public(session, c) for c in cycles]


def _review_public(
    review: ReserveReview, cycle: ReviewCycle, candidate: ReserveCandidate, flagged: bool
) -> ReviewPublic:
    return ReviewPublic(
        **review.model_dump(exclude={"reasons", "cycle_id"}),
        cycle=cycle.code,
        reasons=json.loads(review.reasons),
        flagged=flagged,
        status=candidate.status,
    )


def record_review(
    session: Session, *, candidate_id: int, body: ReviewCreate, actor: Actor
) -> ReviewPublic:
    """Decide on a candidate in a cycle (opened here when new, with its flags); see
    :func:`decide` for the rules."""
    write_lock(session, "reserve.candidate")
    candidate = get_candidate(session, candidate_id)
    cycle = session.exec(select(ReviewCycle).where(ReviewCycle.code == body.cycle)).first()
    if cycle is None:
        cycle = start_cycle(session, code=body.cycle, review_date=clock.today(), actor=actor)
    review, flagged = decide(session, candidate, cycle, body=body, actor=actor)
    session.commit()
    session.refresh(review)
    session.refresh(candidate)
    return _review_public(review, cycle, candidate, flagged)


def decide(
    session: Session,
    candidate: ReserveCandidate,
    cycle: ReviewCycle,
    *,
    body: ReviewCreate,
    actor: Actor,
    policy: Policy | None = None,
    readiness: dict[int, Readiness] | None = None,
    journal: Journal = None,
) -> tuple[ReserveReview, bool]:
    """Record a decision and move the candidate (no commit); returns the review and
    whether the candidate was flagged for exit in the cycle.

    Admission needs the candidate eligible on the cycle's review date (409
    ``not_eligible`` naming the rules); retaining a candidate who fails the policy needs
    a comment; a band other than the suggested one needs ``band_comment``. ``exit``
    removes the candidate with the comment (or the failed rules) as the reason.
    ``readiness`` may carry the cohort's scores on the review date, computed once for
    many decisions.
    """
    duplicate = session.exec(
        select(ReserveReview).where(
            ReserveReview.candidate_id == candidate.id, ReserveReview.cycle_id == cycle.id
        )
    ).first()
    if duplicate:
        raise RuleViolation(
            "already_reviewed",
            f"candidate {candidate.id} has a decision in cycle {cycle.code} already",
            review_id=duplicate.id,
        )
    flag = session.exec(
        select(CycleFlag).where(
            CycleFlag.cycle_id == cycle.id, CycleFlag.candidate_id == candidate.id
        )
    ).first()
    on = cycle.review_date
    policy = policy or evaluation.current_policy()
    person_id = candidate.person_id
    result = evaluation.eligibility_of(session, [person_id], on=on, policy=policy)[person_id]
    if readiness is None or person_id not in readiness:
        readiness = evaluation.readiness_map(session, on=on, include=[person_id], policy=policy)
    ready = readiness[person_id]
    decision = body.decision.value
    if decision == "admit" and candidate.status == "nominated" and not result.eligible:
        raise RuleViolation(
            "not_eligible",
            f"candidate {candidate.id} fails {', '.join(result.reasons)} on {on}",
            reasons=list(result.reasons),
        )
    if decision == "retain" and (flag is not None or not result.eligible) and not body.comment:
        raise InvalidInput("comment", "retaining a candidate who fails the policy needs a comment")
    band = body.band.value if body.band else ready.band
    if band != ready.band and not body.band_comment:
        raise InvalidInput(
            "band_comment", f"overriding the suggested band {ready.band} needs a comment"
        )
    reason = body.comment
    if decision == "exit" and not reason:
        reason = f"exit at cycle {cycle.code}: " + (
            ", ".join(result.reasons) or "reviewer decision"
        )
    try:
        apply_move(
            session,
            candidate,
            action=decision,
            actor=actor,
            effective=on,
            reason=reason,
            cycle=cycle.code,
            journal=journal,
        )
    except InvalidInput as error:  # the cycle's review date comes before the last change
        raise InvalidInput("cycle", f"cycle {cycle.code}: {error.message}") from error
    reasons, _details = evaluation.reasons_json(result)
    review = ReserveReview(
        candidate_id=candidate.id,
        cycle_id=cycle.id,
        decision=decision,
        comment=body.comment,
        band_suggested=ready.band,
        band=band,
        band_comment=body.band_comment,
        readiness=ready.readiness,
        performance=ready.performance,
        potential=ready.potential,
        box=ready.placement["box"],
        eligible=result.eligible,
        reasons=reasons,
        reviewer_id=actor.id,
    )
    session.add(review)
    session.flush()
    emit(
        session,
        actor,
        [audit.Entry("reserve.review.create", "review", review.id, None, review)],
        journal,
    )
    return review, flag is not None


def list_reviews(
    session: Session, *, candidate_id: int, limit: int | None = None, offset: int = 0
) -> list[ReviewPublic]:
    candidate = get_candidate(session, candidate_id)
    rows = session.exec(
        select(ReserveReview, ReviewCycle)
        .join(ReviewCycle, col(ReviewCycle.id) == ReserveReview.cycle_id)
        .where(ReserveReview.candidate_id == candidate_id)
        .order_by(col(ReviewCycle.review_date), col(ReserveReview.id))
        .offset(offset)
        .limit(limit)
    ).all()
    flagged = {
        f.cycle_id
        for f in session.exec(select(CycleFlag).where(CycleFlag.candidate_id == candidate_id)).all()
    }
    return [_review_public(r, c, candidate, c.id in flagged) for r, c in rows]


def latest_cycle(session: Session) -> CyclePublic | None:
    """The cycle with the latest review date, with its exit flags; None before any."""
    cycle = session.exec(
        select(ReviewCycle).order_by(
            col(ReviewCycle.review_date).desc(), col(ReviewCycle.id).desc()
        )
    ).first()
    return _cycle_public(session, cycle) if cycle is not None else None


def cycle_for_decision(session: Session, *, candidate_id: int, today: date | None = None) -> str:
    """The cycle a reviewer most likely decides in next for this candidate: the latest
    cycle if the candidate has no decision there yet, else this year's code (``2026``)
    or, when that is taken, the first free ``2026-2``, ``2026-3`` ... (a new cycle opens
    when its first decision is recorded)."""
    get_candidate(session, candidate_id)
    today = today or clock.today()
    codes = set(session.exec(select(ReviewCycle.code)).all())
    latest = session.exec(
        select(ReviewCycle).order_by(
            col(ReviewCycle.review_date).desc(), col(ReviewCycle.id).desc()
        )
    ).first()
    if latest is not None:
        decided = session.exec(
            select(ReserveReview.id).where(
                ReserveReview.candidate_id == candidate_id, ReserveReview.cycle_id == latest.id
            )
        ).first()
        if decided is None:
            return latest.code
    code, n = str(today.year), 1
    while code in codes:
        n += 1
        code = f"{today.year}-{n}"
    return code
