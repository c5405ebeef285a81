"""Matching runs through the API: proposals, candidates, capacities, unmatched, explain, review."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from models import Conflict, Person, PersonSkill
from tests.paging import fetch_all

RUNS = "/api/v1/matching/runs"


def _add_people(session, org, specs) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {}
    for key, unit, tier, capacity, years in specs:
        person = Person(
            staff_no=f"T{len(ids) + 100}",
            name=f"测试{key}",
            unit_id=org[unit],
            tier=tier,
            mentor_capacity=capacity,
            hire_date=date(2026 - years, 1, 1),
            birth_date=date(2026 - years - 24, 1, 1),
            expertise="擅长民事审判和调解",
            goals="提升裁判文书写作",
        )
        session.add(person)
        session.flush()
        ids[key] = person.id
    session.commit()
    return ids


def _brute_force(candidates, capacities):  # type: ignore[no-untyped-def]
    """Best (matched, total score) over every assignment: the test's own reference solver."""
    mentees = sorted({c["mentee_id"] for c in candidates})
    options = {m: [None] + [c for c in candidates if c["mentee_id"] == m] for m in mentees}
    best = (0, 0.0)
    for choice in itertools.product(*options.values()):
        used: dict[int, int] = {}
        for c in choice:
            if c is not None:
                used[c["mentor_id"]] = used.get(c["mentor_id"], 0) + 1
        if any(used[m] > capacities[m] for m in used):
            continue
        picked = [c for c in choice if c is not None]
        best = max(best, (len(picked), sum(c["score"] for c in picked)))
    return best


def test_run_is_consistent_and_optimal(client, auth_headers, org, session) -> None:
    extra = _add_people(
        session, org, [("a", "civil", 2, 2, 3), ("b", "filing", 2, 2, 2), ("c", "civil", 2, 2, 1)]
    )
    session.add(PersonSkill(person_id=org["senior"], skill_id=org["skill:civil_trial"], level=5))
    session.add(
        PersonSkill(
            person_id=extra["a"], skill_id=org["skill:civil_trial"], level=1, target_level=4
        )
    )
    session.commit()
    headers = auth_headers["planner"]
    response = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers)
    assert response.status_code == 201, response.text
    run = response.json()
    proposals = client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()
    candidates = fetch_all(client, f"{RUNS}/{run['id']}/candidates", headers)
    capacities = {
        c["mentor_id"]: c["free_slots"]
        for c in fetch_all(client, f"{RUNS}/{run['id']}/capacities", headers)
    }
    unmatched = client.get(f"{RUNS}/{run['id']}/unmatched", headers=headers).json()
    assert capacities == {org["senior"]: 3, org["senior2"]: 2}
    assert run["n_proposals"] == len(proposals) == 5 and run["n_unmatched"] == len(unmatched) == 0
    assert run["n_candidates"] == len(candidates) == 10
    candidate_score = {(c["mentee_id"], c["mentor_id"]): c["score"] for c in candidates}
    for p in proposals:
        assert candidate_score[(p["mentee_id"], p["mentor_id"])] == p["score"]
        assert abs(sum(p["breakdown"].values()) - p["score"]) < 1e-9
        assert 0 <= p["score"] <= 1
    assert len({p["mentee_id"] for p in proposals}) == len(proposals)
    matched, best = _brute_force(candidates, capacities)
    assert matched == len(proposals)
    assert abs(sum(p["score"] for p in proposals) - best) < 1e-9
    assert abs(run["objective"] - best) < 1e-9
    mine = [p for p in proposals if p["mentee_id"] == extra["a"]]
    assert (
        mine[0]["mentor_id"] == org["senior"]
    )  # the only mentor who can teach the civil-trial gap


def test_unmatched_reasons_and_explain(client, auth_headers, org, session) -> None:
    session.add(
        Conflict(
            person_a_id=min(org["senior"], org["young"]),
            person_b_id=max(org["senior"], org["young"]),
            reason="亲属关系",
        )
    )
    session.commit()
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": False}, headers=headers).json()
    unmatched = client.get(f"{RUNS}/{run['id']}/unmatched", headers=headers).json()
    assert unmatched == [{"mentee_id": org["young"], "reason": "only_conflicted_mentors"}]
    rows = client.get(
        f"{RUNS}/{run['id']}/explain", params={"mentee_id": org["young"]}, headers=headers
    ).json()
    by_mentor = {r["mentor_id"]: r for r in rows}
    assert (
        by_mentor[org["senior"]]["rule"] == "conflict" and not by_mentor[org["senior"]]["eligible"]
    )
    assert by_mentor[org["senior2"]]["rule"] == "out_of_scope"
    chosen = client.get(
        f"{RUNS}/{run['id']}/explain", params={"mentee_id": org["young2"]}, headers=headers
    ).json()
    assert [r["mentor_id"] for r in chosen if r["chosen"]] == [org["senior2"]]
    assert (
        abs(
            sum(next(r for r in chosen if r["chosen"])["breakdown"].values())
            - next(r for r in chosen if r["chosen"])["score"]
        )
        < 1e-9
    )
    clerk = client.get(
        f"{RUNS}/{run['id']}/explain",
        params={"mentee_id": org["young2"], "mentor_id": org["clerk"]},
        headers=headers,
    ).json()
    assert clerk == [
        {
            "mentor_id": org["clerk"],
            "eligible": False,
            "rule": "tier",
            "score": None,
            "breakdown": None,
            "chosen": False,
            "why_not": None,
            "slots_went_to": None,
            "free_slots": None,
            "forced": None,
        }
    ]
    assert (
        client.get(
            f"{RUNS}/{run['id']}/explain", params={"mentee_id": 99999}, headers=headers
        ).status_code
        == 404
    )
    assert client.get(f"{RUNS}/{run['id']}/explain", headers=headers).status_code == 422


def test_explain_reads_the_run_not_what_changed_since(client, auth_headers, org, session) -> None:
    pair = (min(org["senior"], org["young"]), max(org["senior"], org["young"]))
    conflict = Conflict(person_a_id=pair[0], person_b_id=pair[1], reason="亲属关系")
    session.add(conflict)
    session.commit()
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()

    def explained(mentee: int) -> dict[int, dict]:
        rows = client.get(
            f"{RUNS}/{run['id']}/explain", params={"mentee_id": mentee}, headers=headers
        ).json()
        return {r["mentor_id"]: r for r in rows}

    before = {m: explained(org[m]) for m in ("young", "young2")}
    assert before["young"][org["senior"]]["rule"] == "conflict"
    candidate = before["young2"][org["senior"]]
    assert candidate["eligible"] and candidate["score"] is not None
    # After the run: the conflict is withdrawn, a new one declared, the mentor retires.
    session.delete(conflict)
    pair2 = (min(org["senior"], org["young2"]), max(org["senior"], org["young2"]))
    session.add(Conflict(person_a_id=pair2[0], person_b_id=pair2[1], reason="同学关系"))
    session.get(Person, org["senior"]).active = False
    session.commit()
    assert {m: explained(org[m]) for m in ("young", "young2")} == before


def test_why_not_names_the_mentees_who_took_the_slots(client, auth_headers, org, session) -> None:
    # One strong mentor with one slot; two mentees; only one of them has another mentor.
    session.get(Person, org["senior"]).mentor_capacity = 1
    session.get(Person, org["senior2"]).active = False
    extra = _add_people(session, org, [("weak", "civil", 1, 3, 2)])  # a barely senior mentor
    session.add(
        Conflict(
            person_a_id=min(extra["weak"], org["young2"]),
            person_b_id=max(extra["weak"], org["young2"]),
            reason="同一案件",
        )
    )
    session.commit()
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    proposals = {
        p["mentee_id"]: p["mentor_id"]
        for p in client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()
    }
    assert proposals == {org["young2"]: org["senior"], org["young"]: extra["weak"]}
    score = {
        (c["mentee_id"], c["mentor_id"]): c["score"]
        for c in fetch_all(client, f"{RUNS}/{run['id']}/candidates", headers)
    }
    for mentor_id in (None, org["senior"]):  # in the list and asked for by name: the same
        params = {"mentee_id": org["young"]} | ({"mentor_id": mentor_id} if mentor_id else {})
        rows = client.get(f"{RUNS}/{run['id']}/explain", params=params, headers=headers).json()
        senior = next(r for r in rows if r["mentor_id"] == org["senior"])
        # Forcing young onto the senior leaves young2, who has no other mentor, unmatched.
        assert senior["why_not"].startswith("fewer_matched")
        assert "fewer alternatives" not in senior["why_not"]
        assert senior["slots_went_to"] == [org["young2"]] and senior["free_slots"] == 1
        forced = senior["forced"]
        assert forced["matched_change"] == -1 and forced["matched"] == 1
        assert [
            (m["mentee_id"], m["from_mentor_id"], m["to_mentor_id"]) for m in forced["moves"]
        ] == [
            (org["young"], extra["weak"], org["senior"]),
            (org["young2"], org["senior"], None),
        ]
        assert forced["moves"][1]["mentee_name"] and forced["moves"][1]["to_mentor_name"] is None
        change = (
            score[(org["young"], org["senior"])]
            - score[(org["young"], extra["weak"])]
            - score[(org["young2"], org["senior"])]
        )
        assert abs(forced["score_change"] - change) < 1e-12
        assert abs(forced["total_score"] - score[(org["young"], org["senior"])]) < 1e-12


def test_dry_run_stores_nothing_and_diffs(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    dry = client.post(RUNS, json={"link": "1-2", "dry_run": True}, headers=headers)
    assert dry.status_code == 200 and dry.json()["id"] is None
    assert (
        dry.json()["diff"]["against_run_id"] is None and dry.json()["diff"]["matched_change"] == 2
    )
    stored = client.post(RUNS, json={"link": "1-2"}, headers=headers).json()
    same = client.post(RUNS, json={"link": "1-2", "dry_run": True}, headers=headers).json()
    # Deterministic: the same data and parameters give the same answer.
    assert same["diff"]["gained"] == same["diff"]["lost"] == []
    assert same["objective"] == stored["objective"]
    again = client.post(
        RUNS,
        json={"link": "1-2", "dry_run": True, "weights": {"org_proximity": 0}},
        headers=headers,
    ).json()
    assert again["diff"]["against_run_id"] == stored["id"]
    assert again["weights"]["org_proximity"] == 0
    audit = client.get(
        "/api/v1/audit", params={"entity": "matching_run"}, headers=auth_headers["admin"]
    ).json()
    assert len(audit) == 1  # the dry runs left no trace


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"link": "1-3"}, "link"),
        ({"link": "1-2", "weights": {"luck": 1}}, "weights"),
        ({"link": "1-2", "weights": {"skill_fit": -1}}, "weights"),
        ({"link": "1-2", "unit_ids": [9999]}, "unit_ids"),
        ({"link": "1-2", "cross_unit": "maybe"}, "cross_unit"),
    ],
)
def test_bad_run_requests_are_422(client, auth_headers, org, body, field) -> None:
    response = client.post(RUNS, json=body, headers=auth_headers["planner"])
    assert response.status_code == 422, response.text
    assert field in [str(p) for p in response.json()["detail"][0]["loc"]]


def test_review_accept_reject_supersede(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    first, second = client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()
    accepted = client.post(f"/api/v1/proposals/{first['id']}/accept", headers=headers)
    assert accepted.status_code == 201 and accepted.json()["status"] == "active"
    assert accepted.json()["mentee_id"] == first["mentee_id"] and accepted.json()["link"] == "1-2"
    assert (
        client.post(f"/api/v1/proposals/{first['id']}/accept", headers=headers).status_code == 409
    )
    assert (
        client.post(
            f"/api/v1/proposals/{second['id']}/reject", json={}, headers=headers
        ).status_code
        == 422
    )
    rejected = client.post(
        f"/api/v1/proposals/{second['id']}/reject", json={"reason": "本人已调岗"}, headers=headers
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert client.post("/api/v1/proposals/99999/accept", headers=headers).status_code == 404
    # A new run on the same scope supersedes what is still open; the accepted mentee is no longer a mentee.
    newer = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    assert client.get(f"{RUNS}/{run['id']}", headers=headers).json()["status"] == "superseded"
    assert {
        p["mentee_id"]
        for p in client.get(f"{RUNS}/{newer['id']}/proposals", headers=headers).json()
    } == {second["mentee_id"]}
    events = [
        e["action"] for e in client.get("/api/v1/audit", headers=auth_headers["admin"]).json()
    ]
    assert (
        events.count("proposal.accept") == 1
        and events.count("proposal.reject") == 1
        and "pairing.create" in events
    )


def test_bulk_decisions_report_each_outcome(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    ids = [p["id"] for p in client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()]
    outcome = client.post(
        "/api/v1/proposals/bulk",
        json={"proposal_ids": [*ids, 99999], "action": "accept"},
        headers=headers,
    ).json()
    assert [o["ok"] for o in outcome] == [True, True, False]
    assert outcome[2]["rule"] == "NotFound"
    again = client.post(
        "/api/v1/proposals/bulk",
        json={"proposal_ids": ids, "action": "reject", "reason": "x"},
        headers=headers,
    ).json()
    assert {o["rule"] for o in again} == {"proposal_decided"}
    assert (
        client.post(
            "/api/v1/proposals/bulk",
            json={"proposal_ids": ids, "action": "reject"},
            headers=headers,
        ).status_code
        == 422
    )


def test_manual_pairing_rules(client, auth_headers, org, session) -> None:
    headers = auth_headers["planner"]
    url = "/api/v1/pairings"

    def rule(mentor, mentee):  # type: ignore[no-untyped-def]
        response = client.post(
            url, json={"mentor_id": mentor, "mentee_id": mentee}, headers=headers
        )
        return response.status_code, (
            response.json()["detail"].get("rule")
            if response.status_code == 409
            else response.json()
        )

    assert rule(org["senior"], org["clerk"])[1] == "tier"
    assert rule(org["senior"], org["senior"])[1] == "same_person"
    created = client.post(
        url, json={"mentor_id": org["senior2"], "mentee_id": org["young"]}, headers=headers
    )
    assert created.status_code == 201 and created.json()["link"] == "1-2"
    assert rule(org["senior"], org["young"])[1] == "already_paired"
    assert rule(org["senior2"], org["young2"])[0] == 201
    extra = _add_people(session, org, [("x", "civil", 2, 2, 3)])
    assert rule(org["senior2"], extra["x"])[1] == "capacity"
    session.add(
        Conflict(
            person_a_id=min(org["young"], org["clerk"]),
            person_b_id=max(org["young"], org["clerk"]),
            reason="夫妻",
        )
    )
    session.commit()
    assert rule(org["young"], org["clerk"])[1] == "conflict"
    assert (
        rule(org["young"], org["clerk2"])[0] == 201
    )  # 2-3 link, cross-court allowed for manual pairing
    assert (
        client.post(
            url, json={"mentor_id": 99999, "mentee_id": org["young"]}, headers=headers
        ).status_code
        == 404
    )
    mine = client.get("/api/v1/pairings", headers=auth_headers["mentor"]).json()
    assert mine == []  # the mentor account is the senior judge, who has no pairing here
    listed = client.get(
        "/api/v1/pairings", params={"mentor_id": org["senior2"]}, headers=headers
    ).json()
    assert len(listed) == 2


def test_ending_a_pairing(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    pairing = client.post(
        "/api/v1/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"]},
        headers=headers,
    ).json()
    other = client.post(
        "/api/v1/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young2"]},
        headers=headers,
    ).json()
    mentor = auth_headers["mentor"]  # the senior judge
    refused = [
        (other["id"], {"status": "completed"}, 403),  # not this mentor's pairing
        (pairing["id"], {"status": "dissolved"}, 422),  # dissolving needs a reason
    ]
    for pairing_id, body, status in refused:
        answer = client.post(f"/api/v1/pairings/{pairing_id}/end", json=body, headers=mentor)
        assert answer.status_code == status, body
    ended = client.post(
        f"/api/v1/pairings/{pairing['id']}/end",
        json={"status": "completed", "outcome_rating": 5},
        headers=mentor,
    )
    assert (
        ended.status_code == 200
        and ended.json()["status"] == "completed"
        and ended.json()["outcome_rating"] == 5
    )
    assert (
        client.post(
            f"/api/v1/pairings/{pairing['id']}/end", json={"status": "completed"}, headers=headers
        ).status_code
        == 409
    )
    assert (
        client.post(
            f"/api/v1/pairings/{pairing['id']}/end",
            json={"status": "completed", "outcome_rating": 6},
            headers=headers,
        ).status_code
        == 422
    )


def test_mentor_suggestions(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    rows = client.get(
        f"/api/v1/people/{org['young']}/mentor-suggestions",
        params={"link": "1-2", "k": 1},
        headers=headers,
    ).json()
    assert len(rows) == 1 and rows[0]["mentor_id"] in (org["senior"], org["senior2"])
    assert abs(sum(rows[0]["breakdown"].values()) - rows[0]["score"]) < 1e-9
    both = client.get(
        f"/api/v1/people/{org['young']}/mentor-suggestions", params={"link": "1-2"}, headers=headers
    ).json()
    assert [r["score"] for r in both] == sorted((r["score"] for r in both), reverse=True)
    # Same default as a run (RunCreate.cross_unit): the mentee's own court unless asked.
    assert [r["mentor_id"] for r in both] == [org["senior"]]
    wider = client.get(
        f"/api/v1/people/{org['young']}/mentor-suggestions",
        params={"link": "1-2", "cross_unit": "true"},
        headers=headers,
    ).json()
    assert {r["mentor_id"] for r in wider} == {org["senior"], org["senior2"]}
    wrong = client.get(
        f"/api/v1/people/{org['clerk']}/mentor-suggestions", params={"link": "1-2"}, headers=headers
    )
    assert wrong.status_code == 409 and wrong.json()["detail"]["rule"] == "tier"
    assert (
        client.get(
            f"/api/v1/people/{org['young']}/mentor-suggestions",
            params={"link": "9-9"},
            headers=headers,
        ).status_code
        == 422
    )


def test_dissolved_mentee_is_queued_and_gets_the_rematch_bonus(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    pairing = client.post(
        "/api/v1/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"]},
        headers=headers,
    ).json()
    ended = client.post(
        f"/api/v1/pairings/{pairing['id']}/end",
        json={"status": "dissolved", "reason": "导师调任"},
        headers=headers,
    )
    assert ended.status_code == 200
    queue = client.get("/api/v1/rematch-queue", headers=headers).json()
    assert [e["mentee_id"] for e in queue] == [org["young"]]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    proposals = client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()
    bonus = {p["mentee_id"]: p["breakdown"]["rematch"] for p in proposals}
    assert bonus[org["young"]] > 0 and bonus[org["young2"]] == 0
    for p in proposals:
        assert abs(sum(p["breakdown"].values()) - p["score"]) < 1e-9
    rows = client.get(
        f"{RUNS}/{run['id']}/explain", params={"mentee_id": org["young"]}, headers=headers
    ).json()
    chosen = next(r for r in rows if r["chosen"])
    assert chosen["breakdown"]["rematch"] == bonus[org["young"]]
    assert abs(sum(chosen["breakdown"].values()) - chosen["score"]) < 1e-9


def test_a_full_mentor_is_one_rule_in_explanations_and_409s(client, auth_headers, org, session):
    """The explanation names the rule a pairing would break with the same word: capacity."""
    headers = auth_headers["planner"]
    session.get(Person, org["senior2"]).mentor_capacity = 0
    session.commit()
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    rows = client.get(
        f"{RUNS}/{run['id']}/explain", params={"mentee_id": org["young2"]}, headers=headers
    ).json()
    full = next(r for r in rows if r["mentor_id"] == org["senior2"])
    assert (full["eligible"], full["rule"]) == (False, "capacity")
    refused = client.post(
        "/api/v1/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young2"]},
        headers=headers,
    )
    assert refused.status_code == 409 and refused.json()["detail"]["rule"] == full["rule"]
