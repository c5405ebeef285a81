"""Write the demo as rows: the skills taxonomy, then each planned court system.

Core ``executemany`` inserts, one statement per table and court system (``RETURNING`` the
ids in parameter order where later rows need them), which is what makes 50,000 people
load in seconds; ORM objects would take minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

from models import Conflict, Pairing, Person, PersonSkill, Skill, SkillRelation, Unit
from talent.db import table_of
from talent.demo.plan import CopyPlan
from talent.demo.staff import Staff
from talent.demo.texts import COURTS, RELATIONS, SKILLS


def _insert_returning_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one executemany and return their ids in the order of ``rows``."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in conn.execute(statement, rows)]


def write_skills(conn: Connection) -> tuple[dict[str, int], int]:
    """The taxonomy (parents first) and its relations; returns code -> id and the relation count."""
    ids: dict[str, int] = {}
    remaining = list(SKILLS)
    while remaining:
        ready = [s for s in remaining if s[4] is None or s[4] in ids]
        rows = [
            dict(
                code=code,
                name=name,
                name_en=name_en,
                category=category,
                parent_id=ids.get(parent or ""),
            )
            for code, name, name_en, category, parent in ready
        ]
        new_ids = _insert_returning_ids(conn, table_of(Skill), rows)
        ids.update(zip((s[0] for s in ready), new_ids, strict=True))
        remaining = [s for s in remaining if s not in ready]
    relations = [
        dict(skill_a_id=min(ids[a], ids[b]), skill_b_id=max(ids[a], ids[b]), weight=weight)
        for a, b, weight in RELATIONS
    ]
    conn.execute(insert(table_of(SkillRelation)), relations)
    return ids, len(relations)


@dataclass
class Counts:
    """Rows written so far, summed over the court systems (for ``DemoSummary``)."""

    units: int = 0
    people: int = 0
    person_skills: int = 0
    conflicts: int = 0
    pairings: int = 0


def _write_units(conn: Connection, plan: CopyPlan, now: datetime) -> tuple[list[int], list[int]]:
    """The courts (the intermediate court first, as the others' parent) and departments."""
    suffix = "" if plan.copy == 1 else f"({plan.copy})"
    court_ids: list[int] = []
    for court in COURTS:
        row = dict(
            name=court.name + suffix,
            name_en=court.name_en + suffix,
            kind=court.kind,
            parent_id=court_ids[0] if court_ids else None,
            created_at=now,
        )
        court_ids += _insert_returning_ids(conn, table_of(Unit), [row])
    rows = [
        dict(
            name=spec.name,
            name_en=spec.name_en,
            kind="department",
            parent_id=court_ids[court],
            created_at=now,
        )
        for court, spec in plan.departments
    ]
    return court_ids, _insert_returning_ids(conn, table_of(Unit), rows)


def _person_row(person: Staff, staff_no: str, unit_id: int, now: datetime) -> dict[str, Any]:
    return dict(
        staff_no=staff_no,
        name=person.name,
        gender=person.gender,
        birth_date=person.birth,
        hire_date=person.hire,
        unit_id=unit_id,
        position=person.position,
        tier=person.tier,
        mentor_capacity=person.capacity,
        expertise=person.expertise,
        goals=person.goals,
        is_business_leader=person.business_leader,
        is_expert_judge=person.expert,
        active=person.active,
        created_at=now,
        updated_at=now,
    )


def write_copy(
    conn: Connection, plan: CopyPlan, skill_ids: dict[str, int], now: datetime, counts: Counts
) -> list[int]:
    """Write one planned court system; returns the person ids in plan order."""
    court_ids, dept_ids = _write_units(conn, plan, now)
    serial = [0] * len(COURTS)
    people_rows = []
    for person in plan.staff:
        serial[person.court] += 1
        prefix = COURTS[person.court].staff_prefix + ("" if plan.copy == 1 else str(plan.copy))
        staff_no = f"{prefix}-{serial[person.court]:04d}"
        people_rows.append(_person_row(person, staff_no, dept_ids[person.dept], now))
    ids = _insert_returning_ids(conn, table_of(Person), people_rows)
    skill_rows = [
        dict(
            person_id=ids[i],
            skill_id=skill_ids[code],
            level=level,
            target_level=target,
            updated_at=now,
        )
        for i, person in enumerate(plan.staff)
        for code, (level, target) in person.skills.items()
    ]
    conflict_rows = [
        dict(
            person_a_id=min(ids[i], ids[j]),
            person_b_id=max(ids[i], ids[j]),
            reason=reason,
            created_at=now,
        )
        for i, j, reason in plan.conflicts
    ]
    pairing_rows = [
        dict(
            mentor_id=ids[p.mentor],
            mentee_id=ids[p.mentee],
            link=p.link,
            status=p.status,
            start_date=p.start,
            end_date=p.end,
            outcome_rating=p.rating,
            end_reason=p.reason,
            created_at=now,
        )
        for p in plan.pairings
    ]
    for model, rows in (
        (PersonSkill, skill_rows),
        (Conflict, conflict_rows),
        (Pairing, pairing_rows),
    ):
        if rows:
            conn.execute(insert(table_of(model)), rows)
    counts.units += len(court_ids) + len(dept_ids)
    counts.people += len(ids)
    counts.person_skills += len(skill_rows)
    counts.conflicts += len(conflict_rows)
    counts.pairings += len(pairing_rows)
    return ids
