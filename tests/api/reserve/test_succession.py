"""Key posts with A / B backups and emergency cover, the coverage report and backup
suggestions, for planners as well as reviewers."""

from __future__ import annotations

from sqlmodel import Session

from models import Person, PersonSkill
from tests.api.reserve.conftest import API, reserve_actions


def _post(client, headers, **body):
    return client.post(f"{API}/reserve/key-posts", json=body, headers=headers)


def _backup(client, headers, post_id: int, role: str, person_id: int):
    return client.put(
        f"{API}/reserve/key-posts/{post_id}/backups/{role}",
        json={"person_id": person_id},
        headers=headers,
    )


def test_key_posts_backups_and_their_rules(client, auth_headers, org, session: Session) -> None:
    planner = auth_headers["planner"]
    created = _post(
        client,
        planner,
        title="民事审判第一庭庭长",
        unit_id=org["civil"],
        holder_id=org["senior"],
        required_skills=[
            {"skill_code": "civil_trial", "level": 4},
            {"skill_code": "judgment_writing", "level": 3},
        ],
    )
    assert created.status_code == 201
    post = created.json()
    assert post["required_skills"] == [
        {"skill_code": "civil_trial", "level": 4},
        {"skill_code": "judgment_writing", "level": 3},
    ]
    assert post["backups"] == {}
    again = _post(client, planner, title="民事审判第一庭庭长", unit_id=org["civil"])
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "duplicate_key_post"
    assert _post(client, planner, title="x", unit_id=999).status_code == 404
    assert _post(client, planner, title="x", unit_id=org["civil"], holder_id=999).status_code == 404
    unknown = _post(
        client,
        planner,
        title="y",
        unit_id=org["civil"],
        required_skills=[{"skill_code": "alchemy", "level": 3}],
    )
    assert unknown.status_code == 422 and "required_skills" in str(unknown.json()["detail"])

    pid = post["id"]
    assert _backup(client, planner, pid, "A", org["young"]).json()["backups"] == {"A": org["young"]}
    holder = _backup(client, planner, pid, "B", org["senior"])
    assert holder.status_code == 409 and holder.json()["detail"]["rule"] == "holder_as_backup"
    twice = _backup(client, planner, pid, "B", org["young"])
    assert twice.status_code == 409 and twice.json()["detail"]["rule"] == "duplicate_backup"
    assert _backup(client, planner, pid, "C", org["young2"]).status_code == 422
    assert _backup(client, planner, pid, "B", 999).status_code == 404
    person = session.get(Person, org["clerk2"])
    assert person is not None
    person.active = False
    session.add(person)
    session.commit()
    inactive = _backup(client, planner, pid, "emergency", org["clerk2"])
    assert inactive.status_code == 409 and inactive.json()["detail"]["rule"] == "inactive_backup"
    assert _backup(client, planner, pid, "B", org["young2"]).json()["backups"] == {
        "A": org["young"],
        "B": org["young2"],
    }
    replaced = _backup(client, auth_headers["reviewer"], pid, "B", org["senior2"])
    assert replaced.json()["backups"]["B"] == org["senior2"]
    removed = client.delete(f"{API}/reserve/key-posts/{pid}/backups/B", headers=planner)
    assert removed.status_code == 200 and removed.json()["backups"] == {"A": org["young"]}
    assert (
        client.delete(f"{API}/reserve/key-posts/{pid}/backups/B", headers=planner).status_code
        == 404
    )
    patched = client.patch(
        f"{API}/reserve/key-posts/{pid}", json={"holder_id": org["young"]}, headers=planner
    )
    assert patched.status_code == 409 and patched.json()["detail"]["rule"] == "holder_as_backup"
    patched = client.patch(
        f"{API}/reserve/key-posts/{pid}",
        json={"holder_id": None, "required_skills": [{"skill_code": "mediation", "level": 2}]},
        headers=planner,
    )
    assert patched.json()["holder_id"] is None and patched.json()["required_skills"] == [
        {"skill_code": "mediation", "level": 2}
    ]
    assert reserve_actions(session) == [
        "reserve.key_post.create",
        "reserve.backup.set",
        "reserve.backup.set",
        "reserve.backup.set",
        "reserve.backup.remove",
        "reserve.key_post.update",
    ]


def test_the_coverage_report_names_uncovered_posts(client, auth_headers, org) -> None:
    planner = auth_headers["planner"]
    covered = _post(
        client, planner, title="立案庭庭长", unit_id=org["filing"], holder_id=org["senior"]
    ).json()
    bare = _post(
        client,
        planner,
        title="海勃湾民事审判庭庭长",
        unit_id=org["district_civil"],
        holder_id=org["senior2"],
    ).json()
    vacant = _post(client, planner, title="民事审判第一庭庭长", unit_id=org["civil"]).json()
    _backup(client, planner, covered["id"], "A", org["young"])
    _backup(client, planner, covered["id"], "B", org["young2"])
    _backup(client, planner, bare["id"], "A", org["young"])
    _backup(client, planner, vacant["id"], "A", org["young"])
    _backup(client, planner, vacant["id"], "emergency", org["young2"])
    report = client.get(f"{API}/reserve/succession", headers=planner)
    assert report.status_code == 200
    body = report.json()
    assert [p["title"] for p in body["uncovered"]] == ["海勃湾民事审判庭庭长", "民事审判第一庭庭长"]
    assert [p["unit_name"] for p in body["uncovered"]] == ["民事审判庭", "民事审判第一庭"]
    issues = {p["title"]: p["issues"] for p in body["posts"]}
    assert (
        "vacant" in issues["民事审判第一庭庭长"] and "no_b_backup" in issues["海勃湾民事审判庭庭长"]
    )
    assert body["overloaded"] == [
        {
            "person_id": org["young"],
            "post_ids": sorted([covered["id"], bare["id"], vacant["id"]]),
            "name": "张伟",
        }
    ]
    assert body["summary"]["posts"] == 3 and body["summary"]["covered"] == 1
    # with no evidence every backup ranks mid-cohort: not ready for an A role
    assert {(r["post_id"], r["role"]) for r in body["not_ready"]} >= {(covered["id"], "A")}
    # the holder and every backup with their readiness and band, for the succession page
    people = {p["person_id"]: p for p in body["people"]}
    assert set(people) == {org["senior"], org["senior2"], org["young"], org["young2"]}
    assert people[org["young"]]["name"] == "张伟" and people[org["young"]]["active"] is True
    for person in people.values():
        assert 0 <= person["readiness"] <= 1
        assert person["band"] in ("ready_now", "ready_1_2", "ready_3_5")
        assert person["band_confirmed"] is None


def test_suggestions_rank_by_readiness_and_graph_aware_fit(
    client, auth_headers, org, session: Session
) -> None:
    session.add_all(
        [
            PersonSkill(person_id=org["young"], skill_id=org["skill:civil_trial"], level=4),
            PersonSkill(person_id=org["young2"], skill_id=org["skill:mediation"], level=4),
        ]
    )
    session.commit()
    post = _post(
        client,
        auth_headers["planner"],
        title="民事审判第一庭庭长",
        unit_id=org["civil"],
        holder_id=org["senior"],
        required_skills=[{"skill_code": "civil_trial", "level": 4}],
    ).json()
    response = client.get(
        f"{API}/reserve/key-posts/{post['id']}/suggestions",
        params={"k": 3},
        headers=auth_headers["reviewer"],
    )
    assert response.status_code == 200
    ranked = response.json()
    assert org["senior"] not in [r["person_id"] for r in ranked]  # the holder is not a backup
    assert ranked[0]["person_id"] == org["young"] and ranked[0]["skill_fit"] == 1.0
    assert ranked[0]["name"] == "张伟" and ranked[0]["band"] in (
        "ready_now",
        "ready_1_2",
        "ready_3_5",
    )
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) == 3
    assert (
        client.get(
            f"{API}/reserve/key-posts/999/suggestions", headers=auth_headers["planner"]
        ).status_code
        == 404
    )
    listed = client.get(
        f"{API}/reserve/key-posts",
        params={"unit_id": org["civil"]},
        headers=auth_headers["planner"],
    )
    assert [p["id"] for p in listed.json()] == [post["id"]]
