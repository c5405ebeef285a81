"""Accounts: list, change role, reset password, deactivate (admin); one's own password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, AnyUser, PathId, SessionDep, actor_of
from api.paging import Page
from models import Role
from models.schemas import (
    UserAccount,
    UserCreate,
    UserPasswordChange,
    UserPasswordReset,
    UserPublic,
    UserUpdate,
)
from talent import accounts, users

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201)
def create_user(body: UserCreate, session: SessionDep, user: AdminUser) -> UserPublic:
    created = users.create_user(session, body=body, actor=actor_of(user))
    return UserPublic.model_validate(created)


@router.get("")
def list_users(
    session: SessionDep,
    _user: AdminUser,
    page: Page,
    role: Role | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=64, description="part of username or name")] = None,
) -> list[UserAccount]:
    return accounts.list_accounts(
        session, role=role, active=active, q=q, limit=page.limit, offset=page.offset
    )


# Before /{user_id}: "me" is no id.
@router.get("/me")
def me(user: AnyUser) -> UserPublic:
    return UserPublic.model_validate(user)


@router.post("/me/password")
def change_my_password(body: UserPasswordChange, session: SessionDep, user: AnyUser) -> UserPublic:
    """Any user's own new password (the current one as proof); clears a pending reset."""
    changed = accounts.change_own_password(
        session,
        user=user,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return UserPublic.model_validate(changed)


@router.get("/{user_id}")
def get_user(user_id: PathId, session: SessionDep, _user: AdminUser) -> UserAccount:
    return accounts.get_account(session, user_id=user_id)


@router.patch("/{user_id}")
def update_user(
    user_id: PathId, body: UserUpdate, session: SessionDep, user: AdminUser
) -> UserAccount:
    """Role, linked person, active; 409 ``last_admin`` for the last active admin."""
    return accounts.update_account(session, user_id=user_id, body=body, actor=actor_of(user))


@router.post("/{user_id}/password-reset")
def reset_password(
    user_id: PathId, body: UserPasswordReset, session: SessionDep, user: AdminUser
) -> UserAccount:
    """A temporary password; the user must change it at next login."""
    return accounts.reset_password(
        session, user_id=user_id, password=body.password, actor=actor_of(user)
    )
