"""The hash chain catches an edited, inserted, deleted or cut-off event, and names it."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from talent import audit
from talent.audit import Actor, verify

ACTOR = Actor(7, "planner")


def _write(session: Session, n: int) -> None:
    for i in range(n):
        audit.record(
            session,
            actor=ACTOR,
            action="person.update",
            entity="person",
            entity_id=i,
            after={"name": f"人{i}"},
        )
    session.commit()


def test_fresh_chain_verifies(session) -> None:
    assert verify(session).ok and verify(session).checked == 0
    _write(session, 5)
    report = verify(session)
    assert report.ok and report.checked == 5


def test_edited_event_is_named(session) -> None:
    _write(session, 5)
    session.execute(text('UPDATE auditevent SET after = \'{"name": "篡改"}\' WHERE seq = 3'))
    session.commit()
    report = verify(session)
    assert not report.ok and report.broken_seq == 3 and "edited" in report.problem


def test_deleted_event_is_named(session) -> None:
    _write(session, 5)
    session.execute(text("DELETE FROM auditevent WHERE seq = 2"))
    session.commit()
    report = verify(session)
    assert not report.ok and report.broken_seq == 3


def test_cut_off_tail_is_caught(session) -> None:
    _write(session, 5)
    session.execute(text("DELETE FROM auditevent WHERE seq = 5"))
    session.commit()
    report = verify(session)
    assert not report.ok and "cut off" in report.problem


def test_inserted_event_is_caught(session) -> None:
    _write(session, 3)
    session.execute(
        text(
            "INSERT INTO auditevent (seq, created_at, actor_name, action, entity, prev_hash, hash) "
            "VALUES (4, '2026-01-01 00:00:00', 'intruder', 'person.update', 'person', 'x', 'y')"
        )
    )
    session.commit()
    report = verify(session)
    assert not report.ok and report.broken_seq == 4


def test_failed_write_leaves_no_event(session) -> None:
    _write(session, 2)
    audit.record(session, actor=ACTOR, action="person.create", entity="person", entity_id=1)
    session.rollback()
    _write(session, 1)
    report = verify(session)
    assert report.ok and report.checked == 3


def test_secrets_never_reach_the_log() -> None:
    assert "password_hash" not in (audit.snapshot({"username": "a", "password_hash": "h"}) or "")


def test_each_break_is_named_by_its_kind(session) -> None:
    """``kind`` words the break for the audit page: edited, a gap, a broken link, a cut tail."""
    _write(session, 5)
    assert verify(session).kind is None
    session.execute(text("UPDATE auditevent SET actor_name = 'x' WHERE seq = 4"))
    session.commit()
    edited = verify(session)
    assert (edited.kind, edited.broken_seq, edited.checked) == ("edited", 4, 3)
    session.execute(text("DELETE FROM auditevent WHERE seq >= 4"))
    session.commit()
    assert verify(session).kind == "cut_off"
    session.execute(text("DELETE FROM auditevent WHERE seq = 2"))
    session.commit()
    assert verify(session).kind == "sequence_gap"
