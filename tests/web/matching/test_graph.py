"""The skills graph page through TestClient: chains, coverage risks, its data route, roles."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.conftest import TEST_PASSWORD
from tests.web.conftest import API, build_chains, log_in


def _section(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</section>', html, re.S)
    assert found, testid
    return found.group(1)


def test_the_page_lists_the_units_chains_and_its_coverage_risks(
    client: TestClient, users, org, auth_headers
) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    response = client.get("/graph", params={"unit_id": org["court"]})
    assert response.status_code == 200
    html = response.text
    chains = _section(html, "chain-list")
    # Senior judge -> young staff -> clerk, nested in that order.
    assert chains.index("王建国") < chains.index("张伟") < chains.index("陈静")
    # The district court's pairing belongs to the district court, not to this court.
    assert "李淑芬" not in chains and "刘洋" not in chains
    risks = _section(html, "risk-list")
    assert "调解" in risks and "裁判文书写作" in risks
    assert "民事审判" not in risks  # 王建国 (4) and 张伟 (3): two holders
    canvas = re.search(r'data-risk-skills="([\d,]*)"', html)
    assert canvas
    risky = {int(i) for i in canvas.group(1).split(",")}
    assert risky == {org["skill:mediation"], org["skill:judgment_writing"]}
    stats = re.sub(r"\s+", " ", _section(html, "graph-stats").split("</dl>")[0])
    assert "<dd>2</dd>" in stats  # two pairings in the court
    assert "<dd>1 / 1</dd>" in stats  # the young judge sits in a complete chain
    words = re.search(
        r'<script type="application/json" id="graph-words">(.*?)</script>', html, re.S
    )
    assert words and json.loads(words.group(1))["tiers"]["1"] == "资深法官"


def test_the_subordinate_courts_come_in_only_when_ticked(
    client: TestClient, users, org, auth_headers
) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    params = {"unit_id": org["court"], "include_subordinate_courts": "1"}
    html = client.get("/graph", params=params).text
    chains = _section(html, "chain-list")
    assert "王建国" in chains and "李淑芬" in chains and "刘洋" in chains
    assert "乌海市中级人民法院，含下级法院：海勃湾区人民法院" in html
    stats = re.sub(r"\s+", " ", _section(html, "graph-stats").split("</dl>")[0])
    assert "<dd>3</dd>" in stats  # the court's two pairings and the district court's one
    assert "<dd>1 / 2</dd>" in stats  # 刘洋 has a mentor but no clerk: not a complete chain
    assert 'name="include_subordinate_courts" value="1" checked' in html
    data = client.get("/graph/data", params=params).json()
    api = client.get(f"{API}/graph", params=params, headers=auth_headers["planner"]).json()
    assert data == api
    assert any(n.get("label") == "刘洋" for n in data["nodes"])
    # A department counts its own people, ticked or not.
    for ticked in ("", "1"):
        page = client.get(
            "/graph", params={"unit_id": org["civil"], "include_subordinate_courts": ticked}
        ).text
        department = re.sub(r"\s+", " ", _section(page, "graph-stats").split("</dl>")[0])
        assert department.count("<dd>1 / 1</dd>") == 2  # 张伟 and 陈静 in the complete chain


def test_the_data_route_answers_what_the_api_answers(
    client: TestClient, users, org, auth_headers
) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    for params in ({"unit_id": org["court"]}, {"unit_id": org["district"]}, {}):
        page = client.get("/graph/data", params=params)
        api = client.get(f"{API}/graph", params=params, headers=auth_headers["planner"])
        assert page.status_code == api.status_code == 200
        assert page.headers["content-type"].startswith("application/json")
        assert page.json() == api.json()
        assert any(link["kind"] == "mentors" for link in page.json()["links"])
    assert client.get("/graph/data", params={"unit_id": 99999}).status_code == 404
    bad = client.get("/graph/data", params={"unit_id": "abc"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "unit_id"]


def test_a_unit_without_pairings_says_what_to_do(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/graph", params={"unit_id": org["filing"]}).text
    assert "该单位还没有进行中的结对" in html
    assert 'id="graph-canvas"' not in html
    assert "cytoscape.min.js" not in html
    assert 'href="/matching"' in _section(html, "chain-list")


def test_the_default_unit_is_the_first_court_and_a_bad_one_is_named(
    client: TestClient, users, org
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    first = client.get("/graph")
    assert first.status_code == 200
    assert f'<option value="{org["court"]}" selected>' in first.text
    for wrong in ("abc", "99999"):
        response = client.get("/graph", params={"unit_id": wrong})
        assert response.status_code == 422
        assert 'id="err-unit_id"' in response.text
        assert 'aria-invalid="true"' in response.text


def test_english_page(client: TestClient, users, org, auth_headers) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/graph", params={"unit_id": org["court"], "lang": "en"}).text
    assert '<html lang="en">' in html
    assert "Coverage risks" in html and "Mentoring chains" in html


@pytest.mark.parametrize("role", ["mentor", "reviewer"])
def test_only_planners_and_admins_see_the_graph(client: TestClient, users, org, role: str) -> None:
    log_in(client, role, TEST_PASSWORD)
    assert client.get("/graph").status_code == 403
    assert client.get("/graph/data").status_code == 403
    client.cookies.clear()
    log_in(client, "admin", TEST_PASSWORD)
    assert client.get("/graph").status_code == 200
    assert client.get("/graph/data").status_code == 200
