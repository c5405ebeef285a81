"""What the import tells the planner: its messages and column labels, in Chinese and English.

An ``Issue`` holds a message code and its parameters, not text, so a problem found once is
rendered in the language of whoever reads it (the API's ``lang``, the page's locale).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from models.schemas import ImportError_

MESSAGES: dict[str, tuple[str, str]] = {
    # file level (UnreadableRoster)
    "empty_file": ("文件为空", "the file is empty"),
    "too_large": (
        "文件过大：最大 {limit_mb} MB，请拆分后分批导入",
        "the file is too large: at most {limit_mb} MB; split it and import the parts",
    ),
    "old_xls": (
        "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）",
        "old .xls files are not supported; save as .xlsx or CSV (UTF-8) in Excel",
    ),
    "bad_xlsx": ("无法读取 XLSX 文件（{detail}）", "cannot read the XLSX file ({detail})"),
    "not_table": ("不是 CSV 或 XLSX 文件", "this is not a CSV or XLSX file"),
    "bad_encoding": (
        "无法识别文件编码，请存为 UTF-8 或 GB18030 编码的 CSV",
        "cannot decode the file: save the CSV as UTF-8 or GB18030",
    ),
    "no_header": (
        "前 {rows} 行中找不到含“工号”列的表头（可写 工号 或 staff_no）；首行是：{first}",
        "no header row with a staff number column (工号 or staff_no) in the first "
        "{rows} rows; the first row reads: {first}",
    ),
    "too_many_rows": (
        "数据行过多：最多 {limit} 行，请拆分后分批导入",
        "too many data rows: at most {limit}; split the file",
    ),
    # header row
    "duplicate_column": (
        "列“{header}”与列“{other}”都表示{label}，请只保留一列",
        "columns '{header}' and '{other}' both give the {label}; keep one",
    ),
    "unknown_column": ("未识别的列“{header}”，已忽略", "unknown column '{header}' was ignored"),
    "unnamed_column": (
        "第 {letter} 列有内容但没有列名，已忽略",
        "column {letter} has values but no header; it was ignored",
    ),
    "no_rows": ("文件中没有数据行", "the file has no data rows"),
    "broken_csv": (
        "第 {row} 行起无法解析（{detail}），之后的内容未读取",
        "cannot parse the file from row {row} on ({detail}); the rest was not read",
    ),
    # cells
    "missing_staff_no": ("工号为空", "the staff number is empty"),
    "duplicate_staff_no": (
        "工号 {value} 与第 {first} 行重复",
        "staff number {value} already appears in row {first}",
    ),
    "bad_staff_no": (
        "工号“{value}”只能包含字母、数字、下划线和连字符",
        "staff number '{value}' may only contain letters, digits, _ and -",
    ),
    "bad_date": (
        "{label}“{value}”不是有效日期，请写成 1985-03-01、1985/3/1 或 1985年3月1日",
        "{label} '{value}' is not a valid date; write 1985-03-01, 1985/3/1 or 1985年3月1日",
    ),
    "future_date": ("{label}不能晚于今天", "the {label} cannot be in the future"),
    "date_order": ("入职日期必须晚于出生日期", "the hire date must be after the birth date"),
    "bad_gender": (
        "性别“{value}”无法识别，请填 男 或 女",
        "gender '{value}' is not recognised; use 男/女 or male/female",
    ),
    "bad_tier": (
        "层级“{value}”无法识别，请填 1、2、3（或 一/二/三、资深法官/青年干警/书记员）",
        "tier '{value}' is not recognised; use 1, 2 or 3 (or senior / young staff / clerk)",
    ),
    "bad_bool": (
        "{label}“{value}”无法识别，请填 是 或 否",
        "{label} '{value}' is not recognised; use 是/否, yes/no or 1/0",
    ),
    "bad_int": ("{label}“{value}”不是整数", "the {label} '{value}' is not a whole number"),
    "unknown_unit": (
        "单位“{value}”不存在{suggestion}",
        "unit '{value}' does not exist{suggestion}",
    ),
    "suggest_unit": ("；是否是：{names}", "; did you mean: {names}"),
    "ambiguous_unit": (
        "单位“{value}”有多个同名单位：{candidates}；请写成“法院/部门”，如 {example}",
        "unit '{value}' is ambiguous: {candidates}; write 'court/department', e.g. {example}",
    ),
    "required": (
        "新人员须填写{label}（工号 {staff_no} 尚不在花名册中）",
        "the {label} is required for a new person (staff number {staff_no} is not on "
        "the roster yet)",
    ),
    "too_long": (
        "{label}过长：最多 {limit} 个字符，现有 {length} 个",
        "the {label} is too long: at most {limit} characters, found {length}",
    ),
    "too_small": ("{label}不能小于 {limit}", "the {label} cannot be less than {limit}"),
    "too_big": ("{label}不能大于 {limit}", "the {label} cannot be more than {limit}"),
    "invalid": ("{label}无效：{detail}", "invalid {label}: {detail}"),
    # applying
    "concurrent_change": (
        "导入期间花名册被他人修改，未写入任何数据，请重新导入",
        "the roster changed while importing; nothing was written, import again",
    ),
}

LABELS: dict[str, tuple[str, str]] = {
    "staff_no": ("工号", "staff number"),
    "name": ("姓名", "name"),
    "gender": ("性别", "gender"),
    "unit": ("单位", "unit"),
    "position": ("职务", "position"),
    "tier": ("层级", "tier"),
    "birth_date": ("出生日期", "birth date"),
    "hire_date": ("入职日期", "hire date"),
    "expertise": ("专长", "expertise"),
    "goals": ("发展目标", "development goals"),
    "mentor_capacity": ("带教名额", "mentoring capacity"),
    "is_business_leader": ("审判业务带头人", "trial business leader"),
    "is_expert_judge": ("专家型法官", "expert judge"),
    "active": ("在职", "active"),
    "file": ("文件", "file"),
}


def message(code: str, lang: str, **params: object) -> str:
    """The message ``code`` in ``lang`` ('zh' or 'en'; anything else reads as 'zh')."""
    zh, en = MESSAGES[code]
    return (en if lang == "en" else zh).format(**params)


def label(key: str, lang: str) -> str:
    """A column's name in a message: 出生日期 / birth date."""
    zh, en = LABELS.get(key, (key, key))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class Issue:
    """A problem (or warning) at a spreadsheet row and column, rendered late in either language."""

    row: int
    field: str
    code: str
    # dataclasses.field in full: in this class body mypy reads a bare `field` as the attribute above.
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if self.code == "unknown_unit":
            names = params.pop("names", ())
            separator = ", " if lang == "en" else "、"
            hint = message("suggest_unit", lang, names=separator.join(names)) if names else ""  # type: ignore[arg-type]  # params holds objects; unknown_unit's names are unit names (str), see spreadsheet/units.py
            params["suggestion"] = hint
        if self.code == "ambiguous_unit":
            separator = ", " if lang == "en" else "、"
            params["candidates"] = separator.join(params["candidates"])  # type: ignore[arg-type]  # params holds objects; ambiguous_unit's candidates are unit paths (str)
        return message(self.code, lang, label=label(self.field, lang), **params)

    def render(self, lang: str) -> ImportError_:
        return ImportError_(row=self.row, field=self.field, message=self.message(lang))
