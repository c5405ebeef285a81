"""Matching runs, what they show, and the planner's review of proposals."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import PlannerUser, QueryId, SessionDep, actor_of
from api.paging import Page
from models import Link
from models.matching_schemas import (
    CROSS_UNIT_DEFAULT,
    BulkDecision,
    BulkOutcome,
    CandidatePublic,
    CapacityPublic,
    ExplainRow,
    PairingPublic,
    ProposalPublic,
    RejectBody,
    RunCreate,
    RunPublic,
    Suggestion,
    UnmatchedPublic,
)
from talent.matching import explanations, proposals, run_views, runs

router = APIRouter(tags=["matching"])


@router.post("/matching/runs", status_code=201)
def create_run(
    body: RunCreate, session: SessionDep, user: PlannerUser, response: Response
) -> RunPublic:
    run = runs.create_run(session, body=body, actor=actor_of(user))
    if body.dry_run:
        response.status_code = 200
    return run


@router.get("/matching/runs")
def list_runs(
    session: SessionDep,
    _user: PlannerUser,
    page: Page,
    link: Link | None = None,
    status: Literal["completed", "superseded"] | None = None,
    has_open: bool | None = None,
    unit_id: QueryId | None = None,
) -> list[RunPublic]:
    """Stored runs, newest first; ``has_open=true``: those with proposals still to decide.

    ``unit_id``: the runs whose chosen units include that unit (a run over all units has none).
    """
    return runs.list_runs(
        session,
        link=link,
        status=status,
        has_open=has_open,
        unit_id=unit_id,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/matching/runs/{run_id}")
def get_run(run_id: int, session: SessionDep, _user: PlannerUser) -> RunPublic:
    return runs.run_public(runs.get_run(session, run_id))


@router.get("/matching/runs/{run_id}/proposals")
def list_proposals(
    run_id: int, session: SessionDep, _user: PlannerUser, page: Page, status: str | None = None
) -> list[ProposalPublic]:
    return run_views.list_proposals(
        session, run_id=run_id, status=status, limit=page.limit, offset=page.offset
    )


@router.get("/matching/runs/{run_id}/candidates")
def list_candidates(
    run_id: int, session: SessionDep, _user: PlannerUser, page: Page, mentee_id: int | None = None
) -> list[CandidatePublic]:
    return run_views.list_candidates(
        session, run_id=run_id, mentee_id=mentee_id, limit=page.limit, offset=page.offset
    )


@router.get("/matching/runs/{run_id}/capacities")
def list_capacities(
    run_id: int, session: SessionDep, _user: PlannerUser, page: Page
) -> list[CapacityPublic]:
    return run_views.list_capacities(session, run_id=run_id, limit=page.limit, offset=page.offset)


@router.get("/matching/runs/{run_id}/unmatched")
def list_unmatched(
    run_id: int, session: SessionDep, _user: PlannerUser, page: Page
) -> list[UnmatchedPublic]:
    return run_views.list_unmatched(session, run_id=run_id, limit=page.limit, offset=page.offset)


@router.get("/matching/runs/{run_id}/explain")
def explain(
    run_id: int,
    mentee_id: int,
    session: SessionDep,
    _user: PlannerUser,
    mentor_id: int | None = None,
) -> list[ExplainRow]:
    """Every mentor in scope for one mentee (or the one ``mentor_id``): the rule, or the
    score and why not.

    For an eligible mentor not chosen, ``forced`` is the run solved again with that pair
    forced: the change in matched count and total score and the chain of moves it causes;
    ``why_not`` says it (``fewer_matched``, ``tie``, ``slots_taken``, ``lower_score``).
    A named mentor always gets the figures; the list gives them to as many alternatives,
    best score first, as a solve budget allows (all of them on the demo).
    """
    return explanations.explain(session, run_id=run_id, mentee_id=mentee_id, mentor_id=mentor_id)


@router.post("/proposals/{proposal_id}/accept", status_code=201)
def accept(proposal_id: int, session: SessionDep, user: PlannerUser) -> PairingPublic:
    pairing = proposals.accept_proposal(session, proposal_id=proposal_id, actor=actor_of(user))
    return PairingPublic.model_validate(pairing)


@router.post("/proposals/{proposal_id}/reject")
def reject(
    proposal_id: int, body: RejectBody, session: SessionDep, user: PlannerUser
) -> ProposalPublic:
    proposal = proposals.reject_proposal(
        session, proposal_id=proposal_id, reason=body.reason, actor=actor_of(user)
    )
    return ProposalPublic.model_validate(proposal)


@router.post("/proposals/bulk")
def decide_many(body: BulkDecision, session: SessionDep, user: PlannerUser) -> list[BulkOutcome]:
    return proposals.decide_many(session, body=body, actor=actor_of(user))


@router.get("/people/{person_id}/mentor-suggestions")
def mentor_suggestions(
    person_id: int,
    link: Link,
    session: SessionDep,
    _user: PlannerUser,
    k: Annotated[int, Query(ge=1, le=50)] = 5,
    cross_unit: bool = CROSS_UNIT_DEFAULT,
) -> list[Suggestion]:
    return run_views.mentor_suggestions(
        session, person_id=person_id, link=link, k=k, cross_unit=cross_unit
    )
