"""One demo court system planned in memory, from its own random generator.

Runs the planners in a fixed order (staff, status, skills, texts, conflicts, pairings) on
``numpy.random.Generator(PCG64([seed, copy]))``: the order of the draws is what makes a
seed give the same data, so it is set here and nowhere else. ``talent.demo.rows`` then
gives the plan ids.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from talent.demo.conflicts import plan_conflicts
from talent.demo.draws import Draws
from talent.demo.pairings import PairingPlan, plan_pairings
from talent.demo.person_texts import expertise_text, goals_text
from talent.demo.skills import assign_skills
from talent.demo.staff import (
    REFERENCE_DATE,
    Staff,
    assign_status,
    demo_people,
    department_roles,
    new_staff,
)
from talent.demo.texts import COURTS, PROFILES, DepartmentSpec


@dataclass
class CopyPlan:
    """One court system, planned in memory; ``talent.demo.rows.write_copy`` gives it ids."""

    copy: int
    departments: list[tuple[int, DepartmentSpec]]
    staff: list[Staff]
    conflicts: list[tuple[int, int, str]]
    pairings: list[PairingPlan]
    demo_people: dict[str, int]


def plan_copy(copy: int, seed: int, today: date = REFERENCE_DATE) -> CopyPlan:
    """Plan court system ``copy`` (1-based) from its own generator, as of ``today``.

    The plan is drawn as of :data:`REFERENCE_DATE` and every date moved by the days from
    it to ``today``: the same people, ages, pairings and gaps whatever the day of loading.
    """
    draws = Draws(np.random.Generator(np.random.PCG64([seed, copy])))
    departments: list[tuple[int, DepartmentSpec]] = []
    staff: list[Staff] = []
    seen: set[str] = set()
    for court_index, court in enumerate(COURTS):
        for spec in court.departments:
            profile = PROFILES[spec.key]
            for role in department_roles(profile.family, spec.headcount):
                staff.append(new_staff(draws, court_index, len(departments), role, profile, seen))
            departments.append((court_index, spec))
    demo = demo_people(staff, departments)
    assign_status(draws, staff, departments, demo)
    for person in staff:
        spec = departments[person.dept][1]
        profile = PROFILES[spec.key]
        assign_skills(draws, person, profile)
        person.expertise = expertise_text(draws, person, profile, spec)
        person.goals = goals_text(draws, person, profile)
    conflicts = plan_conflicts(draws, staff, departments, set(demo.values()))
    pairings = plan_pairings(draws, staff, conflicts, demo)
    shift = today - REFERENCE_DATE
    if shift:
        for person in staff:
            person.birth, person.hire = person.birth + shift, person.hire + shift
        pairings = [
            replace(p, start=p.start + shift, end=p.end + shift if p.end else None)
            for p in pairings
        ]
    return CopyPlan(copy, departments, staff, conflicts, pairings, demo)
