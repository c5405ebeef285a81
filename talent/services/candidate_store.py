"""The candidate pairs of a stored run, packed as one NumPy ``.npz`` payload and read back."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from sqlmodel import Session

from models import RunCandidateSet
from talent.errors import NotFound


def pack_candidates(
    mentee_id: np.ndarray,
    mentor_id: np.ndarray,
    features: np.ndarray,
    score: np.ndarray,
    bonus: np.ndarray,
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


def load_candidates(session: Session, run_id: int) -> CandidateSet:
    stored = session.get(RunCandidateSet, run_id)
    if stored is None:
        raise NotFound("matching run", run_id)
    with np.load(io.BytesIO(stored.payload)) as arrays:
        return CandidateSet(
            arrays["mentee_id"],
            arrays["mentor_id"],
            arrays["features"],
            arrays["score"],
            arrays["bonus"],
        )
