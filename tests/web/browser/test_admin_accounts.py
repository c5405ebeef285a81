"""Browser test of the admin's accounts page and the forced password change (Playwright, Chromium).

SQLite demo data on a live server (see ``tests/web/browser/conftest.py``). Every request that
leaves 127.0.0.1 is blocked and fails the test; so does any console error. Screenshots at
1366x768 and 390 px.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from tests.web.browser.conftest import UI

ADMIN = ("admin", "demo-admin-2026")
TEMPORARY = "Temp-4711-leixy"


def _local_only(ui: UI) -> list[str]:
    """Abort every request to a host other than 127.0.0.1; the list names them.

    Only those requests are routed, so the local ones load exactly as in the other tests.
    """
    blocked: list[str] = []

    def elsewhere(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1"

    def abort(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    ui.page.context.route(elsewhere, abort)
    return blocked


def _flash(ui: UI) -> str:
    return ui.page.locator("main .flash").first.inner_text()


def test_admin_accounts(ui: UI) -> None:
    page = ui.page
    blocked = _local_only(ui)
    ui.log_in(*ADMIN)
    with page.expect_navigation():
        page.click("nav.mainnav >> text=系统管理")
    assert page.url.endswith("/admin")
    ui.shots("admin")
    with page.expect_navigation():
        page.click("[data-testid=admin-cards] >> text=账号管理")
    assert page.locator("[data-testid=accounts] tr[data-username=mentor_senior]").count() == 1
    assert "马志强" in page.locator("tr[data-username=mentor_senior]").inner_text()
    ui.shots("accounts")

    # Create: find the person by name, the one match is chosen, a temporary password is offered.
    page.fill("#person_q", "雷晓燕")
    with page.expect_navigation():
        page.click("form.person-search button[type=submit]")
    chosen = page.locator("#person_id option:checked").inner_text()
    assert chosen.startswith("雷晓燕")
    page.fill("#username", "leixy")
    page.select_option("#new-role", label="导师")
    assert len(page.input_value("#new-password")) >= 8
    ui.shots("create-form", focus="#create")
    with page.expect_navigation():
        page.click("form.create-account button[type=submit]")
    assert _flash(ui).startswith("已为 雷晓燕 创建账号 leixy")
    row = page.locator("tr[data-username=leixy]")
    assert "雷晓燕" in row.inner_text() and "待修改临时密码" in row.inner_text()
    ui.shots("created")

    # Reset its password to one we know.
    row.locator("summary", has_text="重置密码").click()
    row.locator("input[name=password]").fill(TEMPORARY)
    ui.shots("reset-form", focus="tr[data-username=leixy]")
    with page.expect_navigation():
        row.locator("button", has_text="确认重置密码").click()
    assert _flash(ui).startswith("已重置 雷晓燕（leixy） 的密码")

    # The last admin cannot be deactivated: the flash says why, the account stays active.
    admin_row = page.locator("tr[data-username=admin]")
    admin_row.locator("summary", has_text="停用").click()
    with page.expect_navigation():
        admin_row.locator("button", has_text="确认停用").click()
    assert "最后一个在用的系统管理员" in _flash(ui)
    assert "在用" in page.locator("tr[data-username=admin]").inner_text()
    ui.shots("last-admin")

    # The new user logs in with the temporary password and must choose their own first.
    with page.expect_navigation():
        page.click("form[action='/logout'] button[type=submit]")
    # Log in on the page the logout landed on: navigating again at once would cancel
    # that page's favicon request (a failed request).
    assert urlsplit(page.url).path == "/login"
    page.fill("input[name=username]", "leixy")
    page.fill("input[name=password]", TEMPORARY)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    assert "/account/password" in page.url
    assert page.locator("[data-testid=must-change]").count() == 1
    ui.shots("must-change")
    page.fill("#current_password", TEMPORARY)
    page.fill("#new_password", "leixy-own-pass-2026")
    page.fill("#new_password_again", "leixy-own-pass-2026")
    with page.expect_navigation():
        page.click("form[action='/account/password'] button[type=submit]")
    assert urlsplit(page.url).path == "/"
    assert _flash(ui).startswith("密码已修改")
    assert page.locator("[data-testid=who]").inner_text().startswith("雷晓燕")
    ui.shots("password-changed")
    assert not blocked, f"requests left 127.0.0.1: {blocked}"
    ui.assert_clean()
