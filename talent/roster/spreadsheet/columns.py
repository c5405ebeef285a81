"""The roster's columns: what each one sets, the headers it answers to, header matching.

One table, ``COLUMNS``, holds the roster's shape: the template's headers and notes, the
mapping of a file's header row to column keys, and the order issues are listed in all
come from it, so a new column or a new alias is one change in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


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
