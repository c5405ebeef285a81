"""What forcing one (mentee, mentor) pair into a run's assignment costs, exactly.

"Why not this mentor?" has an exact answer: solve the run again with the pair forced
in and compare. :func:`force_pairs` does that for one mentee and any of its candidate
mentors, with the solver the run used (:func:`talent.matching.assignment.solve`), and
reports the change in matched count and total score and the moves it causes: who would
lose or change mentor, and to whom, in the order of the chain the forced pair starts.

Pure: plain arrays in, frozen records out; no database, no HTTP.

Notes
-----
**Forced optimum.** Every assignment containing ``(i, j)`` is ``(i, j)`` plus an
assignment of the other mentees in which mentor ``j`` has one slot fewer. So the
lexicographic optimum (matched count first, then total score, the run's objective)
among the assignments containing ``(i, j)`` is: drop mentee ``i``'s pairs, take one slot
from mentor ``j``, solve the rest, add ``(i, j)``. Scores go to the solver as the run
passed them (divided by ``max(1, max score)``, see ``talent.matching.runs``), so the
integer weights ``round(score * SCALE)`` it compares are the run's own.

**The chain.** The forced optimum ``F`` and the run's assignment ``A`` differ on a set
of mentees; pairing, at each mentor, a pair ``F`` gains with one ``A`` loses splits the
difference into alternating paths and cycles. Only the one through mentee ``i`` is
caused by the forced pair: any other could be undone in ``F`` (a feasible assignment
that still holds ``(i, j)``, so it is no better than ``F``) or applied to ``A``
(feasible, so no better than ``A``); both bounds together make its change in
(matched, weight) zero, i.e. it is a tie the solver happened to break the other way.
Reported, then, is ``A`` with only the chain through ``i`` applied: walking from ``i``
to ``j``, to the mentee ``j`` lets go, to that mentee's new mentor, and so on until a
mentor with a free slot or a mentee left without one; and backwards from ``i``'s old
mentor to whoever takes the freed slot. Its objective is checked against ``F``'s in
integer weights; should ``A`` not be optimal (a caller's own base assignment), the whole
difference to ``F`` is reported instead, so the figures are always those of a forced
optimum.

**Figures.** ``score_change`` is the correctly rounded sum (``math.fsum``) of the scores
gained minus those lost, in the scores given (the run's stored float64 scores, not the
divided ones); ``weight_change`` is the same change in the solver's integer units, the
one that decides ties: zero means the forced assignment is exactly as good.

Examples
--------
>>> problem = Problem(2, 2, np.array([0, 0, 1]), np.array([0, 1, 0]),
...                   np.array([0.9, 0.5, 0.8]), np.array([1, 1]))
>>> base = solve_base(problem)
>>> base.tolist()
[1, 0]
>>> forced = force_pair(problem, 0, 0, base_mentor_of=base)
>>> forced.matched_change, round(forced.score_change, 6)
(-1, -0.4)
>>> [(m.mentee, m.from_mentor, m.to_mentor) for m in forced.moves]
[(0, 1, 0), (1, 0, -1)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from talent.matching.assignment import integer_weights, solve

__all__ = ["Forced", "Move", "Problem", "apply_moves", "force_pair", "force_pairs", "solve_base"]


@dataclass(frozen=True, eq=False)
class Problem:
    """A run's assignment problem, as :func:`talent.matching.assignment.solve` takes it.

    Attributes
    ----------
    n_mentees, n_mentors : int
    mentee_idx, mentor_idx : ndarray of int, shape (n_pairs,)
        Candidate pairs, positions on each side; no pair twice.
    score : ndarray of float64, shape (n_pairs,)
        The run's own scores (they may exceed 1 by the re-match bonus).
    free_slots : ndarray of int, shape (n_mentors,)
    """

    n_mentees: int
    n_mentors: int
    mentee_idx: np.ndarray
    mentor_idx: np.ndarray
    score: np.ndarray
    free_slots: np.ndarray

    @cached_property
    def solver_score(self) -> np.ndarray:
        """The scores as the run gave them to the solver: in [0, 1], one common factor."""
        score = np.asarray(self.score, dtype=np.float64)
        return score / max(1.0, float(score.max(initial=0.0)))

    @cached_property
    def weight(self) -> np.ndarray:
        """The solver's integer weights of the pairs."""
        return integer_weights(self.solver_score)

    @cached_property
    def _keys(self) -> tuple[np.ndarray, np.ndarray]:
        key = np.asarray(self.mentee_idx, dtype=np.int64) * max(self.n_mentors, 1)
        key = key + np.asarray(self.mentor_idx, dtype=np.int64)
        order = np.argsort(key, kind="stable")
        return key[order], order

    def pair(self, mentee: int, mentor: int) -> int:
        """Position of the candidate pair ``(mentee, mentor)``, or -1."""
        keys, order = self._keys
        key = mentee * max(self.n_mentors, 1) + mentor
        at = int(np.searchsorted(keys, key))
        return int(order[at]) if at < keys.size and keys[at] == key else -1

    def pairs_of(self, mentor_of: np.ndarray) -> np.ndarray:
        """Pair positions of an assignment's chosen pairs (raises if one is no candidate)."""
        mentees = np.flatnonzero(mentor_of >= 0)
        keys, order = self._keys
        wanted = mentees * max(self.n_mentors, 1) + mentor_of[mentees]
        at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
        if wanted.size and (keys.size == 0 or not bool(np.all(keys[at] == wanted))):
            raise ValueError("the assignment uses a pair that is not a candidate")
        return order[at] if wanted.size else np.zeros(0, dtype=np.int64)

    def feasible(self, mentor_of: np.ndarray) -> bool:
        """Whether an assignment uses candidate pairs only and no mentor beyond its slots."""
        try:
            self.pairs_of(mentor_of)
        except ValueError:
            return False
        load = np.bincount(mentor_of[mentor_of >= 0], minlength=self.n_mentors)
        return bool(np.all(load <= self.free_slots))

    def objective(self, mentor_of: np.ndarray) -> tuple[int, int, float]:
        """(matched, total integer weight, total score) of an assignment."""
        pairs = self.pairs_of(mentor_of)
        return (
            int(pairs.size),
            int(self.weight[pairs].sum()),
            math.fsum(np.asarray(self.score, dtype=np.float64)[pairs].tolist()),
        )


@dataclass(frozen=True)
class Move:
    """One mentee whose mentor changes: positions, -1 for none."""

    mentee: int
    from_mentor: int
    to_mentor: int


@dataclass(frozen=True, eq=False)
class Forced:
    """The best assignment containing ``(mentee, mentor)``, against the base assignment.

    Attributes
    ----------
    mentee, mentor : int
        The forced pair.
    mentor_of : ndarray of int64, shape (n_mentees,)
        The forced assignment: the base with ``moves`` applied.
    matched, weight, total_score : int, int, float
        Its matched count, integer weight and total score.
    matched_change, weight_change, score_change : int, int, float
        Against the base (``matched_change <= 0`` when the base is optimal).
    moves : tuple of Move
        Every mentee whose mentor differs, the forced mentee first, then along the chain
        (module Notes); a mentee left without a mentor has ``to_mentor == -1``. Empty
        when the base already holds the pair.
    chain : bool
        True when ``moves`` is the single chain through the forced mentee (always, for an
        optimal base); False when the whole difference to a forced optimum is reported.
    base_held_by : tuple of int
        The mentees holding the forced mentor's slots in the base, by position.
    base_had_room : bool
        Whether the forced mentor had a free slot in the base.
    """

    mentee: int
    mentor: int
    mentor_of: np.ndarray
    matched: int
    weight: int
    total_score: float
    matched_change: int
    weight_change: int
    score_change: float
    moves: tuple[Move, ...]
    chain: bool
    base_held_by: tuple[int, ...]
    base_had_room: bool


def solve_base(problem: Problem, *, method: str = "auto") -> np.ndarray:
    """The unforced optimum's ``mentor_of`` (what a run proposes)."""
    return solve(
        problem.n_mentees,
        problem.n_mentors,
        problem.mentee_idx,
        problem.mentor_idx,
        problem.solver_score,
        problem.free_slots,
        method=method,
        certify=False,
    ).mentor_of


def force_pair(
    problem: Problem,
    mentee: int,
    mentor: int,
    *,
    base_mentor_of: np.ndarray | None = None,
    method: str = "auto",
) -> Forced:
    """The lexicographic optimum among assignments containing ``(mentee, mentor)``.

    Parameters
    ----------
    problem : Problem
    mentee, mentor : int
        Positions; the pair must be a candidate and the mentor have a free slot.
    base_mentor_of : ndarray of int, optional
        The assignment to compare with (a run's proposals); solved when None.
    method : str
        Passed to :func:`talent.matching.assignment.solve`.

    Returns
    -------
    Forced

    Raises
    ------
    ValueError
        If the pair is not a candidate, the mentor has no free slot, or the base
        assignment is not feasible.
    """
    return force_pairs(problem, mentee, [mentor], base_mentor_of=base_mentor_of, method=method)[0]


def force_pairs(
    problem: Problem,
    mentee: int,
    mentors: Sequence[int],
    *,
    base_mentor_of: np.ndarray | None = None,
    method: str = "auto",
) -> list[Forced]:
    """:func:`force_pair` for one mentee and several mentors, sharing the set-up."""
    base = (
        solve_base(problem, method=method)
        if base_mentor_of is None
        else np.asarray(base_mentor_of, dtype=np.int64).copy()
    )
    if base.shape != (problem.n_mentees,) or not problem.feasible(base):
        raise ValueError("the base assignment is not a feasible assignment of the problem")
    base_objective = problem.objective(base)
    others = np.asarray(problem.mentee_idx) != mentee
    rest_mentee = np.asarray(problem.mentee_idx)[others]
    rest_mentor = np.asarray(problem.mentor_idx)[others]
    rest_score = problem.solver_score[others]
    found = []
    for mentor in mentors:
        pair = problem.pair(mentee, mentor)
        if pair < 0:
            raise ValueError(f"(mentee {mentee}, mentor {mentor}) is not a candidate pair")
        if problem.free_slots[mentor] < 1:
            raise ValueError(f"mentor {mentor} has no free slot")
        slots = np.asarray(problem.free_slots, dtype=np.int64).copy()
        slots[mentor] -= 1
        rest = solve(
            problem.n_mentees,
            problem.n_mentors,
            rest_mentee,
            rest_mentor,
            rest_score,
            slots,
            method=method,
            certify=False,
        )
        forced = rest.mentor_of.copy()
        forced[mentee] = mentor
        found.append(_compare(problem, base, base_objective, forced, mentee, mentor))
    return found


def apply_moves(mentor_of: np.ndarray, moves: Sequence[Move]) -> np.ndarray:
    """The assignment after ``moves`` (each mentee's mentor set to ``to_mentor``)."""
    result = np.asarray(mentor_of, dtype=np.int64).copy()
    for move in moves:
        if result[move.mentee] != move.from_mentor:
            raise ValueError(f"mentee {move.mentee} is not with mentor {move.from_mentor}")
        result[move.mentee] = move.to_mentor
    return result


def _compare(
    problem: Problem,
    base: np.ndarray,
    base_objective: tuple[int, int, float],
    forced: np.ndarray,
    mentee: int,
    mentor: int,
) -> Forced:
    """The chain through ``mentee`` from ``base`` to ``forced``, checked, as a :class:`Forced`."""
    best = problem.objective(forced)
    order = _chain(base, forced, mentee)
    chained = base.copy()
    chained[order] = forced[order]
    is_chain = problem.feasible(chained) and problem.objective(chained)[:2] == best[:2]
    if not is_chain:  # the base is not optimal: report the whole difference
        on_chain = set(order)
        order += [k for k in np.flatnonzero(base != forced).tolist() if k not in on_chain]
        chained = forced
    matched, weight, total = problem.objective(chained)
    moves = tuple(Move(k, int(base[k]), int(chained[k])) for k in order)
    scores = np.asarray(problem.score, dtype=np.float64)
    changes = [
        float(scores[problem.pair(m.mentee, m.to_mentor)]) for m in moves if m.to_mentor >= 0
    ]
    changes += [
        -float(scores[problem.pair(m.mentee, m.from_mentor)]) for m in moves if m.from_mentor >= 0
    ]
    held = tuple(int(k) for k in np.flatnonzero(base == mentor))
    return Forced(
        mentee=mentee,
        mentor=mentor,
        mentor_of=chained,
        matched=matched,
        weight=weight,
        total_score=total,
        matched_change=matched - base_objective[0],
        weight_change=weight - base_objective[1],
        score_change=math.fsum(changes),
        moves=moves,
        chain=is_chain,
        base_held_by=held,
        base_had_room=len(held) < int(problem.free_slots[mentor]),
    )


def _chain(base: np.ndarray, forced: np.ndarray, mentee: int) -> list[int]:
    """Mentees on the alternating chain through ``mentee``: forward, then backward.

    Forward: ``mentee`` takes its forced mentor, who lets go of one of the mentees it
    loses, who takes their forced mentor (or none: the chain ends), and so on until a
    mentor loses nobody more. Backward: the mentor ``mentee`` leaves takes one of the
    mentees it gains, whose old mentor takes another, until a mentor gains nobody more
    or the mentee had none. Among several candidates at a mentor the lowest position
    goes first, so the chain is deterministic.
    """
    if base[mentee] == forced[mentee]:  # the pair is the base's own: nothing moves
        return []
    differs = np.flatnonzero(base != forced)
    loses: dict[int, list[int]] = {}
    gains: dict[int, list[int]] = {}
    for k in differs.tolist():
        if base[k] >= 0:
            loses.setdefault(int(base[k]), []).append(k)
        if forced[k] >= 0:
            gains.setdefault(int(forced[k]), []).append(k)
    used = {mentee}
    forward = [mentee, *_walk(int(forced[mentee]), loses, forced, used)]
    backward = _walk(int(base[mentee]), gains, base, used)
    return forward + backward


def _walk(at: int, leaving: dict[int, list[int]], then: np.ndarray, used: set[int]) -> list[int]:
    """From mentor ``at``: its first mentee in ``leaving`` not yet used, that mentee's
    mentor in ``then``, and so on, until a mentor has nobody left or a mentee no mentor."""
    found = []
    while at >= 0:
        step = next((k for k in leaving.get(at, []) if k not in used), None)
        if step is None:
            break
        used.add(step)
        found.append(step)
        at = int(then[step])
    return found
