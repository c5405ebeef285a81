"""Accounts: creation, login (failed attempts are audited), the first admin."""

from __future__ import annotations

from sqlmodel import Session, select

from models import Person, Role, User
from models.schemas import UserCreate
from talent import audit
from talent.audit import Actor
from talent.errors import NotFound, RuleViolation
from talent.security import hash_password, verify_password


def create_user(session: Session, *, body: UserCreate, actor: Actor) -> User:
    """Create an account; 409 on a taken username, 404 on an unknown person."""
    if session.exec(select(User).where(User.username == body.username)).first():
        raise RuleViolation("duplicate_username", f"username '{body.username}' is taken")
    if body.person_id is not None and session.get(Person, body.person_id) is None:
        raise NotFound("person", body.person_id)
    user = User(
        username=body.username,
        password_hash=hash_password(body.password),
        role=Role(body.role).value,
        person_id=body.person_id,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor=actor, action="user.create", entity="user", entity_id=user.id, after=user
    )
    session.commit()
    session.refresh(user)
    return user


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The user for valid credentials; None (and an audited failure) otherwise."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is not None and user.active and verify_password(password, user.password_hash):
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
