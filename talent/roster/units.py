"""The court tree: units, and lookups over it (a unit's court)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models import Unit, UnitKind
from models.schemas import UnitCreate
from talent import audit
from talent.audit import Actor
from talent.errors import NotFound, RuleViolation

# Which kind of unit may hang under which (None: a root).
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    UnitKind.intermediate_court: {None},
    UnitKind.basic_court: {None, UnitKind.intermediate_court},
    UnitKind.department: {UnitKind.intermediate_court, UnitKind.basic_court, UnitKind.department},
}


def create_unit(session: Session, *, body: UnitCreate, actor: Actor) -> Unit:
    parent = None
    if body.parent_id is not None:
        parent = session.get(Unit, body.parent_id)
        if parent is None:
            raise NotFound("unit", body.parent_id)
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[body.kind]:
        raise RuleViolation(
            "unit_tree",
            f"a {body.kind} cannot sit under {parent_kind or 'nothing'}",
            parent_id=body.parent_id,
        )
    duplicate = session.exec(
        select(Unit).where(Unit.name == body.name, Unit.parent_id == body.parent_id)
    ).first()
    if duplicate:
        raise RuleViolation("duplicate_unit", f"unit '{body.name}' already exists there")
    unit = Unit.model_validate(body.model_dump())
    session.add(unit)
    session.flush()
    audit.record(
        session, actor=actor, action="unit.create", entity="unit", entity_id=unit.id, after=unit
    )
    session.commit()
    session.refresh(unit)
    return unit


def list_units(session: Session) -> list[Unit]:
    return list(session.exec(select(Unit).order_by(col(Unit.id))).all())


def court_of(units: dict[int, Unit], unit_id: int) -> int:
    """The court a unit belongs to (itself when it is a court)."""
    unit = units[unit_id]
    while unit.kind == UnitKind.department and unit.parent_id is not None:
        unit = units[unit.parent_id]
    return unit.id


def units_by_id(session: Session) -> dict[int, Unit]:
    return {u.id: u for u in list_units(session)}


def unit_and_descendants(
    session: Session, unit_id: int, *, subordinate_courts: bool = False
) -> list[int]:
    """A unit and its own departments: the one meaning of a unit's scope.

    A court is that court and the departments under it; the courts under it (an
    intermediate court's district courts) and their departments come in only with
    ``subordinate_courts``. A department is itself and its sub-departments.
    """
    return units_in_scope(session, [unit_id], subordinate_courts=subordinate_courts)


def units_in_scope(
    session: Session, unit_ids: list[int], *, subordinate_courts: bool = False
) -> list[int]:
    """The units of :func:`unit_and_descendants` for each of ``unit_ids``, sorted, once each."""
    return scope_in(units_by_id(session), unit_ids, subordinate_courts=subordinate_courts)


def scope_in(
    units: dict[int, Unit], unit_ids: list[int], *, subordinate_courts: bool = False
) -> list[int]:
    """:func:`units_in_scope` over a loaded unit tree."""
    children: dict[int | None, list[Unit]] = {}
    for unit in units.values():
        children.setdefault(unit.parent_id, []).append(unit)
    found: set[int] = set()
    stack = list(unit_ids)
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(
            child.id
            for child in children.get(current, [])
            if subordinate_courts or child.kind == UnitKind.department
        )
    return sorted(found)


def subordinate_courts_of(units: dict[int, Unit], unit_ids: list[int]) -> list[Unit]:
    """The courts under ``unit_ids`` (at any depth): what ``subordinate_courts`` adds."""
    own = set(scope_in(units, unit_ids))
    return [
        units[u]
        for u in scope_in(units, unit_ids, subordinate_courts=True)
        if u not in own and units[u].kind != UnitKind.department
    ]
