"""Reading and checking a roster file (CSV or XLSX) into person rows and issues; the template.

Nothing here touches the database. ``read_table`` turns the bytes of a file into cells
under known columns; ``check_roster`` turns those cells into typed person fields, against
a directory of units and the people already on the roster, with the same schemas the API
uses (``PersonCreate`` for a new staff_no, ``PersonUpdate`` for a known one);
``template`` writes the blank file a planner fills in. ``talent.services.roster``
applies the checked rows.

Notes
-----
- Row numbers are the ones a spreadsheet shows: the header is row 1 (or the row where the
  header was found below a title line), the first data row the next one; blank rows are
  skipped but still counted.
- Upsert by staff_no. A blank cell, or a column the file does not have, leaves the stored
  value as it is (for a new person: the default), so a file with only 工号 and 带教名额
  updates capacities and nothing else. A new person needs 姓名, 单位 and 层级.
- Unknown columns are not errors: each is reported once as a warning and ignored. Known
  "row number" columns (序号, No.) are ignored silently.
- A file that cannot be read as a table at all (empty, not CSV/XLSX, undecodable, no
  header row with a 工号 column) raises ``UnreadableRoster``; everything else becomes an
  ``Issue`` with row, field and a message in Chinese or English.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError

from models.schemas import ImportError_, PersonCreate, PersonUpdate

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest roster file accepted (10 MiB): the HTTP layer answers 413 above it."""
MAX_ROWS = 50_000
"""Most data rows in one import: one transaction, and a bound on what a small XLSX unpacks to."""
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024
"""An XLSX whose parts unpack to more than this is refused before openpyxl reads it."""
HEADER_SEARCH_ROWS = 10
"""The header may sit below a title line; it is looked for in this many first rows."""
SHOWN_VALUE_CHARS = 40

Cell = str | int | float | bool | date | datetime | time | None
ProgressCallback = Callable[[int, int], None]


# --- columns -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A roster column: its key, its template headers, the other headers it answers to."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    hint_zh: str
    hint_en: str
    required: bool = False
    """Required in every row (工号) or for a new person (姓名, 单位, 层级)."""

    @property
    def field(self) -> str:
        """The person field the column sets (the unit column gives ``unit_id``)."""
        return "unit_id" if self.key == "unit" else self.key


YES_NO_ZH = "是 / 否（也可填 yes/no、1/0）"
YES_NO_EN = "是/否, yes/no or 1/0"
DATE_ZH = "1985-03-01、1985/3/1、1985年3月1日或日期单元格；只写年月（1985.03）按当月1日"
DATE_EN = "1985-03-01, 1985/3/1, 1985年3月1日 or a date cell; year and month only means the 1st"

COLUMNS: tuple[Column, ...] = (
    Column(
        "staff_no",
        "工号",
        "staff_no",
        ("人员编号", "职工号", "编号", "staff no", "staff number", "employee no", "employee id"),
        "必填，每人唯一；已有工号则更新此人，否则新建",
        "required, unique; a known one updates, a new one creates",
        required=True,
    ),
    Column(
        "name",
        "姓名",
        "name",
        ("名字", "full name"),
        "新建时必填",
        "required for a new person",
        required=True,
    ),
    Column("gender", "性别", "gender", ("sex",), "男 / 女", "男/女 or male/female"),
    Column(
        "unit",
        "单位",
        "unit",
        (
            "部门",
            "所在单位",
            "所在部门",
            "单位/部门",
            "单位名称",
            "unit_id",
            "unit name",
            "department",
        ),
        "新建时必填；单位全称，重名时写“法院/部门”，如 乌海市中级人民法院/立案庭；也可填单位编号",
        "required for a new person; the unit's name, 'court/department' when a name is "
        "shared, or the unit id",
        required=True,
    ),
    Column(
        "position",
        "职务",
        "position",
        ("岗位", "职位", "post", "job title", "title"),
        "如 审判员、法官助理",
        "e.g. judge, judge assistant",
    ),
    Column(
        "tier",
        "层级",
        "tier",
        ("梯队", "人员层级", "带教层级", "tier level"),
        "新建时必填；1/2/3、一/二/三 或 资深法官/青年干警/书记员",
        "required for a new person; 1/2/3, 一/二/三 or senior/young staff/clerk",
        required=True,
    ),
    Column(
        "birth_date",
        "出生日期",
        "birth_date",
        ("出生年月", "出生年月日", "生日", "date of birth", "birthday", "dob"),
        DATE_ZH,
        DATE_EN,
    ),
    Column(
        "hire_date",
        "入职日期",
        "hire_date",
        (
            "入职时间",
            "参加工作时间",
            "参加工作日期",
            "入院时间",
            "入院日期",
            "hired",
            "start date",
            "date hired",
        ),
        DATE_ZH,
        DATE_EN,
    ),
    Column(
        "expertise",
        "专长",
        "expertise",
        ("业务专长", "特长", "specialty", "speciality"),
        "自由文字，最多 4000 字",
        "free text, at most 4000 characters",
    ),
    Column(
        "goals",
        "发展目标",
        "goals",
        ("培养目标", "development goals", "goal"),
        "自由文字，最多 4000 字",
        "free text, at most 4000 characters",
    ),
    Column(
        "mentor_capacity",
        "带教名额",
        "mentor_capacity",
        ("带教人数", "带教容量", "可带教人数", "capacity", "mentoring capacity"),
        "0–50 的整数；空白时新人员按层级默认（资深法官 3、青年干警 2、书记员 0）",
        "a whole number 0-50; blank: the tier's default for a new person (3, 2, 0)",
    ),
    Column(
        "is_business_leader",
        "审判业务带头人",
        "is_business_leader",
        ("业务带头人", "business leader", "trial business leader"),
        YES_NO_ZH,
        YES_NO_EN,
    ),
    Column(
        "is_expert_judge", "专家型法官", "is_expert_judge", ("expert judge",), YES_NO_ZH, YES_NO_EN
    ),
    Column(
        "active",
        "在职",
        "active",
        ("是否在职", "在岗", "is_active"),
        "是 / 否；空白时新人员为在职",
        "是/否; blank: active for a new person",
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
COLUMN_ORDER = {column.key: index for index, column in enumerate(COLUMNS)}
KEY_OF_FIELD = {column.field: column.key for column in COLUMNS}
SILENTLY_IGNORED = ("序号", "行号", "no", "#")
"""Row-counter columns that many rosters start with: ignored without a warning."""


def header_key(text: str) -> str:
    """Normalise a header for lookup: NFKC, lower case, notes in brackets and separators dropped.

    Examples
    --------
    >>> header_key("出生日期（yyyy-mm-dd）"), header_key(" Staff No.* ")
    ('出生日期', 'staffno')
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", text)
    return re.sub(r"[\s_\-.*:：]", "", text)


HEADER_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    for _alias in (_column.key, _column.zh, _column.en, *_column.aliases):
        HEADER_ALIASES[header_key(_alias)] = _column.key
IGNORED_HEADERS = frozenset(header_key(text) for text in SILENTLY_IGNORED)


# --- messages ----------------------------------------------------------------------------
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
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if self.code == "unknown_unit":
            names = params.pop("names", ())
            separator = ", " if lang == "en" else "、"
            hint = message("suggest_unit", lang, names=separator.join(names)) if names else ""  # type: ignore[arg-type]
            params["suggestion"] = hint
        if self.code == "ambiguous_unit":
            separator = ", " if lang == "en" else "、"
            params["candidates"] = separator.join(params["candidates"])  # type: ignore[arg-type]
        return message(self.code, lang, label=label(self.field, lang), **params)

    def render(self, lang: str) -> ImportError_:
        return ImportError_(row=self.row, field=self.field, message=self.message(lang))


class UnreadableRoster(Exception):
    """The file cannot be read as a table at all (empty, not CSV/XLSX, no header row)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(message(code, "en", **params))
        self.issue = Issue(0, "file", code, params)


class CellError(ValueError):
    """A cell that does not parse; ``code`` and ``params`` pick and fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --- reading the grid --------------------------------------------------------------------
@dataclass
class RosterTable:
    """The cells of a roster under known column keys, with what reading found wrong."""

    header_row: int
    headers: dict[str, str]
    rows: list[tuple[int, dict[str, Cell]]]
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def read_table(content: bytes) -> RosterTable:
    """Read CSV (UTF-8, UTF-8 with BOM, GB18030, UTF-16 with BOM) or XLSX bytes.

    The format is told by the content, not by the file name. Raises ``UnreadableRoster``
    when there is no table to speak of.
    """
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableRoster("too_large", limit_mb=MAX_FILE_BYTES // 2**20)
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableRoster("empty_file")
    errors: list[Issue] = []
    if content.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableRoster("old_xls")
    else:
        lines = _csv_lines(_decode(content), errors)
    return _table(lines, errors)


Line = tuple[int, Sequence[Cell]]
"""A row that is not blank, with its number as the spreadsheet shows it."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
BINARY_SHARE = 0.01
"""A text with a NUL, or with more control characters than this share (and ten), is binary."""


def _looks_binary(text: str) -> bool:
    return "\x00" in text or len(_CONTROL.findall(text)) > max(10, BINARY_SHARE * len(text))


def _decode(content: bytes) -> str:
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnreadableRoster("not_table")
        return text
    # No encoding takes these bytes: a binary file, or text in an encoding we do not read.
    raise UnreadableRoster(
        "not_table" if _looks_binary(content.decode("latin-1")) else "bad_encoding"
    )


def _keep(lines: list[Line], row_no: int, values: Sequence[Cell]) -> None:
    """Keep a row unless it is blank; refuse a file with more rows than one import takes."""
    if all(is_blank(v) for v in values):
        return
    if len(lines) == MAX_ROWS + HEADER_SEARCH_ROWS:
        raise UnreadableRoster("too_many_rows", limit=MAX_ROWS)
    lines.append((row_no, values))


def _csv_lines(text: str, errors: list[Issue]) -> list[Line]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;", key=first_line.count)
    lines: list[Line] = []
    row_no = 0
    try:
        for row_no, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
        ):
            _keep(lines, row_no, record)
    except csv.Error as error:  # a cell over the csv module's size limit, a stray quote ...
        errors.append(
            Issue(row_no + 1, "file", "broken_csv", {"row": row_no + 1, "detail": str(error)})
        )
    return lines


def _xlsx_lines(content: bytes) -> list[Line]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UnreadableRoster("bad_xlsx", detail=str(error)) from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise UnreadableRoster("too_large", limit_mb=MAX_FILE_BYTES // 2**20)
    # openpyxl raises many kinds of error (KeyError, ValueError ...) on a broken file, some
    # only while the rows stream: any of them means the same to the planner.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableRoster("bad_xlsx", detail=type(error).__name__) from error
    try:
        if not workbook.worksheets:
            raise UnreadableRoster("bad_xlsx", detail="no worksheet")
        sheet = workbook.worksheets[0]
        # Some writers store a wrong sheet size, which read-only mode would trust.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        lines: list[Line] = []
        for row_no, values in enumerate(sheet.iter_rows(values_only=True), 1):
            _keep(lines, row_no, values)  # type: ignore[arg-type]
        return lines
    except UnreadableRoster:
        raise
    except Exception as error:
        raise UnreadableRoster("bad_xlsx", detail=type(error).__name__) from error
    finally:
        workbook.close()


def _table(lines: list[Line], errors: list[Issue]) -> RosterTable:
    """Find the header among the first lines, map its columns, gather the rows below it."""
    found = next(
        (
            index
            for index, (_, values) in enumerate(lines[:HEADER_SEARCH_ROWS])
            if any(HEADER_ALIASES.get(header_key(cell_text(v))) == "staff_no" for v in values)
        ),
        None,
    )
    if found is None:
        first = " | ".join(cell_text(v) for v in lines[0][1] if not is_blank(v)) if lines else ""
        raise UnreadableRoster("no_header", rows=HEADER_SEARCH_ROWS, first=_shown(first))
    header_row, header = lines[found]
    if len(lines) - found - 1 > MAX_ROWS:
        raise UnreadableRoster("too_many_rows", limit=MAX_ROWS)
    columns, headers, warnings = _map_header(header_row, header, errors)
    rows = [
        (row_no, {key: values[i] for i, key in columns.items() if i < len(values)})
        for row_no, values in lines[found + 1 :]
    ]
    stray = sorted(
        {
            i
            for _, values in lines[found + 1 :]
            for i, value in enumerate(values)
            if i not in columns
            and (i >= len(header) or is_blank(header[i]))
            and not is_blank(value)
        }
    )
    for index in stray:
        letter = get_column_letter(index + 1)
        warnings.append(Issue(header_row, letter, "unnamed_column", {"letter": letter}))
    if not rows and not errors:
        warnings.append(Issue(header_row, "file", "no_rows"))
    return RosterTable(header_row, headers, rows, errors, warnings)


def _map_header(
    header_row: int, header: Sequence[Cell], errors: list[Issue]
) -> tuple[dict[int, str], dict[str, str], list[Issue]]:
    """Column index -> key, key -> header as written, and the warnings about unknown columns."""
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    warnings: list[Issue] = []
    for index, value in enumerate(header):
        text = cell_text(value)
        key = HEADER_ALIASES.get(header_key(text))
        if not text or header_key(text) in IGNORED_HEADERS:
            continue
        if key is None:
            warnings.append(Issue(header_row, text, "unknown_column", {"header": text}))
        elif key in headers:
            other = headers[key]
            errors.append(
                Issue(header_row, key, "duplicate_column", {"header": text, "other": other})
            )
        else:
            columns[index] = key
            headers[key] = text
    return columns, headers, warnings


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- cells -------------------------------------------------------------------------------
def cell_text(value: Cell) -> str:
    """A cell as stripped text; whole floats lose their '.0' (Excel stores 1001 as 1001.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _token(value: Cell) -> str:
    """A cell reduced for vocabulary lookups: NFKC (full-width to half-width), lower, no spaces."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", cell_text(value)).lower())


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


def _vocabulary(pairs: Mapping[Any, Iterable[str]]) -> dict[str, Any]:
    return {_token(word): value for value, words in pairs.items() for word in words}


GENDERS = _vocabulary(
    {
        "male": ("男", "男性", "male", "m", "man"),
        "female": ("女", "女性", "female", "f", "woman"),
    }
)
TIERS = _vocabulary(
    {
        1: (
            "1",
            "一",
            "第一层级",
            "一层级",
            "第一梯队",
            "tier 1",
            "资深法官",
            "senior",
            "senior judge",
            "审判业务带头人",
            "专家型法官",
        ),
        2: (
            "2",
            "二",
            "第二层级",
            "二层级",
            "第二梯队",
            "tier 2",
            "青年干警",
            "青年法官",
            "法官助理",
            "young",
            "young staff",
        ),
        3: ("3", "三", "第三层级", "三层级", "第三梯队", "tier 3", "书记员", "clerk"),
    }
)
BOOLEANS = _vocabulary(
    {
        True: ("是", "yes", "y", "true", "1", "√", "✓", "✔", "有", "在职"),
        False: ("否", "no", "n", "false", "0", "×", "✗", "✘", "无", "离职"),
    }
)
_FULL_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_SERIALS = range(10_000, 80_000)
"""Serial day numbers read as Excel dates: 1927-05-18 to 2119-01-10 (a bare year is not one)."""
_WHOLE = re.compile(r"([+-]?\d{1,9})(?:\.0+)?\s*[人名个]?")
_CJK_SPACED = re.compile(r"[\u3400-\u9fff\s]+")


def parse_date(value: Cell) -> date:
    """A date from a date cell, an Excel serial number or text in the formats Chinese rosters use.

    Examples
    --------
    >>> forms = ("1985-03-01", "1985/3/1", "1985年3月1日", "19850301", "1985.03")
    >>> {parse_date(form) for form in forms}
    {datetime.date(1985, 3, 1)}
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    whole = (
        isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
    )
    if whole and int(value) in _EXCEL_SERIALS:  # type: ignore[arg-type]
        return from_excel(int(value)).date()  # type: ignore[union-attr, arg-type]
    text = unicodedata.normalize("NFKC", cell_text(value))
    try:
        if text.isdecimal() and len(text) <= 5 and int(text) in _EXCEL_SERIALS:
            return from_excel(int(text)).date()  # type: ignore[union-attr]
        for pattern in (_FULL_DATE, _COMPACT_DATE):
            if found := pattern.fullmatch(text):
                return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _YEAR_MONTH.fullmatch(text):
            return date(int(found[1]), int(found[2]), 1)
    except (ValueError, OverflowError):
        pass  # day 31 of a 30-day month and the like: the same message as any bad date
    raise CellError("bad_date")


def parse_whole(value: Cell) -> int:
    """A whole number from 3, 3.0, '3', '３' or '3人'."""
    if isinstance(value, bool):
        raise CellError("bad_int")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    found = _WHOLE.fullmatch(unicodedata.normalize("NFKC", cell_text(value)))
    if not found:
        raise CellError("bad_int")
    return int(found[1])


def _lookup(vocabulary: Mapping[str, Any], code: str) -> Callable[[Cell], Any]:
    def parse(value: Cell) -> Any:
        found = vocabulary.get(_token(value))
        if found is None:
            raise CellError(code)
        return found

    return parse


def parse_name(value: Cell) -> str:
    """A name; the spaces Chinese rosters pad two-character names with (王　伟) are removed."""
    text = cell_text(value)
    return re.sub(r"\s", "", text) if _CJK_SPACED.fullmatch(text) else text


def parse_staff_no(value: Cell) -> str:
    return unicodedata.normalize("NFKC", cell_text(value)).strip()


PARSERS: dict[str, Callable[[Cell], Any]] = {
    "staff_no": parse_staff_no,
    "name": parse_name,
    "gender": _lookup(GENDERS, "bad_gender"),
    "position": cell_text,
    "tier": _lookup(TIERS, "bad_tier"),
    "birth_date": parse_date,
    "hire_date": parse_date,
    "expertise": cell_text,
    "goals": cell_text,
    "mentor_capacity": parse_whole,
    "is_business_leader": _lookup(BOOLEANS, "bad_bool"),
    "is_expert_judge": _lookup(BOOLEANS, "bad_bool"),
    "active": _lookup(BOOLEANS, "bad_bool"),
}


# --- units -------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRecord:
    """What resolving a unit name needs to know of a unit."""

    id: int
    name: str
    parent_id: int | None = None
    name_en: str | None = None


def _unit_key(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).lower()


class UnitDirectory:
    """Resolve a unit cell: a unique name, 'court/department' (ancestors in order), or an id.

    Examples
    --------
    >>> units = UnitDirectory([UnitRecord(1, "甲法院"), UnitRecord(2, "立案庭", 1),
    ...                        UnitRecord(3, "乙法院"), UnitRecord(4, "立案庭", 3)])
    >>> units.resolve("乙法院/立案庭"), units.resolve("甲法院"), units.resolve(4)
    (4, 1, 4)
    """

    def __init__(self, units: Iterable[UnitRecord]) -> None:
        self._units = {unit.id: unit for unit in units}
        self._by_name: dict[str, list[int]] = {}
        for unit in sorted(self._units.values(), key=lambda u: u.id):
            for name in {_unit_key(unit.name), _unit_key(unit.name_en or "")} - {""}:
                self._by_name.setdefault(name, []).append(unit.id)
        self._resolved: dict[str, int | CellError] = {}

    def path(self, unit_id: int) -> str:
        """The shortest 'court/department' that names the unit alone (the full path at most)."""
        chain = self._chain(unit_id)
        for length in range(1, len(chain) + 1):
            names = [self._units[i].name for i in chain[-length:]]
            if self._matches([_unit_key(n) for n in names], adjacent=True) == [unit_id]:
                return "/".join(names)
        return "/".join(self._units[i].name for i in chain)

    def _chain(self, unit_id: int) -> list[int]:
        """The unit and the units above it, root first."""
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current in self._units and current not in chain:
            chain.append(current)
            current = self._units[current].parent_id
        return chain[::-1]

    def _names(self, unit_id: int) -> set[str]:
        unit = self._units[unit_id]
        return {_unit_key(unit.name), _unit_key(unit.name_en or "")} - {""}

    def _matches(self, segments: list[str], *, adjacent: bool) -> list[int]:
        """Units named ``segments[-1]`` with the other segments, in order, above them.

        ``adjacent``: the segments are the units right above (乌海市中级人民法院/立案庭 is the
        intermediate court's own 立案庭); otherwise any units above, in order, will do.
        """
        *ancestors, name = segments
        found = []
        for unit_id in self._by_name.get(name, []):
            above = self._chain(unit_id)[:-1]
            if adjacent:
                tail = (
                    above[len(above) - len(ancestors) :] if len(ancestors) <= len(above) else None
                )
                fits = tail is not None and all(
                    a in self._names(u) for a, u in zip(ancestors, tail, strict=True)
                )
            else:
                wanted = iter(ancestors)
                need = next(wanted, None)
                for unit_above in above:
                    if need is not None and need in self._names(unit_above):
                        need = next(wanted, None)
                fits = need is None
            if fits:
                found.append(unit_id)
        return found

    def resolve(self, value: Cell) -> int:
        """The unit id a cell names; ``CellError`` 'unknown_unit' or 'ambiguous_unit' otherwise."""
        text = cell_text(value)
        cached = self._resolved.get(text)
        if cached is None:
            try:
                cached = self._find(text)
            except CellError as error:
                cached = error
            self._resolved[text] = cached
        if isinstance(cached, CellError):
            raise cached
        return cached

    def _find(self, text: str) -> int:
        key = _unit_key(text)
        segments = [s for s in re.split(r"[/\\>]", key) if s]
        if not segments:
            raise CellError("unknown_unit", names=())
        candidates = self._matches(segments, adjacent=True) or self._matches(
            segments, adjacent=False
        )
        if not candidates and key.isdecimal() and len(key) <= 18 and int(key) in self._units:
            return int(key)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            paths = [self.path(unit_id) for unit_id in candidates]
            raise CellError("ambiguous_unit", candidates=paths, example=paths[0])
        close = difflib.get_close_matches(segments[-1], self._by_name, n=3, cutoff=0.6)
        names = sorted({self.path(self._by_name[name][0]) for name in close})
        raise CellError("unknown_unit", names=names)


# --- checking rows -----------------------------------------------------------------------
@dataclass(frozen=True)
class KnownPerson:
    """What checking a row against a person already on the roster needs."""

    id: int
    birth_date: date | None = None
    hire_date: date | None = None


@dataclass(frozen=True)
class RosterRow:
    """A checked row: the staff_no, the person it updates (None: a new one), the fields it sets."""

    row: int
    staff_no: str
    person_id: int | None
    values: dict[str, Any]


@dataclass
class RosterCheck:
    rows: list[RosterRow]
    errors: list[Issue]
    warnings: list[Issue]


def check_roster(
    table: RosterTable,
    *,
    units: UnitDirectory,
    known: Mapping[str, KnownPerson],
    progress: ProgressCallback | None = None,
) -> RosterCheck:
    """Parse every cell and validate every row; all problems are collected, none stops the check.

    ``known`` maps the staff_no of people already on the roster to what the check needs of
    them; a row for one of them is validated as a ``PersonUpdate``, any other row as a
    ``PersonCreate``.
    """
    errors = list(table.errors)
    rows: list[RosterRow] = []
    first_row: dict[str, int] = {}
    total = len(table.rows)
    for done, (row_no, cells) in enumerate(table.rows, start=1):
        checked, row_errors = _check_row(
            row_no, cells, units=units, known=known, first_row=first_row
        )
        if checked is not None:
            rows.append(checked)
        errors.extend(row_errors)
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
    errors.sort(key=lambda issue: (issue.row, COLUMN_ORDER.get(issue.field, -1)))
    return RosterCheck(rows=rows, errors=errors, warnings=list(table.warnings))


def _check_row(
    row_no: int,
    cells: Mapping[str, Cell],
    *,
    units: UnitDirectory,
    known: Mapping[str, KnownPerson],
    first_row: dict[str, int],
) -> tuple[RosterRow | None, list[Issue]]:
    """One row checked: the row to apply, or the issues that keep it (and the file) out."""
    errors: list[Issue] = []
    values: dict[str, Any] = {}
    for key, raw in cells.items():
        if is_blank(raw):
            continue
        try:
            parsed = units.resolve(raw) if key == "unit" else PARSERS[key](raw)
        except CellError as error:
            errors.append(
                Issue(row_no, key, error.code, {"value": _shown(cell_text(raw)), **error.params})
            )
            continue
        values[COLUMN_BY_KEY[key].field] = parsed
    staff_no = values.pop("staff_no", "")
    if not staff_no:
        return None, [*errors, Issue(row_no, "staff_no", "missing_staff_no")]
    if staff_no in first_row:
        duplicate = {"value": staff_no, "first": first_row[staff_no]}
        return None, [*errors, Issue(row_no, "staff_no", "duplicate_staff_no", duplicate)]
    first_row[staff_no] = row_no
    person = known.get(staff_no)
    schema = PersonUpdate if person else PersonCreate
    failed = {issue.field for issue in errors}
    # The date order against what a known person already has, and whatever else fails.
    birth = values.get("birth_date", person.birth_date if person else None)
    hire = values.get("hire_date", person.hire_date if person else None)
    if birth and hire and hire <= birth and not failed & {"birth_date", "hire_date"}:
        errors.append(Issue(row_no, "hire_date", "date_order"))
        failed.add("hire_date")
    try:
        checked = schema.model_validate({"staff_no": staff_no, **values})
    except ValidationError as error:
        issues = _schema_issues(error, row_no, staff_no, values)
        return None, [*errors, *(issue for issue in issues if issue.field not in failed)]
    if errors:
        return None, errors
    values = checked.model_dump(exclude_unset=True, exclude={"staff_no"})
    person_id = person.id if person else None
    return RosterRow(row=row_no, staff_no=staff_no, person_id=person_id, values=values), []


def _schema_issues(
    error: ValidationError, row_no: int, staff_no: str, values: Mapping[str, Any]
) -> list[Issue]:
    """The schema's complaints as issues, in the words of the roster (not pydantic's)."""
    issues = []
    for problem in error.errors():
        loc = problem["loc"]
        name = str(loc[0]) if loc else ""
        key = KEY_OF_FIELD.get(name, "hire_date")  # the model-level check is the date order
        kind, context = problem["type"], problem.get("ctx") or {}
        value = values.get(name, staff_no if name == "staff_no" else "")
        if kind == "missing":
            issue = Issue(row_no, key, "required", {"staff_no": staff_no})
        elif kind == "string_too_long":
            issue = Issue(
                row_no, key, "too_long", {"limit": context["max_length"], "length": len(str(value))}
            )
        elif kind in ("greater_than_equal", "greater_than"):
            issue = Issue(row_no, key, "too_small", {"limit": context.get("ge", context.get("gt"))})
        elif kind in ("less_than_equal", "less_than"):
            issue = Issue(row_no, key, "too_big", {"limit": context.get("le", context.get("lt"))})
        elif kind == "string_pattern_mismatch" and key == "staff_no":
            issue = Issue(row_no, key, "bad_staff_no", {"value": _shown(str(value))})
        elif kind == "value_error" and "after birth_date" in str(context.get("error")):
            issue = Issue(row_no, "hire_date", "date_order")
        elif kind == "value_error" and "future" in str(context.get("error")):
            issue = Issue(row_no, key, "future_date")
        else:
            issue = Issue(row_no, key, "invalid", {"detail": problem["msg"]})
        issues.append(issue)
    return issues


# --- the template ------------------------------------------------------------------------
TEMPLATE_MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
TEMPLATE_ROWS = 2000
"""Rows of the XLSX template that carry drop-down lists and cell formats."""


def template_headers(lang: str) -> list[str]:
    return [column.en if lang == "en" else column.zh for column in COLUMNS]


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
