"""The audit log, for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, SessionDep
from api.paging import Page
from models.schemas import AuditEventPublic
from talent import audit

router = APIRouter(tags=["audit"])


@router.get("/audit")
def list_audit(
    session: SessionDep,
    _user: AdminUser,
    page: Page,
    entity: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
) -> list[AuditEventPublic]:
    return audit.list_events(
        session, entity=entity, entity_id=entity_id, limit=page.limit, offset=page.offset
    )
