"""The reserve-pool reviewer in a real browser (Debian's Chromium) on the demo: the pool,
the 9-box, a candidate's file, a review recorded and seen in the history, succession."""

from __future__ import annotations

from typing import Any

from tests.web.browser.conftest import UI

REVIEWER = ("reviewer", "demo-reviewer-2026")


def test_reviewer_records_a_review_and_checks_succession(ui: UI) -> None:
    page: Any = ui.page
    ui.log_in(*REVIEWER)

    ui.go("/reserve")
    rows = page.locator("[data-testid=pool] tbody tr")
    assert 25 <= rows.count() <= 40 or page.locator(".pager").count() == 1
    assert page.locator("h1").inner_text() == "优秀年轻干部库"
    ui.shots("pool")

    with page.expect_download() as download:
        page.click("[data-testid=pack-download]")
    assert download.value.suggested_filename.endswith(".xlsx")

    ui.go("/reserve/nine-box")
    counts = [
        int(page.locator(f"[data-testid=box-count-{box}]").inner_text()) for box in range(1, 10)
    ]
    assert sum(counts) >= 30  # the demo pool holds about thirty open candidates
    ui.shots("nine-box")

    # the highest-ready candidate of box 9 (or the fullest box) opens their file
    page.locator(".nb-names a").first.click()
    page.wait_for_selector("[data-testid=review-form]")
    name = page.locator("h1").inner_text().split()[0]
    assert page.locator("text=政治素质档案").count() >= 1
    ui.shots("file")

    form = page.locator("[data-testid=review-form]")
    cycle = form.locator("input[name=cycle]").input_value()
    assert cycle  # the next free cycle is suggested
    form.locator("input[name=decision][value=retain]").check()
    form.locator("textarea[name=comment]").fill("继续在执行一线历练，下一轮重点考察")
    with page.expect_navigation():
        form.locator("[data-testid=review-submit]").click()
    assert page.locator(".flash-success").inner_text().startswith("已记录")
    reviews = page.locator("[data-testid=reviews] tbody tr").first
    assert cycle in reviews.inner_text() and "继续在执行一线历练" in reviews.inner_text()
    history = page.locator("[data-testid=history] tbody tr").first
    assert cycle in history.inner_text() and "保留" in history.inner_text()
    ui.shots("review-recorded", focus="[data-testid=reviews]")

    ui.go("/reserve/succession")
    uncovered = page.locator("[data-testid=uncovered] li")
    assert uncovered.count() == int(page.locator("[data-testid=uncovered-count]").inner_text())
    assert uncovered.count() >= 1
    ui.shots("succession")

    ui.go("/reserve?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert name in page.locator("[data-testid=pool]").inner_text() or page.locator(".pager").count()
    ui.shots("pool-en")
