"""The roster import over HTTP: upload a CSV or XLSX roster, download the blank template.

Mounted under ``/api/v1`` before the people router, so that ``/people/import`` is never
read as ``/people/{person_id}``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, HTTPException, Query, Response, UploadFile, status

from api.deps import Language, PlannerUser, SessionDep, actor_of
from api.downloads import attachment
from talent.roster import importing as roster
from talent.roster import spreadsheet as roster_import
from talent.roster.importing import RosterImportResult

router = APIRouter(tags=["people"])


@router.post("/people/import")
def import_people(
    session: SessionDep,
    user: PlannerUser,
    lang: Language,
    file: Annotated[
        UploadFile, File(description="the roster: CSV (UTF-8 or GB18030) or XLSX, at most 10 MB")
    ],
    dry_run: Annotated[bool, Query(description="check and count, write nothing")] = False,
) -> RosterImportResult:
    """Upsert people by staff_no from a roster file; any error means nothing is written.

    Errors (row as the spreadsheet numbers it, field, message in the request's language)
    come back in the result with status 200; a file that is not a roster table at all is
    a 422 on ``file``, one over 10 MB a 413.
    """
    content = file.file.read(roster_import.MAX_FILE_BYTES + 1)
    if len(content) > roster_import.MAX_FILE_BYTES:
        raise HTTPException(
            status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            detail=roster_import.message(
                "too_large", lang, limit_mb=roster_import.MAX_FILE_BYTES // 2**20
            ),
        )
    return roster.import_roster(
        session,
        content=content,
        filename=file.filename,
        actor=actor_of(user),
        dry_run=dry_run,
        lang=lang,
    )


@router.get(
    "/people/import/template",
    response_class=Response,
    responses={
        200: {"content": {media: {} for media in roster_import.TEMPLATE_MEDIA_TYPES.values()}}
    },
)
def import_template(
    _user: PlannerUser,
    lang: Language,
    file_format: Annotated[Literal["xlsx", "csv"], Query(alias="format")] = "xlsx",
) -> Response:
    """The blank roster with the expected headers (Chinese, or English with ``lang=en``)."""
    return attachment(
        roster_import.template(file_format, lang),
        roster_import.TEMPLATE_MEDIA_TYPES[file_format],
        roster_import.template_file_name(file_format, lang),
    )
