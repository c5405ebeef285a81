"""Browser tests of the mentor's pages and the planner's pairings board (Playwright, Chromium).

The mentor logs a session with the form's defaults and a topic in their own words, and
finds it in the history as written, then sets a skill goal for the mentee and sees it among the goals; the planner filters the board to overdue pairings and ends one. Screenshots at
1366x768 and 390 px under ``tests/screenshots/``; any console error or failed request fails.
"""

from __future__ import annotations

import re

from talent import clock
from tests.web.browser.conftest import UI

PLANNER = ("planner", "demo-planner-2026")
MENTOR = ("mentor_senior", "demo-senior-2026")


def test_mentor_logs_a_session_with_the_defaults_and_sees_it_in_the_history(ui: UI) -> None:
    """Log a session, set a goal, and get a wrong value back next to its field."""
    page = ui.page
    ui.log_in(*MENTOR)
    page.click("nav.mainnav >> text=我的徒弟")
    page.wait_for_selector("h1:has-text('我的徒弟')")
    assert "已带" in page.inner_text("[data-testid=capacity]")  # capacity used and free
    ui.shots("mentees")

    active = page.locator("[data-testid=mentees] li:has(.badge-active) h3 a").first
    name = active.inner_text()
    with page.expect_navigation():
        active.click()
    assert re.search(r"/pairings/\d+$", page.url)
    before = int(page.text_content("[data-testid=log-count]") or "0")
    form = page.locator("[data-testid=log-form]")
    assert page.input_value("#log-date") == clock.today().isoformat()
    assert page.input_value("#log-minutes") == "60"
    assert page.input_value("#log-topic") == ""
    ui.shots("pairing-form", focus="[data-testid=log-form]")

    # The topic in a line, one tick and one line of notes; date and minutes stay as offered.
    page.fill("#log-topic", "讨论一起买卖合同纠纷的裁判思路")
    chips = form.locator("input[name=skill_codes]")
    if chips.count():
        chips.first.check()
    page.fill("#log-notes", "研讨一起买卖合同纠纷的裁判文书")
    with page.expect_navigation():
        page.click("[data-testid=log-submit]")
    page.wait_for_selector("text=已记录")
    assert page.text_content("[data-testid=log-count]") == str(before + 1)
    newest = page.locator("[data-testid=logs] > li").first
    assert clock.today().isoformat() in newest.inner_text()
    assert "研讨一起买卖合同纠纷的裁判文书" in newest.inner_text()
    topic = newest.locator("[data-testid=log-topic]").inner_text()
    assert topic == "讨论一起买卖合同纠纷的裁判思路"
    assert "60" in newest.inner_text()
    assert page.locator("h1").inner_text() == name
    ui.shots("pairing-logged", focus="[data-testid=logs]")

    # Set a goal: the target follows the chosen skill (one level above the mentee's).
    goal_form = page.locator("[data-testid=goal-form]")
    assert goal_form.locator("optgroup").first.get_attribute("label") in (
        "徒弟已有的技能",
        "其他技能",
    )
    enabled = goal_form.locator("#goal-skill option:not([disabled])")
    assert enabled.count() >= 1
    chosen = enabled.nth(enabled.count() - 1)
    code, next_level = chosen.get_attribute("value"), chosen.get_attribute("data-next")
    assert code and next_level
    page.select_option("#goal-target", "5" if next_level != "5" else "4")
    page.select_option("#goal-skill", code)
    assert page.input_value("#goal-target") == next_level
    assert page.input_value("#goal-due") > clock.today().isoformat()  # six months ahead
    page.fill("#goal-description", "独立撰写三份判决书并当庭宣判")
    ui.shots("goal-form", focus="[data-testid=goal-form]")
    with page.expect_navigation():
        page.click("[data-testid=goal-submit]")
    page.wait_for_selector(f"text=达到 {next_level} 级")
    goal = page.locator("[data-testid=goals] > li:has-text('独立撰写三份判决书并当庭宣判')")
    assert goal.count() == 1
    assert f"目标 {next_level}" in goal.inner_text()
    ui.shots("goal-set", focus="[data-testid=goals]")

    # Withdraw it again: behind a second click, and it stays on the page as withdrawn.
    goal_id = goal.get_attribute("data-goal")
    goal.locator("details.goal-withdraw summary").click()
    with page.expect_navigation():
        page.click(f"[data-testid=withdraw-goal-{goal_id}]")
    page.wait_for_selector("text=已撤回目标")
    assert "已撤回" in page.locator(f"#goal-{goal_id}").inner_text()

    # A wrong value comes back next to its field, with everything else kept.
    page.fill("#log-topic", "复盘上周庭审中证据质证的节奏")
    page.fill("#log-minutes", "0")
    page.fill("#log-notes", "时长写错的记录")
    ui.allowed_statuses.add(422)
    with page.expect_navigation():
        page.click("[data-testid=log-submit]")
    page.wait_for_selector("#err-minutes")
    assert page.input_value("#log-notes") == "时长写错的记录"
    assert page.input_value("#log-topic") == "复盘上周庭审中证据质证的节奏"
    ui.shots("log-error", focus="#err-minutes")
    ui.assert_clean()


def test_planner_filters_overdue_pairings_and_ends_one(ui: UI) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    page.click("nav.mainnav >> text=结对")
    page.wait_for_selector("h1:has-text('结对')")
    ui.shots("board")

    page.check("[data-testid=overdue-only]")
    with page.expect_navigation():
        page.click("[data-testid=filter]")
    assert "overdue=1" in page.url
    rows = page.locator("[data-testid=board] > li")
    assert rows.count() >= 1, "the demo has overdue pairings"
    for index in range(rows.count()):
        assert "逾期：" in rows.nth(index).inner_text()
    ui.shots("board-overdue")

    row = rows.first
    pairing_id = row.get_attribute("data-pairing")
    row.locator(f"[data-testid=end-open-{pairing_id}]").click()
    end_form = row.locator(f"[data-testid=end-{pairing_id}]")
    end_form.locator("input[name=status][value=completed]").check()
    end_form.locator("select[name=outcome_rating]").select_option("4")
    end_form.locator("input[name=reason]").fill("按期完成带教")
    ui.shots("board-end-form", focus=f"[data-testid=end-{pairing_id}]")
    with page.expect_navigation():
        page.click(f"[data-testid=end-submit-{pairing_id}]")
    page.wait_for_selector("text=已结业")
    assert "overdue=1" in page.url  # back on the board with the filters kept
    assert page.locator(f"[data-pairing='{pairing_id}']").count() == 0
    ui.shots("board-ended")
    ui.assert_clean()
