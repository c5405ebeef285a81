"""The ground every part of the reserve demo stands on: one court system and its draws.

A :class:`CourtSystem` is an intermediate court with its district courts, the people of
the loaded roster in it, and the one random generator (``PCG64([seed, 7, k])`` for court
system ``k``) that every later part draws from, in a fixed order; that shared stream and
order is what makes a seed give the same rows. Also here: the demo actor, the default
policy the demo judges by (not the file in force, so a seed gives the same data), and the
two small helpers the record writers share (an ``executemany`` insert, a random day).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import insert
from sqlmodel import Session, SQLModel

from models import Person, Unit
from talent.audit import Actor, Entry
from talent.reserve.policy import Policy

DEMO = Actor(None, "demo")
POLICY = Policy()


def insert_rows(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> int:
    """Insert ``rows`` into ``model``'s table in one executemany; return how many."""
    if rows:
        session.execute(insert(model), rows)
    return len(rows)


def random_day(rng: np.random.Generator, first: date, last: date) -> date:
    """A day drawn uniformly from ``first`` to ``last`` (``first`` if ``last`` is earlier)."""
    return first + timedelta(days=int(rng.integers(0, max(1, (last - first).days + 1))))


class CourtSystem:
    """One court system: its people, units and the draws that shape them."""

    def __init__(
        self,
        root: Unit,
        units: dict[int, Unit],
        people: list[Person],
        seed: int,
        k: int,
        journal: list[Entry],
    ):
        self.root = root
        self.units = units
        self.people = people
        self.rng = np.random.default_rng(np.random.PCG64([seed, 7, k]))
        self.journal = journal  # the pool's audit entries: the load is audited as one event
        self.cadres = [p for p in people if p.tier in (1, 2) and p.active]
        # a latent merit per cadre drives grades, metrics and honours alike
        self.merit = {p.id: float(self.rng.normal()) for p in self.cadres}

    def court(self, person: Person) -> Unit:
        """The court (not the department) the person works in."""
        unit = self.units[person.unit_id]
        while unit.kind == "department" and unit.parent_id is not None:
            unit = self.units[unit.parent_id]
        return unit

    def parent(self, department: Unit) -> Unit:
        """The unit a department hangs under (a department always has one)."""
        assert department.parent_id is not None
        return self.units[department.parent_id]

    def unit_name(self, person: Person) -> str:
        """The name of the person's own unit."""
        return self.units[person.unit_id].name


def system_roots(units: dict[int, Unit]) -> dict[int, int]:
    """Unit id -> the id of its court system's root (the top of its tree)."""
    roots = {}
    for unit_id in units:
        unit = units[unit_id]
        while unit.parent_id is not None:
            unit = units[unit.parent_id]
        roots[unit_id] = unit.id
    return roots
