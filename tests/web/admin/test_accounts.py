"""The admin's pages and every user's password page through TestClient: the accounts list by
name, creating an account for a person, role, reset, deactivate with the last_admin rule,
the forced change of a temporary password, CSRF and English (both databases)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from starlette.routing import NoMatchFound

from models import AuditEvent, User
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import csrf_of, log_in

USERS = "/admin/users"


def _row(page: str, username: str) -> str:
    found = re.search(rf'<tr id="account-\d+" data-username="{username}">(.*?)</tr>', page, re.S)
    assert found, f"no row for {username}"
    return found.group(1)


def _flashes(page: str) -> list[str]:
    return [
        html.unescape(t) for t in re.findall(r'<div class="flash flash-\w+"[^>]*>(.*?)</div>', page)
    ]


def _user(session: Session, username: str) -> User:
    session.expire_all()
    user = session.exec(select(User).where(User.username == username)).first()
    assert user is not None
    return user


def test_the_admin_landing_links_to_the_accounts(app: FastAPI, client: TestClient, users) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    home = client.get("/")
    assert 'href="/admin"' in home.text  # the navigation entry
    page = client.get("/admin")
    assert page.status_code == 200
    assert 'href="/admin/users"' in page.text and "账号管理" in page.text
    try:
        app.url_path_for("web.audit_log")
        has_audit = True
    except NoMatchFound:
        has_audit = False
    assert ("<h2>查看审计日志</h2>" in page.text) == has_audit
    english = client.get("/admin?lang=en")
    assert "Accounts" in english.text and "账号管理" not in english.text


def test_the_list_shows_names_roles_and_local_login_times(
    client: TestClient, session: Session, users
) -> None:
    mentor = users["mentor"]
    mentor.last_login_at = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    session.add(mentor)
    session.commit()
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(USERS).text
    row = _row(page, "mentor")
    assert "王建国" in row and "民事审判第一庭" in row and "导师" in row
    assert "2026-03-02 07:30" in row  # Asia/Shanghai, UTC+8
    assert "从未登录" in _row(page, "planner")
    assert "本人" in _row(page, "admin")
    assert f">{mentor.id}<" not in row  # names, never ids
    only = client.get(USERS, params={"role": "mentor"}).text
    assert 'data-username="mentor"' in only and 'data-username="planner"' not in only
    found = client.get(USERS, params={"q": "王建"}).text
    assert 'data-username="mentor"' in found and 'data-username="admin"' not in found
    none = client.get(USERS, params={"status": "inactive"}).text
    assert "没有符合条件的账号" in none


def test_the_person_picker_offers_people_without_an_account(client: TestClient, users) -> None:
    log_in(client, "admin", TEST_PASSWORD)
    page = client.get(USERS, params={"person_q": "王"}).text
    assert "王建国" not in page.split('id="create"')[1]  # the mentor account has him
    page = client.get(USERS, params={"person_q": "张"}).text
    options = re.findall(
        r'<option value="(\d+)"[^>]*>([^<]*)</option>', page.split('id="create"')[1]
    )
    assert [name.split(" · ")[0] for _, name in options] == ["张伟"]
    assert "selected" in page.split('id="person_id"')[1].split("</select>")[0]
    nobody = client.get(USERS, params={"person_q": "欧阳"}).text
    assert "没有找到“欧阳”" in nobody


def test_admin_creates_an_account_for_a_person(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "admin", TEST_PASSWORD)
    form = {
        "csrf_token": token,
        "person_id": str(org["young"]),
        "username": "zhangw",
        "role": "mentor",
        "password": "Temp-pass-4711",
    }
    created = client.post(USERS, data=form, follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == USERS
    page = client.get(USERS).text
    assert any(f.startswith("已为 张伟 创建账号 zhangw") for f in _flashes(page))
    row = _row(page, "zhangw")
    assert "张伟" in row and "待修改临时密码" in row
    account = _user(session, "zhangw")
    assert account.person_id == org["young"] and account.must_change_password
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "user.create")).one()
    assert "Temp-pass-4711" not in (event.after or "")
    # The same person again, a taken username, missing fields: the form says which.
    again = client.post(USERS, data={**form, "username": "zhangw2"})
    assert again.status_code == 409 and "张伟 已经有账号了" in html.unescape(again.text)
    taken = client.post(USERS, data={**form, "person_id": str(org["clerk"])})
    assert taken.status_code == 409 and "用户名 zhangw 已被占用" in html.unescape(taken.text)
    empty = client.post(USERS, data={"csrf_token": token, "password": "short"})
    assert empty.status_code == 422
    for field in ("person_id", "username", "role", "password"):
        assert f'id="err-{field}"' in empty.text, field
    unlinked = client.post(
        USERS, data={**form, "person_id": "none", "username": "admin2", "role": "admin"}
    )
    assert unlinked.status_code == 200  # followed the redirect
    assert "已创建账号 admin2" in html.unescape(unlinked.text)


def test_role_reset_deactivate_and_the_last_admin(
    client: TestClient, session: Session, users
) -> None:
    token = log_in(client, "admin", TEST_PASSWORD)
    mentor_id, admin_id = users["mentor"].id, users["admin"].id
    page = client.post(f"{USERS}/{mentor_id}/role", data={"csrf_token": token, "role": "planner"})
    assert "已将 王建国（mentor） 的角色改为 人事干部。" in _flashes(page.text)
    page = client.post(
        f"{USERS}/{mentor_id}/password-reset", data={"csrf_token": token, "password": "Temp-4711-x"}
    )
    assert any(f.startswith("已重置 王建国（mentor） 的密码") for f in _flashes(page.text))
    assert _user(session, "mentor").must_change_password
    short = client.post(
        f"{USERS}/{mentor_id}/password-reset", data={"csrf_token": token, "password": "x"}
    )
    assert any("临时密码需 8 到 128 个字符" in f for f in _flashes(short.text))
    page = client.post(f"{USERS}/{mentor_id}/deactivate", data={"csrf_token": token})
    assert "已停用 王建国（mentor） 的账号，其不能再登录。" in _flashes(page.text)
    assert "已停用" in _row(page.text, "mentor")
    page = client.post(f"{USERS}/{mentor_id}/reactivate", data={"csrf_token": token})
    assert "已重新启用 王建国（mentor） 的账号。" in _flashes(page.text)
    for action, data in (("deactivate", {}), ("role", {"role": "reviewer"})):
        page = client.post(f"{USERS}/{admin_id}/{action}", data={"csrf_token": token, **data})
        assert page.status_code == 200
        assert any("admin 是最后一个在用的系统管理员" in f for f in _flashes(page.text)), action
    admin = _user(session, "admin")
    assert admin.active and admin.role == "admin"
    # Back to the list with the filters it had (and nothing else from the form).
    kept = client.post(
        f"{USERS}/{mentor_id}/role",
        data={"csrf_token": token, "role": "mentor", "back": "role=planner&q=王&next=//evil"},
        follow_redirects=False,
    )
    assert kept.status_code == 303
    assert kept.headers["location"] == "/admin/users?q=%E7%8E%8B&role=planner"
    assert client.post(f"{USERS}/99999/deactivate", data={"csrf_token": token}).status_code == 404
    # Without the CSRF token nothing changes.
    forged = client.post(f"{USERS}/{mentor_id}/deactivate", data={})
    assert forged.status_code == 403 and _user(session, "mentor").active


def test_a_temporary_password_must_be_changed_before_any_other_page(
    client: TestClient, session: Session, users
) -> None:
    token = log_in(client, "admin", TEST_PASSWORD)
    client.post(
        f"{USERS}/{users['planner'].id}/password-reset",
        data={"csrf_token": token, "password": "Temp-4711-x"},
    )
    client.cookies.clear()
    form = csrf_of(client.get("/login").text)
    login = client.post(
        "/login",
        data={
            "username": "planner",
            "password": "Temp-4711-x",
            "csrf_token": form,
            "next": "/roster",
        },
        follow_redirects=False,
    )
    assert login.headers["location"] == "/account/password?next=%2Froster"
    for path in ("/", "/roster", "/matching"):
        page = client.get(path)
        assert page.url.path == "/account/password", path
        assert 'data-testid="must-change"' in page.text
    token = csrf_of(client.get("/account/password").text)
    change = {"csrf_token": token, "current_password": "Temp-4711-x", "next": "/roster"}
    wrong = client.post(
        "/account/password",
        data={
            **change,
            "current_password": "nope",
            "new_password": "my-own-pass-1",
            "new_password_again": "my-own-pass-1",
        },
    )
    assert wrong.status_code == 422 and "当前密码不正确" in wrong.text
    mismatch = client.post(
        "/account/password",
        data={**change, "new_password": "my-own-pass-1", "new_password_again": "my-own-pass-2"},
    )
    assert mismatch.status_code == 422 and "两次输入的新密码不一致" in mismatch.text
    short = client.post(
        "/account/password", data={**change, "new_password": "short", "new_password_again": "short"}
    )
    assert short.status_code == 422 and "新密码至少 8 个字符" in short.text
    done = client.post(
        "/account/password",
        data={**change, "new_password": "my-own-pass-1", "new_password_again": "my-own-pass-1"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/roster"
    roster = client.get("/roster")
    assert roster.url.path == "/roster"
    assert "密码已修改，下次登录请使用新密码。" in _flashes(roster.text)
    assert not _user(session, "planner").must_change_password


def test_every_role_has_the_password_link_and_page(client: TestClient, users) -> None:
    for role in ("admin", "planner", "mentor", "reviewer"):
        client.cookies.clear()
        log_in(client, role, TEST_PASSWORD)
        home = client.get("/").text
        assert 'href="/account/password"' in home, role
        page = client.get("/account/password")
        assert page.status_code == 200 and "修改密码" in page.text
        assert role in page.text


def test_non_admins_get_403_on_the_admin_pages(client: TestClient, users) -> None:
    for role in ("planner", "mentor", "reviewer"):
        client.cookies.clear()
        token = log_in(client, role, TEST_PASSWORD)
        assert client.get("/admin").status_code == 403
        assert client.get(USERS).status_code == 403
        refused = client.post(f"{USERS}/{users['admin'].id}/deactivate", data={"csrf_token": token})
        assert refused.status_code == 403
        assert 'href="/admin"' not in client.get("/").text


def test_deactivating_ends_the_page_session_and_english_flashes(
    app: FastAPI, client: TestClient, users
) -> None:
    with TestClient(app) as mentor:
        log_in(mentor, "mentor", TEST_PASSWORD)
        assert mentor.get("/mentees").status_code == 200
        token = log_in(client, "admin", TEST_PASSWORD)
        page = client.post(
            f"{USERS}/{users['mentor'].id}/deactivate?lang=en", data={"csrf_token": token}
        )
        flashed = "王建国 (mentor)&#39;s account is deactivated and can no longer log in."
        assert flashed in page.text
        gone = mentor.get("/mentees", follow_redirects=False)
        assert gone.status_code == 303 and gone.headers["location"].startswith("/login")
