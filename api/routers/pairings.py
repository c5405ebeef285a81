"""Pairings: manual creation, listing (a mentor sees their own), ending."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import PairingReader, PlannerUser, SessionDep, actor_of
from api.paging import Page
from models import Link
from models.matching_schemas import PairingCreate, PairingEnd, PairingPublic
from talent.matching import proposals
from talent.mentoring import pairings
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS

router = APIRouter(tags=["pairings"])


@router.post("/pairings", status_code=201)
def create_pairing(body: PairingCreate, session: SessionDep, user: PlannerUser) -> PairingPublic:
    pairing = proposals.pair_by_hand(
        session,
        mentor_id=body.mentor_id,
        mentee_id=body.mentee_id,
        start_date=body.start_date,
        actor=actor_of(user),
    )
    return PairingPublic.model_validate(pairing)


@router.get("/pairings")
def list_pairings(
    session: SessionDep,
    user: PairingReader,
    page: Page,
    mentor_id: int | None = None,
    mentee_id: int | None = None,
    status: str | None = None,
    link: Link | None = None,
    overdue: bool | None = None,
    overdue_days: Annotated[int, Query(ge=1, le=365)] = DEFAULT_OVERDUE_DAYS,
    unit_id: Annotated[
        int | None, Query(description="mentor or mentee in this unit (with its departments)")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="mentor or mentee name / staff number contains"),
    ] = None,
    sort: Annotated[
        Literal["id", "urgency"],
        Query(description="`urgency`: active pairings first, longest without a log first"),
    ] = "id",
) -> list[PairingPublic]:
    found = pairings.list_pairings(
        session,
        user=user,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        status=status,
        link=link.value if link else None,
        overdue=overdue,
        overdue_days=overdue_days,
        unit_id=unit_id,
        q=q,
        sort=sort,
        limit=page.limit,
        offset=page.offset,
    )
    return [PairingPublic.model_validate(p) for p in found]


@router.post("/pairings/{pairing_id}/end")
def end_pairing(
    pairing_id: int, body: PairingEnd, session: SessionDep, user: PairingReader
) -> PairingPublic:
    ended = pairings.end_pairing(
        session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
    )
    return PairingPublic.model_validate(ended)
