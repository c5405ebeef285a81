"""Logging in and out, and each role's home page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from api.deps import SessionDep
from api.web.i18n import page_language
from api.web.names import UnitNames
from api.web.pages.matching import latest_runs, open_runs
from api.web.pages.mentoring import mentee_cards
from api.web.rendering import gettext_for, render
from api.web.security import (
    AnyPageUser,
    CheckedForm,
    MaybeUser,
    end_session,
    safe_next,
    start_session,
)
from models import Role
from talent import users

router = APIRouter()

USERNAME_MAX = 64
PASSWORD_MAX = 128


@router.get("/favicon.ico", name="web.favicon")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico on their own; the icon lives with the static files."""
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/login", name="web.login")
def login_form(request: Request, user: MaybeUser) -> Response:
    """The login form; a user already logged in goes home."""
    if user is not None:
        return RedirectResponse("/", status_code=303)
    return render(
        request,
        "login.html",
        None,
        {"username": "", "next": safe_next(request.query_params.get("next"))},
    )


@router.post("/login")
def login(request: Request, session: SessionDep, form: CheckedForm) -> Response:
    """Check the credentials; on success a fresh session and a 303 to ``next`` (or home)."""
    _ = gettext_for(request)
    username = str(form.get("username") or "").strip()[:USERNAME_MAX]
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = _("请输入用户名")
    if not password:
        errors["password"] = _("请输入密码")
    user = None
    if not errors and len(password) <= PASSWORD_MAX:
        user = users.authenticate(session, username=username, password=password)
    if user is None:
        message = None if errors else _("用户名或密码错误，请重新输入。")
        return render(
            request,
            "login.html",
            None,
            {"username": username, "next": target, "errors": errors, "message": message},
        )
    start_session(request, user)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", name="web.logout")
def logout(request: Request, _form: CheckedForm) -> Response:
    """End the session and go back to the login form."""
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/", name="web.home")
def home(request: Request, session: SessionDep, user: AnyPageUser) -> Response:
    """The home page of the user's role."""
    context: dict[str, object] = {}
    if user.role in (Role.admin, Role.planner):
        context["latest_runs"] = latest_runs(session)
        context["open_runs"] = open_runs(session)
    if user.role == Role.mentor:
        units = UnitNames.load(session, page_language(request))
        context.update(mentee_cards(session, user, units))
    return render(request, "home.html", user, context)
