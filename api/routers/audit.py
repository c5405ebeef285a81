"""The audit log, for admins: the events (filtered), the chain's verification, sensitive reads."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, SessionDep
from api.paging import Page
from models.schemas import AuditEventPublic
from talent import audit
from talent.audit import AuditQuery, ChainReport
from talent.audit import views as audit_views
from talent.audit.views import SensitiveRead
from talent.errors import InvalidInput

router = APIRouter(tags=["audit"])

Name = Annotated[str | None, Query(max_length=64)]


def _query(
    *,
    actor: str | None,
    actor_id: int | None,
    action: str | None,
    entity: str | None,
    entity_id: str | None,
    date_from: date | None,
    date_to: date | None,
) -> AuditQuery:
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("date_to", "date_to is before date_from")
    return AuditQuery(
        actor_id=actor_id,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        date_from=date_from,
        date_to=date_to,
    )


@router.get("/audit")
def list_audit(
    session: SessionDep,
    _user: AdminUser,
    page: Page,
    entity: Name = None,
    entity_id: Name = None,
    actor: Annotated[str | None, Query(max_length=64, description="the actor's username")] = None,
    actor_id: Annotated[int | None, Query(description="the actor's account id")] = None,
    action: Name = None,
    date_from: Annotated[date | None, Query(description="first local day (court time)")] = None,
    date_to: Annotated[date | None, Query(description="last local day, included")] = None,
) -> list[AuditEventPublic]:
    """Audit events, oldest first, filtered by who, what, which record and local dates."""
    query = _query(
        actor=actor,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        date_from=date_from,
        date_to=date_to,
    )
    return audit.search_events(session, query=query, limit=page.limit, offset=page.offset)


@router.get("/audit/verify")
def verify_audit(session: SessionDep, _user: AdminUser) -> ChainReport:
    """Walk the hash chain: how many events fit, and the first that does not."""
    return audit.verify(session)


@router.get("/audit/sensitive-reads")
def list_sensitive_reads(
    session: SessionDep,
    _user: AdminUser,
    page: Page,
    actor_id: Annotated[int | None, Query(description="the reader's account id")] = None,
    person_id: Annotated[int | None, Query(description="whose file was read")] = None,
    date_from: Annotated[date | None, Query(description="first local day (court time)")] = None,
    date_to: Annotated[date | None, Query(description="last local day, included")] = None,
) -> list[SensitiveRead]:
    """Who read which candidate's sensitive file (political file, positive/negative list), when."""
    query = _query(
        actor=None,
        actor_id=actor_id,
        action=None,
        entity="person" if person_id is not None else None,
        entity_id=str(person_id) if person_id is not None else None,
        date_from=date_from,
        date_to=date_to,
    )
    return audit_views.sensitive_reads(session, query=query, limit=page.limit, offset=page.offset)
