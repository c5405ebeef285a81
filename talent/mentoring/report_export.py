"""The mentoring report as CSV and XLSX files, with Chinese (default) or English headings.

Both formats carry the same sections: a summary of the figures, coverage by tier and by
court, sessions and hours by month, overdue pairings, and skill progress against goals. The
XLSX has one sheet per section (dates as dates, numbers as numbers); the CSV stacks the
sections, each as a title row, a header row, its rows and a blank line, encoded UTF-8
with a byte-order mark so that spreadsheet programs read the Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.mentoring_schemas import MentoringReport

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | float | bool | date | None

LABELS: dict[str, tuple[str, str]] = {
    # sections
    "summary": ("概要", "Summary"),
    "coverage": ("导师覆盖率", "Coverage"),
    "coverage_by_court": ("各法院导师覆盖率", "Coverage by court"),
    "by_month": ("按月活动", "By month"),
    "overdue": ("逾期结对", "Overdue pairings"),
    "goals": ("目标进度", "Goal progress"),
    # summary figures
    "metric": ("指标", "Metric"),
    "value": ("数值", "Value"),
    "unit_id": ("单位编号", "Unit id"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "overdue_days": ("逾期天数阈值", "Overdue after (days)"),
    "active_pairings_at_end": ("期末在带结对数", "Active pairings at end"),
    "pairings_active_in_period": ("期内在带结对数", "Pairings active in period"),
    "pairings_started": ("期内新建结对", "Pairings started"),
    "pairings_completed": ("期内结业结对", "Pairings completed"),
    "pairings_dissolved": ("期内解除结对", "Pairings dissolved"),
    "complete_chains": ("完整传帮带链条", "Complete chains (1-2-3)"),
    "sessions": ("指导次数", "Sessions"),
    "hours": ("指导小时数", "Hours"),
    "overdue_count": ("逾期结对数", "Overdue pairings"),
    "goals_total": ("技能目标数", "Skill goals"),
    "goals_achieved": ("已达成目标数", "Goals achieved"),
    "goals_achieved_share": ("目标达成率", "Share of goals achieved"),
    # columns
    "court_id": ("法院（单位）编号", "Court (unit) id"),
    "tier": ("层级", "Tier"),
    "staff": ("人数", "Staff"),
    "with_mentor": ("有导师人数", "With a mentor"),
    "share": ("占比", "Share"),
    "month": ("月份", "Month"),
    "minutes": ("分钟数", "Minutes"),
    "pairing_id": ("结对编号", "Pairing"),
    "mentor_id": ("导师编号", "Mentor id"),
    "mentor_name": ("导师", "Mentor"),
    "mentee_id": ("学员编号", "Mentee id"),
    "mentee_name": ("学员", "Mentee"),
    "link": ("层级链", "Link"),
    "last_log_date": ("最近指导日期", "Last log"),
    "days_quiet": ("未指导天数", "Days without a log"),
    "goal_id": ("目标编号", "Goal"),
    "skill_code": ("技能", "Skill"),
    "baseline_level": ("起点水平", "Baseline"),
    "target_level": ("目标水平", "Target"),
    "level_at_end": ("期末水平", "Level at end"),
    "progress": ("进度", "Progress"),
    "achieved": ("已达成", "Achieved"),
    "due_date": ("截止日期", "Due"),
}

SUMMARY_FIGURES = (
    "unit_id", "date_from", "date_to", "overdue_days", "active_pairings_at_end",
    "pairings_active_in_period", "pairings_started", "pairings_completed",
    "pairings_dissolved", "complete_chains", "sessions", "hours", "overdue_count", "goals_total",
    "goals_achieved", "goals_achieved_share",
)  # fmt: skip
COLUMNS = {
    "coverage": ("tier", "staff", "with_mentor", "share"),
    "coverage_by_court": ("court_id", "tier", "staff", "with_mentor", "share"),
    "by_month": ("month", "sessions", "minutes", "hours"),
    "overdue": (
        "pairing_id", "link", "mentor_id", "mentor_name", "mentee_id", "mentee_name",
        "last_log_date", "days_quiet",
    ),
    "goals": (
        "goal_id", "pairing_id", "mentee_id", "mentee_name", "skill_code", "baseline_level",
        "target_level", "level_at_end", "progress", "achieved", "due_date",
    ),
}  # fmt: skip


def label(key: str, lang: str) -> str:
    """The heading for ``key`` in ``lang`` ('zh' or 'en')."""
    zh, en = LABELS[key]
    return en if lang == "en" else zh


@dataclass(frozen=True)
class Section:
    key: str
    header: list[str]
    rows: list[list[Cell]]


def sections(report: MentoringReport, lang: str = "zh") -> list[Section]:
    """The report as titled tables: what both file formats write."""
    values = {**report.model_dump(), "overdue_count": len(report.overdue)}
    summary: list[list[Cell]] = [[label(k, lang), values[k]] for k in SUMMARY_FIGURES]
    tables = {
        "coverage": values["coverage"],
        "coverage_by_court": [
            {"court_id": court["unit_id"], **tier}
            for court in values["coverage_by_court"]
            for tier in court["coverage"]
        ],
        "by_month": values["by_month"],
        "overdue": values["overdue"],
        "goals": values["goal_progress"],
    }
    found = [Section("summary", [label("metric", lang), label("value", lang)], summary)]
    for key, rows in tables.items():
        columns = COLUMNS[key]
        found.append(
            Section(
                key,
                [label(c, lang) for c in columns],
                [[row[c] for c in columns] for row in rows],
            )
        )
    return found


def to_csv(report: MentoringReport, lang: str = "zh") -> bytes:
    """The sections stacked in one CSV, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for section in sections(report, lang):
        writer.writerow([label(section.key, lang)])
        writer.writerow(section.header)
        writer.writerows([_csv_cell(c) for c in row] for row in section.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Cell) -> Cell:
    return value.isoformat() if isinstance(value, date) else value


def to_xlsx(report: MentoringReport, lang: str = "zh") -> bytes:
    """One sheet per section, bold headers, dates and numbers as native cells."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the blank sheet a new workbook starts with
    for section in sections(report, lang):
        sheet = workbook.create_sheet(label(section.key, lang))
        sheet.append(section.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append(row)
        _fit_columns(sheet, [section.header, *section.rows])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fit_columns(sheet: Worksheet, rows: Sequence[Sequence[Cell]]) -> None:
    for index in range(max(len(r) for r in rows)):
        widest = max(len(str(r[index])) if index < len(r) else 0 for r in rows)
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(40, max(10, widest * 2 + 2))


def export(report: MentoringReport, *, fmt: str, lang: str = "zh") -> tuple[bytes, str]:
    """(file content, media type) for ``fmt`` 'csv' or 'xlsx'."""
    if fmt == "csv":
        return to_csv(report, lang), CSV_TYPE
    if fmt == "xlsx":
        return to_xlsx(report, lang), XLSX_TYPE
    raise ValueError(f"unknown export format {fmt!r}")


def file_name(report: MentoringReport, fmt: str) -> str:
    """``mentoring-report[-unit-N]-FROM-TO.ext``: ASCII, safe in a Content-Disposition."""
    unit = f"-unit-{report.unit_id}" if report.unit_id is not None else ""
    return f"mentoring-report{unit}-{report.date_from}-{report.date_to}.{fmt}"
