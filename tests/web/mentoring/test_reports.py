"""The report page through TestClient: figures, chart data, coverage by court, validation,
and the XLSX / CSV downloads read back (both databases)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.web.pages.reports import last_twelve_months
from talent import clock
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import API, build_chains, log_in


def _charts(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="report-charts">(.*?)</script>', html, re.S
    )
    assert found, "no chart data on the page"
    return json.loads(found.group(1))


def _cells(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_defaults_are_the_whole_system_over_the_last_twelve_months() -> None:
    assert last_twelve_months(date(2026, 11, 25)) == (date(2025, 12, 1), date(2026, 11, 25))
    assert last_twelve_months(date(2026, 1, 31)) == (date(2025, 2, 1), date(2026, 1, 31))
    assert last_twelve_months(date(2026, 12, 1)) == (date(2026, 1, 1), date(2026, 12, 1))


def test_the_page_shows_the_services_figures_and_chart_data(
    client: TestClient, users, org, auth_headers
) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    response = client.get("/reports")
    assert response.status_code == 200
    html = response.text
    start, end = last_twelve_months(clock.today())
    assert f'value="{start.isoformat()}"' in html and f'value="{end.isoformat()}"' in html
    api = client.get(
        f"{API}/reports/mentoring",
        params={"date_from": start.isoformat(), "date_to": end.isoformat()},
        headers=auth_headers["planner"],
    ).json()
    assert api["active_pairings_at_end"] == 3 and api["complete_chains"] == 1
    assert f'data-testid="complete-chains">{api["complete_chains"]}<' in html

    charts = _charts(html)
    assert charts["months"]["labels"] == [row["month"] for row in api["by_month"]]
    assert len(charts["months"]["labels"]) == 12
    assert charts["months"]["sessions"][-1] == 1 and charts["months"]["hours"][-1] == 1.5
    assert sum(charts["months"]["sessions"]) == api["sessions"] == 1
    # Each court counts its own staff and departments, not the district court under it:
    # the intermediate court has one young judge (mentored) and two clerks (one mentored).
    assert charts["courts"]["labels"] == ["乌海市中级人民法院", "海勃湾区人民法院"]
    assert charts["courts"]["tier2"] == [100.0, 100.0]
    assert charts["courts"]["tier3"] == [50.0, 0]
    assert 'id="chart-months"' in html and 'id="chart-courts"' in html
    assert "/static/vendor/chart.js-4.6.1/chart.umd.js" in html
    assert "陈静" not in html  # not overdue: the chain started today


def test_a_department_is_its_own_scope(client: TestClient, users, org, auth_headers) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/reports", params={"unit_id": org["filing"]}).text
    charts = _charts(html)
    assert charts["courts"]["labels"] == ["立案庭"]
    assert charts["courts"]["tier3"] == [0]
    assert sum(charts["months"]["sessions"]) == 0
    assert "期间内还没有带教记录" in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"unit_id": "abc"}, "unit_id"),
        ({"unit_id": "99999"}, "unit_id"),
        ({"date_from": "2026-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2026-05-01", "date_to": "2026-01-01"}, "date_from"),
        ({"date_from": "2000-01-01", "date_to": "2026-01-01"}, "date_to"),
        ({"days": "0"}, "days"),
        ({"days": "many"}, "days"),
    ],
)
def test_invalid_filters_are_named_next_to_their_field_and_kept(
    client: TestClient, users, org, params: dict, field: str
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    response = client.get("/reports", params=params)
    assert response.status_code == 422
    assert f'id="err-{field}"' in response.text
    for name, value in params.items():
        if name != "unit_id":  # a select keeps only values it offers
            assert f'value="{value}"' in response.text
    download = client.get("/reports/export.xlsx", params=params)
    assert download.status_code == 422
    assert f'id="err-{field}"' in download.text


def test_xlsx_and_csv_are_what_the_api_exports_for_the_same_filters(
    client: TestClient, users, org, auth_headers
) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    filters = {
        "unit_id": org["court"],
        "date_from": "2026-01-01",
        "date_to": clock.today().isoformat(),
    }
    page = client.get("/reports/export.xlsx", params=filters)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in page.headers["content-disposition"]
    api = client.get(
        f"{API}/reports/mentoring",
        params={**filters, "format": "xlsx"},
        headers=auth_headers["planner"],
    )
    sheets = _cells(page.content)
    assert sheets == _cells(api.content)
    assert list(sheets) == [
        "概要",
        "导师覆盖率",
        "各法院导师覆盖率",
        "按月活动",
        "逾期结对",
        "目标进度",
    ]
    summary = dict(row for row in sheets["概要"][1:])
    # The court and its departments: the district court's pairing is not the court's.
    assert summary["期末在带结对数"] == 2 and summary["完整传帮带链条"] == 1
    assert summary["带教次数"] == 1 and summary["带教小时数"] == 1.5

    english = client.get("/reports/export.xlsx", params={**filters, "lang": "en"})
    assert next(iter(_cells(english.content))) == "Summary"

    table = client.get("/reports/export.csv", params={**filters, "lang": "zh"})
    assert table.status_code == 200
    assert table.headers["content-type"].startswith("text/csv")
    assert table.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert rows[0] == ["概要"] and ["期末在带结对数", "2"] in rows


def test_the_page_links_its_downloads_with_its_filters(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get(
        "/reports", params={"unit_id": org["district"], "date_from": "2026-02-01", "days": "45"}
    ).text
    link = re.search(r'href="(/reports/export\.xlsx\?[^"]+)"', html)
    assert link
    href = link.group(1).replace("&amp;", "&")
    assert f"unit_id={org['district']}" in href and "date_from=2026-02-01" in href
    assert "days=45" in href
    assert client.get(href).status_code == 200


def test_english_report(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/reports", params={"lang": "en"}).text
    assert "Mentoring report" in html
    assert _charts(html)["months"]["sessionsLabel"] == "Sessions"


@pytest.mark.parametrize("role", ["mentor", "reviewer"])
def test_only_planners_and_admins_see_reports(client: TestClient, users, org, role: str) -> None:
    log_in(client, role, TEST_PASSWORD)
    for path in ("/reports", "/reports/export.xlsx", "/reports/export.csv"):
        assert client.get(path).status_code == 403, path


def test_the_xlsx_speaks_in_names_percentages_and_dates_for_the_scope_asked(
    client: TestClient, users, org, auth_headers
) -> None:
    from urllib.parse import quote

    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    today = clock.today()
    filters = {"unit_id": org["court"], "date_from": f"{today.year}-01-01", "date_to": today}
    wide = client.get("/reports/export.xlsx", params={**filters, "include_subordinate_courts": "1"})
    assert wide.status_code == 200
    name = f"导师带教报表-乌海市中级人民法院-{today.year}年1月-{today.month}月.xlsx"
    if today.month == 1:
        name = f"导师带教报表-乌海市中级人民法院-{today.year}年1月.xlsx"
    assert f"filename*=UTF-8''{quote(name)}" in wide.headers["content-disposition"]

    workbook = load_workbook(io.BytesIO(wide.content))
    summary = {row[0]: row[1] for row in workbook["概要"].iter_rows(min_row=2, values_only=True)}
    assert summary["单位"] == "乌海市中级人民法院"
    assert summary["所含下级法院"] == "海勃湾区人民法院"
    assert summary["期末在带结对数"] == 3  # the district court's pairing counts when asked
    for sheet in workbook:
        header = [str(c.value) for c in sheet[1]]
        assert not any("编号" in h or h.endswith("id") for h in header), (sheet.title, header)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                text = str(cell.value or "")
                assert not text.startswith(("/", "\\")) and "site-packages" not in text
    courts = list(workbook["各法院导师覆盖率"].iter_rows(min_row=2))
    assert {r[0].value for r in courts} == {"乌海市中级人民法院", "海勃湾区人民法院"}
    assert {r[1].value for r in courts} == {"青年干警", "书记员"}
    shares = [r[4] for r in courts]
    assert all(c.number_format == "0.0%" and 0 <= c.value <= 1 for c in shares)
    overdue_or_goals = [*workbook["逾期结对"].iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(r[1], str) and isinstance(r[2], str) for r in overdue_or_goals)
    assert workbook["概要"]["B4"].number_format == "yyyy-mm-dd"  # the period's first day

    own = client.get("/reports/export.xlsx", params=filters)
    summary = {
        row[0]: row[1]
        for row in load_workbook(io.BytesIO(own.content))["概要"].iter_rows(values_only=True)
    }
    assert summary["所含下级法院"] == "不含" and summary["期末在带结对数"] == 2
    page = client.get("/reports", params={**filters, "include_subordinate_courts": "1"}).text
    assert "乌海市中级人民法院，含下级法院：海勃湾区人民法院" in page
