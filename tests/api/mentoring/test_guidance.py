"""Guidance logs through the API: who may log, what is refused, versions, confirmation,
action items pinned on the pairing page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.deps import RoleGuard
from api.routers import mentoring
from models.mentoring import LogCategory
from tests.api.mentoring.conftest import API, TODAY, days_ago, error_fields, log_body, post_log
from tests.routes import check_api_guards, guarded, router_routes


def test_mentor_logs_a_session_and_readers_list_it(client, people_headers, pairing) -> None:
    created = post_log(
        client,
        people_headers["mentor"],
        pairing["id"],
        skill_codes=["mediation", "civil_trial"],
        notes="讨论了一起买卖合同纠纷的调解方案",
    )
    assert created["pairing_id"] == pairing["id"]
    assert (created["version"], created["versions"], created["confirmed"]) == (1, 1, False)
    assert created["skill_codes"] == ["civil_trial", "mediation"]
    assert created["topic"] == "批改一份买卖合同纠纷判决书的说理部分"
    assert (created["category"], created["category_label"]) == ("judgment_writing", "裁判文书写作")
    for who in ("mentor", "planner", "admin", "young"):
        listed = client.get(f"{API}/pairings/{pairing['id']}/logs", headers=people_headers[who])
        assert listed.status_code == 200, who
        assert [log["id"] for log in listed.json()] == [created["id"]]
    english = client.get(
        f"{API}/logs/{created['id']}", params={"lang": "en"}, headers=people_headers["mentor"]
    )
    assert english.json()["category_label"] == "Judgment writing"
    assert english.json()["topic"] == created["topic"]  # the mentor's words, in any language


def test_admin_may_log_too_and_the_list_is_newest_first(client, people_headers, pairing) -> None:
    older = post_log(client, people_headers["admin"], pairing["id"], date=days_ago(20))
    newer = post_log(client, people_headers["mentor"], pairing["id"], date=days_ago(2))
    listed = client.get(f"{API}/pairings/{pairing['id']}/logs", headers=people_headers["planner"])
    assert [log["id"] for log in listed.json()] == [newer["id"], older["id"]]
    page = client.get(
        f"{API}/pairings/{pairing['id']}/logs",
        params={"limit": 1, "offset": 1},
        headers=people_headers["planner"],
    )
    assert [log["id"] for log in page.json()] == [older["id"]]


@pytest.mark.parametrize("who", ["mentor2", "planner", "reviewer", "young"])
def test_only_its_mentor_or_an_admin_logs(client, people_headers, pairing, who) -> None:
    response = client.post(
        f"{API}/pairings/{pairing['id']}/logs", json=log_body(), headers=people_headers[who]
    )
    assert response.status_code == 403


def test_another_mentor_cannot_read_the_logs(client, people_headers, pairing) -> None:
    log = post_log(client, people_headers["mentor"], pairing["id"])
    for url in (
        f"{API}/pairings/{pairing['id']}/logs",
        f"{API}/logs/{log['id']}",
        f"{API}/logs/{log['id']}/versions",
    ):
        assert client.get(url, headers=people_headers["mentor2"]).status_code == 403, url
        assert client.get(url, headers=people_headers["reviewer"]).status_code == 403, url


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days_ago(-1)}, "date"),
        ({"date": days_ago(101)}, "date"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 601}, "minutes"),
        ({"topic": ""}, "topic"),
        ({"topic": "   "}, "topic"),
        ({"topic": "讨" * 201}, "topic"),
        ({"topic": None}, "topic"),
        ({"topic": 7}, "topic"),
        ({"category": "gossip"}, "category"),
        ({"category": "案例研讨"}, "category"),
        ({"skill_codes": ["no_such_skill"]}, "skill_codes.0"),
        ({"skill_codes": ["mediation", "mediation"]}, "skill_codes.1"),
        (
            {"action_items": [{"text": "读判例", "due_date": days_ago(30)}]},
            "action_items.0.due_date",
        ),
        ({"action_items": [{"text": ""}]}, "action_items.0.text"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_logs_are_422_naming_the_field(
    client, people_headers, pairing, overrides, field
) -> None:
    response = client.post(
        f"{API}/pairings/{pairing['id']}/logs",
        json=log_body(**overrides),
        headers=people_headers["mentor"],
    )
    assert response.status_code == 422, response.text
    assert field in error_fields(response)


def test_missing_fields_are_422(client, people_headers, pairing) -> None:
    response = client.post(
        f"{API}/pairings/{pairing['id']}/logs", json={}, headers=people_headers["mentor"]
    )
    assert response.status_code == 422
    assert {"date", "minutes", "topic"} <= set(error_fields(response))


def test_unknown_pairing_is_404_and_ended_pairing_is_409(client, people_headers, pairing) -> None:
    response = client.post(
        f"{API}/pairings/999999/logs", json=log_body(), headers=people_headers["admin"]
    )
    assert response.status_code == 404
    ended = client.post(
        f"{API}/pairings/{pairing['id']}/end",
        json={"status": "completed", "outcome_rating": 4},
        headers=people_headers["mentor"],
    )
    assert ended.status_code == 200
    response = client.post(
        f"{API}/pairings/{pairing['id']}/logs", json=log_body(), headers=people_headers["mentor"]
    )
    assert response.status_code == 409
    assert response.json()["detail"]["rule"] == "pairing_not_active"


def test_a_correction_is_a_new_version_and_both_are_kept(client, people_headers, pairing) -> None:
    first = post_log(
        client, people_headers["mentor"], pairing["id"], notes="初稿", skill_codes=["mediation"]
    )
    corrected = client.post(
        f"{API}/logs/{first['id']}/corrections",
        json={"minutes": 90, "skill_codes": ["civil_trial"], "reason": "记错了时长和技能"},
        headers=people_headers["mentor"],
    )
    assert corrected.status_code == 201, corrected.text
    body = corrected.json()
    assert (body["id"], body["version"], body["versions"]) == (first["id"], 2, 2)
    assert (body["minutes"], body["skill_codes"], body["notes"]) == (90, ["civil_trial"], "初稿")
    assert body["corrected_at"] is not None

    history = client.get(
        f"{API}/logs/{first['id']}/versions", headers=people_headers["planner"]
    ).json()
    assert [v["version"] for v in history] == [1, 2]
    assert (history[0]["minutes"], history[0]["skill_codes"], history[0]["correction_reason"]) == (
        45,
        ["mediation"],
        None,
    )
    assert history[1]["correction_reason"] == "记错了时长和技能"
    listed = client.get(
        f"{API}/pairings/{pairing['id']}/logs", headers=people_headers["mentor"]
    ).json()
    assert [(log["id"], log["version"], log["minutes"]) for log in listed] == [(first["id"], 2, 90)]


def test_corrections_refused(client, people_headers, pairing) -> None:
    log = post_log(client, people_headers["mentor"], pairing["id"])
    url = f"{API}/logs/{log['id']}/corrections"
    same = client.post(
        url, json={"minutes": 45, "reason": "没变"}, headers=people_headers["mentor"]
    )
    assert same.status_code == 409 and same.json()["detail"]["rule"] == "no_change"
    assert (
        client.post(
            url, json={"minutes": 50, "reason": "x"}, headers=people_headers["mentor2"]
        ).status_code
        == 403
    )
    assert (
        client.post(
            url, json={"minutes": 50, "reason": "x"}, headers=people_headers["young"]
        ).status_code
        == 403
    )
    no_reason = client.post(url, json={"minutes": 50}, headers=people_headers["mentor"])
    assert no_reason.status_code == 422 and "reason" in error_fields(no_reason)
    for body, field in (
        ({"minutes": 0, "reason": "x"}, "minutes"),
        ({"date": days_ago(-2), "reason": "x"}, "date"),
        ({"date": days_ago(150), "reason": "x"}, "date"),
        ({"date": None, "reason": "x"}, "date"),
        ({"skill_codes": ["nope"], "reason": "x"}, "skill_codes.0"),
    ):
        response = client.post(url, json=body, headers=people_headers["mentor"])
        assert response.status_code == 422 and field in error_fields(response), body
    assert (
        client.post(
            f"{API}/logs/424242/corrections",
            json={"minutes": 5, "reason": "x"},
            headers=people_headers["admin"],
        ).status_code
        == 404
    )
    versions = client.get(
        f"{API}/logs/{log['id']}/versions", headers=people_headers["mentor"]
    ).json()
    assert len(versions) == 1


def test_only_the_mentee_confirms_and_a_correction_needs_confirming_again(
    client, people_headers, pairing
) -> None:
    log = post_log(client, people_headers["mentor"], pairing["id"])
    url = f"{API}/logs/{log['id']}/confirm"
    for who in ("mentor", "admin", "mentor2"):
        assert client.post(url, headers=people_headers[who]).status_code == 403, who
    for who in ("planner", "reviewer"):
        assert client.post(url, headers=people_headers[who]).status_code == 403, who
    confirmed = client.post(url, headers=people_headers["young"])
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["confirmed"] is True and confirmed.json()["confirmed_at"]
    again = client.post(url, headers=people_headers["young"])
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "already_confirmed"

    client.post(
        f"{API}/logs/{log['id']}/corrections",
        json={"topic": "学习“三个规定”", "category": "ethics", "reason": "主题写错"},
        headers=people_headers["mentor"],
    )
    now = client.get(f"{API}/logs/{log['id']}", headers=people_headers["young"]).json()
    assert (now["version"], now["confirmed"]) == (2, False)
    history = client.get(f"{API}/logs/{log['id']}/versions", headers=people_headers["young"]).json()
    assert [v["confirmed"] for v in history] == [True, False]
    assert client.post(url, headers=people_headers["young"]).json()["confirmed"] is True


def test_action_items_are_pinned_until_done(client, people_headers, pairing) -> None:
    log = post_log(
        client,
        people_headers["mentor"],
        pairing["id"],
        action_items=[
            {"text": "重写判决书说理部分", "due_date": days_ago(-7)},
            {"text": "旁听一次庭审"},
        ],
    )
    assert [i["text"] for i in log["action_items"]] == ["重写判决书说理部分", "旁听一次庭审"]
    added = client.post(
        f"{API}/logs/{log['id']}/action-items",
        json=[{"text": "整理调解笔记", "due_date": days_ago(-2)}],
        headers=people_headers["mentor"],
    )
    assert added.status_code == 201, added.text
    assert (
        client.post(
            f"{API}/logs/{log['id']}/action-items",
            json=[{"text": "x"}],
            headers=people_headers["mentor2"],
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/logs/{log['id']}/action-items", json=[], headers=people_headers["mentor"]
        ).status_code
        == 422
    )

    pinned = client.get(
        f"{API}/pairings/{pairing['id']}/action-items",
        params={"open": True},
        headers=people_headers["mentor"],
    ).json()
    assert [i["text"] for i in pinned] == ["整理调解笔记", "重写判决书说理部分", "旁听一次庭审"]

    item = pinned[0]["id"]
    assert (
        client.patch(
            f"{API}/action-items/{item}", json={"done": True}, headers=people_headers["planner"]
        ).status_code
        == 403
    )
    assert (
        client.patch(
            f"{API}/action-items/{item}", json={"done": True}, headers=people_headers["mentor2"]
        ).status_code
        == 403
    )
    done = client.patch(
        f"{API}/action-items/{item}", json={"done": True}, headers=people_headers["young"]
    )
    assert done.status_code == 200 and done.json()["done"] is True and done.json()["done_by"]
    repeat = client.patch(
        f"{API}/action-items/{item}", json={"done": True}, headers=people_headers["mentor"]
    )
    assert repeat.status_code == 409
    assert (
        client.patch(
            f"{API}/action-items/999999", json={"done": True}, headers=people_headers["admin"]
        ).status_code
        == 404
    )

    overview = client.get(
        f"{API}/pairings/{pairing['id']}/overview", headers=people_headers["mentor"]
    ).json()
    assert [i["text"] for i in overview["open_action_items"]] == [
        "重写判决书说理部分",
        "旁听一次庭审",
    ]
    everything = client.get(
        f"{API}/pairings/{pairing['id']}/action-items", headers=people_headers["planner"]
    ).json()
    assert len(everything) == 3 and everything[-1]["done"] is True


def test_every_mentoring_route_has_one_guard_and_refuses_other_roles(
    client, people_headers
) -> None:
    """``tests/api/test_access.py`` walks every router of ``api.main.ROUTERS``; this walks
    the mentoring router on its own with the same walker."""
    routes = list(guarded(router_routes(mentoring.router.routes, API), RoleGuard))
    for walked, guard in routes:
        assert "admin" in guard.roles, walked.path
    assert check_api_guards(client, people_headers, routes) > 20


def test_out_of_range_ids_and_nul_characters_are_422_not_500(
    client, people_headers, pairing
) -> None:
    """Both would fail inside PostgreSQL (integer range, NUL in text) if they got that far."""
    big = 2**40
    for url in (
        f"{API}/logs/{big}",
        f"{API}/pairings/{big}/logs",
        f"{API}/pairings/overdue?mentor_id={big}",
        f"{API}/reports/mentoring?unit_id={big}",
        f"{API}/people/1/skill-history?skill_code=a%00b",
    ):
        assert client.get(url, headers=people_headers["admin"]).status_code == 422, url
    for body, field in (
        (log_body(notes="正常\x00结尾"), "notes"),
        (log_body(skill_codes=["media\x00tion"]), "skill_codes.0"),
        (log_body(action_items=[{"text": "\x00"}]), "action_items.0.text"),
    ):
        response = client.post(
            f"{API}/pairings/{pairing['id']}/logs", json=body, headers=people_headers["mentor"]
        )
        assert response.status_code == 422 and field in error_fields(response), body


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
PLAUSIBLE = {
    "date": st.dates(
        min_value=TODAY - timedelta(days=200), max_value=TODAY + timedelta(days=5)
    ).map(str),
    "minutes": st.integers(min_value=-5, max_value=700),
    "topic": st.sampled_from([*list(LogCategory), "", " ", "讨" * 201]) | st.text(max_size=210),
    "category": st.sampled_from([*list(LogCategory), "none", ""]),
    "skill_codes": st.lists(st.sampled_from(["mediation", "civil_trial", "nope", ""]), max_size=3),
    "notes": st.text(max_size=20),
    "action_items": st.lists(st.fixed_dictionaries({"text": st.text(max_size=5)}), max_size=2),
    "reason": st.text(max_size=10),
}
BODIES = st.fixed_dictionaries({}, optional={k: v | JSON for k, v in PLAUSIBLE.items()})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=BODIES)
def test_no_log_body_gives_a_500(client, people_headers, pairing, body) -> None:
    headers = people_headers["mentor"]
    created = client.post(f"{API}/pairings/{pairing['id']}/logs", json=body, headers=headers)
    assert created.status_code in (201, 422), created.text
    corrected = client.post(f"{API}/logs/1/corrections", json=body, headers=headers)
    assert corrected.status_code in (201, 404, 409, 422), corrected.text


def test_categories_come_with_labels_in_both_languages(client, people_headers) -> None:
    zh = client.get(f"{API}/guidance/categories", headers=people_headers["reviewer"]).json()
    en = client.get(f"{API}/guidance/categories?lang=en", headers=people_headers["mentor"]).json()
    assert [t["code"] for t in zh] == [t["code"] for t in en] == [c.value for c in LogCategory]
    assert zh[1] == {"code": "judgment_writing", "label": "裁判文书写作"}
    assert en[2] == {"code": "courtroom_practice", "label": "Court-room practice"}
    # The list's old address answers the same for clients written when topics were codes.
    old = client.get(f"{API}/guidance/topics", headers=people_headers["reviewer"]).json()
    assert old == zh


# --- the topic is the mentor's free text; the category is optional ---------------------------
TOPIC = "讨论一起合同纠纷的裁判思路"


def test_a_chinese_free_text_topic_is_accepted_and_shown_as_written(
    client, people_headers, pairing
) -> None:
    created = post_log(client, people_headers["mentor"], pairing["id"], topic=TOPIC, category=None)
    assert (created["topic"], created["category"], created["category_label"]) == (TOPIC, None, None)
    for url in (f"{API}/logs/{created['id']}", f"{API}/logs/{created['id']}?lang=en"):
        assert client.get(url, headers=people_headers["planner"]).json()["topic"] == TOPIC
    listed = client.get(f"{API}/pairings/{pairing['id']}/logs", headers=people_headers["young"])
    assert [log["topic"] for log in listed.json()] == [TOPIC]
    versions = client.get(
        f"{API}/logs/{created['id']}/versions", headers=people_headers["mentor"]
    ).json()
    assert [v["topic"] for v in versions] == [TOPIC]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("  复盘上周庭审中证据质证的节奏\n", "复盘上周庭审中证据质证的节奏"),  # trimmed only
        ("讨" * 200, "讨" * 200),  # 200 characters, not bytes
        ("案例研讨：买卖合同 & 民间借贷 <对比>", "案例研讨：买卖合同 & 民间借贷 <对比>"),
        ("case_review", "case_review"),  # an old client's code is text like any other
    ],
)
def test_the_topic_round_trips_exactly(client, people_headers, pairing, sent, kept) -> None:
    created = post_log(client, people_headers["mentor"], pairing["id"], topic=sent, category=None)
    again = client.get(f"{API}/logs/{created['id']}", headers=people_headers["mentor"]).json()
    assert created["topic"] == again["topic"] == kept
    assert again["category"] is None  # a code sent as the topic is not turned into a category


def test_the_category_is_optional_and_one_of_the_codes(client, people_headers, pairing) -> None:
    body = {"date": days_ago(2), "minutes": 30, "topic": TOPIC}
    url = f"{API}/pairings/{pairing['id']}/logs"
    bare = client.post(url, json=body, headers=people_headers["mentor"])
    assert bare.status_code == 201 and bare.json()["category"] is None
    for code in LogCategory:
        filed = client.post(url, json={**body, "category": code}, headers=people_headers["mentor"])
        assert filed.status_code == 201 and filed.json()["category"] == code.value


def test_a_correction_changes_the_topic_or_the_category_and_keeps_the_words(
    client, people_headers, pairing
) -> None:
    log = post_log(client, people_headers["mentor"], pairing["id"], topic=TOPIC)
    url = f"{API}/logs/{log['id']}/corrections"
    headers = people_headers["mentor"]
    reworded = client.post(
        url, json={"topic": "讨论一起买卖合同纠纷的裁判思路", "reason": "写明案由"}, headers=headers
    )
    assert reworded.status_code == 201, reworded.text
    assert (reworded.json()["topic"], reworded.json()["category"]) == (
        "讨论一起买卖合同纠纷的裁判思路",
        "judgment_writing",
    )
    cleared = client.post(url, json={"category": None, "reason": "不归类"}, headers=headers)
    assert cleared.status_code == 201 and cleared.json()["category"] is None
    same = client.post(url, json={"category": None, "reason": "再来一次"}, headers=headers)
    assert same.status_code == 409 and same.json()["detail"]["rule"] == "no_change"
    filed = client.post(url, json={"category": "case_review", "reason": "归类"}, headers=headers)
    assert filed.json()["category_label"] == "案例研讨"
    versions = client.get(f"{API}/logs/{log['id']}/versions", headers=headers).json()
    assert [(v["topic"], v["category"]) for v in versions] == [
        (TOPIC, "judgment_writing"),
        ("讨论一起买卖合同纠纷的裁判思路", "judgment_writing"),
        ("讨论一起买卖合同纠纷的裁判思路", None),
        ("讨论一起买卖合同纠纷的裁判思路", "case_review"),
    ]
    for body, field in (
        ({"topic": "", "reason": "x"}, "topic"),
        ({"topic": None, "reason": "x"}, "topic"),
        ({"topic": "讨" * 201, "reason": "x"}, "topic"),
        ({"topic": "讨\x00论", "reason": "x"}, "topic"),
        ({"category": "gossip", "reason": "x"}, "category"),
    ):
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 422 and field in error_fields(response), body
