"""A mentor's pages: my mentees, and one pairing with the mentee's basic information."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import Response

from api.deps import SessionDep
from api.web.i18n import page_language
from api.web.rendering import render
from api.web.security import PageForbidden, PairingPage
from api.web.views import UnitNames, people_by_id
from models import User
from models.matching_schemas import PairingPublic
from talent.services import pairings, people

router = APIRouter()

MAX_PAIRINGS = 500


def mentee_cards(session: Session, user: User, units: UnitNames) -> dict[str, Any]:
    """The user's pairings as mentor (their mentees) and as mentee (their own mentors)."""
    if user.person_id is None:
        return {"linked": False, "as_mentor": [], "as_mentee": [], "people": {}, "units": units}
    as_mentor = [
        PairingPublic.model_validate(p)
        for p in pairings.list_pairings(
            session, user=user, mentor_id=user.person_id, limit=MAX_PAIRINGS
        )
    ]
    as_mentee = [
        PairingPublic.model_validate(p)
        for p in pairings.list_pairings(
            session, user=user, mentee_id=user.person_id, limit=MAX_PAIRINGS
        )
    ]
    # Active pairings first, then the ended ones, newest start first within each.
    as_mentor.sort(key=lambda p: (p.status != "active", -p.start_date.toordinal(), p.id))
    ids = [p.mentee_id for p in as_mentor] + [p.mentor_id for p in as_mentee]
    return {
        "linked": True,
        "as_mentor": as_mentor,
        "as_mentee": as_mentee,
        "people": people_by_id(session, ids),
        "units": units,
    }


@router.get("/mentees", name="web.my_mentees")
def my_mentees(request: Request, session: SessionDep, user: PairingPage) -> Response:
    """My mentees: each pairing where I am the mentor, with the mentee's basic information."""
    units = UnitNames.load(session, page_language(request))
    return render(request, "mentees.html", user, mentee_cards(session, user, units))


@router.get("/pairings/{pairing_id}", name="web.pairing")
def pairing_page(
    pairing_id: int, request: Request, session: SessionDep, user: PairingPage
) -> Response:
    """One pairing: the mentee's record and skills. A mentor sees only their own pairings."""
    pairing = pairings.get_pairing(session, pairing_id)
    visible = pairings.list_pairings(
        session,
        user=user,
        mentor_id=pairing.mentor_id,
        mentee_id=pairing.mentee_id,
        limit=MAX_PAIRINGS,
    )
    if pairing.id not in {p.id for p in visible}:
        raise PageForbidden()
    mentee = people.person_detail(session, person_id=pairing.mentee_id, user=user)
    units = UnitNames.load(session, page_language(request))
    return render(
        request,
        "pairing.html",
        user,
        {
            "pairing": PairingPublic.model_validate(pairing),
            "mentee": mentee,
            "mentor": people_by_id(session, [pairing.mentor_id]).get(pairing.mentor_id),
            "units": units,
        },
    )
