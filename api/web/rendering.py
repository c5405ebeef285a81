"""Rendering pages: the Jinja environment, the context every page gets, flashes, error pages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse
from starlette.routing import NoMatchFound

from api.web import labels
from api.web.i18n import HTML_LANG, Gettext, page_language, translator
from api.web.security import CSRF_FIELD, csrf_token
from models import Role, User
from talent import clock

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True

# Navigation: (route name, label, roles that see it). Labels are extracted from here.
# An entry whose page is not mounted is left out.
PLANNING = frozenset({Role.admin, Role.planner})
REVIEWING = frozenset({Role.admin, Role.reviewer})
NAV: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("web.home", labels.N_("首页"), frozenset(Role)),
    ("web.roster", labels.N_("花名册"), frozenset({Role.admin, Role.planner, Role.reviewer})),
    ("web.matching_form", labels.N_("匹配"), PLANNING),
    ("web.pairings_board", labels.N_("结对"), PLANNING),
    ("web.reports", labels.N_("报表"), PLANNING),
    ("web.graph", labels.N_("技能图谱"), PLANNING),
    ("web.my_mentees", labels.N_("我的徒弟"), frozenset({Role.mentor})),
    ("web.reserve", labels.N_("优秀年轻干部库"), REVIEWING),
    ("web.reserve_succession", labels.N_("关键岗位继任"), REVIEWING),
    ("web.admin", labels.N_("系统管理"), frozenset({Role.admin})),
)


def score(value: float | None, digits: int = 3) -> str:
    """A score with fixed decimals ('—' for none)."""
    return "—" if value is None else f"{value:.{digits}f}"


def signed(value: float | int | None, digits: int = 3) -> str:
    """A change with its sign: +3, -0.125."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:+d}"
    return f"{value:+.{digits}f}"


def day(value: date | datetime | None) -> str:
    """ISO dates, unambiguous in both languages; a time in the court's zone."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return clock.local(value).strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


templates.env.filters["score"] = score
templates.env.filters["signed"] = signed
templates.env.filters["day"] = day


def flash(request: Request, text: str, kind: str = "info") -> None:
    """Queue a message (already translated) for the next page this session renders."""
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], {"kind": kind, "text": text}][-5:]


def _take_flashes(request: Request) -> list[dict[str, str]]:
    if "flash" not in request.session:
        return []
    found = request.session.pop("flash")
    return found if isinstance(found, list) else []


def query_url(request: Request, **changes: Any) -> str:
    """This page's path with query parameters changed (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            params.extend((key, str(v)) for v in value)
        else:
            params.append((key, str(value)))
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def optional_url(request: Request, name: str, **path_params: Any) -> str | None:
    """The path of route ``name`` if the app has it (pages of modules not yet mounted)."""
    try:
        return str(request.app.url_path_for(name, **path_params))
    except NoMatchFound:
        return None


# Pages that belong under a navigation entry without sharing its path.
NAV_SECTIONS = {"/mentees": ("/pairings/",)}


def _is_current(path: str, href: str) -> bool:
    if href == "/":
        return path == "/"
    return path.startswith(href) or any(path.startswith(p) for p in NAV_SECTIONS.get(href, ()))


def page_context(request: Request, user: User | None, *, partial: bool = False) -> dict[str, Any]:
    """What every page template may use (a fragment leaves the queued flashes for the page)."""
    lang = page_language(request)
    _ = translator(lang)
    hrefs = [
        (href, _(text))
        for name, text, roles in NAV
        if user is not None
        and user.role in roles
        and (href := optional_url(request, name)) is not None
    ]
    # One entry is current: the longest that matches (/reserve/succession is not /reserve).
    path = request.url.path
    current = max((href for href, _ in hrefs if _is_current(path, href)), key=len, default=None)
    nav = [{"href": href, "label": text, "current": href == current} for href, text in hrefs]
    return {
        "request": request,
        "user": user,
        "user_name": getattr(request.state, "web_user_name", None)
        or (user.username if user is not None else None),
        "lang": lang,
        "html_lang": HTML_LANG[lang],
        "_": _,
        "label": lambda kind, code: labels.label(_, kind, code),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "flashes": [] if partial else _take_flashes(request),
        "nav": nav,
        "lang_url": {code: query_url(request, lang=code) for code in HTML_LANG},
        "path": lambda name, **params: str(request.app.url_path_for(name, **params)),
        "query_url": lambda **changes: query_url(request, **changes),
        "optional_url": lambda name, **params: optional_url(request, name, **params),
    }


def render(
    request: Request,
    name: str,
    user: User | None,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    partial: bool = False,
) -> HTMLResponse:
    """Render template ``name`` (a whole page, or a ``partial`` fragment) with ``context``."""
    full = page_context(request, user, partial=partial)
    full.update(context or {})
    return templates.TemplateResponse(request, name, full, status_code=status_code)


def gettext_for(request: Request) -> Gettext:
    """The translator for this request's page language."""
    return translator(page_language(request))
