"""The mismatch rule: a pairing dissolved as a mismatch keeps its two people apart for good.

Runs never propose that mentor to that mentee again, the explanation names the rule, and a
pairing by hand answers 409 ``mismatch``; any other dissolve reason leaves the pair free.
"""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in

API = "/api/v1"
RUNS = f"{API}/matching/runs"


def _pair_and_dissolve(client, headers, mentor: int, mentee: int, code: str) -> None:  # type: ignore[no-untyped-def]
    made = client.post(
        f"{API}/pairings", json={"mentor_id": mentor, "mentee_id": mentee}, headers=headers
    )
    assert made.status_code == 201, made.text
    ended = client.post(
        f"{API}/pairings/{made.json()['id']}/dissolve",
        json={"reason_code": code, "reason": "双方沟通后认为不适合继续带教"},
        headers=headers,
    )
    assert ended.status_code == 200, ended.text


def test_a_mismatched_mentor_is_never_proposed_again_and_the_rule_is_named(
    client, auth_headers, org
) -> None:
    headers = auth_headers["planner"]
    _pair_and_dissolve(client, headers, org["senior"], org["young"], "mismatch")

    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    proposals = client.get(f"{RUNS}/{run['id']}/proposals", headers=headers).json()
    mine = [p for p in proposals if p["mentee_id"] == org["young"]]
    # Without the rule 王建国 (same department) would be his best mentor.
    assert [p["mentor_id"] for p in mine] == [org["senior2"]]
    candidates = client.get(f"{RUNS}/{run['id']}/candidates", headers=headers).json()
    assert (org["young"], org["senior"]) not in {
        (c["mentee_id"], c["mentor_id"]) for c in candidates
    }

    rows = client.get(
        f"{RUNS}/{run['id']}/explain", params={"mentee_id": org["young"]}, headers=headers
    ).json()
    row = next(r for r in rows if r["mentor_id"] == org["senior"])
    assert (row["eligible"], row["rule"]) == (False, "mismatch")

    again = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"]},
        headers=headers,
    )
    assert again.status_code == 409
    assert again.json()["detail"]["rule"] == "mismatch"
    assert "王建国" in again.json()["detail"]["message"]


def test_another_dissolve_reason_leaves_the_pair_free(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    _pair_and_dissolve(client, headers, org["senior2"], org["young2"], "seconded")
    again = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior2"], "mentee_id": org["young2"]},
        headers=headers,
    )
    assert again.status_code == 201, again.text


def test_the_explain_page_says_the_rule_in_words(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    _pair_and_dissolve(client, headers, org["senior"], org["young"], "mismatch")
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=headers).json()
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get(f"/matching/runs/{run['id']}/mentees/{org['young']}").text
    assert "不合适规则：二人的结对曾因不合适解除，不再重新结对" in html
