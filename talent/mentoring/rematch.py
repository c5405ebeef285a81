"""The re-match queue: mentees of dissolved pairings waiting for a new mentor on the link.

Notes
-----
Dissolving a pairing queues its mentee on that link (:func:`enqueue_rematch`, called by
``talent.mentoring.pairings.end_pairing`` in its transaction). An entry waits until the
mentee has a pairing on the link that started on or after the dissolution (then it is
``rematched``, whatever the pairings' ids) or a planner withdraws
it. :func:`rematch_priority` gives a matching run the waiting mentees and how long they
have waited; :func:`rematch_bonus` turns that into the bonus the run adds to every
candidate pair of the mentee, shown in the breakdown as ``rematch``::

    bonus(w) = 0.1 + 0.1 * min(w, 180) / 180        (w = days waited)

so a queued mentee outranks an unqueued one whose best score is up to 0.1 higher, and
the longer the wait the larger the lead (0.2 after half a year).

A pairing dissolved as a ``mismatch`` keeps its two people apart for good: the
``mismatch`` rule (:func:`mismatched_pairs`, :func:`mismatch_between`) keeps that mentor
from being proposed to, or paired with, that mentee again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Literal

from sqlmodel import Session, col, select

from models import Link, Pairing, Person, User
from models.mentoring import RematchEntry
from models.mentoring_schemas import RematchEntryPublic
from talent import audit, clock
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import NotFound, RuleViolation

REMATCH_BONUS_BASE = 0.1
REMATCH_BONUS_SPAN = 0.1
REMATCH_FULL_DAYS = 180


def rematch_bonus(waited_days: float) -> float:
    """The score bonus a matching run gives a queued mentee (module notes: ``bonus(w)``)."""
    share = min(max(waited_days, 0.0), REMATCH_FULL_DAYS) / REMATCH_FULL_DAYS
    return REMATCH_BONUS_BASE + REMATCH_BONUS_SPAN * share


def mismatched_pairs(session: Session) -> list[tuple[int, int]]:
    """(mentee, mentor) of every pairing dissolved as a mismatch, once each, sorted."""
    rows = session.exec(
        select(Pairing.mentee_id, Pairing.mentor_id)
        .join(RematchEntry, col(RematchEntry.pairing_id) == col(Pairing.id))
        .where(RematchEntry.reason_code == "mismatch")
    ).all()
    return sorted({(int(mentee), int(mentor)) for mentee, mentor in rows})


def mismatch_between(session: Session, mentor_id: int, mentee_id: int) -> RematchEntry | None:
    """The queue entry of a pairing of these two dissolved as a mismatch, if there is one."""
    return session.exec(
        select(RematchEntry)
        .join(Pairing, col(RematchEntry.pairing_id) == col(Pairing.id))
        .where(
            RematchEntry.reason_code == "mismatch",
            Pairing.mentor_id == mentor_id,
            Pairing.mentee_id == mentee_id,
        )
        .order_by(col(RematchEntry.queued_on))
    ).first()


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
        queued_on=pairing.end_date or clock.today(),
        created_by=actor.id,
    )
    audit.saved(session, entry, actor=actor, action="rematch.enqueue", entity="rematch_entry")
    return entry


def entries_public(
    session: Session, entries: Sequence[RematchEntry], *, as_of: date
) -> list[RematchEntryPublic]:
    """Entries with their status: withdrawn, rematched (a pairing on the link that started on
    or after the dissolution), waiting."""
    mentees = {e.mentee_id for e in entries}
    names = dict(
        session.exec(select(Person.id, Person.name).where(col(Person.id).in_(mentees))).all()
    )
    # Ids say nothing about dates (pairings are entered late, imported, back-dated): the
    # pairing that rematches an entry is the first to start on or after the dissolution.
    pairings = session.exec(
        select(Pairing)
        .where(col(Pairing.mentee_id).in_(mentees))
        .order_by(col(Pairing.start_date), col(Pairing.id))
    ).all()
    by_id = {p.id: p for p in pairings}
    by_mentee_link: dict[tuple[int, str], list[Pairing]] = defaultdict(list)
    for pairing in pairings:
        by_mentee_link[(pairing.mentee_id, pairing.link)].append(pairing)
    found = []
    for entry in entries:
        former = by_id[entry.pairing_id]
        newer = next(
            (
                p
                for p in by_mentee_link[(entry.mentee_id, entry.link)]
                if p.id != entry.pairing_id and p.start_date >= entry.queued_on
            ),
            None,
        )
        status: Literal["waiting", "rematched", "withdrawn"]
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
    return _queue(session, link=link, status=status, as_of=as_of or clock.today())[
        offset : offset + limit
    ]


def _queue(
    session: Session, *, link: Link | None, status: str | None, as_of: date
) -> list[RematchEntryPublic]:
    query = select(RematchEntry)
    if link is not None:
        query = query.where(RematchEntry.link == link.value)
    entries = session.exec(query.order_by(col(RematchEntry.queued_on), col(RematchEntry.id))).all()
    rows = entries_public(session, entries, as_of=as_of)
    return [r for r in rows if status is None or r.status == status]


def withdraw_rematch(
    session: Session, *, entry_id: int, reason: str, user: User, actor: Actor
) -> RematchEntryPublic:
    """Take a waiting mentee off the queue with a reason (left the court, no longer needed)."""
    entry = session.get(RematchEntry, entry_id)
    if entry is None:
        raise NotFound("rematch entry", entry_id)
    write_lock(session, f"rematch:{entry_id}")
    current = entries_public(session, [entry], as_of=clock.today())[0]
    if current.status != "waiting":
        raise RuleViolation("not_waiting", f"rematch entry {entry_id} is {current.status}")
    before = entry.model_dump()
    entry.withdrawn_on, entry.withdrawn_reason, entry.withdrawn_by = clock.today(), reason, user.id
    audit.saved(
        session,
        entry,
        actor=actor,
        action="rematch.withdraw",
        entity="rematch_entry",
        before=before,
    )
    session.commit()
    session.refresh(entry)
    return entries_public(session, [entry], as_of=clock.today())[0]


def rematch_priority(
    session: Session, *, link: Link | str, as_of: date | None = None
) -> dict[int, float]:
    """Waiting, active mentees on ``link`` -> days waited: what a matching run prioritises.

    A run adds :func:`rematch_bonus` of the days waited to every candidate pair of the
    mentee and shows it in the breakdown as ``rematch``.
    """
    waiting = _queue(session, link=Link(link), status="waiting", as_of=as_of or clock.today())
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
