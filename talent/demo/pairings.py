"""The mentoring history of one demo court system: active chains and ended pairings.

``PairingBook`` holds the rules every planned pairing keeps (tiers of the link, capacity,
one active mentor per link, no conflict, dates after settling in and in order), and
``plan_pairings`` fills it: the showcase chain first, then active pairings up to
``ACTIVE_SHARE`` and ended ones up to ``ENDED_PAIRINGS``, mostly within a department.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from talent.demo.draws import Draws, Weighted
from talent.demo.staff import REFERENCE_DATE, Staff
from talent.demo.texts import (
    COMPLETED_REASONS,
    DISSOLVED_REASONS,
    MENTEE_LEFT_REASON,
    MENTOR_LEFT_REASONS,
)

ACTIVE_SHARE = {"1-2": 0.35, "2-3": 0.30}
"""Share of tier-2 (tier-3) staff who already have an active mentor on the link."""

ENDED_PAIRINGS = {"1-2": 35, "2-3": 25}
"""Completed or dissolved pairings per court system."""

_COMPLETED_RATINGS = Weighted.of([(3, 0.15), (4, 0.45), (5, 0.40)])
_DISSOLVED_RATINGS = Weighted.of([(1, 0.2), (2, 0.4), (3, 0.4)])
_SCOPE_WEIGHTS = {
    # number of scopes -> weights of (department, court, intermediate court for district staff)
    2: Weighted.of([(0, 0.8), (1, 0.2)]),
    3: Weighted.of([(0, 0.7), (1, 0.25), (2, 0.05)]),
}

_SETTLING_IN = timedelta(days=30)
"""Nobody mentors or is mentored in their first month at the court."""
_ACTIVE_SINCE = timedelta(days=730)
_HISTORY = timedelta(days=6 * 365)
"""Active pairings started in the last two years; ended ones in the last six."""
_LINK_TIERS = {"1-2": (1, 2), "2-3": (2, 3)}


@dataclass(frozen=True, slots=True)
class PairingPlan:
    """A pairing to write: mentor and mentee are indices into the plan's staff."""

    mentor: int
    mentee: int
    link: str
    status: str
    start: date
    end: date | None = None
    rating: int | None = None
    reason: str | None = None


class PairingBook:
    """The pairings of one court system as they are planned, with the rules they must keep.

    An active pairing needs both people active, the link's tiers, a free slot of the
    mentor's capacity, no active pairing of the mentee on the link and no conflict. Ended
    pairings keep the tiers and the conflicts, and end before the mentee's next pairing on
    the same link starts.
    """

    def __init__(
        self, draws: Draws, staff: list[Staff], conflicts: list[tuple[int, int, str]]
    ) -> None:
        self.draws = draws
        self.staff = staff
        self.conflicted = {(min(i, j), max(i, j)) for i, j, _ in conflicts}
        self.load = [0] * len(staff)
        self.first_start: dict[tuple[int, str], date] = {}  # ended pairings end before it
        self.last_end: dict[tuple[int, str], date] = {}  # an active pairing starts after it
        self.active: dict[tuple[int, str], int] = {}
        self.rows: list[PairingPlan] = []

    def allowed(self, mentor: int, mentee: int, link: str) -> bool:
        """The link's tiers and no declared conflict: what any pairing, even ended, keeps."""
        tiers = (self.staff[mentor].tier, self.staff[mentee].tier)
        pair = (min(mentor, mentee), max(mentor, mentee))
        return tiers == _LINK_TIERS[link] and pair not in self.conflicted

    def activate(self, mentor: int, mentee: int, link: str) -> bool:
        """Add an active pairing if every rule allows it; False (nothing added) otherwise."""
        m, e = self.staff[mentor], self.staff[mentee]
        if not (m.active and e.active and self.allowed(mentor, mentee, link)):
            return False
        if self.load[mentor] >= m.capacity or (mentee, link) in self.active:
            return False
        earliest = max(m.hire, e.hire, REFERENCE_DATE - _ACTIVE_SINCE) + _SETTLING_IN
        earliest = max(earliest, self.last_end.get((mentee, link), earliest) + timedelta(days=1))
        latest = REFERENCE_DATE - timedelta(days=7)
        if earliest > latest:
            return False
        start = earliest + timedelta(days=self.draws.between(0, (latest - earliest).days))
        self.rows.append(PairingPlan(mentor, mentee, link, "active", start))
        self.load[mentor] += 1
        self.active[mentee, link] = mentor
        self.first_start[mentee, link] = min(start, self.first_start.get((mentee, link), start))
        return True

    def end(self, mentor: int, mentee: int, link: str, status: str | None = None) -> bool:
        """Add a completed or dissolved pairing, before anything the mentee has on the link."""
        m, e = self.staff[mentor], self.staff[mentee]
        if not self.allowed(mentor, mentee, link) or self.active.get((mentee, link)) == mentor:
            return False
        draws = self.draws
        days = draws.between(120, 720)
        end_by = REFERENCE_DATE - timedelta(days=14)
        end_by = min(end_by, self.first_start.get((mentee, link), end_by))
        earliest = max(m.hire, e.hire, REFERENCE_DATE - _HISTORY) + _SETTLING_IN
        latest = end_by - timedelta(days=days + 1)
        if earliest > latest:
            return False
        start = earliest + timedelta(days=draws.between(0, (latest - earliest).days))
        end = start + timedelta(days=days)
        if not m.active:
            status, reason = "dissolved", draws.pick(MENTOR_LEFT_REASONS)
        elif not e.active:
            status, reason = "dissolved", MENTEE_LEFT_REASON
        else:
            status = status or ("completed" if draws.chance(0.72) else "dissolved")
            reason = draws.pick(
                COMPLETED_REASONS[link] if status == "completed" else DISSOLVED_REASONS
            )
        rating = draws.weighted(_COMPLETED_RATINGS if status == "completed" else _DISSOLVED_RATINGS)
        self.rows.append(PairingPlan(mentor, mentee, link, status, start, end, rating, reason))
        self.first_start[mentee, link] = start
        self.last_end[mentee, link] = max(end, self.last_end.get((mentee, link), end))
        return True


def plan_pairings(
    draws: Draws, staff: list[Staff], conflicts: list[tuple[int, int, str]], demo: dict[str, int]
) -> list[PairingPlan]:
    """Active chains and ended pairings, mostly within a department, some across courts.

    Tier-1 mentors of the intermediate court also guide district staff (对口支援). The demo
    chain comes first: senior mentor -> young judge -> clerk, each with some history.
    """
    book = PairingBook(draws, staff, conflicts)
    pools: dict[tuple[str, int, int], list[int]] = {}  # (scope, key, tier) -> people
    for i, p in enumerate(staff):
        pools.setdefault(("dept", p.dept, p.tier), []).append(i)
        pools.setdefault(("court", p.court, p.tier), []).append(i)

    def mentors_for(mentee: int, tier: int) -> list[list[int]]:
        e = staff[mentee]
        scopes = [pools.get(("dept", e.dept, tier), []), pools.get(("court", e.court, tier), [])]
        if tier == 1 and e.court != 0:
            scopes.append(pools.get(("court", 0, tier), []))
        return scopes

    def candidates(mentee: int, tier: int) -> Iterator[int]:
        """A few mentors to try, by scope: the department mostly, the court, then 对口支援.

        Callers stop at the first one the book accepts (``any`` short-circuits).
        """
        scopes = mentors_for(mentee, tier)
        for _ in range(12):
            scope = scopes[draws.weighted(_SCOPE_WEIGHTS[len(scopes)])]
            if scope:
                yield draws.pick(scope)

    senior, young = demo["senior_mentor"], demo["young_mentor"]
    senior_dept = staff[senior].dept
    young_dept = staff[young].dept
    book.activate(senior, young, "1-2")
    colleagues = [i for i in pools[("dept", senior_dept, 2)] if i != young and staff[i].active]
    book.activate(senior, colleagues[0], "1-2")
    book.end(senior, colleagues[-1], "1-2", "completed")
    clerks = [i for i in pools[("dept", young_dept, 3)] if staff[i].active]
    clerks.sort(key=lambda i: (staff[i].hire, i))
    book.activate(young, clerks[0], "2-3")
    book.end(young, clerks[-1], "2-3", "completed")

    for link, mentor_tier in (("1-2", 1), ("2-3", 2)):
        pool = [i for i, p in enumerate(staff) if p.tier == mentor_tier + 1 and p.active]
        wanted = round(ACTIVE_SHARE[link] * len(pool))
        paired = sum(1 for i in pool if (i, link) in book.active)
        for mentee in draws.sample(pool, len(pool)):
            if paired == wanted:
                break
            if (mentee, link) not in book.active:
                paired += any(
                    book.activate(m, mentee, link) for m in candidates(mentee, mentor_tier)
                )
    for link, mentor_tier in (("1-2", 1), ("2-3", 2)):
        mentees = [i for i, p in enumerate(staff) if p.tier == mentor_tier + 1]
        made = 0
        for _ in range(ENDED_PAIRINGS[link] * 10):
            if made == ENDED_PAIRINGS[link]:
                break
            mentee = draws.pick(mentees)
            made += any(book.end(m, mentee, link) for m in candidates(mentee, mentor_tier))
    return book.rows
