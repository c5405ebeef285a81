"""API errors in the request's language: Chinese first, English on Accept-Language: en.

The codes (``rule``, ``loc``, ``type``) are the same in both; only the words change.
"""

from __future__ import annotations

API = "/api/v1"
EN = {"Accept-Language": "en-US,en;q=0.9"}


def test_a_rule_violation_names_the_people_in_chinese_and_in_english(
    client, auth_headers, org
) -> None:
    headers = auth_headers["planner"]
    body = {"mentor_id": org["senior"], "mentee_id": org["young"]}
    assert client.post(f"{API}/pairings", json=body, headers=headers).status_code == 201
    again = client.post(f"{API}/pairings", json=body, headers=headers)
    assert again.status_code == 409
    zh = again.json()["detail"]
    assert zh["rule"] == "already_paired"
    assert zh["message"] == "已结对规则：张伟在 1-2 链条上已有进行中的结对"
    en = client.post(f"{API}/pairings", json=body, headers={**headers, **EN}).json()["detail"]
    assert en["rule"] == "already_paired" and en["message"].startswith("already-paired rule")
    assert "张伟" in en["message"]


def test_not_found_and_rules_without_particulars_read_in_chinese(client, auth_headers) -> None:
    headers = auth_headers["planner"]
    missing = client.get(f"{API}/people/999999", headers=headers)
    assert missing.status_code == 404
    assert missing.json()["detail"] == "人员不存在（编号 999999）"
    english = client.get(f"{API}/people/999999", headers={**headers, **EN})
    assert english.json()["detail"] == "person 999999 not found"


def test_schema_errors_name_the_field_in_chinese_and_never_echo_the_input(
    client, auth_headers
) -> None:
    headers = auth_headers["planner"]
    short = client.post(
        f"{API}/matching/runs", json={"link": "1-2", "weights": "heavy"}, headers=headers
    )
    assert short.status_code == 422
    detail = short.json()["detail"][0]
    assert detail["loc"] == ["body", "weights"] and detail["msg"] == "weights：须是对象"
    assert "input" not in detail
    missing = client.post(f"{API}/matching/runs", json={}, headers={**headers, **EN})
    assert missing.json()["detail"][0]["msg"] == "Field required"
    # A lone surrogate pydantic refuses: a clear 422, not a 500 while echoing it back.
    raw = client.post(
        f"{API}/matching/runs",
        content=b'{"link": "\\ud800"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert raw.status_code == 422
    assert raw.json()["detail"][0]["loc"] == ["body", "link"]
