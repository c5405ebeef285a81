"""The planner's matching pages: the run form with a what-if preview, the review board.

Every number and decision comes from the services the API calls (``runs``, ``run_views``, ``explanations``,
``proposals``); these handlers read the form, call one service and render its schemas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlmodel import Session, col, select
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import SessionDep, actor_of
from api.web.forms.fields import text as field_text
from api.web.forms.matching import BulkForm, RunForm, reject_reason, service_errors
from api.web.i18n import Gettext, page_language
from api.web.labels import label
from api.web.labels.matching import SEPARATORS, WHY_NOT
from api.web.names import UnitNames, people_by_id
from api.web.paging import PageOf, Paging
from api.web.rendering import flash, gettext_for, render
from api.web.rendering import score as score_text
from api.web.score_bars import feature_bars
from api.web.security import CheckedForm, PlannerPage
from models import Link, Proposal, User
from models.matching_schemas import BulkOutcome, ExplainRow, ForcedChange, ForcedMove, RunPublic
from talent.errors import InvalidInput, RuleViolation
from talent.matching import explanations, proposals, run_views, runs, scoring, weights

router = APIRouter(prefix="/matching")

BOARD_PARAMS = ("status", "page", "upage")
PROPOSAL_STATUSES = ("proposed", "accepted", "rejected", "stale", "superseded")
BOARD_SIZE = 20
UNMATCHED_SIZE = 20
DIFF_SHOWN = 15
ALTERNATIVES_SHOWN = 3
ALTERNATIVES_FULL = 20


# --- the run form and its what-if preview ---------------------------------------------------
def _form_page(
    request: Request,
    session: Session,
    user: User,
    form: RunForm,
    *,
    errors: dict[str, str] | None = None,
    preview: RunPublic | None = None,
) -> Response:
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    diff_people = {}
    if preview is not None and preview.diff is not None:
        shown = preview.diff.gained[:DIFF_SHOWN] + preview.diff.lost[:DIFF_SHOWN]
        diff_people = people_by_id(
            session, [p.mentee_id for p in shown] + [p.mentor_id for p in shown]
        )
    features = [
        {
            "key": key,
            "label": label(_, "feature", key),
            "hint": label(_, "feature_hint", key),
        }
        for key in scoring.FEATURES
    ]
    return render(
        request,
        "matching_form.html",
        user,
        {
            "form": form,
            "errors": errors or {},
            "preview": preview,
            "diff_people": diff_people,
            "diff_shown": DIFF_SHOWN,
            "features": features,
            "links": [link.value for link in Link],
            "units": units,
            "latest_runs": latest_runs(session),
            "open_runs": open_runs(session),
        },
        status_code=422 if errors else 200,
    )


@router.get("", name="web.matching_form")
def matching_form(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """The run form with the weights in force."""
    form = RunForm.defaults(weights.weights_in_force(session))
    return _form_page(request, session, user, form)


def _solve_form(
    request: Request, session: Session, user: User, data: FormData, *, dry_run: bool
) -> Response | RunPublic:
    """The run the form asks for, solved (and stored unless ``dry_run``), or the form again."""
    _ = gettext_for(request)
    form = RunForm.read(data)
    body, errors = form.parse(_, dry_run=dry_run)
    if body is not None:
        try:
            return runs.create_run(session, body=body, actor=actor_of(user))
        except InvalidInput as error:
            errors = service_errors(_, error.field, error.message)
    return _form_page(request, session, user, form, errors=errors)


@router.post("/preview", name="web.matching_preview")
def matching_preview(
    request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """A what-if: solve without storing and show what would change against the latest run."""
    solved = _solve_form(request, session, user, data, dry_run=True)
    if isinstance(solved, Response):
        return solved
    return _form_page(request, session, user, RunForm.read(data), preview=solved)


@router.post("/runs", name="web.matching_create")
def matching_create(
    request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Solve and store a run, then open its review board."""
    _ = gettext_for(request)
    run = _solve_form(request, session, user, data, dry_run=False)
    if isinstance(run, Response):
        return run
    flash(
        request,
        _(
            "已生成匹配批次 #%(id)s：%(proposals)s 条建议，%(unmatched)s 人未匹配。",
            id=run.id,
            proposals=run.n_proposals,
            unmatched=run.n_unmatched,
        ),
        "success",
    )
    return RedirectResponse(
        request.app.url_path_for("web.run_board", run_id=run.id), status_code=303
    )


# --- the review board -------------------------------------------------------------------------
def _board_query(request: Request) -> str:
    """The board's own query parameters (status, page, upage), for links and form actions."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k in BOARD_PARAMS]
    return urlencode(kept)


def _board_page(
    request: Request,
    session: Session,
    user: User,
    run_id: int,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    _ = gettext_for(request)
    run = runs.run_public(runs.get_run(session, run_id))
    status = request.query_params.get("status")
    status = status if status in PROPOSAL_STATUSES else None
    paging = Paging.parse(request.query_params.get("page"), size=BOARD_SIZE)
    page = PageOf.cut(
        run_views.list_proposals(
            session, run_id=run_id, status=status, limit=paging.limit, offset=paging.offset
        ),
        paging,
    )
    unmatched_paging = Paging.parse(request.query_params.get("upage"), size=UNMATCHED_SIZE)
    unmatched = PageOf.cut(
        run_views.list_unmatched(
            session, run_id=run_id, limit=unmatched_paging.limit, offset=unmatched_paging.offset
        ),
        unmatched_paging,
    )
    ids = [p.mentee_id for p in page.rows] + [p.mentor_id for p in page.rows]
    ids += [u.mentee_id for u in unmatched.rows]
    query = _board_query(request)
    n_open = len(_open_ids(session, run_id))
    return render(
        request,
        "run_board.html",
        user,
        {
            "run": run,
            "n_open": n_open,
            "status": status,
            "statuses": PROPOSAL_STATUSES,
            "page": page,
            "unmatched": unmatched,
            "people": people_by_id(session, ids),
            "units": UnitNames.load(session, page_language(request)),
            "bars": {p.id: feature_bars(_, p.breakdown, run.weights) for p in page.rows},
            "stale": {
                p.id: stale_words(_, p.reason or "") for p in page.rows if p.status == "stale"
            },
            "board_query": f"?{query}" if query else "",
            "errors": errors or {},
            "values": values or {},
        },
        status_code=422 if errors else 200,
    )


def stale_words(_: Gettext, reason: str) -> str:
    """Why a proposal went stale, in the page's words (from the reason the service wrote)."""
    cause, run_id = proposals.stale_cause(reason)
    if cause == "mentee_paired":
        if run_id is None:
            return _("该徒弟已由人工结对")
        return _("该徒弟已在第 %(run)s 批次中确认结对", run=run_id)
    if run_id is None:
        return _("导师名额已满（人工结对后）")
    return _("导师名额已满（第 %(run)s 批次确认结对后）", run=run_id)


def _back_to_board(request: Request, run_id: int, card: int | None = None) -> RedirectResponse:
    """Back to the board's same page and filters, at the card just decided (if any)."""
    query = _board_query(request)
    path = request.app.url_path_for("web.run_board", run_id=run_id)
    anchor = f"#p-{card}" if card is not None else ""
    return RedirectResponse(f"{path}?{query}{anchor}" if query else f"{path}{anchor}", 303)


def _open_ids(session: Session, run_id: int) -> list[int]:
    """The run's proposals still waiting for a decision, by id."""
    return list(
        session.exec(
            select(Proposal.id)
            .where(Proposal.run_id == run_id, Proposal.status == "proposed")
            .order_by(col(Proposal.id))
        ).all()
    )


def _pair_names(session: Session, proposal: Proposal) -> dict[str, str]:
    """The mentor's and the mentee's names, for a message about their proposal."""
    names = people_by_id(session, [proposal.mentor_id, proposal.mentee_id])
    return {
        "mentor": names[proposal.mentor_id].name if proposal.mentor_id in names else "—",
        "mentee": names[proposal.mentee_id].name if proposal.mentee_id in names else "—",
    }


def _refusal(_: Gettext, error: RuleViolation | InvalidInput) -> str:
    rule = getattr(error, "rule", None)
    if rule and label(_, "rule", rule) != rule:
        return label(_, "rule", rule)
    return error.message


@router.get("/runs/{run_id}", name="web.run_board")
def run_board(run_id: int, request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """Proposals with scores and feature bars, decisions one by one or in bulk, the unmatched."""
    return _board_page(request, session, user, run_id)


def _decide(
    request: Request,
    run_id: int,
    decision: Callable[[], object],
    *,
    done: str,
    refused: Callable[[str], str],
    card: int | None = None,
) -> Response:
    """Make one decision; say what happened (or which rule refused it) back on the board."""
    _ = gettext_for(request)
    try:
        decision()
    except (RuleViolation, InvalidInput) as error:
        flash(request, refused(_refusal(_, error)), "error")
    else:
        flash(request, done, "success")
    return _back_to_board(request, run_id, card)


@router.post("/proposals/{proposal_id}/accept", name="web.proposal_accept")
def proposal_accept(
    proposal_id: int, request: Request, session: SessionDep, user: PlannerPage, _data: CheckedForm
) -> Response:
    """Accept one proposal: a pairing, unless a rule now refuses it (shown as a message)."""
    _ = gettext_for(request)
    proposal = proposals.get_proposal(session, proposal_id)
    pair = _pair_names(session, proposal)
    return _decide(
        request,
        proposal.run_id,
        lambda: proposals.accept_proposal(session, proposal_id=proposal_id, actor=actor_of(user)),
        done=_("已确认：%(mentor)s—%(mentee)s，结对已建立。", **pair),
        refused=lambda why: _("未能确认 %(mentor)s—%(mentee)s：%(why)s", why=why, **pair),
        card=proposal_id,
    )


@router.post("/proposals/{proposal_id}/reject", name="web.proposal_reject")
def proposal_reject(
    proposal_id: int, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Reject one proposal with a reason (the reason is required)."""
    _ = gettext_for(request)
    proposal = proposals.get_proposal(session, proposal_id)
    pair = _pair_names(session, proposal)
    typed, body, problem = reject_reason(data, _)
    if body is None:
        key = f"reason-{proposal_id}"
        return _board_page(
            request,
            session,
            user,
            proposal.run_id,
            errors={key: problem or ""},
            values={key: typed},
        )
    return _decide(
        request,
        proposal.run_id,
        lambda: proposals.reject_proposal(
            session, proposal_id=proposal_id, reason=body.reason, actor=actor_of(user)
        ),
        done=_("已驳回：%(mentor)s—%(mentee)s。", **pair),
        refused=lambda why: _("未能驳回 %(mentor)s—%(mentee)s：%(why)s", why=why, **pair),
        card=proposal_id,
    )


def _bulk_summary(_: Gettext, outcomes: list[BulkOutcome]) -> tuple[str, str]:
    done = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    text = _("已处理 %(done)s 条建议。", done=len(done))
    if failed:
        reasons = Counter(label(_, "rule", o.rule) if o.rule else (o.message or "") for o in failed)
        details = "；".join(f"{why} × {count}" for why, count in sorted(reasons.items()))
        text += " " + _("%(n)s 条未能处理：%(why)s", n=len(failed), why=details)
    return text, ("error" if failed else "success")


@router.post("/runs/{run_id}/decide", name="web.run_decide")
def run_decide(
    run_id: int, request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Accept or reject the ticked proposals; each succeeds or fails on its own."""
    _ = gettext_for(request)
    runs.get_run(session, run_id)
    form = BulkForm.read(data)
    if field_text(data, "all_open") == "1":
        # Every proposal of the run still waiting, not only the ticked ones of this page.
        form.proposal_ids = [str(i) for i in _open_ids(session, run_id)[:500]]
    body, errors = form.parse(_)
    if body is None:
        values = {
            "bulk_ids": set(form.proposal_ids),
            "bulk_action": form.action,
            "bulk_reason": form.reason,
        }
        return _board_page(
            request,
            session,
            user,
            run_id,
            errors={f"bulk_{k}": v for k, v in errors.items()},
            values=values,
        )
    outcomes = proposals.decide_many(session, body=body, actor=actor_of(user))
    text, kind = _bulk_summary(_, outcomes)
    flash(request, text, kind)
    return _back_to_board(request, run_id)


# --- why this mentor, and why not the others -------------------------------------------------
MOVES_SHOWN = 6


def why_not(_: Gettext, row: ExplainRow, chosen: ExplainRow | None, names: dict[int, str]) -> str:
    """Why not this mentor, in the page's language, from the explain service's figures.

    What held the mentor back (its slots, held by whom; its score against the proposed
    mentor's), then what forcing the pair would cost (the change in total score and
    matched count) and the chain of moves it causes, by name.
    """
    parts = []
    if row.slots_went_to is not None:
        held = _(SEPARATORS["names"]).join(names.get(m, f"#{m}") for m in row.slots_went_to)
        parts.append(_(WHY_NOT["slots_taken"], slots=len(row.slots_went_to), names=held))
    if chosen is not None and chosen.score is not None and row.score is not None:
        parts.append(_score_against(_, row.score, chosen.score))
    if row.forced is not None:
        tie = (row.why_not or "").split(":", 1)[0] == "tie"
        parts.append(_cost(_, row.forced, moved=chosen is not None, tie=tie))
        parts.append(_moves(_, row.forced.moves[1:]))
    else:
        parts.append(_(WHY_NOT["not_computed"]))
    return _(SEPARATORS["parts"]).join(parts)


def _score_against(_: Gettext, score: float, chosen: float) -> str:
    if abs(score - chosen) <= explanations.TIE:
        return _(WHY_NOT["equal_score"], score=score_text(score))
    digits = 3  # more only when three would print two different scores alike
    while digits < 9 and score_text(score, digits) == score_text(chosen, digits):
        digits += 1
    key = "lower_score" if score < chosen else "higher_score"
    return _(WHY_NOT[key], score=score_text(score, digits), chosen=score_text(chosen, digits))


def _cost(_: Gettext, forced: ForcedChange, *, moved: bool, tie: bool) -> str:
    change = forced.score_change
    if tie or change == 0:
        total = _(WHY_NOT["score_same"])
    else:
        digits = 3  # more only for a change that three decimals would print as 0.000
        while digits < 9 and float(score_text(abs(change), digits)) == 0:
            digits += 1
        amount = score_text(abs(change), digits)
        total = _(WHY_NOT["score_down" if change < 0 else "score_up"], amount=amount)
    matched = (
        _(WHY_NOT["matched_same"])
        if forced.matched_change == 0
        else _(WHY_NOT["matched_down"], n=-forced.matched_change)
    )
    return _(WHY_NOT["if_moved" if moved else "if_assigned"], score=total, matched=matched)


def _moves(_: Gettext, moves: list[ForcedMove]) -> str:
    if not moves:
        return _(WHY_NOT["nobody_else"])
    said = []
    for move in moves[:MOVES_SHOWN]:
        if move.to_mentor_name is None:
            said.append(_(WHY_NOT["move_out"], mentee=move.mentee_name))
        elif move.from_mentor_name is None:
            said.append(_(WHY_NOT["move_in"], mentee=move.mentee_name, mentor=move.to_mentor_name))
        else:
            said.append(_(WHY_NOT["move"], mentee=move.mentee_name, mentor=move.to_mentor_name))
    if len(moves) > MOVES_SHOWN:
        said.append(_(WHY_NOT["more_moves"], n=len(moves) - MOVES_SHOWN))
    return _(SEPARATORS["moves"]).join(said)


def explain_context(
    request: Request, session: Session, run_id: int, mentee_id: int, *, shown: int
) -> dict[str, Any]:
    """The mentee's proposed mentor, the best alternatives with why-not, the rules that excluded."""
    _ = gettext_for(request)
    run = runs.run_public(runs.get_run(session, run_id))
    rows = explanations.explain(session, run_id=run_id, mentee_id=mentee_id, forced_limit=shown)
    chosen = next((r for r in rows if r.chosen), None)
    alternatives = sorted(
        (r for r in rows if r.eligible and not r.chosen),
        key=lambda r: (-(r.score or 0.0), r.mentor_id),
    )
    excluded = Counter(label(_, "rule", r.rule) for r in rows if not r.eligible)
    ids = [mentee_id] + [r.mentor_id for r in alternatives[:shown]]
    ids += [chosen.mentor_id] if chosen else []
    for row in alternatives[:shown]:
        ids += row.slots_went_to or []
    found = people_by_id(session, ids)
    names = {pid: p.name for pid, p in found.items()}
    return {
        "run": run,
        "mentee": found.get(mentee_id),
        "mentee_id": mentee_id,
        "chosen": chosen,
        "chosen_bars": feature_bars(_, chosen.breakdown, run.weights) if chosen else [],
        "alternatives": [
            {
                "row": row,
                "why_not": why_not(_, row, chosen, names),
                "bars": feature_bars(_, row.breakdown, run.weights),
            }
            for row in alternatives[:shown]
        ],
        "more_alternatives": max(0, len(alternatives) - shown),
        "excluded": sorted(excluded.items(), key=lambda item: (-item[1], item[0])),
        "people": found,
        "units": UnitNames.load(session, page_language(request)),
    }


@router.get("/runs/{run_id}/mentees/{mentee_id}", name="web.explain")
def explain(
    run_id: int, mentee_id: int, request: Request, session: SessionDep, user: PlannerPage
) -> Response:
    """Why this mentee got this mentor and not another (``?partial=1``: the fragment only)."""
    partial = request.query_params.get("partial") == "1"
    shown = ALTERNATIVES_SHOWN if partial else ALTERNATIVES_FULL
    context = explain_context(request, session, run_id, mentee_id, shown=shown)
    template = "explain_partial.html" if partial else "explain.html"
    return render(request, template, user, context, partial=partial)


OPEN_RUNS_SHOWN = 10


def open_runs(session: Session) -> list[RunPublic]:
    """The newest runs that still have proposals waiting for a decision."""
    return runs.list_runs(session, has_open=True, limit=OPEN_RUNS_SHOWN)


def latest_runs(session: Session) -> list[RunPublic]:
    """The newest stored run of each link over all units, within courts and across them."""
    found = []
    for link in Link:
        for cross_unit in (False, True):
            run = runs.latest_run(session, runs.scope_key(link.value, None, cross_unit))
            if run is not None:
                found.append(runs.run_public(run))
    return found
