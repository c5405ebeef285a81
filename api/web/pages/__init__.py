"""Every page of the web interface, in one router (kept out of the OpenAPI schema)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.web.pages import (
    account,
    admin,
    assessment,
    audit_log,
    graph,
    matching,
    mentoring,
    pairings_board,
    person,
    reports,
    reserve,
    roster,
)
from api.web.security import mark_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(mark_page)])
for module in (
    account,
    admin,
    audit_log,
    roster,
    person,
    matching,
    pairings_board,
    reports,
    graph,
    mentoring,
    assessment,
    reserve,
):
    router.include_router(module.router)

__all__ = ["router"]
