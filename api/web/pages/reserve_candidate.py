"""A reserve candidate's file: records, eligibility, readiness, history, reviews, and the
forms a reviewer uses on it (the review decision, lifecycle steps, undo).

Reading the file reads the political quality file and the positive / negative list
through the services that audit every read (``reserve.sensitive.read``). A form that
does not parse, or that a service refuses, shows the file again with the message next
to the field and what was typed kept (422 for input, 409 for a rule); success is a 303
back to the file with a flash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from api.deps import SessionDep, actor_of
from api.downloads import attachment
from api.web.forms.reserve import ReviewForm, TransitionForm, UndoForm
from api.web.i18n import Gettext, page_language
from api.web.labels import label
from api.web.names import UnitNames
from api.web.rendering import flash, gettext_for, render
from api.web.security import CheckedForm, ReviewerPage
from models import User
from models.reserve import Band, Decision
from models.reserve_schemas import UndoCreate
from talent.audit import Actor
from talent.errors import InvalidInput, RuleViolation
from talent.reserve import candidates as reserve_candidates
from talent.reserve import pool as reserve_pool
from talent.reserve import records as reserve_records
from talent.reserve import reviews as reserve_reviews
from talent.reserve import sheet as reserve_sheet
from talent.roster import people

router = APIRouter()

TRAINING_YEARS = 3


class _Form(Protocol):
    def values(self) -> dict[str, str]: ...
    def parse(self, _: Gettext) -> tuple[Any, dict[str, str]]: ...
    def refusal(self, _: Gettext, error: InvalidInput | RuleViolation) -> dict[str, str]: ...


class _Write(Protocol):
    """A reserve service that writes one step on a candidate's file, as the API calls it."""

    def __call__(
        self, session: Session, *, candidate_id: int, body: Any, actor: Actor
    ) -> object: ...


def file_context(request: Request, session: Session, user: User, candidate_id: int) -> dict:
    """Everything the file shows, from the services the API's reserve routes call."""
    actor = actor_of(user)
    detail = reserve_pool.candidate_detail(session, candidate_id=candidate_id)
    person_id = detail.person_id
    undoable = reserve_candidates.step_to_undo(session, candidate_id)
    cycle = reserve_reviews.latest_cycle(session)
    flag = next((f for f in cycle.flags if f.candidate_id == candidate_id), None) if cycle else None
    return {
        "candidate": detail,
        "person": people.person_detail(session, person_id=person_id, user=user),
        "units": UnitNames.load(session, page_language(request)),
        "assessments": reserve_records.list_assessments(session, person_id=person_id),
        "metrics": reserve_records.list_case_metrics(session, person_id=person_id),
        "activities": reserve_records.list_activities(session, person_id=person_id),
        "training": reserve_records.training_hours(
            session, person_id=person_id, years=TRAINING_YEARS
        ),
        # sensitive: each read is audited by the service
        "political": reserve_records.list_political_entries(
            session, person_id=person_id, actor=actor
        ),
        "list_items": reserve_records.list_list_items(
            session, person_id=person_id, polarity=None, actor=actor
        ),
        "reviews": reserve_reviews.list_reviews(session, candidate_id=candidate_id),
        "cycle": cycle,
        "flag": flag,
        "cycles": [c.code for c in reserve_reviews.list_cycles(session)],
        "suggested_cycle": reserve_reviews.cycle_for_decision(session, candidate_id=candidate_id),
        "moves": reserve_candidates.moves_from(detail.status),
        "undoable": undoable,
        "decisions": [d.value for d in Decision],
        "bands": [b.value for b in Band],
    }


def _file_page(
    request: Request,
    session: Session,
    user: User,
    candidate_id: int,
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    context = file_context(request, session, user, candidate_id)
    context["errors"] = dict(errors or {})
    context["values"] = dict(values or {})
    return render(request, "reserve_candidate.html", user, context, status_code=status_code)


@router.get("/reserve/candidates/{candidate_id}", name="web.reserve_candidate")
def candidate_file(
    candidate_id: int, request: Request, session: SessionDep, user: ReviewerPage
) -> Response:
    """The candidate's file and the review form."""
    return _file_page(request, session, user, candidate_id)


def _submit(
    request: Request,
    session: Session,
    user: User,
    candidate_id: int,
    form: _Form,
    write: _Write,
    done: str,
) -> Response:
    """Parse, write through the service, and answer: the file again with the errors, or a
    303 back to the file with ``done`` flashed."""
    _ = gettext_for(request)
    reserve_candidates.get_candidate(session, candidate_id)  # 404 before anything else
    body, errors = form.parse(_)
    if body is None:
        return _file_page(
            request,
            session,
            user,
            candidate_id,
            errors=errors,
            values=form.values(),
            status_code=422,
        )
    try:
        write(session, candidate_id=candidate_id, body=body, actor=actor_of(user))
    except (InvalidInput, RuleViolation) as error:
        session.rollback()
        status = 422 if isinstance(error, InvalidInput) else 409
        return _file_page(
            request,
            session,
            user,
            candidate_id,
            errors=form.refusal(_, error),
            values=form.values(),
            status_code=status,
        )
    flash(request, done, "success")
    path = request.app.url_path_for("web.reserve_candidate", candidate_id=candidate_id)
    return RedirectResponse(f"{path}#history", status_code=303)


@router.post("/reserve/candidates/{candidate_id}/reviews", name="web.reserve_review")
def record_review(
    candidate_id: int, request: Request, session: SessionDep, user: ReviewerPage, data: CheckedForm
) -> Response:
    """Record a decision in a cycle, with the band confirmed or overridden (calibration)."""
    _ = gettext_for(request)
    form = ReviewForm.read(data)
    done = _(
        "已记录 %(cycle)s 轮次的评审决定：%(decision)s。",
        cycle=form.cycle,
        decision=label(_, "decision", form.decision),
    )
    return _submit(request, session, user, candidate_id, form, reserve_reviews.record_review, done)


@router.post("/reserve/candidates/{candidate_id}/transitions", name="web.reserve_transition")
def transition(
    candidate_id: int, request: Request, session: SessionDep, user: ReviewerPage, data: CheckedForm
) -> Response:
    """List for inspection, appoint, or remove with a reason."""
    _ = gettext_for(request)
    form = TransitionForm.read(data)
    done = _("已记录：%(action)s。", action=label(_, "event_action", form.action))
    return _submit(request, session, user, candidate_id, form, reserve_candidates.transition, done)


def _undo(session: Session, *, candidate_id: int, body: UndoCreate, actor: Actor) -> object:
    """The undo service in the shape of the other steps (it takes the body's reason)."""
    return reserve_candidates.undo(
        session, candidate_id=candidate_id, reason=body.reason, actor=actor
    )


@router.post("/reserve/candidates/{candidate_id}/undo", name="web.reserve_undo")
def undo(
    candidate_id: int, request: Request, session: SessionDep, user: ReviewerPage, data: CheckedForm
) -> Response:
    """Undo the latest step; both it and the undo stay in the history."""
    _ = gettext_for(request)
    done = _("已撤销最近一步，历史中保留原记录和撤销记录。")
    return _submit(request, session, user, candidate_id, UndoForm.read(data), _undo, done)


# --- downloads ---------------------------------------------------------------------------
@router.get("/reserve/candidates/{candidate_id}/sheet.docx", name="web.reserve_sheet")
def cadre_sheet(
    candidate_id: int, request: Request, session: SessionDep, user: ReviewerPage
) -> Response:
    """The cadre information sheet (干部信息采集表) as DOCX (the download is audited)."""
    candidate = reserve_candidates.get_candidate(session, candidate_id)
    content = reserve_sheet.cadre_sheet(
        session, person_id=candidate.person_id, actor=actor_of(user)
    )
    name = f"干部信息采集表-{candidate.person_id}.docx"
    return attachment(content, reserve_sheet.DOCX_MEDIA_TYPE, name)


@router.get(
    "/reserve/candidates/{candidate_id}/documents/{document_id}", name="web.reserve_document"
)
def recommendation_document(
    candidate_id: int, document_id: int, request: Request, session: SessionDep, user: ReviewerPage
) -> Response:
    """The recommendation document attached to the nomination (the read is audited)."""
    doc = reserve_candidates.read_document(
        session, candidate_id=candidate_id, document_id=document_id, actor=actor_of(user)
    )
    return attachment(doc.content, doc.content_type, doc.filename)
