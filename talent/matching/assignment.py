"""Exact mentor assignment over candidate pairs, with a certificate of optimality.

Given candidate pairs ``(mentee, mentor, score)`` and each mentor's free slots,
:func:`solve` picks at most one mentor per mentee and at most ``free_slots[j]`` mentees
per mentor so that, first, as many mentees as possible are matched and, among all such
assignments, the total score is as large as possible. :func:`greedy` is the obvious
baseline (pairs by descending score, taken while both sides are free), kept to measure
what exactness buys.

Everything here is a pure function of numpy arrays: no database, no HTTP.

Notes
-----
**Formulation.** Mentees ``i``, mentors ``j`` with capacity ``c_j``, candidate pairs
``E`` with scores ``s_ij`` in ``[0, 1]``. A b-matching is ``x_ij`` in ``{0, 1}`` with
``sum_j x_ij <= 1`` and ``sum_i x_ij <= c_j``. The objective is lexicographic: maximise
``|x| = sum x_ij``, then ``s(x) = sum s_ij x_ij`` among the ``x`` with ``|x| = K*``, the
maximum. As a network flow: source ``->`` mentee (capacity 1) ``->`` mentor (capacity
1, cost ``-s_ij``) ``->`` sink (capacity ``c_j``); a maximum flow of minimum cost.

**Rounding, and what "exact" means.** Solvers work on integers
``w_ij = round(s_ij * SCALE)`` with ``SCALE = 10**9``. The assignment returned is
exactly optimal (lexicographically) for ``w``; since ``|s_ij - w_ij / SCALE| <= 0.5e-9``
for every pair, its true total score is within ``K* * 1e-9`` of the true optimum among
maximum-cardinality assignments. Matched count is exact without qualification.
No per-match bonus has to be fixed in advance (one larger than any possible score
difference, ``K * SCALE``, would overflow OR-tools' internally scaled 64-bit costs at
100,000 mentees): the cardinality stage is solved as a maximum flow, and the dual of
the fixed-cardinality problem yields the bonus ``B`` below, as large as the instance
needs (tests build one that needs ``B >= K``).

**Certificate** (LP duality for the transportation problem with a cardinality row).
For ``max w.x`` subject to the mentee rows ``<= 1``, mentor rows ``<= c_j`` and
``sum x = K``, the dual is: mentee prices ``u_i >= 0``, mentor prices ``v_j >= 0`` and a
free per-match bonus ``B`` with reduced gain::

    r_ij = w_ij + B - u_i - v_j <= 0        for every candidate pair (i, j)

A matching ``x`` with ``|x| = K`` is optimal among matchings of that size if such prices
exist with complementary slackness: ``r_ij = 0`` on chosen pairs, ``u_i = 0`` for
unmatched mentees, ``v_j = 0`` for mentors with a free slot; then
``sum u + sum c_j v_j - K B = w(x)`` (zero duality gap). Equivalently ``x`` maximises
``(w + B).y`` over *all* matchings ``y``: ``B`` is the per-match bonus the data call for.
That ``K`` is the maximum ``K*`` is proved separately by Konig's theorem: a vertex cover
(a set of mentees and mentors touching every candidate pair) of weight
``|mentees in it| + sum of c_j over mentors in it = K``. :class:`Duals` carries both
(prices in units of ``1 / SCALE``); the test suite re-checks them from scratch.

**Methods.**

- ``"ortools"``: OR-tools' ``SimpleMinCostFlow.solve_max_flow_with_min_cost`` on the
  whole candidate graph (a cost-scaling push-relabel maximum flow of minimum cost).
- ``"scipy"``: scipy's sparse LAPJV (``min_weight_full_bipartite_matching``) on mentor
  slots. A full matching need not exist, so a Hopcroft-Karp maximum matching and a
  Konig cover first split the graph (as in the Dulmage-Mendelsohn decomposition) into
  a part whose mentors are full in every maximum matching and a part whose mentees are
  all matched in every one; each part is a full rectangular assignment. A reference,
  not for production: scipy's Hopcroft-Karp, which ``min_weight_full_bipartite_matching``
  also runs as a feasibility check, can take exponential time when identical slot
  columns multiply the alternating paths (scipy issue 26147; seen to hang on a
  1,867 x 1,189 windowed instance with mixed capacities).
- ``"pricing"``: restricted solve, then certify on the full graph (column generation).
  Round 0 solves with OR-tools on each mentee's 8 best candidates. Every round then
  computes prices for the restricted problem (longest paths in its difference-constraint
  graph, i.e. the node potentials of the optimal flow, see :func:`_potentials`) and
  prices out every candidate pair in one vectorised pass. If a pair has a positive
  reduced gain, or the matching is not yet of maximum cardinality (then the augmenting
  paths found are added), the restricted problem is extended and solved again. The
  first two extensions rebuild it around the current matching from the pairs within a
  band of being tight (0.03, then 0.005; the best 6 per mentee and 10 per mentor), so it
  stays small; later ones only add the best violators, and only the connected
  components of the restricted graph that gained a pair are solved again (components
  are independent problems, and near-tight graphs split into thousands of them). Once
  it only grows, the restricted set grows strictly every round, so the loop ends; a
  safety net solves the full graph after 60 rounds. The answer is exact and carries
  the prices that prove it.
- ``"auto"``: what the benchmark (``benchmarks/matching.py``) measured fastest; see
  :data:`AUTO_METHOD` for the figures.

**Determinism.** Pairs are put in (mentee, mentor) order before anything else, every
sort is stable or on unique keys, and the solvers are single-threaded; the same
candidate set gives the same assignment whatever the order of the input arrays. Among
several optimal assignments, the one returned is the first the method reaches on that
canonical order (OR-tools and pricing agree on the optimum's value, not necessarily
on which of several equal-valued assignments it is). ``greedy`` breaks score ties by
mentee index, then mentor index.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    connected_components,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)

__all__ = [
    "AUTO_METHOD",
    "METHODS",
    "SCALE",
    "Assignment",
    "Duals",
    "greedy",
    "integer_weights",
    "solve",
]

SCALE = 10**9
"""Scores are rounded to multiples of ``1 / SCALE`` before solving."""

METHODS = ("auto", "pricing", "ortools", "scipy")

AUTO_METHOD = "pricing"
"""The method ``"auto"`` runs.

Measured by ``benchmarks/matching.py`` on the 2-core machine (realistic scores, 3 slots
per mentor), seconds to solve, pricing (with its certificate) / OR-tools / scipy (bare):
1,000 x 400 dense 0.09 / 0.11 / 0.16; 5,000 x 2,000 dense 0.53 / 3.09 / 3.32;
20,000 x 8,000 1.34 / 4.08 / 3.46; 20,000 x 5,000 0.84 / 3.42 / 4.64;
100,000 x 40,000 6.8 / 15.0 / 17.8. Pricing is the fastest at every size, and the only
one whose certificate comes at no extra cost.
"""

# Pricing parameters (chosen on the benchmark instances; any values give the same,
# exact, answer, they only move the time).
_FIRST_PER_MENTEE = 8
_FIRST_PER_MENTOR = 0
_ADD_PER_MENTEE = 6
_ADD_PER_MENTOR = 10
_NEAR_TIGHT = (3 * SCALE // 100, 5 * SCALE // 1000)  # band of each rebuild; then growth only
_MAX_ROUNDS = 60
_CHUNK = 1 << 20  # pairs per block in full-graph passes, to keep temporaries small


@dataclass(frozen=True, eq=False)
class Duals:
    """Optimality certificate: dual prices and a minimum vertex cover.

    Attributes
    ----------
    mentee_price : ndarray of int64, shape (n_mentees,)
        ``u_i >= 0``, in units of ``1 / SCALE``.
    mentor_price : ndarray of int64, shape (n_mentors,)
        ``v_j >= 0``, in units of ``1 / SCALE``.
    bonus : int
        ``B``, the per-match bonus, in units of ``1 / SCALE``.
    mentee_in_cover, mentor_in_cover : ndarray of bool
        A vertex cover of the candidate graph of weight equal to the matched count
        (mentees count 1, mentors count their free slots).

    Notes
    -----
    With ``w = round(score * SCALE)``, every candidate pair has
    ``w + bonus - mentee_price[i] - mentor_price[j] <= 0``, with equality on chosen
    pairs; prices are zero on unmatched mentees and on mentors with a free slot.
    """

    mentee_price: np.ndarray
    mentor_price: np.ndarray
    bonus: int
    mentee_in_cover: np.ndarray
    mentor_in_cover: np.ndarray


@dataclass(frozen=True, eq=False)
class Assignment:
    """The chosen pairs, their totals and how they were found.

    Attributes
    ----------
    mentor_of : ndarray of int64, shape (n_mentees,)
        Index of the chosen mentor, or -1.
    pair_index : ndarray of int64, shape (n_mentees,)
        Index into the caller's candidate arrays of the chosen pair, or -1.
    matched : int
        Number of matched mentees.
    total_score : float
        Sum of the chosen pairs' scores (``math.fsum``: correctly rounded, so independent
        of order).
    certificate : dict
        JSON-serialisable summary: method, rounds, restricted sizes, the largest reduced
        gain on the full graph (``<= 0`` proves optimality), bonus, duality gap, cover
        weight, price ranges.
    timings : dict of str to float
        Seconds per phase; ``"total"`` is the whole call.
    duals : Duals or None
        The prices and cover behind ``certificate``; None for :func:`greedy` and when
        ``certify=False``.
    """

    mentor_of: np.ndarray
    pair_index: np.ndarray
    matched: int
    total_score: float
    certificate: dict
    timings: dict[str, float]
    duals: Duals | None = field(default=None)


# --- public entry points -----------------------------------------------------------------
def solve(
    n_mentees: int,
    n_mentors: int,
    mentee_idx: np.ndarray,
    mentor_idx: np.ndarray,
    score: np.ndarray,
    free_slots: np.ndarray,
    *,
    method: str = "auto",
    certify: bool = True,
) -> Assignment:
    """Maximum-cardinality, then maximum-score assignment of mentees to mentors.

    Parameters
    ----------
    n_mentees, n_mentors : int
        Sizes of the two sides.
    mentee_idx, mentor_idx : ndarray of int, shape (n_pairs,)
        Candidate pairs, as positions ``0..n-1`` on each side; no pair twice.
    score : ndarray of float, shape (n_pairs,)
        In ``[0, 1]``.
    free_slots : ndarray of int, shape (n_mentors,)
        How many more mentees each mentor can take; 0 is allowed.
    method : {"auto", "pricing", "ortools", "scipy"}
        Which exact solver (module Notes). All give the same matched count and total.
    certify : bool, default True
        Compute :class:`Duals` for the answer. ``"pricing"`` always certifies (it is how
        it stops); for ``"ortools"`` and ``"scipy"`` it costs a price computation on the
        full graph, recorded in ``timings["certify"]``.

    Returns
    -------
    Assignment

    Raises
    ------
    ValueError
        On mismatched lengths, positions out of range, a repeated pair, a score outside
        ``[0, 1]`` or not finite, negative free slots, or an unknown method.

    Examples
    --------
    >>> a = solve(2, 1, np.array([0, 1]), np.array([0, 0]), np.array([0.9, 0.4]),
    ...           np.array([1]))
    >>> a.mentor_of.tolist(), a.matched
    ([0, -1], 1)
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    started = time.perf_counter()
    problem = _prepare(n_mentees, n_mentors, mentee_idx, mentor_idx, score, free_slots)
    timings = {"prepare": time.perf_counter() - started}
    chosen_method = AUTO_METHOD if method == "auto" else method
    solver = _SOLVERS[chosen_method]
    chosen, duals, details = solver(problem, timings, certify)
    timings["total"] = time.perf_counter() - started
    certificate = {"method": chosen_method, "requested": method, **details}
    return _assignment(problem, chosen, certificate, timings, duals)


def greedy(
    n_mentees: int,
    n_mentors: int,
    mentee_idx: np.ndarray,
    mentor_idx: np.ndarray,
    score: np.ndarray,
    free_slots: np.ndarray,
) -> Assignment:
    """Greedy baseline: pairs by descending score, taken while both sides are free.

    Parameters
    ----------
    Same as :func:`solve` (without ``method``).

    Returns
    -------
    Assignment
        ``certificate["method"] == "greedy"``, no duals.

    Notes
    -----
    Ties in score are taken by mentee index, then mentor index. Neither objective is
    guaranteed: greedy can leave mentees unmatched that an exact solver matches, and
    score on the table; the benchmark reports the gap.
    """
    started = time.perf_counter()
    problem = _prepare(n_mentees, n_mentors, mentee_idx, mentor_idx, score, free_slots)
    chosen = _greedy_pairs(problem)
    timings = {"total": time.perf_counter() - started}
    certificate = {"method": "greedy", "requested": "greedy", "exact": False}
    return _assignment(problem, chosen, certificate, timings, None)


# --- problem preparation -----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class _Problem:
    """Candidate pairs in canonical (mentee, mentor) order, integer weights, CSR starts."""

    n: int
    m: int
    mentee: np.ndarray  # int64, sorted by (mentee, mentor)
    mentor: np.ndarray  # int64
    score: np.ndarray  # float64, the caller's scores in canonical order
    weight: np.ndarray  # int64, round(score * SCALE)
    cap: np.ndarray  # int64, free slots
    order: np.ndarray | None  # canonical position -> caller's position; None if identity
    starts: np.ndarray  # int64, shape (n + 1,): mentee i's pairs are starts[i]:starts[i+1]
    usable: np.ndarray | None  # canonical positions of pairs whose mentor has a slot; None: all

    @property
    def n_usable(self) -> int:
        return self.mentee.size if self.usable is None else self.usable.size

    def local(self, column: np.ndarray) -> np.ndarray:
        """``column`` restricted to the usable pairs (a view when all are usable)."""
        return column if self.usable is None else column[self.usable]

    def canonical(self, local: np.ndarray) -> np.ndarray:
        """Canonical positions of usable-pair positions."""
        return local if self.usable is None else self.usable[local]

    def to_local(self, canonical: np.ndarray) -> np.ndarray:
        """Usable-pair positions of canonical positions of usable pairs."""
        return canonical if self.usable is None else np.searchsorted(self.usable, canonical)

    def usable_positions(self) -> np.ndarray:
        return np.arange(self.mentee.size) if self.usable is None else self.usable


def _prepare(
    n_mentees: int,
    n_mentors: int,
    mentee_idx: np.ndarray,
    mentor_idx: np.ndarray,
    score: np.ndarray,
    free_slots: np.ndarray,
) -> _Problem:
    n, m = _count(n_mentees, "n_mentees"), _count(n_mentors, "n_mentors")
    mentee = _positions(mentee_idx, n, "mentee_idx")
    mentor = _positions(mentor_idx, m, "mentor_idx")
    score = np.asarray(score, dtype=np.float64)
    if not (mentee.shape == mentor.shape == score.shape):
        raise ValueError(
            "mentee_idx, mentor_idx and score must have the same length, got "
            f"{mentee.size}, {mentor.size}, {score.size}"
        )
    if score.size and not (np.isfinite(score).all() and score.min() >= 0 and score.max() <= 1):
        raise ValueError("score must be finite and in [0, 1]")
    cap = np.asarray(free_slots)
    if cap.shape != (m,) or (cap.size and not np.issubdtype(cap.dtype, np.integer)):
        raise ValueError(f"free_slots must be an integer array of length n_mentors = {m}")
    cap = cap.astype(np.int64)
    if cap.size and cap.min() < 0:
        raise ValueError("free_slots must not be negative")

    order = None
    if not _in_canonical_order(mentee, mentor):
        order = np.argsort(mentee * m + mentor, kind="stable")
        mentee, mentor, score = mentee[order], mentor[order], score[order]
        same = np.flatnonzero((mentee[1:] == mentee[:-1]) & (mentor[1:] == mentor[:-1]))
        if same.size:
            at = int(same[0])
            raise ValueError(
                f"pair (mentee {mentee[at]}, mentor {mentor[at]}) is given more than once"
            )
    weight = integer_weights(score)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(mentee, minlength=n), out=starts[1:])
    open_mentor = cap > 0
    usable = None if open_mentor.all() else np.flatnonzero(open_mentor[mentor])
    return _Problem(n, m, mentee, mentor, score, weight, cap, order, starts, usable)


def integer_weights(score: np.ndarray) -> np.ndarray:
    """``round(score * SCALE)`` as int64: the weights the solvers compare (module Notes)."""
    score = np.asarray(score, dtype=np.float64)
    weight = np.empty(score.size, dtype=np.int64)
    for begin in range(0, score.size, _CHUNK):
        part = slice(begin, begin + _CHUNK)
        weight[part] = np.rint(score[part] * SCALE)
    return weight


def _in_canonical_order(mentee: np.ndarray, mentor: np.ndarray) -> bool:
    """Whether pairs are sorted by (mentee, mentor) with no pair twice (chunked check)."""
    for begin in range(0, max(mentee.size - 1, 0), _CHUNK):
        here = slice(begin, begin + _CHUNK)
        after = slice(begin + 1, begin + 1 + _CHUNK)
        a, b = mentee[here][: mentee[after].size], mentee[after]
        if not bool(np.all((b > a) | ((b == a) & (mentor[after] > mentor[here][: b.size])))):
            return False
    return True


def _count(value: int, name: str) -> int:
    if isinstance(value, bool) or int(value) != value or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def _positions(values: np.ndarray, n: int, name: str) -> np.ndarray:
    index = np.asarray(values)
    if index.ndim != 1 or (index.size and not np.issubdtype(index.dtype, np.integer)):
        raise ValueError(f"{name} must be a 1-D integer array")
    index = index.astype(np.int64, copy=False)
    if index.size and (index.min() < 0 or index.max() >= n):
        raise ValueError(f"{name} has positions outside 0..{n - 1}")
    return index


def _assignment(
    problem: _Problem,
    chosen: np.ndarray,
    certificate: dict,
    timings: dict[str, float],
    duals: Duals | None,
) -> Assignment:
    """Package canonical chosen pair positions as an :class:`Assignment`."""
    chosen = np.sort(chosen)
    mentor_of = np.full(problem.n, -1, dtype=np.int64)
    pair_index = np.full(problem.n, -1, dtype=np.int64)
    mentor_of[problem.mentee[chosen]] = problem.mentor[chosen]
    original = chosen if problem.order is None else problem.order[chosen]
    pair_index[problem.mentee[chosen]] = original
    total = math.fsum(problem.score[chosen].tolist())
    certificate = {
        **certificate,
        "scale": SCALE,
        "matched": int(chosen.size),
        "total_score_scaled": int(problem.weight[chosen].sum()),
        "candidate_pairs": int(problem.mentee.size),
        "usable_pairs": problem.n_usable,
    }
    return Assignment(
        mentor_of=mentor_of,
        pair_index=pair_index,
        matched=int(chosen.size),
        total_score=total,
        certificate=certificate,
        timings=timings,
        duals=duals,
    )


# --- the exact solvers -------------------------------------------------------------------
_Solver = Callable[[_Problem, dict, bool], tuple[np.ndarray, Duals | None, dict]]


def _solve_ortools(
    problem: _Problem, timings: dict[str, float], certify: bool
) -> tuple[np.ndarray, Duals | None, dict]:
    return _solve_bare(
        problem, timings, certify, lambda: _max_flow_min_cost(problem, problem.usable_positions())
    )


def _solve_scipy(
    problem: _Problem, timings: dict[str, float], certify: bool
) -> tuple[np.ndarray, Duals | None, dict]:
    return _solve_bare(problem, timings, certify, lambda: _slot_assignment(problem))


def _solve_bare(
    problem: _Problem,
    timings: dict[str, float],
    certify: bool,
    solver: Callable[[], np.ndarray],
) -> tuple[np.ndarray, Duals | None, dict]:
    """Run a whole-graph solver, then (if asked) compute its certificate."""
    tick = time.perf_counter()
    chosen = solver()
    timings["solve"] = time.perf_counter() - tick
    details: dict = {"exact": True}
    duals = None
    if certify:
        tick = time.perf_counter()
        duals, proof = _certify(problem, chosen)
        timings["certify"] = time.perf_counter() - tick
        details.update(proof)
    return chosen, duals, details


def _solve_pricing(
    problem: _Problem, timings: dict[str, float], certify: bool
) -> tuple[np.ndarray, Duals | None, dict]:
    del certify  # pricing certifies by construction
    phases = dict.fromkeys(("select", "restricted", "cover", "potentials", "pricing"), 0.0)
    mentee, mentor = problem.local(problem.mentee), problem.local(problem.mentor)
    weight = problem.local(problem.weight)

    tick = time.perf_counter()
    keep = np.zeros(weight.size, dtype=bool)
    keep[_top_per_group(mentee, weight, _FIRST_PER_MENTEE, problem.n)] = True
    if _FIRST_PER_MENTOR:
        keep[_top_per_group(mentor, weight, _FIRST_PER_MENTOR, problem.m)] = True
    phases["select"] += time.perf_counter() - tick

    rounds: list[dict] = []
    chosen = np.zeros(0, dtype=np.int64)
    added: np.ndarray | None = None  # local positions added to a grown restricted set
    potentials: _Potentials | None = None
    cover: _Cover | None = None
    cover_weight = -1
    last: tuple[int, int] | None = None
    growing = False
    while True:
        restricted = problem.canonical(np.flatnonzero(keep))
        tick = time.perf_counter()
        if added is None:
            solved = restricted
            chosen = _max_flow_min_cost(problem, restricted)
        else:
            # Only the connected components of the restricted graph that gained a pair
            # can have a better matching; the others keep theirs.
            changed = _dirty_pairs(problem, restricted, problem.canonical(added))
            solved = restricted[changed]
            unchanged = np.isin(chosen, solved, assume_unique=True, invert=True)
            chosen = np.union1d(chosen[unchanged], _max_flow_min_cost(problem, solved))
        phases["restricted"] += time.perf_counter() - tick

        tick = time.perf_counter()
        mentor_of, load = _matching_state(problem, chosen)
        if cover is None or cover.paths is not None or chosen.size != cover_weight:
            # A cover proves every matching of its weight maximum: search only until
            # one is found (the restricted set only grows, so the count never drops).
            cover = _cover_or_paths(problem, mentor_of, load)
            cover_weight = chosen.size
        phases["cover"] += time.perf_counter() - tick

        tick = time.perf_counter()
        start = potentials.distance if (potentials is not None and growing) else None
        potentials = _potentials(problem, restricted, mentor_of, load, start)
        phases["potentials"] += time.perf_counter() - tick

        tick = time.perf_counter()
        band = 0 if growing else _NEAR_TIGHT[min(len(rounds), len(_NEAR_TIGHT) - 1)]
        largest, violators, candidates, near_gain = _price_out(
            problem, potentials, mentee, mentor, weight, -band
        )
        objective = (int(chosen.size), int(problem.weight[chosen].sum()))
        rounds.append(
            {
                "pairs": int(restricted.size),
                "solved_pairs": int(solved.size),
                "matched": objective[0],
                "total_score_scaled": objective[1],
                "violators": violators,
                "augmenting_paths": cover.paths_found,
                "max_reduced_gain": largest,
            }
        )
        done = violators == 0 and cover.paths is None
        if not done:
            if len(rounds) > len(_NEAR_TIGHT) or (last is not None and objective <= last):
                growing = True
            last = objective
            before = keep.copy() if growing else None
            if growing:
                # Grow: add the best violators of each mentee and mentor.
                violating = near_gain > 0
                candidates, near_gain = candidates[violating], near_gain[violating]
            else:
                # Rebuild around the current matching from the pairs within this
                # round's band of tight: the next prices will not be far from these.
                keep[:] = False
                keep[problem.to_local(chosen)] = True
            picked = np.union1d(
                _top_per_group(mentee[candidates], near_gain, _ADD_PER_MENTEE, problem.n),
                _top_per_group(mentor[candidates], near_gain, _ADD_PER_MENTOR, problem.m),
            )
            keep[candidates[picked]] = True
            if cover.paths is not None:
                keep[problem.to_local(cover.paths)] = True
            if len(rounds) >= _MAX_ROUNDS:
                keep[:] = True  # safety net: the full graph certifies in one more round
            added = np.flatnonzero(keep & ~before) if before is not None else None
        phases["pricing"] += time.perf_counter() - tick
        if done:
            break

    tick = time.perf_counter()
    duals, proof = _finish_certificate(problem, chosen, potentials, cover, largest)
    phases["certify"] = time.perf_counter() - tick
    timings.update(phases)
    timings["solve"] = sum(phases.values())
    details = {"exact": True, "rounds": len(rounds), "round_log": rounds, **proof}
    details["restricted_pairs"] = rounds[-1]["pairs"]
    return chosen, duals, details


def _dirty_pairs(problem: _Problem, restricted: np.ndarray, added: np.ndarray) -> np.ndarray:
    """Mask of the ``restricted`` pairs in a connected component that contains an
    ``added`` pair (the restricted graph's components are independent problems)."""
    n = problem.n
    graph = sp.csr_matrix(
        (
            np.ones(restricted.size, dtype=np.int8),
            (problem.mentee[restricted], n + problem.mentor[restricted]),
        ),
        shape=(n + problem.m, n + problem.m),
    )
    labels = connected_components(graph, directed=False)[1]
    dirty = np.zeros(labels.max(initial=0) + 1, dtype=bool)
    dirty[labels[problem.mentee[added]]] = True
    return dirty[labels[problem.mentee[restricted]]]


def _price_out(
    problem: _Problem,
    prices: _Potentials,
    mentee: np.ndarray,
    mentor: np.ndarray,
    weight: np.ndarray,
    threshold: int,
) -> tuple[int, int, np.ndarray, np.ndarray]:
    """Reduced gains of all usable pairs, in one chunked pass.

    With node values ``d`` the reduced gain is ``w_ij - d_i + d_j`` (the source and
    sink values cancel). Returns the largest gain (at least 0), the number of pairs
    with a positive gain, and the positions (into the usable pairs) and gains of the
    pairs with gain ``>= threshold``.
    """
    n = problem.n
    mentee_value = prices.distance[:n]
    mentor_value = prices.distance[n : n + problem.m]
    largest, violators = 0, 0
    positions, gains = [], []
    for begin in range(0, weight.size, _CHUNK):
        part = slice(begin, begin + _CHUNK)
        gain = np.take(mentor_value, mentor[part])
        gain -= np.take(mentee_value, mentee[part])
        gain += weight[part]
        largest = max(largest, int(gain.max()))
        violators += int(np.count_nonzero(gain > 0))
        hit = np.flatnonzero(gain >= threshold)
        positions.append(hit + begin)
        gains.append(gain[hit])
    if not positions:
        return 0, 0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return largest, violators, np.concatenate(positions), np.concatenate(gains)


_SOLVERS: dict[str, _Solver] = {
    "pricing": _solve_pricing,
    "ortools": _solve_ortools,
    "scipy": _solve_scipy,
}


def _max_flow_min_cost(problem: _Problem, pairs: np.ndarray) -> np.ndarray:
    """Lexicographically optimal matching on ``pairs`` (canonical positions), by OR-tools.

    Only the people that ``pairs`` touch become nodes. Returns the canonical positions
    of the chosen pairs, ascending.
    """
    if pairs.size == 0:
        return np.zeros(0, dtype=np.int64)
    from ortools.graph.python import min_cost_flow

    mentees, mentee_node = _compact(problem.mentee[pairs], problem.n)
    mentors, mentor_node = _compact(problem.mentor[pairs], problem.m)
    a, b = mentees.size, mentors.size
    source, sink = a + b, a + b + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([mentee_node, np.full(a, source), a + np.arange(b)])
    heads = np.concatenate([a + mentor_node, np.arange(a), np.full(b, sink)])
    capacity = np.concatenate([np.ones(pairs.size + a, dtype=np.int64), problem.cap[mentors]])
    cost = np.concatenate([-problem.weight[pairs], np.zeros(a + b, dtype=np.int64)])
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacity, cost)
    flow.set_node_supply(source, a)
    flow.set_node_supply(sink, -a)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"OR-tools min-cost flow ended with status {status}")
    used = flow.flows(np.arange(pairs.size)) > 0
    return pairs[used]


def _compact(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``ids`` (ascending) and each id's rank among them, without sorting."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present), rank[ids]


def _slot_assignment(problem: _Problem) -> np.ndarray:
    """Lexicographic optimum by scipy's sparse LAPJV on mentor slots (module Notes)."""
    usable = problem.usable_positions()
    if usable.size == 0:
        return np.zeros(0, dtype=np.int64)
    slots, slot_mentor = _slot_graph(problem, usable)
    matched_slot = maximum_bipartite_matching(slots, perm_type="column")
    rows = np.flatnonzero(matched_slot >= 0)
    chosen = _pair_positions(problem, rows, slot_mentor[matched_slot[rows]])
    mentor_of, load = _matching_state(problem, chosen)
    cover = _cover_or_paths(problem, mentor_of, load)
    if cover.paths is not None:  # Hopcroft-Karp's matching is maximum: cannot happen
        raise RuntimeError("maximum_bipartite_matching did not return a maximum matching")
    # A maximum matching is as large as a minimum cover, so each of its pairs touches
    # the cover exactly once and every covered person is used to the full: covered
    # mentors' slots go to uncovered mentees, covered mentees to uncovered mentors.
    # These two parts are full rectangular assignments; pairs inside the cover are
    # never used, and no pair lies wholly outside it.
    uncovered_mentee = ~cover.mentee_in_cover[problem.mentee[usable]]
    covered_mentor = cover.mentor_in_cover[problem.mentor[usable]]
    parts = [
        _full_slot_assignment(problem, usable[uncovered_mentee & covered_mentor]),
        _full_slot_assignment(problem, usable[~uncovered_mentee & ~covered_mentor]),
    ]
    return np.sort(np.concatenate(parts))


def _full_slot_assignment(problem: _Problem, pairs: np.ndarray) -> np.ndarray:
    """Minimum ``sum (SCALE + 1 - w)`` full matching of mentees to slots over ``pairs``.

    The caller guarantees that a matching covering the smaller side exists.
    """
    if pairs.size == 0:
        return np.zeros(0, dtype=np.int64)
    slots, slot_mentor = _slot_graph(problem, pairs, cost=True)
    rows_used = np.unique(problem.mentee[pairs])
    slots_used = np.unique(slots.indices)
    graph = slots[rows_used][:, slots_used]
    rows, cols = min_weight_full_bipartite_matching(graph)
    return _pair_positions(problem, rows_used[rows], slot_mentor[slots_used[cols]])


def _slot_graph(
    problem: _Problem, pairs: np.ndarray, *, cost: bool = False
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Mentee x slot biadjacency over ``pairs`` (canonical, so grouped by mentee).

    Mentor ``j`` owns slots ``first[j] .. first[j] + cap[j] - 1``. With ``cost`` the
    entries are ``SCALE + 1 - w`` (positive integers, exact in float64), else 1.
    Returns the matrix and the mentor of every slot.
    """
    cap = problem.cap
    first = np.zeros(problem.m + 1, dtype=np.int64)
    np.cumsum(cap, out=first[1:])
    mentor = problem.mentor[pairs]
    copies = cap[mentor]
    total = int(copies.sum())
    offset = np.arange(total) - np.repeat(np.cumsum(copies) - copies, copies)
    columns = np.repeat(first[mentor], copies) + offset
    per_mentee = np.bincount(problem.mentee[pairs], weights=copies, minlength=problem.n)
    indptr = np.zeros(problem.n + 1, dtype=np.int64)
    np.cumsum(per_mentee.astype(np.int64), out=indptr[1:])
    if cost:
        data = np.repeat((SCALE + 1 - problem.weight[pairs]).astype(np.float64), copies)
    else:
        data = np.ones(total, dtype=np.int8)
    graph = sp.csr_matrix((data, columns, indptr), shape=(problem.n, int(first[-1])))
    return graph, np.repeat(np.arange(problem.m), cap)


def _pair_positions(problem: _Problem, mentees: np.ndarray, mentors: np.ndarray) -> np.ndarray:
    """Canonical positions of the pairs ``(mentees[k], mentors[k])``."""
    keys = problem.mentee * problem.m + problem.mentor
    return np.searchsorted(keys, mentees * problem.m + mentors)


# --- matching state, cover and augmenting paths ------------------------------------------
def _matching_state(problem: _Problem, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mentor_of = np.full(problem.n, -1, dtype=np.int64)
    mentor_of[problem.mentee[chosen]] = problem.mentor[chosen]
    load = np.bincount(problem.mentor[chosen], minlength=problem.m).astype(np.int64)
    return mentor_of, load


@dataclass(frozen=True, eq=False)
class _Cover:
    """A Konig cover when the matching is maximum, else pairs of augmenting paths."""

    mentee_in_cover: np.ndarray
    mentor_in_cover: np.ndarray
    paths: np.ndarray | None  # canonical positions of pairs on augmenting paths
    paths_found: int = 0


def _cover_or_paths(problem: _Problem, mentor_of: np.ndarray, load: np.ndarray) -> _Cover:
    """Prove the matching maximum by a vertex cover, or return augmenting paths.

    Alternating search from the unmatched mentees: mentee -> any candidate mentor,
    full mentor -> its matched mentees. Reaching a mentor with a free slot means an
    augmenting path (Berge); otherwise the unreached mentees and the reached mentors
    form a cover of weight equal to the matched count (Konig). Two common cases are
    settled without the search: every mentee that has a usable pair is matched, or
    every usable pair goes to a full mentor.
    """
    n, m = problem.n, problem.m
    cap = problem.cap
    full = load >= cap
    matched = mentor_of >= 0
    if bool(matched[problem.local(problem.mentee)].all()):
        return _Cover(matched.copy(), cap == 0, None)
    if bool(full[problem.local(problem.mentor)].all()):
        return _Cover(np.zeros(n, dtype=bool), full.copy(), None)

    holders = np.flatnonzero(matched)
    by_mentor = holders[np.argsort(mentor_of[holders], kind="stable")]
    held_starts = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(load, out=held_starts[1:])

    reached_mentee = ~matched
    reached_mentor = np.zeros(m, dtype=bool)
    via = np.full(m, -1, dtype=np.int64)  # pair through which a mentor was first reached
    frontier = np.flatnonzero(reached_mentee)
    free_found: list[np.ndarray] = []
    while frontier.size:
        pairs = _ranges(problem.starts, frontier)
        mentors = problem.mentor[pairs]
        fresh = ~reached_mentor[mentors]
        pairs, mentors = pairs[fresh], mentors[fresh]
        mentors, first = np.unique(mentors, return_index=True)
        reached_mentor[mentors] = True
        via[mentors] = pairs[first]
        free = mentors[load[mentors] < cap[mentors]]
        if free.size:
            free_found.append(free)
        mentees = by_mentor[_ranges(held_starts, mentors)]
        frontier = mentees[~reached_mentee[mentees]]
        reached_mentee[frontier] = True

    if not free_found:
        return _Cover(~reached_mentee, reached_mentor, None)
    ends = np.concatenate(free_found)
    path_pairs = []
    current = ends
    while current.size:
        pairs = via[current]
        path_pairs.append(pairs)
        current = mentor_of[problem.mentee[pairs]]
        current = current[current >= 0]
    paths = np.unique(np.concatenate(path_pairs))
    return _Cover(~reached_mentee, reached_mentor, paths, int(ends.size))


def _ranges(starts: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(starts[v], starts[v + 1])`` for ``v`` in ``nodes``."""
    begin = starts[nodes]
    length = starts[nodes + 1] - begin
    total = int(length.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(begin - (np.cumsum(length) - length), length)
    return np.arange(total, dtype=np.int64) + shift


# --- dual prices ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class _Potentials:
    mentee_price: np.ndarray
    mentor_price: np.ndarray
    bonus: int
    passes: int
    distance: np.ndarray  # node values: mentees, mentors, source, sink


def _potentials(
    problem: _Problem,
    pairs: np.ndarray,
    mentor_of: np.ndarray,
    load: np.ndarray,
    start: np.ndarray | None = None,
) -> _Potentials:
    """Prices proving the matching optimal on ``pairs`` among matchings of its size.

    With node potentials ``p`` on mentees, mentors, source ``s`` and sink ``t`` and
    ``u_i = p_i - p_s``, ``v_j = p_t - p_j``, ``B = p_t - p_s``, the conditions of the
    module Notes are difference constraints::

        p_i >= p_j + w_ij      every pair          (reduced gain <= 0)
        p_j >= p_i - w_ij      chosen pairs        (tight)
        p_i >= p_s             every mentee        (u_i >= 0)
        p_s >= p_i             unmatched mentees   (u_i = 0)
        p_t >= p_j             every mentor        (v_j >= 0)
        p_j >= p_t             mentors with room   (v_j = 0)

    Their least solution with ``p >= 0`` is the longest-path distance from a virtual
    root; it exists exactly when the matching is optimal (no positive cycle, i.e. no
    negative cycle in the residual network). Computed by Bellman-Ford rounds that relax
    only the arcs leaving nodes whose distance changed. ``start`` (the previous round's
    node values) makes it a warm start: the result is then the least solution above
    ``start``, still a valid certificate.
    """
    n, m = problem.n, problem.m
    source, sink = n + m, n + m + 1
    mentee, mentor, weight = problem.mentee[pairs], problem.mentor[pairs], problem.weight[pairs]
    chosen = mentor_of[mentee] == mentor
    unmatched = np.flatnonzero(mentor_of < 0)
    roomy = np.flatnonzero(load < problem.cap)
    tails = np.concatenate(
        [
            n + mentor,
            mentee[chosen],
            np.full(n, source),
            unmatched,
            n + np.arange(m),
            np.full(roomy.size, sink),
        ]
    )
    heads = np.concatenate(
        [
            mentee,
            n + mentor[chosen],
            np.arange(n),
            np.full(unmatched.size, source),
            np.full(m, sink),
            n + roomy,
        ]
    )
    lengths = np.concatenate(
        [weight, -weight[chosen], np.zeros(n + unmatched.size + m + roomy.size, np.int64)]
    )
    distance, passes = _longest_paths(n + m + 2, tails, heads, lengths, start)
    u = distance[:n] - distance[source]
    v = distance[sink] - distance[n : n + m]
    return _Potentials(u, v, int(distance[sink] - distance[source]), passes, distance)


def _longest_paths(
    n_nodes: int,
    tails: np.ndarray,
    heads: np.ndarray,
    lengths: np.ndarray,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, int]:
    """Longest path from a virtual root joined to every node ``v`` by an arc of length
    ``start[v]`` (0 without ``start``).

    Raises RuntimeError on a positive cycle (which would mean a non-optimal matching).
    """
    order = np.argsort(tails, kind="stable")
    tails, heads, lengths = tails[order], heads[order], lengths[order]
    starts = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=n_nodes), out=starts[1:])
    distance = np.zeros(n_nodes, dtype=np.int64) if start is None else start.copy()
    active = np.arange(n_nodes)
    for passes in range(n_nodes + 1):
        arcs = _ranges(starts, active)
        reach = distance[tails[arcs]] + lengths[arcs]
        ahead = heads[arcs]
        better = reach > distance[ahead]
        if not better.any():
            return distance, passes
        ahead, reach = ahead[better], reach[better]
        np.maximum.at(distance, ahead, reach)
        if ahead.size * 8 < n_nodes:
            active = np.unique(ahead)
        else:
            changed = np.zeros(n_nodes, dtype=bool)
            changed[ahead] = True
            active = np.flatnonzero(changed)
    raise RuntimeError("positive cycle in the price constraints: the matching is not optimal")


def _certify(problem: _Problem, chosen: np.ndarray) -> tuple[Duals, dict]:
    """Certificate for a matching claimed optimal on the whole candidate graph."""
    mentor_of, load = _matching_state(problem, chosen)
    cover = _cover_or_paths(problem, mentor_of, load)
    if cover.paths is not None:
        raise RuntimeError("the solver's matching is not of maximum cardinality")
    prices = _potentials(problem, problem.usable_positions(), mentor_of, load)
    return _finish_certificate(problem, chosen, prices, cover)


def _finish_certificate(
    problem: _Problem,
    chosen: np.ndarray,
    prices: _Potentials,
    cover: _Cover,
    usable_max_gain: int | None = None,
) -> tuple[Duals, dict]:
    """Price mentors without slots, check every pair, and summarise.

    ``usable_max_gain`` is the largest reduced gain over the usable pairs when the
    caller has just computed it; then only the pairs of mentors without slots are
    priced here.
    """
    mentor_price = prices.mentor_price.copy()
    closed = np.zeros(0, dtype=np.int64)
    if problem.usable is not None:
        closed = np.flatnonzero(problem.cap[problem.mentor] == 0)
    if closed.size:  # any price is free for a mentor without slots: make its pairs tight
        need = problem.weight[closed] + prices.bonus - prices.mentee_price[problem.mentee[closed]]
        np.maximum.at(mentor_price, problem.mentor[closed], need)
        np.maximum(mentor_price, 0, out=mentor_price)
    duals = Duals(
        mentee_price=prices.mentee_price,
        mentor_price=mentor_price,
        bonus=prices.bonus,
        mentee_in_cover=cover.mentee_in_cover,
        mentor_in_cover=cover.mentor_in_cover,
    )
    checked = closed if usable_max_gain is not None else slice(None)
    gain = problem.weight[checked] + duals.bonus
    gain -= duals.mentee_price[problem.mentee[checked]]
    gain -= mentor_price[problem.mentor[checked]]
    max_gain = int(gain.max()) if gain.size else 0
    if usable_max_gain is not None and problem.n_usable:
        max_gain = max(max_gain, usable_max_gain) if gain.size else usable_max_gain
    dual_objective = (
        int(duals.mentee_price.sum())
        + int((problem.cap * mentor_price).sum())
        - int(chosen.size) * duals.bonus
    )
    cover_weight = int(cover.mentee_in_cover.sum()) + int(problem.cap[cover.mentor_in_cover].sum())
    if max_gain > 0:
        raise RuntimeError(f"certificate fails: a pair has reduced gain {max_gain} > 0")
    proof = {
        "max_reduced_gain": max_gain,
        "max_reduced_gain_score": max_gain / SCALE,
        "tolerance": 0,
        "bonus": duals.bonus,
        "bonus_score": duals.bonus / SCALE,
        "duality_gap": dual_objective - int(problem.weight[chosen].sum()),
        "cover_weight": cover_weight,
        "potential_passes": prices.passes,
        "mentee_price": _summary(duals.mentee_price),
        "mentor_price": _summary(mentor_price),
        "mentors_priced": int(np.count_nonzero(mentor_price[problem.cap > 0] > 0)),
    }
    return duals, proof


def _summary(prices: np.ndarray) -> dict:
    if prices.size == 0:
        return {"min": 0.0, "mean": 0.0, "max": 0.0}
    return {
        "min": float(prices.min()) / SCALE,
        "mean": float(prices.mean()) / SCALE,
        "max": float(prices.max()) / SCALE,
    }


# --- selection helpers --------------------------------------------------------------------
def _top_per_group(group: np.ndarray, value: np.ndarray, k: int, n_groups: int) -> np.ndarray:
    """Positions of the ``k`` largest ``value`` in each group, ties by position; sorted.

    When ``group`` is sorted (pairs in canonical order, grouped by mentee) the groups are
    segments and ``k`` segmented maxima find them in ``O(k * len)``; otherwise pairs are
    ordered by (group, value quantised to 16 bits, position) with stable radix sorts,
    which is exact up to the quantisation, enough to pick a restricted problem.
    """
    size = value.size
    if size == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64)
    if bool(np.all(group[1:] >= group[:-1])):
        return _top_in_segments(group, value, k)
    low, high = int(value.min()), int(value.max())
    quantised = (high - value) * 65535 // max(high - low, 1)
    order = np.argsort(quantised.astype(np.uint16), kind="stable")
    ordered_group = group[order]
    for shift in range(0, max(int(n_groups) - 1, 1).bit_length(), 16):
        digit = ((ordered_group >> shift) & 0xFFFF).astype(np.uint16)
        by_digit = np.argsort(digit, kind="stable")
        order, ordered_group = order[by_digit], ordered_group[by_digit]
    counts = np.bincount(group, minlength=n_groups)
    first = np.cumsum(counts) - counts
    rank = np.arange(size) - first[ordered_group]
    return np.sort(order[rank < k])


def _top_in_segments(group: np.ndarray, value: np.ndarray, k: int) -> np.ndarray:
    """``_top_per_group`` for sorted ``group``, by ``k`` rounds of segmented maxima.

    Value and position are packed in one int64 (larger value first, then smaller
    position), so one ``maximum.reduceat`` per round finds each segment's next pick.
    """
    size = value.size
    heads = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    lengths = np.diff(np.r_[heads, size])  # small: one per group
    bits = max(int(lengths.max()) - 1, 1).bit_length()
    low = int(value.min())
    if (int(value.max()) - low) >= 1 << (62 - bits):
        raise ValueError("values span too wide to pack")  # not reachable for scores
    mask = (1 << bits) - 1
    packed = np.subtract(value, low)
    np.left_shift(packed, bits, out=packed)
    for begin in range(0, size, _CHUNK):
        position = np.arange(begin, min(begin + _CHUNK, size))
        head = heads[np.searchsorted(heads, position, side="right") - 1]
        packed[begin : begin + _CHUNK] |= mask - (position - head)
    picked = []
    for _ in range(min(k, int(lengths.max()))):
        best = np.maximum.reduceat(packed, heads)
        live = best >= 0
        position = heads[live] + (mask - (best[live] & mask))
        picked.append(position)
        packed[position] = -1
    return np.sort(np.concatenate(picked))


# --- greedy ------------------------------------------------------------------------------
def _greedy_pairs(problem: _Problem) -> np.ndarray:
    """Sequential greedy's pairs (see :func:`greedy`).

    Pairs are visited in rank order block by block; a vectorised filter drops the pairs
    whose mentee or mentor was already used before the block, and only the survivors
    (few, once the first blocks are done) go through the exact sequential check.
    """
    pairs = problem.usable_positions()
    if pairs.size == 0:
        return np.zeros(0, dtype=np.int64)
    # Rank by score descending; canonical order breaks ties by mentee, then mentor.
    ranked = pairs[np.argsort(-problem.score[pairs], kind="stable")]
    free = np.ones(problem.n, dtype=bool)
    remaining = problem.cap.copy()
    taken: list[int] = []
    block = 4096
    at = 0
    while at < ranked.size and len(taken) < problem.n:
        chunk = ranked[at : at + block]
        at += chunk.size
        live = chunk[free[problem.mentee[chunk]] & (remaining[problem.mentor[chunk]] > 0)]
        if live.size < block // 8:
            block *= 2
        for pair, mentee, mentor in zip(
            live.tolist(),
            problem.mentee[live].tolist(),
            problem.mentor[live].tolist(),
            strict=True,
        ):
            if free[mentee] and remaining[mentor] > 0:
                free[mentee] = False
                remaining[mentor] -= 1
                taken.append(pair)
    return np.sort(np.array(taken, dtype=np.int64))
