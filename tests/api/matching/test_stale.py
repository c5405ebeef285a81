"""A pairing stales the open proposals it invalidates, in every run: never pending, never accepted."""

from __future__ import annotations

from sqlmodel import select

from models import AuditEvent, Person
from talent.matching.proposals import stale_cause, stale_reason

RUNS = "/api/v1/matching/runs"


def _proposals(client, headers, run_id: int) -> dict[int, dict]:
    rows = client.get(f"{RUNS}/{run_id}/proposals", headers=headers).json()
    return {p["mentee_id"]: p for p in rows}


def _two_runs(client, headers) -> tuple[int, int]:
    """Run A over every court and run B within each court: different scopes, both open."""
    a = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    b = client.post(RUNS, json={"link": "1-2"}, headers=headers).json()
    return a["id"], b["id"]


def test_accepting_in_one_run_stales_the_mentees_proposal_in_another(
    client, auth_headers, org, session
) -> None:
    headers = auth_headers["planner"]
    run_a, run_b = _two_runs(client, headers)
    in_a, in_b = _proposals(client, headers, run_a), _proposals(client, headers, run_b)
    assert in_a[org["young"]]["status"] == in_b[org["young"]]["status"] == "proposed"

    accepted = client.post(f"/api/v1/proposals/{in_b[org['young']]['id']}/accept", headers=headers)
    assert accepted.status_code == 201, accepted.text
    stale = _proposals(client, headers, run_a)[org["young"]]
    assert (stale["status"], stale["reason"]) == ("stale", f"mentee paired in run {run_b}")
    again = client.post(f"/api/v1/proposals/{stale['id']}/accept", headers=headers)
    assert again.status_code == 409
    detail = again.json()["detail"]
    assert (
        detail["rule"] == "proposal_stale"
        and detail["message"] == f"该建议已失效：徒弟已在第 {run_b} 批次中结对"
    )
    # The other mentee's proposal in run A is untouched (the mentor still has room).
    assert _proposals(client, headers, run_a)[org["young2"]]["status"] == "proposed"
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.action == "proposal.stale"))
    assert list(actions) == ["proposal.stale"]


def test_a_mentor_left_full_stales_the_mentors_other_open_proposals(
    client, auth_headers, org, session
) -> None:
    headers = auth_headers["planner"]
    session.get(Person, org["senior"]).mentor_capacity = 1
    session.get(Person, org["senior2"]).active = False
    session.commit()
    run_a = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    proposed = _proposals(client, headers, run_a["id"])
    (mentee,) = [m for m, p in proposed.items() if p["mentor_id"] == org["senior"]]
    other = org["young2"] if mentee == org["young"] else org["young"]
    # By hand, the senior judge takes the mentee run A left without him.
    made = client.post(
        "/api/v1/pairings", json={"mentor_id": org["senior"], "mentee_id": other}, headers=headers
    )
    assert made.status_code == 201, made.text
    stale = _proposals(client, headers, run_a["id"])[mentee]
    assert (stale["status"], stale["reason"]) == ("stale", "mentor full after a pairing by hand")


def test_the_reason_reads_back_for_the_pages() -> None:
    for cause in ("mentee_paired", "mentor_full"):
        for run in (None, 7):
            assert stale_cause(stale_reason(cause, run)) == (cause, run)


def test_runs_are_listed_newest_first_with_what_is_still_open(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    run_a, run_b = _two_runs(client, headers)
    listed = client.get(RUNS, headers=headers).json()
    assert [r["id"] for r in listed] == [run_b, run_a]
    assert {r["id"]: r["n_open"] for r in listed} == {
        run_a: len(_proposals(client, headers, run_a)),
        run_b: len(_proposals(client, headers, run_b)),
    }
    for proposal in _proposals(client, headers, run_b).values():
        client.post(
            f"/api/v1/proposals/{proposal['id']}/reject",
            json={"reason": "另行安排"},
            headers=headers,
        )
    still_open = client.get(RUNS, params={"has_open": "true"}, headers=headers).json()
    decided = client.get(RUNS, params={"has_open": "false"}, headers=headers).json()
    assert [r["id"] for r in still_open] == [run_a] and [r["id"] for r in decided] == [run_b]
    assert client.get(RUNS, params={"link": "2-3"}, headers=headers).json() == []
    assert client.get(RUNS, params={"status": "nonsense"}, headers=headers).status_code == 422
    assert client.get(RUNS, headers=auth_headers["mentor"]).status_code == 403


def test_a_what_if_after_an_accept_lists_no_accepted_pair_as_lost(
    client, auth_headers, org
) -> None:
    headers = auth_headers["planner"]
    run = client.post(RUNS, json={"link": "1-2"}, headers=headers).json()
    young = _proposals(client, headers, run["id"])[org["young"]]
    assert (
        client.post(f"/api/v1/proposals/{young['id']}/accept", headers=headers).status_code == 201
    )
    what_if = client.post(RUNS, json={"link": "1-2", "dry_run": True}, headers=headers).json()
    diff = what_if["diff"]
    assert diff["against_run_id"] == run["id"]
    assert all(pair["mentee_id"] != org["young"] for pair in diff["lost"] + diff["gained"])
    assert (diff["lost"], diff["gained"], diff["matched_change"]) == ([], [], 0)
