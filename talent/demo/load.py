"""``talent demo``: load a deterministic, realistic Wuhai-like court system.

At scale 1 the data set is the Wuhai court system of the reference article: the
intermediate court and the three district courts with their departments and 443 staff in
the three tiers, a skills graph, skill levels with targets, a few conflicts of interest,
mentoring history (active chains and ended pairings) and one demo account per role; on
top of it the reserve pool (``talent.demo.reserve.load``) and the last year's guidance logs,
goals, skill growth and cadence (``talent.demo.mentoring``).
``scale=N`` loads N copies of the whole system (copy k's courts carry the suffix ``(k)``),
which multiplies every count by N and keeps every proportion: that is the benchmark set.

This module only orchestrates the load; each part has its own module:

- ``talent.demo.plan``: one court system planned in memory, from its own generator;
  it calls ``demo_staff`` (posts, people, status, capacities), ``demo_skills`` (levels
  and targets), ``demo_person_texts`` (expertise and goals), ``demo_conflicts`` and
  ``demo_pairings`` (the mentoring history);
- ``talent.demo.rows``: the skills taxonomy and each planned system written as rows;
- ``talent.demo.accounts``: the demo login accounts.

Notes
-----
Every draw comes from ``numpy.random.Generator(PCG64([seed, k]))`` for copy ``k``, so a
seed and a reference date give the same database, and copy 1 is the same at any scale.
Dates count back from the reference date (the day of loading by default), so what the
demo shows "today" (quiet pairings, the re-match queue, ages) is the same whenever it is
loaded. Rows are written with Core ``executemany`` inserts
(one statement per table and copy), which is what makes 50,000 people load in seconds.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlmodel import Session, select

from models import Person, utcnow
from talent import clock
from talent.audit import Actor, record
from talent.db import write_lock
from talent.demo.accounts import write_accounts
from talent.demo.mentoring import load_mentoring_demo
from talent.demo.plan import plan_copy
from talent.demo.reserve.load import load_reserve_demo
from talent.demo.rows import Counts, write_copy, write_skills
from talent.demo.staff import REFERENCE_DATE
from talent.errors import InvalidInput, RuleViolation

__all__ = ["REFERENCE_DATE", "DemoSummary", "has_data", "load_demo"]


@dataclass(frozen=True)
class DemoSummary:
    """What ``load_demo`` wrote: row counts and the wall-clock time it took."""

    units: int
    people: int
    skills: int
    relations: int
    person_skills: int
    conflicts: int
    pairings: int
    users: int
    guidance_logs: int
    seconds: float


def has_data(session: Session) -> bool:
    """Whether the roster has anyone in it (the demo loads only into an empty roster)."""
    return session.exec(select(Person.id).limit(1)).first() is not None


def load_demo(
    session: Session, *, scale: int = 1, seed: int = 2024, reference_date: date | None = None
) -> DemoSummary:
    """Load the demo court system ``scale`` times over into an empty roster.

    Every date counts back from ``reference_date`` (default: the court's today, so a demo
    loaded any day shows the same quiet pairings, ages and queues; tests pass
    :data:`REFERENCE_DATE` to get the same rows every day).

    Writes units, people, skills and relations, skill levels, conflicts, pairings and the
    demo accounts, the reserve pool (``talent.demo.reserve.load``) and a year of mentoring
    history (``talent.demo.mentoring``), then one ``demo.load`` audit event with the counts
    of all three. Does not commit: the caller commits (or rolls back) the whole load.

    Raises RuleViolation ``demo_exists`` if people exist already, InvalidInput for a scale
    below 1.
    """
    if scale < 1:
        raise InvalidInput("scale", "scale must be at least 1", scale=scale)
    started = time.perf_counter()
    write_lock(session, "demo")
    if has_data(session):
        raise RuleViolation(
            "demo_exists", "the roster already has people; the demo loads only into an empty one"
        )
    today = reference_date or clock.today()
    now = utcnow()
    conn = session.connection()
    skill_ids, relations = write_skills(conn)
    counts = Counts()
    linked: dict[str, int] = {}
    for copy in range(1, scale + 1):
        plan = plan_copy(copy, seed, today)
        ids = write_copy(conn, plan, skill_ids, now, counts)
        if copy == 1:
            linked = {key: ids[index] for key, index in plan.demo_people.items()}
    users = write_accounts(conn, linked, now)
    reserve_counts = load_reserve_demo(session, seed=seed, reference_date=today, audit_event=False)
    mentoring_counts = load_mentoring_demo(
        session,
        seed=seed,
        reference_date=today,
        quiet_mentor=linked.get("enforcement_head"),
        audit_event=False,
    )
    summary = DemoSummary(
        units=counts.units,
        people=counts.people,
        skills=len(skill_ids),
        relations=relations,
        person_skills=counts.person_skills,
        conflicts=counts.conflicts,
        pairings=counts.pairings,
        users=users,
        guidance_logs=mentoring_counts["logs"],
        seconds=0.0,
    )
    after = {k: v for k, v in asdict(summary).items() if k != "seconds"} | {
        "scale": scale,
        "seed": seed,
        "reference_date": today.isoformat(),
        "reserve": reserve_counts,
        "mentoring": mentoring_counts,
    }
    record(session, actor=Actor(None, "demo"), action="demo.load", entity="demo", after=after)
    return replace(summary, seconds=round(time.perf_counter() - started, 3))
