"""GET /api/v1/audit filters (who, what, which record, local dates, paging), the chain's
verification and the sensitive reads, admin only."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from talent import clock

API = "/api/v1"


def _history(client: TestClient, auth_headers: dict, org: dict[str, int]) -> None:
    planner = auth_headers["planner"]
    made = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"]},
        headers=planner,
    )
    assert made.status_code == 201, made.text
    for position in ("书记员（速录）", "书记员"):
        changed = client.patch(
            f"{API}/people/{org['clerk']}", json={"position": position}, headers=planner
        )
        assert changed.status_code == 200, changed.text


def test_filters_and_paging(client: TestClient, auth_headers, users, org) -> None:
    _history(client, auth_headers, org)
    admin = auth_headers["admin"]

    def actions(**params: object) -> list[str]:
        response = client.get(f"{API}/audit", params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [e["action"] for e in response.json()]

    assert actions() == ["pairing.create", "person.update", "person.update"]
    assert actions(action="person.update", limit=1, offset=1) == ["person.update"]
    assert actions(actor="planner") == actions()
    assert actions(actor_id=users["admin"].id) == []
    assert actions(entity="person", entity_id=str(org["clerk"])) == ["person.update"] * 2
    today = clock.today()
    assert len(actions(date_from=(today - timedelta(days=1)).isoformat())) == 3
    assert actions(date_to=(today - timedelta(days=2)).isoformat()) == []
    events = client.get(f"{API}/audit", headers=admin).json()
    assert {
        "id",
        "seq",
        "created_at",
        "actor_name",
        "action",
        "entity",
        "entity_id",
        "before",
        "after",
        "hash",
        "prev_hash",
    } <= set(events[0])


def test_bad_filters_are_422_with_the_field(client: TestClient, auth_headers, users) -> None:
    admin = auth_headers["admin"]
    swapped = client.get(
        f"{API}/audit", params={"date_from": "2026-05-04", "date_to": "2026-05-01"}, headers=admin
    )
    assert swapped.status_code == 422 and "date_to" in swapped.text
    unreadable = client.get(f"{API}/audit", params={"date_from": "May"}, headers=admin)
    assert unreadable.status_code == 422 and "date_from" in unreadable.text
    assert client.get(f"{API}/audit", params={"limit": 501}, headers=admin).status_code == 422


def test_verify_names_the_first_broken_event(
    client: TestClient, session: Session, auth_headers, users, org
) -> None:
    _history(client, auth_headers, org)
    admin = auth_headers["admin"]
    report = client.get(f"{API}/audit/verify", headers=admin).json()
    assert report["ok"] and report["checked"] == 3
    session.execute(text("UPDATE auditevent SET actor_name = 'x' WHERE seq = 2"))
    session.commit()
    report = client.get(f"{API}/audit/verify", headers=admin).json()
    assert not report["ok"] and report["broken_seq"] == 2 and report["kind"] == "edited"


def test_sensitive_reads_list_reader_and_file(client: TestClient, auth_headers, users, org) -> None:
    read = client.get(
        f"{API}/reserve/people/{org['young']}/political-entries", headers=auth_headers["reviewer"]
    )
    assert read.status_code == 200, read.text
    reads = client.get(f"{API}/audit/sensitive-reads", headers=auth_headers["admin"]).json()
    assert len(reads) == 1
    assert reads[0]["reader"] == "reviewer" and reads[0]["person"] == "张伟"
    assert reads[0]["file"] == "political_entries" and reads[0]["person_id"] == org["young"]
    other = client.get(
        f"{API}/audit/sensitive-reads",
        params={"person_id": org["clerk"]},
        headers=auth_headers["admin"],
    ).json()
    assert other == []


def test_only_admins(client: TestClient, auth_headers, users) -> None:
    for path in ("/audit", "/audit/verify", "/audit/sensitive-reads"):
        for role in ("planner", "mentor", "reviewer"):
            assert client.get(API + path, headers=auth_headers[role]).status_code == 403
        assert client.get(API + path).status_code == 401
