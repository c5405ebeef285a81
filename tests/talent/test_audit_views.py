"""Reading the audit log: filters (who, what, which record, local dates), names for ids,
the before/after comparison, sensitive reads, and the first broken event after tampering."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from models import AuditEvent, Pairing, User
from models.schemas import AuditEventPublic
from talent import audit, clock
from talent.audit import Actor, AuditQuery, day_bounds
from talent.audit import views as audit_views
from talent.audit.views import field_changes
from talent.errors import InvalidInput

PLANNER = Actor(2, "planner")
ADMIN = Actor(1, "admin")


def _accounts(session: Session, org: dict[str, int]) -> dict[str, User]:
    found = {}
    for uid, name, person in ((1, "admin", None), (2, "planner", org["senior2"])):
        user = User(id=uid, username=name, password_hash="x", role=name, person_id=person)
        session.add(user)
        found[name] = user
    session.commit()
    return found


def _history(session: Session, org: dict[str, int]) -> Pairing:
    pairing = Pairing(
        mentor_id=org["senior"], mentee_id=org["young"], link="1-2", start_date=clock.today()
    )
    session.add(pairing)
    session.flush()
    audit.record(
        session,
        actor=PLANNER,
        action="pairing.create",
        entity="pairing",
        entity_id=pairing.id,
        after=pairing,
    )
    audit.record(
        session,
        actor=ADMIN,
        action="person.update",
        entity="person",
        entity_id=org["clerk"],
        before={"name": "陈静", "position": "书记员"},
        after={"name": "陈静", "position": "速录员"},
    )
    audit.record(
        session,
        actor=PLANNER,
        action="unit.create",
        entity="unit",
        entity_id=org["filing"],
        after={"name": "立案庭"},
    )
    session.commit()
    return pairing


def test_filters_select_by_actor_action_entity_and_record(session, org) -> None:
    _accounts(session, org)
    _history(session, org)
    search = lambda **kw: [  # noqa: E731
        e.action for e in audit.search_events(session, query=AuditQuery(**kw))
    ]
    assert search() == ["pairing.create", "person.update", "unit.create"]
    assert search(actor_id=2) == ["pairing.create", "unit.create"]
    assert search(actor="admin") == ["person.update"]
    assert search(action="unit.create") == ["unit.create"]
    assert search(entity="person", entity_id=str(org["clerk"])) == ["person.update"]
    assert search(entity="person", entity_ids=()) == []
    assert audit.count_events(session, query=AuditQuery(actor_id=2)) == 2
    newest = audit.search_events(session, query=AuditQuery(), newest_first=True, limit=1)
    assert [e.action for e in newest] == ["unit.create"]
    # the fixed API helper still filters by entity alone
    assert [e.action for e in audit.list_events(session, entity="unit")] == ["unit.create"]


def test_local_days_are_shanghai_days(session, org) -> None:
    """07:30 on 5 May in Shanghai is 23:30 on 4 May in UTC: it belongs to 5 May."""
    _history(session, org)
    session.execute(
        text("UPDATE auditevent SET created_at = :at"),
        {"at": datetime(2026, 5, 4, 23, 30, tzinfo=UTC).replace(tzinfo=None)},
    )
    session.commit()
    start, end = day_bounds(date(2026, 5, 5), date(2026, 5, 5))
    assert start == datetime(2026, 5, 4, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 5, 5, 16, 0, tzinfo=UTC)

    def count(first: date | None, last: date | None) -> int:
        return audit.count_events(session, query=AuditQuery(date_from=first, date_to=last))

    assert count(date(2026, 5, 5), date(2026, 5, 5)) == 3
    assert count(date(2026, 5, 4), date(2026, 5, 4)) == 0
    assert count(None, date(2026, 5, 4)) == 0
    assert count(date(2026, 5, 6), None) == 0


def test_names_replace_ids(session, org) -> None:
    _accounts(session, org)
    _history(session, org)
    views = audit_views.describe(session, audit.search_events(session, query=AuditQuery()))
    assert [v.subject for v in views] == ["王建国—张伟", "陈静", "立案庭"]
    # the planner's account is linked to 李淑芬; the admin's to nobody
    assert [v.actor for v in views] == ["李淑芬", "admin", "李淑芬"]
    assert views[0].local_time.utcoffset() is not None
    assert views[0].local_time.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


def test_a_record_gone_is_still_named_from_its_snapshot(session, org) -> None:
    event = AuditEventPublic(
        id=1,
        seq=1,
        created_at=datetime.now(UTC),
        actor_id=None,
        actor_name="cli",
        action="conflict.create",
        entity="conflict",
        entity_id="99",
        before=None,
        after={"person_a_id": org["senior"], "person_b_id": org["clerk"]},
        hash="",
        prev_hash="",
    )
    (view,) = audit_views.describe(session, [event])
    assert view.subject == "王建国—陈静" and view.actor == "cli"


def test_field_changes_flag_what_changed(session, org) -> None:
    names = audit_views.Names(session)
    changes = field_changes(
        {"name": "甲", "mentor_id": org["senior"], "gone": 1},
        {"name": "甲", "mentor_id": org["senior2"], "new": True},
        names,
    )
    by_field = {c.field: c for c in changes}
    assert [c.field for c in changes] == ["name", "mentor_id", "new", "gone"]
    assert not by_field["name"].changed
    assert by_field["mentor_id"].changed
    assert (by_field["mentor_id"].before_name, by_field["mentor_id"].after_name) == (
        "王建国",
        "李淑芬",
    )
    assert by_field["new"].changed and by_field["gone"].changed
    assert field_changes(None, None) == []
    assert field_changes(None, {"a": 1})[0].changed


def test_sensitive_reads_name_reader_and_candidate(session, org) -> None:
    _accounts(session, org)
    audit.record(
        session,
        actor=PLANNER,
        action=audit_views.SENSITIVE_READ,
        entity="person",
        entity_id=org["young"],
        after={"file": "political_entries", "records": 3},
    )
    audit.record(session, actor=ADMIN, action="unit.create", entity="unit", entity_id=1)
    session.commit()
    (read,) = audit_views.sensitive_reads(session)
    assert (read.reader, read.person, read.file, read.records) == (
        "李淑芬",
        "张伟",
        "political_entries",
        3,
    )
    nobody = AuditQuery(entity="person", entity_id=str(org["clerk"]))
    assert audit_views.sensitive_reads(session, query=nobody) == []


def test_first_broken_event_is_found_after_tampering(session, org) -> None:
    _history(session, org)
    assert audit.verify(session).ok
    second = session.exec(select(AuditEvent).where(AuditEvent.seq == 2)).one()
    session.execute(
        text("UPDATE auditevent SET after = :after WHERE seq = 2"),
        {"after": '{"name": "陈静", "position": "庭长"}'},
    )
    session.commit()
    report = audit.verify(session)
    assert not report.ok
    assert (report.broken_seq, report.broken_id, report.kind) == (2, second.id, "edited")
    assert report.checked == 1


def test_options_list_what_the_log_holds(session, org) -> None:
    _accounts(session, org)
    _history(session, org)
    assert audit_views.actions_present(session) == [
        "pairing.create",
        "person.update",
        "unit.create",
    ]
    assert audit_views.entities_present(session) == ["pairing", "person", "unit"]
    options = audit_views.actor_options(session)
    assert {(o.username, o.name) for o in options} == {("admin", "admin"), ("planner", "李淑芬")}
    assert audit_views.people_named(session, "张") == [org["young"]]


def test_a_name_finds_a_persons_records_and_pairings(session, org) -> None:
    pairing = _history(session, org)
    people = audit_views.people_named(session, "王建国")
    as_person = audit_views.about_people(session, AuditQuery(), people)
    assert audit.count_events(session, query=as_person) == 0
    as_mentor = audit_views.about_people(session, AuditQuery(entity="pairing"), people)
    (event,) = audit.search_events(session, query=as_mentor)
    assert event.entity_id == str(pairing.id)
    with pytest.raises(InvalidInput):
        audit_views.about_people(session, AuditQuery(entity="unit"), people)
