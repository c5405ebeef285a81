"""Goals on a pairing and the skill-level history their progress is read from."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models import PersonSkill
from models.mentoring import SkillLevelChange
from talent.audit import Actor
from talent.roster import skill_levels
from tests.api.mentoring.conftest import API, days_ago, error_fields


@pytest.fixture
def young_holds_mediation_1(session, org) -> None:
    session.add(PersonSkill(person_id=org["young"], skill_id=org["skill:mediation"], level=1))
    session.commit()


def test_planner_and_mentor_set_goals_and_progress_follows_the_history(
    client, people_headers, pairing, org, young_holds_mediation_1
) -> None:
    url = f"{API}/pairings/{pairing['id']}/goals"
    goal = client.post(
        url,
        json={"skill_code": "mediation", "target_level": 4, "due_date": days_ago(-90)},
        headers=people_headers["planner"],
    )
    assert goal.status_code == 201, goal.text
    body = goal.json()
    assert (body["baseline_level"], body["current_level"], body["progress"], body["achieved"]) == (
        1,
        1,
        0.0,
        False,
    )
    free_text = client.post(
        url, json={"description": "能独立主持庭前调解"}, headers=people_headers["mentor"]
    )
    assert free_text.status_code == 201 and free_text.json()["progress"] is None

    levels = f"{API}/people/{org['young']}/skill-levels"
    step = client.post(
        levels,
        json={"skill_code": "mediation", "level": 3, "reason": "主持调解三次，效果良好"},
        headers=people_headers["mentor"],
    )
    assert step.status_code == 201, step.text
    assert (step.json()["from_level"], step.json()["to_level"], step.json()["source"]) == (
        1,
        3,
        "assessment",
    )
    listed = client.get(url, headers=people_headers["young"]).json()
    mediation = next(g for g in listed if g["skill_code"] == "mediation")
    assert (mediation["current_level"], mediation["achieved"]) == (3, False)
    assert mediation["progress"] == pytest.approx(2 / 3)
    assert [h["to_level"] for h in mediation["history"]] == [3]

    client.post(
        levels,
        json={"skill_code": "mediation", "level": 4, "reason": "独立调结疑难案件"},
        headers=people_headers["planner"],
    )
    mediation = next(
        g
        for g in client.get(url, headers=people_headers["planner"]).json()
        if g["skill_code"] == "mediation"
    )
    assert (mediation["progress"], mediation["achieved"], mediation["achieved_on"]) == (
        1.0,
        True,
        days_ago(0),
    )

    history = client.get(
        f"{API}/people/{org['young']}/skill-history", headers=people_headers["reviewer"]
    ).json()
    assert [(h["from_level"], h["to_level"], h["actor_name"]) for h in history] == [
        (1, 3, "mentor"),
        (3, 4, "planner"),
    ]
    assert history[0]["reason"] == "主持调解三次，效果良好"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"skill_code": "no_such_skill", "target_level": 3}, "skill_code"),
        ({"skill_code": "mediation"}, "target_level"),
        ({"target_level": 3}, "skill_code"),
        ({}, "description"),
        ({"skill_code": "mediation", "target_level": 1}, "target_level"),
        ({"skill_code": "mediation", "target_level": 6}, "target_level"),
        ({"skill_code": "mediation", "target_level": 3, "due_date": days_ago(200)}, "due_date"),
    ],
)
def test_bad_goals_are_422(
    client, people_headers, pairing, young_holds_mediation_1, body, field
) -> None:
    response = client.post(
        f"{API}/pairings/{pairing['id']}/goals", json=body, headers=people_headers["mentor"]
    )
    assert response.status_code == 422, response.text
    assert field in error_fields(response)


def test_goal_rules_and_access(client, people_headers, pairing) -> None:
    url = f"{API}/pairings/{pairing['id']}/goals"
    body = {"skill_code": "judgment_writing", "target_level": 3}
    for who in ("young", "mentor2"):
        assert client.post(url, json=body, headers=people_headers[who]).status_code == 403, who
    assert client.get(url, headers=people_headers["mentor2"]).status_code == 403
    assert client.post(url, json=body, headers=people_headers["reviewer"]).status_code == 403
    first = client.post(url, json=body, headers=people_headers["mentor"]).json()
    duplicate = client.post(url, json=body, headers=people_headers["planner"])
    assert duplicate.status_code == 409 and duplicate.json()["detail"]["rule"] == "duplicate_goal"

    goal_url = f"{API}/goals/{first['id']}"
    assert (
        client.patch(
            goal_url, json={"status": "withdrawn"}, headers=people_headers["young"]
        ).status_code
        == 403
    )
    assert (
        client.patch(
            goal_url, json={"target_level": 3}, headers=people_headers["mentor"]
        ).status_code
        == 409
    )
    assert (
        client.patch(
            goal_url, json={"target_level": None}, headers=people_headers["mentor"]
        ).status_code
        == 422
    )
    assert (
        client.patch(
            f"{API}/goals/99999", json={"status": "withdrawn"}, headers=people_headers["admin"]
        ).status_code
        == 404
    )
    withdrawn = client.patch(
        goal_url, json={"status": "withdrawn"}, headers=people_headers["planner"]
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert client.post(url, json=body, headers=people_headers["planner"]).status_code == 201
    # The withdrawn goal cannot come back while the new one on that skill is open.
    reopened = client.patch(goal_url, json={"status": "open"}, headers=people_headers["planner"])
    assert reopened.status_code == 409 and reopened.json()["detail"]["rule"] == "duplicate_goal"


def test_skill_levels_are_recorded_only_by_planners_and_the_active_mentor(
    client, people_headers, pairing, org
) -> None:
    body = {"skill_code": "civil_trial", "level": 2, "reason": "庭审表现"}
    assert (
        client.post(
            f"{API}/people/{org['young']}/skill-levels",
            json=body,
            headers=people_headers["mentor2"],
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/people/{org['young2']}/skill-levels",
            json=body,
            headers=people_headers["mentor"],
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/people/{org['young']}/skill-levels",
            json=body,
            headers=people_headers["reviewer"],
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/people/999999/skill-levels", json=body, headers=people_headers["planner"]
        ).status_code
        == 404
    )
    url = f"{API}/people/{org['young']}/skill-levels"
    assert (
        client.post(
            url, json={**body, "effective_date": days_ago(10)}, headers=people_headers["mentor"]
        ).status_code
        == 201
    )
    for bad, field in (
        ({**body, "level": 3, "effective_date": days_ago(20)}, "effective_date"),
        ({**body, "level": 3, "effective_date": days_ago(-1)}, "effective_date"),
        ({**body, "skill_code": "nope"}, "skill_code"),
        ({**body, "level": 9}, "level"),
        ({"skill_code": "civil_trial", "level": 3}, "reason"),
    ):
        response = client.post(url, json=bad, headers=people_headers["mentor"])
        assert response.status_code == 422 and field in error_fields(response), bad
    same = client.post(url, json=body, headers=people_headers["mentor"])
    assert same.status_code == 409 and same.json()["detail"]["rule"] == "no_change"
    assert (
        client.get(
            f"{API}/people/{org['young2']}/skill-history", headers=people_headers["mentor"]
        ).status_code
        == 403
    )
    own = client.get(
        f"{API}/people/{org['young']}/skill-history",
        params={"skill_code": "civil_trial"},
        headers=people_headers["mentor"],
    )
    assert [(h["to_level"], h["effective_date"]) for h in own.json()] == [(2, days_ago(10))]


def test_record_level_diff_historises_a_roster_replace(session, org) -> None:
    """The hook ``people.replace_skills`` calls: one row per skill whose level changed."""
    actor = Actor(None, "planner")
    changes = skill_levels.record_level_diff(
        session,
        person_id=org["clerk"],
        actor=actor,
        reason="年度评定",
        before={
            org["skill:mediation"]: 1,
            org["skill:civil_trial"]: 2,
            org["skill:judgment_writing"]: 3,
        },
        after={org["skill:mediation"]: 2, org["skill:civil_trial"]: 2},
    )
    session.commit()
    stored = session.exec(select(SkillLevelChange).order_by(SkillLevelChange.id)).all()
    assert (
        [(c.skill_id, c.from_level, c.to_level) for c in stored]
        == [
            (org["skill:mediation"], 1, 2),
            (org["skill:judgment_writing"], 3, None),
        ]
        == [(c.skill_id, c.from_level, c.to_level) for c in changes]
    )
    assert {c.source for c in stored} == {"roster"} and stored[0].reason == "年度评定"
