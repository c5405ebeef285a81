"""Cadence: which pairings have gone quiet, reminders, the escalation ladder, re-matching.

Notes
-----
**Overdue.** A pairing's *anchor* is the date of its latest log (each log at its latest
version), or its start date before the first log. On day ``t`` it has been quiet for
``t - anchor`` days and is overdue when that exceeds ``days`` (default
:data:`DEFAULT_OVERDUE_DAYS`, 30; every endpoint takes ``?days=`` to change it), that
is from ``overdue_since = anchor + days + 1`` on. Only active pairings are overdue.

**Ladder.** overdue (derived, dated ``overdue_since``) -> reminded -> escalated (both
recorded by a planner, dated) -> dissolved (the pairing's own end date and reason).
A recorded step belongs to the current quiet stretch when it is dated after the anchor;
a new log moves the anchor past it and the pairing leaves the ladder.

**Re-match queue.** Dissolving a pairing queues its mentee on that link
(:func:`enqueue_rematch`). An entry waits until the mentee has a newer pairing on the
link (then it is ``rematched``) or a planner withdraws it. :func:`rematch_priority`
gives a matching run the waiting mentees and how long they have waited;
:func:`rematch_bonus` turns that into the bonus the run adds to every candidate pair of
the mentee, shown in the breakdown as ``rematch``::

    bonus(w) = 0.1 + 0.1 * min(w, 180) / 180        (w = days waited)

so a queued mentee outranks an unqueued one whose best score is up to 0.1 higher, and
the longer the wait the larger the lead (0.2 after half a year).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func
from sqlmodel import Session, col, select

from models import Link, Pairing, Person, Role, Unit, User
from models.matching_schemas import PairingEnd, PairingPublic
from models.mentoring import (
    EscalationRung,
    EscalationStep,
    GuidanceLog,
    GuidanceLogVersion,
    RematchEntry,
)
from models.mentoring_schemas import (
    DissolveBody,
    DissolveResult,
    EscalationStepIn,
    EscalationStepPublic,
    LinkLoad,
    MentorCapacity,
    MentorReminders,
    PairingOverview,
    QuietPairing,
    RematchEntryPublic,
    ReminderItem,
)
from talent import audit
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import Forbidden, NotFound, RuleViolation
from talent.services import goals, guidance
from talent.services.people import unit_and_descendants

DEFAULT_OVERDUE_DAYS = 30
DUE_SOON_DAYS = 7
REMATCH_BONUS_BASE = 0.1
REMATCH_BONUS_SPAN = 0.1
REMATCH_FULL_DAYS = 180


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


def rematch_bonus(waited_days: float) -> float:
    """The score bonus a matching run gives a queued mentee (module notes: ``bonus(w)``)."""
    share = min(max(waited_days, 0.0), REMATCH_FULL_DAYS) / REMATCH_FULL_DAYS
    return REMATCH_BONUS_BASE + REMATCH_BONUS_SPAN * share


# --- overdue ---------------------------------------------------------------------------------
def overdue_select(*, as_of: date, days: int = DEFAULT_OVERDUE_DAYS) -> Select:
    """A SELECT of the ids of active pairings overdue on ``as_of``: usable as a subquery.

    ``GET /pairings?overdue=true`` filters with ``Pairing.id.in_(overdue_select(...))``.
    """
    last = (
        select(
            GuidanceLog.pairing_id.label("pairing_id"),
            func.max(GuidanceLogVersion.session_date).label("last_date"),
        )
        .join(
            GuidanceLogVersion,
            (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
            & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
        )
        .group_by(GuidanceLog.pairing_id)
        .subquery()
    )
    anchor = func.coalesce(last.c.last_date, Pairing.start_date)
    return (
        select(Pairing.id)
        .outerjoin(last, last.c.pairing_id == Pairing.id)
        .where(Pairing.status == "active", anchor < as_of - timedelta(days=days))
    )


def overdue_pairing_ids(
    session: Session, *, as_of: date | None = None, days: int = DEFAULT_OVERDUE_DAYS
) -> set[int]:
    """Ids of the active pairings with no log for more than ``days`` days on ``as_of``."""
    return set(session.exec(overdue_select(as_of=as_of or date.today(), days=days)).all())


def _steps(session: Session, pairing_ids: Sequence[int]) -> dict[int, list[EscalationStep]]:
    found: dict[int, list[EscalationStep]] = defaultdict(list)
    for step in session.exec(
        select(EscalationStep)
        .where(col(EscalationStep.pairing_id).in_(pairing_ids))
        .order_by(EscalationStep.step_date, EscalationStep.id)
    ).all():
        found[step.pairing_id].append(step)
    return found


@dataclass(frozen=True)
class Cadence:
    """A pairing's latest log date, its recorded steps, and the state they give."""

    last_log: date | None
    steps: list[EscalationStep]
    state: LadderState


def _cadence(
    session: Session, pairings: Sequence[Pairing], *, as_of: date, days: int
) -> dict[int, Cadence]:
    ids = [p.id for p in pairings]
    last = guidance.last_log_dates(session, ids)
    steps = _steps(session, ids)
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
    as_of = as_of or date.today()
    query = select(Pairing).where(col(Pairing.id).in_(overdue_select(as_of=as_of, days=days)))
    if user.role == Role.mentor:
        query = query.where(Pairing.mentor_id == (user.person_id or -1))
    if mentor_id is not None:
        query = query.where(Pairing.mentor_id == mentor_id)
    pairings = session.exec(query).all()
    found = _cadence(session, pairings, as_of=as_of, days=days)
    rows = [_quiet_row(p, found[p.id]) for p in pairings]
    if rung is not None:
        rows = [r for r in rows if r.rung == rung]
    rows.sort(key=lambda r: (-r.days_quiet, r.pairing_id))
    return rows[offset : offset + limit]


# --- the escalation ladder -------------------------------------------------------------------
def escalation_ladder(
    session: Session, *, pairing_id: int, user: User, days: int = DEFAULT_OVERDUE_DAYS
) -> list[EscalationStepPublic]:
    """Every dated step of a pairing, oldest first: recorded steps, the current ``overdue``
    rung when the pairing is overdue now, and ``dissolved`` when it was dissolved."""
    pairing = guidance.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=guidance.READERS, doing="read the ladder"
    )
    return _ladder(pairing, _cadence(session, [pairing], as_of=date.today(), days=days)[pairing_id])


def _ladder(pairing: Pairing, cadence: Cadence) -> list[EscalationStepPublic]:
    state = cadence.state
    found = [
        EscalationStepPublic(
            pairing_id=pairing.id,
            step=EscalationRung(s.step),
            date=s.step_date,
            days_quiet=s.days_quiet,
            note=s.note,
            created_by=s.created_by,
            recorded=True,
        )
        for s in cadence.steps
    ]
    if state.overdue:
        found.append(
            EscalationStepPublic(
                pairing_id=pairing.id,
                step=EscalationRung.overdue,
                date=state.overdue_since,
                days_quiet=None,
                note=None,
                created_by=None,
                recorded=False,
            )
        )
    if pairing.status == "dissolved" and pairing.end_date is not None:
        found.append(
            EscalationStepPublic(
                pairing_id=pairing.id,
                step=EscalationRung.dissolved,
                date=pairing.end_date,
                days_quiet=(pairing.end_date - (cadence.last_log or pairing.start_date)).days,
                note=pairing.end_reason,
                created_by=pairing.ended_by,
                recorded=True,
            )
        )
    order = list(EscalationRung)
    return sorted(found, key=lambda s: (s.date, order.index(s.step)))


NEXT_STEP = {
    EscalationRung.overdue: "reminded",
    EscalationRung.reminded: "escalated",
}


def record_step(
    session: Session,
    *,
    pairing_id: int,
    body: EscalationStepIn,
    user: User,
    actor: Actor,
    days: int = DEFAULT_OVERDUE_DAYS,
) -> EscalationStepPublic:
    """Put an overdue pairing on the next rung: reminded, then escalated (a planner).

    409 ``not_overdue`` when the pairing is not overdue, ``escalation_order`` when the
    step is not the next one (remind before escalating; each step once per quiet stretch).
    """
    pairing = guidance.get_pairing(session, pairing_id)
    write_lock(session, f"escalation:{pairing_id}")
    if pairing.status != "active":
        raise RuleViolation("pairing_not_active", f"pairing {pairing_id} is {pairing.status}")
    today = date.today()
    state = _cadence(session, [pairing], as_of=today, days=days)[pairing_id].state
    if not state.overdue:
        raise RuleViolation(
            "not_overdue",
            f"pairing {pairing_id} is not overdue: {state.days_quiet} days without a log "
            f"(threshold {days})",
        )
    expected = NEXT_STEP.get(state.rung)
    if body.step != expected:
        raise RuleViolation(
            "escalation_order",
            f"pairing {pairing_id} is {state.rung} since {state.rung_date}: "
            + (f"the next step is {expected}" if expected else "it is escalated already"),
        )
    step = EscalationStep(
        pairing_id=pairing_id,
        step=body.step,
        step_date=today,
        days_quiet=state.days_quiet,
        note=body.note or None,
        created_by=user.id,
    )
    session.add(step)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=f"escalation.{body.step}",
        entity="pairing",
        entity_id=pairing_id,
        after=step,
    )
    session.commit()
    return EscalationStepPublic(
        pairing_id=pairing_id,
        step=EscalationRung(step.step),
        date=step.step_date,
        days_quiet=step.days_quiet,
        note=step.note,
        created_by=step.created_by,
        recorded=True,
    )


# --- reminders -------------------------------------------------------------------------------
def reminders(
    session: Session,
    *,
    user: User,
    mentor_id: int | None = None,
    days: int = DEFAULT_OVERDUE_DAYS,
    due_soon_days: int = DUE_SOON_DAYS,
    as_of: date | None = None,
) -> list[MentorReminders]:
    """Per mentor: overdue pairings, pairings due within ``due_soon_days``, and open action
    items due by then. A mentor gets their own list; planners everyone's (or one mentor's)."""
    as_of = as_of or date.today()
    if user.role == Role.mentor:
        if mentor_id is not None and mentor_id != user.person_id:
            raise Forbidden("a mentor reads their own reminders only")
        mentor_id = user.person_id if user.person_id is not None else -1
    query = select(Pairing).where(Pairing.status == "active")
    if mentor_id is not None:
        query = query.where(Pairing.mentor_id == mentor_id)
    pairings = session.exec(query).all()
    found = _cadence(session, pairings, as_of=as_of, days=days)
    horizon = as_of + timedelta(days=due_soon_days)
    items: dict[int, list[ReminderItem]] = defaultdict(list)
    people = {p.id: p for p in pairings}
    names = dict(
        session.exec(
            select(Person.id, Person.name).where(
                col(Person.id).in_(
                    {p.mentor_id for p in pairings} | {p.mentee_id for p in pairings}
                )
            )
        ).all()
    )
    for pairing in pairings:
        state = found[pairing.id].state
        kind = (
            "overdue" if state.overdue else "due_soon" if state.overdue_since <= horizon else None
        )
        if kind is not None:
            items[pairing.mentor_id].append(
                ReminderItem(
                    kind=kind,
                    pairing_id=pairing.id,
                    mentee_id=pairing.mentee_id,
                    mentee_name=names[pairing.mentee_id],
                    date=state.overdue_since,
                    days_quiet=state.days_quiet,
                )
            )
    for item in guidance.open_items(session, pairing_ids=list(people)):
        if item.due_date is not None and item.due_date <= horizon:
            pairing = people[item.pairing_id]
            items[pairing.mentor_id].append(
                ReminderItem(
                    kind="action_item",
                    pairing_id=pairing.id,
                    mentee_id=pairing.mentee_id,
                    mentee_name=names[pairing.mentee_id],
                    date=item.due_date,
                    action_item_id=item.id,
                    text=item.text,
                )
            )
    return [
        MentorReminders(
            mentor_id=mentor,
            mentor_name=names[mentor],
            items=sorted(
                listed, key=lambda i: (i.date, i.kind, i.pairing_id, i.action_item_id or 0)
            ),
        )
        for mentor, listed in sorted(items.items())
    ]


# --- dissolving and the re-match queue -------------------------------------------------------
def enqueue_rematch(
    session: Session,
    *,
    pairing: Pairing,
    actor: Actor,
    reason_code: str = "other",
    reason: str | None = None,
) -> RematchEntry:
    """Queue a dissolved pairing's mentee for a new mentor on its link, in the caller's
    transaction. Idempotent: a pairing queues its mentee once."""
    entry = session.exec(select(RematchEntry).where(RematchEntry.pairing_id == pairing.id)).first()
    if entry is not None:
        return entry
    entry = RematchEntry(
        mentee_id=pairing.mentee_id,
        link=pairing.link,
        pairing_id=pairing.id,
        reason_code=reason_code,
        reason=reason or pairing.end_reason,
        queued_on=pairing.end_date or date.today(),
        created_by=actor.id,
    )
    session.add(entry)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="rematch.enqueue",
        entity="rematch_entry",
        entity_id=entry.id,
        after=entry,
    )
    return entry


def dissolve_pairing(
    session: Session, *, pairing_id: int, body: DissolveBody, user: User, actor: Actor
) -> DissolveResult:
    """Dissolve an active pairing with a reason (a planner): the ladder's last rung.

    The mentee is queued for re-matching and the pairing ended, in one transaction: the
    queue entry is written first, then ``pairings.end_pairing`` re-checks, records who
    ended it and why, and commits both. 409 ``already_ended`` on an ended pairing.
    """
    # Imported here: the pairings service imports this module (overdue filter, re-match hook).
    from talent.services.pairings import end_pairing

    pairing = guidance.get_pairing(session, pairing_id)
    if pairing.status != "active":
        raise RuleViolation("already_ended", f"pairing {pairing_id} is already {pairing.status}")
    entry = enqueue_rematch(
        session, pairing=pairing, actor=actor, reason_code=body.reason_code, reason=body.reason
    )
    ended = end_pairing(
        session,
        pairing_id=pairing_id,
        user=user,
        actor=actor,
        body=PairingEnd(status="dissolved", outcome_rating=body.outcome_rating, reason=body.reason),
    )
    session.refresh(entry)
    return DissolveResult(
        pairing=PairingPublic.model_validate(ended),
        rematch=_entries_public(session, [entry], as_of=date.today())[0],
    )


def _entries_public(
    session: Session, entries: Sequence[RematchEntry], *, as_of: date
) -> list[RematchEntryPublic]:
    """Entries with their status: withdrawn, rematched (a newer pairing on the link), waiting."""
    mentees = {e.mentee_id for e in entries}
    names = dict(
        session.exec(select(Person.id, Person.name).where(col(Person.id).in_(mentees))).all()
    )
    pairings = session.exec(
        select(Pairing).where(col(Pairing.mentee_id).in_(mentees)).order_by(Pairing.id)
    ).all()
    by_id = {p.id: p for p in pairings}
    by_mentee_link: dict[tuple[int, str], list[Pairing]] = defaultdict(list)
    for pairing in pairings:
        by_mentee_link[(pairing.mentee_id, pairing.link)].append(pairing)
    found = []
    for entry in entries:
        former = by_id[entry.pairing_id]
        newer = next(
            (p for p in by_mentee_link[(entry.mentee_id, entry.link)] if p.id > entry.pairing_id),
            None,
        )
        if entry.withdrawn_on is not None:
            status, until = "withdrawn", entry.withdrawn_on
        elif newer is not None:
            status, until = "rematched", newer.start_date
        else:
            status, until = "waiting", as_of
        found.append(
            RematchEntryPublic(
                **entry.model_dump(exclude={"created_by", "created_at", "withdrawn_by"}),
                mentee_name=names[entry.mentee_id],
                former_mentor_id=former.mentor_id,
                status=status,
                waited_days=max(0, (until - entry.queued_on).days),
                rematched_pairing_id=newer.id if newer else None,
            )
        )
    return found


def rematch_queue(
    session: Session,
    *,
    link: Link | None = None,
    status: str | None = "waiting",
    as_of: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[RematchEntryPublic]:
    """Queue entries (default: those still waiting), longest waiting first, ties by id."""
    return _queue(session, link=link, status=status, as_of=as_of or date.today())[
        offset : offset + limit
    ]


def _queue(
    session: Session, *, link: Link | None, status: str | None, as_of: date
) -> list[RematchEntryPublic]:
    query = select(RematchEntry)
    if link is not None:
        query = query.where(RematchEntry.link == link.value)
    entries = session.exec(query.order_by(RematchEntry.queued_on, RematchEntry.id)).all()
    rows = _entries_public(session, entries, as_of=as_of)
    return [r for r in rows if status is None or r.status == status]


def withdraw_rematch(
    session: Session, *, entry_id: int, reason: str, user: User, actor: Actor
) -> RematchEntryPublic:
    """Take a waiting mentee off the queue with a reason (left the court, no longer needed)."""
    entry = session.get(RematchEntry, entry_id)
    if entry is None:
        raise NotFound("rematch entry", entry_id)
    write_lock(session, f"rematch:{entry_id}")
    current = _entries_public(session, [entry], as_of=date.today())[0]
    if current.status != "waiting":
        raise RuleViolation("not_waiting", f"rematch entry {entry_id} is {current.status}")
    before = entry.model_dump()
    entry.withdrawn_on, entry.withdrawn_reason, entry.withdrawn_by = date.today(), reason, user.id
    session.add(entry)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="rematch.withdraw",
        entity="rematch_entry",
        entity_id=entry.id,
        before=before,
        after=entry,
    )
    session.commit()
    session.refresh(entry)
    return _entries_public(session, [entry], as_of=date.today())[0]


def rematch_priority(
    session: Session, *, link: Link | str, as_of: date | None = None
) -> dict[int, float]:
    """Waiting, active mentees on ``link`` -> days waited: what a matching run prioritises.

    A run adds :func:`rematch_bonus` of the days waited to every candidate pair of the
    mentee and shows it in the breakdown as ``rematch``.
    """
    waiting = _queue(session, link=Link(link), status="waiting", as_of=as_of or date.today())
    active = set(
        session.exec(
            select(Person.id).where(
                col(Person.id).in_({e.mentee_id for e in waiting}), col(Person.active).is_(True)
            )
        ).all()
    )
    priority: dict[int, float] = {}
    for entry in waiting:
        if entry.mentee_id in active:
            priority[entry.mentee_id] = max(
                priority.get(entry.mentee_id, 0.0), float(entry.waited_days)
            )
    return priority


# --- the mentor's page and the pairing's page ------------------------------------------------
def _loads(session: Session, people: Sequence[Person]) -> list[MentorCapacity]:
    used: dict[tuple[int, str], int] = {
        (mentor, link): count
        for mentor, link, count in session.exec(
            select(Pairing.mentor_id, Pairing.link, func.count())
            .where(Pairing.status == "active", col(Pairing.mentor_id).in_([p.id for p in people]))
            .group_by(Pairing.mentor_id, Pairing.link)
        ).all()
    }
    found = []
    for person in people:
        links = {link.value for link in Link if link.mentor_tier == person.tier}
        links |= {link for (mentor, link) in used if mentor == person.id}
        loads = [
            LinkLoad(
                link=link,
                capacity=person.mentor_capacity,
                used=used.get((person.id, link), 0),
                free=max(0, person.mentor_capacity - used.get((person.id, link), 0)),
            )
            for link in sorted(links)
        ]
        found.append(
            MentorCapacity(
                person_id=person.id,
                name=person.name,
                tier=person.tier,
                unit_id=person.unit_id,
                links=loads,
            )
        )
    return found


def mentor_capacity(session: Session, *, person_id: int, user: User) -> MentorCapacity:
    """Capacity used and free on each link a person mentors on; a mentor reads their own."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("person", person_id)
    if user.role == Role.mentor and user.person_id != person_id:
        raise Forbidden("a mentor reads their own capacity only")
    return _loads(session, [person])[0]


def mentor_capacities(
    session: Session,
    *,
    unit_id: int | None = None,
    link: Link | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[MentorCapacity]:
    """Every active tier-1 and tier-2 person (the mentors of the two links), by id."""
    query = select(Person).where(col(Person.active).is_(True))
    tiers = [link.mentor_tier] if link else [lk.mentor_tier for lk in Link]
    query = query.where(col(Person.tier).in_(tiers))
    if unit_id is not None:
        if session.get(Unit, unit_id) is None:
            raise NotFound("unit", unit_id)
        query = query.where(col(Person.unit_id).in_(unit_and_descendants(session, unit_id)))
    people = session.exec(query.order_by(Person.id).offset(offset).limit(limit)).all()
    return _loads(session, people)


def pairing_overview(
    session: Session, *, pairing_id: int, user: User, days: int = DEFAULT_OVERDUE_DAYS
) -> PairingOverview:
    """The pairing page: alive or quiet, the ladder, the open action items pinned, the goals."""
    pairing = guidance.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=guidance.READERS, doing="read"
    )
    cadence = _cadence(session, [pairing], as_of=date.today(), days=days)[pairing_id]
    state = cadence.state
    count, minutes = guidance.log_totals(session, pairing_id)
    return PairingOverview(
        pairing=PairingPublic.model_validate(pairing),
        logs=count,
        minutes=minutes,
        last_log_date=cadence.last_log,
        days_quiet=state.days_quiet if pairing.status == "active" else None,
        overdue=state.overdue,
        overdue_days=days,
        ladder=_ladder(pairing, cadence),
        open_action_items=guidance.open_items(session, pairing_ids=[pairing_id]),
        goals=goals.pairing_goals(session, pairing),
    )
