"""On a court intranet with no internet: every page, /docs and /redoc load from the app alone.

Every request whose host is not 127.0.0.1 is aborted and recorded. Each demo role logs in
and loads every page of its navigation, then /docs (Swagger UI must list the operations)
and /redoc (ReDoc must draw its menu). The admin also reads the audit log and a sensitive
read a reviewer just caused, with screenshots of the audit page at 1366 and 390 px.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from talent.demo.accounts import DEMO_ACCOUNTS
from tests.web.browser.conftest import UI

LOCAL = "127.0.0.1"


def one_account_per_role() -> list[tuple[str, str, str]]:
    """The first demo account of each role, in the order the demo lists them."""
    seen: dict[str, tuple[str, str, str]] = {}
    for username, password, role in DEMO_ACCOUNTS:
        seen.setdefault(role, (username, password, role))
    return list(seen.values())


def block_the_internet(ui: UI) -> list[str]:
    """Abort every request that leaves 127.0.0.1; the list fills with what was attempted."""
    attempted: list[str] = []

    def leaves(url: str) -> bool:
        return urlsplit(url).hostname != LOCAL

    def abort(route: Any) -> None:
        attempted.append(route.request.url)
        route.abort()

    # Only requests that leave are routed: local ones go straight through, unslowed.
    ui.page.context.route(leaves, abort)
    return attempted


def settle(ui: UI) -> None:
    """Wait until the page has loaded everything (its favicon too) before moving on."""
    ui.page.wait_for_load_state("networkidle")


def visit(ui: UI, path: str) -> None:
    ui.go(path)
    settle(ui)
    assert ui.page.locator("body").count() == 1


def nav_paths(ui: UI) -> list[str]:
    hrefs = ui.page.locator("nav.mainnav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [h for h in hrefs if h]


def check_docs(ui: UI) -> None:
    ui.go("/docs")
    ui.page.wait_for_selector(".opblock", timeout=30_000)
    settle(ui)
    assert ui.page.locator(".opblock").count() > 10
    ui.go("/redoc")
    ui.page.wait_for_selector(".menu-content li", timeout=30_000)
    assert ui.page.locator(".menu-content li").count() > 5
    ui.page.wait_for_load_state("networkidle")


def log_out(ui: UI) -> None:
    ui.page.context.clear_cookies()


def test_every_page_and_the_docs_load_with_no_internet(ui: UI) -> None:
    attempted = block_the_internet(ui)
    # the guard itself: a request off the server is aborted and recorded (from /healthz,
    # which has no page CSP to stop it first)
    visit(ui, "/healthz")
    outcome = ui.page.evaluate(
        "() => fetch('https://cdn.jsdelivr.net/npm/x.js').then(() => 'sent', () => 'blocked')"
    )
    assert outcome == "blocked" and attempted == ["https://cdn.jsdelivr.net/npm/x.js"]
    attempted.clear()
    ui.page.wait_for_timeout(200)
    ui.problems.clear()  # the aborted probe's own console message and failed request
    for username, password, role in one_account_per_role():
        ui.log_in(username, password)
        paths = nav_paths(ui)
        assert paths, f"{role} sees no navigation"
        if role == "admin":
            paths.append("/admin/audit")
        for path in paths:
            visit(ui, path)
        check_docs(ui)
        log_out(ui)
    assert not attempted, "requests left 127.0.0.1:\n" + "\n".join(attempted)
    ui.assert_clean()


def test_admin_reads_the_audit_log_and_a_sensitive_read(ui: UI) -> None:
    attempted = block_the_internet(ui)
    page: Any = ui.page
    accounts = {role: (user, pw) for user, pw, role in one_account_per_role()}

    # a reviewer opens a candidate's file: the political file and the list are read
    ui.log_in(*accounts["reviewer"])
    visit(ui, "/reserve")
    page.locator("[data-testid=pool] tbody tr a").first.click()
    page.wait_for_selector("[data-testid=review-form]")
    settle(ui)
    candidate = page.locator("h1").inner_text().split()[0]
    log_out(ui)

    ui.log_in(*accounts["admin"])
    visit(ui, "/admin/audit")
    status = page.locator("[data-testid=chain-status]").inner_text()
    assert status.startswith("审计链完整：共") and "条记录已核验" in status
    assert page.locator("[data-testid=audit-event]").count() >= 2
    ui.shots("audit-log")

    page.select_option("#action", "reserve.sensitive.read")
    with page.expect_navigation():
        page.click("[data-testid=filter]")
    settle(ui)
    actions = page.locator("[data-testid=audit-event] [data-testid=action]").all_inner_texts()
    assert actions and set(actions) == {"查阅敏感档案"}
    with page.expect_navigation():
        page.locator("[data-testid=event-detail]").first.click()
    settle(ui)
    assert page.locator("[data-testid=event-diff]").count() == 1
    assert candidate in page.locator("[data-testid=subject]").inner_text()
    ui.shots("audit-event")

    with page.expect_navigation():
        page.click(".crumbs a")
    settle(ui)
    with page.expect_navigation():
        page.click("[data-testid=tab-sensitive]")
    settle(ui)
    reads = page.locator("[data-testid=sensitive-read]")
    assert reads.count() >= 1
    first = reads.first
    assert first.locator("[data-testid=reader]").inner_text() == accounts["reviewer"][0]
    assert first.locator("[data-testid=read-person]").inner_text() == candidate
    ui.shots("audit-sensitive")
    assert not attempted, "requests left 127.0.0.1:\n" + "\n".join(attempted)
    ui.assert_clean()
