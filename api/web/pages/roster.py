"""The roster: people with search, unit and tier filters, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import SessionDep
from api.web.i18n import page_language
from api.web.rendering import gettext_for, render
from api.web.security import RosterPage
from api.web.views import PageOf, Paging, UnitNames
from models.schemas import PersonPublic
from talent.services import people

router = APIRouter()

SEARCH_MAX = 64
PAGE_SIZE = 25


@router.get("/roster", name="web.roster")
def roster(request: Request, session: SessionDep, user: RosterPage) -> Response:
    """Search by name or staff number, filter by unit (with its departments) and tier."""
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    query = request.query_params
    values = {key: (query.get(key) or "").strip() for key in ("q", "unit", "tier")}
    errors: dict[str, str] = {}
    if len(values["q"]) > SEARCH_MAX:
        errors["q"] = _("搜索词最多 %(n)s 个字", n=SEARCH_MAX)
    unit_id = tier = None
    if values["unit"]:
        unit_id = int(values["unit"]) if values["unit"].isdigit() else None
        if unit_id not in units.units:
            errors["unit"] = _("请选择列表中的单位")
            unit_id = None
    if values["tier"]:
        if values["tier"] in ("1", "2", "3"):
            tier = int(values["tier"])
        else:
            errors["tier"] = _("请选择列表中的层级")
    paging = Paging.parse(query.get("page"), size=PAGE_SIZE)
    found = (
        []
        if errors
        else people.list_people(
            session,
            unit_id=unit_id,
            tier=tier,
            q=values["q"] or None,
            limit=paging.limit,
            offset=paging.offset,
        )
    )
    page = PageOf.cut([PersonPublic.model_validate(p) for p in found], paging)
    return render(
        request,
        "roster.html",
        user,
        {
            "values": values,
            "errors": errors,
            "page": page,
            "units": units,
            "filtered": any(values.values()),
        },
        status_code=422 if errors else 200,
    )
