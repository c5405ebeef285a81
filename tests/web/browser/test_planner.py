"""Browser tests of the planner's graph, reports and roster import pages (Playwright, Chromium).

SQLite demo data on a live server (see ``tests/web/browser/conftest.py``); each test saves
screenshots at 1366x768 and 390 px and fails on any console error or failed request.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.web.browser.conftest import UI

PLANNER = ("planner", "demo-planner-2026")
BAD_ROSTER = "工号,姓名,单位,层级\nX9001,测试员,不存在的法院,书记员\n".encode("utf-8-sig")


def test_the_skills_graph_draws_the_chains(ui: UI) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    page.click("nav.mainnav >> text=技能图谱")
    page.wait_for_selector("#graph-canvas[data-state=ready]")
    assert page.locator("#graph-canvas canvas").count() >= 1
    nodes = int(page.get_attribute("#graph-canvas", "data-nodes") or 0)
    edges = int(page.get_attribute("#graph-canvas", "data-edges") or 0)
    assert nodes > 0 and edges > 0
    # Every skill at risk in the list is drawn, highlighted.
    risks = page.locator("[data-testid=risk-list] li[data-skill-id]").count()
    assert int(page.get_attribute("#graph-canvas", "data-risk-nodes") or -1) == risks
    assert page.locator("[data-testid=chain-list] .chains > li").count() > 0
    ui.shots("graph", focus="#graph-canvas")

    # More skills when the chain people's skills are shown too.
    page.check("#graph-all-skills")
    page.wait_for_function(
        f"Number(document.getElementById('graph-canvas').dataset.nodes) > {nodes}"
    )
    ui.shots("graph-all-skills", focus="#graph-canvas")

    # Another unit from the selector; a department without pairings shows the empty state.
    page.select_option("#unit_id", label="　院领导")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("text=该单位还没有进行中的结对")
    assert page.locator("#graph-canvas").count() == 0
    ui.shots("graph-empty")
    ui.assert_clean()


def test_reports_draw_their_charts_and_download_xlsx(ui: UI, tmp_path: Path) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    page.click("nav.mainnav >> text=报表")
    page.wait_for_selector("#chart-months[data-drawn='1']")
    page.wait_for_selector("#chart-courts[data-drawn='1']")
    width = page.evaluate("document.getElementById('chart-courts').width")
    assert width > 100
    assert page.evaluate("typeof Chart.getChart(document.getElementById('chart-courts'))") == (
        "object"
    )
    bars = page.evaluate(
        "Chart.getChart(document.getElementById('chart-courts')).data.labels.length"
    )
    assert bars == 4  # the intermediate court and three district courts
    ui.shots("reports", focus="#chart-courts")

    with page.expect_download() as download_info:
        page.click("[data-testid=download-xlsx]")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = load_workbook(saved)
    assert workbook.sheetnames[0] == "概要"
    summary = dict(row for row in workbook["概要"].iter_rows(min_row=2, values_only=True))
    assert summary["期末在带结对数"] > 0

    # A period that ends before it starts: the error sits next to the field, 422.
    ui.allowed_statuses.add(422)
    page.fill("#date_from", "2026-06-01")
    page.fill("#date_to", "2026-01-01")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#err-date_from")
    assert page.input_value("#date_from") == "2026-06-01"
    ui.shots("reports-invalid")
    ui.assert_clean()


def test_an_import_with_an_error_shows_the_row_report(ui: UI) -> None:
    page = ui.page
    ui.log_in(*PLANNER)
    page.click("nav.mainnav >> text=花名册")
    with page.expect_navigation():
        page.click("[data-testid=import-link]")
    page.wait_for_selector("[data-testid=import-form]")
    ui.shots("import-form")
    ui.allowed_statuses.add(422)
    page.set_input_files(
        "#file", files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": BAD_ROSTER}]
    )
    with page.expect_navigation():
        page.click("[data-testid=import-button]")
    rows = page.locator("[data-testid=error-rows] tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    first = rows.first.inner_text()
    assert "2" in first and "单位" in first and "不存在的法院" in first
    assert "未导入任何人员" in page.inner_text("[data-testid=import-errors]")
    ui.shots("import-errors", focus="[data-testid=import-errors]")
    ui.assert_clean()
