"""Who may call the reserve routes: every route has one role guard and enforces it; the
political file and the negative list stay with reviewers and admins, and reading them is
audited."""

from __future__ import annotations

from sqlmodel import Session, col, select

from api.deps import RoleGuard
from api.routers import reserve
from models import AuditEvent
from tests.api.reserve.conftest import API
from tests.routes import check_api_guards, guarded, router_routes

REVIEWERS = {"admin", "reviewer"}
SUCCESSION = {"admin", "planner", "reviewer"}


def _routes():
    return guarded(router_routes(reserve.router.routes, API), RoleGuard)


def test_every_reserve_route_has_one_guard_and_the_right_roles() -> None:
    seen = 0
    for (method, path, _route), guard in _routes():
        expected = SUCCESSION if "/key-posts" in path or path.endswith("/succession") else REVIEWERS
        assert set(guard.roles) == expected, f"{method} {path}"
        seen += 1
    assert seen >= 40


def test_wrong_roles_get_403_and_no_token_401(client, auth_headers) -> None:
    assert check_api_guards(client, auth_headers, _routes()) >= 80


def test_planner_and_mentor_never_see_political_or_negative_entries(
    client, auth_headers, org
) -> None:
    person = org["young"]
    reviewer = auth_headers["reviewer"]
    entry = {"entry_date": "2025-06-01", "kind": "theory_study", "item": "主题教育专题研讨发言"}
    item = {
        "polarity": "negative",
        "item_date": "2025-03-01",
        "kind": "discipline",
        "item": "违反工作纪律被通报",
        "evidence": "通报文件",
    }
    assert (
        client.post(
            f"{API}/reserve/people/{person}/political-entries", json=entry, headers=reviewer
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"{API}/reserve/people/{person}/list-items", json=item, headers=reviewer
        ).status_code
        == 201
    )
    for role in ("planner", "mentor"):
        headers = auth_headers[role]
        for path in ("political-entries", "list-items", "list-items?polarity=negative"):
            assert (
                client.get(f"{API}/reserve/people/{person}/{path}", headers=headers).status_code
                == 403
            )
        assert (
            client.post(
                f"{API}/reserve/people/{person}/political-entries", json=entry, headers=headers
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"{API}/reserve/people/{person}/list-items", json=item, headers=headers
            ).status_code
            == 403
        )
        # nor through the pool, the pack or a person's eligibility
        for path in (
            "reserve/candidates",
            "reserve/review-pack",
            f"reserve/people/{person}/eligibility",
        ):
            assert client.get(f"{API}/{path}", headers=headers).status_code == 403


def test_reviewer_and_admin_read_them_and_each_read_is_logged(
    client, auth_headers, org, session: Session, users
) -> None:
    person = org["young"]
    reviewer = auth_headers["reviewer"]
    client.post(
        f"{API}/reserve/people/{person}/political-entries",
        json={
            "entry_date": "2025-06-01",
            "kind": "party_life",
            "item": "按时参加组织生活",
            "score": 92,
        },
        headers=reviewer,
    )
    client.post(
        f"{API}/reserve/people/{person}/list-items",
        json={
            "polarity": "negative",
            "item_date": "2025-03-01",
            "kind": "complaint",
            "item": "当事人投诉",
        },
        headers=reviewer,
    )
    for role in ("reviewer", "admin"):
        entries = client.get(
            f"{API}/reserve/people/{person}/political-entries", headers=auth_headers[role]
        )
        assert entries.status_code == 200 and [e["score"] for e in entries.json()] == [92]
        items = client.get(
            f"{API}/reserve/people/{person}/list-items",
            params={"polarity": "negative"},
            headers=auth_headers[role],
        )
        assert items.status_code == 200 and [i["kind"] for i in items.json()] == ["complaint"]
    reads = session.exec(
        select(AuditEvent)
        .where(AuditEvent.action == "reserve.sensitive.read")
        .order_by(col(AuditEvent.seq))
    ).all()
    assert [(e.actor_name, e.entity, e.entity_id) for e in reads] == [
        ("reviewer", "person", str(person)),
        ("reviewer", "person", str(person)),
        ("admin", "person", str(person)),
        ("admin", "person", str(person)),
    ]
    assert '"file": "political_entries"' in reads[0].after
    assert '"file": "list_items:negative"' in reads[1].after
    assert all(e.created_at is not None for e in reads)
