"""Page tests through TestClient: login, sessions, CSRF, roles, language, forms (SQLite and PostgreSQL)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from talent.audit import Actor
from talent.mentoring import pairings
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import csrf_of, log_in

HOME_MARKERS = {
    "admin": "系统管理",
    "planner": "最新匹配批次",
    "mentor": "我的徒弟",
    "reviewer": "查看入库人员的任职资格、成熟度和九宫格位置，记录评审意见。",
}


def test_home_redirects_to_login_when_logged_out(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_login_form_has_the_fixed_fields_and_speaks_chinese(client: TestClient) -> None:
    response = client.get("/login")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="zh-CN">' in html
    assert 'name="username"' in html and 'name="password"' in html
    assert re.search(r'<input type="hidden" name="csrf_token" value="[^"]+">', html)
    assert "登录" in html


@pytest.mark.parametrize("role", ["admin", "planner", "mentor", "reviewer"])
def test_login_sets_the_session_cookie_and_lands_on_the_role_home(
    client: TestClient, users, role: str
) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": role, "password": TEST_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if "talent_session=" in c)
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags
    home = client.get("/")
    assert home.status_code == 200
    assert HOME_MARKERS[role] in home.text
    assert 'data-testid="who"' in home.text and role in home.text


def test_session_cookie_is_secure_over_https(app, users) -> None:
    with TestClient(app, base_url="https://testserver") as client:
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={"username": "planner", "password": TEST_PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
    cookie = next(c for c in response.headers.get_list("set-cookie") if "talent_session=" in c)
    assert "secure" in cookie.lower()


def test_bad_login_shows_the_form_again_with_the_message_and_the_username(
    client: TestClient, users
) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": "planner", "password": "wrong-password", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code in (200, 401)
    assert "用户名或密码错误" in response.text
    assert 'value="planner"' in response.text
    assert "wrong-password" not in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_empty_login_fields_get_messages_next_to_them(client: TestClient, users) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "  ", "password": "", "csrf_token": token})
    assert response.status_code == 200
    assert 'id="err-username"' in response.text and 'id="err-password"' in response.text


def test_login_without_csrf_is_refused(client: TestClient, users) -> None:
    client.get("/login")
    response = client.post(
        "/login", data={"username": "planner", "password": TEST_PASSWORD}, follow_redirects=False
    )
    assert response.status_code in (400, 403)
    forged = client.post(
        "/login",
        data={"username": "planner", "password": TEST_PASSWORD, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert forged.status_code in (400, 403)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logout_needs_csrf_and_ends_the_session(client: TestClient, users) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_never_redirects_off_site(client: TestClient, users) -> None:
    token = csrf_of(client.get("/login?next=//evil.example/x").text)
    response = client.post(
        "/login",
        data={
            "username": "planner",
            "password": TEST_PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_a_page_asked_for_logged_out_comes_back_after_login(client: TestClient, users) -> None:
    response = client.get("/roster?tier=2", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Froster%3Ftier%3D2"
    token = csrf_of(client.get(response.headers["location"]).text)
    landed = client.post(
        "/login",
        data={
            "username": "planner",
            "password": TEST_PASSWORD,
            "csrf_token": token,
            "next": "/roster?tier=2",
        },
        follow_redirects=False,
    )
    assert landed.headers["location"] == "/roster?tier=2"


def test_planner_cannot_open_reviewer_pages(client: TestClient, users) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    response = client.get("/reserve")
    assert response.status_code == 403
    assert "无权访问" in response.text


def test_mentor_cannot_open_planner_pages(client: TestClient, users) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    for path in ("/roster", "/matching", "/matching/runs/1", "/matching/runs/1/mentees/1"):
        assert client.get(path).status_code == 403, path
    token = csrf_of(client.get("/").text)
    response = client.post(
        "/matching/runs", data={"csrf_token": token, "link": "1-2"}, follow_redirects=False
    )
    assert response.status_code == 403


def test_mentor_sees_own_pairing_but_not_another_mentors(
    client: TestClient, session: Session, users, org
) -> None:
    actor = Actor(None, "test")
    own = pairings.create_pairing(
        session, mentor_id=org["senior"], mentee_id=org["young"], actor=actor
    )
    other = pairings.create_pairing(
        session, mentor_id=org["senior2"], mentee_id=org["young2"], actor=actor
    )
    log_in(client, "mentor", TEST_PASSWORD)
    mentees = client.get("/mentees")
    assert mentees.status_code == 200
    assert "张伟" in mentees.text and "刘洋" not in mentees.text
    assert client.get(f"/pairings/{own.id}").status_code == 200
    assert "张伟" in client.get(f"/pairings/{own.id}").text
    assert client.get(f"/pairings/{other.id}").status_code == 403
    assert client.get("/pairings/999999").status_code == 404


def test_mentor_without_mentees_is_told_what_happens_next(client: TestClient, users) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    assert "人事干部确认匹配建议后" in client.get("/mentees").text


def test_lang_en_switches_and_is_remembered(client: TestClient, users) -> None:
    response = client.get("/login?lang=en")
    assert '<html lang="en">' in response.text
    assert "Log in" in response.text
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("lang="))
    assert cookie.startswith("lang=en") and "samesite=lax" in cookie.lower()
    again = client.get("/login")
    assert '<html lang="en">' in again.text
    back = client.get("/login?lang=zh")
    assert '<html lang="zh-CN">' in back.text
    assert '<html lang="zh-CN">' in client.get("/login").text


def test_english_pages_translate_the_domain_words(client: TestClient, users) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/roster?lang=en").text
    assert "Roster" in html and "HR planner" in html
    assert "花名册" not in html.replace('lang="zh-CN"', "")


def test_accept_language_does_not_override_chinese_first(client: TestClient) -> None:
    response = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="zh-CN">' in response.text


def test_api_errors_stay_json_with_the_pages_installed(client: TestClient) -> None:
    response = client.get("/api/v1/people", headers={"Accept": "text/html"})
    assert response.status_code == 401
    assert response.json()["detail"]
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}


def test_pages_carry_security_headers_and_static_files_load(client: TestClient) -> None:
    page = client.get("/login")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert client.get("/favicon.ico").status_code == 200


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    # Whatever the client accepts: a mistyped address is a page address, not the API's.
    for accept in ("text/html", "*/*", "application/json"):
        response = client.get("/no-such-page", headers={"Accept": accept})
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "页面不存在" in response.text
