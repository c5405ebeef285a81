"""The audit-log page through TestClient (SQLite and PostgreSQL): filters, names instead of
ids, one event's before/after, the chain's status, roles, and the sensitive reads."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from api.deps import actor_of
from models import User
from models.audit import AuditEvent
from models.reserve_schemas import CandidateCreate, PoliticalEntryCreate
from talent.reserve import candidates as reserve_candidates
from talent.reserve import records as reserve_records
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in

API = "/api/v1"
PAGE = "/admin/audit"


@pytest.fixture
def history(client: TestClient, auth_headers: dict, org: dict[str, int]) -> dict[str, int]:
    """A pairing 王建国—张伟 made and a person renamed, through the API (both audited)."""
    made = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"]},
        headers=auth_headers["planner"],
    )
    assert made.status_code == 201, made.text
    renamed = client.patch(
        f"{API}/people/{org['clerk']}",
        json={"position": "书记员（速录）"},
        headers=auth_headers["planner"],
    )
    assert renamed.status_code == 200, renamed.text
    return {"pairing": made.json()["id"]}


def _event_id(session: Session, action: str) -> int:
    found = session.exec(
        select(AuditEvent.id).where(AuditEvent.action == action).order_by(col(AuditEvent.seq))
    ).first()
    assert found is not None, action
    return found


def _rows(html: str, testid: str) -> list[str]:
    return re.findall(rf'<td[^>]*data-testid="{testid}"[^>]*>(.*?)</td>', html, re.S)


def test_the_log_names_actors_actions_and_records(client: TestClient, users, history) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "审计链完整：共 2 条记录已核验" in page.text
    assert "建立结对" in _rows(page.text, "action")
    assert "王建国—张伟" in [s.strip() for s in _rows(page.text, "subject")]
    assert "陈静" in [s.strip() for s in _rows(page.text, "subject")]
    assert set(_rows(page.text, "actor")) == {"planner"}
    # the filter choices: accounts by name, actions present with their words
    assert '<option value="pairing.create"' in page.text and "修改人员信息" in page.text


def test_filters_narrow_the_log(client: TestClient, users, history, org) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    only_pairings = client.get(PAGE, params={"action": "pairing.create"})
    assert _rows(only_pairings.text, "action") == ["建立结对"]
    by_entity = client.get(PAGE, params={"entity": "person"})
    assert [s.strip() for s in _rows(by_entity.text, "subject")] == ["陈静"]
    by_name = client.get(PAGE, params={"subject": "陈"})
    assert [s.strip() for s in _rows(by_name.text, "subject")] == ["陈静"]
    pairings_of = client.get(PAGE, params={"entity": "pairing", "subject": "王建国"})
    assert [s.strip() for s in _rows(pairings_of.text, "subject")] == ["王建国—张伟"]
    wrong_kind = client.get(PAGE, params={"entity": "unit", "subject": "王建国"})
    assert wrong_kind.status_code == 422 and 'id="err-subject"' in wrong_kind.text
    nobody = client.get(PAGE, params={"subject": "不存在的人"})
    assert _rows(nobody.text, "subject") == [] and "没有符合条件的审计记录" in nobody.text
    by_admin = client.get(PAGE, params={"actor": str(users["admin"].id)})
    assert _rows(by_admin.text, "action") == []
    by_planner = client.get(PAGE, params={"actor": str(users["planner"].id)})
    assert len(_rows(by_planner.text, "action")) == 2
    past = client.get(PAGE, params={"date_to": "2000-01-01"})
    assert _rows(past.text, "action") == []
    bad = client.get(PAGE, params={"date_from": "2026-05-04", "date_to": "2026-05-01"})
    assert bad.status_code == 422 and "结束日期不能早于开始日期" in bad.text
    unreadable = client.get(PAGE, params={"date_from": "yesterday"})
    assert unreadable.status_code == 422 and 'id="err-date_from"' in unreadable.text


def test_an_event_shows_its_fields_before_and_after(
    client: TestClient, session: Session, users, history
) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    event_id = _event_id(session, "person.update")
    page = client.get(f"{PAGE}/events/{event_id}")
    assert page.status_code == 200
    assert "修改人员信息" in page.text and "陈静" in page.text
    changed = re.findall(
        r'<tr class="audit-changed" data-testid="changed-field">(.*?)</tr>', page.text, re.S
    )
    position = [row for row in changed if "职务" in row]
    assert len(position) == 1 and "书记员（速录）" in position[0]
    assert not any("姓名" in row for row in changed)  # unchanged fields are not flagged
    assert "+00:00" not in page.text  # times in the snapshot show in local time
    pairing = client.get(f"{PAGE}/events/{_event_id(session, 'pairing.create')}")
    assert "王建国—张伟" in pairing.text
    assert "导师" in pairing.text and "（王建国）" in pairing.text  # the id field shows its name
    assert client.get(f"{PAGE}/events/999999").status_code == 404


def test_a_tampered_row_is_named_with_a_link(
    client: TestClient, session: Session, users, history
) -> None:
    first = _event_id(session, "pairing.create")
    session.execute(
        text("UPDATE auditevent SET actor_name = 'someone' WHERE id = :id"), {"id": first}
    )
    session.commit()
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(PAGE)
    assert "审计链自第 1 条记录起被篡改" in page.text
    assert f'href="/admin/audit/events/{first}" data-testid="broken-link"' in page.text
    detail = client.get(f"{PAGE}/events/{first}")
    assert 'data-testid="event-broken"' in detail.text


@pytest.mark.parametrize("role", ["planner", "mentor", "reviewer"])
def test_only_admins_see_the_log(client: TestClient, users, role: str) -> None:
    log_in(client, role, TEST_PASSWORD)
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}/events/1").status_code == 403
    client.cookies.clear()
    logged_out = client.get(PAGE, follow_redirects=False)
    assert logged_out.status_code == 303 and logged_out.headers["location"].startswith("/login")


def test_a_sensitive_read_names_the_reviewer_and_the_candidate(
    client: TestClient, session: Session, users: dict[str, User], org: dict[str, int]
) -> None:
    reviewer = session.get(User, users["reviewer"].id)
    assert reviewer is not None
    reviewer.person_id = org["senior2"]  # 李淑芬 reviews for the pool
    session.add(reviewer)
    session.commit()
    actor = actor_of(reviewer)
    reserve_records.add_political_entry(
        session,
        person_id=org["young"],
        body=PoliticalEntryCreate(
            entry_date="2025-12-15", kind="annual_review", item="政治立场坚定"
        ),
        actor=actor,
    )
    candidate = reserve_candidates.nominate(
        session, body=CandidateCreate(person_id=org["young"], reason="业务骨干"), actor=actor
    )
    session.commit()
    log_in(client, "reviewer", TEST_PASSWORD)
    assert client.get(f"/reserve/candidates/{candidate.id}").status_code == 200
    client.cookies.clear()
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(PAGE, params={"view": "sensitive"})
    assert page.status_code == 200
    readers = _rows(page.text, "reader")
    people = _rows(page.text, "read-person")
    assert readers and set(readers) == {"李淑芬"}
    assert set(people) == {"张伟"}
    assert "政治素质档案" in page.text and "正负面清单" in page.text
    # filtered by whose file: nobody read 陈静's
    assert (
        _rows(client.get(PAGE, params={"view": "sensitive", "subject": "陈静"}).text, "reader")
        == []
    )
    # the log itself shows the read with its word, and the API lists it too
    assert "查阅敏感档案" in client.get(PAGE, params={"action": "reserve.sensitive.read"}).text


def test_the_log_speaks_english_on_request(
    client: TestClient, session: Session, users, history
) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(PAGE, params={"lang": "en"})
    assert page.status_code == 200 and 'lang="en"' in page.text
    assert "The audit chain is intact: 2 records verified" in page.text
    assert "Pairing created" in page.text and "Sensitive reads" in page.text
    detail = client.get(f"{PAGE}/events/{_event_id(session, 'person.update')}")
    assert "Before and after" in detail.text
