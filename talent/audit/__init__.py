"""The tamper-evident audit log: append inside the writer's transaction, verify the chain, read it.

Notes
-----
``hash_n = sha256(canonical_json([seq, prev_hash, created_at, actor_id, actor_name, action,
entity, entity_id, before, after]))`` with ``prev_hash`` the hash of event ``seq - 1``
(64 zeros for the first). ``AuditHead`` carries the last sequence number and hash, so an
event edited, inserted, deleted in the middle or cut off the end breaks verification.
Appends take ``write_lock("audit")`` so two transactions never extend the same head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from models import AuditEvent, AuditHead, utcnow
from models.schemas import AuditEventPublic
from talent import clock
from talent.db import write_lock

GENESIS = "0" * 64
"""The courts' local time, when the settings name none (``TALENT_TIMEZONE``)."""
RowT = TypeVar("RowT", bound=SQLModel)
SKIP_FIELDS = {"password_hash"}


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def snapshot(record: SQLModel | dict[str, Any] | None) -> str | None:
    """Canonical JSON of a record (or dict) for the before/after columns; secrets left out."""
    if record is None:
        return None
    values = record if isinstance(record, dict) else record.model_dump()
    values = {k: v for k, v in values.items() if k not in SKIP_FIELDS}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=_default)


def _iso(ts: datetime) -> str:
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).isoformat()


def event_hash(event: AuditEvent) -> str:
    body = [
        event.seq,
        event.prev_hash,
        _iso(event.created_at),
        event.actor_id,
        event.actor_name,
        event.action,
        event.entity,
        event.entity_id,
        event.before,
        event.after,
    ]
    canonical = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who did it: a user id and name, or a system actor (``cli``, ``demo``, ``anonymous``)."""

    id: int | None
    name: str


SYSTEM = Actor(None, "system")
CLI = Actor(None, "cli")
"""Whoever types a ``talent`` command at the server's console."""


@dataclass(frozen=True)
class Entry:
    """One event to append: what happened to which record, with before/after snapshots."""

    action: str
    entity: str
    entity_id: object = None
    before: SQLModel | dict[str, Any] | None = None
    after: SQLModel | dict[str, Any] | None = None


def record_many(session: Session, *, actor: Actor, entries: Iterable[Entry]) -> list[AuditEvent]:
    """Append events in order, in the caller's transaction (nothing is committed here).

    One lock, one read of the head and one bulk insert however many entries there are,
    so a 10,000-row import audits every person without 10,000 round trips.
    """
    entries = list(entries)
    if not entries:
        return []
    session.flush()
    write_lock(session, "audit")
    head = session.get(AuditHead, 1, with_for_update=True, populate_existing=True)
    if head is None:
        head = AuditHead(id=1, last_seq=0, last_hash=GENESIS)
        session.add(head)
    events = []
    for entry in entries:
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=utcnow(),
            actor_id=actor.id,
            actor_name=actor.name,
            action=entry.action,
            entity=entry.entity,
            entity_id=None if entry.entity_id is None else str(entry.entity_id),
            before=snapshot(entry.before),
            after=snapshot(entry.after),
            prev_hash=head.last_hash,
            hash="",
        )
        event.hash = event_hash(event)
        head.last_seq, head.last_hash = event.seq, event.hash
        events.append(event)
    session.execute(insert(AuditEvent), [e.model_dump(exclude={"id"}) for e in events])
    session.add(head)
    session.flush()
    return events


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = None,
    before: SQLModel | dict[str, Any] | None = None,
    after: SQLModel | dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain in the caller's transaction (nothing is committed here)."""
    (event,) = record_many(
        session, actor=actor, entries=[Entry(action, entity, entity_id, before, after)]
    )
    return event


@dataclass(frozen=True)
class ChainReport:
    """The outcome of :func:`verify`: how many events fit, and the first one that does not.

    ``kind`` names the break for pages to word it: ``sequence_gap``, ``prev_hash``
    (an event inserted or deleted), ``edited`` or ``cut_off`` (events gone from the end).
    """

    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    problem: str | None = None
    kind: str | None = None


def saved(
    session: Session,
    row: RowT,
    *,
    actor: Actor,
    action: str,
    entity: str,
    before: SQLModel | dict[str, Any] | None = None,
) -> RowT:
    """Write ``row`` and append its event (``after`` is the row as written), uncommitted.

    The one shape of every single-row change a use case audits: add, flush (so the row has
    its id and defaults), then the event naming that id.
    """
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=row.id,  # type: ignore[attr-defined]  # every table saved here has an id key
        before=before,
        after=row,
    )
    return row


def verify(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the chain in sequence order; report the first event that does not fit."""
    head = session.get(AuditHead, 1)
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    last_id = 0
    while True:
        rows = session.exec(
            select(AuditEvent)
            .where(col(AuditEvent.id) > last_id)
            .order_by(col(AuditEvent.id))
            .limit(batch)
        ).all()
        if not rows:
            break
        for event in rows:
            last_id = event.id or last_id
            problem = kind = None
            if event.seq != expected_seq:
                problem = f"sequence gap: expected {expected_seq}, found {event.seq}"
                kind = "sequence_gap"
            elif event.prev_hash != expected_prev:
                problem = "prev_hash does not match the previous event (inserted or deleted event)"
                kind = "prev_hash"
            elif event_hash(event) != event.hash:
                problem = "content does not match its hash (edited event)"
                kind = "edited"
            if problem:
                return ChainReport(False, checked, event.seq, event.id, problem, kind)
            expected_prev, expected_seq = event.hash, expected_seq + 1
            checked += 1
        session.expunge_all()
    last_seq = head.last_seq if head else 0
    last_hash = head.last_hash if head else GENESIS
    if last_seq != checked or last_hash != expected_prev:
        return ChainReport(
            False,
            checked,
            checked + 1,
            None,
            f"head expects {last_seq} events, found {checked} (events cut off the end)",
            "cut_off",
        )
    return ChainReport(True, checked)


@dataclass(frozen=True)
class AuditQuery:
    """Which events to list; every field left None matches everything.

    ``date_from`` and ``date_to`` are the courts' local calendar days, both included
    (an event at 07:30 on 5 May in Shanghai is on 5 May, though it is 4 May in UTC).
    ``entity_ids`` (with ``entity``) narrows to several records of one kind at once.
    """

    actor_id: int | None = None
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    entity_ids: tuple[str, ...] | None = None
    date_from: date | None = None
    date_to: date | None = None


def day_bounds(
    date_from: date | None, date_to: date | None, zone: ZoneInfo | None = None
) -> tuple[datetime | None, datetime | None]:
    """The UTC instants ``[start, end)`` that local days ``date_from..date_to`` cover."""
    zone = zone or clock.court_zone()
    start = datetime.combine(date_from, time(0), zone).astimezone(UTC) if date_from else None
    end = (
        datetime.combine(date_to + timedelta(days=1), time(0), zone).astimezone(UTC)
        if date_to
        else None
    )
    return start, end


def filtered(query: AuditQuery, zone: ZoneInfo | None = None) -> SelectOfScalar[AuditEvent]:
    """The events ``query`` selects, unordered."""
    statement = select(AuditEvent)
    if query.actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == query.actor_id)
    if query.actor is not None:
        statement = statement.where(AuditEvent.actor_name == query.actor)
    if query.action is not None:
        statement = statement.where(AuditEvent.action == query.action)
    if query.entity is not None:
        statement = statement.where(AuditEvent.entity == query.entity)
    if query.entity_id is not None:
        statement = statement.where(AuditEvent.entity_id == query.entity_id)
    if query.entity_ids is not None:
        statement = statement.where(col(AuditEvent.entity_id).in_(query.entity_ids))
    start, end = day_bounds(query.date_from, query.date_to, zone)
    if start is not None:
        statement = statement.where(col(AuditEvent.created_at) >= start)
    if end is not None:
        statement = statement.where(col(AuditEvent.created_at) < end)
    return statement


def public(event: AuditEvent) -> AuditEventPublic:
    """An event for the wire, its before/after snapshots parsed back into JSON values."""
    return AuditEventPublic(
        **event.model_dump(exclude={"before", "after"}),
        before=json.loads(event.before) if event.before else None,
        after=json.loads(event.after) if event.after else None,
    )


def search_events(
    session: Session,
    *,
    query: AuditQuery,
    limit: int = 50,
    offset: int = 0,
    newest_first: bool = False,
) -> list[AuditEventPublic]:
    """The events ``query`` selects, by sequence (oldest first unless ``newest_first``)."""
    order = col(AuditEvent.seq).desc() if newest_first else col(AuditEvent.seq)
    rows = session.exec(filtered(query).order_by(order).offset(offset).limit(limit)).all()
    return [public(event) for event in rows]


def count_events(session: Session, *, query: AuditQuery) -> int:
    """How many events ``query`` selects."""
    return session.exec(select(func.count()).select_from(filtered(query).subquery())).one()


def list_events(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
    query: AuditQuery | None = None,
) -> list[AuditEventPublic]:
    """Events oldest first, optionally for one entity (kind, and id) or any ``query``."""
    query = query or AuditQuery()
    if entity is not None:
        query = replace(query, entity=entity)
    if entity_id is not None:
        query = replace(query, entity_id=entity_id)
    return search_events(session, query=query, limit=limit, offset=offset)
