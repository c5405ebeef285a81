"""The skills-graph endpoints on the demo court system, checked against the tables directly."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from models import Person, PersonSkill, Skill

GRAPH = "/api/v1/graph"


def test_system_wide_coverage_per_skill_matches_the_tables(client, demo, engine) -> None:
    response = client.get(f"{GRAPH}/skill-coverage", params={"per": "skill"}, headers=demo)
    assert response.status_code == 200, response.text
    rows = {row["skill_code"]: row for row in response.json()}
    with Session(engine) as session:
        held = session.exec(
            select(Skill.code, PersonSkill.level, PersonSkill.target_level)
            .join(PersonSkill, PersonSkill.skill_id == Skill.id)
            .join(Person, Person.id == PersonSkill.person_id)
            .where(Person.active)
        ).all()
    in_use = Counter(code for code, level, target in held if level > 0 or (target or 0) > 0)
    holders = Counter(code for code, level, _ in held if level >= 3)
    assert set(rows) == set(in_use)
    for code, row in rows.items():
        assert (row["people"], row["holders"]) == (in_use[code], holders[code]), code
        assert row["at_risk"] == (holders[code] < 2)
    per_unit = client.get(f"{GRAPH}/skill-coverage", headers=demo).json()
    assert per_unit and all("unit_id" in row for row in per_unit)
    for code, row in rows.items():
        local = [r for r in per_unit if r["skill_code"] == code and r["at_risk"]]
        assert row["units_at_risk"] == sorted(r["unit_id"] for r in local)


def test_graph_endpoints_answer_and_refuse_bad_input(client, demo) -> None:
    payload = client.get(GRAPH, headers=demo).json()
    node_ids = {node["id"] for node in payload["nodes"]}
    assert payload["links"] and all(
        link["source"] in node_ids and link["target"] in node_ids for link in payload["links"]
    )
    chains = client.get(f"{GRAPH}/chains", headers=demo).json()
    assert any(row["tier3_in_chain"] > 0 for row in chains)
    assert (
        client.get(f"{GRAPH}/skill-coverage", params={"unit_id": 999_999}, headers=demo).status_code
        == 404
    )
    bad = client.get(f"{GRAPH}/skill-coverage", params={"per": "court"}, headers=demo)
    assert bad.status_code == 422 and "per" in bad.text
