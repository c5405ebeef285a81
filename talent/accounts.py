"""What an admin does to accounts, and what every user does to their own password.

Use cases, session first (creation and login are in :mod:`talent.users`):

- :func:`list_accounts`, :func:`get_account`: accounts with their linked person's name;
- :func:`update_account`: role, linked person, active (deactivate / reactivate);
- :func:`reset_password`: a temporary password the user must change at next login;
- :func:`change_own_password`: a user's own new password, given the current one;
- :func:`people_without_account`: whom the accounts page may create an account for.

Rule ``last_admin``: the last active admin can be neither deactivated nor given another
role, so that someone can always manage the accounts. Every change is audited
(``user.role_change``, ``user.person_link``, ``user.deactivate``, ``user.reactivate``,
``user.password_reset``, ``user.password_change``); the audit snapshot leaves out the
password hash, and no password ever reaches it.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from models import Person, Role, User
from models.schemas import UserAccount, UserUpdate
from talent import audit
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.security import hash_password, verify_password
from talent.users import check_person_free

TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits without the look-alikes (0/O, 1/l/I), for a password read aloud."""


def temporary_password(length: int = 12) -> str:
    """A random temporary password an admin can read out or hand over on paper."""
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(length))


def _accounts(session: Session, users: list[User]) -> list[UserAccount]:
    person_ids = {u.person_id for u in users if u.person_id is not None}
    people = (
        {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(person_ids)))}
        if person_ids
        else {}
    )
    found = []
    for user in users:
        person = people.get(user.person_id) if user.person_id is not None else None
        found.append(
            UserAccount(
                id=user.id,
                username=user.username,
                role=user.role,
                person_id=user.person_id,
                active=user.active,
                last_login=user.last_login_at,
                must_change_password=user.must_change_password,
                person_name=person.name if person else None,
                person_position=person.position if person else None,
                person_unit_id=person.unit_id if person else None,
                created_at=user.created_at,
            )
        )
    return found


def _contains(q: str, *columns: Any) -> ColumnElement[bool]:
    """Any of ``columns`` contains ``q`` (case-folded; % and _ typed are plain characters)."""
    typed = q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(*(func.lower(c).like(f"%{typed}%", escape="\\") for c in columns))


def list_accounts(
    session: Session,
    *,
    role: Role | None = None,
    active: bool | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[UserAccount]:
    """Accounts by id, filtered by role, active and ``q`` (part of the username or the name)."""
    query = select(User).outerjoin(Person, col(Person.id) == User.person_id)
    if role is not None:
        query = query.where(User.role == Role(role).value)
    if active is not None:
        query = query.where(User.active == active)
    if q and q.strip():
        query = query.where(_contains(q, col(User.username), col(Person.name)))
    query = query.order_by(col(User.id)).offset(offset).limit(limit)
    return _accounts(session, list(session.exec(query).all()))


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user", user_id)
    return user


def get_account(session: Session, *, user_id: int) -> UserAccount:
    """One account with its person's name; NotFound for an unknown id."""
    return _accounts(session, [_user(session, user_id)])[0]


def _state(user: User) -> dict[str, Any]:
    """The audited snapshot of an account (never a password or its hash)."""
    return user.model_dump(exclude={"password_hash"})


def _check_not_last_admin(session: Session, user: User, action: str) -> None:
    """Raise ``last_admin`` if ``user`` is the only active admin left."""
    if user.role != Role.admin or not user.active:
        return
    others = session.exec(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.admin.value, col(User.active).is_(True), User.id != user.id)
    ).one()
    if not others:
        raise RuleViolation(
            "last_admin",
            f"'{user.username}' is the last active admin and cannot be {action}: "
            "make another account admin first",
            username=user.username,
        )


def update_account(
    session: Session, *, user_id: int, body: UserUpdate, actor: Actor
) -> UserAccount:
    """Change an account's role, linked person and/or active flag, one audit event each.

    Raises NotFound (user, person), RuleViolation ``last_admin`` (demoting or deactivating
    the last active admin) or ``person_has_account`` (the person has another account).
    """
    write_lock(session, "accounts")  # two admins demoting each other at once: one waits
    user = _user(session, user_id)
    session.refresh(user)
    sent = body.model_fields_set
    events: list[audit.Entry] = []
    if "role" in sent and body.role is not None and body.role != user.role:
        if body.role != Role.admin:
            _check_not_last_admin(session, user, "given another role")
        before = _state(user)
        user.role = Role(body.role).value
        events.append(audit.Entry("user.role_change", "user", user.id, before, _state(user)))
    if "person_id" in sent and body.person_id != user.person_id:
        if body.person_id is not None:
            check_person_free(session, person_id=body.person_id, user_id=user.id)
        before = _state(user)
        user.person_id = body.person_id
        events.append(audit.Entry("user.person_link", "user", user.id, before, _state(user)))
    if "active" in sent and body.active is not None and body.active != user.active:
        if not body.active:
            _check_not_last_admin(session, user, "deactivated")
        before = _state(user)
        user.active = body.active
        action = "user.reactivate" if body.active else "user.deactivate"
        events.append(audit.Entry(action, "user", user.id, before, _state(user)))
    if events:
        session.add(user)
        audit.record_many(session, actor=actor, entries=events)
        session.commit()
        session.refresh(user)
    return _accounts(session, [user])[0]


def reset_password(session: Session, *, user_id: int, password: str, actor: Actor) -> UserAccount:
    """Give an account a temporary password; its user must change it at next login."""
    user = _user(session, user_id)
    before = _state(user)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    audit.saved(
        session, user, actor=actor, action="user.password_reset", entity="user", before=before
    )
    session.commit()
    session.refresh(user)
    return _accounts(session, [user])[0]


def change_own_password(
    session: Session, *, user: User, current_password: str, new_password: str
) -> User:
    """The user's own new password; clears ``must_change_password``.

    Raises InvalidInput naming ``current_password`` (wrong) or ``new_password`` (the same
    as the current one); the schema already holds it to 8..128 characters.
    """
    if not verify_password(current_password, user.password_hash):
        raise InvalidInput("current_password", "the current password is not correct")
    if current_password == new_password:
        raise InvalidInput("new_password", "the new password must differ from the current one")
    before = _state(user)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    audit.saved(
        session,
        user,
        actor=Actor(user.id, user.username),
        action="user.password_change",
        entity="user",
        before=before,
    )
    session.commit()
    session.refresh(user)
    return user


def people_without_account(session: Session, *, q: str | None, limit: int = 30) -> list[Person]:
    """Active people no account is linked to, whose name or staff number contains ``q``."""
    linked = select(User.person_id).where(col(User.person_id).is_not(None))
    query = select(Person).where(col(Person.active).is_(True), col(Person.id).not_in(linked))
    if q and q.strip():
        query = query.where(_contains(q, col(Person.name), col(Person.staff_no)))
    return list(session.exec(query.order_by(col(Person.name), col(Person.id)).limit(limit)).all())
