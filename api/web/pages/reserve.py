"""The reserve-pool reviewer's pages: the pool table, the 9-box, comparison, the review
pack download and succession coverage. A candidate's file is in ``reserve_candidate``.

Reviewers and admins only (``ReviewerPage``). Every page calls the services the API's
``/api/v1/reserve`` routes call, so a page and the API always agree.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import SessionDep, actor_of
from api.downloads import attachment
from api.web.i18n import page_language
from api.web.names import UnitNames
from api.web.pages import reserve_candidate
from api.web.paging import PageOf, Paging
from api.web.rendering import gettext_for, render
from api.web.security import ReviewerPage
from models.reserve import OPEN_STATUSES, Band, CandidateStatus
from talent import clock
from talent.reserve import exports as reserve_exports
from talent.reserve import key_posts as reserve_succession
from talent.reserve import pool as reserve_pool
from talent.reserve import reviews as reserve_reviews
from talent.roster import skills

router = APIRouter()
router.include_router(reserve_candidate.router)

PAGE_SIZE = 25
SEARCH_MAX = 64
COMPARE_MIN, COMPARE_MAX = 2, 5
SUGGESTIONS_SHOWN = 3
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATE_CHOICES = ("open", "all", *(s.value for s in CandidateStatus))
"""``open``: nominated, in the pool or under inspection (the default); ``all``: every state."""
YES_NO = {"yes": True, "no": False}


# --- the pool table ----------------------------------------------------------------------
def _pool_filters(
    query: dict[str, str], units: UnitNames, _: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    """The service's filters from the query, and a message per filter that is wrong."""
    errors: dict[str, str] = {}
    state = query["state"] or "open"
    if state not in STATE_CHOICES:
        errors["state"] = _("请选择列表中的状态")
    statuses = None if state == "all" else list(OPEN_STATUSES) if state == "open" else [state]
    unit_id = None
    if query["unit"]:
        unit_id = int(query["unit"]) if query["unit"].isdigit() else None
        if unit_id not in units.units:
            errors["unit"] = _("请选择列表中的单位")
    if len(query["q"]) > SEARCH_MAX:
        errors["q"] = _("搜索词最多 %(n)s 个字", n=SEARCH_MAX)
    if query["band"] and query["band"] not in {b.value for b in Band}:
        errors["band"] = _("请选择列表中的成熟度等级")
    for key in ("eligible", "flagged"):
        if query[key] and query[key] not in YES_NO:
            errors[key] = _("请选择“是”或“否”")
    filters = {
        "statuses": statuses,
        "unit_id": unit_id,
        "q": query["q"] or None,
        "band": query["band"] or None,
        "eligible": YES_NO.get(query["eligible"]),
        "flagged": YES_NO.get(query["flagged"]),
    }
    return filters, errors


@router.get("/reserve", name="web.reserve")
def pool(request: Request, session: SessionDep, user: ReviewerPage) -> Response:
    """The pool: candidates with eligibility, readiness, 9-box and exit flag; filters,
    search, paging; tick two to five to compare them."""
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    keys = ("q", "unit", "state", "band", "eligible", "flagged")
    values = {key: (request.query_params.get(key) or "").strip() for key in keys}
    filters, errors = _pool_filters(values, units, _)
    paging = Paging.parse(request.query_params.get("page"), size=PAGE_SIZE)
    rows = (
        []
        if errors
        else reserve_pool.search_pool(session, **filters, limit=paging.limit, offset=paging.offset)
    )
    cycle = reserve_reviews.latest_cycle(session)
    flags = {f.candidate_id: f for f in cycle.flags} if cycle else {}
    return render(
        request,
        "reserve.html",
        user,
        {
            "values": values,
            "errors": errors,
            "page": PageOf.cut(rows, paging),
            "units": units,
            "cycle": cycle,
            "flags": flags,
            "filtered": any(values.values()),
            "states": STATE_CHOICES,
            "bands": [b.value for b in Band],
            "compare_max": COMPARE_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/reserve/pack.xlsx", name="web.reserve_pack")
def pack(request: Request, session: SessionDep, user: ReviewerPage) -> Response:
    """The review-meeting pack of the latest cycle as XLSX (the export is audited)."""
    content = reserve_exports.review_pack(session, actor=actor_of(user))
    name = f"优秀年轻干部库评审-{content.cycle or content.on}.xlsx"
    return attachment(reserve_exports.review_pack_xlsx(content), XLSX, name)


# --- side-by-side comparison -------------------------------------------------------------
def _compare_ids(request: Request) -> list[str]:
    """``?ids=3&ids=5`` (ticked boxes) or ``?ids=3,5`` (a typed link), as typed."""
    typed: list[str] = []
    for value in request.query_params.getlist("ids")[:20]:
        typed.extend(part.strip() for part in value.split(",") if part.strip())
    return typed[:20]


@router.get("/reserve/compare", name="web.reserve_compare")
def compare(request: Request, session: SessionDep, user: ReviewerPage) -> Response:
    """Two to five candidates side by side: readiness, grades, training, honours."""
    _ = gettext_for(request)
    typed = _compare_ids(request)
    ids = [int(v) for v in typed if v.isdigit()]
    problem = None
    if len(ids) != len(typed) or not COMPARE_MIN <= len(set(ids)) <= COMPARE_MAX:
        problem = _(
            "请在优秀年轻干部库中勾选 %(low)s 至 %(high)s 名候选人再比较。",
            low=COMPARE_MIN,
            high=COMPARE_MAX,
        )
    result = None
    if problem is None:
        unique = list(dict.fromkeys(ids))
        result = reserve_exports.compare(session, candidate_ids=unique, actor=actor_of(user))
    return render(
        request,
        "reserve_compare.html",
        user,
        {
            "problem": problem,
            "result": result,
            "units": UnitNames.load(session, page_language(request)),
        },
        status_code=422 if problem else 200,
    )


# --- the 9-box ---------------------------------------------------------------------------
NINE_BOX_ROWS = ((7, 8, 9), (4, 5, 6), (1, 2, 3))
"""Boxes as drawn: potential high at the top, performance low to high from left to right."""


@router.get("/reserve/nine-box", name="web.reserve_nine_box")
def nine_box(request: Request, session: SessionDep, user: ReviewerPage) -> Response:
    """The open candidates on the 9-box (performance x potential), names per cell."""
    grid = reserve_exports.ninebox_grid(session)
    boxes = {cell.box: cell for cell in grid.boxes}
    for cell in boxes.values():
        cell.candidates.sort(key=lambda c: (-(c.performance + c.potential), c.candidate_id))
    return render(
        request,
        "reserve_nine_box.html",
        user,
        {
            "on": grid.on,
            "rows": [[boxes[b] for b in row] for row in NINE_BOX_ROWS],
            "total": sum(len(cell.candidates) for cell in boxes.values()),
            "levels": ("low", "medium", "high"),
        },
    )


# --- succession --------------------------------------------------------------------------
@router.get("/reserve/succession", name="web.reserve_succession")
def succession(request: Request, session: SessionDep, user: ReviewerPage) -> Response:
    """Key posts with holder, A / B backups and emergency cover, the coverage report with
    the uncovered posts first, and ranked backup suggestions per post."""
    report = reserve_succession.coverage(session)
    posts = reserve_succession.list_posts(session, limit=10_000)
    suggestions = reserve_succession.suggestions_for(
        session, [p for p in posts if p.active], k=SUGGESTIONS_SHOWN, on=report.on
    )
    rows = sorted(report.posts, key=lambda r: (r.covered, -len(r.issues), r.post_id))
    post_ids = {p.id: p for p in posts}
    english = page_language(request) == "en"
    skill_names = {
        s.code: (s.name_en or s.name) if english else s.name for s in skills.list_skills(session)
    }
    return render(
        request,
        "reserve_succession.html",
        user,
        {
            "report": report,
            "rows": rows,
            "required": {pid: post.required_skills for pid, post in post_ids.items()},
            "people": {p.person_id: p for p in report.people},
            "suggestions": suggestions,
            "skill_names": skill_names,
            "units": UnitNames.load(session, page_language(request)),
            "today": clock.today(),
        },
    )
