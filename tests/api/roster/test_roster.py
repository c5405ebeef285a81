"""The roster endpoints: units, skills, people (with their skills and who may read them),
conflicts, and inputs the database could not hold."""

from __future__ import annotations

import pytest


def test_units(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    response = client.post(
        "/api/v1/units",
        json={"name": "执行局", "kind": "department", "parent_id": org["court"]},
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["kind"] == "department"
    again = client.post(
        "/api/v1/units",
        json={"name": "执行局", "kind": "department", "parent_id": org["court"]},
        headers=headers,
    )
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "duplicate_unit"
    bad_kind = client.post("/api/v1/units", json={"name": "x", "kind": "ministry"}, headers=headers)
    assert bad_kind.status_code == 422 and bad_kind.json()["detail"][0]["loc"] == ["body", "kind"]
    orphan = client.post(
        "/api/v1/units",
        json={"name": "x", "kind": "department", "parent_id": 9999},
        headers=headers,
    )
    assert orphan.status_code == 404
    rootless = client.post(
        "/api/v1/units", json={"name": "x", "kind": "department"}, headers=headers
    )
    assert rootless.status_code == 409 and rootless.json()["detail"]["rule"] == "unit_tree"
    names = [u["name"] for u in client.get("/api/v1/units", headers=auth_headers["mentor"]).json()]
    assert "执行局" in names and "乌海市中级人民法院" in names


def test_skills_and_relations(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    body = {
        "code": "commercial_trial",
        "name": "商事审判",
        "name_en": "Commercial trials",
        "parent_code": "civil_trial",
    }
    created = client.post("/api/v1/skills", json=body, headers=headers)
    assert created.status_code == 201 and created.json()["parent_code"] == "civil_trial"
    assert client.post("/api/v1/skills", json=body, headers=headers).status_code == 409
    assert (
        client.post(
            "/api/v1/skills", json={**body, "code": "bad code!"}, headers=headers
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/api/v1/skills", json={**body, "code": "x", "parent_code": "nope"}, headers=headers
        ).status_code
        == 404
    )
    relation = {"a": "civil_trial", "b": "commercial_trial", "weight": 0.8}
    assert (
        client.post("/api/v1/skills/relations", json=relation, headers=headers).status_code == 201
    )
    reverse = {"a": "commercial_trial", "b": "civil_trial", "weight": 0.5}
    assert client.post("/api/v1/skills/relations", json=reverse, headers=headers).status_code == 409
    heavy = client.post(
        "/api/v1/skills/relations", json={**relation, "weight": 1.5}, headers=headers
    )
    assert heavy.status_code == 422 and heavy.json()["detail"][0]["loc"][-1] == "weight"
    assert (
        client.post(
            "/api/v1/skills/relations",
            json={"a": "civil_trial", "b": "nope", "weight": 0.2},
            headers=headers,
        ).status_code
        == 404
    )
    listed = client.get("/api/v1/skills/relations", headers=headers).json()
    assert listed[0]["weight"] == 0.8


def test_people_create_list_get_patch(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    body = {
        "staff_no": "Y900",
        "name": "孙丽",
        "unit_id": org["filing"],
        "tier": 2,
        "gender": "female",
        "birth_date": "1995-05-04",
        "hire_date": "2019-08-01",
        "expertise": "擅长立案审查",
        "goals": "提升调解能力",
    }
    response = client.post("/api/v1/people", json=body, headers=headers)
    assert response.status_code == 201
    person = response.json()
    assert person["mentor_capacity"] == 2  # the tier-2 default
    assert (
        client.post("/api/v1/people", json=body, headers=headers).json()["detail"]["rule"]
        == "duplicate_staff_no"
    )
    by_unit = client.get(
        "/api/v1/people", params={"unit_id": org["court"], "tier": 2}, headers=headers
    ).json()
    # A court is itself and its departments; the district court comes in only when asked.
    assert {p["staff_no"] for p in by_unit} == {"Y001", "Y900"}
    city = client.get(
        "/api/v1/people",
        params={"unit_id": org["court"], "tier": 2, "include_subordinate_courts": True},
        headers=headers,
    ).json()
    assert {p["staff_no"] for p in city} == {"Y001", "Y002", "Y900"}
    by_district = client.get(
        "/api/v1/people", params={"unit_id": org["district"]}, headers=headers
    ).json()
    assert {p["staff_no"] for p in by_district} == {"S002", "Y002"}
    assert [
        p["name"] for p in client.get("/api/v1/people", params={"q": "孙"}, headers=headers).json()
    ] == ["孙丽"]
    page = client.get("/api/v1/people", params={"limit": 2, "offset": 2}, headers=headers).json()
    assert [p["staff_no"] for p in page] == ["Y001", "Y002"]
    patched = client.patch(
        f"/api/v1/people/{person['id']}", json={"position": "法官助理", "tier": 3}, headers=headers
    )
    assert (
        patched.status_code == 200
        and patched.json()["position"] == "法官助理"
        and patched.json()["tier"] == 3
    )
    detail = client.get(f"/api/v1/people/{person['id']}", headers=auth_headers["reviewer"]).json()
    assert detail["skills"] == [] and detail["tier"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tier": 4}, "tier"),
        ({"staff_no": ""}, "staff_no"),
        ({"unit_id": "abc"}, "unit_id"),
        ({"birth_date": "1990-13-01"}, "birth_date"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"gender": "other"}, "gender"),
        ({"mentor_capacity": -1}, "mentor_capacity"),
        ({"nickname": "x"}, "nickname"),
    ],
)
def test_people_422_names_the_field(client, auth_headers, org, body, field) -> None:
    base = {"staff_no": "N1", "name": "新人", "unit_id": org["civil"], "tier": 3}
    response = client.post("/api/v1/people", json={**base, **body}, headers=auth_headers["planner"])
    assert response.status_code == 422
    assert field in [str(part) for part in response.json()["detail"][0]["loc"]]


def test_people_errors(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    assert (
        client.post(
            "/api/v1/people",
            json={"staff_no": "N2", "name": "x", "unit_id": 9999, "tier": 2},
            headers=headers,
        ).status_code
        == 404
    )
    assert client.get("/api/v1/people/9999", headers=headers).status_code == 404
    assert (
        client.patch("/api/v1/people/9999", json={"name": "x"}, headers=headers).status_code == 404
    )
    assert (
        client.patch(
            f"/api/v1/people/{org['young']}", json={"staff_no": "S001"}, headers=headers
        ).status_code
        == 409
    )
    null_name = client.patch(f"/api/v1/people/{org['young']}", json={"name": None}, headers=headers)
    assert null_name.status_code == 422 and null_name.json()["detail"][0]["loc"][-1] == "name"
    backwards = client.patch(
        f"/api/v1/people/{org['young']}", json={"hire_date": "1970-01-01"}, headers=headers
    )
    assert backwards.status_code == 422
    assert client.get("/api/v1/people", params={"limit": 501}, headers=headers).status_code == 422
    assert (
        client.get("/api/v1/people", params={"limit": "many"}, headers=headers).status_code == 422
    )
    assert client.get("/api/v1/people", params={"offset": -1}, headers=headers).status_code == 422


def test_malformed_json_is_422_not_500(client, auth_headers) -> None:
    headers = {**auth_headers["planner"], "Content-Type": "application/json"}
    for raw in (
        b"{",
        b"[]",
        b"null",
        b'{"staff_no": 5}',
        '{"name": "\u0000"}'.encode(),
        b"\xff\xfe",
    ):
        response = client.post("/api/v1/people", content=raw, headers=headers)
        assert response.status_code == 422, raw


def test_mentor_reads_self_and_own_mentees_only(client, auth_headers, org, session) -> None:
    from datetime import date

    from models import Pairing

    headers = auth_headers["mentor"]  # the senior judge of ``org``
    assert client.get(f"/api/v1/people/{org['senior']}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/people/{org['young']}", headers=headers).status_code == 403
    session.add(
        Pairing(
            mentor_id=org["senior"], mentee_id=org["young"], link="1-2", start_date=date(2026, 1, 5)
        )
    )
    session.commit()
    assert client.get(f"/api/v1/people/{org['young']}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/people/{org['young2']}", headers=headers).status_code == 403
    assert client.get("/api/v1/people", headers=headers).status_code == 403


def test_put_skills(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    url = f"/api/v1/people/{org['young']}/skills"
    body = [
        {"skill_code": "civil_trial", "level": 2, "target_level": 4},
        {"skill_code": "mediation", "level": 1},
    ]
    response = client.put(url, json=body, headers=headers)
    assert response.status_code == 200
    assert [(s["skill_code"], s["level"], s["target_level"]) for s in response.json()] == [
        ("civil_trial", 2, 4),
        ("mediation", 1, None),
    ]
    replaced = client.put(
        url, json=[{"skill_code": "mediation", "level": 3}], headers=headers
    ).json()
    assert [s["skill_code"] for s in replaced] == ["mediation"]
    unknown = client.put(url, json=[{"skill_code": "astrology", "level": 3}], headers=headers)
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == [
        "body",
        "[0]",
        "skill_code",
    ]
    assert (
        client.put(url, json=[{"skill_code": "mediation", "level": 6}], headers=headers).status_code
        == 422
    )
    twice = [{"skill_code": "mediation", "level": 1}, {"skill_code": "mediation", "level": 2}]
    assert client.put(url, json=twice, headers=headers).status_code == 422
    assert client.put("/api/v1/people/9999/skills", json=[], headers=headers).status_code == 404
    detail = client.get(f"/api/v1/people/{org['young']}", headers=headers).json()
    assert [s["skill_code"] for s in detail["skills"]] == [
        "mediation"
    ]  # failed PUTs changed nothing


def test_conflicts(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    body = {"person_a": org["young"], "person_b": org["senior"], "reason": "夫妻关系"}
    created = client.post("/api/v1/conflicts", json=body, headers=headers)
    assert created.status_code == 201
    assert (created.json()["person_a"], created.json()["person_b"]) == (org["senior"], org["young"])
    swapped = {**body, "person_a": org["senior"], "person_b": org["young"]}
    assert client.post("/api/v1/conflicts", json=swapped, headers=headers).status_code == 409
    assert (
        client.post(
            "/api/v1/conflicts", json={**body, "person_b": 9999}, headers=headers
        ).status_code
        == 404
    )
    same = client.post(
        "/api/v1/conflicts", json={**body, "person_b": org["young"]}, headers=headers
    )
    assert same.status_code == 422
    assert (
        client.post("/api/v1/conflicts", json={**body, "reason": ""}, headers=headers).status_code
        == 422
    )
    listed = client.get(
        "/api/v1/conflicts", params={"person_id": org["young"]}, headers=headers
    ).json()
    assert len(listed) == 1


def test_values_the_database_cannot_hold_are_422_not_500(client, auth_headers, org) -> None:
    headers = auth_headers["planner"]
    huge = 2**40
    assert client.get(f"/api/v1/people/{huge}", headers=headers).status_code in (404, 422)
    response = client.patch(
        f"/api/v1/people/{org['young']}", json={"unit_id": huge}, headers=headers
    )
    assert response.status_code in (404, 422)
    nul = client.patch(
        f"/api/v1/people/{org['young']}", json={"position": "法官\u0000"}, headers=headers
    )
    assert nul.status_code in (200, 422)
