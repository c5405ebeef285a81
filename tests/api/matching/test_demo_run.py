"""A run on the demo court system, re-checked from outside with an independent solver.

The test reads only what the API publishes (candidates, capacities, proposals,
unmatched) and recomputes the lexicographic optimum with networkx's
``max_flow_min_cost`` (maximum flow first, then minimum cost): the proposals must reach it.
"""

from __future__ import annotations

import networkx as nx
import pytest
from sqlmodel import Session

from talent.demo.load import REFERENCE_DATE, load_demo
from tests.paging import fetch_all

RUNS = "/api/v1/matching/runs"
SCALE = 1_000_000_000  # integer costs for network simplex: scores rounded to 1e-9


def _independent_optimum(candidates, capacities) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    graph = nx.DiGraph()
    for c in candidates:
        graph.add_edge("s", ("mentee", c["mentee_id"]), capacity=1, weight=0)
        graph.add_edge(
            ("mentee", c["mentee_id"]),
            ("mentor", c["mentor_id"]),
            capacity=1,
            weight=-round(c["score"] * SCALE),
        )
    for mentor, slots in capacities.items():
        if graph.has_node(("mentor", mentor)):
            graph.add_edge(("mentor", mentor), "t", capacity=slots, weight=0)
    flow = nx.max_flow_min_cost(graph, "s", "t")
    matched = sum(flow["s"].values())
    total = sum(
        c["score"]
        for c in candidates
        if flow[("mentee", c["mentee_id"])].get(("mentor", c["mentor_id"]), 0) == 1
    )
    return matched, total


@pytest.mark.parametrize(("link", "cross_unit"), [("1-2", True), ("2-3", False)])
def test_demo_run_is_consistent_and_optimal(client, demo, link, cross_unit) -> None:
    response = client.post(RUNS, json={"link": link, "cross_unit": cross_unit}, headers=demo)
    assert response.status_code == 201, response.text
    run = response.json()
    base = f"{RUNS}/{run['id']}"
    proposals = fetch_all(client, f"{base}/proposals", demo)
    candidates = fetch_all(client, f"{base}/candidates", demo)
    capacities = {
        c["mentor_id"]: c["free_slots"] for c in fetch_all(client, f"{base}/capacities", demo)
    }
    unmatched = fetch_all(client, f"{base}/unmatched", demo)

    assert run["n_proposals"] == len(proposals) > 20
    assert run["n_candidates"] == len(candidates)
    assert run["n_unmatched"] == len(unmatched)
    scores = {(c["mentee_id"], c["mentor_id"]): c["score"] for c in candidates}
    assert len(scores) == len(candidates)  # no duplicate pairs
    # Every proposal is a candidate with its exact score; capacities and one mentor per mentee hold.
    used: dict[int, int] = {}
    for p in proposals:
        assert scores[(p["mentee_id"], p["mentor_id"])] == p["score"]
        used[p["mentor_id"]] = used.get(p["mentor_id"], 0) + 1
    assert all(used[m] <= capacities[m] for m in used)
    assert len({p["mentee_id"] for p in proposals}) == len(proposals)
    # Proposed and unmatched mentees partition the run's mentees.
    assert not {p["mentee_id"] for p in proposals} & {u["mentee_id"] for u in unmatched}
    # The optimum recomputed from candidates and capacities alone.
    matched, best = _independent_optimum(candidates, capacities)
    assert len(proposals) == matched
    assert sum(p["score"] for p in proposals) == pytest.approx(best, abs=1e-6)
    assert run["objective"] == pytest.approx(best, abs=1e-6)


def test_a_run_reports_its_stages_in_order_for_a_progress_bar(engine) -> None:
    from models import Link
    from models.matching_schemas import RunCreate
    from talent.audit import Actor
    from talent.matching import runs

    with Session(engine) as session:
        load_demo(session, scale=1, reference_date=REFERENCE_DATE)
        session.commit()
        seen: list[tuple[str, int, int]] = []
        run = runs.create_run(
            session,
            body=RunCreate(link=Link.senior_young, cross_unit=True),
            actor=Actor(None, "test"),
            progress=lambda stage, done, total: seen.append((stage, done, total)),
        )
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == list(runs.STAGES)
    for stage in stages:
        reports = [(done, total) for s, done, total in seen if s == stage]
        assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1]
        assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    scored = [total for s, _, total in seen if s == "score"]
    assert set(scored) == {run.n_candidates}
