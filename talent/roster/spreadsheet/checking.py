"""Checking a ``RosterTable`` row by row into typed person fields, or issues.

Each cell is parsed (``cells``, ``units``), then the row is validated by the schema the API
uses: ``PersonCreate`` for a new staff_no, ``PersonUpdate`` for a known one, so a file and
the API cannot disagree on what a person may be. The schema's complaints are put back in
the roster's words, against the row and column the planner sees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from models.schemas import PersonCreate, PersonUpdate
from talent.roster.spreadsheet.cells import PARSERS, Cell, CellError, cell_text, is_blank, shown
from talent.roster.spreadsheet.columns import COLUMN_BY_KEY, COLUMN_ORDER, KEY_OF_FIELD
from talent.roster.spreadsheet.messages import Issue
from talent.roster.spreadsheet.reading import RosterTable
from talent.roster.spreadsheet.units import UnitDirectory

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` every 500 rows checked and after the last one."""


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
    """The rows to apply, the errors that keep the whole file out, and the warnings."""

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
                Issue(row_no, key, error.code, {"value": shown(cell_text(raw)), **error.params})
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
            issue = Issue(row_no, key, "bad_staff_no", {"value": shown(str(value))})
        elif kind == "value_error" and "after birth_date" in str(context.get("error")):
            issue = Issue(row_no, "hire_date", "date_order")
        elif kind == "value_error" and "future" in str(context.get("error")):
            issue = Issue(row_no, key, "future_date")
        else:
            issue = Issue(row_no, key, "invalid", {"detail": problem["msg"]})
        issues.append(issue)
    return issues
