"""The planner's pairings board: filters, overdue flags, the escalation ladder, ending, re-matching.

``GET /pairings`` lists pairings (unit, link, status, overdue only, a mentor or mentee
search, a page at a time) with the days since each one's last log and the rung of the
escalation ladder it stands on (overdue -> reminded -> escalated -> dissolved, dated), the
next step the cadence service allows, and a form to end it (completed, or dissolved with
a reason, which queues the mentee for re-matching). Below it, the re-match queue with how
long each mentee has waited. ``GET /pairings/{id}`` is the pairing page
(:mod:`api.web.pages.mentoring`); the board's actions post to paths under it that do not
clash with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from api.deps import PathId, SessionDep, actor_of
from api.web.forms.mentoring import END_STATUSES, RATINGS, EndForm, step_body, withdraw_body
from api.web.i18n import Gettext, page_language
from api.web.labels import label
from api.web.names import UnitNames, people_by_id
from api.web.pages.mentoring import refusal
from api.web.paging import PageOf, Paging
from api.web.rendering import flash, gettext_for, render
from api.web.security import CheckedForm, PlannerPage
from models import Link, Pairing, User
from models.matching_schemas import PairingEnd, PairingPublic
from models.mentoring import DissolveReason, EscalationRung
from models.mentoring_schemas import EscalationStepPublic, RematchEntryPublic
from talent import clock
from talent.errors import InvalidInput, RuleViolation
from talent.mentoring import access, escalation, overdue, pairings, rematch

router = APIRouter()

BOARD_PARAMS = ("unit", "link", "status", "overdue", "q", "page", "qpage")
STATUSES = ("active", "completed", "dissolved")
BOARD_SIZE = 20
QUEUE_SIZE = 20
SEARCH_MAX = 64
# A unit or name filter narrows pairings the listing service cannot narrow itself: it
# reads the pairings that pass the service's own filters, at most this many, and keeps
# those whose mentor or mentee is in scope.


@dataclass(frozen=True)
class BoardRow:
    """One pairing on the board, with its cadence and where it stands on the ladder."""

    pairing: PairingPublic
    last_log_date: date | None
    days_quiet: int | None
    overdue: bool
    rung: EscalationRung | None
    rung_date: date | None
    steps: list[EscalationStepPublic]
    next_step: str | None


@dataclass
class BoardFilters:
    """The board's query, as typed, and what it parses to."""

    values: dict[str, str]
    errors: dict[str, str]
    unit_id: int | None = None
    link: str | None = None
    status: str | None = "active"
    overdue: bool = False
    q: str | None = None

    @classmethod
    def read(cls, request: Request, units: UnitNames, _: Gettext) -> BoardFilters:
        query = request.query_params
        values = {k: (query.get(k) or "").strip() for k in ("unit", "link", "status", "q")}
        values["overdue"] = "1" if query.get("overdue") in ("1", "on", "true") else ""
        found = cls(values=values, errors={}, overdue=bool(values["overdue"]))
        if values["unit"]:
            unit_id = int(values["unit"]) if values["unit"].isdigit() else None
            if unit_id in units.units:
                found.unit_id = unit_id
            else:
                found.errors["unit"] = _("请选择列表中的单位")
        if values["link"]:
            if values["link"] in {link.value for link in Link}:
                found.link = values["link"]
            else:
                found.errors["link"] = _("请选择一条带教链条")
        status = values["status"] or "active"
        if status == "all":
            found.status = None
        elif status in STATUSES:
            found.status = status
        else:
            found.errors["status"] = _("请选择列表中的状态")
        values["status"] = status
        if len(values["q"]) > SEARCH_MAX or "\x00" in values["q"]:
            found.errors["q"] = _("搜索词最多 %(n)s 个字", n=SEARCH_MAX)
        else:
            found.q = values["q"] or None
        return found


def _listed(session: Session, user: User, filters: BoardFilters, paging: Paging) -> list[Pairing]:
    """One page (plus one row) of the pairings the filters admit, the most urgent first:
    active pairings by days without a log, longest first, then the ended ones."""
    return pairings.list_pairings(
        session,
        user=user,
        status=filters.status,
        link=filters.link,
        overdue=True if filters.overdue else None,
        unit_id=filters.unit_id,
        q=filters.q,
        sort="urgency",
        limit=paging.limit,
        offset=paging.offset,
    )


def _rows(session: Session, listed: list[Pairing]) -> list[BoardRow]:
    """Each pairing with its last log, days quiet and rung, as the cadence services see it.

    The ladder shown is the current quiet stretch: steps after the last log (or the start),
    the derived ``overdue`` rung and ``dissolved``; older stretches ended with a log.
    """
    found = overdue.cadence_of(
        session, listed, as_of=clock.today(), days=overdue.DEFAULT_OVERDUE_DAYS
    )
    rows = []
    for pairing in listed:
        cadence = found[pairing.id]
        state = cadence.state
        anchor = cadence.last_log or pairing.start_date
        current = [
            s
            for s in escalation.ladder_steps(pairing, cadence)
            if s.step in (EscalationRung.overdue, EscalationRung.dissolved) or s.date > anchor
        ]
        rows.append(
            BoardRow(
                pairing=PairingPublic.model_validate(pairing),
                last_log_date=cadence.last_log,
                days_quiet=state.days_quiet if pairing.status == "active" else None,
                overdue=state.overdue,
                rung=state.rung,
                rung_date=state.rung_date,
                steps=current,
                next_step=escalation.NEXT_STEP.get(state.rung) if state.rung else None,
            )
        )
    return rows


def _board_query(request: Request) -> str:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k in BOARD_PARAMS]
    return urlencode(kept)


def _board_page(
    request: Request,
    session: Session,
    user: User,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    filters = BoardFilters.read(request, units, _)
    paging = Paging.parse(request.query_params.get("page"), size=BOARD_SIZE)
    page = PageOf.cut([] if filters.errors else _listed(session, user, filters, paging), paging)
    queue_paging = Paging.parse(request.query_params.get("qpage"), size=QUEUE_SIZE)
    queue: PageOf = PageOf.cut(
        rematch.rematch_queue(
            session, status="waiting", limit=queue_paging.limit, offset=queue_paging.offset
        ),
        queue_paging,
    )
    rows = _rows(session, page.rows)
    ids = [r.pairing.mentor_id for r in rows] + [r.pairing.mentee_id for r in rows]
    ids += [e.former_mentor_id for e in queue.rows]
    query = _board_query(request)
    if filters.errors and status_code == 200:
        status_code = 422
    return render(
        request,
        "pairings_board.html",
        user,
        {
            "filters": filters,
            "values": filters.values,
            "filter_errors": filters.errors,
            "filtered": any(v for k, v in filters.values.items() if k != "status")
            or filters.values["status"] != "active",
            "page": page,
            "rows": rows,
            "queue": queue,
            "people": people_by_id(session, ids),
            "units": units,
            "links": [link.value for link in Link],
            "statuses": STATUSES,
            "end_statuses": END_STATUSES,
            "ratings": RATINGS,
            "dissolve_reasons": [r.value for r in DissolveReason],
            "overdue_days": overdue.DEFAULT_OVERDUE_DAYS,
            "overdue_total": len(overdue.overdue_pairing_ids(session)),
            "board_query": f"?{query}" if query else "",
            "errors": errors or {},
            "form_values": values or {},
            "problem": problem,
        },
        status_code=status_code,
    )


@router.get("/pairings", name="web.pairings_board")
def pairings_board(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """Pairings with overdue flags and the ladder, filters and paging, the re-match queue."""
    return _board_page(request, session, user)


def _back_to_board(request: Request, anchor: str = "") -> RedirectResponse:
    query = _board_query(request)
    path = str(request.app.url_path_for("web.pairings_board"))
    return RedirectResponse(f"{path}{'?' + query if query else ''}{anchor}", status_code=303)


@router.post("/pairings/{pairing_id}/end", name="web.pairing_end")
def pairing_end(
    pairing_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """End a pairing: completed, or dissolved with a reason (its mentee joins the queue)."""
    _ = gettext_for(request)
    pairing = access.get_pairing(session, pairing_id)
    form = EndForm.read(data)
    body, problems = form.parse(_)
    key = f"end-{pairing_id}"
    errors = {f"{key}-{field}": message for field, message in problems.items()}
    if body is not None:
        try:
            if isinstance(body, PairingEnd):
                pairings.end_pairing(
                    session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
                )
            else:
                escalation.dissolve_pairing(
                    session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
                )
        except RuleViolation as error:
            session.rollback()
            return _board_page(
                request,
                session,
                user,
                errors={f"{key}-form": refusal(_, error)},
                values={key: form},
                problem=_("结对 #%(id)s 未能结束：%(why)s", id=pairing_id, why=refusal(_, error)),
                status_code=409,
            )
        except InvalidInput as error:
            session.rollback()
            errors = {f"{key}-{error.field.split('.')[0]}": error.message}
        else:
            mentee = people_by_id(session, [pairing.mentee_id]).get(pairing.mentee_id)
            name = mentee.name if mentee else f"#{pairing.mentee_id}"
            if isinstance(body, PairingEnd):
                text = _("已结业：%(name)s 的结对。", name=name)
            else:
                text = _("已解除：%(name)s 的结对，已进入重新匹配队列。", name=name)
            flash(request, text, "success")
            return _back_to_board(request)
    return _board_page(
        request,
        session,
        user,
        errors=errors,
        values={key: form},
        problem=_("结对 #%(id)s 未能结束，请检查表单。", id=pairing_id),
        status_code=422,
    )


@router.post("/pairings/{pairing_id}/escalation", name="web.pairing_escalate")
def pairing_escalate(
    pairing_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Put an overdue pairing on the next rung: remind its mentor, then escalate."""
    _ = gettext_for(request)
    access.get_pairing(session, pairing_id)
    body, problems = step_body(data, _)
    if body is None:
        return _board_page(
            request,
            session,
            user,
            errors={f"step-{pairing_id}-{k}": v for k, v in problems.items()},
            problem=next(iter(problems.values())),
            status_code=422,
        )
    try:
        escalation.record_step(
            session, pairing_id=pairing_id, body=body, user=user, actor=actor_of(user)
        )
    except RuleViolation as error:
        session.rollback()
        flash(request, _("结对 #%(id)s：%(why)s", id=pairing_id, why=refusal(_, error)), "error")
    else:
        flash(
            request,
            _("结对 #%(id)s：%(step)s。", id=pairing_id, step=label(_, "rung", body.step)),
            "success",
        )
    return _back_to_board(request, f"#pairing-{pairing_id}")


@router.post("/rematch/{entry_id}/withdraw", name="web.rematch_withdraw")
def rematch_withdraw(
    entry_id: PathId, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Take a waiting mentee off the re-match queue, with a reason."""
    _ = gettext_for(request)
    typed, body, problem = withdraw_body(data, _)
    key = f"withdraw-{entry_id}"
    if body is None:
        return _board_page(
            request,
            session,
            user,
            errors={key: problem or ""},
            values={key: typed},
            status_code=422,
        )
    try:
        entry: RematchEntryPublic = rematch.withdraw_rematch(
            session, entry_id=entry_id, reason=body.reason, user=user, actor=actor_of(user)
        )
    except RuleViolation as error:
        session.rollback()
        flash(request, refusal(_, error), "error")
    else:
        flash(request, _("已将 %(name)s 移出重新匹配队列。", name=entry.mentee_name), "success")
    return _back_to_board(request, "#queue")
