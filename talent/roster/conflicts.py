"""Declared conflicts of interest between two people: such a pair is never proposed or paired."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from models import Conflict
from models.schemas import ConflictCreate, ConflictPublic
from talent import audit
from talent.audit import Actor
from talent.db import get_row
from talent.errors import InvalidInput, RuleViolation
from talent.roster.people import get_person


def conflict_between(session: Session, a: int, b: int) -> Conflict | None:
    low, high = sorted((a, b))
    return session.exec(
        select(Conflict).where(Conflict.person_a_id == low, Conflict.person_b_id == high)
    ).first()


def create_conflict(session: Session, *, body: ConflictCreate, actor: Actor) -> ConflictPublic:
    if body.person_a == body.person_b:
        raise InvalidInput("person_b", "a conflict needs two different people")
    get_person(session, body.person_a)
    get_person(session, body.person_b)
    if conflict_between(session, body.person_a, body.person_b):
        raise RuleViolation("duplicate_conflict", "this conflict of interest is already declared")
    low, high = sorted((body.person_a, body.person_b))
    conflict = Conflict(person_a_id=low, person_b_id=high, reason=body.reason)
    audit.saved(session, conflict, actor=actor, action="conflict.create", entity="conflict")
    session.commit()
    session.refresh(conflict)
    return conflict_public(conflict)


def conflict_public(conflict: Conflict) -> ConflictPublic:
    return ConflictPublic(
        id=conflict.id,
        person_a=conflict.person_a_id,
        person_b=conflict.person_b_id,
        reason=conflict.reason,
        created_at=conflict.created_at,
    )


def list_conflicts(
    session: Session, *, person_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[ConflictPublic]:
    query = select(Conflict)
    if person_id is not None:
        query = query.where(
            or_(col(Conflict.person_a_id) == person_id, col(Conflict.person_b_id) == person_id)
        )
    rows = session.exec(query.order_by(col(Conflict.id)).offset(offset).limit(limit)).all()
    return [conflict_public(c) for c in rows]


REASON_MAX = 500


def withdraw_conflict(
    session: Session, *, conflict_id: int, reason: str, actor: Actor
) -> ConflictPublic:
    """Withdraw a declared conflict, with the reason: the pair may be proposed and paired again.

    The row goes; the audit log keeps it (``before``) and the reason (``after``), so the
    declaration and its withdrawal stay traceable. Raises InvalidInput naming ``reason``
    when it is blank or too long, NotFound for an unknown conflict.
    """
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reason", "withdrawing a conflict of interest needs a reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", f"the reason is at most {REASON_MAX} characters")
    conflict = get_row(session, Conflict, conflict_id, "conflict")
    withdrawn = conflict_public(conflict)
    audit.record(
        session,
        actor=actor,
        action="conflict.withdraw",
        entity="conflict",
        entity_id=conflict_id,
        before=withdrawn,
        after={"withdrawn": True, "reason": reason},
    )
    session.delete(conflict)
    session.commit()
    return withdrawn
