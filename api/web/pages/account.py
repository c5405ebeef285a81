"""Logging in and out, one's own password, and each role's home page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from api.deps import SessionDep
from api.web.forms.fields import text
from api.web.i18n import page_language
from api.web.names import UnitNames
from api.web.pages.matching import latest_runs, open_runs
from api.web.pages.mentoring import mentee_cards
from api.web.rendering import flash, gettext_for, render
from api.web.security import (
    PASSWORD_PAGE,
    AnyPageUser,
    CheckedForm,
    MaybeUser,
    OwnAccountPage,
    end_session,
    safe_next,
    start_session,
)
from models import Role, User
from models.mentoring_schemas import EscalationStepPublic, ReminderItem
from talent import accounts, users
from talent.errors import InvalidInput
from talent.mentoring import escalation, reminders

router = APIRouter()

USERNAME_MAX = 64
PASSWORD_MAX = 128
PASSWORD_MIN = 8


def _password_page_for(user: User, target: str) -> str:
    """Where a logged-in user goes next: the password form first if theirs is temporary."""
    if not user.must_change_password:
        return target
    return PASSWORD_PAGE if target == "/" else f"{PASSWORD_PAGE}?next={quote(target, safe='')}"


@router.get("/favicon.ico", name="web.favicon")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico on their own; the icon lives with the static files."""
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/login", name="web.login")
def login_form(request: Request, user: MaybeUser) -> Response:
    """The login form; a user already logged in goes home (or to change a temporary password)."""
    target = safe_next(request.query_params.get("next"))
    if user is not None:
        return RedirectResponse(_password_page_for(user, target), status_code=303)
    return render(
        request,
        "login.html",
        None,
        {"username": "", "next": target},
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
    return RedirectResponse(_password_page_for(user, target), status_code=303)


@router.post("/logout", name="web.logout")
def logout(request: Request, _form: CheckedForm) -> Response:
    """End the session and go back to the login form."""
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/account/password", name="web.account_password")
def password_form(request: Request, user: OwnAccountPage) -> Response:
    """The form to change one's own password (the only page open with a temporary one)."""
    return _password_page(request, user, {}, safe_next(request.query_params.get("next")))


def _password_page(
    request: Request, user: User, errors: dict[str, str], target: str, *, status_code: int = 200
) -> Response:
    return render(
        request,
        "account_password.html",
        user,
        {
            "errors": errors,
            "next": target,
            "minimum": PASSWORD_MIN,
        },
        status_code=status_code,
    )


@router.post("/account/password")
def change_password(
    request: Request, session: SessionDep, user: OwnAccountPage, form: CheckedForm
) -> Response:
    """Check the current password and the new one twice; then a fresh session and a flash."""
    _ = gettext_for(request)
    current = text(form, "current_password", PASSWORD_MAX + 1)
    new = text(form, "new_password", PASSWORD_MAX + 1)
    again = text(form, "new_password_again", PASSWORD_MAX + 1)
    target = safe_next(str(form.get("next") or ""))
    errors: dict[str, str] = {}
    if not current:
        errors["current_password"] = _("请输入当前密码")
    if len(new) < PASSWORD_MIN:
        errors["new_password"] = _("新密码至少 %(n)s 个字符", n=PASSWORD_MIN)
    elif len(new) > PASSWORD_MAX:
        errors["new_password"] = _("新密码最多 %(n)s 个字符", n=PASSWORD_MAX)
    elif again != new:
        errors["new_password_again"] = _("两次输入的新密码不一致")
    if not errors:
        try:
            accounts.change_own_password(
                session, user=user, current_password=current, new_password=new
            )
        except InvalidInput as error:
            session.rollback()
            words = {
                "current_password": _("当前密码不正确"),
                "new_password": _("新密码不能与当前密码相同"),
            }
            errors[error.field] = words.get(error.field, error.message)
    if errors:
        return _password_page(request, user, errors, target, status_code=422)
    start_session(request, user)  # a new session (and CSRF token) for the new password
    flash(request, _("密码已修改，下次登录请使用新密码。"), "success")
    return RedirectResponse(target, status_code=303)


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
        context["reminders"] = mentor_reminders(session, user)
    return render(request, "home.html", user, context)


@dataclass(frozen=True)
class ReminderRow:
    """A to-do of the mentor's, with the last step the ladder recorded on its pairing."""

    item: ReminderItem
    step: EscalationStepPublic | None = None


def mentor_reminders(session: Session, user: User) -> list[ReminderRow]:
    """The mentor's to-dos: overdue pairings (longest quiet first), then those due soon
    and the action items by date; an overdue one carries the step a planner recorded
    ("已提醒导师", "已告知导师所在部门负责人") if any."""
    if user.person_id is None:
        return []
    rows = []
    for mentor in reminders.reminders(session, user=user):
        for item in mentor.items:
            step = None
            if item.kind == "overdue":
                ladder = escalation.escalation_ladder(
                    session, pairing_id=item.pairing_id, user=user
                )
                recorded = [s for s in ladder if s.recorded and s.step != "dissolved"]
                step = recorded[-1] if recorded else None
            rows.append(ReminderRow(item, step))
    order = {"overdue": 0, "due_soon": 1, "action_item": 2}
    return sorted(rows, key=lambda r: (order[r.item.kind], -(r.item.days_quiet or 0), r.item.date))
