"""Accounts: creation, login (failed attempts are audited), the first admin.

What an admin does to an account afterwards (list, role, reset, deactivate) and a user's
own password change live in :mod:`talent.accounts`.
"""

from __future__ import annotations

from sqlmodel import Session, select

from models import Person, Role, User, utcnow
from models.schemas import UserCreate
from talent import audit
from talent.audit import Actor
from talent.errors import NotFound, RuleViolation
from talent.security import hash_password, verify_password


def create_user(session: Session, *, body: UserCreate, actor: Actor) -> User:
    """Create an account; 409 on a taken username, 404 on an unknown person."""
    if session.exec(select(User).where(User.username == body.username)).first():
        raise RuleViolation("duplicate_username", f"username '{body.username}' is taken")
    if body.person_id is not None:
        check_person_free(session, person_id=body.person_id)
    user = User(
        username=body.username,
        password_hash=hash_password(body.password),
        role=Role(body.role).value,
        person_id=body.person_id,
        must_change_password=body.must_change_password,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor=actor, action="user.create", entity="user", entity_id=user.id, after=user
    )
    session.commit()
    session.refresh(user)
    return user


def check_person_free(session: Session, *, person_id: int, user_id: int | None = None) -> Person:
    """The person an account is to be linked to: 404 if unknown, 409 if another account has it.

    One account a person: the accounts page names its owner, the audit names one actor.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("person", person_id)
    holder = session.exec(select(User).where(User.person_id == person_id)).first()
    if holder is not None and holder.id != user_id:
        raise RuleViolation(
            "person_has_account",
            f"{person.name} already has the account '{holder.username}'",
            username=holder.username,
        )
    return person


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The user for valid credentials; None (and an audited failure) otherwise."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is not None and user.active and verify_password(password, user.password_hash):
        user.last_login_at = utcnow()
        session.add(user)
        session.commit()
        session.refresh(user)
        return user
    if user is None:
        verify_password(password, None)
    audit.record(
        session,
        actor=Actor(None, "anonymous"),
        action="auth.login_failed",
        entity="user",
        entity_id=user.id if user else None,
        after={"username": username[:64]},
    )
    session.commit()
    return None


def ensure_first_admin(session: Session, *, username: str, password: str | None) -> User | None:
    """Create the first admin when the database has no users and a password is configured."""
    if not password or session.exec(select(User).limit(1)).first() is not None:
        return None
    body = UserCreate(username=username, password=password, role=Role.admin)
    return create_user(session, body=body, actor=Actor(None, "bootstrap"))
