"""The mentor's pages through TestClient (SQLite and PostgreSQL): my mentees with goals and
cadence, the pairing page, the one-screen log form (defaults, 422 with values kept, 303 with
a flash and an audit event), corrections as versions, the mentee's confirmation, action items,
goals set and withdrawn from the page, and 403 for another mentor's pairing."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.web.forms.mentoring import months_ahead
from models import AuditEvent, User
from models.mentoring import GuidanceLog, GuidanceLogVersion, PairingGoal
from models.mentoring_schemas import ActionItemIn, GoalCreate, LogCreate
from models.schemas import PersonSkillIn
from talent import clock
from talent.audit import Actor
from talent.mentoring import goals, guidance, pairings
from talent.roster import people
from tests.conftest import PASSWORD_HASH, TEST_PASSWORD
from tests.web.conftest import log_in

TODAY = clock.today()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def more_users(session: Session, org: dict[str, int], users) -> dict[str, User]:
    """``mentor2`` (another senior judge) and ``young`` (the mentee, who logs in too)."""
    extra = {
        "mentor2": User(
            username="mentor2", password_hash=PASSWORD_HASH, role="mentor", person_id=org["senior2"]
        ),
        "young": User(
            username="young", password_hash=PASSWORD_HASH, role="mentor", person_id=org["young"]
        ),
    }
    session.add_all(extra.values())
    session.commit()
    return {**users, **extra}


@pytest.fixture
def pairing_id(session: Session, org: dict[str, int], more_users) -> int:
    """``senior`` (the ``mentor`` account) mentors ``young`` since 100 days ago."""
    pairing = pairings.create_pairing(
        session,
        mentor_id=org["senior"],
        mentee_id=org["young"],
        actor=Actor(None, "test"),
        start_date=ago(100),
    )
    return pairing.id  # type: ignore[return-value]


@pytest.fixture
def other_pairing_id(session: Session, org: dict[str, int], more_users) -> int:
    """``senior2`` (the ``mentor2`` account) mentors ``young2``."""
    pairing = pairings.create_pairing(
        session,
        mentor_id=org["senior2"],
        mentee_id=org["young2"],
        actor=Actor(None, "test"),
        start_date=ago(50),
    )
    return pairing.id  # type: ignore[return-value]


def write_log(session: Session, user: User, pairing_id: int, **fields: object):
    body = {
        "date": ago(40),
        "minutes": 45,
        "topic": "一起相邻关系纠纷的调解方案",
        "category": "mediation",
        **fields,
    }
    return guidance.create_log(
        session,
        pairing_id=pairing_id,
        body=LogCreate(**body),
        user=user,
        actor=Actor(user.id, user.username),
    )


def log_count(session: Session, pairing_id: int) -> int:
    session.expire_all()
    return len(session.exec(select(GuidanceLog).where(GuidanceLog.pairing_id == pairing_id)).all())


def audit_actions(session: Session, entity: str) -> list[tuple[str, str]]:
    session.expire_all()
    events = session.exec(select(AuditEvent).where(AuditEvent.entity == entity)).all()
    return [(e.action, e.actor_name) for e in events]


def form_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "date": ago(2).isoformat(),
        "minutes": "60",
        "topic": "批改一份买卖合同纠纷判决书的初稿",
        "category": "judgment_writing",
        "notes": "讲解了判决书说理的结构",
    }
    fields.update(overrides)
    return fields


def value_of(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    assert found, f"no input {name}"
    return found.group(1)


# --- my mentees ------------------------------------------------------------------------------
def test_my_mentees_show_goals_progress_days_quiet_open_items_and_capacity(
    client: TestClient, session: Session, more_users, org, pairing_id
) -> None:
    mentor = more_users["mentor"]
    actor = Actor(mentor.id, mentor.username)
    goals.create_goal(
        session,
        pairing_id=pairing_id,
        body=GoalCreate(skill_code="civil_trial", target_level=3, due_date=ago(-90)),
        user=mentor,
        actor=actor,
    )
    write_log(
        session,
        mentor,
        pairing_id,
        action_items=[ActionItemIn(text="整理三份判决书", due_date=ago(-5))],
    )
    log_in(client, "mentor", TEST_PASSWORD)
    html = client.get("/mentees").text
    assert "张伟" in html
    assert "民事审判" in html and "目标 3" in html  # the goal with its target
    assert "逾期：40 天未记录" in html  # 40 days since the last log, over the 30-day line
    assert "待办事项 1" in html
    assert "已带 1 人 / 名额 3，空余 2" in html  # capacity used and free on link 1-2
    # The home page shows the same cards.
    home = client.get("/").text
    assert "逾期：40 天未记录" in home and "/static/mentoring.css" in home


def test_a_fresh_pairing_is_not_flagged_overdue(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    write_log(session, more_users["mentor"], pairing_id, date=ago(3))
    log_in(client, "mentor", TEST_PASSWORD)
    html = client.get("/mentees").text
    assert "距上次记录 3 天" in html and "逾期" not in html


# --- roles --------------------------------------------------------------------------------------
def test_another_mentor_gets_403_on_the_page_the_log_form_and_corrections(
    client: TestClient, session: Session, more_users, pairing_id, other_pairing_id
) -> None:
    theirs = write_log(session, more_users["mentor2"], other_pairing_id, date=ago(5))
    token = log_in(client, "mentor", TEST_PASSWORD)
    assert client.get(f"/pairings/{pairing_id}").status_code == 200
    page = client.get(f"/pairings/{other_pairing_id}")
    assert page.status_code == 403 and "无权访问" in page.text
    posted = client.post(
        f"/pairings/{other_pairing_id}/logs", data={"csrf_token": token, **form_fields()}
    )
    assert posted.status_code == 403
    bad = client.post(
        f"/pairings/{other_pairing_id}/logs",
        data={"csrf_token": token, **form_fields(minutes="0")},
    )
    assert bad.status_code == 403  # a wrong form does not reveal the other pairing either
    corrected = client.post(
        f"/logs/{theirs.id}/corrections",
        data={"csrf_token": token, **form_fields(reason="改")},
    )
    assert corrected.status_code == 403
    assert client.post(f"/logs/{theirs.id}/confirm", data={"csrf_token": token}).status_code == 403
    assert log_count(session, other_pairing_id) == 1
    assert client.get("/pairings/999999").status_code == 404
    assert client.get("/pairings/99999999999").status_code == 404


def test_planner_reads_the_pairing_but_may_not_log(
    client: TestClient, session: Session, users, pairing_id
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    page = client.get(f"/pairings/{pairing_id}")
    assert page.status_code == 200 and 'data-testid="log-form"' not in page.text
    posted = client.post(
        f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **form_fields()}
    )
    assert posted.status_code == 403
    client.cookies.clear()
    token = log_in(client, "reviewer", TEST_PASSWORD)
    assert client.get(f"/pairings/{pairing_id}").status_code == 403
    assert log_count(session, pairing_id) == 0


def test_the_log_form_needs_the_csrf_token(
    client: TestClient, session: Session, pairing_id
) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    response = client.post(f"/pairings/{pairing_id}/logs", data=form_fields())
    assert response.status_code == 403
    assert log_count(session, pairing_id) == 0


# --- the log form ----------------------------------------------------------------------------
def _log_form(html: str) -> str:
    form = html[html.index('data-testid="log-form"') :]
    return form[: form.index("</form>")]


def test_the_log_form_defaults_to_today_sixty_minutes_and_the_last_category(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    form = _log_form(client.get(f"/pairings/{pairing_id}").text)
    assert value_of(form, "date") == TODAY.isoformat()
    assert value_of(form, "minutes") == "60"
    assert value_of(form, "topic") == ""  # the mentor writes each session's topic
    topic = re.search(r'<input id="log-topic" name="topic" type="text"[^>]*>', form)
    assert topic and 'maxlength="200"' in topic.group(0)
    assert 'placeholder="例如：讨论一起合同纠纷的裁判思路"' in topic.group(0)
    assert "selected" not in form  # no log yet: no category
    assert '<option value="">不分类</option>' in form
    write_log(session, more_users["mentor"], pairing_id, category="mediation", date=ago(9))
    write_log(session, more_users["mentor"], pairing_id, category="ethics", date=ago(20))
    form = _log_form(client.get(f"/pairings/{pairing_id}").text)
    assert re.search(r'<option value="mediation" selected>调解</option>', form)  # the newest's
    assert value_of(form, "topic") == ""


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": ago(-1).isoformat()}, "date", "日期不能晚于今天"),
        ({"date": ago(101).isoformat()}, "date", "日期不能早于结对开始日期"),
        ({"date": "昨天"}, "date", "请填写日期"),
        ({"minutes": "0"}, "minutes", "时长须是 1 到 600 之间的整数"),
        ({"minutes": "601"}, "minutes", "时长须是 1 到 600 之间的整数"),
        ({"minutes": "一小时"}, "minutes", "时长须是 1 到 600 之间的整数"),
        ({"topic": ""}, "topic", "请用一句话写明本次带教的主题（1 至 200 字）"),
        ({"topic": "  "}, "topic", "请用一句话写明本次带教的主题"),
        ({"topic": "讨" * 201}, "topic", "请用一句话写明本次带教的主题"),
        ({"topic": "讨\x00论"}, "topic", "请用一句话写明本次带教的主题"),
        ({"category": "gossip"}, "category", "请从列表中选择类别"),
        ({"skill_codes": ["no_such_skill"]}, "skill_codes", "所选技能不存在"),
        ({"skill_codes": ["nul\x00code"]}, "skill_codes", "请检查此项"),
        ({"notes": "bad\x00text"}, "notes", "无法保存的字符"),
        ({"item-0-text": "读两本书", "item-0-due": ago(5).isoformat()}, "item-0-due", "完成期限"),
        ({"item-1-due": ago(-5).isoformat()}, "item-1-text", "请填写事项内容"),
    ],
)
def test_a_wrong_log_comes_back_422_with_the_error_next_to_the_field_and_nothing_lost(
    client: TestClient, session: Session, pairing_id, overrides, field, message
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    fields = form_fields(**overrides)
    response = client.post(f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    html = response.text
    error = re.search(rf'<p class="field-error" id="err-{field}"[^>]*>([^<]*)</p>', html)
    assert error and message in error.group(1), html[:200]
    assert f'aria-describedby="err-{field}"' in html
    assert str(fields["notes"]) in html  # the notes as typed
    for name in ("date", "minutes"):
        if name in fields and name != field:
            assert value_of(html, name) == fields[name]
    if field == "item-0-due":
        assert value_of(html, "item-0-text") == "读两本书"
    assert log_count(session, pairing_id) == 0


def test_a_log_is_saved_with_a_flash_its_action_items_pinned_and_an_audit_event(
    client: TestClient, session: Session, pairing_id
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    fields = form_fields(
        skill_codes=["judgment_writing", "civil_trial"],
        **{"item-0-text": "修改判决书初稿", "item-0-due": ago(-7).isoformat()},
    )
    response = client.post(
        f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **fields}, follow_redirects=False
    )
    assert response.status_code == 303
    assert re.fullmatch(rf"/pairings/{pairing_id}#log-\d+", response.headers["location"])
    page = client.get(f"/pairings/{pairing_id}").text
    assert "已记录 " + ago(2).isoformat() + " 的带教（60 分钟）" in page
    pinned = page[page.index('data-testid="open-items"') :]
    assert "修改判决书初稿" in pinned[: pinned.index("</ul>")]
    history = page[page.index('data-testid="logs"') :]
    assert "裁判文书写作" in history and "讲解了判决书说理的结构" in history
    assert (
        '<h3 class="log-topic" data-testid="log-topic">批改一份买卖合同纠纷判决书的初稿</h3>'
        in history
    )
    assert log_count(session, pairing_id) == 1
    assert ("guidance_log.create", "mentor") in audit_actions(session, "guidance_log")
    assert "逾期" not in page[: page.index('id="items"')]  # logged two days ago


TOPIC = "讨论一起合同纠纷的裁判思路"


def test_a_chinese_topic_typed_in_the_form_is_shown_as_written(
    client: TestClient, session: Session, pairing_id
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    fields = form_fields(topic=f"  {TOPIC}  ", category="")
    response = client.post(
        f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **fields}, follow_redirects=False
    )
    assert response.status_code == 303
    session.expire_all()
    stored = session.exec(select(GuidanceLogVersion)).one()
    assert (stored.topic, stored.category) == (TOPIC, None)
    for lang in ("zh", "en"):  # the mentor's words, whatever the page's language
        page = client.get(f"/pairings/{pairing_id}?lang={lang}").text
        history = page[page.index('data-testid="logs"') :]
        shown = re.findall(r'data-testid="log-topic">([^<]*)</h3>', history)
        assert shown == [TOPIC]
        assert '<span class="tag">' not in history[: history.index("</li>")]  # no category
    marked = form_fields(topic="<b>庭审</b> & 笔录", category="courtroom_practice", date=ago(3))
    client.post(f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **marked})
    page = client.get(f"/pairings/{pairing_id}?lang=zh").text
    assert "&lt;b&gt;庭审&lt;/b&gt; &amp; 笔录" in page and "<b>庭审</b>" not in page
    assert '<span class="tag">庭审实务</span>' in page


def test_a_correction_rewords_the_topic_and_changes_the_category(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    log = write_log(session, more_users["mentor"], pairing_id, topic=TOPIC, notes="第一次")
    token = log_in(client, "mentor", TEST_PASSWORD)
    page = client.get(f"/pairings/{pairing_id}").text
    correct = page[page.index(f'action="/logs/{log.id}/corrections"') :]
    correct = correct[: correct.index("</form>")]
    assert value_of(correct, "topic") == TOPIC  # the correction form starts from the log
    assert re.search(r'<option value="mediation" selected>', correct)
    fields = form_fields(
        date=log.date.isoformat(),
        minutes="45",
        topic="讨论一起买卖合同纠纷的裁判思路",
        category="case_review",
        notes="第一次",
        reason="写明案由",
    )
    done = client.post(
        f"/logs/{log.id}/corrections",
        data={"csrf_token": token, **fields},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    page = client.get(f"/pairings/{pairing_id}").text
    assert re.findall(r'data-testid="log-topic">([^<]*)</h3>', page) == [
        "讨论一起买卖合同纠纷的裁判思路"
    ]
    versions = page[page.index("查看全部 2 个版本") :]
    assert f"{TOPIC} · 调解" in versions and "讨论一起买卖合同纠纷的裁判思路 · 案例研讨" in versions
    wrong = client.post(
        f"/logs/{log.id}/corrections",
        data={"csrf_token": token, **fields, "topic": "", "reason": "清空"},
    )
    assert wrong.status_code == 422
    assert re.search(r'id="err-topic"[^>]*>请用一句话写明本次带教的主题', wrong.text)


def test_an_ended_pairing_takes_no_new_log_or_goal(
    client: TestClient, session: Session, users, pairing_id
) -> None:
    from models.matching_schemas import PairingEnd

    pairings.end_pairing(
        session,
        pairing_id=pairing_id,
        body=PairingEnd(status="completed", outcome_rating=5),
        user=users["planner"],
        actor=Actor(users["planner"].id, "planner"),
    )
    token = log_in(client, "mentor", TEST_PASSWORD)
    assert 'data-testid="log-form"' not in client.get(f"/pairings/{pairing_id}").text
    response = client.post(
        f"/pairings/{pairing_id}/logs", data={"csrf_token": token, **form_fields()}
    )
    assert response.status_code == 409
    assert "该结对已经结束" in response.text
    assert log_count(session, pairing_id) == 0
    # Nor a new goal: the form is gone and a post is refused with the rule's words.
    assert 'data-testid="goal-form"' not in client.get(f"/pairings/{pairing_id}").text
    response = client.post(
        f"/pairings/{pairing_id}/goals", data={"csrf_token": token, **goal_fields()}
    )
    assert response.status_code == 409 and "不能再记录或设置目标" in response.text
    assert goal_rows(session, pairing_id) == []


# --- corrections, confirmation, action items -----------------------------------------------
def test_a_correction_is_a_new_version_and_both_versions_stay(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    log = write_log(session, more_users["mentor"], pairing_id, minutes=30, notes="第一次")
    token = log_in(client, "mentor", TEST_PASSWORD)
    words = "一起相邻关系纠纷的调解方案"
    typed = form_fields(
        date=log.date.isoformat(), minutes="90", topic=words, category="mediation", notes="第一次"
    )
    missing = client.post(f"/logs/{log.id}/corrections", data={"csrf_token": token, **typed})
    assert missing.status_code == 422
    assert re.search(r'id="err-reason"[^>]*>请写明更正原因', missing.text)
    assert 'value="90"' in missing.text  # what was typed is kept in the open correction form
    same = client.post(
        f"/logs/{log.id}/corrections",
        data={
            "csrf_token": token,
            **form_fields(
                date=log.date.isoformat(),
                minutes="30",
                topic=words,
                category="mediation",
                notes="第一次",
            ),
            "reason": "核对",
        },
    )
    assert same.status_code == 409 and "没有任何改动" in same.text
    done = client.post(
        f"/logs/{log.id}/corrections",
        data={"csrf_token": token, **typed, "reason": "时长记错了"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = client.get(f"/pairings/{pairing_id}").text
    assert "原来的版本仍然保留" in page
    assert "已更正 · 第 2 版" in page
    versions = page[page.index("查看全部 2 个版本") :]
    assert "第 2 版" in versions and "第 1 版" in versions
    assert "90 分钟" in versions and "30 分钟" in versions and "时长记错了" in versions
    session.expire_all()
    stored = session.exec(
        select(GuidanceLogVersion).where(GuidanceLogVersion.log_id == log.id)
    ).all()
    assert sorted(v.minutes for v in stored) == [30, 90]
    assert ("guidance_log.correct", "mentor") in audit_actions(session, "guidance_log")


def test_the_mentee_confirms_a_log_and_the_mentor_cannot(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    log = write_log(session, more_users["mentor"], pairing_id)
    token = log_in(client, "mentor", TEST_PASSWORD)
    assert f'data-testid="confirm-{log.id}"' not in client.get(f"/pairings/{pairing_id}").text
    assert client.post(f"/logs/{log.id}/confirm", data={"csrf_token": token}).status_code == 403
    client.cookies.clear()
    token = log_in(client, "young", TEST_PASSWORD)
    assert f"/pairings/{pairing_id}" in client.get("/mentees").text  # under "my mentors"
    page = client.get(f"/pairings/{pairing_id}").text
    assert f'data-testid="confirm-{log.id}"' in page and 'data-testid="log-form"' not in page
    response = client.post(
        f"/logs/{log.id}/confirm", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get(f"/pairings/{pairing_id}").text
    assert "已确认该带教记录" in page and "徒弟已确认" in page
    again = client.post(f"/logs/{log.id}/confirm", data={"csrf_token": token})
    assert again.status_code == 200 and "该记录已确认过" in again.text
    assert ("guidance_log.confirm", "young") in audit_actions(session, "guidance_log")


def test_an_action_item_is_ticked_done_and_leaves_the_pinned_list(
    client: TestClient, session: Session, more_users, pairing_id
) -> None:
    log = write_log(
        session, more_users["mentor"], pairing_id, action_items=[ActionItemIn(text="旁听庭审")]
    )
    item_id = log.action_items[0].id
    token = log_in(client, "mentor", TEST_PASSWORD)
    response = client.post(
        f"/action-items/{item_id}/done",
        data={"csrf_token": token, "pairing_id": str(pairing_id)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(f"/pairings/{pairing_id}").text
    assert "已标记完成：旁听庭审" in page
    assert 'data-testid="open-items"' not in page
    again = client.post(
        f"/action-items/{item_id}/done", data={"csrf_token": token, "pairing_id": str(pairing_id)}
    )
    assert again.status_code == 200 and "没有任何改动" in again.text
    assert ("action_item.done", "mentor") in audit_actions(session, "action_item")


def test_the_pairing_page_speaks_english(client: TestClient, session: Session, pairing_id) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    html = client.get(f"/pairings/{pairing_id}?lang=en").text
    assert "Log a session" in html and "Save" in html
    assert "记录一次带教" not in html


# --- goals -----------------------------------------------------------------------------------
def goal_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "skill_code": "mediation",
        "target_level": "3",
        "due_date": ago(-120).isoformat(),
        "description": "独立主持五次诉前调解",
    }
    fields.update(overrides)
    return fields


def set_goal(session: Session, user: User, pairing_id: int, skill_code: str, target: int):
    """A goal set through the service, as ``user`` (to test the pages that show and move it)."""
    return goals.create_goal(
        session,
        pairing_id=pairing_id,
        body=GoalCreate(skill_code=skill_code, target_level=target),
        user=user,
        actor=Actor(user.id, user.username),
    )


def goal_rows(session: Session, pairing_id: int) -> list[PairingGoal]:
    session.expire_all()
    return list(session.exec(select(PairingGoal).where(PairingGoal.pairing_id == pairing_id)).all())


@pytest.fixture
def mentee_skills(session: Session, org: dict[str, int], pairing_id: int) -> None:
    """The mentee holds mediation at level 2 and judgment writing at level 5 (the top)."""
    people.replace_skills(
        session,
        person_id=org["young"],
        skills=[
            PersonSkillIn(skill_code="mediation", level=2),
            PersonSkillIn(skill_code="judgment_writing", level=5),
        ],
        actor=Actor(None, "test"),
    )
    session.commit()


def goal_item(html: str, goal_id: int) -> str:
    """One goal's entry in the goal list (up to the next goal or the list's end)."""
    item = html[html.index(f'id="goal-{goal_id}"') :]
    ends = [i for i in (item.find('<li class="goal"'), item.find("</ul>")) if i >= 0]
    return item[: min(ends)]


def goal_form_html(html: str) -> str:
    form = html[html.index('data-testid="goal-form"') :]
    return form[: form.index("</form>")]


def selected_option(form: str, name: str) -> str:
    select = form[form.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    found = re.search(r'<option value="([^"]*)"[^>]*\sselected', select)
    assert found, f"nothing selected in {name}"
    return found.group(1)


def test_the_goal_form_offers_the_mentees_skills_first_one_level_up_six_months_ahead(
    client: TestClient, session: Session, mentee_skills, pairing_id
) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    form = goal_form_html(client.get(f"/pairings/{pairing_id}").text)
    # The mentee's own skills come first; the one already at level 5 cannot take a goal.
    assert form.index("徒弟已有的技能") < form.index("调解") < form.index("其他技能")
    assert form.index("其他技能") < form.index("民事审判")
    assert re.search(r'value="judgment_writing"[^>]*disabled', form)
    assert selected_option(form, "skill_code") == "mediation"
    assert selected_option(form, "target_level") == "3"  # one above the level held (2)
    assert re.search(r'value="mediation" data-next="3"', form)
    assert re.search(r'value="civil_trial" data-next="1"', form)  # not held: level 0
    assert value_of(form, "due_date") == months_ahead(TODAY, 6).isoformat()
    assert '/static/goal-form.js"' in client.get(f"/pairings/{pairing_id}").text


def test_a_goal_is_set_with_a_flash_shown_on_the_page_and_audited(
    client: TestClient, session: Session, mentee_skills, pairing_id
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    response = client.post(
        f"/pairings/{pairing_id}/goals",
        data={"csrf_token": token, **goal_fields()},
        follow_redirects=False,
    )
    assert response.status_code == 303
    (goal,) = goal_rows(session, pairing_id)
    assert response.headers["location"] == f"/pairings/{pairing_id}#goal-{goal.id}"
    assert (goal.target_level, goal.baseline_level, goal.status) == (3, 2, "open")
    assert goal.due_date == ago(-120) and goal.description == "独立主持五次诉前调解"
    page = client.get(f"/pairings/{pairing_id}").text
    assert "已设定目标：调解 达到 3 级" in page
    shown = goal_item(page, goal.id)
    assert "调解" in shown and "水平 2 → 2 / 目标 3" in shown and "独立主持五次诉前调解" in shown
    assert f'data-testid="withdraw-goal-{goal.id}"' in shown
    # The form now offers the next skill; mediation has an open goal and says so.
    form = goal_form_html(page)
    assert selected_option(form, "skill_code") == "civil_trial"
    assert re.search(r'value="mediation"[^>]*disabled', form)
    assert ("goal.create", "mentor") in audit_actions(session, "goal")


def test_a_planner_and_an_admin_set_goals_as_the_api_lets_them(
    client: TestClient, session: Session, users, pairing_id
) -> None:
    for role, skill in (("planner", "civil_trial"), ("admin", "mediation")):
        client.cookies.clear()
        token = log_in(client, role, TEST_PASSWORD)
        assert 'data-testid="goal-form"' in client.get(f"/pairings/{pairing_id}").text
        response = client.post(
            f"/pairings/{pairing_id}/goals",
            data={"csrf_token": token, **goal_fields(skill_code=skill, target_level="2")},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text[:300]
    set_by = {g.skill_id: g.set_by for g in goal_rows(session, pairing_id)}
    assert set_by == {
        _skill_id(session, "civil_trial"): users["planner"].id,
        _skill_id(session, "mediation"): users["admin"].id,
    }
    actors = {name for action, name in audit_actions(session, "goal") if action == "goal.create"}
    assert actors == {"planner", "admin"}


def _skill_id(session: Session, code: str) -> int:
    from models import Skill

    return session.exec(select(Skill.id).where(Skill.code == code)).one()


def test_another_mentor_the_mentee_and_a_reviewer_may_not_set_or_withdraw_goals(
    client: TestClient, session: Session, more_users, pairing_id, other_pairing_id
) -> None:
    mentor2 = more_users["mentor2"]
    theirs = set_goal(session, mentor2, other_pairing_id, "civil_trial", 3)
    token = log_in(client, "mentor", TEST_PASSWORD)
    for fields in (goal_fields(), goal_fields(target_level="九")):  # a wrong form too
        posted = client.post(
            f"/pairings/{other_pairing_id}/goals", data={"csrf_token": token, **fields}
        )
        assert posted.status_code == 403
    withdrawn = client.post(
        f"/goals/{theirs.id}/status", data={"csrf_token": token, "status": "withdrawn"}
    )
    assert withdrawn.status_code == 403
    assert (
        client.post(
            "/goals/999999/status", data={"csrf_token": token, "status": "withdrawn"}
        ).status_code
        == 404
    )
    # The mentee (a young judge with a mentor account) reads the page but sets no goal.
    client.cookies.clear()
    token = log_in(client, "young", TEST_PASSWORD)
    page = client.get(f"/pairings/{pairing_id}").text
    assert 'data-testid="goal-form"' not in page
    posted = client.post(
        f"/pairings/{pairing_id}/goals", data={"csrf_token": token, **goal_fields()}
    )
    assert posted.status_code == 403
    client.cookies.clear()
    token = log_in(client, "reviewer", TEST_PASSWORD)
    posted = client.post(
        f"/pairings/{pairing_id}/goals", data={"csrf_token": token, **goal_fields()}
    )
    assert posted.status_code == 403
    # Without the CSRF token nobody writes.
    client.cookies.clear()
    log_in(client, "mentor", TEST_PASSWORD)
    assert client.post(f"/pairings/{pairing_id}/goals", data=goal_fields()).status_code == 403
    assert goal_rows(session, pairing_id) == []
    assert [g.status for g in goal_rows(session, other_pairing_id)] == ["open"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"target_level": "2"}, "target_level", "目标须高于徒弟目前的水平（2 级）"),
        ({"target_level": "0"}, "target_level", "目标须高于徒弟目前的水平（2 级）"),
        ({"target_level": "6"}, "target_level", "目标水平须是 1 到 5 级"),
        ({"target_level": "五"}, "target_level", "目标水平须是 1 到 5 级"),
        ({"target_level": ""}, "target_level", "请选择目标水平"),
        ({"skill_code": "no_such_skill"}, "skill_code", "所选技能不存在"),
        ({"skill_code": "nul\x00code"}, "skill_code", "所选技能不存在"),
        ({"skill_code": ""}, "skill_code", "请选择技能"),
        (
            {"skill_code": "", "target_level": "", "description": ""},
            "description",
            "请选择技能并设定目标水平，或写下目标说明",
        ),
        ({"due_date": "半年后"}, "due_date", "请填写日期（年-月-日）"),
        ({"due_date": ago(101).isoformat()}, "due_date", "期限不能早于结对开始日期"),
        ({"description": "长" * 501}, "description", "目标说明最多 500 字"),
        ({"description": "bad\x00text"}, "description", "无法保存的字符"),
    ],
)
def test_a_wrong_goal_comes_back_422_with_the_error_next_to_the_field_and_nothing_lost(
    client: TestClient, session: Session, mentee_skills, pairing_id, overrides, field, message
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    fields = goal_fields(**overrides)
    response = client.post(f"/pairings/{pairing_id}/goals", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    html = response.text
    error = re.search(rf'<p class="field-error" id="err-{field}"[^>]*>([^<]*)</p>', html)
    assert error and message in error.group(1), html[:300]
    assert f'aria-describedby="err-{field}"' in html
    form = goal_form_html(html)
    if field != "description":
        assert value_of(form, "description") == fields["description"]
    if field != "due_date":
        assert value_of(form, "due_date") == fields["due_date"]
    if field == "target_level" and fields["target_level"] in ("2", "0", "6", "五"):
        assert selected_option(form, "target_level") == fields["target_level"]
    if fields["skill_code"] == "mediation":
        assert selected_option(form, "skill_code") == "mediation"
    assert 'data-testid="log-form"' in html  # the rest of the page is all there
    assert goal_rows(session, pairing_id) == []


def test_a_second_open_goal_on_a_skill_is_409_next_to_the_skill(
    client: TestClient, session: Session, mentee_skills, pairing_id
) -> None:
    token = log_in(client, "mentor", TEST_PASSWORD)
    first = client.post(
        f"/pairings/{pairing_id}/goals",
        data={"csrf_token": token, **goal_fields()},
        follow_redirects=False,
    )
    assert first.status_code == 303
    again = client.post(
        f"/pairings/{pairing_id}/goals",
        data={"csrf_token": token, **goal_fields(target_level="4", description="再设一次")},
    )
    assert again.status_code == 409
    assert re.search(r'id="err-skill_code"[^>]*>该技能已有进行中的目标', again.text)
    assert value_of(goal_form_html(again.text), "description") == "再设一次"
    assert len(goal_rows(session, pairing_id)) == 1


def test_a_goal_is_withdrawn_kept_on_the_page_and_audited(
    client: TestClient, session: Session, mentee_skills, more_users, pairing_id
) -> None:
    mentor = more_users["mentor"]
    goal = set_goal(session, mentor, pairing_id, "mediation", 4)
    token = log_in(client, "planner", TEST_PASSWORD)
    wrong = client.post(f"/goals/{goal.id}/status", data={"csrf_token": token, "status": "done"})
    assert wrong.status_code == 422
    assert re.search(rf'id="err-goal-{goal.id}"[^>]*>请选择目标的新状态', wrong.text)
    response = client.post(
        f"/goals/{goal.id}/status",
        data={"csrf_token": token, "status": "withdrawn"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/pairings/{pairing_id}#goal-{goal.id}"
    page = client.get(f"/pairings/{pairing_id}").text
    assert "已撤回目标：调解" in page
    shown = goal_item(page, goal.id)
    assert "已撤回" in shown and f'data-testid="withdraw-goal-{goal.id}"' not in shown
    # A withdrawn goal frees its skill for a new one.
    assert not re.search(r'value="mediation"[^>]*disabled', goal_form_html(page))
    again = client.post(
        f"/goals/{goal.id}/status", data={"csrf_token": token, "status": "withdrawn"}
    )
    assert again.status_code == 409 and "没有任何改动" in again.text
    assert [g.status for g in goal_rows(session, pairing_id)] == ["withdrawn"]
    assert ("goal.update", "planner") in audit_actions(session, "goal")


def test_the_goal_form_speaks_english(client: TestClient, session: Session, pairing_id) -> None:
    log_in(client, "mentor", TEST_PASSWORD)
    form = goal_form_html(client.get(f"/pairings/{pairing_id}?lang=en").text)
    assert "Set a goal" in form and "Due date" in form and "Other skills" in form
    assert "level 1" in form and "设定" not in form and "其他技能" not in form


# --- assessing a level: the goal is achieved and the next target can be set ----------------
def test_the_mentor_assesses_a_level_the_goal_is_achieved_and_the_next_target_is_set(
    client: TestClient,
    session: Session,
    more_users,
    org: dict[str, int],
    pairing_id: int,
    mentee_skills,
) -> None:
    goal = set_goal(session, more_users["mentor"], pairing_id, "mediation", 3)
    token = log_in(client, "mentor", TEST_PASSWORD)
    page = client.get(f"/pairings/{pairing_id}").text
    assert f'data-testid="assess-{goal.id}"' in goal_item(page, goal.id)

    # The level held already (2): nothing recorded, the rule said in words, the goal open.
    same = client.post(
        f"/pairings/{pairing_id}/skill-level",
        data={"csrf_token": token, "skill_code": "mediation", "level": "2"},
    )
    assert "没有任何改动" in same.text and goal_rows(session, pairing_id)[0].status == "open"
    reached = client.post(
        f"/pairings/{pairing_id}/skill-level",
        data={
            "csrf_token": token,
            "skill_code": "mediation",
            "level": "3",
            "effective_date": TODAY.isoformat(),
            "reason": "独立主持五次诉前调解，均达成协议",
        },
    )
    assert reached.status_code == 200
    assert f"已记录：张伟 的调解水平为 3 级（{TODAY.isoformat()}）。" in reached.text
    assert "目标已达成，可以设定下一个目标。" in reached.text
    stored = goal_rows(session, pairing_id)[0]
    assert (stored.status, stored.achieved_on) == ("achieved", TODAY)
    assert stored.achieved_by == more_users["mentor"].id
    item = goal_item(reached.text, goal.id)
    assert "已达成" in item and f"{TODAY.isoformat()} 达成" in item and "王建国 评定" in item
    assert f'data-testid="assess-{goal.id}"' not in item
    assert ("goal.achieved", "mentor") in audit_actions(session, "goal")

    # The next target on the same skill is accepted now that the first is achieved.
    nxt = client.post(
        f"/pairings/{pairing_id}/goals",
        data={"csrf_token": token, **goal_fields(target_level="4")},
    )
    assert nxt.status_code == 200 and "已设定目标：调解 达到 4 级" in nxt.text
    statuses = sorted((g.status, g.target_level) for g in goal_rows(session, pairing_id))
    assert statuses == [("achieved", 3), ("open", 4)]


def test_another_mentor_cannot_assess(
    client: TestClient, session: Session, more_users, pairing_id: int, other_pairing_id: int
) -> None:
    token = log_in(client, "mentor2", TEST_PASSWORD)
    refused = client.post(
        f"/pairings/{pairing_id}/skill-level",
        data={"csrf_token": token, "skill_code": "mediation", "level": "3"},
    )
    assert refused.status_code == 403
