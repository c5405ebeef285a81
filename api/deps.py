"""Request dependencies: the database session, the current user, and role guards.

A route's signature says who may call it: ``user: PlannerUser`` admits admin and planner.
``RoleGuard`` instances carry their roles so that a test can walk every route and check
that each one declares who may call it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from models import Role, User
from talent.audit import Actor
from talent.db import get_engine
from talent.security import decode_access_token

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def get_session() -> Iterator[Session]:
    with Session(get_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=message,
        headers={"WWW-Authenticate": "Bearer"},
    )


def get_current_user(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> User:
    zh = request_language(request) == "zh"
    if not token:
        raise _unauthorized(
            "未登录：请在请求头中携带 Authorization: Bearer <令牌>"
            if zh
            else "not authenticated: send Authorization: Bearer <token>"
        )
    user_id = decode_access_token(token)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active:
        raise _unauthorized("令牌无效或已过期，请重新登录" if zh else "invalid or expired token")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


class RoleGuard:
    """Admit only users whose role is in ``roles`` (403 otherwise)."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    def __call__(self, request: Request, user: CurrentUser) -> User:
        if user.role not in self.roles:
            allowed = ", ".join(sorted(self.roles))
            detail = f"role '{user.role}' may not do this (allowed: {allowed})"
            if request_language(request) == "zh":
                detail = f"角色 {user.role} 无权执行此操作（允许的角色：{allowed}）"
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=detail)
        return user

    def __repr__(self) -> str:
        return f"RoleGuard({', '.join(sorted(self.roles))})"


ANY_ROLE = RoleGuard(*Role)
AnyUser = Annotated[User, Depends(ANY_ROLE)]
AdminUser = Annotated[User, Depends(RoleGuard(Role.admin))]
PlannerUser = Annotated[User, Depends(RoleGuard(Role.admin, Role.planner))]
ReviewerUser = Annotated[User, Depends(RoleGuard(Role.admin, Role.reviewer))]
RosterReader = Annotated[User, Depends(RoleGuard(Role.admin, Role.planner, Role.reviewer))]
PersonReader = Annotated[
    User, Depends(RoleGuard(Role.admin, Role.planner, Role.reviewer, Role.mentor))
]
PairingReader = Annotated[User, Depends(RoleGuard(Role.admin, Role.planner, Role.mentor))]


def actor_of(user: User) -> Actor:
    """The audit actor for a logged-in user."""
    return Actor(user.id, user.username)


def request_language(request: Request) -> str:
    """'en' or 'zh' from ``?lang=``, the ``lang`` cookie, or Accept-Language; Chinese first."""
    lang = request.query_params.get("lang") or request.cookies.get("lang")
    if lang in ("en", "zh"):
        return lang
    accept = request.headers.get("accept-language", "").lower()
    if accept.startswith("en"):
        return "en"
    return "zh"


Language = Annotated[str, Depends(request_language)]


MAX_ID = 2**31 - 1
"""The largest id a path or query may name (the databases' 32-bit integer keys)."""
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
