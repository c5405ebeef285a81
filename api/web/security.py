"""Who is on a page: the signed cookie session, CSRF tokens, and role guards for pages.

The session is Starlette's signed cookie (itsdangerous) holding the user id and the CSRF
token, nothing else. Its cookie is HttpOnly and SameSite=Lax always, and Secure when the
request came over https (:class:`SchemeAwareSessionMiddleware`). Every state-changing
form carries the session's CSRF token in the hidden field ``csrf_token``
(:func:`checked_form` compares them in constant time).

Page guards mirror the API's role aliases in ``api.deps``: nobody logged in gives a 303 to
``/login``, a role outside the guard a 403 page. A user whose password an admin reset
(``must_change_password``) sees only ``/account/password`` until they choose their own
(:class:`PasswordChangeRequired`).
"""

from __future__ import annotations

import hmac
import secrets
from functools import partial
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import SessionDep
from models import Person, Role, User

SESSION_COOKIE = "talent_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class LoginRequired(Exception):
    """Nobody is logged in: the page answers with a redirect to the login form."""


class PasswordChangeRequired(LoginRequired):
    """The user still has a temporary password: every page but the password form is closed.

    A kind of LoginRequired, so the login redirect handles it; ``/login`` then sends a
    logged-in user with a temporary password on to ``/account/password``.
    """


PASSWORD_PAGE = "/account/password"


class PageForbidden(Exception):
    """The logged-in role may not see this page (or this record): a 403 page."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class CsrfFailed(Exception):
    """A form came without the session's CSRF token: a 403 page, nothing changed."""


class SchemeAwareSessionMiddleware:
    """Starlette's session middleware, adding the Secure flag when served over https."""

    def __init__(self, app: ASGIApp, *, secret_key: str, max_age: int) -> None:
        middleware = partial(
            SessionMiddleware,
            app,
            secret_key=secret_key,
            session_cookie=SESSION_COOKIE,
            max_age=max_age,
            same_site="lax",
        )
        self.plain = middleware(https_only=False)
        self.secure = middleware(https_only=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        https = scope.get("scheme") in ("https", "wss")
        await (self.secure if https else self.plain)(scope, receive, send)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def start_session(request: Request, user: User) -> None:
    """Log ``user`` in: a fresh session (no fixation) with a new CSRF token."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    request.session.clear()


async def checked_form(request: Request) -> FormData:
    """The submitted form, once its CSRF token matches the session's (else CsrfFailed)."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    expected = request.session.get("csrf")
    if not (
        isinstance(sent, str)
        and isinstance(expected, str)
        and expected
        and hmac.compare_digest(sent.encode(), expected.encode())
    ):
        raise CsrfFailed()
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def mark_page(request: Request) -> None:
    """Tag the request as a page so that errors answer in HTML, not JSON."""
    request.state.web_page = True


def session_user(request: Request, session: SessionDep) -> User | None:
    """The active user of the cookie session, or None."""
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None or not user.active:
        request.session.clear()
        return None
    request.state.web_user = user
    person = session.get(Person, user.person_id) if user.person_id is not None else None
    # How the pages name the user: "马志强 副庭长", or the username for an unlinked account.
    request.state.web_user_name = (
        " ".join(part for part in (person.name, person.position) if part) if person else None
    )
    return user


MaybeUser = Annotated[User | None, Depends(session_user)]


class PageGuard:
    """Admit only logged-in users whose role is in ``roles`` (a redirect or a 403 otherwise).

    ``pending_password_ok`` admits a user who still has to change a temporary password
    (only the password form sets it); every other page sends that user to the form.
    """

    def __init__(self, *roles: Role, pending_password_ok: bool = False) -> None:
        self.roles = frozenset(roles)
        self.pending_password_ok = pending_password_ok

    def __call__(self, user: MaybeUser) -> User:
        if user is None:
            raise LoginRequired()
        if user.must_change_password and not self.pending_password_ok:
            raise PasswordChangeRequired()
        if user.role not in self.roles:
            raise PageForbidden()
        return user

    def __repr__(self) -> str:
        return f"PageGuard({', '.join(sorted(self.roles))})"


AnyPageUser = Annotated[User, Depends(PageGuard(*Role))]
OwnAccountPage = Annotated[User, Depends(PageGuard(*Role, pending_password_ok=True))]
"""The user's own password form: open to a user with a temporary password too."""
AdminPage = Annotated[User, Depends(PageGuard(Role.admin))]
PlannerPage = Annotated[User, Depends(PageGuard(Role.admin, Role.planner))]
RosterPage = Annotated[User, Depends(PageGuard(Role.admin, Role.planner, Role.reviewer))]
ReviewerPage = Annotated[User, Depends(PageGuard(Role.admin, Role.reviewer))]
PairingPage = Annotated[User, Depends(PageGuard(Role.admin, Role.planner, Role.mentor))]


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything else (other hosts, schemes) gives ``/``."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(c) < 32 for c in target)
    ):
        return "/"
    return target
