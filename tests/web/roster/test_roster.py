"""The roster page through TestClient: paging, search and filters, who may read it (both databases)."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from models import Person
from talent.clock import today as local_today
from talent.roster.person_view import full_years
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in


def test_roster_pages(client: TestClient, session: Session, users, org) -> None:
    for n in range(25):
        session.add(
            Person(staff_no=f"P{n:03d}", name=f"书记员{n:02d}", unit_id=org["filing"], tier=3)
        )
    session.commit()
    log_in(client, "planner", TEST_PASSWORD)
    first = client.get("/roster").text
    assert first.count('data-label="工号"') == 25
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/roster?page=2").text
    assert second.count('data-label="工号"') == 6
    assert 'rel="prev"' in second and 'rel="next"' not in second
    beyond = client.get("/roster?page=9").text
    assert "这一页没有人员" in beyond


def test_roster_searches_filters_and_pages(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    everyone = client.get("/roster").text
    assert everyone.count("<tr>") == 6 + 1
    by_name = client.get("/roster", params={"q": "张伟"}).text
    assert "张伟" in by_name and "王建国" not in by_name
    by_tier = client.get("/roster", params={"tier": "3"}).text
    assert "陈静" in by_tier and "张伟" not in by_tier
    by_court = client.get("/roster", params={"unit": org["district"]}).text
    assert "李淑芬" in by_court and "王建国" not in by_court
    nobody = client.get("/roster", params={"q": "无此人"}).text
    assert "没有符合条件的人员" in nobody
    bad = client.get("/roster", params={"q": "张", "unit": "x", "tier": "7"})
    assert bad.status_code == 422
    assert 'id="err-unit"' in bad.text and 'id="err-tier"' in bad.text
    assert 'value="张"' in bad.text


def test_reviewer_reads_the_roster_but_not_matching(client: TestClient, users, org) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    assert client.get("/roster").status_code == 200
    assert client.get("/matching").status_code == 403
    assert client.get("/reserve").status_code == 200


def _names_in_order(html: str) -> list[str]:
    return re.findall(
        r'data-label="姓名"><strong><a class="person-link" href="/people/\d+">([^<]+)</a>', html
    )


def test_roster_counts_shows_more_columns_and_links_names(
    client: TestClient, session: Session, users, org
) -> None:
    clerk = session.get(Person, org["clerk"])
    assert clerk is not None
    clerk.gender = "female"
    clerk.expertise = "庭审记录、卷宗归档、送达与执行衔接、诉讼服务中心窗口接待与引导"
    session.add(clerk)
    for n in range(25):
        session.add(
            Person(staff_no=f"P{n:03d}", name=f"书记员{n:02d}", unit_id=org["filing"], tier=3)
        )
    session.commit()
    log_in(client, "planner", TEST_PASSWORD)
    first = client.get("/roster").text
    assert "共 31 人，第 1/2 页" in first
    assert "共 31 人，第 2/2 页" in client.get("/roster?page=2").text
    assert "共 1 人，第 1/1 页" in client.get("/roster", params={"q": "陈静"}).text
    head = first.split("<thead>", 1)[1].split("</thead>", 1)[0]
    for header in (
        "<th>性别</th>",
        ">年龄</a>",
        ">工龄</a>",
        "<th>专长</th>",
        ">姓名</a>",
        ">单位</a>",
    ):
        assert header in head
    row = first.split(f'href="/people/{org["clerk"]}"', 1)[1].split("</tr>", 1)[0]
    today = local_today()
    assert f'data-label="年龄" class="num">{full_years(date(1995, 3, 1), today)}<' in row
    assert f'data-label="工龄" class="num">{full_years(date(2020, 7, 1), today)}<' in row
    assert 'data-label="性别">女<' in row
    assert f'title="{clerk.expertise}"' in row and "…" in row
    assert ">陈静</a>" in first


def test_roster_sorts_both_ways_and_keeps_the_sort_across_pages(
    client: TestClient, users, org
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    by_age = _names_in_order(client.get("/roster", params={"sort": "age"}).text)
    # org: clerks born 1995, young staff 1990, seniors 1985; ties by id.
    assert by_age == ["陈静", "赵敏", "张伟", "刘洋", "王建国", "李淑芬"]
    oldest_first = _names_in_order(
        client.get("/roster", params={"sort": "age", "order": "desc"}).text
    )
    assert oldest_first == ["王建国", "李淑芬", "张伟", "刘洋", "陈静", "赵敏"]
    by_service = _names_in_order(
        client.get("/roster", params={"sort": "service", "order": "desc"}).text
    )
    assert by_service[:2] == ["王建国", "李淑芬"]
    names = _names_in_order(client.get("/roster", params={"sort": "name"}).text)
    assert (
        names
        == _names_in_order(client.get("/roster", params={"sort": "name", "order": "desc"}).text)[
            ::-1
        ]
    )
    tiers = client.get("/roster", params={"sort": "tier", "order": "desc"}).text
    assert _names_in_order(tiers)[:2] == ["陈静", "赵敏"]
    assert 'aria-sort="descending"' in tiers
    # The header links toggle the order and keep the filters; the filter form keeps the sort.
    filtered = client.get("/roster", params={"tier": "3", "sort": "age", "order": "asc"}).text
    assert "sort=age&amp;order=desc" in filtered and "tier=3" in filtered
    assert '<option value="age" selected>' in filtered


def test_roster_sort_pages_keep_the_sort(client: TestClient, session: Session, users, org) -> None:
    for n in range(25):
        session.add(
            Person(staff_no=f"P{n:03d}", name=f"书记员{n:02d}", unit_id=org["filing"], tier=3)
        )
    session.commit()
    log_in(client, "planner", TEST_PASSWORD)
    first = client.get("/roster", params={"sort": "tier", "order": "desc"}).text
    assert "sort=tier" in first.split('rel="next"', 1)[0].rsplit("href=", 1)[1]
    second = _names_in_order(
        client.get("/roster", params={"sort": "tier", "order": "desc", "page": 2}).text
    )
    assert second[-2:] == ["王建国", "李淑芬"]


def test_an_unknown_sort_key_is_ignored(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    default = _names_in_order(client.get("/roster").text)
    for params in ({"sort": "salary"}, {"sort": "name", "order": "sideways"}, {"sort": "x' OR 1"}):
        response = client.get("/roster", params=params)
        assert response.status_code == 200
        if params["sort"] != "name":
            assert _names_in_order(response.text) == default


def test_the_api_sorts_with_the_same_keys(client: TestClient, auth_headers, org) -> None:
    """``GET /api/v1/people?sort=&order=`` is the roster's domain sort (its keys, its order)."""
    from talent.roster import people

    found = client.get(
        "/api/v1/people", params={"sort": "age", "order": "desc"}, headers=auth_headers["planner"]
    )
    assert found.status_code == 200
    assert [p["name"] for p in found.json()][:2] == ["王建国", "李淑芬"]
    for key in people.SORT_KEYS:
        response = client.get(
            "/api/v1/people", params={"sort": key}, headers=auth_headers["planner"]
        )
        assert response.status_code == 200, key
    bad = client.get("/api/v1/people", params={"sort": "salary"}, headers=auth_headers["planner"])
    assert bad.status_code == 422 and "sort" in bad.text
