"""Who may read or write on a pairing: admin, planner, its mentor, its mentee, or nobody.

One ``get_pairing`` for every use case of the domain; ``pairing_as`` answers 403 naming
who may, for a user who stands in none of the allowed relations.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session

from models import Pairing, Role, User
from talent.db import get_row
from talent.errors import Forbidden

ADMIN, PLANNER, MENTOR, MENTEE = "admin", "planner", "mentor", "mentee"
READERS = frozenset({ADMIN, PLANNER, MENTOR, MENTEE})


def relation(user: User, pairing: Pairing) -> str | None:
    """The user's standing on a pairing: admin, planner, its mentor, its mentee, or None.

    A mentee counts only through a user of role ``mentor`` linked to the mentee's person
    (young staff mentor clerks and are mentored by seniors, so they hold that role).
    """
    if user.role == Role.admin:
        return ADMIN
    if user.role == Role.planner:
        return PLANNER
    if user.role == Role.mentor and user.person_id is not None:
        if user.person_id == pairing.mentor_id:
            return MENTOR
        if user.person_id == pairing.mentee_id:
            return MENTEE
    return None


def get_pairing(session: Session, pairing_id: int) -> Pairing:
    return get_row(session, Pairing, pairing_id, "pairing")


def pairing_as(
    session: Session, *, pairing_id: int, user: User, allowed: Collection[str], doing: str
) -> Pairing:
    """The pairing, if ``user`` stands in one of the ``allowed`` relations to it (403 otherwise)."""
    pairing = get_pairing(session, pairing_id)
    if relation(user, pairing) not in allowed:
        who = " or ".join(r if r in (ADMIN, PLANNER) else f"its {r}" for r in sorted(allowed))
        raise Forbidden(f"only {who} may {doing} on pairing {pairing_id}")
    return pairing
