"""The planner's review of proposals: accept (creates a pairing), reject with a reason, bulk."""

from __future__ import annotations

from sqlmodel import Session

from models import Link, MatchingRun, Pairing, Proposal, utcnow
from models.matching_schemas import BulkDecision, BulkOutcome
from talent import audit
from talent.audit import Actor
from talent.db import get_row
from talent.errors import DomainError, InvalidInput, RuleViolation
from talent.mentoring.pairings import create_pairing, lock_pair


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    return get_row(session, Proposal, proposal_id, "proposal")


def _open(proposal: Proposal) -> None:
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
