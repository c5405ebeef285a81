"""The skills graph on a small hand-built court system, and proximity invariants."""

from __future__ import annotations

import itertools
import json

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.errors import NotFound
from talent.matching.graph import (
    HoldingRow,
    PairingRow,
    PersonRow,
    RelationRow,
    SkillRow,
    UnitRow,
    build_graph,
    chain_stats,
    graph_payload,
    mentoring_tree,
    skill_coverage,
    skill_coverage_by_skill,
    skill_proximity,
)

# Intermediate court 1 with departments 2 (civil) and 3 (enforcement); basic court 4
# under it with department 5 (case filing).
UNITS = [
    UnitRow(1, "乌海市中级人民法院", "intermediate_court", None),
    UnitRow(2, "民一庭", "department", 1),
    UnitRow(3, "执行局", "department", 1),
    UnitRow(4, "海勃湾区人民法院", "basic_court", 1),
    UnitRow(5, "立案庭", "department", 4),
]
A, B, C = 10, 11, 12  # senior judges; C has left (inactive)
X, Y, Z, W, V = 20, 21, 22, 23, 24  # young staff
K1, K2, K3, K4 = 30, 31, 32, 33  # clerks; K3 has left
PEOPLE = [
    PersonRow(A, "甲", 2, 1, True),
    PersonRow(B, "乙", 3, 1, True),
    PersonRow(C, "丙", 2, 1, False),
    PersonRow(X, "丁", 2, 2, True),
    PersonRow(Y, "戊", 2, 2, True),
    PersonRow(Z, "己", 3, 2, True),
    PersonRow(W, "庚", 5, 2, True),
    PersonRow(V, "辛", 2, 2, True),
    PersonRow(K1, "壬", 2, 3, True),
    PersonRow(K2, "癸", 3, 3, True),
    PersonRow(K3, "子", 5, 3, False),
    PersonRow(K4, "丑", 5, 3, True),
]
TRIAL, CIVIL, COMMERCIAL, ENFORCEMENT, MEDIATION = 100, 101, 102, 103, 104
SKILLS = [
    SkillRow(TRIAL, "trial", "审判", None),
    SkillRow(CIVIL, "civil", "民事审判", TRIAL),
    SkillRow(COMMERCIAL, "commercial", "商事审判", TRIAL),
    SkillRow(ENFORCEMENT, "enforcement", "执行", None),
    SkillRow(MEDIATION, "mediation", "调解", None),
]
RELATIONS = [RelationRow(CIVIL, COMMERCIAL, 0.7), RelationRow(ENFORCEMENT, MEDIATION, 0.4)]
HOLDINGS = [
    HoldingRow(A, CIVIL, 5, None),
    HoldingRow(X, CIVIL, 3, None),
    HoldingRow(Y, CIVIL, 2, 4),
    HoldingRow(K1, CIVIL, 1, 3),
    HoldingRow(B, ENFORCEMENT, 5, None),
    HoldingRow(Z, ENFORCEMENT, 3, None),
    HoldingRow(K2, ENFORCEMENT, 0, 2),
    HoldingRow(C, MEDIATION, 5, None),
    HoldingRow(W, MEDIATION, 3, None),
    HoldingRow(K4, MEDIATION, 1, None),
    HoldingRow(V, COMMERCIAL, 0, None),
]
PAIRINGS = [
    PairingRow(A, X, "1-2"),
    PairingRow(A, Y, "1-2"),
    PairingRow(C, V, "1-2"),
    PairingRow(B, W, "1-2"),  # across courts (secondment)
    PairingRow(X, K1, "2-3"),
    PairingRow(Z, K2, "2-3"),
    PairingRow(W, K3, "2-3"),
    PairingRow(W, K4, "2-3"),
]


@pytest.fixture(scope="module")
def court() -> nx.MultiDiGraph:
    return build_graph(UNITS, PEOPLE, SKILLS, HOLDINGS, RELATIONS, PAIRINGS)


# --- the graph ---------------------------------------------------------------------------
def test_graph_has_every_row_as_node_or_edge(court: nx.MultiDiGraph) -> None:
    kinds = [data["kind"] for _, data in court.nodes(data=True)]
    assert kinds.count("unit") == len(UNITS)
    assert kinds.count("person") == len(PEOPLE)
    assert kinds.count("skill") == len(SKILLS)
    edges = [data["kind"] for _, _, data in court.edges(data=True)]
    assert edges.count("member") == len(PEOPLE)
    assert edges.count("has_skill") == len(HOLDINGS)
    assert edges.count("related") == len(RELATIONS)
    assert edges.count("mentors") == len(PAIRINGS)
    assert edges.count("part_of") == 4
    assert edges.count("subskill_of") == 2
    assert court.nodes["person:23"]["court_id"] == 4
    assert court.nodes["unit:5"]["court_id"] == 4
    assert court.nodes["unit:4"]["court_id"] == 4
    assert court.nodes["unit:2"]["court_id"] == 1
    assert court.edges["person:11", "person:23", "mentors"]["link"] == "1-2"


def test_build_graph_refuses_dangling_rows() -> None:
    with pytest.raises(ValueError, match="unit:9"):
        build_graph(UNITS, [PersonRow(1, "x", 9, 2, True)], [], [], [], [])
    with pytest.raises(ValueError, match="link"):
        build_graph(UNITS, PEOPLE, [], [], [], [PairingRow(A, K1, "1-3")])
    with pytest.raises(ValueError, match="skill:999"):
        build_graph(UNITS, PEOPLE, SKILLS, [HoldingRow(A, 999, 3, None)], [], [])


# --- chains ------------------------------------------------------------------------------
def ids(tree: dict) -> list:
    return [(child["person"]["id"], child["link"], ids(child)) for child in tree["mentees"]]


def test_mentoring_tree_of_a_senior_judge_is_the_chain(court: nx.MultiDiGraph) -> None:
    tree = mentoring_tree(court, A)
    assert tree["person"]["id"] == A and tree["person"]["tier"] == 1
    assert ids(tree) == [(X, "1-2", [(K1, "2-3", [])]), (Y, "1-2", [])]
    # the clerk who left is not in the tree; the cross-court mentee is
    assert ids(mentoring_tree(court, B)) == [(W, "1-2", [(K4, "2-3", [])])]
    assert ids(mentoring_tree(court, C)) == [], "a judge who left mentors nobody"
    assert ids(mentoring_tree(court, K1)) == []


def test_mentoring_tree_of_an_unknown_person() -> None:
    graph = build_graph(UNITS, PEOPLE, SKILLS, [], [], [])
    with pytest.raises(NotFound):
        mentoring_tree(graph, 999)
    with pytest.raises(NotFound):
        mentoring_tree(graph, 1)  # a unit id is not a person


def test_chain_stats_per_unit(court: nx.MultiDiGraph) -> None:
    rows = {row["unit_id"]: row for row in chain_stats(court)}
    assert [row["unit_id"] for row in chain_stats(court)] == [1, 2, 3, 4, 5]

    def counts(unit: int) -> tuple[int, int, int, int]:
        row = rows[unit]
        return row["tier2"], row["tier2_in_chain"], row["tier3"], row["tier3_in_chain"]

    # civil: X is in a chain (mentor A, mentee K1), Y has no mentee, V's mentor left
    assert counts(2) == (3, 1, 1, 1)
    # enforcement: Z has no 1-2 mentor, so neither Z nor Z's clerk is in a chain
    assert counts(3) == (1, 0, 1, 0)
    # the intermediate court rolls up its departments but not the basic court
    assert counts(1) == (4, 1, 2, 1)
    # basic court: W mentored across courts by B; K3 left, K4 completes the chain
    assert counts(4) == counts(5) == (1, 1, 1, 1)


def test_chain_stats_scoped_to_a_unit(court: nx.MultiDiGraph) -> None:
    assert [row["unit_id"] for row in chain_stats(court, unit_id=4)] == [4, 5]
    assert [row["unit_id"] for row in chain_stats(court, unit_id=3)] == [3]
    with pytest.raises(NotFound):
        chain_stats(court, unit_id=99)


def test_a_chain_breaks_when_the_senior_leaves() -> None:
    people = [p if p.id != A else PersonRow(A, "甲", 2, 1, False) for p in PEOPLE]
    graph = build_graph(UNITS, people, SKILLS, HOLDINGS, RELATIONS, PAIRINGS)
    civil = next(row for row in chain_stats(graph) if row["unit_id"] == 2)
    assert (civil["tier2_in_chain"], civil["tier3_in_chain"]) == (0, 0)


# --- coverage ----------------------------------------------------------------------------
def coverage(graph: nx.MultiDiGraph, **kwargs) -> dict[tuple[int, str], dict]:
    return {(row["unit_id"], row["skill_code"]): row for row in skill_coverage(graph, **kwargs)}


def test_skill_coverage_counts_active_holders_and_flags_risk(court: nx.MultiDiGraph) -> None:
    rows = coverage(court)
    assert rows[2, "civil"]["holder_ids"] == [A, X]
    assert rows[2, "civil"]["people"] == 4
    assert not rows[2, "civil"]["at_risk"]
    assert rows[3, "enforcement"]["holder_ids"] == [B, Z]
    # mediation in the basic court: W only (K4 is below the threshold)
    assert rows[5, "mediation"]["holder_ids"] == [W]
    assert rows[5, "mediation"]["at_risk"]
    assert rows[4, "mediation"] == {**rows[5, "mediation"], **_unit_fields(court, 4)}
    # C left: mediation is not in use in the civil division; V's level 0 without a
    # target does not put commercial trials in use either
    assert (2, "mediation") not in rows and (2, "commercial") not in rows


def _unit_fields(graph: nx.MultiDiGraph, unit: int) -> dict:
    data = graph.nodes[f"unit:{unit}"]
    return {
        "unit_id": unit,
        "unit_name": data["name"],
        "unit_kind": data["unit_kind"],
        "court_id": data["court_id"],
    }


def test_skill_coverage_rolls_departments_up_to_their_court(court: nx.MultiDiGraph) -> None:
    rows = coverage(court)
    assert rows[1, "civil"]["holder_ids"] == [A, X]
    assert rows[1, "enforcement"]["holder_ids"] == [B, Z]
    assert (1, "mediation") not in rows, "the basic court's mediators are not the city's"
    order = [row["unit_id"] for row in skill_coverage(court)]
    assert order == sorted(order, key=[1, 2, 3, 4, 5].index), "courts, then their departments"


def test_skill_coverage_threshold_and_minimum(court: nx.MultiDiGraph) -> None:
    strict = coverage(court, threshold=5)
    assert strict[2, "civil"]["holder_ids"] == [A] and strict[2, "civil"]["at_risk"]
    lenient = coverage(court, min_holders=1)
    assert not lenient[5, "mediation"]["at_risk"]
    assert set(coverage(court, unit_id=3)) == {(3, "enforcement")}


def test_skill_coverage_by_skill_rolls_up_the_whole_scope(court: nx.MultiDiGraph) -> None:
    rows = {row["skill_code"]: row for row in skill_coverage_by_skill(court)}
    # the system as a whole: the basic court's people count too
    assert rows["civil"]["holder_ids"] == [A, X] and not rows["civil"]["at_risk"]
    assert rows["mediation"]["holder_ids"] == [W] and rows["mediation"]["at_risk"]
    # per unit rows say where a skill in use is at risk locally
    per_unit = skill_coverage(court)
    for code, row in rows.items():
        local = [r for r in per_unit if r["skill_code"] == code]
        assert row["units"] == len(local)
        assert row["units_at_risk"] == sorted(r["unit_id"] for r in local if r["at_risk"])
        # everyone counted once: no more people than the sum over the courts
        courts = [r for r in local if r["unit_id"] == r["court_id"]]
        assert row["people"] == sum(r["people"] for r in courts)
    assert rows["mediation"]["units_at_risk"] == [4, 5]
    scoped = {row["skill_code"] for row in skill_coverage_by_skill(court, unit_id=3)}
    assert scoped == {"enforcement"}
    with pytest.raises(NotFound):
        skill_coverage_by_skill(court, unit_id=99)


# --- drawing -----------------------------------------------------------------------------
def test_payload_is_consistent_and_json_ready(court: nx.MultiDiGraph) -> None:
    payload = graph_payload(court)
    node_ids = [node["id"] for node in payload["nodes"]]
    assert len(node_ids) == len(set(node_ids))
    assert "person:12" not in node_ids and "person:32" not in node_ids, "inactive left out"
    assert {"unit:1", "person:10", "skill:101"} <= set(node_ids)
    for link in payload["links"]:
        assert link["source"] in node_ids and link["target"] in node_ids
    skill_link = next(link for link in payload["links"] if link["kind"] == "has_skill")
    assert {"level", "target_level"} <= set(skill_link)
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    assert graph_payload(court) == payload


def test_payload_for_one_court(court: nx.MultiDiGraph) -> None:
    payload = graph_payload(court, unit_id=4)
    node_ids = {node["id"] for node in payload["nodes"]}
    assert node_ids == {"unit:4", "unit:5", "person:23", "person:33", "skill:104"}
    kinds = {(link["source"], link["target"], link["kind"]) for link in payload["links"]}
    assert ("person:23", "person:33", "mentors") in kinds
    assert ("unit:5", "unit:4", "part_of") in kinds
    assert not any(source == "person:11" for source, _, _ in kinds), "B is outside"
    with pytest.raises(NotFound):
        graph_payload(court, unit_id=42)


# --- proximity ---------------------------------------------------------------------------
def test_proximity_on_the_taxonomy_and_relations() -> None:
    p = skill_proximity(SKILLS, RELATIONS)
    at = {skill.id: k for k, skill in enumerate(SKILLS)}
    assert p[at[CIVIL], at[TRIAL]] == pytest.approx(0.5)  # parent
    assert p[at[CIVIL], at[COMMERCIAL]] == pytest.approx(0.7)  # relation beats sibling 0.2
    assert p[at[ENFORCEMENT], at[MEDIATION]] == pytest.approx(0.4)
    assert p[at[CIVIL], at[ENFORCEMENT]] == 0.0
    siblings = skill_proximity(SKILLS, [])
    assert siblings[at[CIVIL], at[COMMERCIAL]] == pytest.approx(0.5 * 0.5 * 0.8)


def test_proximity_decays_along_a_chain_of_relations() -> None:
    skills = [SkillRow(k, f"s{k}", f"s{k}", None) for k in range(4)]
    chain = [RelationRow(0, 1, 0.9), RelationRow(1, 2, 0.5), RelationRow(2, 3, 1.0)]
    p = skill_proximity(skills, chain, decay=0.5)
    assert p[0, 2] == pytest.approx(0.9 * 0.5 * 0.5)
    assert p[0, 3] == pytest.approx(0.9 * 0.5 * 1.0 * 0.5**2)
    assert p[3, 0] == p[0, 3]


def test_proximity_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="not among the skills"):
        skill_proximity(SKILLS, [RelationRow(CIVIL, 999, 0.5)])
    with pytest.raises(ValueError, match="outside"):
        skill_proximity(SKILLS, [RelationRow(CIVIL, COMMERCIAL, 1.5)])
    with pytest.raises(ValueError, match="decay"):
        skill_proximity(SKILLS, [], decay=0.0)


@st.composite
def taxonomies(draw: st.DrawFn) -> tuple[list[SkillRow], list[RelationRow], float, float]:
    n = draw(st.integers(1, 6))
    parents = [draw(st.one_of(st.none(), st.integers(0, k - 1))) if k else None for k in range(n)]
    skills = [SkillRow(k, f"s{k}", f"s{k}", parent) for k, parent in enumerate(parents)]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=8))
    relations = [RelationRow(a, b, draw(st.floats(0, 1))) for a, b in pairs]
    return skills, relations, draw(st.floats(0, 1)), draw(st.floats(0.05, 1))


def brute_force(skills, relations, parent_weight, decay) -> np.ndarray:
    graph = nx.Graph()
    graph.add_nodes_from(range(len(skills)))

    def join(a: int, b: int, w: float) -> None:
        if a != b and w > graph.get_edge_data(a, b, {"w": -1})["w"]:
            graph.add_edge(a, b, w=w)

    for skill in skills:
        if skill.parent_id is not None:
            join(skill.id, skill.parent_id, parent_weight)
    for relation in relations:
        join(relation.a, relation.b, relation.weight)
    best = np.eye(len(skills))
    for s, t in itertools.permutations(range(len(skills)), 2):
        for path in nx.all_simple_paths(graph, s, t):
            value = decay ** (len(path) - 2)
            for u, v in itertools.pairwise(path):
                value *= graph.edges[u, v]["w"]
            best[s, t] = max(best[s, t], value)
    return best


@settings(max_examples=80, deadline=None)
@given(taxonomies())
def test_proximity_is_the_best_path_symmetric_with_unit_diagonal(case) -> None:
    skills, relations, parent_weight, decay = case
    p = skill_proximity(skills, relations, parent_weight=parent_weight, decay=decay)
    assert np.array_equal(p, p.T)
    assert np.all(np.diag(p) == 1.0)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p, brute_force(*case), rtol=1e-12, atol=1e-15)
