"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo data.

SQLite only (the live server serves a copy of a demo SQLite file); the same pages run on
PostgreSQL in the TestClient page tests. Each test saves screenshots at 1366x768 and at
390 px wide under ``tests/screenshots/`` and fails on any console error or failed request.
"""

from __future__ import annotations

import re

from tests.web.browser.conftest import UI

PLANNER = ("planner", "demo-planner-2026")
MENTOR = ("mentor_senior", "demo-senior-2026")


def test_login_page_and_a_wrong_password(ui: UI) -> None:
    ui.go("/")
    assert ui.page.url.endswith("/login")
    assert ui.page.get_attribute("html", "lang") == "zh-CN"
    ui.shots("login")
    ui.page.fill("input[name=username]", "planner")
    ui.page.fill("input[name=password]", "not-the-password")
    ui.page.click("form[action='/login'] button[type=submit]")
    ui.page.wait_for_selector("[data-testid=login-error]")
    assert ui.page.input_value("input[name=username]") == "planner"
    ui.shots("login-error")
    ui.assert_clean()


def test_planner_runs_matching_previews_a_what_if_and_decides(ui: UI) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.wait_for_selector("text=还没有匹配批次")
    ui.shots("planner-home")

    page.click("nav.mainnav >> text=匹配")
    page.wait_for_selector("#run-form")
    page.locator("#w_skill_fit").evaluate(
        "el => { el.value = '0.8'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    assert page.text_content("#w_skill_fit-out") == "0.80"
    with page.expect_navigation():
        page.click("[data-testid=preview-button]")
    preview = page.locator("[data-testid=preview]")
    preview.wait_for()
    assert "试算结果" in preview.inner_text()
    assert re.fullmatch(r"\+\d+", page.text_content("[data-testid=matched-change]") or "")
    assert page.input_value("#w_skill_fit") == "0.8"
    ui.shots("what-if")
    # Before a run is asked for, nothing spins: `hidden` wins over the status's own display.
    assert page.locator("[data-testid=busy-status]").is_hidden()

    with page.expect_navigation():
        # The submit handler runs before the request leaves: the form says it is working.
        busy = page.evaluate(
            """() => {
                const form = document.getElementById('run-form');
                form.requestSubmit(document.querySelector('[data-testid=run-button]'));
                const status = document.querySelector('[data-testid=busy-status]');
                return [form.getAttribute('aria-busy'), status.hidden, status.textContent];
            }"""
        )
    assert busy[0] == "true" and busy[1] is False and "正在计算匹配" in busy[2]
    assert re.search(r"/matching/runs/\d+$", page.url)
    page.wait_for_selector("text=已生成匹配批次")
    cards = page.locator("[data-proposal]")
    assert cards.count() == 20
    # More wait than one page shows: the whole run can be decided at once.
    every = page.locator("[data-testid=all-open]")
    assert every.count() == 1 and "本批次全部待审核" in page.inner_text("#bulk")
    first, second = (cards.nth(i).get_attribute("data-proposal") for i in (0, 1))
    names = [
        [cards.nth(i).locator(".pair strong").nth(k).inner_text() for k in (1, 0)] for i in (0, 1)
    ]  # (mentor, mentee) of each card

    details = cards.nth(0).locator("details.explain")
    details.locator("summary").click()
    details.locator("[data-testid=explain]").wait_for()
    assert "所建议导师" in details.inner_text()
    assert "未选原因" in details.inner_text()
    ui.shots("board", focus="[data-proposal] details.explain")

    with page.expect_navigation():
        page.click(f"[data-testid=accept-{first}]")
    page.wait_for_selector(f"text=已确认：{names[0][0]}—{names[0][1]}，结对已建立。")
    assert page.url.endswith(f"#p-{first}")  # back at the card just decided
    assert "已确认" in page.locator(f"[data-proposal='{first}'] .badge").inner_text()

    page.fill(f"#reason-{second}", "该导师本年度借调外单位，改由庭长指定")
    with page.expect_navigation():
        page.click(f"[data-testid=reject-{second}]")
    page.wait_for_selector(f"text=已驳回：{names[1][0]}—{names[1][1]}。")
    card = page.locator(f"[data-proposal='{second}']")
    assert "已驳回" in card.locator(".badge").inner_text()
    assert "借调外单位" in card.inner_text()
    ui.shots("decided", focus=f"[data-proposal='{second}']")

    page.click("text=未匹配人员")
    ui.assert_clean()


def test_mentor_sees_their_mentees(ui: UI) -> None:
    page = ui.page
    ui.log_in(*MENTOR)
    mentees = page.locator("[data-testid=mentees] li")
    mentees.first.wait_for()
    assert mentees.count() >= 1
    ui.shots("mentor-home")
    page.click("nav.mainnav >> text=我的徒弟")
    page.wait_for_selector("h1:has-text('我的徒弟')")
    with page.expect_navigation():
        page.locator("[data-testid=mentees] h3 a").first.click()
    assert re.search(r"/pairings/\d+$", page.url)
    page.wait_for_selector("text=基本信息")
    ui.shots("pairing")
    ui.assert_clean()


def test_language_switch_is_remembered(ui: UI) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    with page.expect_navigation():
        page.click("nav.langs >> text=English")
    assert page.get_attribute("html", "lang") == "en"
    page.click("nav.mainnav >> text=Roster")
    page.wait_for_selector("h1:has-text('Roster')")
    assert page.get_attribute("html", "lang") == "en"
    assert "HR planner" in page.inner_text("header")
    ui.shots("roster-en")
    with page.expect_navigation():
        page.click("nav.langs >> text=中文")
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.wait_for_selector("h1:has-text('花名册')")
    ui.shots("roster-zh")
    ui.assert_clean()


def test_admin_sees_every_section_the_full_explanation_and_error_pages(ui: UI) -> None:
    page = ui.page
    ui.allowed_statuses.update({404, 422})
    ui.log_in("admin", "demo-admin-2026")
    nav = page.inner_text("nav.mainnav")
    assert all(word in nav for word in ("花名册", "匹配", "优秀年轻干部库"))
    ui.shots("admin-home")

    ui.go("/matching")
    page.locator("input[name=link][value='2-3']").check()
    for slider in page.locator("input[type=range]").all():
        slider.evaluate("el => { el.value = '0'; }")
    with page.expect_navigation():
        page.click("[data-testid=preview-button]")
    page.wait_for_selector("#err-weights")
    assert page.locator("input[name=link][value='2-3']").is_checked()
    ui.shots("form-error", focus="#err-weights")

    ui.go("/matching")
    with page.expect_navigation():
        page.click("[data-testid=run-button]")
    # The explanation's own page, as linked from a proposal (and the page without script).
    ui.go(page.locator("[data-proposal] a:has-text('查看完整说明')").first.get_attribute("href"))
    page.wait_for_selector("h2:has-text('所建议导师的得分构成')")
    assert page.locator("[data-testid=explain] .alternatives li").count() >= 1
    ui.shots("explain")

    ui.go("/matching/runs/999999?lang=en")
    page.wait_for_selector("text=Page not found")
    ui.shots("not-found")
    ui.assert_clean()
