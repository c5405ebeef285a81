"""The accounts endpoints: list and filters, get, patch (role, person, active), password
reset and one's own password, roles, last_admin 409 and 422s naming the field (both databases)."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD

API = "/api/v1/users"


def _token(client, username: str, password: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_admin_lists_accounts_with_names_and_filters(client, auth_headers, users, org) -> None:
    admin = auth_headers["admin"]
    _token(client, "mentor", TEST_PASSWORD)
    listed = client.get(API, headers=admin)
    assert listed.status_code == 200
    rows = {row["username"]: row for row in listed.json()}
    assert set(rows) == {"admin", "planner", "mentor", "reviewer"}
    mentor = rows["mentor"]
    assert mentor["person_name"] == "王建国" and mentor["person_id"] == org["senior"]
    assert mentor["last_login"] is not None and rows["planner"]["last_login"] is None
    assert mentor["active"] is True and mentor["must_change_password"] is False
    assert all("password_hash" not in row for row in rows.values())
    only = client.get(API, params={"role": "mentor"}, headers=admin).json()
    assert [row["username"] for row in only] == ["mentor"]
    assert [r["username"] for r in client.get(API, params={"q": "王"}, headers=admin).json()] == [
        "mentor"
    ]
    assert client.get(API, params={"active": "false"}, headers=admin).json() == []
    assert len(client.get(API, params={"limit": 2}, headers=admin).json()) == 2
    one = client.get(f"{API}/{users['mentor'].id}", headers=admin)
    assert one.status_code == 200 and one.json()["person_name"] == "王建国"
    assert client.get(f"{API}/99999", headers=admin).status_code == 404


def test_only_admins_manage_accounts(client, auth_headers, users) -> None:
    target = users["reviewer"].id
    for role in ("planner", "mentor", "reviewer"):
        headers = auth_headers[role]
        assert client.get(API, headers=headers).status_code == 403
        assert client.get(f"{API}/{target}", headers=headers).status_code == 403
        patched = client.patch(f"{API}/{target}", json={"role": "admin"}, headers=headers)
        assert patched.status_code == 403
        reset = client.post(
            f"{API}/{target}/password-reset", json={"password": "x" * 10}, headers=headers
        )
        assert reset.status_code == 403
    assert client.get(API).status_code == 401


def test_patch_role_person_and_active(client, auth_headers, users, org) -> None:
    admin = auth_headers["admin"]
    planner_id = users["planner"].id
    patched = client.patch(
        f"{API}/{planner_id}", json={"role": "reviewer", "person_id": org["young"]}, headers=admin
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["role"] == "reviewer" and patched.json()["person_name"] == "张伟"
    taken = client.patch(f"{API}/{planner_id}", json={"person_id": org["senior"]}, headers=admin)
    assert taken.status_code == 409 and taken.json()["detail"]["rule"] == "person_has_account"
    # Deactivated: its token and its password stop working.
    planner = _token(client, "planner", TEST_PASSWORD)
    off = client.patch(f"{API}/{planner_id}", json={"active": False}, headers=admin)
    assert off.status_code == 200 and off.json()["active"] is False
    assert client.get(f"{API}/me", headers=planner).status_code == 401
    login = client.post(
        "/api/v1/auth/token", data={"username": "planner", "password": TEST_PASSWORD}
    )
    assert login.status_code == 401
    on = client.patch(f"{API}/{planner_id}", json={"active": True}, headers=admin)
    assert on.status_code == 200
    assert client.get(f"{API}/me", headers=planner).status_code == 200
    actions = [
        e["action"]
        for e in client.get(
            "/api/v1/audit",
            params={"entity": "user", "entity_id": str(planner_id)},
            headers=admin,
        ).json()
    ]
    assert actions == [
        "user.role_change",
        "user.person_link",
        "user.deactivate",
        "auth.login_failed",
        "user.reactivate",
    ]


def test_the_last_admin_gets_409_naming_the_rule(client, auth_headers, users) -> None:
    admin = auth_headers["admin"]
    admin_id = users["admin"].id
    for body in ({"active": False}, {"role": "planner"}):
        refused = client.patch(f"{API}/{admin_id}", json=body, headers=admin)
        assert refused.status_code == 409
        assert refused.json()["detail"]["rule"] == "last_admin"
    assert client.get(f"{API}/{admin_id}", headers=admin).json()["role"] == "admin"


def test_bad_bodies_are_422_naming_the_field(client, auth_headers, users) -> None:
    admin = auth_headers["admin"]
    target = users["reviewer"].id

    def field_of(response) -> str:  # type: ignore[no-untyped-def]
        assert response.status_code == 422, response.text
        return response.json()["detail"][0]["loc"][-1]

    assert field_of(client.patch(f"{API}/{target}", json={"role": "boss"}, headers=admin)) == "role"
    assert field_of(client.patch(f"{API}/{target}", json={"colour": 1}, headers=admin)) == "colour"
    assert field_of(client.patch(f"{API}/{target}", json={"active": "maybe"}, headers=admin)) == (
        "active"
    )
    short = client.post(f"{API}/{target}/password-reset", json={"password": "short"}, headers=admin)
    assert field_of(short) == "password"
    assert field_of(client.get(API, params={"role": "boss"}, headers=admin)) == "role"
    assert client.patch(f"{API}/abc", json={}, headers=admin).status_code == 422
    assert client.patch(f"{API}/99999", json={"active": False}, headers=admin).status_code == 404


def test_reset_marks_the_token_and_the_user_changes_it(client, auth_headers, users) -> None:
    admin = auth_headers["admin"]
    mentor_id = users["mentor"].id
    reset = client.post(
        f"{API}/{mentor_id}/password-reset", json={"password": "Temp-pass-4711"}, headers=admin
    )
    assert reset.status_code == 200 and reset.json()["must_change_password"] is True
    assert "Temp-pass-4711" not in reset.text
    token = client.post(
        "/api/v1/auth/token", data={"username": "mentor", "password": "Temp-pass-4711"}
    )
    assert token.status_code == 200 and token.json()["must_change_password"] is True
    mentor = {"Authorization": f"Bearer {token.json()['access_token']}"}
    wrong = client.post(
        f"{API}/me/password",
        json={"current_password": "nope", "new_password": "my-own-pass-1"},
        headers=mentor,
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"][-1] == "current_password"
    short = client.post(
        f"{API}/me/password",
        json={"current_password": "Temp-pass-4711", "new_password": "short"},
        headers=mentor,
    )
    assert short.status_code == 422 and short.json()["detail"][0]["loc"][-1] == "new_password"
    changed = client.post(
        f"{API}/me/password",
        json={"current_password": "Temp-pass-4711", "new_password": "my-own-pass-1"},
        headers=mentor,
    )
    assert changed.status_code == 200 and changed.json()["username"] == "mentor"
    again = client.post(
        "/api/v1/auth/token", data={"username": "mentor", "password": "my-own-pass-1"}
    )
    assert again.json()["must_change_password"] is False
    events = client.get("/api/v1/audit", params={"entity": "user"}, headers=admin).text
    assert "Temp-pass-4711" not in events and "my-own-pass-1" not in events


def test_every_role_changes_its_own_password(client, auth_headers) -> None:
    for role, headers in auth_headers.items():
        response = client.post(
            f"{API}/me/password",
            json={"current_password": TEST_PASSWORD, "new_password": f"{role}-new-pass"},
            headers=headers,
        )
        assert response.status_code == 200, (role, response.text)
        _token(client, role, f"{role}-new-pass")
    assert client.post(f"{API}/me/password", json={}).status_code == 401
