"""The roster: people with search, unit and tier filters, a page at a time; the import.

The import page uploads a CSV or XLSX roster to :func:`talent.roster.importing.import_roster`
(the service behind ``POST /api/v1/people/import``): a file with any error writes
nothing and comes back with the row-level report (row, column, message); a clean file
is written and the page redirects with a summary. The template is the API's
(:func:`talent.roster.spreadsheet.template`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from api.deps import SessionDep, actor_of
from api.downloads import attachment
from api.web.i18n import Gettext, page_language
from api.web.names import UnitNames
from api.web.paging import PageOf, Paging
from api.web.rendering import flash, gettext_for, render
from api.web.security import CheckedForm, PlannerPage, RosterPage
from models import User
from models.schemas import PersonPublic
from talent.clock import today as local_today
from talent.errors import InvalidInput, RuleViolation
from talent.roster import importing as roster_service
from talent.roster import people
from talent.roster import spreadsheet as roster_import
from talent.roster.importing import RosterImportResult
from talent.roster.person_view import full_years

router = APIRouter()

SEARCH_MAX = 64
PAGE_SIZE = 25


SORTABLE = people.SORT_KEYS
"""Columns the roster sorts by (``?sort=`` and ``?order=asc|desc``); others are ignored."""


@dataclass(frozen=True)
class RosterRow:
    """A person on the roster with their age and years of service as of the local today."""

    person: PersonPublic
    age: int | None
    service: int | None


def _sort_of(query: dict[str, str]) -> tuple[str | None, str]:
    """The sort the query asks for; an unknown key or order falls back to roster order."""
    sort = (query.get("sort") or "").strip()
    order = (query.get("order") or "").strip()
    if sort not in SORTABLE:
        return None, "asc"
    return sort, order if order in people.ORDERS else "asc"


@router.get("/roster", name="web.roster")
def roster(request: Request, session: SessionDep, user: RosterPage) -> Response:
    """Search by name or staff number, filter by unit (with its departments) and tier, sort."""
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
    sort, order = _sort_of(dict(query))
    paging = Paging.parse(query.get("page"), size=PAGE_SIZE)
    q = values["q"] or None
    found = (
        []
        if errors
        else people.list_people(
            session,
            unit_id=unit_id,
            tier=tier,
            q=q,
            sort=sort,
            order=order,
            limit=paging.limit,
            offset=paging.offset,
        )
    )
    total = 0 if errors else people.count_people(session, unit_id=unit_id, tier=tier, q=q)
    today = local_today()
    page = PageOf.cut(
        [
            RosterRow(
                person=PersonPublic.model_validate(p),
                age=full_years(p.birth_date, today),
                service=full_years(p.hire_date, today),
            )
            for p in found
        ],
        paging,
    )
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
            "total": total,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "sort": sort,
            "order": order,
        },
        status_code=422 if errors else 200,
    )


# --- the import ---------------------------------------------------------------------------------
# The API's POST /api/v1/people/import admits PlannerUser (admin, planner): so does PlannerPage.
SHOWN_WARNINGS = 5
"""Warnings carried to the page after the redirect (the session cookie stays small)."""


def _import_page(
    request: Request,
    user: User,
    *,
    errors: dict[str, str] | None = None,
    result: RosterImportResult | None = None,
    dry_run: bool = False,
    filename: str = "",
    status_code: int = 200,
) -> Response:
    lang = page_language(request)
    return render(
        request,
        "roster_import.html",
        user,
        {
            "errors": errors or {},
            "result": result,
            "dry_run": dry_run,
            "filename": filename,
            "done": request.session.pop("roster_import", None),
            "column": lambda field: roster_import.label(field, lang),
            "max_mb": roster_import.MAX_FILE_BYTES // 2**20,
        },
        status_code=status_code,
    )


@router.get("/roster/import", name="web.roster_import")
def roster_import_form(request: Request, user: PlannerPage) -> Response:
    """The upload form, the template downloads and the last import's summary."""
    return _import_page(request, user)


def _upload(form: CheckedForm, _: Gettext) -> tuple[bytes | None, str, str | None]:
    """(content, file name, None), or (None, name, the message for the file field)."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None, "", _("请选择要导入的花名册文件（CSV 或 XLSX）")
    name = upload.filename[:200]
    content = upload.file.read(roster_import.MAX_FILE_BYTES + 1)
    if len(content) > roster_import.MAX_FILE_BYTES:
        limit = roster_import.MAX_FILE_BYTES // 2**20
        return None, name, _("文件超过 %(n)s MB，请拆分后分批导入", n=limit)
    if not content:
        return None, name, _("文件是空的，请选择填好的花名册")
    return content, name, None


@router.post("/roster/import", name="web.roster_import_upload")
def roster_import_upload(
    request: Request, session: SessionDep, user: PlannerPage, data: CheckedForm
) -> Response:
    """Check (and unless it is a dry run, write) the uploaded roster; errors write nothing."""
    _ = gettext_for(request)
    lang = page_language(request)
    dry_run = data.get("dry_run") in ("1", "on", "true")
    content, filename, problem = _upload(data, _)
    if content is None:
        return _import_page(
            request, user, errors={"file": problem or ""}, dry_run=dry_run, status_code=422
        )
    try:
        result = roster_service.import_roster(
            session,
            content=content,
            filename=filename,
            actor=actor_of(user),
            dry_run=dry_run,
            lang=lang,
        )
    except (InvalidInput, RuleViolation) as error:
        # InvalidInput: not a roster table at all; RuleViolation: another writer took one
        # of the file's staff numbers meanwhile. Either way the message says why.
        return _import_page(
            request,
            user,
            errors={"file": error.message},
            dry_run=dry_run,
            filename=filename,
            status_code=409 if isinstance(error, RuleViolation) else 422,
        )
    if result.errors or dry_run:
        return _import_page(
            request,
            user,
            result=result,
            dry_run=dry_run,
            filename=filename,
            status_code=422 if result.errors else 200,
        )
    request.session["roster_import"] = {
        "file": filename[:80],
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "warning_count": len(result.warnings),
        "warnings": [w.model_dump() for w in result.warnings[:SHOWN_WARNINGS]],
    }
    flash(
        request,
        _(
            "花名册已导入：新增 %(created)s 人，更新 %(updated)s 人，%(unchanged)s 人无变化。",
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        ),
        "success",
    )
    return RedirectResponse(request.app.url_path_for("web.roster_import"), status_code=303)


def _template(request: Request, file_format: Literal["xlsx", "csv"]) -> Response:
    lang = page_language(request)
    return attachment(
        roster_import.template(file_format, lang),
        roster_import.TEMPLATE_MEDIA_TYPES[file_format],
        roster_import.template_file_name(file_format, lang),
    )


@router.get("/roster/import/template.xlsx", name="web.roster_template_xlsx")
def roster_template_xlsx(request: Request, user: PlannerPage) -> Response:
    """The API's blank XLSX roster (notes, drop-down lists, an instructions sheet)."""
    return _template(request, "xlsx")


@router.get("/roster/import/template.csv", name="web.roster_template_csv")
def roster_template_csv(request: Request, user: PlannerPage) -> Response:
    """The API's blank CSV roster (UTF-8 with a byte-order mark)."""
    return _template(request, "csv")
