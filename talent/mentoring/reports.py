"""The mentoring report of one unit over one period, for the planners' review meetings.

Notes
-----
Scope: a unit and its own departments, and with ``subordinate_courts`` the courts under
it and theirs (:func:`talent.roster.units.units_in_scope`; ``unit_id`` None: the whole
court system). A pairing belongs to the scope of its *mentee*. "Active on day d" means
``start_date <= d`` and (no ``end_date`` or ``end_date > d``). With the period
``[date_from, date_to]``:

- ``active_pairings_at_end``: pairings active on ``date_to``;
  ``pairings_active_in_period``: those with ``start_date <= date_to`` and no end or
  ``end_date >= date_from``; ``pairings_started`` / ``_completed`` / ``_dissolved``:
  start or end date within the period (ended by status).
- ``coverage``: for tiers 2 and 3, the active staff in scope and how many of them are
  the mentee of a pairing active on ``date_to``; ``share = with_mentor / staff``.
  ``coverage_by_court``: the same per court in scope, each court counting its own staff
  and its departments' but not the district courts under it (a department in scope is
  one row of its own), so the rows add up to ``coverage``.
- ``complete_chains``: tier-3 mentees in scope whose pairing active on ``date_to`` has a
  mentor who is the mentee of a 1-2 pairing active on ``date_to`` (senior -> young ->
  clerk); a mentee has one active pairing per link, so this counts the chains.
- ``sessions``, ``hours``, ``by_month``: logs (each at its latest version) dated within
  the period, by calendar month, every month of the period listed;
  ``hours = round(minutes / 60, 2)``.
- ``overdue``: pairings active on ``date_to`` whose latest log dated ``<= date_to`` (or
  start date) lies more than ``overdue_days`` days before ``date_to``.
- goals: open and achieved skill goals set by ``date_to``; the mentee's level on ``date_to`` from the
  skill history (:func:`talent.roster.skill_levels.level_on`) against the target;
  progress as in :mod:`talent.mentoring.goals`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from models import Link, Pairing, Person, PersonSkill, Skill, Unit, UnitKind
from models.mentoring import GuidanceLog, GuidanceLogVersion, PairingGoal, SkillLevelChange
from models.mentoring_schemas import (
    GoalProgressRow,
    MentoringReport,
    MonthActivity,
    OverdueRow,
    TierCoverage,
    UnitCoverage,
)
from talent import clock
from talent.errors import InvalidInput, NotFound
from talent.mentoring.goals import goal_progress
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS
from talent.roster.skill_levels import level_on
from talent.roster.units import (
    court_of,
    subordinate_courts_of,
    unit_and_descendants,
    units_by_id,
)

MAX_PERIOD_DAYS = 3660


def active_on(pairing: Pairing, day: date) -> bool:
    return pairing.start_date <= day and (pairing.end_date is None or pairing.end_date > day)


def months(date_from: date, date_to: date) -> list[str]:
    """Every calendar month from ``date_from`` to ``date_to`` as ``YYYY-MM``."""
    found, year, month = [], date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _check_period(session: Session, unit_id: int | None, date_from: date, date_to: date) -> None:
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise NotFound("unit", unit_id)
    if date_from > date_to:
        raise InvalidInput("date_from", "date_from is after date_to")
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise InvalidInput("date_to", f"a report covers at most {MAX_PERIOD_DAYS} days")


def _pairings_in_period(
    units: list[int] | None, date_from: date, date_to: date
) -> list[ColumnElement[bool]]:
    """WHERE clauses for the pairings of the report: mentee in scope, alive in the period."""
    clauses = [
        col(Pairing.start_date) <= date_to,
        or_(col(Pairing.end_date).is_(None), col(Pairing.end_date) >= date_from),
    ]
    if units is not None:
        clauses.append(
            col(Pairing.mentee_id).in_(select(Person.id).where(col(Person.unit_id).in_(units)))
        )
    return clauses


def _logs(
    session: Session, scope: list[ColumnElement[bool]], date_to: date
) -> list[tuple[int, date, int]]:
    """(pairing_id, session date, minutes) of every log dated up to ``date_to``, latest versions."""
    return list(
        session.exec(
            select(
                col(GuidanceLog.pairing_id),
                col(GuidanceLogVersion.session_date),
                col(GuidanceLogVersion.minutes),
            )
            .join(
                GuidanceLogVersion,
                (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
                & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
            )
            .join(Pairing, col(Pairing.id) == GuidanceLog.pairing_id)
            .where(*scope, GuidanceLogVersion.session_date <= date_to)
        ).all()
    )


def _coverage(
    session: Session, units: list[int] | None, pairings: list[Pairing], date_to: date
) -> list[TierCoverage]:
    query = select(Person.id, Person.tier).where(
        col(Person.active).is_(True), col(Person.tier).in_([2, 3])
    )
    if units is not None:
        query = query.where(col(Person.unit_id).in_(units))
    staff: dict[int, list[int]] = {2: [], 3: []}
    for person_id, tier in session.exec(query).all():
        staff[tier].append(person_id)
    mentored = {p.mentee_id for p in pairings if active_on(p, date_to)}
    found = []
    for tier, ids in staff.items():
        covered = sum(1 for pid in ids if pid in mentored)
        found.append(
            TierCoverage(
                tier=tier,
                staff=len(ids),
                with_mentor=covered,
                share=covered / len(ids) if ids else 0.0,
            )
        )
    return found


def _coverage_by_court(
    session: Session, units: list[int] | None, pairings: list[Pairing], date_to: date
) -> list[UnitCoverage]:
    all_units = units_by_id(session)
    unit_id = units[0] if units else None  # the unit asked for comes first
    scope = units if units is not None else list(all_units)
    if unit_id is not None and all_units[unit_id].kind == UnitKind.department:
        groups = {unit_id: scope}
    else:
        groups = defaultdict(list)
        for unit in scope:
            groups[court_of(all_units, unit)].append(unit)
    return [
        UnitCoverage(
            unit_id=court,
            unit_name=unit_name(all_units, court),
            coverage=_coverage(session, members, pairings, date_to),
        )
        for court, members in sorted(groups.items())
    ]


def unit_name(units: dict[int, Unit], unit_id: int) -> str:
    """A court's name, or "department（court）" for a department."""
    court = court_of(units, unit_id)
    name = units[unit_id].name
    return name if court == unit_id else f"{name}（{units[court].name}）"


def _complete_chains(session: Session, pairings: list[Pairing], date_to: date) -> int:
    young_mentors = {
        p.mentor_id for p in pairings if p.link == Link.young_clerk.value and active_on(p, date_to)
    }
    if not young_mentors:
        return 0
    upper = session.exec(
        select(Pairing).where(
            Pairing.link == Link.senior_young.value, col(Pairing.mentee_id).in_(young_mentors)
        )
    ).all()
    mentored_young = {p.mentee_id for p in upper if active_on(p, date_to)}
    return sum(
        1
        for p in pairings
        if p.link == Link.young_clerk.value
        and active_on(p, date_to)
        and p.mentor_id in mentored_young
    )


def _activity(
    logs: list[tuple[int, date, int]], date_from: date, date_to: date
) -> tuple[int, int, list[MonthActivity]]:
    per_month: dict[str, list[int]] = {m: [0, 0] for m in months(date_from, date_to)}
    for _, day, minutes in logs:
        if date_from <= day <= date_to:
            cell = per_month[f"{day.year:04d}-{day.month:02d}"]
            cell[0] += 1
            cell[1] += minutes
    rows = [
        MonthActivity(month=m, sessions=s, minutes=mins, hours=round(mins / 60, 2))
        for m, (s, mins) in per_month.items()
    ]
    return sum(r.sessions for r in rows), sum(r.minutes for r in rows), rows


def _names(session: Session, scope: list[ColumnElement[bool]]) -> dict[int, str]:
    """Names of the mentors and mentees of the report's pairings."""
    found: dict[int, str] = {}
    for side in (Pairing.mentor_id, Pairing.mentee_id):
        found.update(
            session.exec(
                select(Person.id, Person.name).join(Pairing, col(side) == Person.id).where(*scope)
            ).all()
        )
    return found


def _overdue(
    pairings: list[Pairing],
    logs: list[tuple[int, date, int]],
    names: dict[int, str],
    date_to: date,
    days: int,
) -> list[OverdueRow]:
    last: dict[int, date] = {}
    for pairing_id, day, _ in logs:
        last[pairing_id] = max(day, last.get(pairing_id, day))
    rows = []
    for p in pairings:
        if not active_on(p, date_to):
            continue
        quiet = (date_to - last.get(p.id, p.start_date)).days
        if quiet > days:
            rows.append(
                OverdueRow(
                    pairing_id=p.id,
                    mentor_id=p.mentor_id,
                    mentor_name=names[p.mentor_id],
                    mentee_id=p.mentee_id,
                    mentee_name=names[p.mentee_id],
                    link=p.link,
                    last_log_date=last.get(p.id),
                    days_quiet=quiet,
                )
            )
    return sorted(rows, key=lambda r: (-r.days_quiet, r.pairing_id))


def _goal_progress(
    session: Session,
    pairings: list[Pairing],
    scope: list[ColumnElement[bool]],
    names: dict[int, str],
    date_to: date,
) -> list[GoalProgressRow]:
    mentee_of = {p.id: p.mentee_id for p in pairings}
    goals = session.exec(
        select(PairingGoal)
        .join(Pairing, col(Pairing.id) == PairingGoal.pairing_id)
        .where(
            *scope,
            col(PairingGoal.skill_id).is_not(None),
            col(PairingGoal.status).in_(("open", "achieved")),
            PairingGoal.created_on <= date_to,
        )
        .order_by(col(PairingGoal.id))
    ).all()
    keys = {(mentee_of[g.pairing_id], g.skill_id) for g in goals}
    mentees = {m for m, _ in keys}
    history: dict[tuple[int, int], list[SkillLevelChange]] = defaultdict(list)
    for change in session.exec(
        select(SkillLevelChange)
        .where(col(SkillLevelChange.person_id).in_(mentees))
        .order_by(col(SkillLevelChange.effective_date), col(SkillLevelChange.id))
    ).all():
        history[(change.person_id, change.skill_id)].append(change)
    current = {
        (held.person_id, held.skill_id): held.level
        for held in session.exec(
            select(PersonSkill).where(col(PersonSkill.person_id).in_(mentees))
        ).all()
    }
    skills = {
        skill_id: (code, name)
        for skill_id, code, name in session.exec(
            select(Skill.id, Skill.code, Skill.name).where(col(Skill.id).in_({s for _, s in keys}))
        ).all()
    }
    mentor_of = {p.id: p.mentor_id for p in pairings}
    rows = []
    for goal in goals:
        assert goal.skill_id is not None  # the query keeps goals on a skill only
        key = (mentee_of[goal.pairing_id], goal.skill_id)
        level = level_on(history[key], current.get(key), date_to) or 0
        target = goal.target_level or 0
        rows.append(
            GoalProgressRow(
                goal_id=goal.id,
                pairing_id=goal.pairing_id,
                mentee_id=key[0],
                mentee_name=names[key[0]],
                mentor_name=names[mentor_of[goal.pairing_id]],
                skill_code=skills[goal.skill_id][0],
                skill_name=skills[goal.skill_id][1],
                baseline_level=goal.baseline_level or 0,
                target_level=target,
                level_at_end=level,
                progress=goal_progress(goal.baseline_level, target, level),
                achieved=level >= target,
                due_date=goal.due_date,
            )
        )
    return rows


def mentoring_report(
    session: Session,
    *,
    unit_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    overdue_days: int = DEFAULT_OVERDUE_DAYS,
    subordinate_courts: bool = False,
) -> MentoringReport:
    """Every figure of the mentoring report (module notes define each one).

    Defaults: ``date_to`` today, ``date_from`` the first of January of ``date_to``'s year.
    404 for an unknown unit; 422 when ``date_from`` is after ``date_to`` or the period is
    longer than ten years.
    """
    date_to = date_to or clock.today()
    date_from = date_from or date(date_to.year, 1, 1)
    _check_period(session, unit_id, date_from, date_to)
    units = None
    if unit_id is not None:
        below = unit_and_descendants(session, unit_id, subordinate_courts=subordinate_courts)
        units = [unit_id, *(u for u in below if u != unit_id)]
    scope = _pairings_in_period(units, date_from, date_to)
    pairings = list(session.exec(select(Pairing).where(*scope).order_by(col(Pairing.id))).all())
    logs = _logs(session, scope, date_to)
    sessions, minutes, by_month = _activity(logs, date_from, date_to)
    names = _names(session, scope)
    goal_rows = _goal_progress(session, pairings, scope, names, date_to)
    achieved = sum(1 for g in goal_rows if g.achieved)

    def ended(status: str) -> int:
        return sum(
            1
            for p in pairings
            if p.status == status and p.end_date is not None and date_from <= p.end_date <= date_to
        )

    all_units = units_by_id(session)
    added = []
    if unit_id is not None and subordinate_courts:
        added = [u.name for u in subordinate_courts_of(all_units, [unit_id])]
    return MentoringReport(
        unit_id=unit_id,
        unit_name=unit_name(all_units, unit_id) if unit_id is not None else None,
        include_subordinate_courts=bool(unit_id is not None and subordinate_courts),
        subordinate_courts=added,
        date_from=date_from,
        date_to=date_to,
        overdue_days=overdue_days,
        active_pairings_at_end=sum(1 for p in pairings if active_on(p, date_to)),
        pairings_active_in_period=len(pairings),
        pairings_started=sum(1 for p in pairings if p.start_date >= date_from),
        pairings_completed=ended("completed"),
        pairings_dissolved=ended("dissolved"),
        coverage=_coverage(session, units, pairings, date_to),
        coverage_by_court=_coverage_by_court(session, units, pairings, date_to),
        complete_chains=_complete_chains(session, pairings, date_to),
        sessions=sessions,
        hours=round(minutes / 60, 2),
        by_month=by_month,
        overdue=_overdue(pairings, logs, names, date_to, overdue_days),
        goals_total=len(goal_rows),
        goals_achieved=achieved,
        goals_achieved_share=achieved / len(goal_rows) if goal_rows else 0.0,
        goal_progress=goal_rows,
    )
