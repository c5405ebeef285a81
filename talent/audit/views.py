"""Reading the audit log as people do: who (by name), about whom, what changed, who read what.

The chain itself (appending, verifying, filtering) is :mod:`talent.audit`; this module
turns its events into what an HR officer reads: the actor as the person's name when the
account is linked to one, the record as a name (a person, "导师—徒弟" for a pairing, a
unit), a field-by-field comparison of before and after, and the sensitive reads of
reserve candidates' files (``reserve.sensitive.read``). Words for codes (actions, record
kinds, fields) belong to the pages; names come from here so the API and pages agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models import AuditEvent, Pairing, Person, Proposal, Skill, Unit, User
from models.reserve import ReserveCandidate
from models.schemas import AuditEventPublic
from talent import audit, clock
from talent.audit import AuditQuery
from talent.db import get_row
from talent.errors import InvalidInput

SENSITIVE_READ = "reserve.sensitive.read"
SYSTEM_ACTORS = ("system", "cli", "demo", "anonymous")
PERSON_FIELDS = (
    "person_id",
    "mentor_id",
    "mentee_id",
    "holder_id",
    "person_a_id",
    "person_b_id",
)
"""Snapshot fields that hold a person's id: the comparison shows the name beside it."""


@dataclass(frozen=True)
class ActorOption:
    """An account for the 操作人 filter: its id and the name it shows as."""

    id: int
    username: str
    name: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a record before and after an event (None where it had none)."""

    field: str
    before: Any
    after: Any
    changed: bool
    before_name: str | None = None
    after_name: str | None = None


@dataclass(frozen=True)
class EventView:
    """An event as the log shows it: the actor's and the record's names, local time."""

    event: AuditEventPublic
    local_time: datetime
    actor: str
    subject: str | None


@dataclass(frozen=True)
class SensitiveRead:
    """Who read which person's sensitive file (which kind, how many records), when."""

    event_id: int
    seq: int
    local_time: datetime
    reader_id: int | None
    reader: str
    person_id: int | None
    person: str | None
    file: str
    records: int | None


class Names:
    """Names for the ids an audit page shows, looked up once each per request."""

    def __init__(self, session: Session, lang: str = "zh") -> None:
        self.session = session
        self.lang = lang
        self._people: dict[int, str | None] = {}

    def person(self, person_id: object) -> str | None:
        key = _as_int(person_id)
        if key is None:
            return None
        if key not in self._people:
            row = self.session.get(Person, key)
            self._people[key] = row.name if row else None
        return self._people[key]

    def pair(self, mentor_id: object, mentee_id: object) -> str | None:
        mentor, mentee = self.person(mentor_id), self.person(mentee_id)
        if mentor is None and mentee is None:
            return None
        return f"{mentor or '?'}—{mentee or '?'}"

    def pairing(self, pairing_id: object) -> str | None:
        key = _as_int(pairing_id)
        row = self.session.get(Pairing, key) if key is not None else None
        return self.pair(row.mentor_id, row.mentee_id) if row else None

    def candidate(self, candidate_id: object) -> str | None:
        key = _as_int(candidate_id)
        row = self.session.get(ReserveCandidate, key) if key is not None else None
        return self.person(row.person_id) if row else None

    def unit(self, unit_id: object) -> str | None:
        key = _as_int(unit_id)
        row = self.session.get(Unit, key) if key is not None else None
        if row is None:
            return None
        return (row.name_en or row.name) if self.lang == "en" else row.name

    def account(self, user_id: object) -> str | None:
        """The account's person's name when it is linked to one, else its username."""
        key = _as_int(user_id)
        row = self.session.get(User, key) if key is not None else None
        if row is None:
            return None
        return (self.person(row.person_id) if row.person_id else None) or row.username

    def actor(self, event: AuditEventPublic) -> str:
        return self.account(event.actor_id) or event.actor_name

    def subject(self, event: AuditEventPublic) -> str | None:
        """The record an event is about, as a name; None where the log holds no name for it."""
        snap = _snapshot(event)
        by_kind = {
            "person": lambda: self.person(event.entity_id),
            "pairing": lambda: (
                self.pairing(event.entity_id)
                or self.pair(snap.get("mentor_id"), snap.get("mentee_id"))
            ),
            "proposal": lambda: self._proposal(event.entity_id, snap),
            "candidate": lambda: self.candidate(event.entity_id),
            "unit": lambda: self.unit(event.entity_id) or _text(snap.get("name")),
            "user": lambda: self.account(event.entity_id) or _text(snap.get("username")),
            "skill": lambda: self._skill(event.entity_id) or _text(snap.get("name")),
        }
        found = by_kind[event.entity]() if event.entity in by_kind else None
        return found or self._from_snapshot(snap)

    def _proposal(self, proposal_id: object, snap: dict[str, Any]) -> str | None:
        key = _as_int(proposal_id)
        row = self.session.get(Proposal, key) if key is not None else None
        if row is not None:
            return self.pair(row.mentor_id, row.mentee_id)
        return self.pair(snap.get("mentor_id"), snap.get("mentee_id"))

    def _skill(self, skill_id: object) -> str | None:
        key = _as_int(skill_id)
        row = self.session.get(Skill, key) if key is not None else None
        if row is None:
            return None
        return (row.name_en or row.name) if self.lang == "en" else row.name

    def _from_snapshot(self, snap: dict[str, Any]) -> str | None:
        """A name from the fields a record's snapshot carries (who or what it belongs to)."""
        if "mentor_id" in snap and "mentee_id" in snap:
            return self.pair(snap["mentor_id"], snap["mentee_id"])
        if "person_a_id" in snap and "person_b_id" in snap:
            return self.pair(snap["person_a_id"], snap["person_b_id"])
        for field, lookup in (
            ("person_id", self.person),
            ("pairing_id", self.pairing),
            ("candidate_id", self.candidate),
        ):
            if snap.get(field) is not None and (name := lookup(snap[field])):
                return name
        for field in ("name", "title", "code", "username"):
            if isinstance(snap.get(field), str) and snap[field]:
                return str(snap[field])
        return None

    def field_name(self, field: str, value: Any) -> str | None:
        """The name behind an id field of a snapshot (a person, a unit), if any."""
        if field in PERSON_FIELDS:
            return self.person(value)
        if field in ("unit_id", "recommending_unit_id"):
            return self.unit(value)
        if field == "pairing_id":
            return self.pairing(value)
        if field == "candidate_id":
            return self.candidate(value)
        return None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _snapshot(event: AuditEventPublic) -> dict[str, Any]:
    """The record's fields after the event, else before it ({} when neither is a record)."""
    for snap in (event.after, event.before):
        if isinstance(snap, dict):
            return snap
    return {}


def describe(
    session: Session, events: Iterable[AuditEventPublic], lang: str = "zh"
) -> list[EventView]:
    """Each event with its actor's name, its record's name and its time in the courts' zone."""
    names = Names(session, lang)
    zone = clock.court_zone()
    return [
        EventView(
            event=event,
            local_time=event.created_at.astimezone(zone),
            actor=names.actor(event),
            subject=names.subject(event),
        )
        for event in events
    ]


def field_changes(before: Any, after: Any, names: Names | None = None) -> list[FieldChange]:
    """The fields of ``before`` and ``after`` side by side, changed ones flagged.

    Snapshots that are not records (a list, a number) compare as one field ``value``.
    Fields appear in the record's order, those only ``before`` had at the end.
    """
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [FieldChange("value", before, after, before != after)]
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    fields = list(new) + [f for f in old if f not in new]
    changes = []
    for field in fields:
        was, now = old.get(field), new.get(field)
        changes.append(
            FieldChange(
                field,
                was,
                now,
                (field in old) != (field in new) or was != now,
                names.field_name(field, was) if names and was is not None else None,
                names.field_name(field, now) if names and now is not None else None,
            )
        )
    return changes


def get_event(session: Session, event_id: int) -> AuditEventPublic:
    """One event by id (NotFound, a 404, if there is no such event)."""
    return audit.public(get_row(session, AuditEvent, event_id, "audit_event"))


def actions_present(session: Session) -> list[str]:
    """Every action code the log holds, sorted: the choices of the 操作 filter."""
    return sorted(session.exec(select(AuditEvent.action).distinct()).all())


def entities_present(session: Session) -> list[str]:
    """Every kind of record the log holds, sorted: the choices of the 对象类型 filter."""
    return sorted(session.exec(select(AuditEvent.entity).distinct()).all())


def actor_options(session: Session) -> list[ActorOption]:
    """Every account, as the 操作人 filter offers them (by shown name, then id)."""
    names = Names(session)
    options = [
        ActorOption(user.id, user.username, names.account(user.id) or user.username)
        for user in session.exec(select(User)).all()
    ]
    return sorted(options, key=lambda o: (o.name, o.id))


def people_named(session: Session, text: str, limit: int = 200) -> list[int]:
    """Ids of people whose name contains ``text`` (for the 对象 filter by name)."""
    pattern = f"%{text.strip()}%"
    rows = session.exec(
        select(Person.id)
        .where(col(Person.name).like(pattern))
        .order_by(col(Person.id))
        .limit(limit)
    ).all()
    return list(rows)


NAMED_KINDS = ("person", "pairing", "candidate")
"""The kinds of record the 对象 filter finds by a person's name."""


def about_people(session: Session, query: AuditQuery, person_ids: list[int]) -> AuditQuery:
    """``query`` narrowed to the records of these people: their own (kind ``person``, the
    default), their pairings as mentor or mentee, or their reserve candidacies.

    An empty list narrows to nothing, so a name that matches nobody finds no event.
    Raises InvalidInput on ``entity`` for a kind of record no person's name picks out.
    """
    kind = query.entity or "person"
    if kind == "person":
        ids = list(person_ids)
    elif kind == "pairing":
        ids = list(
            session.exec(
                select(Pairing.id).where(
                    col(Pairing.mentor_id).in_(person_ids) | col(Pairing.mentee_id).in_(person_ids)
                )
            ).all()
        )
    elif kind == "candidate":
        ids = list(
            session.exec(
                select(ReserveCandidate.id).where(col(ReserveCandidate.person_id).in_(person_ids))
            ).all()
        )
    else:
        raise InvalidInput("entity", f"records of kind '{kind}' cannot be found by a name")
    return replace(query, entity=kind, entity_ids=tuple(str(i) for i in sorted(ids)))


def sensitive_reads(
    session: Session,
    *,
    query: AuditQuery | None = None,
    limit: int = 50,
    offset: int = 0,
    lang: str = "zh",
) -> list[SensitiveRead]:
    """The reads of candidates' sensitive files, newest first, filtered by ``query``."""
    query = replace(query or AuditQuery(), action=SENSITIVE_READ)
    events = audit.search_events(
        session, query=query, limit=limit, offset=offset, newest_first=True
    )
    names = Names(session, lang)
    zone = clock.court_zone()
    reads = []
    for event in events:
        after = event.after if isinstance(event.after, dict) else {}
        records = after.get("records")
        reads.append(
            SensitiveRead(
                event_id=event.id,
                seq=event.seq,
                local_time=event.created_at.astimezone(zone),
                reader_id=event.actor_id,
                reader=names.actor(event),
                person_id=_as_int(event.entity_id),
                person=names.person(event.entity_id),
                file=str(after.get("file", "")),
                records=records if isinstance(records, int) else None,
            )
        )
    return reads
