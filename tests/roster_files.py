"""Roster files for the import tests: the Chinese header row, a person's row, CSV and XLSX bytes."""

from __future__ import annotations

import csv
import io

import openpyxl

ZH_HEADER = ["工号", "姓名", "性别", "单位", "职务", "层级", "出生日期", "入职日期", "带教名额"]


def csv_bytes(
    rows: list[list[object]], header: list[str] = ZH_HEADER, encoding: str = "utf-8-sig"
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], header: list[str] = ZH_HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person_row(
    staff_no: str,
    name: str = "周敏",
    unit: str = "民事审判第一庭",
    tier: object = "2",
    birth: object = "1990-05-01",
    hire: object = "2015-07-01",
    capacity: object = "",
) -> list[object]:
    return [staff_no, name, "女", unit, "法官助理", tier, birth, hire, capacity]
