"""The planner's pairings board through TestClient (SQLite and PostgreSQL): roles, filters
and paging, overdue flags with days since the last log, the escalation ladder and its next
step, ending a pairing (422 with values kept, 409 on a second end, the audit trail), and the
re-match queue with how long each mentee has waited."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from models import AuditEvent, Pairing, User
from models.matching_schemas import PairingEnd
from models.mentoring_schemas import LogCreate
from talent import clock
from talent.audit import Actor
from talent.mentoring import guidance, pairings
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in

TODAY = clock.today()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def board(session: Session, org: dict[str, int], users) -> dict[str, int]:
    """Three active pairings: ``quiet`` (senior -> young, 100 days, no log: overdue),
    ``fresh`` (senior2 -> young2, logged 3 days ago) and ``clerk`` (young -> clerk, 2-3)."""
    actor = Actor(None, "test")
    quiet = pairings.create_pairing(
        session, mentor_id=org["senior"], mentee_id=org["young"], actor=actor, start_date=ago(100)
    )
    fresh = pairings.create_pairing(
        session, mentor_id=org["senior2"], mentee_id=org["young2"], actor=actor, start_date=ago(60)
    )
    clerk = pairings.create_pairing(
        session, mentor_id=org["young"], mentee_id=org["clerk"], actor=actor, start_date=ago(10)
    )
    guidance.create_log(
        session,
        pairing_id=fresh.id,  # type: ignore[arg-type]
        body=LogCreate(date=ago(3), minutes=30, topic="mediation"),
        user=users["admin"],
        actor=Actor(users["admin"].id, "admin"),
    )
    return {"quiet": quiet.id, "fresh": fresh.id, "clerk": clerk.id}  # type: ignore[dict-item]


def rows_of(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-pairing="(\d+)"', html)]


def row_html(html: str, pairing_id: int) -> str:
    start = html.index(f'data-pairing="{pairing_id}"')
    end = html.find("data-pairing=", start + 10)
    return html[start : end if end > 0 else len(html)]


def audit_actions(session: Session, entity: str) -> list[tuple[str, str]]:
    session.expire_all()
    events = session.exec(select(AuditEvent).where(AuditEvent.entity == entity)).all()
    return [(e.action, e.actor_name) for e in events]


def test_only_planners_and_admins_open_the_board(client: TestClient, board) -> None:
    for role, status in (("mentor", 403), ("reviewer", 403), ("planner", 200), ("admin", 200)):
        client.cookies.clear()
        log_in(client, role, TEST_PASSWORD)
        assert client.get("/pairings").status_code == status, role
    client.cookies.clear()
    token = log_in(client, "mentor", TEST_PASSWORD)
    ended = client.post(
        f"/pairings/{board['quiet']}/end",
        data={"csrf_token": token, "status": "completed"},
    )
    assert ended.status_code == 403


def test_overdue_flags_days_since_the_last_log_and_the_overdue_filter(
    client: TestClient, board
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/pairings").text
    assert sorted(rows_of(html)) == sorted(board.values())
    assert "逾期未记录：1 对" in html
    quiet = row_html(html, board["quiet"])
    assert "逾期：100 天未记录" in quiet and "王建国" in quiet and "张伟" in quiet
    assert "逾期未记录" in quiet and ago(100 - 31).isoformat() in quiet  # the dated rung
    assert "提醒导师" in quiet  # the next step the service allows
    fresh = row_html(html, board["fresh"])
    assert "距上次记录 3 天" in fresh and "逾期" not in fresh and "提醒导师" not in fresh
    assert "尚无记录（结对 10 天）" in row_html(html, board["clerk"])
    overdue_only = client.get("/pairings?overdue=1").text
    assert rows_of(overdue_only) == [board["quiet"]]


def test_filters_by_link_unit_search_and_status(client: TestClient, board, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    assert rows_of(client.get("/pairings?link=2-3").text) == [board["clerk"]]
    assert sorted(rows_of(client.get(f"/pairings?unit={org['district']}").text)) == [board["fresh"]]
    assert sorted(rows_of(client.get("/pairings?q=张伟").text)) == sorted(
        [board["quiet"], board["clerk"]]
    )
    assert rows_of(client.get("/pairings?q=S002").text) == [board["fresh"]]
    assert rows_of(client.get("/pairings?q=张伟&link=1-2").text) == [board["quiet"]]
    assert rows_of(client.get("/pairings?status=completed").text) == []
    assert "没有符合条件的结对" in client.get("/pairings?status=completed").text
    bad = client.get("/pairings?unit=abc&link=9-9&status=gone")
    assert bad.status_code == 422
    for field in ("unit", "link", "status"):
        assert f'id="err-{field}"' in bad.text
    assert client.get("/pairings?q=%00").status_code == 422  # never reaches the database


def test_the_board_pages(client: TestClient, board, monkeypatch) -> None:
    from api.web.pages import pairings_board

    monkeypatch.setattr(pairings_board, "BOARD_SIZE", 2)
    log_in(client, "planner", TEST_PASSWORD)
    first = client.get("/pairings").text
    second = client.get("/pairings?page=2").text
    assert len(rows_of(first)) == 2 and len(rows_of(second)) == 1
    assert set(rows_of(first) + rows_of(second)) == set(board.values())
    assert 'rel="next"' in first and 'rel="prev"' in second
    monkeypatch.setattr(pairings_board, "BOARD_SIZE", 1)
    searched = [rows_of(client.get(f"/pairings?q=张伟&page={n}").text) for n in (1, 2, 3)]
    assert searched == [[board["quiet"]], [board["clerk"]], []]  # the filtered path pages too


def test_the_board_puts_the_longest_quiet_first(
    client: TestClient, board, auth_headers, session: Session
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    # quiet: 100 days since its start; clerk: 10 days since its start; fresh: logged 3 days ago.
    assert rows_of(client.get("/pairings").text) == [board["quiet"], board["clerk"], board["fresh"]]
    api = client.get(
        "/api/v1/pairings", params={"sort": "urgency"}, headers=auth_headers["planner"]
    ).json()
    assert [p["id"] for p in api] == [board["quiet"], board["clerk"], board["fresh"]]
    # An ended pairing goes after every active one, however long it was quiet.
    pairings.end_pairing(
        session,
        pairing_id=board["quiet"],
        body=PairingEnd(status="completed"),
        user=next(iter([u for u in session.exec(select(User)).all() if u.role == "admin"])),
        actor=Actor(None, "test"),
    )
    api = client.get(
        "/api/v1/pairings", params={"sort": "urgency"}, headers=auth_headers["planner"]
    ).json()
    assert [p["id"] for p in api] == [board["clerk"], board["fresh"], board["quiet"]]


def test_remind_then_escalate_each_dated_and_audited(
    client: TestClient, session: Session, board
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    quiet = board["quiet"]
    response = client.post(
        f"/pairings/{quiet}/escalation",
        data={"csrf_token": token, "step": "reminded", "note": "已电话提醒"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    html = client.get("/pairings").text
    row = row_html(html, quiet)
    assert "已提醒导师" in row and TODAY.isoformat() in row and "已电话提醒" in row
    assert "告知部门负责人" in row  # the next step
    out_of_order = client.post(
        f"/pairings/{quiet}/escalation",
        data={"csrf_token": token, "step": "reminded"},
    )
    assert "须按顺序处理" in out_of_order.text
    not_overdue = client.post(
        f"/pairings/{board['fresh']}/escalation", data={"csrf_token": token, "step": "reminded"}
    )
    assert "该结对没有逾期" in not_overdue.text
    client.post(f"/pairings/{quiet}/escalation", data={"csrf_token": token, "step": "escalated"})
    row = row_html(client.get("/pairings").text, quiet)
    assert "已告知导师所在部门负责人" in row and "告知部门负责人" not in row
    assert [a for a, _ in audit_actions(session, "pairing") if a.startswith("escalation")] == [
        "escalation.reminded",
        "escalation.escalated",
    ]


def test_completing_a_pairing_and_the_409_on_a_second_end(
    client: TestClient, session: Session, board
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    fresh = board["fresh"]
    bad = client.post(
        f"/pairings/{fresh}/end?overdue=",
        data={
            "csrf_token": token,
            "status": "completed",
            "outcome_rating": "9",
            "reason": "按期结业",
        },
    )
    assert bad.status_code == 422
    assert f'id="err-end-{fresh}-outcome_rating"' in bad.text
    assert 'value="按期结业"' in bad.text  # the reason as typed, in the re-opened form
    done = client.post(
        f"/pairings/{fresh}/end",
        data={
            "csrf_token": token,
            "status": "completed",
            "outcome_rating": "4",
            "reason": "按期结业",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/pairings")
    assert "已结业：刘洋 的结对" in client.get("/pairings").text
    session.expire_all()
    stored = session.get(Pairing, fresh)
    assert (stored.status, stored.outcome_rating, stored.end_reason) == ("completed", 4, "按期结业")
    again = client.post(
        f"/pairings/{fresh}/end",
        data={"csrf_token": token, "status": "dissolved", "reason_code": "other", "reason": "再试"},
    )
    assert again.status_code == 409
    assert "该结对已经结束，不能再次结束" in again.text
    session.expire_all()
    assert session.get(Pairing, fresh).status == "completed"
    assert ("pairing.completed", "planner") in audit_actions(session, "pairing")


def test_dissolving_needs_a_reason_and_queues_the_mentee_who_can_be_withdrawn(
    client: TestClient, session: Session, board
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    quiet = board["quiet"]
    missing = client.post(
        f"/pairings/{quiet}/end", data={"csrf_token": token, "status": "dissolved", "reason": ""}
    )
    assert missing.status_code == 422
    for field in ("reason", "reason_code"):
        assert f'id="err-end-{quiet}-{field}"' in missing.text
    assert re.search(r'value="dissolved" checked', missing.text)  # the choice is kept
    session.expire_all()
    assert session.get(Pairing, quiet).status == "active"
    done = client.post(
        f"/pairings/{quiet}/end",
        data={
            "csrf_token": token,
            "status": "dissolved",
            "reason_code": "seconded",
            "reason": "导师挂职",
            "outcome_rating": "2",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    html = client.get("/pairings").text
    assert "已进入重新匹配队列" in html
    queue = html[html.index('data-testid="queue"') :]
    assert "张伟" in queue and "导师挂职或借调" in queue and "王建国" in queue
    assert re.search(r'data-testid="waited-\d+">0 天<', queue)
    actions = audit_actions(session, "pairing") + audit_actions(session, "rematch_entry")
    assert ("pairing.dissolved", "planner") in actions and ("rematch.enqueue", "planner") in actions
    entry_id = int(re.search(r'data-testid="waited-(\d+)"', queue).group(1))
    empty = client.post(f"/rematch/{entry_id}/withdraw", data={"csrf_token": token, "reason": " "})
    assert empty.status_code == 422 and f'id="err-withdraw-{entry_id}"' in empty.text
    gone = client.post(
        f"/rematch/{entry_id}/withdraw",
        data={"csrf_token": token, "reason": "本人调离"},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    html = client.get("/pairings").text
    assert "已将 张伟 移出重新匹配队列" in html and "队列是空的" in html
    assert ("rematch.withdraw", "planner") in audit_actions(session, "rematch_entry")


def test_the_board_speaks_english(client: TestClient, board) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/pairings?lang=en").text
    assert "Re-match queue" in html and "Overdue: no log for 100 days" in html
    assert "重新匹配队列" not in html
