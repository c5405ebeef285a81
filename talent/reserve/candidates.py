"""Candidates of the reserve pool: nomination, the lifecycle, undo, effective-dated history.

States: ``nominated`` -> (admitted at a review) ``in_pool`` -> ``inspection`` (考察对象)
-> ``appointed`` (已使用); ``removed`` (撤销资格) from any open state, with a reason.
Every transition is a ``CandidateEvent`` effective on a date, and an audit event. An undo
reverts the latest transition that changed the state: both events stay in the history,
and neither counts when asking who was in the pool on a past date (the undo corrects the
record, as if the reverted step had not happened).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from models import Person, Unit, utcnow
from models.reserve import (
    OPEN_STATUSES,
    POOL_STATUSES,
    CandidateEvent,
    RecommendationDocument,
    ReserveCandidate,
)
from models.reserve_schemas import CandidateCreate, DocumentPublic, EventPublic, TransitionCreate
from talent import audit, clock
from talent.audit import Actor
from talent.db import get_row, write_lock
from talent.errors import InvalidInput, NotFound, RuleViolation

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Move:
    """A transition: the states it may start from and the state it leads to (None: same)."""

    sources: frozenset[str]
    target: str | None


MOVES: dict[str, Move] = {
    "admit": Move(frozenset({"nominated"}), "in_pool"),
    "retain": Move(frozenset({"in_pool", "inspection"}), None),
    "exit": Move(frozenset(OPEN_STATUSES), "removed"),
    "list_for_inspection": Move(frozenset({"in_pool"}), "inspection"),
    "appoint": Move(frozenset({"inspection"}), "appointed"),
    "remove": Move(frozenset(OPEN_STATUSES), "removed"),
}
"""Every transition by action name; ``nominate`` creates the candidate."""


def get_candidate(session: Session, candidate_id: int) -> ReserveCandidate:
    return get_row(session, ReserveCandidate, candidate_id, "candidate")


def _event(
    session: Session,
    candidate: ReserveCandidate,
    *,
    action: str,
    from_status: str | None,
    to_status: str,
    effective: date,
    actor: Actor,
    reason: str | None = None,
    cycle: str | None = None,
    reverts: int | None = None,
) -> CandidateEvent:
    event = CandidateEvent(
        candidate_id=candidate.id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        effective_date=effective,
        reason=reason,
        cycle=cycle,
        reverts_event_id=reverts,
        actor_id=actor.id,
        actor_name=actor.name,
    )
    session.add(event)
    session.flush()
    return event


Journal = list[audit.Entry] | None
"""Where a no-commit helper's audit entries go: ``None`` appends them to the audit chain
at once; a list collects them for a caller that audits a whole batch as one event (the
demo loader, as ``talent.demo.load`` does for the roster)."""


def emit(session: Session, actor: Actor, entries: list[audit.Entry], journal: Journal) -> None:
    """Audit ``entries`` now, or hand them to the caller's journal."""
    if journal is None:
        audit.record_many(session, actor=actor, entries=entries)
    else:
        journal.extend(entries)


def _audit_move(
    session: Session,
    actor: Actor,
    action: str,
    candidate: ReserveCandidate,
    before: dict | None,
    event: CandidateEvent,
    journal: Journal = None,
) -> None:
    """The candidate's change and its history event, in one append to the audit chain."""
    entries = [
        audit.Entry(action, "candidate", candidate.id, before, candidate),
        audit.Entry("reserve.candidate.event", "candidate_event", event.id, None, event),
    ]
    emit(session, actor, entries, journal)


def events_of(session: Session, candidate_id: int) -> list[CandidateEvent]:
    return list(
        session.exec(
            select(CandidateEvent)
            .where(CandidateEvent.candidate_id == candidate_id)
            .order_by(col(CandidateEvent.effective_date), col(CandidateEvent.id))
        ).all()
    )


def live_events(events: list[CandidateEvent]) -> list[CandidateEvent]:
    """Events that stand: neither an undo nor reverted by one; in effective order."""
    reverted = {e.reverts_event_id for e in events if e.reverts_event_id is not None}
    return [e for e in events if e.reverts_event_id is None and e.id not in reverted]


def _check_open_free(session: Session, person_id: int, candidate_id: int | None = None) -> None:
    other = session.exec(
        select(ReserveCandidate).where(
            ReserveCandidate.person_id == person_id,
            col(ReserveCandidate.status).in_(OPEN_STATUSES),
        )
    ).first()
    if other is not None and other.id != candidate_id:
        raise RuleViolation(
            "already_in_pool",
            f"person {person_id} already has an open candidacy ({other.status}), "
            f"candidate {other.id}",
            candidate_id=other.id,
        )


def nominate(session: Session, *, body: CandidateCreate, actor: Actor) -> ReserveCandidate:
    """Nominate a person; eligibility is reported, not required (admission requires it)."""
    if session.get(Person, body.person_id) is None:
        raise NotFound("person", body.person_id)
    if (
        body.recommending_unit_id is not None
        and session.get(Unit, body.recommending_unit_id) is None
    ):
        raise NotFound("unit", body.recommending_unit_id)
    today = clock.today()
    recommended_on = body.recommended_on or today
    if recommended_on > today:
        raise InvalidInput("recommended_on", "recommended_on is in the future")
    write_lock(session, "reserve.candidate")
    candidate = create_candidate(
        session,
        person_id=body.person_id,
        source=body.source.value,
        recommending_unit_id=body.recommending_unit_id,
        recommended_on=recommended_on,
        reason=body.reason,
        actor=actor,
    )
    session.commit()
    session.refresh(candidate)
    return candidate


def create_candidate(
    session: Session,
    *,
    person_id: int,
    source: str,
    recommending_unit_id: int | None,
    recommended_on: date,
    reason: str | None,
    actor: Actor,
    journal: Journal = None,
) -> ReserveCandidate:
    """The candidate, its ``nominate`` event and their audit events (no commit)."""
    _check_open_free(session, person_id)
    candidate = ReserveCandidate(
        person_id=person_id,
        status="nominated",
        source=source,
        recommending_unit_id=recommending_unit_id,
        recommended_on=recommended_on,
        reason=reason,
        status_since=recommended_on,
        created_by=actor.id,
    )
    session.add(candidate)
    session.flush()
    event = _event(
        session,
        candidate,
        action="nominate",
        from_status=None,
        to_status="nominated",
        effective=recommended_on,
        actor=actor,
        reason=reason,
    )
    _audit_move(session, actor, "reserve.candidate.nominate", candidate, None, event, journal)
    return candidate


def apply_move(
    session: Session,
    candidate: ReserveCandidate,
    *,
    action: str,
    actor: Actor,
    effective: date,
    reason: str | None = None,
    cycle: str | None = None,
    journal: Journal = None,
) -> CandidateEvent:
    """Move a candidate (no commit): checks the state machine and the effective date."""
    move = MOVES[action]
    if candidate.status not in move.sources:
        allowed = ", ".join(sorted(move.sources))
        raise RuleViolation(
            "illegal_transition",
            f"cannot {action} a candidate who is {candidate.status} (allowed from: {allowed})",
            status=candidate.status,
            action=action,
        )
    live = live_events(events_of(session, candidate.id))
    if live and effective < live[-1].effective_date:
        raise InvalidInput(
            "effective_date",
            f"effective date {effective} precedes the candidate's last change "
            f"({live[-1].effective_date})",
        )
    before = candidate.model_dump()
    target = move.target or candidate.status
    event = _event(
        session,
        candidate,
        action=action,
        from_status=candidate.status,
        to_status=target,
        effective=effective,
        actor=actor,
        reason=reason,
        cycle=cycle,
    )
    if target != candidate.status:
        candidate.status, candidate.status_since = target, effective
        candidate.removal_reason = reason if target == "removed" else candidate.removal_reason
        candidate.updated_at = utcnow()
        session.add(candidate)
        session.flush()
    _audit_move(session, actor, f"reserve.candidate.{action}", candidate, before, event, journal)
    return event


def transition(
    session: Session, *, candidate_id: int, body: TransitionCreate, actor: Actor
) -> ReserveCandidate:
    """``list_for_inspection``, ``appoint`` or ``remove`` (a removal needs a reason)."""
    write_lock(session, "reserve.candidate")
    candidate = get_candidate(session, candidate_id)
    if body.action == "remove" and not body.reason:
        raise InvalidInput("reason", "a removal needs a reason")
    effective = body.effective_date or clock.today()
    if effective > clock.today():
        raise InvalidInput("effective_date", "effective_date is in the future")
    apply_move(
        session, candidate, action=body.action, actor=actor, effective=effective, reason=body.reason
    )
    session.commit()
    session.refresh(candidate)
    return candidate


REVIEWER_MOVES: tuple[str, ...] = ("list_for_inspection", "appoint", "remove")
"""The transitions a reviewer makes outside a review cycle (``TransitionCreate.action``)."""


def moves_from(status: str) -> list[str]:
    """The reviewer's transitions open to a candidate in ``status``, in lifecycle order."""
    return [action for action in REVIEWER_MOVES if status in MOVES[action].sources]


def step_to_undo(session: Session, candidate_id: int) -> CandidateEvent | None:
    """The step :func:`undo` would revert: the latest standing transition that changed the
    state (the nomination is never one); None when there is nothing to undo."""
    live = live_events(events_of(session, candidate_id))
    changes = [e for e in live if e.from_status is not None and e.from_status != e.to_status]
    return changes[-1] if changes else None


def undo(session: Session, *, candidate_id: int, reason: str, actor: Actor) -> ReserveCandidate:
    """Revert the latest standing transition that changed the state (not the nomination)."""
    write_lock(session, "reserve.candidate")
    candidate = get_candidate(session, candidate_id)
    live = live_events(events_of(session, candidate_id))
    target = step_to_undo(session, candidate_id)
    if target is None:
        raise RuleViolation("nothing_to_undo", f"candidate {candidate_id} has no step to undo")
    restored = target.from_status
    assert restored is not None
    if restored in OPEN_STATUSES:
        _check_open_free(session, candidate.person_id, candidate_id)
    before = candidate.model_dump()
    event = _event(
        session,
        candidate,
        action=f"undo_{target.action}",
        from_status=candidate.status,
        to_status=restored,
        effective=clock.today(),
        actor=actor,
        reason=reason,
        reverts=target.id,
    )
    remaining = [e for e in live if e.id != target.id]
    candidate.status = restored
    candidate.status_since = remaining[-1].effective_date if remaining else candidate.recommended_on
    if restored != "removed":
        candidate.removal_reason = None
    candidate.updated_at = utcnow()
    session.add(candidate)
    session.flush()
    _audit_move(session, actor, f"reserve.candidate.undo_{target.action}", candidate, before, event)
    session.commit()
    session.refresh(candidate)
    return candidate


def history(
    session: Session, *, candidate_id: int, limit: int | None = None, offset: int = 0
) -> list[EventPublic]:
    """Every event of a candidate, in the order it was recorded, with ``reverted`` marked."""
    get_candidate(session, candidate_id)
    events = sorted(events_of(session, candidate_id), key=lambda e: e.id or 0)
    reverted = {e.reverts_event_id for e in events if e.reverts_event_id is not None}
    end = None if limit is None else offset + limit
    return [
        EventPublic.model_validate(e.model_dump() | {"reverted": e.id in reverted})
        for e in events[offset:end]
    ]


def statuses_on(session: Session, on: date) -> dict[int, str]:
    """Each candidate's state on ``on`` as the corrected record has it (module docstring);
    candidates not yet nominated on that date are left out."""
    events = session.exec(
        select(CandidateEvent).order_by(col(CandidateEvent.effective_date), col(CandidateEvent.id))
    ).all()
    by_candidate: dict[int, list[CandidateEvent]] = defaultdict(list)
    for event in events:
        by_candidate[event.candidate_id].append(event)
    found = {}
    for candidate_id, rows in by_candidate.items():
        standing = [e for e in live_events(rows) if e.effective_date <= on]
        if standing:
            found[candidate_id] = standing[-1].to_status
    return found


def pool_on(session: Session, on: date) -> list[int]:
    """Ids of the candidates in the pool (in_pool or inspection) on ``on``, sorted."""
    return sorted(
        cid for cid, status in statuses_on(session, on).items() if status in POOL_STATUSES
    )


# --- recommendation documents ------------------------------------------------------------
def _document_meta(doc: RecommendationDocument) -> dict:
    return doc.model_dump(exclude={"content"})


def attach_document(
    session: Session,
    *,
    candidate_id: int,
    filename: str,
    content_type: str,
    content: bytes,
    actor: Actor,
) -> DocumentPublic:
    get_candidate(session, candidate_id)
    if not content:
        raise InvalidInput("file", "the file is empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise InvalidInput("file", f"the file is over {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    doc = store_document(
        session,
        candidate_id=candidate_id,
        filename=filename,
        content_type=content_type,
        content=content,
        actor=actor,
    )
    session.commit()
    session.refresh(doc)
    return DocumentPublic.model_validate(_document_meta(doc))


def store_document(
    session: Session,
    *,
    candidate_id: int,
    filename: str,
    content_type: str,
    content: bytes,
    actor: Actor,
    journal: Journal = None,
) -> RecommendationDocument:
    """The document row and its audit event (no commit; the content is not audited)."""
    doc = RecommendationDocument(
        candidate_id=candidate_id,
        filename=(filename or "document")[:200],
        content_type=(content_type or "application/octet-stream")[:100],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=actor.id,
    )
    session.add(doc)
    session.flush()
    entry = audit.Entry(
        "reserve.document.attach", "recommendation_document", doc.id, None, _document_meta(doc)
    )
    emit(session, actor, [entry], journal)
    return doc


def documents_of(session: Session, candidate_id: int) -> list[DocumentPublic]:
    rows = session.exec(
        select(RecommendationDocument)
        .where(RecommendationDocument.candidate_id == candidate_id)
        .order_by(col(RecommendationDocument.id))
    ).all()
    return [DocumentPublic.model_validate(_document_meta(d)) for d in rows]


def read_document(
    session: Session, *, candidate_id: int, document_id: int, actor: Actor
) -> RecommendationDocument:
    doc = session.get(RecommendationDocument, document_id)
    if doc is None or doc.candidate_id != candidate_id:
        raise NotFound("document", document_id)
    audit.record(
        session,
        actor=actor,
        action="reserve.document.read",
        entity="recommendation_document",
        entity_id=doc.id,
        after={"candidate_id": candidate_id, "filename": doc.filename},
    )
    session.commit()
    return doc
