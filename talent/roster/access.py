"""Who may read a person: mentors themselves and their own mentees, other readers everyone."""

from __future__ import annotations

from sqlmodel import Session, select

from models import Pairing, Role, User


def may_read_person(session: Session, *, user: User, person_id: int) -> bool:
    """Mentors read themselves and their own mentees; other reading roles read everyone."""
    if user.role != Role.mentor:
        return True
    if user.person_id is None:
        return False
    if user.person_id == person_id:
        return True
    mentee = session.exec(
        select(Pairing.id).where(
            Pairing.mentor_id == user.person_id, Pairing.mentee_id == person_id
        )
    ).first()
    return mentee is not None
