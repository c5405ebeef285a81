"""Tests of forcing one pair into a run (talent.matching.forcing).

The forced optimum is checked against a brute force over every feasible assignment that
contains the pair (lexicographic: matched count, then the integer-rounded score the
solver compares), and the reported moves are replayed on the base assignment: they must
give a feasible assignment holding the pair with exactly the reported figures.
"""

from __future__ import annotations

import doctest
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.matching import forcing
from talent.matching.assignment import SCALE
from talent.matching.forcing import Move, Problem, apply_moves, force_pair, force_pairs, solve_base


# --- instances and the brute force ---------------------------------------------------------
@st.composite
def forced_instances(draw: st.DrawFn) -> tuple[Problem, int, int]:
    """<= 5 mentees, <= 3 mentors, 0-2 slots, a random candidate subset, and a pair to force."""
    n = draw(st.integers(1, 5))
    m = draw(st.integers(1, 3))
    cells = [(i, j) for i in range(n) for j in range(m)]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, min_size=1, max_size=len(cells)))
    slots = np.array([draw(st.integers(0, 2)) for _ in range(m)], dtype=np.int64)
    forceable = [c for c in chosen if slots[c[1]] > 0]
    if not forceable:
        slots[chosen[0][1]] = 1
        forceable = [chosen[0]]
    ties = draw(st.booleans())
    # Scores above 1 happen (the re-match bonus): the run divides them all by the largest.
    values = st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.2]) if ties else st.floats(0.0, 1.3)
    score = np.array([draw(values) for _ in chosen], dtype=np.float64)
    problem = Problem(
        n,
        m,
        np.array([i for i, _ in chosen], dtype=np.int64),
        np.array([j for _, j in chosen], dtype=np.int64),
        score,
        slots,
    )
    mentee, mentor = draw(st.sampled_from(forceable))
    return problem, mentee, mentor


def brute_force(problem: Problem, mentee: int | None = None, mentor: int | None = None):  # type: ignore[no-untyped-def]
    """Best (matched, integer weight) over every feasible assignment (holding the pair, if given)."""
    factor = max(1.0, float(problem.score.max()))
    weight = np.rint(problem.score / factor * SCALE).astype(np.int64)
    options = []
    for i in range(problem.n_mentees):
        mine = [k for k in range(len(problem.score)) if problem.mentee_idx[k] == i]
        if i == mentee:
            mine = [k for k in mine if problem.mentor_idx[k] == mentor]
            options.append(mine)
        else:
            options.append([None, *mine])
    best = None
    for choice in itertools.product(*options):
        picked = [k for k in choice if k is not None]
        load = np.bincount(problem.mentor_idx[picked], minlength=problem.n_mentors)
        if np.any(load > problem.free_slots):
            continue
        value = (len(picked), int(weight[picked].sum()))
        best = value if best is None else max(best, value)
    return best


def replayed(problem: Problem, base: np.ndarray, forced: forcing.Forced) -> np.ndarray:
    """The reported moves applied to the base, checked against every reported figure."""
    after = apply_moves(base, forced.moves)
    assert np.array_equal(after, forced.mentor_of)
    assert after[forced.mentee] == forced.mentor
    assert problem.feasible(after)
    matched, weight, total = problem.objective(after)
    assert (matched, weight, total) == (forced.matched, forced.weight, forced.total_score)
    base_matched, base_weight, base_total = problem.objective(base)
    assert forced.matched_change == matched - base_matched
    assert forced.weight_change == weight - base_weight
    assert math.isclose(forced.score_change, total - base_total, abs_tol=1e-12)
    # Exactly the mentees whose mentor differs, each once, the forced mentee first.
    if base[forced.mentee] != forced.mentor:
        assert forced.moves[0].mentee == forced.mentee
    elif forced.chain:  # the base holds the pair already: nothing moves
        assert forced.moves == () and (forced.matched_change, forced.weight_change) == (0, 0)
    assert sorted(m.mentee for m in forced.moves) == np.flatnonzero(after != base).tolist()
    return after


def assert_one_chain(forced: forcing.Forced) -> None:
    """Forward from the forced mentee, each mentee leaves the mentor the one before joined;
    then backward, each joins the mentor the one before left."""
    moves = forced.moves
    at = 1
    while at < len(moves) and moves[at].from_mentor == moves[at - 1].to_mentor >= 0:
        at += 1
    if at < len(moves):
        assert moves[at].to_mentor == moves[0].from_mentor >= 0
        for k in range(at + 1, len(moves)):
            assert moves[k].to_mentor == moves[k - 1].from_mentor >= 0


# --- properties ------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(forced_instances())
def test_forced_optimum_matches_brute_force_and_the_moves_replay(case) -> None:  # type: ignore[no-untyped-def]
    problem, mentee, mentor = case
    base = solve_base(problem)
    assert problem.objective(base)[:2] == brute_force(problem)
    forced = force_pair(problem, mentee, mentor, base_mentor_of=base)
    assert (forced.matched, forced.weight) == brute_force(problem, mentee, mentor)
    replayed(problem, base, forced)
    # Against the optimum, forcing never gains, and what is reported is one chain.
    assert forced.chain
    assert (forced.matched_change, forced.weight_change) <= (0, 0)
    assert_one_chain(forced)
    assert forced.base_held_by == tuple(np.flatnonzero(base == mentor).tolist())
    assert forced.base_had_room == (len(forced.base_held_by) < problem.free_slots[mentor])


@settings(max_examples=150, deadline=None)
@given(forced_instances(), st.randoms(use_true_random=False))
def test_any_feasible_base_still_gets_the_forced_optimum(case, random) -> None:  # type: ignore[no-untyped-def]
    """A base that is not optimal (a random feasible one): the figures are still a forced optimum."""
    problem, mentee, mentor = case
    base = np.full(problem.n_mentees, -1, dtype=np.int64)
    load = np.zeros(problem.n_mentors, dtype=np.int64)
    for k in random.sample(range(len(problem.score)), len(problem.score)):
        i, j = int(problem.mentee_idx[k]), int(problem.mentor_idx[k])
        if base[i] < 0 and load[j] < problem.free_slots[j] and random.random() < 0.6:
            base[i], load[j] = j, load[j] + 1
    forced = force_pair(problem, mentee, mentor, base_mentor_of=base)
    assert (forced.matched, forced.weight) == brute_force(problem, mentee, mentor)
    replayed(problem, base, forced)


@settings(max_examples=100, deadline=None)
@given(forced_instances(), st.randoms(use_true_random=False))
def test_the_answer_does_not_depend_on_the_order_of_the_pairs(case, random) -> None:  # type: ignore[no-untyped-def]
    problem, mentee, mentor = case
    order = np.array(random.sample(range(len(problem.score)), len(problem.score)), dtype=np.int64)
    shuffled = Problem(
        problem.n_mentees,
        problem.n_mentors,
        problem.mentee_idx[order],
        problem.mentor_idx[order],
        problem.score[order],
        problem.free_slots,
    )
    base = solve_base(problem)
    first = force_pair(problem, mentee, mentor, base_mentor_of=base)
    again = force_pair(shuffled, mentee, mentor, base_mentor_of=base)
    assert (again.matched, again.weight, again.total_score) == (
        first.matched,
        first.weight,
        first.total_score,
    )
    assert force_pair(problem, mentee, mentor, base_mentor_of=base).moves == first.moves


# --- examples ---------------------------------------------------------------------------------
def chain_problem() -> Problem:
    """Mentees x, y, z, w (0-3); mentors A, B, C, D, E, F (0-5), one slot each.

    The optimum: x-B, y-A, z-C and w on E or F (equal scores). Forcing x onto A moves y
    to D (free); B, left by x, takes z from C, which z likes less.
    """
    pairs = [
        (0, 0, 0.3), (0, 1, 0.9),
        (1, 0, 0.9), (1, 3, 0.4),
        (2, 1, 0.6), (2, 2, 0.5),
        (3, 4, 0.5), (3, 5, 0.5),
    ]  # fmt: skip
    return Problem(
        4,
        6,
        np.array([p[0] for p in pairs]),
        np.array([p[1] for p in pairs]),
        np.array([p[2] for p in pairs]),
        np.ones(6, dtype=np.int64),
    )


def test_a_chain_of_moves_is_reported_in_order() -> None:
    problem = chain_problem()
    base = solve_base(problem)
    assert base[:3].tolist() == [1, 0, 2]
    forced = force_pair(problem, 0, 0, base_mentor_of=base)
    assert forced.moves == (Move(0, 1, 0), Move(1, 0, 3), Move(2, 2, 1))
    assert forced.matched_change == 0 and forced.score_change == pytest.approx(-1.0)
    assert not forced.base_had_room and forced.base_held_by == (1,)


def test_a_tie_broken_the_other_way_elsewhere_is_no_move() -> None:
    # A forced optimum that also swaps w between its two equal mentors: not caused by the
    # forced pair, so not reported.
    problem = chain_problem()
    base = np.array([1, 0, 2, 4])
    other = np.array([0, 3, 1, 5])
    forced = forcing._compare(problem, base, problem.objective(base), other, 0, 0)
    assert forced.chain and [m.mentee for m in forced.moves] == [0, 1, 2]
    assert forced.mentor_of.tolist() == [0, 3, 1, 4]
    assert forced.weight == problem.objective(other)[1]


def test_several_mentors_of_one_mentee_at_once_are_each_forced() -> None:
    rng = np.random.default_rng(7)
    n, m = 12, 5
    mask = rng.random((n, m)) < 0.7
    mentee, mentor = np.nonzero(mask)
    problem = Problem(n, m, mentee, mentor, rng.random(mentee.size), rng.integers(1, 4, m))
    base = solve_base(problem)
    mentors = [int(j) for j in mentor[mentee == 0] if j != base[0]]
    together = force_pairs(problem, 0, mentors, base_mentor_of=base)
    for j, forced in zip(mentors, together, strict=True):
        alone = force_pair(problem, 0, j, base_mentor_of=base)
        assert (alone.matched, alone.weight, alone.moves) == (
            forced.matched,
            forced.weight,
            forced.moves,
        )


def test_refusals() -> None:
    problem = Problem(
        2, 2, np.array([0, 1]), np.array([0, 1]), np.array([0.5, 0.5]), np.array([1, 0])
    )
    with pytest.raises(ValueError, match="not a candidate"):
        force_pair(problem, 0, 1)
    with pytest.raises(ValueError, match="no free slot"):
        force_pair(problem, 1, 1)
    with pytest.raises(ValueError, match="not a feasible"):
        force_pair(problem, 0, 0, base_mentor_of=np.array([1, -1]))


def test_the_module_examples_run() -> None:
    assert doctest.testmod(forcing).failed == 0


def test_forcing_is_pure() -> None:
    from tests.test_layout import GRAPH, PURE, PURE_MAY_IMPORT, third_party_of

    name = "talent.matching.forcing"
    assert sorted(t for t in GRAPH[name] if t not in PURE | PURE_MAY_IMPORT) == []
    assert not third_party_of(name) & {"sqlalchemy", "sqlmodel"}
