"""Why not this mentor, on the demo run: the explanation is the run solved again with the pair forced.

The test reads only what the API publishes (candidates, capacities, proposals) and
re-solves each forced pair with its own solver: scipy's ``linear_sum_assignment`` on the
mentor slots, with a per-match bonus larger than any total score so that the matched
count comes first, on the integer-rounded scores the run's solver compares.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from tests.paging import fetch_all

RUNS = "/api/v1/matching/runs"
SCALE = 1_000_000_000


class Independent:
    """The run's problem from its published data, and forced optima by dense assignment."""

    def __init__(self, candidates: list[dict], capacities: dict[int, int]) -> None:
        self.score = {(c["mentee_id"], c["mentor_id"]): c["score"] for c in candidates}
        factor = max(1.0, max(self.score.values()))
        self.weight = {pair: round(s / factor * SCALE) for pair, s in self.score.items()}
        self.mentees = sorted({m for m, _ in self.score})
        self.capacities = capacities

    def optimum(self, forced: tuple[int, int] | None = None) -> tuple[int, float]:
        """(matched, total score) of the lexicographic optimum (holding ``forced``, if given)."""
        slots = dict(self.capacities)
        mentees = list(self.mentees)
        matched, total = 0, []
        if forced is not None:
            mentees.remove(forced[0])
            slots[forced[1]] -= 1
            matched, total = 1, [self.score[forced]]
        columns = [j for j in sorted(slots) for _ in range(slots[j])]
        bonus = (len(mentees) + 1) * SCALE  # one more match outweighs any score
        gain = np.zeros((len(mentees), len(columns)))
        for r, i in enumerate(mentees):
            for c, j in enumerate(columns):
                if (i, j) in self.weight:
                    gain[r, c] = bonus + self.weight[(i, j)]
        rows, cols = linear_sum_assignment(gain, maximize=True)
        for r, c in zip(rows, cols, strict=True):
            if gain[r, c] > 0:
                matched += 1
                total.append(self.score[(mentees[r], columns[c])])
        return matched, math.fsum(total)


@pytest.fixture
def demo_run(client, demo):  # type: ignore[no-untyped-def]
    run = client.post(RUNS, json={"link": "1-2", "cross_unit": True}, headers=demo).json()
    base = f"{RUNS}/{run['id']}"
    candidates = fetch_all(client, f"{base}/candidates", demo)
    capacities = {
        c["mentor_id"]: c["free_slots"] for c in fetch_all(client, f"{base}/capacities", demo)
    }
    proposals = {p["mentee_id"]: p for p in fetch_all(client, f"{base}/proposals", demo)}
    return run, candidates, capacities, proposals


def test_the_reported_cost_is_the_forced_re_solve_for_20_random_pairs(
    client, demo, demo_run
) -> None:
    run, candidates, capacities, proposals = demo_run
    independent = Independent(candidates, capacities)
    objective = math.fsum(p["score"] for p in proposals.values())
    assert (len(proposals), objective) == pytest.approx(independent.optimum(), abs=1e-9)
    pairs = sorted(
        (c["mentee_id"], c["mentor_id"])
        for c in candidates
        if c["mentor_id"] != proposals.get(c["mentee_id"], {}).get("mentor_id")
    )
    rng = np.random.default_rng(20260514)
    for at in rng.choice(len(pairs), size=20, replace=False):
        mentee, mentor = pairs[at]
        rows = client.get(
            f"{RUNS}/{run['id']}/explain",
            params={"mentee_id": mentee, "mentor_id": mentor},
            headers=demo,
        ).json()
        assert len(rows) == 1 and rows[0]["eligible"] and not rows[0]["chosen"]
        forced = rows[0]["forced"]
        matched, total = independent.optimum((mentee, mentor))
        assert forced["matched"] == matched
        assert forced["matched_change"] == matched - len(proposals)
        assert abs(forced["score_change"] - (total - objective)) <= 1e-9
        assert abs(forced["total_score"] - total) <= 1e-9

        # Replay: the moves turn the proposals into a feasible assignment holding the pair,
        # with the reported figures.
        after = {m: p["mentor_id"] for m, p in proposals.items()}
        assert forced["moves"][0]["mentee_id"] == mentee
        for move in forced["moves"]:
            assert after.get(move["mentee_id"]) == move["from_mentor_id"]
            if move["to_mentor_id"] is None:
                del after[move["mentee_id"]]
            else:
                after[move["mentee_id"]] = move["to_mentor_id"]
        assert after[mentee] == mentor
        load: dict[int, int] = {}
        for j in after.values():
            load[j] = load.get(j, 0) + 1
        assert all(load[j] <= capacities[j] for j in load)
        assert len(after) == forced["matched"]
        assert math.fsum(independent.score[(i, j)] for i, j in after.items()) == pytest.approx(
            forced["total_score"], abs=1e-12
        )
        assert "fewer alternatives" not in rows[0]["why_not"]


def test_every_row_of_the_list_says_what_its_figures_show(client, demo, demo_run) -> None:
    run, _candidates, _capacities, proposals = demo_run
    mentees = sorted(proposals)[::12]
    for mentee in mentees:
        rows = client.get(
            f"{RUNS}/{run['id']}/explain", params={"mentee_id": mentee}, headers=demo
        ).json()
        chosen = next(r for r in rows if r["chosen"])
        for row in rows:
            if not row["eligible"] or row["chosen"]:
                continue
            assert "fewer alternatives" not in row["why_not"]
            forced = row["forced"]  # the demo is small enough for the whole list
            assert forced is not None and forced["moves"][0]["mentee_id"] == mentee
            code = row["why_not"].split(":", 1)[0]
            if forced["matched_change"] < 0:
                assert code == "fewer_matched"
            elif code == "tie":
                assert forced["score_change"] == pytest.approx(0, abs=1e-9)
            elif row["slots_went_to"] is not None:
                assert code == "slots_taken"
                assert len(row["slots_went_to"]) == row["free_slots"]
                assert mentee not in row["slots_went_to"]
                # The chain moves one of the mentees holding the slots out.
                assert forced["moves"][1]["mentee_id"] in row["slots_went_to"]
                assert forced["moves"][1]["from_mentor_id"] == row["mentor_id"]
            else:
                assert code == "lower_score" and row["score"] < chosen["score"]
                assert forced["score_change"] < 0
        # The list and the single-mentor answer agree.
        alternative = next(r for r in rows if r["eligible"] and not r["chosen"])
        alone = client.get(
            f"{RUNS}/{run['id']}/explain",
            params={"mentee_id": mentee, "mentor_id": alternative["mentor_id"]},
            headers=demo,
        ).json()
        assert alone == [alternative]
