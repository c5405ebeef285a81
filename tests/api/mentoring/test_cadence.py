"""Cadence through the API: overdue pairings, the escalation ladder, reminders, dissolving,
the re-match queue, mentors' capacity, and the audit trail of every mentoring write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models import Pairing, Person
from models.mentoring import RematchEntry
from talent import audit
from talent.mentoring import overdue, rematch
from tests.api.mentoring.conftest import API, TODAY, days_ago, post_log


def overdue_ids(client, headers, **params) -> list[int]:
    response = client.get(f"{API}/pairings/overdue", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [row["pairing_id"] for row in response.json()]


def test_a_pairing_without_logs_for_more_than_the_threshold_is_overdue(
    client, people_headers, pairing, session
) -> None:
    first = overdue_ids(client, people_headers["planner"])
    assert first == [pairing["id"]]
    row = client.get(f"{API}/pairings/overdue", headers=people_headers["planner"]).json()[0]
    assert (row["days_quiet"], row["last_log_date"], row["rung"]) == (100, None, "overdue")
    assert row["overdue_since"] == days_ago(100 - 31)

    post_log(client, people_headers["mentor"], pairing["id"], date=days_ago(30))
    assert overdue_ids(client, people_headers["planner"]) == []
    assert overdue_ids(client, people_headers["planner"], days=29) == [pairing["id"]]
    assert overdue.overdue_pairing_ids(session, days=29) == {pairing["id"]}
    assert overdue.overdue_pairing_ids(session, days=30) == set()
    assert overdue_ids(client, people_headers["mentor"], days=29) == [pairing["id"]]
    assert overdue_ids(client, people_headers["mentor2"], days=29) == []
    assert (
        client.get(
            f"{API}/pairings/overdue", params={"days": 0}, headers=people_headers["planner"]
        ).status_code
        == 422
    )
    assert (
        client.get(f"{API}/pairings/overdue", headers=people_headers["reviewer"]).status_code == 403
    )


def test_a_correction_moving_the_date_moves_the_anchor(client, people_headers, pairing) -> None:
    log = post_log(client, people_headers["mentor"], pairing["id"], date=days_ago(5))
    assert overdue_ids(client, people_headers["planner"]) == []
    client.post(
        f"{API}/logs/{log['id']}/corrections",
        json={"date": days_ago(60), "reason": "日期录错"},
        headers=people_headers["mentor"],
    )
    assert overdue_ids(client, people_headers["planner"]) == [pairing["id"]]


def test_the_escalation_ladder_in_order_each_step_dated(client, people_headers, pairing) -> None:
    ladder = f"{API}/pairings/{pairing['id']}/escalation"
    escalate = client.post(ladder, json={"step": "escalated"}, headers=people_headers["planner"])
    assert escalate.status_code == 409 and escalate.json()["detail"]["rule"] == "escalation_order"
    assert (
        client.post(ladder, json={"step": "reminded"}, headers=people_headers["mentor"]).status_code
        == 403
    )
    reminded = client.post(
        ladder, json={"step": "reminded", "note": "电话提醒"}, headers=people_headers["planner"]
    )
    assert reminded.status_code == 201, reminded.text
    assert (reminded.json()["date"], reminded.json()["days_quiet"]) == (days_ago(0), 100)
    again = client.post(ladder, json={"step": "reminded"}, headers=people_headers["planner"])
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "escalation_order"
    assert overdue_ids(client, people_headers["planner"], rung="reminded") == [pairing["id"]]
    assert overdue_ids(client, people_headers["planner"], rung="escalated") == []
    assert (
        client.post(ladder, json={"step": "escalated"}, headers=people_headers["admin"]).status_code
        == 201
    )
    assert (
        client.post(
            ladder, json={"step": "escalated"}, headers=people_headers["planner"]
        ).status_code
        == 409
    )

    steps = client.get(ladder, headers=people_headers["mentor"]).json()
    assert [(s["step"], s["date"], s["recorded"]) for s in steps] == [
        ("overdue", days_ago(100 - 31), False),
        ("reminded", days_ago(0), True),
        ("escalated", days_ago(0), True),
    ]
    assert client.get(ladder, headers=people_headers["mentor2"]).status_code == 403

    dissolved = client.post(
        f"{API}/pairings/{pairing['id']}/dissolve",
        json={
            "reason_code": "mismatch",
            "reason": "长期未开展指导，双方同意解除",
            "outcome_rating": 2,
        },
        headers=people_headers["planner"],
    )
    assert dissolved.status_code == 200, dissolved.text
    steps = client.get(ladder, headers=people_headers["planner"]).json()
    assert [s["step"] for s in steps] == ["reminded", "escalated", "dissolved"]
    assert (
        steps[-1]["note"] == "长期未开展指导，双方同意解除" and steps[-1]["created_by"] is not None
    )


def test_a_new_log_takes_the_pairing_off_the_ladder(client, people_headers, pairing) -> None:
    ladder = f"{API}/pairings/{pairing['id']}/escalation"
    client.post(ladder, json={"step": "reminded"}, headers=people_headers["planner"])
    post_log(client, people_headers["mentor"], pairing["id"], date=days_ago(0))
    assert overdue_ids(client, people_headers["planner"]) == []
    refused = client.post(ladder, json={"step": "escalated"}, headers=people_headers["planner"])
    assert refused.status_code == 409 and refused.json()["detail"]["rule"] == "not_overdue"
    overview = client.get(
        f"{API}/pairings/{pairing['id']}/overview", headers=people_headers["young"]
    ).json()
    assert (overview["overdue"], overview["days_quiet"], overview["logs"], overview["minutes"]) == (
        False,
        0,
        1,
        45,
    )


def test_dissolving_queues_the_mentee_and_ending_twice_is_409(
    client, people_headers, pairing, org, session
) -> None:
    url = f"{API}/pairings/{pairing['id']}/dissolve"
    body = {"reason_code": "seconded", "reason": "导师挂职至海南区法院"}
    assert client.post(url, json=body, headers=people_headers["mentor"]).status_code == 403
    assert (
        client.post(
            url, json={"reason_code": "bored", "reason": "x"}, headers=people_headers["planner"]
        ).status_code
        == 422
    )
    assert (
        client.post(
            url, json={"reason_code": "seconded"}, headers=people_headers["planner"]
        ).status_code
        == 422
    )
    result = client.post(url, json=body, headers=people_headers["planner"])
    assert result.status_code == 200, result.text
    assert result.json()["pairing"]["status"] == "dissolved"
    assert result.json()["pairing"]["end_reason"] == "导师挂职至海南区法院"
    entry = result.json()["rematch"]
    assert (entry["mentee_id"], entry["link"], entry["status"], entry["waited_days"]) == (
        org["young"],
        "1-2",
        "waiting",
        0,
    )
    assert entry["former_mentor_id"] == org["senior"] and entry["reason_code"] == "seconded"

    for again in (
        client.post(url, json=body, headers=people_headers["planner"]),
        client.post(
            f"{API}/pairings/{pairing['id']}/end",
            json={"status": "completed"},
            headers=people_headers["planner"],
        ),
    ):
        assert again.status_code == 409 and again.json()["detail"]["rule"] == "already_ended"
    assert (
        client.post(
            f"{API}/pairings/999999/dissolve", json=body, headers=people_headers["planner"]
        ).status_code
        == 404
    )
    assert (
        session.exec(select(Pairing).where(Pairing.id == pairing["id"])).one().ended_by is not None
    )

    queue = client.get(f"{API}/rematch-queue", headers=people_headers["planner"]).json()
    assert [e["mentee_id"] for e in queue] == [org["young"]]
    assert rematch.rematch_priority(session, link="1-2") == {org["young"]: 0.0}
    assert rematch.rematch_priority(session, link="2-3") == {}

    # Re-matched: a newer pairing on the link takes the mentee out of the waiting list.
    rematched = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young"]},
        headers=people_headers["planner"],
    )
    assert rematched.status_code == 201
    assert client.get(f"{API}/rematch-queue", headers=people_headers["planner"]).json() == []
    history = client.get(
        f"{API}/rematch-queue", params={"status": "all"}, headers=people_headers["planner"]
    ).json()
    assert [(e["status"], e["rematched_pairing_id"]) for e in history] == [
        ("rematched", rematched.json()["id"])
    ]
    assert rematch.rematch_priority(session, link="1-2") == {}


def test_a_pairing_entered_later_but_dated_earlier_does_not_rematch_the_mentee(
    client, people_headers, pairing, org, session
) -> None:
    """Ids are not dates: a historic pairing keyed in after today's one (a higher id, but it
    started and ended long before the dissolution) leaves the mentee waiting; only a pairing
    that starts on or after the dissolution rematches."""
    historic = Pairing(
        mentor_id=org["senior2"],
        mentee_id=org["young"],
        link="1-2",
        status="completed",
        start_date=TODAY - timedelta(days=700),
        end_date=TODAY - timedelta(days=500),
    )
    session.add(historic)
    session.commit()
    assert historic.id > pairing["id"]
    planner = people_headers["planner"]
    dissolved = client.post(
        f"{API}/pairings/{pairing['id']}/dissolve",
        json={"reason_code": "mismatch", "reason": "专业方向不合"},
        headers=planner,
    )
    assert dissolved.status_code == 200, dissolved.text
    assert dissolved.json()["rematch"]["status"] == "waiting"
    queue = client.get(f"{API}/rematch-queue", headers=planner).json()
    assert [(e["mentee_id"], e["status"]) for e in queue] == [(org["young"], "waiting")]
    assert rematch.rematch_priority(session, link="1-2") == {org["young"]: 0.0}

    again = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young"]},
        headers=planner,
    )
    assert again.status_code == 201, again.text
    history = client.get(f"{API}/rematch-queue", params={"status": "all"}, headers=planner).json()
    assert [(e["status"], e["rematched_pairing_id"]) for e in history] == [
        ("rematched", again.json()["id"])
    ]


def test_the_queue_shows_how_long_each_has_waited_and_planners_withdraw(
    client, people_headers, org, session
) -> None:
    for mentee, mentor, waited in (("young", "senior", 40), ("young2", "senior2", 12)):
        made = client.post(
            f"{API}/pairings",
            json={"mentor_id": org[mentor], "mentee_id": org[mentee], "start_date": days_ago(200)},
            headers=people_headers["planner"],
        ).json()
        client.post(
            f"{API}/pairings/{made['id']}/dissolve",
            json={"reason_code": "mentor_left", "reason": "导师退休"},
            headers=people_headers["planner"],
        )
        entry = session.exec(
            select(RematchEntry).where(RematchEntry.pairing_id == made["id"])
        ).one()
        entry.queued_on = TODAY - timedelta(days=waited)
        session.add(entry)
    session.commit()
    queue = client.get(
        f"{API}/rematch-queue", params={"link": "1-2"}, headers=people_headers["planner"]
    ).json()
    assert [(e["mentee_id"], e["waited_days"]) for e in queue] == [
        (org["young"], 40),
        (org["young2"], 12),
    ]
    assert rematch.rematch_priority(session, link="1-2") == {
        org["young"]: 40.0,
        org["young2"]: 12.0,
    }
    assert client.get(f"{API}/rematch-queue", headers=people_headers["mentor"]).status_code == 403

    young2 = session.get(Person, org["young2"])
    young2.active = False
    session.add(young2)
    session.commit()
    assert rematch.rematch_priority(session, link="1-2") == {org["young"]: 40.0}

    url = f"{API}/rematch-queue/{queue[0]['id']}/withdraw"
    withdrawn = client.post(url, json={"reason": "已调离法院"}, headers=people_headers["planner"])
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert (
        client.post(url, json={"reason": "again"}, headers=people_headers["planner"]).status_code
        == 409
    )
    assert (
        client.post(
            f"{API}/rematch-queue/999/withdraw",
            json={"reason": "x"},
            headers=people_headers["planner"],
        ).status_code
        == 404
    )
    assert rematch.rematch_priority(session, link="1-2") == {}


def test_rematch_bonus_is_documented_and_grows_with_the_wait() -> None:
    assert rematch.rematch_bonus(0) == pytest.approx(0.1)
    assert rematch.rematch_bonus(90) == pytest.approx(0.15)
    assert rematch.rematch_bonus(180) == rematch.rematch_bonus(1000) == pytest.approx(0.2)
    assert rematch.rematch_bonus(-5) == pytest.approx(0.1)


def test_reminders_per_mentor(client, people_headers, pairing, org) -> None:
    other = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young2"], "start_date": days_ago(26)},
        headers=people_headers["planner"],
    ).json()
    log = post_log(
        client,
        people_headers["mentor"],
        pairing["id"],
        date=days_ago(40),
        action_items=[
            {"text": "提交调研报告", "due_date": days_ago(-3)},
            {"text": "远期任务", "due_date": days_ago(-60)},
        ],
    )
    assert log["action_items"]
    everyone = client.get(f"{API}/reminders", headers=people_headers["planner"]).json()
    assert [r["mentor_id"] for r in everyone] == [org["senior"], org["senior2"]]
    senior = everyone[0]["items"]
    assert [(i["kind"], i["date"]) for i in senior] == [
        ("overdue", days_ago(40 - 31)),
        ("action_item", days_ago(-3)),
    ]
    assert senior[1]["text"] == "提交调研报告" and senior[0]["days_quiet"] == 40
    assert (
        everyone[1]["items"][0]["kind"] == "due_soon"
        and everyone[1]["items"][0]["pairing_id"] == other["id"]
    )
    own = client.get(f"{API}/reminders", headers=people_headers["mentor"]).json()
    assert [r["mentor_id"] for r in own] == [org["senior"]]
    assert (
        client.get(
            f"{API}/reminders",
            params={"mentor_id": org["senior2"]},
            headers=people_headers["mentor"],
        ).status_code
        == 403
    )
    narrow = client.get(
        f"{API}/reminders", params={"due_soon_days": 0}, headers=people_headers["planner"]
    ).json()
    assert [r["mentor_id"] for r in narrow] == [org["senior"]]


def test_mentor_page_shows_capacity_used_and_free_on_each_link(
    client, people_headers, pairing, org
) -> None:
    mine = client.get(f"{API}/mentors/{org['senior']}/capacity", headers=people_headers["mentor"])
    assert mine.status_code == 200
    assert mine.json()["links"] == [{"link": "1-2", "capacity": 3, "used": 1, "free": 2}]
    assert (
        client.get(
            f"{API}/mentors/{org['senior2']}/capacity", headers=people_headers["mentor"]
        ).status_code
        == 403
    )
    assert (
        client.get(f"{API}/mentors/999999/capacity", headers=people_headers["planner"]).status_code
        == 404
    )
    young = client.get(
        f"{API}/mentors/{org['young']}/capacity", headers=people_headers["young"]
    ).json()
    assert young["links"] == [{"link": "2-3", "capacity": 2, "used": 0, "free": 2}]
    everyone = client.get(f"{API}/mentors/capacity", headers=people_headers["planner"]).json()
    assert [m["person_id"] for m in everyone] == sorted(
        org[k] for k in ("senior", "senior2", "young", "young2")
    )
    district = client.get(
        f"{API}/mentors/capacity",
        params={"unit_id": org["district"], "link": "1-2"},
        headers=people_headers["planner"],
    ).json()
    assert [m["person_id"] for m in district] == [org["senior2"]]
    assert (
        client.get(
            f"{API}/mentors/capacity", params={"unit_id": 99999}, headers=people_headers["planner"]
        ).status_code
        == 404
    )
    assert (
        client.get(f"{API}/mentors/capacity", headers=people_headers["mentor"]).status_code == 403
    )


def test_every_mentoring_write_is_audited_and_the_chain_holds(
    client, people_headers, pairing, org, session
) -> None:
    h = people_headers
    log = post_log(
        client, h["mentor"], pairing["id"], date=days_ago(50), action_items=[{"text": "读判例"}]
    )
    client.post(
        f"{API}/logs/{log['id']}/corrections",
        json={"minutes": 60, "reason": "补记"},
        headers=h["mentor"],
    )
    client.post(f"{API}/logs/{log['id']}/confirm", headers=h["young"])
    client.post(
        f"{API}/logs/{log['id']}/action-items", json=[{"text": "写小结"}], headers=h["mentor"]
    )
    client.patch(
        f"{API}/action-items/{log['action_items'][0]['id']}",
        json={"done": True},
        headers=h["young"],
    )
    goal = client.post(
        f"{API}/pairings/{pairing['id']}/goals",
        json={"skill_code": "mediation", "target_level": 3},
        headers=h["planner"],
    ).json()
    client.patch(f"{API}/goals/{goal['id']}", json={"due_date": days_ago(-30)}, headers=h["mentor"])
    client.post(
        f"{API}/people/{org['young']}/skill-levels",
        json={"skill_code": "mediation", "level": 2, "reason": "进步"},
        headers=h["mentor"],
    )
    client.post(
        f"{API}/pairings/{pairing['id']}/escalation",
        json={"step": "reminded"},
        headers=h["planner"],
    )
    client.post(
        f"{API}/pairings/{pairing['id']}/escalation",
        json={"step": "escalated"},
        headers=h["planner"],
    )
    dissolved = client.post(
        f"{API}/pairings/{pairing['id']}/dissolve",
        json={"reason_code": "other", "reason": "调整"},
        headers=h["planner"],
    ).json()
    client.post(
        f"{API}/rematch-queue/{dissolved['rematch']['id']}/withdraw",
        json={"reason": "另行安排"},
        headers=h["planner"],
    )

    events = client.get(f"{API}/audit", params={"limit": 500}, headers=h["admin"]).json()
    actions = [e["action"] for e in events]
    assert actions[actions.index("guidance_log.create") :] == [
        "guidance_log.create",
        "guidance_log.correct",
        "guidance_log.confirm",
        "action_item.create",
        "action_item.done",
        "goal.create",
        "goal.update",
        "skill_level.change",
        "escalation.reminded",
        "escalation.escalated",
        "rematch.enqueue",
        "pairing.dissolved",
        "rematch.withdraw",
    ]
    assert all(e["actor_name"] for e in events)
    assert audit.verify(session).ok
