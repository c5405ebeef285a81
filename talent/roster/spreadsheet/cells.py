"""Parsing one cell: text, dates, whole numbers, the coded vocabularies, names, staff numbers.

A parser takes what a CSV or XLSX cell holds (text, a number, a date, a time) and returns
the person field's value, or raises ``CellError`` naming the message. Parsers know nothing
of rows, units or the database, so each written form is tested on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

from openpyxl.utils.datetime import from_excel

SHOWN_VALUE_CHARS = 40
"""Longest cell text quoted in a message; longer text is cut, with an ellipsis."""

Cell = str | int | float | bool | date | datetime | time | None
"""What a cell holds: text from a CSV, or the value openpyxl reads from an XLSX."""


class CellError(ValueError):
    """A cell that does not parse; ``code`` and ``params`` pick and fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(value: Cell) -> bool:
    """An empty cell: nothing, or only spaces (such a cell leaves the stored value as it is)."""
    return value is None or (isinstance(value, str) and not value.strip())


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


def shown(text: str) -> str:
    """A cell's text as quoted in a message: cut to ``SHOWN_VALUE_CHARS`` with an ellipsis."""
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
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
        and int(value) in _EXCEL_SERIALS
    ):
        return from_excel(int(value)).date()
    text = unicodedata.normalize("NFKC", cell_text(value))
    try:
        if text.isdecimal() and len(text) <= 5 and int(text) in _EXCEL_SERIALS:
            return from_excel(int(text)).date()
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
