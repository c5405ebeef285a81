"""Login (OAuth2 password flow), accounts, and the caller's own account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import AdminUser, AnyUser, SessionDep, actor_of
from models.schemas import Token, UserCreate, UserPublic
from talent import users
from talent.security import create_access_token

router = APIRouter(tags=["auth"])


@router.post("/auth/token")
def login(session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    user = users.authenticate(session, username=form.username, password=form.password)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(access_token=create_access_token(user.id, user.role))


@router.post("/users", status_code=201)
def create_user(body: UserCreate, session: SessionDep, user: AdminUser) -> UserPublic:
    created = users.create_user(session, body=body, actor=actor_of(user))
    return UserPublic.model_validate(created)


@router.get("/users/me")
def me(user: AnyUser) -> UserPublic:
    return UserPublic.model_validate(user)
