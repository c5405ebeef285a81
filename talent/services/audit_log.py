"""Reading the audit log (the chain itself lives in ``talent.audit``)."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from models import AuditEvent
from models.schemas import AuditEventPublic


def list_events(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[AuditEventPublic]:
    """Events oldest first, optionally for one entity (kind, and id)."""
    query = select(AuditEvent)
    if entity is not None:
        query = query.where(AuditEvent.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    rows = session.exec(query.order_by(AuditEvent.seq).offset(offset).limit(limit)).all()
    return [
        AuditEventPublic(
            **event.model_dump(exclude={"before", "after"}),
            before=json.loads(event.before) if event.before else None,
            after=json.loads(event.after) if event.after else None,
        )
        for event in rows
    ]
