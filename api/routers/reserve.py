"""The reserve pool (优秀年轻干部库): evaluation records, candidates and their lifecycle,
review cycles, exports, star selection; and succession for key posts (岗位AB角).

Evaluation records, candidates and exports are for reviewers and admins only; key posts
and the succession report are shared with planners, who run succession checks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, get_type_hints

from fastapi import APIRouter, Query, Response, UploadFile
from sqlmodel import SQLModel

from api.deps import ReviewerUser, RosterReader, SessionDep, actor_of
from api.downloads import attachment
from api.paging import Page
from models.reserve import ActivityKind, Band, CandidateStatus, Polarity
from models.reserve_schemas import (
    ActivityPublic,
    AssessmentPublic,
    BackupSet,
    BackupSuggestion,
    CandidateCreate,
    CandidateDetail,
    CandidatePublic,
    CaseMetricPublic,
    Comparison,
    CycleCreate,
    CyclePublic,
    DocumentPublic,
    EligibilityPublic,
    EventPublic,
    KeyPostCreate,
    KeyPostPublic,
    KeyPostUpdate,
    ListItemClose,
    ListItemPublic,
    NineBoxGrid,
    PoliticalEntryPublic,
    PoolComposition,
    ReadinessPublic,
    ReviewCreate,
    ReviewPack,
    ReviewPublic,
    StandardCreate,
    StandardPublic,
    StarPublic,
    SuccessionReport,
    TrainingYear,
    TransitionCreate,
    UndoCreate,
)
from talent import clock
from talent.reserve import candidates as reserve_candidates
from talent.reserve import evaluation as reserve
from talent.reserve import exports as reserve_exports
from talent.reserve import key_posts as reserve_succession
from talent.reserve import pool as reserve_pool
from talent.reserve import records as reserve_records
from talent.reserve import reviews as reserve_reviews
from talent.reserve import sheet as reserve_sheet
from talent.reserve import star_ranking as reserve_stars
from talent.reserve.policy import PolicyInForce

router = APIRouter(tags=["reserve"])

"""Key posts and succession: planners run succession checks alongside reviewers."""

OnDate = Annotated[
    date | None,
    Query(
        ge=date(1950, 1, 1),
        le=date(2100, 12, 31),
        description="evaluate as of this date (default today)",
    ),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _add_record_route(path: str, add: Callable[..., SQLModel]) -> None:
    """``POST /reserve/people/{person_id}/<path>`` (201): the records service ``add`` as a route.

    Adding a record to a person's file is the same route for every kind of record: the
    body and the answer are the service's own (its ``body`` parameter and its return
    type), and the route takes the service's name, as one written out by hand would.
    """
    types = get_type_hints(add)

    def endpoint(person_id: int, body: Any, session: SessionDep, user: ReviewerUser) -> Any:
        return add(session, person_id=person_id, body=body, actor=actor_of(user))

    # FastAPI reads the types from the annotations, which are strings here (``from
    # __future__ import annotations``) that it resolves in this module: the two that
    # differ by record are given as the types themselves.
    endpoint.__annotations__.update({"body": types["body"], "return": types["return"]})
    router.add_api_route(
        f"/reserve/people/{{person_id}}/{path}",
        endpoint,
        methods=["POST"],
        status_code=201,
        name=add.__name__,
    )


# --- post standards and evaluation records -----------------------------------------------
@router.post("/reserve/standards", status_code=201)
def create_standard(
    body: StandardCreate, session: SessionDep, user: ReviewerUser
) -> StandardPublic:
    return reserve_records.create_standard(session, body=body, actor=actor_of(user))


@router.get("/reserve/standards")
def list_standards(session: SessionDep, _user: ReviewerUser, page: Page) -> list[StandardPublic]:
    return reserve_records.list_standards(session, limit=page.limit, offset=page.offset)


_add_record_route("assessments", reserve_records.add_assessment)


@router.get("/reserve/people/{person_id}/assessments")
def list_assessments(
    person_id: int, session: SessionDep, _user: ReviewerUser, page: Page
) -> list[AssessmentPublic]:
    return reserve_records.list_assessments(
        session, person_id=person_id, limit=page.limit, offset=page.offset
    )


_add_record_route("case-metrics", reserve_records.add_case_metric)


@router.get("/reserve/people/{person_id}/case-metrics")
def list_case_metrics(
    person_id: int, session: SessionDep, _user: ReviewerUser, page: Page
) -> list[CaseMetricPublic]:
    return reserve_records.list_case_metrics(
        session, person_id=person_id, limit=page.limit, offset=page.offset
    )


_add_record_route("political-entries", reserve_records.add_political_entry)


@router.get("/reserve/people/{person_id}/political-entries")
def list_political_entries(
    person_id: int, session: SessionDep, user: ReviewerUser, page: Page
) -> list[PoliticalEntryPublic]:
    """The political quality file; every read is audited."""
    return reserve_records.list_political_entries(
        session, person_id=person_id, actor=actor_of(user), limit=page.limit, offset=page.offset
    )


_add_record_route("list-items", reserve_records.add_list_item)


@router.get("/reserve/people/{person_id}/list-items")
def list_list_items(
    person_id: int,
    session: SessionDep,
    user: ReviewerUser,
    page: Page,
    polarity: Polarity | None = None,
) -> list[ListItemPublic]:
    """The positive / negative list; every read is audited."""
    return reserve_records.list_list_items(
        session,
        person_id=person_id,
        polarity=polarity.value if polarity else None,
        actor=actor_of(user),
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/reserve/list-items/{item_id}/close")
def close_list_item(
    item_id: int, body: ListItemClose, session: SessionDep, user: ReviewerUser
) -> ListItemPublic:
    return reserve_records.close_list_item(
        session, item_id=item_id, body=body, actor=actor_of(user)
    )


_add_record_route("activities", reserve_records.add_activity)


@router.get("/reserve/people/{person_id}/activities")
def list_activities(
    person_id: int,
    session: SessionDep,
    _user: ReviewerUser,
    page: Page,
    kind: ActivityKind | None = None,
) -> list[ActivityPublic]:
    return reserve_records.list_activities(
        session,
        person_id=person_id,
        kind=kind.value if kind else None,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/reserve/people/{person_id}/training-hours")
def training_hours(
    person_id: int,
    session: SessionDep,
    _user: ReviewerUser,
    on: OnDate = None,
    years: Annotated[int, Query(ge=1, le=10)] = 3,
) -> list[TrainingYear]:
    return reserve_records.training_hours(session, person_id=person_id, years=years, on=on)


@router.get("/reserve/people/{person_id}/eligibility")
def person_eligibility(
    person_id: int, session: SessionDep, _user: ReviewerUser, on: OnDate = None
) -> EligibilityPublic:
    return reserve.person_eligibility(session, person_id=person_id, on=on)


@router.get("/reserve/people/{person_id}/readiness")
def person_readiness(
    person_id: int, session: SessionDep, _user: ReviewerUser, on: OnDate = None
) -> ReadinessPublic:
    return reserve.person_readiness(session, person_id=person_id, on=on)


@router.get("/reserve/people/{person_id}/sheet", response_class=Response)
def cadre_sheet(
    person_id: int, session: SessionDep, user: ReviewerUser, on: OnDate = None
) -> Response:
    """The cadre information sheet (干部信息采集表) as DOCX."""
    content = reserve_sheet.cadre_sheet(session, person_id=person_id, actor=actor_of(user), on=on)
    return attachment(content, reserve_sheet.DOCX_MEDIA_TYPE, f"干部信息采集表-{person_id}.docx")


# --- candidates --------------------------------------------------------------------------
@router.post("/reserve/candidates", status_code=201)
def nominate(body: CandidateCreate, session: SessionDep, user: ReviewerUser) -> CandidatePublic:
    candidate = reserve_candidates.nominate(session, body=body, actor=actor_of(user))
    return reserve_pool.candidate_view(session, candidate_id=candidate.id)


@router.get("/reserve/candidates")
def list_candidates(
    session: SessionDep,
    _user: ReviewerUser,
    page: Page,
    status: CandidateStatus | None = None,
    unit_id: int | None = None,
    q: Annotated[str | None, Query(max_length=64, description="name or staff number")] = None,
    band: Annotated[Band | None, Query(description="confirmed band, else suggested")] = None,
    eligible: bool | None = None,
    flagged: Annotated[
        bool | None, Query(description="flagged for exit in the latest cycle")
    ] = None,
    order: Literal["id", "readiness"] = "id",
    on: OnDate = None,
) -> list[CandidatePublic]:
    return reserve_pool.search_candidates(
        session,
        statuses=[status.value] if status else None,
        unit_id=unit_id,
        q=q,
        band=band.value if band else None,
        eligible=eligible,
        flagged=flagged,
        order=order,
        on=on,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/reserve/candidates/{candidate_id}")
def candidate_detail(
    candidate_id: int, session: SessionDep, _user: ReviewerUser, on: OnDate = None
) -> CandidateDetail:
    return reserve_pool.candidate_detail(session, candidate_id=candidate_id, on=on)


@router.post("/reserve/candidates/{candidate_id}/transitions")
def transition(
    candidate_id: int, body: TransitionCreate, session: SessionDep, user: ReviewerUser
) -> CandidatePublic:
    reserve_candidates.transition(
        session, candidate_id=candidate_id, body=body, actor=actor_of(user)
    )
    return reserve_pool.candidate_view(session, candidate_id=candidate_id)


@router.post("/reserve/candidates/{candidate_id}/undo")
def undo(
    candidate_id: int, body: UndoCreate, session: SessionDep, user: ReviewerUser
) -> CandidatePublic:
    reserve_candidates.undo(
        session, candidate_id=candidate_id, reason=body.reason, actor=actor_of(user)
    )
    return reserve_pool.candidate_view(session, candidate_id=candidate_id)


@router.get("/reserve/candidates/{candidate_id}/history")
def history(
    candidate_id: int, session: SessionDep, _user: ReviewerUser, page: Page
) -> list[EventPublic]:
    """Every transition, in the order recorded; undone steps are marked ``reverted``."""
    return reserve_candidates.history(
        session, candidate_id=candidate_id, limit=page.limit, offset=page.offset
    )


@router.post("/reserve/candidates/{candidate_id}/documents", status_code=201)
def attach_document(
    candidate_id: int, file: UploadFile, session: SessionDep, user: ReviewerUser
) -> DocumentPublic:
    """Attach the recommendation document (推荐材料), at most 10 MB."""
    content = file.file.read(reserve_candidates.MAX_DOCUMENT_BYTES + 1)
    return reserve_candidates.attach_document(
        session,
        candidate_id=candidate_id,
        filename=file.filename or "document",
        content_type=file.content_type or "application/octet-stream",
        content=content,
        actor=actor_of(user),
    )


@router.get("/reserve/candidates/{candidate_id}/documents/{document_id}", response_class=Response)
def read_document(
    candidate_id: int, document_id: int, session: SessionDep, user: ReviewerUser
) -> Response:
    doc = reserve_candidates.read_document(
        session, candidate_id=candidate_id, document_id=document_id, actor=actor_of(user)
    )
    return attachment(doc.content, doc.content_type, doc.filename)


@router.post("/reserve/candidates/{candidate_id}/reviews", status_code=201)
def record_review(
    candidate_id: int, body: ReviewCreate, session: SessionDep, user: ReviewerUser
) -> ReviewPublic:
    return reserve_reviews.record_review(
        session, candidate_id=candidate_id, body=body, actor=actor_of(user)
    )


@router.get("/reserve/candidates/{candidate_id}/reviews")
def list_reviews(
    candidate_id: int, session: SessionDep, _user: ReviewerUser, page: Page
) -> list[ReviewPublic]:
    return reserve_reviews.list_reviews(
        session, candidate_id=candidate_id, limit=page.limit, offset=page.offset
    )


# --- cycles, pool, exports ---------------------------------------------------------------
@router.post("/reserve/cycles", status_code=201)
def open_cycle(body: CycleCreate, session: SessionDep, user: ReviewerUser) -> CyclePublic:
    """Open a review cycle: members who no longer meet the policy are flagged for exit."""
    return reserve_reviews.open_cycle(session, body=body, actor=actor_of(user))


@router.get("/reserve/cycles")
def list_cycles(session: SessionDep, _user: ReviewerUser, page: Page) -> list[CyclePublic]:
    return reserve_reviews.list_cycles(session, limit=page.limit, offset=page.offset)


@router.get("/reserve/cycles/{code}")
def get_cycle(code: str, session: SessionDep, _user: ReviewerUser) -> CyclePublic:
    return reserve_reviews.get_cycle(session, code=code)


@router.get("/reserve/pool")
def pool_on(
    session: SessionDep, _user: ReviewerUser, page: Page, on: OnDate = None
) -> list[CandidatePublic]:
    """Who was in the pool (in_pool or inspection) on a date, as the corrected record has it."""
    return reserve_pool.pool_members(
        session, on=on or clock.today(), limit=page.limit, offset=page.offset
    )


@router.get("/reserve/composition")
def composition(session: SessionDep, _user: ReviewerUser, on: OnDate = None) -> PoolComposition:
    return reserve_pool.composition(session, on=on)


@router.get(
    "/reserve/review-pack",
    response_model=ReviewPack,
    responses={200: {"content": {XLSX: {}}, "description": "JSON, or XLSX with format=xlsx"}},
)
def review_pack(
    session: SessionDep,
    user: ReviewerUser,
    cycle: str | None = None,
    on: OnDate = None,
    pack_format: Annotated[Literal["json", "xlsx"], Query(alias="format")] = "json",
) -> ReviewPack | Response:
    """The review-meeting pack: the pool with readiness, eligibility, flags, grades and
    the last decision; JSON or XLSX."""
    pack = reserve_exports.review_pack(session, actor=actor_of(user), cycle=cycle, on=on)
    if pack_format == "xlsx":
        name = f"后备干部库评审-{pack.cycle or pack.on}.xlsx"
        return attachment(reserve_exports.review_pack_xlsx(pack), XLSX, name)
    return pack


@router.get("/reserve/compare")
def compare(
    session: SessionDep,
    user: ReviewerUser,
    candidate_ids: Annotated[list[int], Query(min_length=2, max_length=5)],
    on: OnDate = None,
) -> Comparison:
    return reserve_exports.compare(
        session, candidate_ids=candidate_ids, actor=actor_of(user), on=on
    )


@router.get("/reserve/ninebox")
def ninebox(session: SessionDep, _user: ReviewerUser, on: OnDate = None) -> NineBoxGrid:
    return reserve_exports.ninebox_grid(session, on=on)


@router.get("/reserve/stars")
def stars(
    session: SessionDep,
    _user: ReviewerUser,
    page: Page,
    year: Annotated[int, Query(ge=1950, le=2100)],
    unit_id: int | None = None,
    tier: Annotated[int | None, Query(ge=1, le=3)] = None,
) -> list[StarPublic]:
    """Star selection (海法星) for a year, with each person's breakdown."""
    return reserve_stars.rank(
        session, year=year, unit_id=unit_id, tier=tier, limit=page.limit, offset=page.offset
    )


@router.get("/reserve/policy")
def policy(_user: ReviewerUser) -> PolicyInForce:
    """The policy in force and the file it came from."""
    return reserve.policy_in_force()


# --- succession --------------------------------------------------------------------------
@router.post("/reserve/key-posts", status_code=201)
def create_key_post(body: KeyPostCreate, session: SessionDep, user: RosterReader) -> KeyPostPublic:
    return reserve_succession.create_post(session, body=body, actor=actor_of(user))


@router.get("/reserve/key-posts")
def list_key_posts(
    session: SessionDep, _user: RosterReader, page: Page, unit_id: int | None = None
) -> list[KeyPostPublic]:
    return reserve_succession.list_posts(
        session, unit_id=unit_id, limit=page.limit, offset=page.offset
    )


@router.get("/reserve/key-posts/{post_id}")
def get_key_post(post_id: int, session: SessionDep, _user: RosterReader) -> KeyPostPublic:
    return reserve_succession.post_public(session, post_id=post_id)


@router.patch("/reserve/key-posts/{post_id}")
def update_key_post(
    post_id: int, body: KeyPostUpdate, session: SessionDep, user: RosterReader
) -> KeyPostPublic:
    return reserve_succession.update_post(session, post_id=post_id, body=body, actor=actor_of(user))


@router.put("/reserve/key-posts/{post_id}/backups/{role}")
def set_backup(
    post_id: int,
    role: Literal["A", "B", "emergency"],
    body: BackupSet,
    session: SessionDep,
    user: RosterReader,
) -> KeyPostPublic:
    return reserve_succession.set_backup(
        session, post_id=post_id, role=role, person_id=body.person_id, actor=actor_of(user)
    )


@router.delete("/reserve/key-posts/{post_id}/backups/{role}")
def remove_backup(
    post_id: int,
    role: Literal["A", "B", "emergency"],
    session: SessionDep,
    user: RosterReader,
) -> KeyPostPublic:
    return reserve_succession.remove_backup(
        session, post_id=post_id, role=role, actor=actor_of(user)
    )


@router.get("/reserve/key-posts/{post_id}/suggestions")
def backup_suggestions(
    post_id: int,
    session: SessionDep,
    _user: RosterReader,
    k: Annotated[int, Query(ge=1, le=50)] = 5,
    on: OnDate = None,
) -> list[BackupSuggestion]:
    """Backups ranked by readiness and graph-aware skill fit for the post."""
    return reserve_succession.suggestions(session, post_id=post_id, k=k, on=on)


@router.get("/reserve/succession")
def succession_report(
    session: SessionDep, _user: RosterReader, on: OnDate = None
) -> SuccessionReport:
    """Coverage of the key posts: posts without two backups, backups not ready, overload."""
    return reserve_succession.coverage(session, on=on)
