"""Reserve-pool demo data on top of a loaded demo roster (``talent.demo.load.load_demo``).

Per court system (each intermediate court with its district courts), from the roster
already in the database:

- five years of annual assessments for tier-1/2 staff (优秀 for about a fifth each year,
  a few 基本称职), with common and post-specific scores against four post standards;
- three years of case-work metrics for the judicial departments' tier-1/2 staff;
- training records for everyone (about 70-90 hours a year), recognitions for the trial
  business leaders and the expert judge the roster flags, provincial awards, skills
  competitions and Haibowan's 海法星, secondments (挂职) and paired support (对口支援);
- two review cycles: last year's admits about thirty nominees; during this year a few
  are listed for inspection, two appointed, one removed; this year's cycle flags the
  members who no longer meet the default policy (aged out, a 基本称职, an open
  negative-list item), exits them, retains the rest and admits this year's nominees,
  so the pool lands near the article's 33;
- political-file entries and positive / negative list items for the nominees;
- key posts (heads of the judicial departments, the political department and the
  research office) with holders, A / B backups and emergency cover, with gaps.

Each part is its own module, run here in a fixed order because they all draw from the
one generator of a court system:

- ``demo_reserve_system``: the court system, its draws, the demo actor and policy;
- ``demo_reserve_records``: post standards, assessments, case-work metrics;
- ``demo_reserve_activities``: training, honours, competitions, exchanges;
- ``demo_reserve_pool``: the two review cycles (with ``demo_reserve_nominations``,
  ``demo_reserve_reviews`` and ``demo_reserve_files`` for the political file and lists);
- ``demo_reserve_posts``: key posts and their backups.

Notes
-----
Draws come from ``numpy.random.Generator(PCG64([seed, 7, k]))`` for court system ``k``,
dates count back from ``reference_date``, and eligibility and readiness use the default
policy (``Policy()``), not the file in force, so a seed gives the same data. Records are
written with Core ``executemany`` inserts; the pool goes through the same state machine
as the API (:func:`talent.reserve.candidates.apply_move`, ``decide``,
``start_cycle``), whose audit entries are collected and dropped: as for the roster, the
load is audited as one event with the counts. Nothing is committed here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlmodel import Session, col, select

from models import Person, Skill, Unit, utcnow
from models.reserve import Assessment, CaseMetric, DevelopmentActivity, ReserveCandidate
from talent.audit import Entry, record
from talent.db import write_lock
from talent.demo.reserve.activities import activities
from talent.demo.reserve.pool import PoolPlan, play_pool
from talent.demo.reserve.posts import write_key_posts
from talent.demo.reserve.records import STANDARDS, assessments, case_metrics, write_standards
from talent.demo.reserve.system import DEMO, CourtSystem, insert_rows, system_roots
from talent.errors import RuleViolation


def load_reserve_demo(
    session: Session, *, seed: int, reference_date: date, audit_event: bool = True
) -> dict[str, int]:
    """Add the reserve-pool demo to a loaded demo roster (see the module docstring).

    Returns the counts written (``candidates``, ``pool``, ``key_posts`` ...). Does not
    commit. Like the roster load, the whole load is audited as one event,
    ``demo.reserve.load`` with the counts; ``audit_event=False`` leaves even that to the
    caller (``talent.demo.load.load_demo`` folds the counts into its own ``demo.load`` event).
    Raises RuleViolation ``demo_exists`` when the pool has candidates already.
    """
    write_lock(session, "demo")
    if session.exec(select(ReserveCandidate.id).limit(1)).first() is not None:
        raise RuleViolation("demo_exists", "the reserve pool has candidates already")
    now = utcnow()
    units = {u.id: u for u in session.exec(select(Unit).order_by(col(Unit.id))).all()}
    roots = system_roots(units)
    people_by_root: dict[int, list[Person]] = defaultdict(list)
    for p in session.exec(select(Person).order_by(col(Person.id))).all():
        people_by_root[roots[p.unit_id]].append(p)
    skills = {s.code: s.id for s in session.exec(select(Skill)).all()}
    standard_ids = write_standards(session)
    counts: Counter[str] = Counter(standards=len(STANDARDS))
    journal: list[Entry] = []  # per-row audit entries, dropped: the load is one event
    systems = [
        CourtSystem(units[root_id], units, people_by_root[root_id], seed, k, journal)
        for k, root_id in enumerate(sorted(people_by_root), start=1)
    ]
    for system in systems:
        counts["assessments"] += insert_rows(
            session, Assessment, assessments(system, reference_date, standard_ids, now)
        )
        counts["case_metrics"] += insert_rows(
            session, CaseMetric, case_metrics(system, reference_date, now)
        )
        counts["activities"] += insert_rows(
            session, DevelopmentActivity, activities(system, reference_date, now)
        )
    session.flush()
    play_pool(
        session,
        [PoolPlan(session, s, reference_date, now) for s in systems],
        reference_date,
        counts,
        journal,
    )
    for system in systems:
        write_key_posts(session, system, skills, counts, reference_date)
    summary = {key: int(value) for key, value in sorted(counts.items())}
    if audit_event:
        after = summary | {"seed": seed, "reference_date": reference_date}
        record(session, actor=DEMO, action="demo.reserve.load", entity="demo", after=after)
    return summary
