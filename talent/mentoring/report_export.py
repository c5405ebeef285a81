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
from collections.abc import Callable, Sequence
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
    "unit": ("单位", "Unit"),
    "all_units": ("全部单位", "All units"),
    "subordinate_courts": ("所含下级法院", "Courts under it included"),
    "none": ("不含", "None"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "overdue_days": ("逾期天数阈值", "Overdue after (days)"),
    "active_pairings_at_end": ("期末在带结对数", "Active pairings at end"),
    "pairings_active_in_period": ("期内在带结对数", "Pairings active in period"),
    "pairings_started": ("期内新建结对", "Pairings started"),
    "pairings_completed": ("期内结业结对", "Pairings completed"),
    "pairings_dissolved": ("期内解除结对", "Pairings dissolved"),
    "complete_chains": ("完整传帮带链条", "Complete chains (1-2-3)"),
    "sessions": ("带教次数", "Sessions"),
    "hours": ("带教小时数", "Hours"),
    "overdue_count": ("逾期结对数", "Overdue pairings"),
    "goals_total": ("技能目标数", "Skill goals"),
    "goals_achieved": ("已达成目标数", "Goals achieved"),
    "goals_achieved_share": ("目标达成率", "Share of goals achieved"),
    # columns
    "court": ("法院（部门）", "Court (department)"),
    "tier": ("层级", "Tier"),
    "staff": ("人数", "Staff"),
    "with_mentor": ("有导师人数", "With a mentor"),
    "share": ("占比", "Share"),
    "month": ("月份", "Month"),
    "minutes": ("分钟数", "Minutes"),
    "mentor_name": ("导师", "Mentor"),
    "mentee_name": ("徒弟", "Mentee"),
    "link": ("带教链条", "Link"),
    "last_log_date": ("最近带教日期", "Last log"),
    "days_quiet": ("未带教天数", "Days without a log"),
    "skill_name": ("技能", "Skill"),
    "baseline_level": ("起点水平", "Baseline"),
    "target_level": ("目标水平", "Target"),
    "level_at_end": ("期末水平", "Level at end"),
    "progress": ("进度", "Progress"),
    "achieved": ("已达成", "Achieved"),
    "due_date": ("截止日期", "Due"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}

SUMMARY_FIGURES = (
    "unit", "subordinate_courts", "date_from", "date_to", "overdue_days",
    "active_pairings_at_end", "pairings_active_in_period", "pairings_started",
    "pairings_completed", "pairings_dissolved", "complete_chains", "sessions", "hours",
    "overdue_count", "goals_total", "goals_achieved", "goals_achieved_share",
)  # fmt: skip
COLUMNS = {
    "coverage": ("tier", "staff", "with_mentor", "share"),
    "coverage_by_court": ("court", "tier", "staff", "with_mentor", "share"),
    "by_month": ("month", "sessions", "minutes", "hours"),
    "overdue": ("link", "mentor_name", "mentee_name", "last_log_date", "days_quiet"),
    "goals": (
        "mentee_name", "mentor_name", "skill_name", "baseline_level", "target_level",
        "level_at_end", "progress", "achieved", "due_date",
    ),
}  # fmt: skip
PERCENT = {"share", "progress", "goals_achieved_share"}
"""Shares in [0, 1]: an XLSX percent cell, "45.2%" in the CSV."""

Words = Callable[[str, object], str]
"""The words for a domain code (``word("tier", 2)``, ``word("link", "1-2")``)."""


def label(key: str, lang: str) -> str:
    """The heading for ``key`` in ``lang`` ('zh' or 'en')."""
    zh, en = LABELS[key]
    return en if lang == "en" else zh


@dataclass(frozen=True)
class Percent:
    """A share in [0, 1], written as a percentage."""

    value: float


Value = Cell | Percent


@dataclass(frozen=True)
class Section:
    key: str
    header: list[str]
    rows: list[list[Value]]


def _code(kind: str, code: object) -> str:
    return str(code)


def sections(report: MentoringReport, lang: str = "zh", word: Words = _code) -> list[Section]:
    """The report as titled tables of names, words, dates and numbers (never ids or codes)."""
    values: dict[str, Value] = {
        **report.model_dump(),
        "unit": report.unit_name or label("all_units", lang),
        "subordinate_courts": "、".join(report.subordinate_courts) or label("none", lang),
        "overdue_count": len(report.overdue),
        "goals_achieved_share": Percent(report.goals_achieved_share),
    }
    summary: list[list[Value]] = [[label(k, lang), values[k]] for k in SUMMARY_FIGURES]

    def tier_row(tier: dict) -> dict[str, Value]:
        return {**tier, "tier": word("tier", tier["tier"]), "share": Percent(tier["share"])}

    tables: dict[str, list[dict[str, Value]]] = {
        "coverage": [tier_row(t.model_dump()) for t in report.coverage],
        "coverage_by_court": [
            {"court": court.unit_name, **tier_row(tier.model_dump())}
            for court in report.coverage_by_court
            for tier in court.coverage
        ],
        "by_month": [m.model_dump() for m in report.by_month],
        "overdue": [{**o.model_dump(), "link": word("link", o.link)} for o in report.overdue],
        "goals": [
            {
                **g.model_dump(),
                "progress": Percent(g.progress),
                "achieved": label("yes" if g.achieved else "no", lang),
            }
            for g in report.goal_progress
        ],
    }
    found = [Section("summary", [label("metric", lang), label("value", lang)], summary)]
    for key, rows in tables.items():
        columns = COLUMNS[key]
        found.append(
            Section(key, [label(c, lang) for c in columns], [[r[c] for c in columns] for r in rows])
        )
    return found


def to_csv(report: MentoringReport, lang: str = "zh", word: Words = _code) -> bytes:
    """The sections stacked in one CSV, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for section in sections(report, lang, word):
        writer.writerow([label(section.key, lang)])
        writer.writerow(section.header)
        writer.writerows([_csv_cell(c) for c in row] for row in section.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Value) -> Cell:
    if isinstance(value, Percent):
        return f"{value.value * 100:.1f}%"
    return value.isoformat() if isinstance(value, date) else value


def to_xlsx(report: MentoringReport, lang: str = "zh", word: Words = _code) -> bytes:
    """One sheet per section, bold headers; dates, numbers and percentages as native cells."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the blank sheet a new workbook starts with
    for section in sections(report, lang, word):
        sheet = workbook.create_sheet(label(section.key, lang))
        sheet.append(section.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append([v.value if isinstance(v, Percent) else v for v in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=True):
                if isinstance(value, Percent):
                    cell.number_format = "0.0%"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
        _fit_columns(sheet, [section.header, *section.rows])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fit_columns(sheet: Worksheet, rows: Sequence[Sequence[Value]]) -> None:
    for index in range(max(len(r) for r in rows)):
        widest = max(len(str(r[index])) if index < len(r) else 0 for r in rows)
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(40, max(10, widest * 2 + 2))


def export(
    report: MentoringReport, *, fmt: str, lang: str = "zh", word: Words = _code
) -> tuple[bytes, str]:
    """(file content, media type) for ``fmt`` 'csv' or 'xlsx'; ``word`` names the codes."""
    if fmt == "csv":
        return to_csv(report, lang, word), CSV_TYPE
    if fmt == "xlsx":
        return to_xlsx(report, lang, word), XLSX_TYPE
    raise ValueError(f"unknown export format {fmt!r}")


def file_name(report: MentoringReport, fmt: str, lang: str = "zh") -> str:
    """``导师带教报表-海勃湾区人民法院-2026年6月-11月.xlsx`` (English: mentoring-report-...)."""
    start, end = report.date_from, report.date_to
    if lang == "en":
        unit = report.unit_name or "all-units"
        return f"mentoring-report-{unit}-{start:%Y-%m}-to-{end:%Y-%m}.{fmt}"
    unit = report.unit_name or "全部单位"
    if start.year == end.year:
        period = f"{start.year}年{start.month}月-{end.month}月"
    else:
        period = f"{start.year}年{start.month}月-{end.year}年{end.month}月"
    if (start.year, start.month) == (end.year, end.month):
        period = f"{start.year}年{start.month}月"
    return f"导师带教报表-{unit}-{period}.{fmt}"
