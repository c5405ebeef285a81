"""Overdue pairings: how long each has been quiet and where it stands on the ladder.

Notes
-----
**Overdue.** A pairing's *anchor* is the date of its latest log (each log at its latest
version), or its start date before the first log. On day ``t`` it has been quiet for
``t - anchor`` days and is overdue when that exceeds ``days`` (default
:data:`DEFAULT_OVERDUE_DAYS`, 30; every endpoint takes ``?days=`` to change it), that
is from ``overdue_since = anchor + days + 1`` on. Only active pairings are overdue.

**Ladder state.** overdue (derived, dated ``overdue_since``) -> reminded -> escalated (both
recorded by a planner, dated, see :mod:`talent.mentoring.escalation`) -> dissolved (the
pairing's own end date and reason). A recorded step belongs to the current quiet stretch
when it is dated after the anchor; a new log moves the anchor past it and the pairing
leaves the ladder. :func:`ladder_state` computes this from plain dates;
:func:`cadence_of` reads the dates of many pairings at once and applies it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Subquery, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from models import Pairing, Role, User
from models.mentoring import EscalationRung, EscalationStep, GuidanceLog, GuidanceLogVersion
from models.mentoring_schemas import QuietPairing
from talent import clock
from talent.mentoring import guidance

DEFAULT_OVERDUE_DAYS = 30


# --- pure cadence arithmetic -----------------------------------------------------------------
@dataclass(frozen=True)
class LadderState:
    """Where a pairing stands on day ``as_of`` (see the module notes)."""

    days_quiet: int
    overdue: bool
    overdue_since: date
    rung: EscalationRung | None
    rung_date: date | None


def ladder_state(
    *,
    start_date: date,
    last_log: date | None,
    as_of: date,
    days: int,
    steps: Sequence[tuple[str, date]] = (),
    ended: tuple[str, date | None] | None = None,
) -> LadderState:
    """Compute quietness and the ladder rung from plain dates (no database).

    ``steps`` are the recorded (step, date) pairs of the pairing; ``ended`` is the
    pairing's (status, end_date) once it is no longer active.
    """
    anchor = last_log or start_date
    quiet = max(0, (as_of - anchor).days)
    since = anchor + timedelta(days=days + 1)
    if ended is not None:
        status, end_date = ended
        dissolved = status == "dissolved"
        return LadderState(
            quiet,
            False,
            since,
            EscalationRung.dissolved if dissolved else None,
            end_date if dissolved else None,
        )
    overdue = quiet > days
    if not overdue:
        return LadderState(quiet, False, since, None, None)
    rung, rung_date = EscalationRung.overdue, since
    for step, day in sorted(steps, key=lambda s: (s[1], s[0] == "escalated")):
        if day > anchor:
            rung, rung_date = EscalationRung(step), day
    return LadderState(quiet, True, since, rung, rung_date)


# --- overdue in SQL --------------------------------------------------------------------------
def last_activity() -> tuple[Subquery, ColumnElement[date]]:
    """Each pairing's latest log date (a subquery to outer-join on ``pairing_id``) and the
    day its quiet stretch counts from: that date, or the start date without a log."""
    last = (
        select(
            col(GuidanceLog.pairing_id).label("pairing_id"),
            func.max(GuidanceLogVersion.session_date).label("last_date"),
        )
        .join(
            GuidanceLogVersion,
            (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
            & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
        )
        .group_by(col(GuidanceLog.pairing_id))
        .subquery()
    )
    return last, func.coalesce(last.c.last_date, Pairing.start_date)


def overdue_select(*, as_of: date, days: int = DEFAULT_OVERDUE_DAYS) -> SelectOfScalar[int]:
    """A SELECT of the ids of active pairings overdue on ``as_of``: usable as a subquery.

    ``GET /pairings?overdue=true`` filters with ``Pairing.id.in_(overdue_select(...))``.
    """
    last, anchor = last_activity()
    return (
        select(Pairing.id)
        .outerjoin(last, last.c.pairing_id == Pairing.id)
        .where(Pairing.status == "active", anchor < as_of - timedelta(days=days))
    )


def overdue_pairing_ids(
    session: Session, *, as_of: date | None = None, days: int = DEFAULT_OVERDUE_DAYS
) -> set[int]:
    """Ids of the active pairings with no log for more than ``days`` days on ``as_of``."""
    return set(session.exec(overdue_select(as_of=as_of or clock.today(), days=days)).all())


# --- the state of many pairings --------------------------------------------------------------
@dataclass(frozen=True)
class Cadence:
    """A pairing's latest log date, its recorded steps, and the state they give."""

    last_log: date | None
    steps: list[EscalationStep]
    state: LadderState


def steps_by_pairing(
    session: Session, pairing_ids: Sequence[int]
) -> dict[int, list[EscalationStep]]:
    """The recorded escalation steps of ``pairing_ids``, oldest first (ties by id)."""
    found: dict[int, list[EscalationStep]] = defaultdict(list)
    for step in session.exec(
        select(EscalationStep)
        .where(col(EscalationStep.pairing_id).in_(pairing_ids))
        .order_by(col(EscalationStep.step_date), col(EscalationStep.id))
    ).all():
        found[step.pairing_id].append(step)
    return found


def cadence_of(
    session: Session, pairings: Sequence[Pairing], *, as_of: date, days: int
) -> dict[int, Cadence]:
    """Pairing id -> its :class:`Cadence` on ``as_of``, in three queries for all of them."""
    ids = [p.id for p in pairings]
    last = guidance.last_log_dates(session, ids)
    steps = steps_by_pairing(session, ids)
    return {
        p.id: Cadence(
            last.get(p.id),
            steps[p.id],
            ladder_state(
                start_date=p.start_date,
                last_log=last.get(p.id),
                as_of=as_of,
                days=days,
                steps=[(s.step, s.step_date) for s in steps[p.id]],
                ended=None if p.status == "active" else (p.status, p.end_date),
            ),
        )
        for p in pairings
    }


def _quiet_row(pairing: Pairing, cadence: Cadence) -> QuietPairing:
    state = cadence.state
    return QuietPairing(
        pairing_id=pairing.id,
        mentor_id=pairing.mentor_id,
        mentee_id=pairing.mentee_id,
        link=pairing.link,
        start_date=pairing.start_date,
        last_log_date=cadence.last_log,
        days_quiet=state.days_quiet,
        overdue=state.overdue,
        overdue_since=state.overdue_since if state.overdue else None,
        rung=state.rung,
        rung_date=state.rung_date,
    )


def overdue_pairings(
    session: Session,
    *,
    user: User,
    days: int = DEFAULT_OVERDUE_DAYS,
    mentor_id: int | None = None,
    rung: EscalationRung | None = None,
    as_of: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuietPairing]:
    """Overdue active pairings, quietest first (ties by id); a mentor sees their own only."""
    as_of = as_of or clock.today()
    query = select(Pairing).where(col(Pairing.id).in_(overdue_select(as_of=as_of, days=days)))
    if user.role == Role.mentor:
        query = query.where(Pairing.mentor_id == (user.person_id or -1))
    if mentor_id is not None:
        query = query.where(Pairing.mentor_id == mentor_id)
    pairings = session.exec(query).all()
    found = cadence_of(session, pairings, as_of=as_of, days=days)
    rows = [_quiet_row(p, found[p.id]) for p in pairings]
    if rung is not None:
        rows = [r for r in rows if r.rung == rung]
    rows.sort(key=lambda r: (-r.days_quiet, r.pairing_id))
    return rows[offset : offset + limit]
