"""Tests of the exact assignment (talent.matching.assignment).

Every exact answer is checked three ways: against a brute force or an independent
solver (networkx), against the other methods, and through its own certificate, which
is re-checked here from the prices alone (reduced gains, complementary slackness, zero
duality gap, Konig cover).
"""

from __future__ import annotations

import itertools
import json
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.matching import assignment as matching
from talent.matching.assignment import SCALE, Assignment, greedy, solve

EXACT = ("pricing", "ortools", "scipy", "auto")


# --- instances ---------------------------------------------------------------------------
def random_instance(
    rng: np.random.Generator,
    n: int,
    m: int,
    *,
    density: float = 0.5,
    max_slots: int = 3,
    levels: int | None = None,
) -> tuple:
    """Random candidate pairs; ``levels`` draws scores from a few values (many ties)."""
    mask = rng.random((n, m)) < density
    mentee, mentor = np.nonzero(mask)
    if levels is None:
        score = rng.random(mentee.size)
    else:
        score = rng.integers(0, levels, mentee.size) / max(levels - 1, 1)
    slots = rng.integers(0, max_slots + 1, m)
    return n, m, mentee.astype(np.int64), mentor.astype(np.int64), score, slots


@st.composite
def tiny_instances(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 4))
    cells = [(i, j) for i in range(n) for j in range(m)]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=14)) if cells else []
    ties = draw(st.booleans())
    values = st.sampled_from([0.0, 0.25, 0.5, 1.0]) if ties else st.floats(0.0, 1.0)
    score = np.array([draw(values) for _ in chosen], dtype=np.float64)
    slots = np.array([draw(st.integers(0, 3)) for _ in range(m)], dtype=np.int64)
    mentee = np.array([i for i, _ in chosen], dtype=np.int64)
    mentor = np.array([j for _, j in chosen], dtype=np.int64)
    return n, m, mentee, mentor, score, slots


# --- references --------------------------------------------------------------------------
def brute_force(n, m, mentee, mentor, score, slots) -> tuple[int, int, float]:
    """(max matched, max integer total among those, best float total among those)."""
    weight = np.rint(score * SCALE).astype(np.int64)
    options = [[None] + [p for p in range(mentee.size) if mentee[p] == i] for i in range(n)]
    best = (-1, -1, -1.0)
    for picks in itertools.product(*options):
        used = [p for p in picks if p is not None]
        load = np.bincount(mentor[used], minlength=m) if used else np.zeros(m, int)
        if np.any(load > slots):
            continue
        total = int(weight[used].sum())
        candidate = (len(used), total, math.fsum(score[used]))
        if candidate[:2] > best[:2]:
            best = candidate
        elif candidate[:2] == best[:2]:
            best = (best[0], best[1], max(best[2], candidate[2]))
    return best


def slot_graph(n, m, mentee, mentor, score, slots) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(("e", i) for i in range(n))
    weight = np.rint(score * SCALE).astype(np.int64)
    for p in range(mentee.size):
        for k in range(int(slots[mentor[p]])):
            graph.add_edge(("e", int(mentee[p])), ("s", int(mentor[p]), k), weight=int(weight[p]))
    return graph


def networkx_optimum(instance) -> tuple[int, int]:
    """Max matched and max integer total among those, by networkx's blossom algorithm."""
    graph = slot_graph(*instance)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    total = sum(graph.edges[a, b]["weight"] for a, b in pairs)
    return len(pairs), total


def sequential_greedy(n, m, mentee, mentor, score, slots) -> np.ndarray:
    order = sorted(range(mentee.size), key=lambda p: (-score[p], mentee[p], mentor[p]))
    free, remaining = [True] * n, list(slots)
    mentor_of = np.full(n, -1)
    for p in order:
        i, j = mentee[p], mentor[p]
        if free[i] and remaining[j] > 0:
            free[i] = False
            remaining[j] -= 1
            mentor_of[i] = j
    return mentor_of


# --- invariants --------------------------------------------------------------------------
def assert_feasible(result: Assignment, instance) -> None:
    n, m, mentee, mentor, score, slots = instance
    assert result.mentor_of.shape == (n,) and result.pair_index.shape == (n,)
    assert result.mentor_of.dtype == np.int64 and result.pair_index.dtype == np.int64
    matched = np.flatnonzero(result.mentor_of >= 0)
    assert result.matched == matched.size
    assert np.array_equal(result.pair_index >= 0, result.mentor_of >= 0)
    pairs = result.pair_index[matched]
    # only candidate pairs, and the pair really joins this mentee and that mentor
    assert np.array_equal(mentee[pairs], matched)
    assert np.array_equal(mentor[pairs], result.mentor_of[matched])
    # one mentor per mentee holds by construction of mentor_of; capacities:
    load = np.bincount(result.mentor_of[matched], minlength=m)
    assert np.all(load <= slots)
    assert result.total_score == math.fsum(score[pairs])
    json.dumps(result.certificate)


def assert_certified(result: Assignment, instance) -> None:
    """Re-check the optimality certificate from the prices alone."""
    n, m, mentee, mentor, score, slots = instance
    duals = result.duals
    assert duals is not None
    weight = np.rint(score * SCALE).astype(np.int64)
    u, v, bonus = duals.mentee_price, duals.mentor_price, duals.bonus
    assert u.shape == (n,) and v.shape == (m,)
    assert np.all(u >= 0) and np.all(v >= 0)
    gain = weight + bonus - u[mentee] - v[mentor]
    assert np.all(gain <= 0), "a candidate pair has a positive reduced gain"
    matched = np.flatnonzero(result.mentor_of >= 0)
    chosen = result.pair_index[matched]
    assert np.all(gain[chosen] == 0), "a chosen pair is not tight"
    assert np.all(u[result.mentor_of < 0] == 0)
    load = np.bincount(result.mentor_of[matched], minlength=m)
    assert np.all(v[(load < slots)] == 0)
    dual_objective = int(u.sum()) + int((slots * v).sum()) - matched.size * bonus
    assert dual_objective == int(weight[chosen].sum())
    # Konig: a vertex cover of weight equal to the matched count
    covered = duals.mentee_in_cover[mentee] | duals.mentor_in_cover[mentor]
    assert np.all(covered)
    weight_of_cover = int(duals.mentee_in_cover.sum()) + int(slots[duals.mentor_in_cover].sum())
    assert weight_of_cover == result.matched
    assert result.certificate["max_reduced_gain"] <= 0
    assert result.certificate["duality_gap"] == 0


# --- properties on tiny instances --------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(tiny_instances())
def test_exact_methods_match_brute_force(instance) -> None:
    best_matched, best_total, best_float = brute_force(*instance)
    for method in EXACT:
        result = solve(*instance, method=method)
        assert_feasible(result, instance)
        assert_certified(result, instance)
        assert result.matched == best_matched
        assert result.certificate["total_score_scaled"] == best_total
        # exact for scores rounded to 1e-9: the true total is within K * 1e-9
        assert result.total_score >= best_float - max(best_matched, 1) * 1e-9


@settings(max_examples=100, deadline=None)
@given(tiny_instances())
def test_greedy_is_the_sequential_greedy_and_never_beats_exact(instance) -> None:
    result = greedy(*instance)
    assert_feasible(result, instance)
    assert np.array_equal(result.mentor_of, sequential_greedy(*instance))
    exact = solve(*instance)
    assert result.matched <= exact.matched
    if result.matched == exact.matched:
        assert result.total_score <= exact.total_score + exact.matched * 1e-9


@settings(max_examples=60, deadline=None)
@given(tiny_instances(), st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_answer(instance, random) -> None:
    n, m, mentee, mentor, score, slots = instance
    permutation = np.array(random.sample(range(mentee.size), mentee.size), dtype=np.int64)
    shuffled = (n, m, mentee[permutation], mentor[permutation], score[permutation], slots)
    for method in EXACT:
        first = solve(*instance, method=method)
        again = solve(*instance, method=method)
        other = solve(*shuffled, method=method)
        assert np.array_equal(first.mentor_of, again.mentor_of)
        assert np.array_equal(first.mentor_of, other.mentor_of)
        matched = first.mentor_of >= 0
        assert np.array_equal(permutation[other.pair_index[matched]], first.pair_index[matched])
        assert first.total_score == other.total_score
    assert np.array_equal(greedy(*instance).mentor_of, greedy(*shuffled).mentor_of)


# --- medium instances: independent solvers agree ------------------------------------------
@pytest.mark.parametrize("seed", range(6))
def test_methods_agree_with_networkx(seed: int) -> None:
    rng = np.random.default_rng(seed)
    instance = random_instance(rng, 24, 10, density=0.3, levels=5 if seed % 2 else None)
    matched, total = networkx_optimum(instance)
    for method in EXACT:
        result = solve(*instance, method=method)
        assert_feasible(result, instance)
        assert_certified(result, instance)
        assert (result.matched, result.certificate["total_score_scaled"]) == (matched, total)


@pytest.mark.parametrize("seed", range(4))
def test_methods_agree_on_medium_instances(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n, m = 400, 150
    # Regions on a line so the graph is sparse but connected; few score levels on odd
    # seeds to make many optimal assignments.
    position = np.sort(rng.random(m))
    mentee = np.repeat(np.arange(n), 25)
    start = np.clip(np.searchsorted(position, rng.random(n)) - 12, 0, m - 25)
    mentor = (start[:, None] + np.arange(25)).ravel()
    score = rng.random(mentee.size)
    if seed % 2:
        score = np.round(score * 4) / 4
    slots = rng.integers(0, 4, m)
    instance = (n, m, mentee, mentor, score, slots)
    results = {method: solve(*instance, method=method) for method in EXACT}
    for result in results.values():
        assert_feasible(result, instance)
        assert_certified(result, instance)
    values = {(r.matched, r.certificate["total_score_scaled"]) for r in results.values()}
    assert len(values) == 1
    graph = slot_graph(*instance)
    top = [node for node in graph if node[0] == "e"]
    assert results["auto"].matched == len(nx.bipartite.maximum_matching(graph, top)) // 2


def test_pricing_recovers_from_a_poor_first_restriction(monkeypatch) -> None:
    """With one candidate per side, the first restricted problem misses both the
    maximum cardinality and the best score; augmenting paths and pricing must fix both."""
    monkeypatch.setattr(matching, "_FIRST_PER_MENTEE", 1)
    monkeypatch.setattr(matching, "_FIRST_PER_MENTOR", 1)
    monkeypatch.setattr(matching, "_ADD_PER_MENTEE", 1)
    monkeypatch.setattr(matching, "_ADD_PER_MENTOR", 1)
    monkeypatch.setattr(matching, "_NEAR_TIGHT", (0, 0))
    rng = np.random.default_rng(0)
    instance = random_instance(rng, 120, 40, density=0.25, max_slots=5)
    reference = solve(*instance, method="ortools")
    result = solve(*instance, method="pricing")
    assert_certified(result, instance)
    assert result.certificate["rounds"] > 2
    log = result.certificate["round_log"]
    assert log[0]["matched"] < result.matched and log[0]["augmenting_paths"] > 0
    assert log[-1]["violators"] == 0 and log[-1]["max_reduced_gain"] == 0
    assert (result.matched, result.certificate["total_score_scaled"]) == (
        reference.matched,
        reference.certificate["total_score_scaled"],
    )


def test_pricing_safety_net_solves_the_full_graph(monkeypatch) -> None:
    monkeypatch.setattr(matching, "_FIRST_PER_MENTEE", 1)
    monkeypatch.setattr(matching, "_FIRST_PER_MENTOR", 1)
    monkeypatch.setattr(matching, "_MAX_ROUNDS", 1)
    rng = np.random.default_rng(8)
    instance = random_instance(rng, 60, 20, density=0.4)
    result = solve(*instance, method="pricing")
    assert_certified(result, instance)
    assert result.certificate["rounds"] == 2
    assert result.certificate["restricted_pairs"] == int((instance[5][instance[3]] > 0).sum())


def test_pricing_resolves_only_the_components_that_changed() -> None:
    # Regions on a ring: near-tight pairs split into many components, so later rounds
    # solve again only those that gained a pair, and must still agree with OR-tools.
    rng = np.random.default_rng(0)
    n, m, per = 5000, 2500, 40
    position = np.sort(rng.random(m))
    start = np.searchsorted(position, rng.random(n)) - per // 2
    mentee = np.repeat(np.arange(n), per)
    mentor = np.sort((start[:, None] + np.arange(per)) % m, axis=1).ravel()
    instance = (n, m, mentee, mentor, rng.random(mentee.size), np.full(m, 2))
    result = solve(*instance, method="pricing")
    reference = solve(*instance, method="ortools", certify=False)
    assert_certified(result, instance)
    assert any(r["solved_pairs"] < r["pairs"] for r in result.certificate["round_log"])
    assert (result.matched, result.certificate["total_score_scaled"]) == (
        reference.matched,
        reference.certificate["total_score_scaled"],
    )
    assert reference.duals is None and "max_reduced_gain" not in reference.certificate


def test_neither_side_can_be_filled() -> None:
    # Mentees 0-2 only want mentor 0 (one slot); mentor 1 (two slots) is wanted by
    # mentee 3 alone: two matches at most, leaving mentees and a slot over. scipy's
    # full-matching solver needs the Dulmage-Mendelsohn split here.
    instance = (4, 2, np.array([0, 1, 2, 3]), np.array([0, 0, 0, 1]),
                np.array([0.2, 0.9, 0.4, 0.1]), np.array([1, 2]))  # fmt: skip
    for method in EXACT:
        result = solve(*instance, method=method)
        assert result.mentor_of.tolist() == [-1, 0, -1, 1]
        assert_certified(result, instance)


def test_inputs_are_left_untouched() -> None:
    rng = np.random.default_rng(5)
    instance = random_instance(rng, 30, 12, density=0.4)
    shuffled = np.random.default_rng(6).permutation(instance[2].size)
    instance = (*instance[:2], *(a[shuffled] for a in instance[2:5]), instance[5])
    copies = [np.copy(a) for a in instance[2:]]
    for method in EXACT:
        solve(*instance, method=method)
    greedy(*instance)
    assert all(np.array_equal(a, b) for a, b in zip(instance[2:], copies, strict=True))


# --- the lexicographic objective and rounding --------------------------------------------
def test_cardinality_comes_before_score() -> None:
    # a-0 (0.0), b-0 (1.0), b-1 (0.0): the best score alone matches b with 0; matching
    # both mentees is worth more than the score it costs.
    instance = (2, 2, np.array([0, 1, 1]), np.array([0, 0, 1]), np.array([0.0, 1.0, 0.0]),
                np.array([1, 1]))  # fmt: skip
    for method in EXACT:
        result = solve(*instance, method=method)
        assert result.mentor_of.tolist() == [0, 1]
        assert result.total_score == 0.0
        assert_certified(result, instance)
    assert greedy(*instance).mentor_of.tolist() == [-1, 0]


def test_long_alternating_path_needs_a_large_bonus() -> None:
    # Mentee 0 has mentor 0 (score 0); mentee t >= 1 has mentor t - 1 (score 1) and
    # mentor t (score 0). Matching all k + 1 mentees gives up k of score for one more
    # match, so the per-match bonus in the certificate must be at least k.
    k = 30
    mentee = np.concatenate([[0], np.repeat(np.arange(1, k + 1), 2)])
    mentor = np.concatenate([[0], np.stack([np.arange(k), np.arange(1, k + 1)], 1).ravel()])
    score = np.concatenate([[0.0], np.tile([1.0, 0.0], k)])
    instance = (k + 1, k + 1, mentee, mentor, score, np.ones(k + 1, dtype=np.int64))
    for method in EXACT:
        result = solve(*instance, method=method)
        assert result.matched == k + 1 and result.total_score == 0.0
        assert_certified(result, instance)
        assert result.certificate["bonus"] >= k * SCALE
    assert greedy(*instance).matched == k


def test_scores_closer_than_the_rounding_are_ties() -> None:
    # Two perfect matchings whose true totals differ by 2e-10: below the 1e-9 resolution.
    eps = 1e-10
    instance = (2, 2, np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]),
                np.array([0.5, 0.5 + eps, 0.5 + eps, 0.5 - eps]), np.array([1, 1]))  # fmt: skip
    best_float = 1.0 + 2 * eps  # mentee 0 -> 1, mentee 1 -> 0
    for method in EXACT:
        result = solve(*instance, method=method)
        assert result.matched == 2
        assert result.total_score >= best_float - 2 * 1e-9
        assert result.certificate["total_score_scaled"] == SCALE


def test_a_difference_of_one_unit_is_resolved() -> None:
    unit = 1.0 / SCALE
    instance = (2, 2, np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]),
                np.array([0.5, 0.5 + 3 * unit, 0.5 + 3 * unit, 0.5]), np.array([1, 1]))  # fmt: skip
    for method in EXACT:
        assert solve(*instance, method=method).mentor_of.tolist() == [1, 0]


# --- edge cases --------------------------------------------------------------------------
EMPTY = np.zeros(0, dtype=np.int64)


@pytest.mark.parametrize("method", EXACT)
@pytest.mark.parametrize(("n", "m"), [(0, 0), (3, 0), (0, 2), (3, 2)])
def test_no_pairs(method: str, n: int, m: int) -> None:
    instance = (n, m, EMPTY, EMPTY, np.zeros(0), np.ones(m, dtype=np.int64))
    result = solve(*instance, method=method)
    assert result.matched == 0 and result.total_score == 0.0
    assert np.all(result.mentor_of == -1)
    assert_certified(result, instance)


@pytest.mark.parametrize("method", EXACT)
def test_all_slots_zero(method: str) -> None:
    rng = np.random.default_rng(3)
    n, m, mentee, mentor, score, _ = random_instance(rng, 8, 4, density=0.8)
    instance = (n, m, mentee, mentor, score, np.zeros(m, dtype=np.int64))
    result = solve(*instance, method=method)
    assert result.matched == 0
    assert_certified(result, instance)
    assert greedy(*instance).matched == 0


def test_mentors_without_slots_are_priced_out() -> None:
    # Mentor 0 is everyone's favourite but has no slot.
    instance = (2, 2, np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]),
                np.array([1.0, 0.2, 1.0, 0.3]), np.array([0, 2]))  # fmt: skip
    result = solve(*instance)
    assert result.mentor_of.tolist() == [1, 1]
    assert_certified(result, instance)
    assert result.duals.mentor_price[0] > 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mentee_idx": np.array([0, 5])}, "outside"),
        ({"mentor_idx": np.array([0, -1])}, "outside"),
        ({"score": np.array([0.5, 1.5])}, r"\[0, 1\]"),
        ({"score": np.array([0.5, np.nan])}, "finite"),
        ({"score": np.array([0.5])}, "same length"),
        ({"free_slots": np.array([1, -1])}, "negative"),
        ({"free_slots": np.array([1])}, "free_slots"),
        ({"mentee_idx": np.array([0, 0]), "mentor_idx": np.array([1, 1])}, "more than once"),
        ({"method": "hungarian"}, "unknown method"),
        ({"n_mentees": -1}, "n_mentees"),
    ],
)
def test_invalid_input_is_rejected(change: dict, message: str) -> None:
    arguments = {
        "n_mentees": 2,
        "n_mentors": 2,
        "mentee_idx": np.array([0, 1]),
        "mentor_idx": np.array([0, 1]),
        "score": np.array([0.5, 0.5]),
        "free_slots": np.array([1, 1]),
        **change,
    }
    with pytest.raises(ValueError, match=message):
        solve(**arguments)


# --- domain rules: tiers and conflicts ---------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_tiers_and_conflicts_hold(seed: int) -> None:
    """Candidates follow the chain (tier 1 mentors tier 2, tier 2 mentors tier 3) and
    skip declared conflicts; the assignment never leaves that candidate set."""
    rng = np.random.default_rng(seed)
    people = 30
    tier = rng.integers(1, 4, people)
    conflicts = {tuple(pair) for pair in rng.integers(0, people, (20, 2)).tolist()}
    pairs = [
        (e, r)
        for e in range(people)
        for r in range(people)
        if tier[r] == tier[e] - 1 and (e, r) not in conflicts and (r, e) not in conflicts
        and rng.random() < 0.6
    ]  # fmt: skip
    mentee = np.array([e for e, _ in pairs], dtype=np.int64)
    mentor = np.array([r for _, r in pairs], dtype=np.int64)
    score = rng.random(mentee.size)
    slots = np.where(tier < 3, rng.integers(0, 3, people), 0)
    instance = (people, people, mentee, mentor, score, slots)
    for result in (solve(*instance), greedy(*instance)):
        assert_feasible(result, instance)
        matched = np.flatnonzero(result.mentor_of >= 0)
        assert np.all(tier[result.mentor_of[matched]] == tier[matched] - 1)
        chosen = set(zip(matched.tolist(), result.mentor_of[matched].tolist(), strict=True))
        assert not chosen & conflicts and not {(r, e) for e, r in chosen} & conflicts


# --- helpers with a contract of their own ------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 40)), max_size=60),
    st.integers(1, 4),
)
def test_top_per_group_picks_the_k_best_of_each_group(rows, k) -> None:
    group = np.array([g for g, _ in rows], dtype=np.int64)
    value = np.array([v for _, v in rows], dtype=np.int64)
    expected = sorted(
        p
        for g in set(group.tolist())
        for p in sorted(np.flatnonzero(group == g), key=lambda p: (-value[p], p))[:k]
    )
    # scattered groups take the radix path, sorted groups the segmented one
    assert matching._top_per_group(group, value, k, 6).tolist() == expected
    order = np.argsort(group, kind="stable")
    on_sorted = matching._top_per_group(group[order], value[order], k, 6)
    assert sorted(order[on_sorted].tolist()) == expected
