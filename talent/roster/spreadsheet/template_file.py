"""The blank roster a planner fills in (CSV or XLSX), and the media types it is served as.

Written from ``columns.COLUMNS``, so the template's headers are always ones the reader
knows. (Named ``template_file`` so that the package's ``template`` stays the function.)
"""

from __future__ import annotations

import csv
import io

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from talent.roster.spreadsheet.columns import COLUMNS

TEMPLATE_MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
TEMPLATE_ROWS = 2000
"""Rows of the XLSX template that carry drop-down lists and cell formats."""


def template_headers(lang: str) -> list[str]:
    return [column.en if lang == "en" else column.zh for column in COLUMNS]


TEMPLATE_NAMES = {"zh": "花名册导入模板", "en": "roster-template"}


def template_file_name(file_format: str, lang: str) -> str:
    """The download name of the template: 花名册导入模板.xlsx, or roster-template.xlsx in English."""
    return f"{TEMPLATE_NAMES['en' if lang == 'en' else 'zh']}.{file_format}"


def template(file_format: str, lang: str) -> bytes:
    """The blank roster: headers only, so nothing sample is ever imported by mistake.

    CSV is UTF-8 with a BOM (Excel then shows Chinese correctly). The XLSX has a note on
    every header, drop-down lists for the coded columns, text format for 工号 (leading
    zeros survive), date format for the dates, and a second sheet of instructions.
    """
    if file_format == "csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerow(template_headers(lang))
        return buffer.getvalue().encode("utf-8-sig")
    return _xlsx_template(lang)


def _xlsx_template(lang: str) -> bytes:
    en = lang == "en"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "roster" if en else "花名册"
    sheet.append(template_headers(lang))
    sheet.freeze_panes = "A2"
    lists = {
        "gender": "male,female" if en else "男,女",
        "tier": "1,2,3",
        "is_business_leader": "yes,no" if en else "是,否",
        "is_expert_judge": "yes,no" if en else "是,否",
        "active": "yes,no" if en else "是,否",
    }
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.comment = Comment(column.hint_en if en else column.hint_zh, "talent")
        sheet.column_dimensions[letter].width = (
            30 if column.key in ("unit", "expertise", "goals") else 14
        )
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.key in lists:
            validation = DataValidation(
                type="list", formula1=f'"{lists[column.key]}"', allow_blank=True
            )
            validation.add(cells)
            sheet.add_data_validation(validation)
        number_format = {
            "staff_no": "@",
            "birth_date": "yyyy-mm-dd",
            "hire_date": "yyyy-mm-dd",
        }.get(column.key)
        if number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
    notes = workbook.create_sheet("notes" if en else "填写说明")
    notes.append(
        ["column", "also accepted", "what to write", "example"]
        if en
        else ["列名", "也可写作", "填写说明", "示例"]
    )
    for column in COLUMNS:
        others = [column.zh if en else column.en, *column.aliases]
        notes.append(
            [
                column.en if en else column.zh,
                ", ".join(others),
                column.hint_en if en else column.hint_zh,
                TEMPLATE_EXAMPLE[column.key],
            ]
        )
    notes.append([])
    for line in _TEMPLATE_NOTES[1 if en else 0]:
        notes.append([line])
    for letter, width in (("A", 20), ("B", 50), ("C", 90), ("D", 28)):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEMPLATE_EXAMPLE = {
    "staff_no": "A1001",
    "name": "张伟",
    "gender": "男",
    "unit": "乌海市中级人民法院/立案庭",
    "position": "法官助理",
    "tier": "2",
    "birth_date": "1990-05-01",
    "hire_date": "2015年7月1日",
    "expertise": "立案、调解",
    "goals": "提笔能写、开口能讲",
    "mentor_capacity": "2",
    "is_business_leader": "否",
    "is_expert_judge": "否",
    "active": "是",
}
"""One filled-in row, shown on the notes sheet only (a sample row in the data sheet would be
imported by whoever forgets to delete it)."""

_TEMPLATE_NOTES = (
    (
        "按工号更新或新建：已有工号则只更新填写了的单元格，空白单元格保持原值。",
        "任何一行有错误时整份文件都不会写入；可先用“试运行”检查。",
        "表头在第 1 行，数据从第 2 行开始；报错中的行号与表格左侧的行号一致。",
        "未识别的列会被忽略并提示一次。",
    ),
    (
        "Rows are matched by staff number: a known one updates only the cells filled in; blank "
        "cells keep the stored value.",
        "If any row has an error, nothing in the file is written; try a dry run first.",
        "The header is row 1 and data start at row 2; error row numbers match the sheet's.",
        "Unknown columns are ignored, with one warning each.",
    ),
)
