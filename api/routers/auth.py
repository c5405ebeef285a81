"""Login (OAuth2 password flow). The accounts themselves are in ``api.routers.users``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import Language, SessionDep
from models.schemas import UserToken
from talent import users
from talent.security import create_access_token

router = APIRouter(tags=["auth"])


@router.post("/auth/token")
def login(
    session: SessionDep, lang: Language, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> UserToken:
    """A bearer token; ``must_change_password`` says a temporary password is still in use."""
    user = users.authenticate(session, username=form.username, password=form.password)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="用户名或密码不正确" if lang == "zh" else "incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return UserToken(
        access_token=create_access_token(user.id, user.role),
        must_change_password=user.must_change_password,
    )
