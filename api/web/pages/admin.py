"""The admin's pages: the landing page and the accounts.

``/admin`` links to what an admin manages (accounts; the audit log, units and skills once
their pages are mounted). ``/admin/users`` lists the accounts by the linked person's name,
creates one for a person found by name, and per account changes its role, resets its
password (a temporary one the user must change) and deactivates or reactivates it. Every
form posts, then redirects back with a flash naming the person (post/redirect/get); the
services are those of ``/api/v1/users`` (:mod:`talent.accounts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from sqlmodel import Session, col, select
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import PathId, SessionDep, actor_of
from api.web.forms.fields import text
from api.web.i18n import N_, Gettext, page_language
from api.web.labels import label
from api.web.names import UnitNames
from api.web.rendering import day, flash, gettext_for, optional_url, render
from api.web.security import AdminPage, CheckedForm
from models import Person, Role, User
from models.schemas import UserAccount, UserCreate, UserUpdate
from talent import accounts, users
from talent.errors import DomainError, InvalidInput, NotFound, RuleViolation

router = APIRouter()

USERNAME_MIN, USERNAME_MAX = 2, 64
PASSWORD_MIN, PASSWORD_MAX = 8, 128
LIST_MAX = 500
STATUSES = ("active", "inactive")
RULES = {
    "last_admin": N_(
        "%(who)s 是最后一个在用的系统管理员，不能停用或改为其他角色。请先把另一个账号设为系统管理员。"
    ),
    "person_has_account": N_("%(who)s 已经有账号了，一人只能有一个账号。"),
    "duplicate_username": N_("用户名 %(who)s 已被占用，请换一个。"),
}


def who(account: UserAccount, lang: str = "zh") -> str:
    """How a flash names an account: the person's name with the username, or the username."""
    if not account.person_name:
        return account.username
    if lang == "en":
        return f"{account.person_name} ({account.username})"
    return f"{account.person_name}（{account.username}）"


@dataclass(frozen=True)
class AccountRow:
    """One line of the accounts table, in the page's words."""

    account: UserAccount
    post: str
    last_login: str
    suggested_password: str


def person_line(person: Person, units: UnitNames) -> str:
    """'Position · Department · Court' for the person picker and the table."""
    parts = [person.position or "", units.full(person.unit_id)]
    return " · ".join(p for p in parts if p and p != "—")


# --- landing ------------------------------------------------------------------------------
@router.get("/admin", name="web.admin")
def admin_home(request: Request, user: AdminPage) -> Response:
    """What an admin manages: links to each admin page the app has."""
    _ = gettext_for(request)
    cards = [
        (
            optional_url(request, "web.admin_users"),
            _("账号管理"),
            _("为人员开设账号，修改角色，重置密码，停用或重新启用账号。"),
        ),
        (
            optional_url(request, "web.audit_log"),
            _("查看审计日志"),
            _("查看每一次结对、账号、评审决定的变更记录，核对日志链是否完整。"),
        ),
        (optional_url(request, "web.admin_units"), _("维护单位"), _("维护法院和内设部门。")),
        (
            optional_url(request, "web.admin_skills"),
            _("维护技能"),
            _("维护技能目录及技能之间的关联。"),
        ),
    ]
    return render(
        request,
        "admin.html",
        user,
        {"cards": [{"href": h, "title": t, "text": d} for h, t, d in cards if h]},
    )


# --- accounts -----------------------------------------------------------------------------
def _filters(request: Request) -> dict[str, str]:
    params = request.query_params
    role, status = params.get("role") or "", params.get("status") or ""
    return {
        "q": (params.get("q") or "").strip()[:USERNAME_MAX],
        "role": role if role in set(Role) else "",
        "status": status if status in STATUSES else "",
        "person_q": (params.get("person_q") or "").strip()[:USERNAME_MAX],
    }


def _accounts_page(
    request: Request,
    session: Session,
    user: User,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    _ = gettext_for(request)
    filters = _filters(request)
    values = dict(values or {})
    person_q = values.get("person_q", filters["person_q"])
    units = UnitNames.load(session, page_language(request))
    found = accounts.list_accounts(
        session,
        role=Role(filters["role"]) if filters["role"] else None,
        active={"active": True, "inactive": False}.get(filters["status"]),
        q=filters["q"] or None,
        limit=LIST_MAX,
    )
    people = {p.id: p for p in _people(session, [a.person_id for a in found])}
    rows = [
        AccountRow(
            account=a,
            post=person_line(people[a.person_id], units) if a.person_id in people else "",
            last_login=day(a.last_login),
            suggested_password=accounts.temporary_password(),
        )
        for a in found
    ]
    candidates = accounts.people_without_account(session, q=person_q) if person_q else []
    if "person_id" not in values and len(candidates) == 1:
        values["person_id"] = str(candidates[0].id)
    values.setdefault("password", accounts.temporary_password())
    return render(
        request,
        "admin_users.html",
        user,
        {
            "rows": rows,
            "filters": filters,
            "filtered": any(filters[k] for k in ("q", "role", "status")),
            "roles": list(Role),
            "person_q": person_q,
            "candidates": [(p, person_line(p, units)) for p in candidates],
            "values": values,
            "errors": errors or {},
            "password_min": PASSWORD_MIN,
        },
        status_code=status_code,
    )


def _people(session: Session, ids: list[int | None]) -> list[Person]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return []
    return list(session.exec(select(Person).where(col(Person.id).in_(wanted))).all())


@router.get("/admin/users", name="web.admin_users")
def accounts_page(request: Request, session: SessionDep, user: AdminPage) -> Response:
    """Every account by name, the filters, the create form and each account's actions."""
    return _accounts_page(request, session, user)


def _back(request: Request, form: FormData) -> RedirectResponse:
    """Back to the top of the accounts list (where the flash shows), with the filters it had.

    Each row's form carries the list's query in ``back``; only the filters are kept from it.
    """
    target = str(request.app.url_path_for("web.admin_users"))
    sent = parse_qs(text(form, "back", 300))
    kept = [(k, sent[k][-1][:USERNAME_MAX]) for k in ("q", "role", "status") if sent.get(k)]
    return RedirectResponse(target + (f"?{urlencode(kept)}" if kept else ""), status_code=303)


def _refusal(_: Gettext, error: DomainError, name: str) -> str:
    if isinstance(error, RuleViolation) and error.rule in RULES:
        return _(RULES[error.rule], who=name)
    if isinstance(error, NotFound):
        return _("要找的记录不存在，可能已被删除。")
    return error.message


@router.post("/admin/users", name="web.admin_user_create")
def create_account(
    request: Request, session: SessionDep, user: AdminPage, form: CheckedForm
) -> Response:
    """Create an account for a person (or for nobody), with a temporary password."""
    _ = gettext_for(request)
    values = {
        "person_q": text(form, "person_q", USERNAME_MAX).strip(),
        "person_id": text(form, "person_id", 20).strip(),
        "username": text(form, "username", USERNAME_MAX + 1).strip(),
        "role": text(form, "role", 20),
        "password": text(form, "password", PASSWORD_MAX + 1),
    }
    errors: dict[str, str] = {}
    person_id: int | None = None
    if values["person_id"] == "none":
        person_id = None
    elif values["person_id"].isdigit():
        person_id = int(values["person_id"])
    else:
        errors["person_id"] = _("请先按姓名查找并选择人员，或选择“不关联人员”")
    username = values["username"]
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        errors["username"] = _(
            "用户名需 %(min)s 到 %(max)s 个字符", min=USERNAME_MIN, max=USERNAME_MAX
        )
    if values["role"] not in set(Role):
        errors["role"] = _("请选择角色")
    if not PASSWORD_MIN <= len(values["password"]) <= PASSWORD_MAX:
        errors["password"] = _(
            "临时密码需 %(min)s 到 %(max)s 个字符", min=PASSWORD_MIN, max=PASSWORD_MAX
        )
    if errors:
        return _accounts_page(request, session, user, values=values, errors=errors, status_code=422)
    person = session.get(Person, person_id) if person_id is not None else None
    body = UserCreate(
        username=username,
        password=values["password"],
        role=Role(values["role"]),
        person_id=person_id,
        must_change_password=True,
    )
    try:
        users.create_user(session, body=body, actor=actor_of(user))
    except (RuleViolation, NotFound) as error:
        session.rollback()
        field = (
            "username"
            if isinstance(error, RuleViolation) and error.rule == "duplicate_username"
            else "person_id"
        )
        name = username if field == "username" else (person.name if person else values["person_id"])
        errors[field] = _refusal(_, error, name)
        status_code = 409 if isinstance(error, RuleViolation) else 422
        return _accounts_page(
            request, session, user, values=values, errors=errors, status_code=status_code
        )
    if person is not None:
        message = _(
            "已为 %(name)s 创建账号 %(username)s，请将临时密码告知本人，其首次登录须修改密码。",
            name=person.name,
            username=username,
        )
    else:
        message = _(
            "已创建账号 %(username)s，请将临时密码告知使用者，其首次登录须修改密码。",
            username=username,
        )
    flash(request, message, "success")
    return RedirectResponse(str(request.app.url_path_for("web.admin_users")), status_code=303)


def _change(
    request: Request,
    session: Session,
    form: FormData,
    user_id: int,
    change: Callable[[], UserAccount],
    done: str,
) -> Response:
    """Run one account change; a flash naming the person either way, then back to the list."""
    _ = gettext_for(request)
    lang = page_language(request)
    name = who(accounts.get_account(session, user_id=user_id), lang)
    try:
        account = change()
    except (RuleViolation, NotFound, InvalidInput) as error:
        session.rollback()
        flash(request, _refusal(_, error, name), "error")
    else:
        flash(
            request, _(done, who=who(account, lang), role=label(_, "role", account.role)), "success"
        )
    return _back(request, form)


@router.post("/admin/users/{user_id}/role", name="web.admin_user_role")
def change_role(
    user_id: PathId, request: Request, session: SessionDep, user: AdminPage, form: CheckedForm
) -> Response:
    """Give an account another role (never the last active admin's)."""
    _ = gettext_for(request)
    role = text(form, "role", 20)
    if role not in set(Role):
        accounts.get_account(session, user_id=user_id)
        flash(request, _("请选择角色"), "error")
        return _back(request, form)
    body = UserUpdate(role=Role(role))
    return _change(
        request,
        session,
        form,
        user_id,
        lambda: accounts.update_account(session, user_id=user_id, body=body, actor=actor_of(user)),
        N_("已将 %(who)s 的角色改为 %(role)s。"),
    )


@router.post("/admin/users/{user_id}/password-reset", name="web.admin_user_reset")
def reset_password(
    user_id: PathId, request: Request, session: SessionDep, user: AdminPage, form: CheckedForm
) -> Response:
    """Set a temporary password; its user must change it at next login."""
    _ = gettext_for(request)
    password = text(form, "password", PASSWORD_MAX + 1)
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        name = who(accounts.get_account(session, user_id=user_id), page_language(request))
        flash(
            request,
            _(
                "未能重置 %(who)s 的密码：临时密码需 %(min)s 到 %(max)s 个字符。",
                who=name,
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
            ),
            "error",
        )
        return _back(request, form)
    return _change(
        request,
        session,
        form,
        user_id,
        lambda: accounts.reset_password(
            session, user_id=user_id, password=password, actor=actor_of(user)
        ),
        N_("已重置 %(who)s 的密码。请将临时密码告知本人，其下次登录须先修改密码。"),
    )


def _set_active(
    request: Request, session: Session, form: FormData, user: User, user_id: int, active: bool
) -> Response:
    body = UserUpdate(active=active)
    return _change(
        request,
        session,
        form,
        user_id,
        lambda: accounts.update_account(session, user_id=user_id, body=body, actor=actor_of(user)),
        N_("已重新启用 %(who)s 的账号。")
        if active
        else N_("已停用 %(who)s 的账号，其不能再登录。"),
    )


@router.post("/admin/users/{user_id}/deactivate", name="web.admin_user_deactivate")
def deactivate(
    user_id: PathId, request: Request, session: SessionDep, user: AdminPage, form: CheckedForm
) -> Response:
    """Stop an account's logins (never the last active admin's)."""
    return _set_active(request, session, form, user, user_id, active=False)


@router.post("/admin/users/{user_id}/reactivate", name="web.admin_user_reactivate")
def reactivate(
    user_id: PathId, request: Request, session: SessionDep, user: AdminPage, form: CheckedForm
) -> Response:
    """Let a deactivated account log in again."""
    return _set_active(request, session, form, user, user_id, active=True)
