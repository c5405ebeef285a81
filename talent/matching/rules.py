"""The hard rules of a mentoring link, vectorised: which (mentee, mentor) pairs may be proposed.

A pair is a candidate only when every rule holds:

========================  ==============================================================
rule                      meaning
========================  ==============================================================
``tier``                  mentor tier = mentee tier - 1 on the chosen link
``inactive``              both people are active
``same_person``           a person never mentors themself
``conflict``              no declared conflict of interest between the two
``mismatch``              no pairing of the two was dissolved as a mismatch
``already_paired``        the mentee has no active pairing on the link
``capacity``              the mentor has a free slot (capacity - active pairings on the link)
``out_of_scope``          the mentee's unit is in ``unit_ids``; without ``cross_unit`` the
                          mentor sits in the mentee's own court
========================  ==============================================================

Functions here take arrays and sets, never sessions, so they are tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RULES = (
    "tier",
    "inactive",
    "same_person",
    "conflict",
    "mismatch",
    "already_paired",
    "capacity",
    "out_of_scope",
)

# Why a mentee in scope got no proposal.
NO_ELIGIBLE_MENTOR = "no_eligible_mentor"
ALL_MENTORS_FULL = "all_mentors_full"
ONLY_CONFLICTED_MENTORS = "only_conflicted_mentors"
FULL_OR_CONFLICTED = "mentors_full_or_conflicted"
ONLY_EXCLUDED_MENTORS = "mentors_conflicted_or_mismatched"
FULL_OR_EXCLUDED = "mentors_full_conflicted_or_mismatched"
SLOTS_TAKEN = "mentor_slots_taken_by_others"


def pair_keys(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """An order-free int64 key per (a, b) person-id pair, for set membership with ``np.isin``."""
    low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    return low * np.int64(1 << 31) + high


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs as parallel index arrays (into the mentee and mentor tables)."""

    mentee_idx: np.ndarray
    mentor_idx: np.ndarray
    # Per mentee, how many in-scope mentors were removed by each rule (for the unmatched reasons).
    in_scope: np.ndarray
    conflicted: np.ndarray
    full: np.ndarray
    mismatched: np.ndarray


def scope_pairs(
    mentee_court: np.ndarray, mentor_court: np.ndarray, *, cross_unit: bool
) -> tuple[np.ndarray, np.ndarray]:
    """All (mentee, mentor) index pairs in scope, sorted by mentee then mentor index.

    With ``cross_unit`` every mentor is in scope; otherwise only mentors of the mentee's court.
    """
    n_mentees, n_mentors = len(mentee_court), len(mentor_court)
    if n_mentees == 0 or n_mentors == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    if cross_unit:
        mentee_idx = np.repeat(np.arange(n_mentees, dtype=np.int64), n_mentors)
        mentor_idx = np.tile(np.arange(n_mentors, dtype=np.int64), n_mentees)
        return mentee_idx, mentor_idx
    order = np.argsort(mentor_court, kind="stable")
    sorted_courts = mentor_court[order]
    start = np.searchsorted(sorted_courts, mentee_court, side="left")
    stop = np.searchsorted(sorted_courts, mentee_court, side="right")
    counts = stop - start
    mentee_idx = np.repeat(np.arange(n_mentees, dtype=np.int64), counts)
    # Position of each pair inside its mentee's block, then the mentor it points at.
    offsets = np.arange(counts.sum(), dtype=np.int64) - np.repeat(
        np.cumsum(counts) - counts, counts
    )
    mentor_idx = order[np.repeat(start, counts) + offsets].astype(np.int64)
    # Keep mentor index order within each mentee (ties broken by id: tables are sorted by id).
    final = np.lexsort((mentor_idx, mentee_idx))
    return mentee_idx[final], mentor_idx[final]


def candidate_pairs(
    *,
    mentee_ids: np.ndarray,
    mentee_court: np.ndarray,
    mentor_ids: np.ndarray,
    mentor_court: np.ndarray,
    free_slots: np.ndarray,
    conflict_keys: np.ndarray,
    cross_unit: bool,
    mismatch_keys: np.ndarray | None = None,
) -> Candidates:
    """Apply the pair rules (scope, same person, conflict, mismatch, full) to the tables.

    The tables passed in already hold only active people of the right tiers, and mentees
    without an active pairing on the link; this removes what depends on the pair.
    """
    mentee_idx, mentor_idx = scope_pairs(mentee_court, mentor_court, cross_unit=cross_unit)
    n = len(mentee_ids)
    keep = mentee_ids[mentee_idx] != mentor_ids[mentor_idx]
    in_scope = np.bincount(mentee_idx[keep], minlength=n)
    is_conflicted = np.zeros(len(mentee_idx), dtype=bool)
    if len(conflict_keys):
        is_conflicted = np.isin(
            pair_keys(mentee_ids[mentee_idx], mentor_ids[mentor_idx]), conflict_keys
        )
    is_mismatched = np.zeros(len(mentee_idx), dtype=bool)
    if mismatch_keys is not None and len(mismatch_keys):
        is_mismatched = (
            np.isin(pair_keys(mentee_ids[mentee_idx], mentor_ids[mentor_idx]), mismatch_keys)
            & ~is_conflicted
        )
    is_full = free_slots[mentor_idx] <= 0
    excluded = is_conflicted | is_mismatched
    conflicted = np.bincount(mentee_idx[keep & is_conflicted], minlength=n)
    mismatched = np.bincount(mentee_idx[keep & is_mismatched], minlength=n)
    full = np.bincount(mentee_idx[keep & is_full & ~excluded], minlength=n)
    keep &= ~excluded & ~is_full
    return Candidates(mentee_idx[keep], mentor_idx[keep], in_scope, conflicted, full, mismatched)


def unmatched_reason(
    in_scope: int, conflicted: int, full: int, has_candidates: bool, mismatched: int = 0
) -> str:
    """Why a mentee got no proposal, from how many in-scope mentors each rule removed."""
    if has_candidates:
        return SLOTS_TAKEN
    if in_scope == 0:
        return NO_ELIGIBLE_MENTOR
    if conflicted == in_scope:
        return ONLY_CONFLICTED_MENTORS
    if full == in_scope:
        return ALL_MENTORS_FULL
    if conflicted + mismatched == in_scope:
        return ONLY_EXCLUDED_MENTORS
    return FULL_OR_EXCLUDED if mismatched else FULL_OR_CONFLICTED
