"""The planner's review of proposals: accept (creates a pairing), reject with a reason, bulk.

A pairing made by accepting a proposal, or by hand, invalidates open proposals of other
runs: the mentee's on that link, and the mentor's on that link once the mentor is full.
Those become ``stale`` at once, with the reason (``mentee paired in run 2``), so no run
shows them as pending and accepting one answers 409 ``proposal_stale`` naming it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from models import Link, MatchingRun, Pairing, Person, Proposal, utcnow
from models.matching_schemas import BulkDecision, BulkOutcome
from talent import audit
from talent.audit import Actor
from talent.db import get_row
from talent.errors import DomainError, InvalidInput, RuleViolation
from talent.mentoring.pairings import active_pairings_as_mentor, create_pairing, lock_pair


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    return get_row(session, Proposal, proposal_id, "proposal")


STALE = "stale"


def stale_reason(cause: str, run_id: int | None) -> str:
    """Why a proposal went stale: ``cause`` is ``mentee_paired`` or ``mentor_full``."""
    how = f"in run {run_id}" if run_id is not None else "by hand"
    return {
        "mentee_paired": f"mentee paired {how}",
        "mentor_full": f"mentor full after a pairing {how}",
    }[cause]


def stale_reason_zh(reason: str) -> str:
    """A stored :func:`stale_reason` in Chinese."""
    cause, run_id = stale_cause(reason)
    how = f"在第 {run_id} 批次中" if run_id is not None else "经手工结对"
    if cause == "mentee_paired":
        return f"徒弟已{how}结对"
    return f"导师{how}结对后名额已满"


def stale_cause(reason: str) -> tuple[str, int | None]:
    """The cause and run of a reason :func:`stale_reason` wrote (for the pages' words)."""
    cause = "mentee_paired" if reason.startswith("mentee paired") else "mentor_full"
    run = reason.rsplit("in run ", 1)
    return cause, int(run[1]) if len(run) == 2 and run[1].isdigit() else None


def mark_stale(
    session: Session, *, pairing: Pairing, run_id: int | None, actor: Actor
) -> list[Proposal]:
    """Mark, in the caller's transaction, every open proposal ``pairing`` invalidates.

    On the pairing's link, in any run: the mentee's open proposals, and the mentor's once
    the mentor has no free slot left. Each change is audited.
    """
    link = Link(pairing.link)
    open_on_link = (
        select(Proposal)
        .join(MatchingRun, col(MatchingRun.id) == col(Proposal.run_id))
        .where(MatchingRun.link == link.value, Proposal.status == "proposed")
    )
    mentor = session.get(Person, pairing.mentor_id)
    full = mentor is not None and (
        active_pairings_as_mentor(session, pairing.mentor_id, link) >= mentor.mentor_capacity
    )
    changed: list[Proposal] = []
    entries: list[audit.Entry] = []
    for proposal in session.exec(open_on_link.order_by(col(Proposal.id))).all():
        if proposal.mentee_id == pairing.mentee_id:
            cause = "mentee_paired"
        elif full and proposal.mentor_id == pairing.mentor_id:
            cause = "mentor_full"
        else:
            continue
        before = proposal.model_dump()
        proposal.status = STALE
        proposal.reason = stale_reason(cause, run_id)
        proposal.decided_by = actor.id
        proposal.decided_at = utcnow()
        session.add(proposal)
        changed.append(proposal)
        entries.append(audit.Entry("proposal.stale", "proposal", proposal.id, before, proposal))
    if entries:
        session.flush()
        audit.record_many(session, actor=actor, entries=entries)
    return changed


def pair_by_hand(
    session: Session,
    *,
    mentor_id: int,
    mentee_id: int,
    actor: Actor,
    start_date: date | None = None,
) -> Pairing:
    """A planner's pairing without a proposal: every hard rule, then the proposals it stales."""
    pairing = create_pairing(
        session,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        actor=actor,
        start_date=start_date,
        commit=False,
    )
    mark_stale(session, pairing=pairing, run_id=None, actor=actor)
    session.commit()
    session.refresh(pairing)
    return pairing


def _open(proposal: Proposal) -> None:
    if proposal.status == STALE:
        raise RuleViolation(
            "proposal_stale",
            f"proposal {proposal.id} is stale: {proposal.reason}",
            zh=f"该建议已失效：{stale_reason_zh(proposal.reason or '')}",
            status=proposal.status,
        )
    if proposal.status != "proposed":
        raise RuleViolation(
            "proposal_decided",
            f"proposal {proposal.id} is already {proposal.status}",
            status=proposal.status,
        )


def accept_proposal(session: Session, *, proposal_id: int, actor: Actor) -> Pairing:
    """Turn a proposal into a pairing, re-checking every hard rule in one transaction."""
    proposal = get_proposal(session, proposal_id)
    lock_pair(session, proposal.mentor_id, proposal.mentee_id)
    session.refresh(proposal)
    _open(proposal)
    run = session.get(MatchingRun, proposal.run_id)
    pairing = create_pairing(
        session,
        mentor_id=proposal.mentor_id,
        mentee_id=proposal.mentee_id,
        actor=actor,
        link=Link(run.link) if run else None,
        proposal_id=proposal.id,
        commit=False,
    )
    before = proposal.model_dump()
    proposal.status = "accepted"
    proposal.decided_by = actor.id
    proposal.decided_at = utcnow()
    proposal.pairing_id = pairing.id
    audit.saved(
        session, proposal, actor=actor, action="proposal.accept", entity="proposal", before=before
    )
    mark_stale(session, pairing=pairing, run_id=proposal.run_id, actor=actor)
    session.commit()
    session.refresh(pairing)
    return pairing


def reject_proposal(session: Session, *, proposal_id: int, reason: str, actor: Actor) -> Proposal:
    proposal = get_proposal(session, proposal_id)
    lock_pair(session, proposal.mentor_id, proposal.mentee_id)
    session.refresh(proposal)
    _open(proposal)
    before = proposal.model_dump()
    proposal.status = "rejected"
    proposal.reason = reason
    proposal.decided_by = actor.id
    proposal.decided_at = utcnow()
    audit.saved(
        session, proposal, actor=actor, action="proposal.reject", entity="proposal", before=before
    )
    session.commit()
    session.refresh(proposal)
    return proposal


def decide_many(session: Session, *, body: BulkDecision, actor: Actor) -> list[BulkOutcome]:
    """Accept or reject several proposals; each one is its own transaction and reports its outcome."""
    if body.action == "reject" and not (body.reason and body.reason.strip()):
        raise InvalidInput("reason", "rejecting needs a reason")
    outcomes = []
    for proposal_id in body.proposal_ids:
        try:
            if body.action == "accept":
                pairing = accept_proposal(session, proposal_id=proposal_id, actor=actor)
                outcomes.append(
                    BulkOutcome(
                        proposal_id=proposal_id, ok=True, status="accepted", pairing_id=pairing.id
                    )
                )
            else:
                reject_proposal(
                    session, proposal_id=proposal_id, reason=body.reason or "", actor=actor
                )
                outcomes.append(BulkOutcome(proposal_id=proposal_id, ok=True, status="rejected"))
        except DomainError as error:
            session.rollback()
            outcomes.append(
                BulkOutcome(
                    proposal_id=proposal_id,
                    ok=False,
                    status="unchanged",
                    rule=getattr(error, "rule", type(error).__name__),
                    message=error.message,
                )
            )
    return outcomes
