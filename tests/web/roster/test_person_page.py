"""The person page through TestClient: what it shows, the profile form, conflicts, manual pairing.

On the shared fixtures (``org``: 王建国 -> 张伟 -> 陈静 in the intermediate court), on both
databases. Every write is a form with the CSRF token that redirects back with a flash.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from models import AuditEvent, Conflict, Pairing, Person
from talent import clock
from talent.clock import today as local_today
from talent.roster.person_view import full_years
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import API, build_chains, log_in

TAGS = re.compile(r"<[^>]+>")


def visible(html: str) -> str:
    """The page's text as a reader sees it (no tags, no hidden fields, no scripts)."""
    body = html.split("<main", 1)[-1]
    body = re.sub(r"<datalist.*?</datalist>", "", body, flags=re.S)
    return TAGS.sub(" ", body)


def audit_actions(session: Session, entity: str) -> list[str]:
    session.expire_all()
    events = session.exec(select(AuditEvent).where(AuditEvent.entity == entity)).all()
    return [e.action for e in events]


def _goal(client: TestClient, auth_headers, pairing_id: int) -> None:
    response = client.post(
        f"{API}/pairings/{pairing_id}/goals",
        json={"skill_code": "judgment_writing", "target_level": 4},
        headers=auth_headers["planner"],
    )
    assert response.status_code == 201, response.text


def test_the_sections_show_the_persons_data(client: TestClient, users, org, auth_headers) -> None:
    made = build_chains(client, auth_headers, org)
    _goal(client, auth_headers, made["young_clerk"])
    log_in(client, "planner", TEST_PASSWORD)

    young = client.get(f"/people/{org['young']}")
    assert young.status_code == 200
    html = young.text
    head = html.split('data-testid="person-head"', 1)[1].split("</header>", 1)[0]
    assert "张伟" in head and "乌海市中级人民法院 — 民事审判第一庭" in head and "青年干警" in head
    today = local_today()
    assert f"{full_years(date(1990, 3, 1), today)} 岁" in html
    assert f"{full_years(date(2015, 7, 1), today)} 年" in html
    skills = html.split('data-testid="skills"', 1)[1].split("</table>", 1)[0]
    assert "民事审判" in skills and "调解" in skills
    stored = clock.today().isoformat()  # the services date their rows by the server's day
    assert stored in skills and "— → 3" in skills
    pairings = html.split('data-testid="pairings"', 1)[1].split("</section>", 1)[0]
    assert f'href="/people/{org["senior"]}"' in pairings and "王建国" in pairings
    assert f'href="/people/{org["clerk"]}"' in pairings and "陈静" in pairings
    assert "进行中" in pairings and stored in pairings
    chain = html.split('data-testid="chain"', 1)[1].split("</section>", 1)[0]
    assert chain.index("王建国") < chain.index("张伟") < chain.index("陈静")
    # Paired on its link (1-2): nothing to pair by hand.
    assert "已有进行中的结对" in html

    # The clerk: the goal's target beside the skill, the chain from the senior down.
    clerk = client.get(f"/people/{org['clerk']}").text
    skills = clerk.split('data-testid="skills"', 1)[1].split("</table>", 1)[0]
    assert "裁判文书写作" in skills and "带教目标" in skills
    assert re.search(r'data-label="目标等级">\s*4', skills)
    chain = clerk.split('data-testid="chain"', 1)[1].split("</section>", 1)[0]
    assert chain.index("王建国") < chain.index("张伟") < chain.index("陈静")

    # Names, never ids or staff numbers.
    for page in (html, clerk):
        text = visible(page)
        assert not re.search(r"#\d", text)
        assert "Y001" not in text and "C001" not in text and "S001" not in text


def test_the_profile_form_saves_audits_and_refuses_with_the_field_named(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    url = f"/people/{org['clerk']}/profile"
    form = {
        "csrf_token": token,
        "name": "陈静",
        "position": "书记员",
        "gender": "female",
        "birth_date": "1995-03-01",
        "hire_date": "2020-07-01",
        "mentor_capacity": "0",
        "expertise": "庭审记录、卷宗归档",
        "goals": "提升裁判文书写作",
    }
    saved = client.post(url, data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"].endswith(f"/people/{org['clerk']}")
    page = client.get(saved.headers["location"]).text
    assert "已保存：陈静 的基本信息。" in page and "庭审记录、卷宗归档" in page and "女" in page
    session.expire_all()
    person = session.get(Person, org["clerk"])
    assert person is not None and person.expertise == "庭审记录、卷宗归档"
    assert person.gender == "female" and person.position == "书记员"
    assert "person.update" in audit_actions(session, "person")

    bad = client.post(
        url,
        data={**form, "name": "", "hire_date": "1990-01-01", "mentor_capacity": "x"},
        follow_redirects=False,
    )
    assert bad.status_code == 422
    for field in ("name", "hire_date", "mentor_capacity"):
        assert f'id="err-{field}"' in bad.text
    assert "参加工作日期须晚于出生日期" in bad.text
    assert 'value="1990-01-01"' in bad.text  # what was typed stays in the form
    session.expire_all()
    unchanged = session.get(Person, org["clerk"])
    assert unchanged is not None and unchanged.name == "陈静"
    assert audit_actions(session, "person").count("person.update") == 1

    no_token = client.post(url, data={**form, "csrf_token": "x"}, follow_redirects=False)
    assert no_token.status_code == 403


def test_declare_and_withdraw_a_conflict(client: TestClient, session: Session, users, org) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    url = f"/people/{org['young']}/conflicts"
    page = client.get(f"/people/{org['young']}").text
    assert "赵敏（立案庭 · 乌海市中级人民法院）" in page  # the picker offers name and unit

    missing = client.post(url, data={"csrf_token": token, "other": "无此人", "reason": ""})
    assert missing.status_code == 422
    assert 'id="err-other"' in missing.text and 'id="err-conflict_reason"' in missing.text

    declared = client.post(
        url,
        data={
            "csrf_token": token,
            "other": "赵敏（立案庭 · 乌海市中级人民法院）",
            "reason": "近亲属",
        },
        follow_redirects=False,
    )
    assert declared.status_code == 303
    shown = client.get(declared.headers["location"]).text
    assert "已申报利益冲突：张伟—赵敏。" in shown
    rows = shown.split('data-testid="conflicts"', 1)[1].split("</section>", 1)[0]
    assert "赵敏" in rows and "近亲属" in rows and f'href="/people/{org["clerk2"]}"' in rows
    session.expire_all()
    conflict = session.exec(select(Conflict)).one()
    assert {conflict.person_a_id, conflict.person_b_id} == {org["young"], org["clerk2"]}

    again = client.post(url, data={"csrf_token": token, "other": "赵敏", "reason": "再次"})
    assert again.status_code == 409 and "已申报过利益冲突" in again.text

    withdraw = f"/people/{org['young']}/conflicts/{conflict.id}/withdraw"
    blank = client.post(withdraw, data={"csrf_token": token, "reason": " "})
    assert blank.status_code == 422 and f'id="err-withdraw-{conflict.id}"' in blank.text
    elsewhere = client.post(
        f"/people/{org['senior']}/conflicts/{conflict.id}/withdraw",
        data={"csrf_token": token, "reason": "误报"},
    )
    assert elsewhere.status_code == 404
    done = client.post(
        withdraw, data={"csrf_token": token, "reason": "经核实非近亲属"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert "已撤回利益冲突：张伟—赵敏。" in client.get(done.headers["location"]).text
    session.expire_all()
    assert session.exec(select(Conflict)).first() is None
    assert audit_actions(session, "conflict") == ["conflict.create", "conflict.withdraw"]
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "conflict.withdraw")).one()
    assert "经核实非近亲属" in str(event.after)


def test_pair_by_hand_from_a_suggestion(client: TestClient, session: Session, users, org) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    page = client.get(f"/people/{org['clerk2']}").text
    manual = page.split('data-testid="manual"', 1)[1].split("</section>", 1)[0]
    assert "张伟" in manual and "/ 100" in manual and 'class="bars"' in manual
    assert re.search(r"\d+ 分", manual)
    assert f'<input type="hidden" name="mentor" value="{org["young"]}">' in manual

    paired = client.post(
        f"/people/{org['clerk2']}/pair",
        data={"csrf_token": token, "mentor": str(org["young"])},
        follow_redirects=False,
    )
    assert paired.status_code == 303
    after = client.get(paired.headers["location"]).text
    assert "已结对：张伟—赵敏" in after
    session.expire_all()
    pairing = session.exec(select(Pairing).where(Pairing.mentee_id == org["clerk2"])).one()
    assert pairing.mentor_id == org["young"] and pairing.status == "active"
    assert "pairing.create" in audit_actions(session, "pairing")
    assert "已有进行中的结对" in after

    # A second try breaks the already-paired rule: a flash naming both, nothing written.
    again = client.post(
        f"/people/{org['clerk2']}/pair",
        data={"csrf_token": token, "mentor": str(org["young"])},
    )
    assert again.status_code == 200 and "未能结对：张伟—赵敏" in again.text
    session.expire_all()
    assert len(session.exec(select(Pairing)).all()) == 1


def test_who_may_see_the_page(client: TestClient, users, org) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    page = client.get(f"/people/{org['young']}")
    assert page.status_code == 200 and "张伟" in page.text and "基本信息" in page.text
    assert (
        'data-testid="conflicts"' not in page.text
        and '<form method="post" action="/people' not in page.text
    )
    assert client.get("/people/999999").status_code == 404
    client.cookies.clear()
    log_in(client, "mentor", TEST_PASSWORD)
    assert client.get(f"/people/{org['young']}").status_code == 403
    client.cookies.clear()
    token = log_in(client, "planner", TEST_PASSWORD)
    assert client.get("/people/999999").status_code == 404
    assert client.get("/people/0").status_code in (404, 422)
    missing = client.post("/people/999999/pair", data={"csrf_token": token, "mentor": "1"})
    assert missing.status_code == 404


def test_the_page_speaks_english_too(client: TestClient, users, org, auth_headers) -> None:
    build_chains(client, auth_headers, org)
    log_in(client, "planner", TEST_PASSWORD)
    page = client.get(f"/people/{org['clerk2']}", params={"lang": "en"})
    assert page.status_code == 200 and 'lang="en"' in page.text
    for words in (
        "Basic information",
        "Pairings",
        "Mentoring chain",
        "Conflicts of interest",
        "Manual pairing",
    ):
        assert words in page.text, words
    assert "points" in page.text and "手工结对" not in page.text
    roster = client.get("/roster", params={"lang": "en", "sort": "age"}).text
    assert "people, page 1 of 1" in roster and "Years of service" in roster


def test_the_board_and_the_reports_link_names_to_the_person_page(
    client: TestClient, users, org, auth_headers
) -> None:
    made = build_chains(client, auth_headers, org)
    _goal(client, auth_headers, made["young_clerk"])
    log_in(client, "planner", TEST_PASSWORD)
    board = client.get("/pairings").text
    for key in ("senior", "young", "clerk", "senior2", "young2"):
        assert f'href="/people/{org[key]}"' in board, key
    assert f'href="/pairings/{made["young_clerk"]}"' in board  # the pairing page stays reachable
    reports = client.get("/reports").text
    goals = reports.split('data-testid="goals"', 1)[1].split("</table>", 1)[0]
    assert f'<a class="person-link" href="/people/{org["clerk"]}">陈静</a>' in goals
