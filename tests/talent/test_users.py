"""Accounts in the domain: listing, role and active changes, the last_admin rule, password
reset and change, one account a person, last login, and what the audit keeps (both databases)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from models import AuditEvent, Role, User
from models.schemas import UserCreate, UserUpdate
from talent import accounts, audit
from talent import users as logins
from talent.audit import Actor
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.security import verify_password
from tests.conftest import TEST_PASSWORD

ADMIN = Actor(1, "admin")


def _events(session: Session, action: str) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.seq))
        ).all()
    )


def test_list_filters_by_role_active_and_name_or_username(session, users, org) -> None:
    everyone = accounts.list_accounts(session)
    assert [a.username for a in everyone] == ["admin", "planner", "mentor", "reviewer"]
    mentor = next(a for a in everyone if a.username == "mentor")
    assert mentor.person_name == "王建国" and mentor.person_unit_id == org["civil"]
    assert [a.username for a in accounts.list_accounts(session, role=Role.mentor)] == ["mentor"]
    assert [a.username for a in accounts.list_accounts(session, q="王建")] == ["mentor"]
    assert [a.username for a in accounts.list_accounts(session, q="PLAN")] == ["planner"]
    assert accounts.list_accounts(session, q="%") == []  # typed, not a wildcard
    accounts.update_account(
        session, user_id=users["reviewer"].id, body=UserUpdate(active=False), actor=ADMIN
    )
    assert [a.username for a in accounts.list_accounts(session, active=False)] == ["reviewer"]
    assert len(accounts.list_accounts(session, active=True)) == 3
    assert [a.username for a in accounts.list_accounts(session, limit=1, offset=1)] == ["planner"]


def test_role_change_and_deactivation_are_audited_without_secrets(session, users) -> None:
    planner = users["planner"]
    changed = accounts.update_account(
        session, user_id=planner.id, body=UserUpdate(role=Role.reviewer), actor=ADMIN
    )
    assert changed.role == "reviewer"
    (event,) = _events(session, "user.role_change")
    assert '"role": "planner"' in (event.before or "")
    assert '"role": "reviewer"' in (event.after or "")
    accounts.update_account(session, user_id=planner.id, body=UserUpdate(active=False), actor=ADMIN)
    accounts.update_account(session, user_id=planner.id, body=UserUpdate(active=True), actor=ADMIN)
    assert len(_events(session, "user.deactivate")) == 1
    assert len(_events(session, "user.reactivate")) == 1
    # Nothing that is already so is written again.
    accounts.update_account(session, user_id=planner.id, body=UserUpdate(active=True), actor=ADMIN)
    assert len(_events(session, "user.reactivate")) == 1
    for event in session.exec(select(AuditEvent)).all():
        assert "password_hash" not in (event.before or "") + (event.after or "")
    assert audit.verify(session).ok


def test_the_last_active_admin_is_neither_demoted_nor_deactivated(session, users) -> None:
    admin = users["admin"]
    for body in (UserUpdate(role=Role.planner), UserUpdate(active=False)):
        with pytest.raises(RuleViolation) as refused:
            accounts.update_account(session, user_id=admin.id, body=body, actor=ADMIN)
        assert refused.value.rule == "last_admin"
        session.rollback()
    session.refresh(admin)
    assert admin.role == "admin" and admin.active
    # With a second admin the first may go; then the second is the last.
    accounts.update_account(
        session, user_id=users["planner"].id, body=UserUpdate(role=Role.admin), actor=ADMIN
    )
    accounts.update_account(session, user_id=admin.id, body=UserUpdate(active=False), actor=ADMIN)
    with pytest.raises(RuleViolation, match="last active admin"):
        accounts.update_account(
            session, user_id=users["planner"].id, body=UserUpdate(role=Role.mentor), actor=ADMIN
        )
    session.rollback()
    # A deactivated admin does not count, and may be given another role.
    accounts.update_account(
        session, user_id=admin.id, body=UserUpdate(role=Role.mentor), actor=ADMIN
    )


def test_a_person_has_at_most_one_account(session, users, org) -> None:
    with pytest.raises(RuleViolation) as refused:
        users_create(session, "wang2", org["senior"])
    assert refused.value.rule == "person_has_account"
    session.rollback()
    with pytest.raises(RuleViolation):
        accounts.update_account(
            session,
            user_id=users["planner"].id,
            body=UserUpdate(person_id=org["senior"]),
            actor=ADMIN,
        )
    session.rollback()
    with pytest.raises(NotFound):
        accounts.update_account(
            session, user_id=users["planner"].id, body=UserUpdate(person_id=99999), actor=ADMIN
        )
    session.rollback()
    linked = accounts.update_account(
        session, user_id=users["planner"].id, body=UserUpdate(person_id=org["young"]), actor=ADMIN
    )
    assert linked.person_name == "张伟"
    unlinked = accounts.update_account(
        session, user_id=users["planner"].id, body=UserUpdate(person_id=None), actor=ADMIN
    )
    assert unlinked.person_id is None
    assert len(_events(session, "user.person_link")) == 2
    # The person picker offers only people without an account.
    free = {p.name for p in accounts.people_without_account(session, q=None, limit=100)}
    assert "王建国" not in free and "张伟" in free
    assert [p.name for p in accounts.people_without_account(session, q="张")] == ["张伟"]


def users_create(session: Session, username: str, person_id: int) -> User:
    body = UserCreate(
        username=username, password="long-enough-1", role=Role.mentor, person_id=person_id
    )
    return logins.create_user(session, body=body, actor=ADMIN)


def test_reset_then_own_change_clears_the_flag_and_no_password_is_audited(session, users) -> None:
    mentor = users["mentor"]
    temporary = "Temp-pass-4711"
    reset = accounts.reset_password(session, user_id=mentor.id, password=temporary, actor=ADMIN)
    assert reset.must_change_password
    session.refresh(mentor)
    assert verify_password(temporary, mentor.password_hash)
    assert logins.authenticate(session, username="mentor", password=TEST_PASSWORD) is None
    with pytest.raises(InvalidInput) as wrong:
        accounts.change_own_password(
            session, user=mentor, current_password="not-it", new_password="my-own-pass-1"
        )
    assert wrong.value.field == "current_password"
    with pytest.raises(InvalidInput) as same:
        accounts.change_own_password(
            session, user=mentor, current_password=temporary, new_password=temporary
        )
    assert same.value.field == "new_password"
    changed = accounts.change_own_password(
        session, user=mentor, current_password=temporary, new_password="my-own-pass-1"
    )
    assert not changed.must_change_password
    assert logins.authenticate(session, username="mentor", password="my-own-pass-1") is not None
    (reset_event,) = _events(session, "user.password_reset")
    (change_event,) = _events(session, "user.password_change")
    assert reset_event.actor_name == "admin" and change_event.actor_name == "mentor"
    assert '"must_change_password": true' in (reset_event.after or "")
    assert '"must_change_password": false' in (change_event.after or "")
    for event in (reset_event, change_event):
        written = (event.before or "") + (event.after or "")
        assert temporary not in written and "my-own-pass-1" not in written
        assert "$argon2" not in written and "$2b$" not in written and "password_hash" not in written


def test_a_successful_login_sets_last_login_and_a_failed_one_does_not(session, users) -> None:
    assert users["planner"].last_login_at is None
    assert logins.authenticate(session, username="planner", password="wrong") is None
    session.refresh(users["planner"])
    assert users["planner"].last_login_at is None
    user = logins.authenticate(session, username="planner", password=TEST_PASSWORD)
    assert user is not None and user.last_login_at is not None
    assert accounts.get_account(session, user_id=user.id).last_login == user.last_login_at


def test_unknown_accounts_are_not_found(session, users) -> None:
    with pytest.raises(NotFound):
        accounts.get_account(session, user_id=99999)
    with pytest.raises(NotFound):
        accounts.reset_password(session, user_id=99999, password="x" * 8, actor=ADMIN)


def test_temporary_passwords_are_long_random_and_unambiguous() -> None:
    made = {accounts.temporary_password() for _ in range(50)}
    assert len(made) == 50
    assert all(len(p) == 12 and not set(p) & set("0O1lI") for p in made)
