"""The roster import use case: check a roster file, then upsert its people in one transaction.

All or nothing: if ``talent.roster.spreadsheet`` finds any error, nothing is written. A dry run
writes the people inside the transaction (so the database's own constraints are checked
too) and rolls back, reporting the same counts and errors as the real import would.

Notes
-----
Every created or changed person leaves a ``person.create`` / ``person.update`` audit
event with before and after, the same as ``talent.roster.people``; a row that changes
nothing leaves none and counts as ``unchanged``. One ``person.import`` event sums up the
import (file digest, counts). A dry run writes no audit events: it rolls back anyway, and
taking the audit lock would only hold up other writers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, col, select

from models import DEFAULT_CAPACITY_BY_TIER, Person, Unit, utcnow
from models.schemas import ImportError_, ImportResult
from talent import audit
from talent.audit import Actor
from talent.errors import InvalidInput, RuleViolation
from talent.roster import spreadsheet
from talent.roster.spreadsheet import Issue, KnownPerson, RosterRow, UnitDirectory, UnitRecord

MAX_REPORTED_ERRORS = 1000
"""Errors listed in one result; ``error_count`` says how many there were in all."""
AUDIT_CHUNK = 500
LOOKUP_CHUNK = 900
"""staff_no values per ``IN (...)`` query: under SQLite's older 999-parameter limit."""

ImportProgress = Callable[[str, int, int], None]
"""``progress(phase, done, total)`` with phase 'check' or 'write'."""


class RosterImportResult(ImportResult):
    """``ImportResult`` plus what a planner also wants to see: unchanged rows, warnings, totals."""

    unchanged: int = 0
    error_count: int = 0
    warnings: list[ImportError_] = Field(default_factory=list)


def import_roster(
    session: Session,
    *,
    content: bytes,
    actor: Actor,
    filename: str | None = None,
    dry_run: bool = False,
    lang: str = "zh",
    progress: ImportProgress | None = None,
) -> RosterImportResult:
    """Check ``content`` (CSV or XLSX bytes) and upsert its people by staff_no.

    Returns the counts (0 created and 0 updated whenever there are errors: nothing was
    written) with every error and warning rendered in ``lang``. Raises ``InvalidInput``
    on ``file`` when the content is not a roster table at all (empty, not CSV/XLSX, no
    header row with 工号), and ``RuleViolation`` 'roster_changed' when another writer took
    one of the file's staff numbers between the check and the write.
    """
    try:
        table = spreadsheet.read_table(content)
    except spreadsheet.UnreadableRoster as error:
        raise InvalidInput("file", error.issue.message(lang)) from error
    units = UnitDirectory(
        UnitRecord(id=u.id, name=u.name, parent_id=u.parent_id, name_en=u.name_en)
        for u in session.exec(select(Unit)).all()
    )
    people = _people_by_staff_no(session, _staff_nos(table))
    known = {
        staff_no: KnownPerson(id=p.id, birth_date=p.birth_date, hire_date=p.hire_date)
        for staff_no, p in people.items()
    }
    check = spreadsheet.check_roster(
        table,
        units=units,
        known=known,
        progress=(lambda done, total: progress("check", done, total)) if progress else None,
    )
    if check.errors:
        session.rollback()
        return _result(errors=check.errors, warnings=check.warnings, dry_run=dry_run, lang=lang)
    try:
        created, updated, unchanged = _apply(
            session, check.rows, people, actor=actor, dry_run=dry_run, progress=progress
        )
    except IntegrityError as error:  # someone took a staff_no between the check and the write
        session.rollback()
        message = spreadsheet.message("concurrent_change", lang)
        raise RuleViolation("roster_changed", message) from error
    if dry_run:
        session.rollback()
    else:
        audit.record(
            session,
            actor=actor,
            action="person.import",
            entity="person",
            after={
                "file": filename,
                "sha256": hashlib.sha256(content).hexdigest(),
                "rows": len(check.rows),
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
            },
        )
        session.commit()
    return _result(
        created=created,
        updated=updated,
        unchanged=unchanged,
        warnings=check.warnings,
        dry_run=dry_run,
        lang=lang,
    )


def _staff_nos(table: spreadsheet.RosterTable) -> set[str]:
    return {
        spreadsheet.parse_staff_no(cells["staff_no"])
        for _, cells in table.rows
        if not spreadsheet.is_blank(cells.get("staff_no"))
    }


def _people_by_staff_no(session: Session, staff_nos: Iterable[str]) -> dict[str, Person]:
    wanted = sorted(staff_nos)
    found: dict[str, Person] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        for person in session.exec(select(Person).where(col(Person.staff_no).in_(chunk))).all():
            found[person.staff_no] = person
    return found


def _apply(
    session: Session,
    rows: list[RosterRow],
    people: dict[str, Person],
    *,
    actor: Actor,
    dry_run: bool,
    progress: ImportProgress | None,
) -> tuple[int, int, int]:
    """Add and change the people; one flush for all of them, then one audit event each."""
    now = utcnow()
    created: list[Person] = []
    updated: list[tuple[Person, dict]] = []
    for row in rows:
        if row.person_id is None:
            values = {"mentor_capacity": DEFAULT_CAPACITY_BY_TIER[row.values["tier"]], **row.values}
            person = Person(staff_no=row.staff_no, **values)
            session.add(person)
            created.append(person)
            continue
        person = people[row.staff_no]
        changes = {
            name: value for name, value in row.values.items() if getattr(person, name) != value
        }
        if changes:
            before = person.model_dump()
            for name, value in changes.items():
                setattr(person, name, value)
            person.updated_at = now
            session.add(person)
            updated.append((person, before))
    session.flush()
    total = len(created) + len(updated)
    if not dry_run:
        entries = [audit.Entry("person.create", "person", p.id, None, p) for p in created] + [
            audit.Entry("person.update", "person", p.id, b, p) for p, b in updated
        ]
        for start in range(0, len(entries), AUDIT_CHUNK):
            audit.record_many(session, actor=actor, entries=entries[start : start + AUDIT_CHUNK])
            if progress is not None:
                progress("write", min(start + AUDIT_CHUNK, total), total)
    elif progress is not None:
        progress("write", total, total)
    return len(created), len(updated), len(rows) - len(created) - len(updated)


def _result(
    *,
    created: int = 0,
    updated: int = 0,
    unchanged: int = 0,
    errors: list[Issue] | None = None,
    warnings: list[Issue],
    dry_run: bool,
    lang: str,
) -> RosterImportResult:
    errors = errors or []
    return RosterImportResult(
        created=created,
        updated=updated,
        unchanged=unchanged,
        errors=[issue.render(lang) for issue in errors[:MAX_REPORTED_ERRORS]],
        error_count=len(errors),
        warnings=[issue.render(lang) for issue in warnings],
        dry_run=dry_run,
    )
