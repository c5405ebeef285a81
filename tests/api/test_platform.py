"""The platform endpoints: health, login and tokens, users, the audit trail."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD


def test_healthz(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_login_and_me(client, users) -> None:
    response = client.post(
        "/api/v1/auth/token", data={"username": "planner", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["access_token"]
    assert response.json()["token_type"] == "bearer"
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {
        "id": users["planner"].id,
        "username": "planner",
        "role": "planner",
        "person_id": None,
        "active": True,
    }


def test_bad_login_is_401_and_audited(client, users, auth_headers) -> None:
    response = client.post("/api/v1/auth/token", data={"username": "planner", "password": "wrong"})
    assert response.status_code == 401
    assert (
        client.post("/api/v1/auth/token", data={"username": "nobody", "password": "x"}).status_code
        == 401
    )
    events = client.get(
        "/api/v1/audit", params={"entity": "user"}, headers=auth_headers["admin"]
    ).json()
    failed = [e for e in events if e["action"] == "auth.login_failed"]
    assert [e["after"]["username"] for e in failed] == ["planner", "nobody"]


def test_garbage_and_expired_tokens_are_401(client, users) -> None:
    from talent.security import create_access_token

    assert (
        client.get("/api/v1/users/me", headers={"Authorization": "Bearer nonsense"}).status_code
        == 401
    )
    expired = create_access_token(users["admin"].id, "admin", minutes=-1)
    assert (
        client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {expired}"}).status_code
        == 401
    )


def test_create_user(client, auth_headers, org) -> None:
    body = {
        "username": "zhangsan",
        "password": "long-enough-pw",
        "role": "mentor",
        "person_id": org["young"],
    }
    response = client.post("/api/v1/users", json=body, headers=auth_headers["admin"])
    assert response.status_code == 201
    created = response.json()
    assert created["username"] == "zhangsan" and "password" not in str(created)
    assert client.post("/api/v1/users", json=body, headers=auth_headers["admin"]).status_code == 409
    bad_role = client.post(
        "/api/v1/users",
        json={**body, "username": "x1", "role": "boss"},
        headers=auth_headers["admin"],
    )
    assert bad_role.status_code == 422 and bad_role.json()["detail"][0]["loc"][-1] == "role"
    ghost = client.post(
        "/api/v1/users",
        json={**body, "username": "x2", "person_id": 99999},
        headers=auth_headers["admin"],
    )
    assert ghost.status_code == 404
    login = client.post(
        "/api/v1/auth/token", data={"username": "zhangsan", "password": "long-enough-pw"}
    )
    assert login.status_code == 200


def test_audit_records_writes_oldest_first(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    client.post("/api/v1/skills", json={"code": "ethics", "name": "廉政"}, headers=headers)
    client.patch(f"/api/v1/people/{org['young']}", json={"position": "法官"}, headers=headers)
    events = client.get("/api/v1/audit", headers=auth_headers["admin"]).json()
    assert [e["action"] for e in events] == ["skill.create", "person.update"]
    assert events[1]["before"]["position"] is None and events[1]["after"]["position"] == "法官"
    assert events[1]["prev_hash"] == events[0]["hash"]
    assert events[0]["actor_name"] == "planner"
    only = client.get(
        "/api/v1/audit",
        params={"entity": "person", "entity_id": str(org["young"])},
        headers=auth_headers["admin"],
    ).json()
    assert [e["action"] for e in only] == ["person.update"]
