"""The reserve-pool reviewer's pages through TestClient (SQLite and PostgreSQL): content,
roles, the review form's errors and success, the audit events the pages cause, downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from api.deps import actor_of
from models import Person, User
from models.audit import AuditEvent
from models.reserve import ReserveCandidate, ReserveReview
from models.reserve_schemas import (
    AssessmentCreate,
    CandidateCreate,
    KeyPostCreate,
    ListItemCreate,
    PoliticalEntryCreate,
    RequiredSkill,
    ReviewCreate,
)
from talent import clock
from talent.reserve import candidates as reserve_candidates
from talent.reserve import key_posts as reserve_succession
from talent.reserve import records as reserve_records
from talent.reserve import reviews as reserve_reviews
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in

TODAY = clock.today()
THIS_CYCLE = str(TODAY.year)
PAGES = (
    "/reserve",
    "/reserve/nine-box",
    "/reserve/succession",
    "/reserve/compare?ids=1,2",
    "/reserve/pack.xlsx",
    "/reserve/candidates/1",
    "/reserve/candidates/1/sheet.docx",
    "/reserve/candidates/1/documents/1",
)


def _eligible(session: Session, person_id: int) -> None:
    person = session.get(Person, person_id)
    assert person is not None
    person.birth_date = date(TODAY.year - 30, 1, 1)
    person.hire_date = date(TODAY.year - 8, 7, 1)
    session.add(person)
    session.commit()


@pytest.fixture
def pool(session: Session, org: dict[str, int], users: dict[str, User]) -> dict[str, int]:
    """张伟 (young) eligible, graded, nominated and admitted this year, with a political-file
    entry and an open negative-list item from long ago; 刘洋 (young2) nominated, never
    graded (so not eligible); a key post whose holder is the senior judge and whose only
    backup is 张伟."""
    actor = actor_of(users["reviewer"])
    _eligible(session, org["young"])
    _eligible(session, org["young2"])
    for k, grade in enumerate(["excellent", "competent", "excellent"]):
        reserve_records.add_assessment(
            session,
            person_id=org["young"],
            body=AssessmentCreate(year=TODAY.year - 3 + k, grade=grade, common_score=90),
            actor=actor,
        )
    reserve_records.add_political_entry(
        session,
        person_id=org["young"],
        body=PoliticalEntryCreate(
            entry_date=date(TODAY.year - 1, 12, 15), kind="annual_review", item="政治立场坚定"
        ),
        actor=actor,
    )
    reserve_records.add_list_item(
        session,
        person_id=org["young"],
        body=ListItemCreate(
            polarity="negative",
            item_date=date(TODAY.year - 6, 3, 1),
            kind="complaint",
            item="当事人投诉办案态度问题",
        ),
        actor=actor,
    )
    young = reserve_candidates.nominate(
        session, body=CandidateCreate(person_id=org["young"], reason="业务骨干"), actor=actor
    )
    reserve_candidates.attach_document(
        session,
        candidate_id=young.id,  # type: ignore[arg-type]
        filename="推荐材料.txt",
        content_type="text/plain; charset=utf-8",
        content="推荐材料".encode(),
        actor=actor,
    )
    reserve_reviews.record_review(
        session,
        candidate_id=young.id,  # type: ignore[arg-type]
        body=ReviewCreate(cycle=THIS_CYCLE, decision="admit", comment="同意入库"),
        actor=actor,
    )
    young2 = reserve_candidates.nominate(
        session, body=CandidateCreate(person_id=org["young2"]), actor=actor
    )
    post = reserve_succession.create_post(
        session,
        body=KeyPostCreate(
            title="民事审判第一庭庭长",
            unit_id=org["civil"],
            holder_id=org["senior"],
            required_skills=[RequiredSkill(skill_code="civil_trial", level=3)],
        ),
        actor=actor,
    )
    reserve_succession.set_backup(
        session, post_id=post.id, role="A", person_id=org["young"], actor=actor
    )
    return {"young": young.id, "young2": young2.id, "post": post.id}  # type: ignore[dict-item]


def _events(session: Session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(
        session.exec(
            select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.seq))
        ).all()
    )


def _text(html: str) -> str:
    """The page's text without tags, whitespace collapsed (for phrases split by markup)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- roles -------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["planner", "mentor"])
def test_planners_and_mentors_get_403_on_every_reserve_page(
    client: TestClient, pool, role: str
) -> None:
    token = log_in(client, role, TEST_PASSWORD)
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    for action in ("reviews", "transitions", "undo"):
        response = client.post(
            f"/reserve/candidates/{pool['young']}/{action}",
            data={"csrf_token": token, "cycle": THIS_CYCLE, "decision": "exit", "reason": "x"},
        )
        assert response.status_code == 403, action
    assert "政治立场坚定" not in client.get(f"/reserve/candidates/{pool['young']}").text


def test_logged_out_goes_to_login(client: TestClient, pool) -> None:
    for path in PAGES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_reviewers_and_admins_open_every_reserve_page(client: TestClient, pool, role: str) -> None:
    log_in(client, role, TEST_PASSWORD)
    for path in PAGES:
        response = client.get(path.replace("/1", f"/{pool['young']}", 1))
        assert response.status_code == 200, path


# --- the pool table, filters, the 9-box, comparison --------------------------------------
def test_pool_table_shows_eligibility_readiness_and_links(client: TestClient, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    html = client.get("/reserve").text
    assert 'data-testid="pool"' in html
    assert f'href="/reserve/candidates/{pool["young"]}"' in html
    text = _text(html)
    assert "张伟" in text and "刘洋" in text
    assert "近年考核等次不符" in text  # 刘洋 has no grades: the failed rule is named
    assert "在库" in text and "已提名" in text
    assert "可立即使用" in text or "1-2年内可用" in text or "3-5年内可用" in text
    assert 'href="/reserve/pack.xlsx"' in html


def test_pool_filters_search_and_bad_filters(client: TestClient, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    eligible = _text(client.get("/reserve?eligible=yes").text)
    assert "张伟" in eligible and "刘洋" not in eligible
    not_eligible = _text(client.get("/reserve?eligible=no").text)
    assert "刘洋" in not_eligible and "张伟" not in not_eligible
    nominated = _text(client.get("/reserve?state=nominated").text)
    assert "刘洋" in nominated and "张伟" not in nominated
    searched = _text(client.get("/reserve?q=Y001").text)
    assert "张伟" in searched and "刘洋" not in searched
    none = client.get("/reserve?q=nobody%25")
    assert none.status_code == 200 and "没有符合条件的候选人" in none.text
    bad = client.get("/reserve?state=bogus&band=soon&unit=abc&q=" + "x" * 65)
    assert bad.status_code == 422
    for field in ("state", "band", "unit", "q"):
        assert f'id="err-{field}"' in bad.text, field


def test_nine_box_places_every_open_candidate_once(client: TestClient, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    html = client.get("/reserve/nine-box").text
    counts = [int(n) for n in re.findall(r'data-testid="box-count-\d">(\d+)<', html)]
    assert len(counts) == 9 and sum(counts) == 2
    assert f'href="/reserve/candidates/{pool["young"]}"' in html
    assert f'href="/reserve/candidates/{pool["young2"]}"' in html


def test_compare_two_candidates_and_refuse_one(client: TestClient, session: Session, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    response = client.get(f"/reserve/compare?ids={pool['young']}&ids={pool['young2']}")
    assert response.status_code == 200
    text = _text(response.text)
    assert "张伟" in text and "刘洋" in text and "综合成熟度" in text
    assert len(_events(session, "reserve.compare")) == 1
    one = client.get(f"/reserve/compare?ids={pool['young']}")
    assert one.status_code == 422 and "2 至 5" in one.text
    assert client.get("/reserve/compare?ids=1,abc").status_code == 422
    assert client.get("/reserve/compare?ids=1,99999").status_code == 404


# --- a candidate's file ------------------------------------------------------------------
def test_file_shows_records_and_logs_the_sensitive_read(
    client: TestClient, session: Session, pool, users, org
) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    before = len(_events(session, "reserve.sensitive.read"))
    html = client.get(f"/reserve/candidates/{pool['young']}").text
    text = _text(html)
    for phrase in ("政治立场坚定", "当事人投诉办案态度问题", "年度考核", "成熟度构成", "状态历史"):
        assert phrase in text, phrase
    assert "同意入库" in text  # the review history
    assert 'name="decision"' in html and 'name="band_comment"' in html
    reads = _events(session, "reserve.sensitive.read")[before:]
    files = sorted(json.loads(r.after or "{}")["file"] for r in reads)
    assert files == ["list_items:all", "political_entries"]
    assert all(r.actor_id == users["reviewer"].id for r in reads)
    assert all((r.entity, r.entity_id) == ("person", str(org["young"])) for r in reads)


def test_review_form_errors_keep_what_was_typed(client: TestClient, session: Session, pool) -> None:
    token = log_in(client, "reviewer", TEST_PASSWORD)
    path = f"/reserve/candidates/{pool['young']}/reviews"
    no_decision = client.post(
        path, data={"csrf_token": token, "cycle": "第二轮", "comment": "继续在一线历练"}
    )
    assert no_decision.status_code == 422
    assert 'id="err-decision"' in no_decision.text and 'id="err-cycle"' in no_decision.text
    assert "继续在一线历练" in no_decision.text and 'value="第二轮"' in no_decision.text

    override = client.post(
        path,
        data={
            "csrf_token": token,
            "cycle": f"{THIS_CYCLE}-2",
            "decision": "retain",
            "band": _other_band(client, pool["young"]),
            "comment": "保留",
        },
    )
    assert override.status_code == 422 and 'id="err-band_comment"' in override.text
    assert 'value="retain" checked' in override.text

    twice = client.post(path, data={"csrf_token": token, "cycle": THIS_CYCLE, "decision": "retain"})
    assert twice.status_code == 409 and 'id="err-cycle"' in twice.text
    assert "轮次已有评审决定，请换一个新轮次" in twice.text

    not_eligible = client.post(
        f"/reserve/candidates/{pool['young2']}/reviews",
        data={"csrf_token": token, "cycle": THIS_CYCLE, "decision": "admit", "comment": "拟入库"},
    )
    assert not_eligible.status_code == 409 and 'id="err-decision"' in not_eligible.text
    assert "近年考核等次不符" in not_eligible.text and "拟入库" in not_eligible.text
    session.expire_all()
    assert len(session.exec(select(ReserveReview)).all()) == 1  # nothing written
    assert session.get(ReserveCandidate, pool["young2"]).status == "nominated"  # type: ignore[union-attr]


def _other_band(client: TestClient, candidate_id: int) -> str:
    html = client.get(f"/reserve/candidates/{candidate_id}").text
    suggested = re.search(r"确认建议等级：([^<]+)<", html)
    assert suggested
    words = {"可立即使用": "ready_now", "1-2年内可用": "ready_1_2", "3-5年内可用": "ready_3_5"}
    current = words[suggested.group(1).strip()]
    return next(code for code in words.values() if code != current)


def test_review_is_recorded_audited_and_shown_in_the_history(
    client: TestClient, session: Session, pool, users
) -> None:
    token = log_in(client, "reviewer", TEST_PASSWORD)
    band = _other_band(client, pool["young"])
    response = client.post(
        f"/reserve/candidates/{pool['young']}/reviews",
        data={
            "csrf_token": token,
            "cycle": f"{THIS_CYCLE}-2",
            "decision": "retain",
            "comment": "继续在执行一线历练",
            "band": band,
            "band_comment": "评审会校准",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/reserve/candidates/{pool['young']}#history"
    created = _events(session, "reserve.review.create")
    assert created[-1].actor_id == users["reviewer"].id
    review = session.exec(
        select(ReserveReview)
        .where(ReserveReview.candidate_id == pool["young"])
        .order_by(col(ReserveReview.id).desc())
    ).first()
    assert review is not None and review.band == band and review.band_comment == "评审会校准"
    assert review.band_suggested != band  # both kept
    page = client.get(response.headers["location"])
    assert "已记录" in page.text and "继续在执行一线历练" in page.text and "评审会校准" in page.text
    assert f"{THIS_CYCLE}-2" in _text(page.text)


def test_lifecycle_steps_and_undo(client: TestClient, session: Session, pool) -> None:
    token = log_in(client, "reviewer", TEST_PASSWORD)
    path = f"/reserve/candidates/{pool['young']}"
    no_reason = client.post(
        f"{path}/transitions",
        data={"csrf_token": token, "action": "remove", "effective_date": "2026-02-30"},
    )
    assert no_reason.status_code == 422
    assert 'id="err-remove_reason"' in no_reason.text and 'id="err-remove_date"' in no_reason.text
    assert 'value="2026-02-30"' in no_reason.text
    future = client.post(
        f"{path}/transitions",
        data={
            "csrf_token": token,
            "action": "remove",
            "reason": "调离",
            "effective_date": date(TODAY.year + 1, 1, 1).isoformat(),
        },
    )
    assert (
        future.status_code == 422
        and "不能晚于今天" in future.text
        and 'value="调离"' in future.text
    )
    wrong = client.post(f"{path}/transitions", data={"csrf_token": token, "action": "appoint"})
    assert wrong.status_code == 409 and "当前状态下不能进行该操作" in wrong.text

    listed = client.post(
        f"{path}/transitions",
        data={"csrf_token": token, "action": "list_for_inspection", "reason": "拟提拔考察"},
        follow_redirects=False,
    )
    assert listed.status_code == 303
    session.expire_all()
    assert session.get(ReserveCandidate, pool["young"]).status == "inspection"  # type: ignore[union-attr]
    assert _events(session, "reserve.candidate.list_for_inspection")

    no_undo_reason = client.post(f"{path}/undo", data={"csrf_token": token, "reason": " "})
    assert no_undo_reason.status_code == 422 and 'id="err-undo_reason"' in no_undo_reason.text
    undone = client.post(
        f"{path}/undo", data={"csrf_token": token, "reason": "误操作"}, follow_redirects=False
    )
    assert undone.status_code == 303
    session.expire_all()
    assert session.get(ReserveCandidate, pool["young"]).status == "in_pool"  # type: ignore[union-attr]
    history = client.get(path).text
    assert "撤销考察" in history and 'class="reverted"' in history


def test_forms_need_the_csrf_token(client: TestClient, session: Session, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    response = client.post(
        f"/reserve/candidates/{pool['young']}/reviews",
        data={"cycle": f"{THIS_CYCLE}-2", "decision": "exit"},
    )
    assert response.status_code == 403
    session.expire_all()
    assert session.get(ReserveCandidate, pool["young"]).status == "in_pool"  # type: ignore[union-attr]


def test_unknown_candidate_is_a_404_page(client: TestClient, pool) -> None:
    token = log_in(client, "reviewer", TEST_PASSWORD)
    assert client.get("/reserve/candidates/99999").status_code == 404
    missing = client.post(
        "/reserve/candidates/99999/reviews",
        data={"csrf_token": token, "cycle": THIS_CYCLE, "decision": "exit"},
    )
    assert missing.status_code == 404


# --- downloads, succession, language -----------------------------------------------------
def test_pack_and_sheet_downloads_are_files_and_audited(
    client: TestClient, session: Session, pool
) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    pack = client.get("/reserve/pack.xlsx")
    assert pack.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in pack.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(pack.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["刘洋", "张伟"]
    assert _events(session, "reserve.pack.export")

    docx = client.get(f"/reserve/candidates/{pool['young']}/sheet.docx")
    assert docx.status_code == 200 and "wordprocessingml" in docx.headers["content-type"]
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        assert "干部信息采集表" in archive.read("word/document.xml").decode()
    assert _events(session, "reserve.sheet.export")

    doc = client.get(f"/reserve/candidates/{pool['young']}/documents/1")
    assert doc.status_code == 200 and doc.content == "推荐材料".encode()
    assert client.get(f"/reserve/candidates/{pool['young2']}/documents/1").status_code == 404


def test_succession_names_the_uncovered_post_and_suggests_backups(client: TestClient, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    html = client.get("/reserve/succession").text
    assert 'data-testid="uncovered"' in html and f'href="#post-{pool["post"]}"' in html
    text = _text(html)
    assert "民事审判第一庭庭长" in text and "王建国" in text and "张伟" in text
    assert "缺 B 角" in text and "缺应急顶岗" in text
    assert "后备人选建议" in text and "技能匹配" in text


def test_pages_speak_english(client: TestClient, pool) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    html = client.get(f"/reserve/candidates/{pool['young']}?lang=en").text
    assert '<html lang="en">' in html
    assert "Record the decision" in html and "Political quality file" in html
    assert "In the pool" in client.get("/reserve").text


def test_the_file_says_why_someone_is_not_eligible_in_the_page_language(
    client: TestClient, pool
) -> None:
    log_in(client, "reviewer", TEST_PASSWORD)
    url = f"/reserve/candidates/{pool['young2']}"  # never graded: the assessment rule fails
    chinese = _text(client.get(url).text)
    assert "缺少" in chinese and "年度考核" in chinese
    assert "no assessment for" not in chinese
    english = _text(client.get(url, params={"lang": "en"}).text)
    assert "no assessment for" in english
