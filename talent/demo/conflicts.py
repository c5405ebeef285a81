"""Declared conflicts of interest in one demo court system: kin and a shared case.

Planned after the staff and before the pairings, because a conflict forbids a pairing;
kin take the family surname, so this step may rename a planned person.
"""

from __future__ import annotations

from collections.abc import Callable

from talent.demo.draws import Draws
from talent.demo.staff import JUDGE_ROLES, REFERENCE_DATE, Staff
from talent.demo.texts import (
    CASE_CONFLICT,
    COURTS,
    KIN_CONFLICT,
    PARENT_RELATIONS,
    PROFILES,
    SIBLING_RELATIONS,
    SPOUSE_CONFLICT,
    DepartmentSpec,
)

Fits = Callable[[Staff, Staff], bool]


def plan_conflicts(
    draws: Draws,
    staff: list[Staff],
    departments: list[tuple[int, DepartmentSpec]],
    protected: set[int],
) -> list[tuple[int, int, str]]:
    """About ten declared conflicts: spouses, parents and children, siblings, a shared case.

    Most join adjacent tiers of one court, where they would otherwise be candidate pairs.
    Fathers' children and younger siblings take the family surname (Han names only).
    """
    people = [i for i, p in enumerate(staff) if p.active and i not in protected]
    by_court: dict[int, list[int]] = {}
    for i in people:
        by_court.setdefault(staff[i].court, []).append(i)
    conflicts: list[tuple[int, int, str]] = []
    involved: set[int] = set()

    def find(count: int, first: list[int], same_court: bool, fits: Fits) -> list[tuple[int, int]]:
        """Up to ``count`` pairs (i from ``first``) that ``fits``, each person in one conflict."""
        found: list[tuple[int, int]] = []
        for _ in range(count * 300):
            if len(found) == count or not first:
                break
            i = draws.pick(first)
            j = draws.pick(by_court[staff[i].court] if same_court else people)
            if i != j and not {i, j} & involved and fits(staff[i], staff[j]):
                involved.update((i, j))
                found.append((i, j))
        return found

    def spouses(a: Staff, b: Staff) -> bool:
        return a.gender != b.gender and abs(a.age - b.age) <= 6 and abs(a.tier - b.tier) == 1

    def parent_child(a: Staff, b: Staff) -> bool:
        return b.tier > 1 and 22 <= a.age - b.age <= 36

    def siblings(a: Staff, b: Staff) -> bool:
        return 1 <= abs(a.age - b.age) <= 8 and abs(a.tier - b.tier) <= 1

    for i, j in find(4, [i for i in people if staff[i].tier < 3], True, spouses):
        conflicts.append((i, j, SPOUSE_CONFLICT))
    parents = [i for i in people if staff[i].tier == 1 and staff[i].age >= 48]
    for i, j in find(2, parents, False, parent_child):
        parent, child = staff[i], staff[j]
        if parent.gender == "male" and parent.surname and child.surname:
            child.surname = parent.surname
        relation = PARENT_RELATIONS[parent.gender, child.gender]
        conflicts.append((i, j, KIN_CONFLICT.format(relation=relation)))
    for i, j in find(1, people, False, siblings):
        older, younger = sorted((staff[i], staff[j]), key=lambda p: -p.age)
        if older.surname and younger.surname:
            younger.surname = older.surname
        relation = SIBLING_RELATIONS[older.gender, younger.gender]
        conflicts.append((i, j, KIN_CONFLICT.format(relation=relation)))
    handlers = [
        i for i in people if staff[i].tier < 3 and staff[i].role in JUDGE_ROLES | {"officer"}
    ]
    for i, j in find(3, handlers, True, lambda a, b: abs(a.tier - b.tier) == 1):
        court, spec = departments[staff[i].dept]
        kind = PROFILES[spec.key].case_kind
        if court == 0 and kind == "民初":
            kind = "民终"
        reason = CASE_CONFLICT.format(
            year=draws.between(2021, REFERENCE_DATE.year),
            code=COURTS[court].case_code,
            kind=kind,
            no=draws.between(100, 4999),
        )
        conflicts.append((i, j, reason))
    return conflicts
