"""Mentor reminders: what each mentor should do next about their pairings.

Per mentor, on a day: the pairings that are overdue, those that will be within
``due_soon_days`` (their ``overdue_since`` falls by then, see
:mod:`talent.mentoring.overdue`), and the open action items due by then.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Literal

from sqlmodel import Session, col, select

from models import Pairing, Person, Role, User
from models.mentoring_schemas import MentorReminders, ReminderItem
from talent import clock
from talent.errors import Forbidden
from talent.mentoring import guidance
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS, cadence_of

DUE_SOON_DAYS = 7


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
    as_of = as_of or clock.today()
    if user.role == Role.mentor:
        if mentor_id is not None and mentor_id != user.person_id:
            raise Forbidden("a mentor reads their own reminders only")
        mentor_id = user.person_id if user.person_id is not None else -1
    query = select(Pairing).where(Pairing.status == "active")
    if mentor_id is not None:
        query = query.where(Pairing.mentor_id == mentor_id)
    pairings = session.exec(query).all()
    found = cadence_of(session, pairings, as_of=as_of, days=days)
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
        kind: Literal["overdue", "due_soon"] | None = (
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
