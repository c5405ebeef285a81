"""The vectorised hard rules agree with a plain loop over every pair."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.matching.rules import (
    ALL_MENTORS_FULL,
    FULL_OR_CONFLICTED,
    FULL_OR_EXCLUDED,
    NO_ELIGIBLE_MENTOR,
    ONLY_CONFLICTED_MENTORS,
    ONLY_EXCLUDED_MENTORS,
    SLOTS_TAKEN,
    candidate_pairs,
    pair_keys,
    scope_pairs,
    unmatched_reason,
)


@st.composite
def instances(draw):  # type: ignore[no-untyped-def]
    n_mentees = draw(st.integers(0, 8))
    n_mentors = draw(st.integers(0, 6))
    mentee_ids = np.arange(1, n_mentees + 1, dtype=np.int64)
    # Mentor ids overlap mentee ids sometimes, to exercise the same-person rule.
    mentor_ids = np.array(
        sorted(draw(st.sets(st.integers(1, 20), min_size=n_mentors, max_size=n_mentors))),
        dtype=np.int64,
    )
    mentee_court = np.array(
        draw(st.lists(st.integers(0, 2), min_size=n_mentees, max_size=n_mentees)), dtype=np.int64
    )
    mentor_court = np.array(
        draw(st.lists(st.integers(0, 2), min_size=n_mentors, max_size=n_mentors)), dtype=np.int64
    )
    free = np.array(
        draw(st.lists(st.integers(0, 2), min_size=n_mentors, max_size=n_mentors)), dtype=np.int64
    )
    pairs = draw(st.lists(st.tuples(st.integers(1, 20), st.integers(1, 20)), max_size=10))
    conflicts = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    dissolved = draw(st.lists(st.tuples(st.integers(1, 20), st.integers(1, 20)), max_size=10))
    mismatches = {(min(a, b), max(a, b)) for a, b in dissolved if a != b}
    cross = draw(st.booleans())
    return mentee_ids, mentee_court, mentor_ids, mentor_court, free, conflicts, mismatches, cross


def _keys(pairs: set[tuple[int, int]]) -> np.ndarray:
    return np.sort(
        pair_keys(
            np.array([a for a, _ in pairs], dtype=np.int64),
            np.array([b for _, b in pairs], dtype=np.int64),
        )
    )


@settings(max_examples=200, deadline=None)
@given(instances())
def test_candidates_match_a_plain_loop(instance) -> None:  # type: ignore[no-untyped-def]
    mentee_ids, mentee_court, mentor_ids, mentor_court, free, conflicts, mismatches, cross = (
        instance
    )
    found = candidate_pairs(
        mentee_ids=mentee_ids,
        mentee_court=mentee_court,
        mentor_ids=mentor_ids,
        mentor_court=mentor_court,
        free_slots=free,
        conflict_keys=_keys(conflicts),
        mismatch_keys=_keys(mismatches),
        cross_unit=cross,
    )
    expected = []
    mismatched = [0] * len(mentee_ids)
    for i, mentee in enumerate(mentee_ids):
        for j, mentor in enumerate(mentor_ids):
            in_scope = cross or mentee_court[i] == mentor_court[j]
            pair = (min(mentee, mentor), max(mentee, mentor))
            if not in_scope or mentee == mentor:
                continue
            if pair in conflicts:
                continue
            if pair in mismatches:
                mismatched[i] += 1
            elif free[j] > 0:
                expected.append((i, j))
    assert list(zip(found.mentee_idx.tolist(), found.mentor_idx.tolist(), strict=True)) == expected
    assert found.mismatched.tolist() == mismatched


def test_scope_pairs_within_courts_is_sorted_and_complete() -> None:
    mentee_idx, mentor_idx = scope_pairs(
        np.array([2, 1, 2]), np.array([1, 2, 2, 3]), cross_unit=False
    )
    assert list(zip(mentee_idx.tolist(), mentor_idx.tolist(), strict=True)) == [
        (0, 1),
        (0, 2),
        (1, 0),
        (2, 1),
        (2, 2),
    ]


def test_unmatched_reasons() -> None:
    assert unmatched_reason(0, 0, 0, False) == NO_ELIGIBLE_MENTOR
    assert unmatched_reason(3, 3, 0, False) == ONLY_CONFLICTED_MENTORS
    assert unmatched_reason(3, 0, 3, False) == ALL_MENTORS_FULL
    assert unmatched_reason(3, 0, 1, True) == SLOTS_TAKEN
    assert unmatched_reason(3, 1, 0, False, mismatched=2) == ONLY_EXCLUDED_MENTORS
    assert unmatched_reason(3, 1, 1, False, mismatched=1) == FULL_OR_EXCLUDED
    assert unmatched_reason(3, 1, 2, False) == FULL_OR_CONFLICTED


def test_pair_keys_are_order_free() -> None:
    assert pair_keys(np.array([3]), np.array([9]))[0] == pair_keys(np.array([9]), np.array([3]))[0]
