"""The mentoring report page: one unit over one period, with charts, tables and downloads.

Every figure comes from :func:`talent.mentoring.reports.mentoring_report` (the service
behind ``GET /api/v1/reports/mentoring``), and the downloads are what
:mod:`talent.mentoring.report_export` writes for the API's ``?format=xlsx|csv``. The charts are
drawn by ``/static/reports.js`` (Chart.js) from the numbers in a JSON data block; each
chart has a table of the same numbers under it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import Response

from api.deps import SessionDep
from api.downloads import attachment
from api.web.i18n import Gettext, page_language
from api.web.labels import words
from api.web.names import UnitNames
from api.web.rendering import gettext_for, render
from api.web.security import PlannerPage
from models import User
from models.mentoring_schemas import MentoringReport, TierCoverage
from talent import clock
from talent.errors import InvalidInput, NotFound
from talent.mentoring import report_export as reports_export
from talent.mentoring import reports

router = APIRouter()

# The API's report endpoint admits PlannerUser (admin, planner): these pages use PlannerPage.
TABLE_ROWS = 20
"""Rows of a long table (overdue pairings, goals) shown on the page; the files have all."""


def last_twelve_months(today: date) -> tuple[date, date]:
    """From the first day of the month eleven months back to today: twelve calendar months."""
    month = today.month - 11
    year = today.year
    if month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 1), today


@dataclass
class ReportFilters:
    """The report form as typed (query parameters named as the API's)."""

    unit_id: str = ""
    include_subordinate_courts: str = ""
    date_from: str = ""
    date_to: str = ""
    days: str = str(reports.DEFAULT_OVERDUE_DAYS)

    @classmethod
    def read(cls, query: dict[str, str], today: date) -> ReportFilters:
        """What the query asks for, each missing field at its default."""
        start, end = last_twelve_months(today)

        def value(name: str, default: str) -> str:
            raw = query.get(name)
            return raw.strip()[:32] if isinstance(raw, str) and raw.strip() else default

        return cls(
            unit_id=value("unit_id", ""),
            include_subordinate_courts="1"
            if value("include_subordinate_courts", "") in ("1", "on", "true")
            else "",
            date_from=value("date_from", start.isoformat()),
            date_to=value("date_to", end.isoformat()),
            days=value("days", str(reports.DEFAULT_OVERDUE_DAYS)),
        )

    def parse(
        self, _: Gettext, units: UnitNames
    ) -> tuple[tuple[int | None, date, date, int] | None, dict[str, str]]:
        """(unit id, from, to, overdue days), or None and a message per field that is wrong."""
        errors: dict[str, str] = {}
        unit_id: int | None = None
        if self.unit_id:
            if self.unit_id.isdigit() and int(self.unit_id) in units.units:
                unit_id = int(self.unit_id)
            else:
                errors["unit_id"] = _("请选择列表中的单位")
        found: dict[str, date] = {}
        for name in ("date_from", "date_to"):
            try:
                found[name] = date.fromisoformat(getattr(self, name))
            except ValueError:
                errors[name] = _("请输入有效日期，如 2026-01-31")
        if len(found) == 2 and found["date_from"] > found["date_to"]:
            errors["date_from"] = _("起始日期不能晚于截止日期")
        elif len(found) == 2 and (found["date_to"] - found["date_from"]).days > (
            reports.MAX_PERIOD_DAYS
        ):
            errors["date_to"] = _("统计期间最长 10 年")
        days = int(self.days) if self.days.isdigit() else 0
        if not 1 <= days <= 365:
            errors["days"] = _("逾期天数须是 1 到 365 之间的整数")
        if errors:
            return None, errors
        return (unit_id, found["date_from"], found["date_to"], days), {}

    def query(self) -> str:
        return urlencode(asdict(self))


@dataclass(frozen=True)
class CourtCoverage:
    """One court's (or department's) tier-2 and tier-3 staff with a mentor on the last day."""

    unit_id: int
    name: str
    tiers: dict[int, TierCoverage]


def _chart_data(
    _: Gettext, report: MentoringReport, courts: list[CourtCoverage]
) -> dict[str, object]:
    """The numbers the charts draw (the tables under them show the same)."""
    return {
        "months": {
            "labels": [row.month for row in report.by_month],
            "sessions": [row.sessions for row in report.by_month],
            "hours": [row.hours for row in report.by_month],
            "sessionsLabel": _("带教次数"),
            "hoursLabel": _("带教小时数"),
        },
        "courts": {
            "labels": [court.name for court in courts],
            "tier2": [
                round(court.tiers[2].share * 100, 1) if 2 in court.tiers else 0 for court in courts
            ],
            "tier3": [
                round(court.tiers[3].share * 100, 1) if 3 in court.tiers else 0 for court in courts
            ],
            "tier2Label": _("青年干警有导师（%）"),
            "tier3Label": _("书记员有导师（%）"),
        },
    }


def _report_or_errors(
    request: Request, session: Session, units: UnitNames, filters: ReportFilters
) -> tuple[MentoringReport | None, dict[str, str]]:
    _ = gettext_for(request)
    parsed, errors = filters.parse(_, units)
    if parsed is None:
        return None, errors
    unit_id, date_from, date_to, days = parsed
    try:
        report = reports.mentoring_report(
            session,
            unit_id=unit_id,
            subordinate_courts=bool(filters.include_subordinate_courts),
            date_from=date_from,
            date_to=date_to,
            overdue_days=days,
        )
    except InvalidInput as error:
        field = error.field if error.field in ("date_from", "date_to") else "date_to"
        return None, {field: _("统计期间有误：%(why)s", why=error.message)}
    except NotFound:
        return None, {"unit_id": _("请选择列表中的单位")}
    return report, {}


def _page(
    request: Request,
    user: User,
    units: UnitNames,
    filters: ReportFilters,
    errors: dict[str, str],
    extra: dict[str, object] | None = None,
) -> Response:
    context: dict[str, object] = {
        "units": units,
        "filters": filters,
        "errors": errors,
        "report": None,
        "export_query": filters.query(),
        "table_rows": TABLE_ROWS,
        **(extra or {}),
    }
    return render(request, "reports.html", user, context, status_code=422 if errors else 200)


@router.get("/reports", name="web.reports")
def reports_page(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """Pairings, coverage, chains, sessions and hours by month, coverage by court, goals."""
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    filters = ReportFilters.read(dict(request.query_params), clock.today())
    report, errors = _report_or_errors(request, session, units, filters)
    if report is None:
        return _page(request, user, units, filters, errors)
    courts = [
        CourtCoverage(
            unit_id=row.unit_id,
            name=units.name(row.unit_id),
            tiers={tier.tier: tier for tier in row.coverage},
        )
        for row in report.coverage_by_court
    ]
    return _page(
        request,
        user,
        units,
        filters,
        errors,
        {
            "report": report,
            "courts": courts,
            "coverage": {row.tier: row for row in report.coverage},
            "charts": _chart_data(_, report, courts),
        },
    )


def _download(request: Request, session: Session, user: User, fmt: str) -> Response:
    units = UnitNames.load(session, page_language(request))
    filters = ReportFilters.read(dict(request.query_params), clock.today())
    report, errors = _report_or_errors(request, session, units, filters)
    if report is None:
        return _page(request, user, units, filters, errors)
    lang = page_language(request)
    content, media_type = reports_export.export(report, fmt=fmt, lang=lang, word=words(lang))
    return attachment(content, media_type, reports_export.file_name(report, fmt, lang))


@router.get("/reports/export.xlsx", name="web.reports_xlsx")
def reports_xlsx(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """The report as the API's XLSX (one sheet per section), for the same filters."""
    return _download(request, session, user, "xlsx")


@router.get("/reports/export.csv", name="web.reports_csv")
def reports_csv(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """The report as the API's CSV (UTF-8 with a byte-order mark), for the same filters."""
    return _download(request, session, user, "csv")
