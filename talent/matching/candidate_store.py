"""The candidate pairs of a stored run, packed as one NumPy ``.npz`` payload and read back."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from sqlmodel import Session

from models import RunCandidateSet
from talent.errors import NotFound
from talent.matching.rules import pair_keys


@dataclass(frozen=True)
class RuleSnapshot:
    """What the hard rules saw at run time, so that an explanation reads the run, not today.

    The mentees and mentors the run considered (active, of the link's tiers, mentees not
    yet paired and in scope) with their courts, and the declared conflicts and the pairs
    once dissolved as a mismatch as :func:`talent.matching.rules.pair_keys` (runs stored
    before the mismatch rule have none).
    """

    mentee_ids: np.ndarray
    mentee_court: np.ndarray
    mentor_ids: np.ndarray
    mentor_court: np.ndarray
    conflict_keys: np.ndarray
    mismatch_keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    def court_of_mentee(self, person_id: int) -> int | None:
        return _lookup(self.mentee_ids, self.mentee_court, person_id)

    def court_of_mentor(self, person_id: int) -> int | None:
        return _lookup(self.mentor_ids, self.mentor_court, person_id)

    def conflicted(self, mentee_id: int, mentor_id: int) -> bool:
        return _holds(self.conflict_keys, mentee_id, mentor_id)

    def mismatched(self, mentee_id: int, mentor_id: int) -> bool:
        return _holds(self.mismatch_keys, mentee_id, mentor_id)


# The fields every snapshot has; later ones default when a run stored before them is read.
REQUIRED_FIELDS = 5


def _holds(keys: np.ndarray, mentee_id: int, mentor_id: int) -> bool:
    key = pair_keys(np.array([mentee_id]), np.array([mentor_id]))[0]
    at = np.searchsorted(keys, key)
    return bool(at < keys.size and keys[at] == key)


def _lookup(ids: np.ndarray, values: np.ndarray, person_id: int) -> int | None:
    at = np.searchsorted(ids, person_id)
    return int(values[at]) if at < ids.size and ids[at] == person_id else None


def pack_candidates(
    mentee_id: np.ndarray,
    mentor_id: np.ndarray,
    features: np.ndarray,
    score: np.ndarray,
    bonus: np.ndarray,
    rules: RuleSnapshot,
) -> bytes:
    """Ids as int64; features, re-match bonus and scores as float64: the exact numbers used."""
    buffer = io.BytesIO()
    np.savez(
        buffer,
        mentee_id=mentee_id.astype(np.int64),
        mentor_id=mentor_id.astype(np.int64),
        features=features.astype(np.float64),
        score=score.astype(np.float64),
        bonus=bonus.astype(np.float64),
        **{f"rules_{k}": np.asarray(v, dtype=np.int64) for k, v in vars(rules).items()},
        # Named, or mypy matches the ** mapping above against it; numeric arrays never pickle.
        allow_pickle=False,
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class CandidateSet:
    """A stored run's candidate pairs: ids, features and the exact scores the solver saw."""

    mentee_id: np.ndarray
    mentor_id: np.ndarray
    features: np.ndarray
    score: np.ndarray
    bonus: np.ndarray
    rules: RuleSnapshot | None
    """None for runs stored before snapshots were kept."""


def load_candidates(session: Session, run_id: int) -> CandidateSet:
    stored = session.get(RunCandidateSet, run_id)
    if stored is None:
        raise NotFound("matching run", run_id)
    with np.load(io.BytesIO(stored.payload)) as arrays:
        fields = [f"rules_{name}" for name in RuleSnapshot.__dataclass_fields__]
        rules = (
            RuleSnapshot(*(arrays[name] for name in fields if name in arrays))
            if all(name in arrays for name in fields[:REQUIRED_FIELDS])
            else None
        )
        return CandidateSet(
            arrays["mentee_id"],
            arrays["mentor_id"],
            arrays["features"],
            arrays["score"],
            arrays["bonus"],
            rules,
        )
