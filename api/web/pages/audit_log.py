"""The audit log viewer (admin): filtered events, one event's before/after, the chain's
verification, and the sensitive reads of reserve candidates' files.

The page is thin: filtering and the chain are :mod:`talent.audit`, names and the
before/after comparison :mod:`talent.audit.views`, the words for codes ``labels/audit.toml``.
A filter that does not parse shows the page again with the message next to the field (422).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.responses import Response

from api.deps import SessionDep
from api.web.i18n import N_, Gettext, page_language
from api.web.labels import vocabularies
from api.web.paging import PageOf, Paging
from api.web.rendering import gettext_for, render
from api.web.security import PageGuard
from models import Role, User
from talent import audit, clock
from talent.audit import AuditQuery, ChainReport
from talent.audit import views as audit_views
from talent.errors import InvalidInput

router = APIRouter()

AdminPage = Annotated[User, Depends(PageGuard(Role.admin))]
WORDS = vocabularies("audit")
VIEWS = ("events", "sensitive")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)$")
CHAIN_PROBLEMS = {
    "sequence_gap": N_("序号不连续，有记录被删除或插入"),
    "prev_hash": N_("与前一条记录的哈希不衔接，有记录被插入或删除"),
    "edited": N_("记录内容与其哈希不符，记录被修改过"),
    "cut_off": N_("链尾的记录被删除"),
}


def word(_: Gettext, kind: str, code: object) -> str:
    """The translated word for an audit code; the code itself when it has none."""
    text = WORDS[kind].get(str(code))
    return _(text) if text is not None else str(code)


@dataclass
class Filters:
    """The filter form as typed, what it selects, and the messages for fields that do not parse."""

    values: dict[str, str]
    query: AuditQuery = field(default_factory=AuditQuery)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return any(v for k, v in self.values.items() if k != "view")


def _day(raw: str, name: str, _: Gettext, errors: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = _("日期格式应为 年-月-日，例如 2026-05-04")
        return None


def parse_filters(request: Request, session: Session, _: Gettext) -> Filters:
    """Read the filter form from the query string into an audit query."""
    names = ("actor", "action", "entity", "entity_id", "subject", "date_from", "date_to")
    values = {k: request.query_params.get(k, "").strip()[:64] for k in names}
    errors: dict[str, str] = {}
    actor_id = None
    if values["actor"]:
        if values["actor"].isdigit():
            actor_id = int(values["actor"])
        else:
            errors["actor"] = _("请从列表中选择操作人")
    date_from = _day(values["date_from"], "date_from", _, errors)
    date_to = _day(values["date_to"], "date_to", _, errors)
    if date_from and date_to and date_to < date_from:
        errors["date_to"] = _("结束日期不能早于开始日期")
    query = AuditQuery(
        actor_id=actor_id,
        action=values["action"] or None,
        entity=values["entity"] or None,
        entity_id=values["entity_id"] or None,
        date_from=date_from,
        date_to=date_to,
    )
    if values["subject"]:
        people = audit_views.people_named(session, values["subject"])
        try:
            query = audit_views.about_people(session, query, people)
        except InvalidInput:
            errors["subject"] = _("按姓名只能查找人员、结对或后备干部的记录，请换一个对象类型")
    return Filters(values=values, query=query, errors=errors)


def chain_status(session: Session) -> ChainReport:
    """The chain's verification (first, since it clears the session as it walks)."""
    return audit.verify(session)


def shown(value: Any) -> str:
    """A snapshot value as text: JSON for lists and records, '—' for nothing, and a stored
    UTC time in the courts' local time."""
    if value is None:
        return "—"
    if isinstance(value, str) and TIMESTAMP.match(value):
        return (
            datetime.fromisoformat(value)
            .astimezone(clock.court_zone())
            .strftime("%Y-%m-%d %H:%M:%S")
        )
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _context(request: Request, session: Session) -> dict[str, Any]:
    _ = gettext_for(request)
    return {
        "chain": chain_status(session),
        "chain_problems": CHAIN_PROBLEMS,
        "word": lambda kind, code: word(_, kind, code),
        "shown": shown,
    }


@router.get("/admin/audit", name="web.audit_log")
def audit_log(request: Request, session: SessionDep, user: AdminPage) -> Response:
    """The log, newest first, with its filters; ``?view=sensitive`` lists the sensitive reads."""
    _ = gettext_for(request)
    lang = page_language(request)
    context = _context(request, session)
    view = request.query_params.get("view", "events")
    view = view if view in VIEWS else "events"
    filters = parse_filters(request, session, _)
    paging = Paging.parse(request.query_params.get("page"))
    rows: list[Any] = []
    total = 0
    if not filters.errors:
        if view == "sensitive":
            rows = audit_views.sensitive_reads(
                session, query=filters.query, limit=paging.limit, offset=paging.offset, lang=lang
            )
        else:
            events = audit.search_events(
                session,
                query=filters.query,
                limit=paging.limit,
                offset=paging.offset,
                newest_first=True,
            )
            rows = audit_views.describe(session, events, lang)
            total = audit.count_events(session, query=filters.query)
    context.update(
        view=view,
        values=filters.values,
        errors=filters.errors,
        filtered=filters.active,
        page=PageOf.cut(rows, paging),
        total=total,
        actors=audit_views.actor_options(session),
        actions=audit_views.actions_present(session),
        entities=audit_views.entities_present(session),
    )
    return render(
        request, "audit_log.html", user, context, status_code=422 if filters.errors else 200
    )


@router.get("/admin/audit/events/{event_id}", name="web.audit_event")
def audit_event(event_id: int, request: Request, session: SessionDep, user: AdminPage) -> Response:
    """One event: who, when, what, and its record before and after, field by field."""
    lang = page_language(request)
    context = _context(request, session)
    event = audit_views.get_event(session, event_id)
    names = audit_views.Names(session, lang)
    (view,) = audit_views.describe(session, [event], lang)
    context.update(
        row=view,
        changes=audit_views.field_changes(event.before, event.after, names),
        broken=context["chain"].broken_id == event.id,
    )
    return render(request, "audit_event.html", user, context)
