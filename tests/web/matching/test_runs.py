"""The planner's matching pages through TestClient: run form, what-if, review board (both databases)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from models import Pairing, Person, Proposal
from talent.matching import scoring
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in

WEIGHTS = {f"w_{k}": "0.2" for k in scoring.FEATURES}


def _run(client: TestClient, token: str, **extra: object) -> int:
    data = {"csrf_token": token, "link": "1-2", **WEIGHTS, **extra}
    response = client.post("/matching/runs", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:800]
    found = re.fullmatch(r"/matching/runs/(\d+)", response.headers["location"])
    assert found
    return int(found.group(1))


def test_run_form_shows_sliders_for_the_five_features(client: TestClient, users, org) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/matching").text
    for feature in scoring.FEATURES:
        assert f'name="w_{feature}"' in html
    assert 'name="cross_unit"' in html and 'name="unit_ids"' in html
    assert "还没有匹配批次" in html


def test_what_if_preview_shows_the_diff_and_stores_nothing(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    response = client.post(
        "/matching/preview", data={"csrf_token": token, "link": "1-2", **WEIGHTS}
    )
    assert response.status_code == 200
    html = response.text
    assert 'data-testid="preview"' in html
    assert 'data-testid="matched-change">+2<' in html
    assert "张伟" in html and "王建国" in html
    assert session.exec(select(Proposal)).first() is None
    # The form keeps what was chosen.
    assert 'value="1-2" checked' in html


def test_run_then_accept_and_reject_from_the_board(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    board = client.get(f"/matching/runs/{run_id}")
    assert board.status_code == 200
    assert "已生成匹配批次" in board.text
    ids = [int(i) for i in re.findall(r'data-proposal="(\d+)"', board.text)]
    assert len(ids) == 2
    assert board.text.count('class="bar-fill"') >= 10

    accepted = client.post(
        f"/matching/proposals/{ids[0]}/accept", data={"csrf_token": token}, follow_redirects=False
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == f"/matching/runs/{run_id}#p-{ids[0]}"
    first = session.get(Proposal, ids[0])
    assert first is not None
    mentor, mentee = session.get(Person, first.mentor_id), session.get(Person, first.mentee_id)
    assert mentor is not None and mentee is not None
    flash = f"已确认：{mentor.name}—{mentee.name}，结对已建立。"
    assert flash in client.get(accepted.headers["location"]).text

    empty = client.post(
        f"/matching/proposals/{ids[1]}/reject?status=proposed",
        data={"csrf_token": token, "reason": "   "},
    )
    assert empty.status_code == 422
    assert f'id="err-reason-{ids[1]}"' in empty.text

    too_long = "理由" * 300
    kept = client.post(
        f"/matching/proposals/{ids[1]}/reject", data={"csrf_token": token, "reason": too_long}
    )
    assert kept.status_code == 422 and too_long in kept.text

    rejected = client.post(
        f"/matching/proposals/{ids[1]}/reject?status=proposed",
        data={"csrf_token": token, "reason": "导师本年度借调外单位"},
        follow_redirects=False,
    )
    assert rejected.status_code == 303
    assert rejected.headers["location"] == f"/matching/runs/{run_id}?status=proposed#p-{ids[1]}"
    session.expire_all()
    statuses = {p.id: (p.status, p.reason) for p in session.exec(select(Proposal)).all()}
    assert statuses[ids[0]][0] == "accepted"
    assert statuses[ids[1]] == ("rejected", "导师本年度借调外单位")
    assert len(session.exec(select(Pairing)).all()) == 1
    rejected_page = client.get(f"/matching/runs/{run_id}?status=rejected").text
    assert "导师本年度借调外单位" in rejected_page

    again = client.post(
        f"/matching/proposals/{ids[0]}/accept", data={"csrf_token": token}, follow_redirects=True
    )
    assert "该建议已处理过" in again.text


def test_accept_without_csrf_changes_nothing(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    proposal = session.exec(select(Proposal).where(Proposal.run_id == run_id)).first()
    assert proposal is not None
    response = client.post(f"/matching/proposals/{proposal.id}/accept")
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Proposal, proposal.id).status == "proposed"  # type: ignore[union-attr]


def test_bulk_decisions_and_their_field_errors(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    ids = [p.id for p in session.exec(select(Proposal).where(Proposal.run_id == run_id)).all()]

    nothing = client.post(
        f"/matching/runs/{run_id}/decide", data={"csrf_token": token, "action": "accept"}
    )
    assert nothing.status_code == 422 and 'id="err-bulk_proposal_ids"' in nothing.text

    no_reason = client.post(
        f"/matching/runs/{run_id}/decide",
        data={"csrf_token": token, "action": "reject", "proposal_ids": [str(i) for i in ids]},
    )
    assert no_reason.status_code == 422 and 'id="err-bulk_reason"' in no_reason.text
    assert all(f'value="{i}" class="pick" aria-label' in no_reason.text for i in ids)
    assert no_reason.text.count("checked>") >= len(ids)

    done = client.post(
        f"/matching/runs/{run_id}/decide",
        data={
            "csrf_token": token,
            "action": "reject",
            "reason": "另行安排",
            "proposal_ids": [str(i) for i in ids],
        },
        follow_redirects=True,
    )
    assert done.status_code == 200 and "已处理 2 条建议" in done.text
    session.expire_all()
    assert {p.status for p in session.exec(select(Proposal)).all()} == {"rejected"}


def test_explain_shows_the_alternative_and_why_not(client: TestClient, users, org) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token, cross_unit="1")
    html = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}").text
    assert "所建议导师" in html
    assert "未选原因" in html
    partial = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}?partial=1")
    assert partial.status_code == 200 and "<html" not in partial.text
    assert 'data-testid="explain"' in partial.text


def test_unmatched_list_shows_translated_reasons(
    client: TestClient, session: Session, users, org
) -> None:
    for key in ("senior", "senior2"):
        person = session.get(Person, org[key])
        assert person is not None
        person.mentor_capacity = 0
        session.add(person)
    session.commit()
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    html = client.get(f"/matching/runs/{run_id}").text
    assert 'data-testid="unmatched"' in html
    assert html.count("范围内的导师名额均已满") == 2
    assert "本批次没有产生建议" in html
    english = client.get(f"/matching/runs/{run_id}?lang=en").text
    assert english.count("Every mentor in scope is full") == 2


def test_run_form_errors_sit_next_to_their_fields_and_keep_the_input(
    client: TestClient, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    data = {
        "csrf_token": token,
        "link": "9-9",
        "unit_ids": [str(org["district"]), "abc"],
        "cross_unit": "1",
        **{f"w_{k}": "0" for k in scoring.FEATURES},
    }
    response = client.post("/matching/preview", data=data)
    assert response.status_code == 422
    html = response.text
    assert 'id="err-link"' in html and 'id="err-unit_ids"' in html
    assert f'value="{org["district"]}" checked' in html
    assert 'name="cross_unit" value="1" checked' in html
    zero = client.post(
        "/matching/preview",
        data={"csrf_token": token, "link": "1-2", **{f"w_{k}": "0" for k in scoring.FEATURES}},
    )
    assert zero.status_code == 422 and 'id="err-weights"' in zero.text
    unknown_unit = client.post(
        "/matching/preview",
        data={"csrf_token": token, "link": "1-2", "unit_ids": "999999", **WEIGHTS},
    )
    assert unknown_unit.status_code == 422 and 'id="err-unit_ids"' in unknown_unit.text


def test_no_input_gives_a_500(client: TestClient, users, org) -> None:
    token = log_in(client, "admin", TEST_PASSWORD)
    paths = [
        "/matching/runs/abc",
        "/matching/runs/999999",
        "/matching/runs/999999/mentees/1",
        "/matching/runs/1/mentees/abc",
        "/roster?page=-4&unit=-1&tier=0&q=%3Cscript%3E",
        "/roster?page=999999999999999999999",
        "/roster?q=" + "x" * 500,
        "/pairings/abc",
        "/pairings/999999",
        "/mentees?lang=xx",
        "/login?next=javascript:alert(1)",
    ]
    for path in paths:
        assert client.get(path).status_code < 500, path
    posts = [
        ("/matching/proposals/999999/accept", {"csrf_token": token}),
        ("/matching/proposals/999999/reject", {"csrf_token": token, "reason": "x"}),
        ("/matching/runs/999999/decide", {"csrf_token": token, "action": "accept"}),
        ("/matching/runs", {"csrf_token": token, "w_skill_fit": "nan", "link": "1-2"}),
        ("/matching/preview", {"csrf_token": token, "w_seniority": "1e999", "link": "1-2"}),
        ("/login", {"csrf_token": token, "username": "x" * 10_000, "password": "y" * 10_000}),
    ]
    for path, data in posts:
        assert client.post(path, data=data).status_code < 500, path


def test_a_proposal_staled_by_another_run_shows_why_on_the_board(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    everywhere = _run(client, token, cross_unit="1")
    own_court = _run(client, token)
    young = session.exec(
        select(Proposal).where(Proposal.run_id == own_court, Proposal.mentee_id == org["young"])
    ).one()
    accepted = client.post(
        f"/matching/proposals/{young.id}/accept", data={"csrf_token": token}, follow_redirects=False
    )
    assert accepted.status_code == 303
    board = client.get(f"/matching/runs/{everywhere}").text
    assert "已失效" in board
    assert f"该徒弟已在第 {own_court} 批次中确认结对" in board
    english = client.get(f"/matching/runs/{everywhere}?lang=en").text
    assert f"Mentee already paired: a proposal of run {own_court} was accepted" in english


def test_home_and_matching_pages_list_the_runs_still_to_decide(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    waiting = session.exec(select(Proposal).where(Proposal.run_id == run_id)).all()
    for page in ("/", "/matching"):
        html = client.get(page).text
        assert f"/matching/runs/{run_id}?status=proposed" in html
        assert f"待审核 {len(waiting)} 条" in html
    for proposal in waiting:
        client.post(
            f"/matching/proposals/{proposal.id}/reject",
            data={"csrf_token": token, "reason": "另行安排"},
            follow_redirects=False,
        )
    assert "所有批次的建议都已处理。" in client.get("/").text


def test_the_run_header_names_its_scope_and_the_subordinate_courts_only_when_asked(
    client: TestClient, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    own = client.get(f"/matching/runs/{_run(client, token, unit_ids=str(org['court']))}").text
    assert "乌海市中级人民法院" in own and "含下级法院" not in own
    city = _run(client, token, unit_ids=str(org["court"]), include_subordinate_courts="1")
    html = client.get(f"/matching/runs/{city}").text
    assert "乌海市中级人民法院，含下级法院：海勃湾区人民法院" in html
    # The district court's young judge is in the second run only.
    assert "张伟" in own and "刘洋" not in own
    assert "张伟" in html and "刘洋" in html


def test_a_run_stored_at_15_59_utc_shows_23_59_court_time(
    client: TestClient, users, org, session: Session
) -> None:
    from datetime import UTC, datetime

    from models import MatchingRun

    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    run = session.get(MatchingRun, run_id)
    assert run is not None
    run.created_at = datetime(2026, 12, 3, 15, 59, tzinfo=UTC)
    session.add(run)
    session.commit()
    html = client.get(f"/matching/runs/{run_id}").text
    assert "2026-12-03 23:59" in html and "15:59" not in html


def test_deciding_every_open_proposal_of_the_run_at_once_and_the_board_says_all_are_done(
    client: TestClient, users, org, session: Session
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token)
    board = client.get(f"/matching/runs/{run_id}").text
    assert 'data-testid="all-decided"' not in board
    # Everything fits on one page here, so the page's own "select all" is enough.
    assert 'data-testid="all-open"' not in board
    done = client.post(
        f"/matching/runs/{run_id}/decide",
        data={"csrf_token": token, "action": "accept", "all_open": "1"},
    )
    assert done.status_code == 200 and "已处理 2 条建议" in done.text
    statuses = [p.status for p in session.exec(select(Proposal)).all()]
    assert statuses == ["accepted", "accepted"]
    assert "本批次的 2 条建议已全部处理" in done.text
