"""Bytes to a ``RosterTable``: telling CSV from XLSX, decoding, finding the header row.

Only the file's shape is checked here (its size, format and encoding, the header row,
duplicate, unknown and unnamed columns); cells stay as the file holds them, for
``checking`` to parse. A file that is no table at all raises ``UnreadableRoster``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import openpyxl
from openpyxl.utils import get_column_letter

from talent.roster.spreadsheet.cells import Cell, cell_text, is_blank, shown
from talent.roster.spreadsheet.columns import HEADER_ALIASES, IGNORED_HEADERS, header_key
from talent.roster.spreadsheet.messages import Issue, message

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest roster file accepted (10 MiB): the HTTP layer answers 413 above it."""
MAX_ROWS = 50_000
"""Most data rows in one import: one transaction, and a bound on what a small XLSX unpacks to."""
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024
"""An XLSX whose parts unpack to more than this is refused before openpyxl reads it."""
HEADER_SEARCH_ROWS = 10
"""The header may sit below a title line; it is looked for in this many first rows."""


class UnreadableRoster(Exception):
    """The file cannot be read as a table at all (empty, not CSV/XLSX, no header row)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(message(code, "en", **params))
        self.issue = Issue(0, "file", code, params)


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
        sheet.reset_dimensions()
        lines: list[Line] = []
        for row_no, values in enumerate(sheet.iter_rows(values_only=True), 1):
            _keep(lines, row_no, values)  # type: ignore[arg-type]  # openpyxl types values as any cell content (formulas, rich text); data_only reads give plain values, odd ones (Decimal, timedelta) read as text
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
        raise UnreadableRoster("no_header", rows=HEADER_SEARCH_ROWS, first=shown(first))
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
