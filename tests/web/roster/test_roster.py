"""The roster page through TestClient: paging, search and filters, who may read it (both databases)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from models import Person
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
