"""Matching runs and what they store: candidates, capacities, proposals, unmatched."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import utcnow


class MatchingRun(SQLModel, table=True):
    """One solve of the assignment on a link and scope, with everything needed to re-check it."""

    # Stays None on a dry run (talent.matching.runs.create_run), which is never stored.
    id: int | None = Field(default=None, primary_key=True)
    link: str = Field(max_length=8, index=True)
    status: str = Field(default="completed", max_length=16)
    scope_key: str = Field(max_length=255, index=True)
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    weights: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    objective: float = 0.0
    n_candidates: int = 0
    n_proposals: int = 0
    n_unmatched: int = 0
    timings: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    certificate: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class RunCandidateSet(SQLModel, table=True):
    """Every eligible (mentee, mentor) pair a run considered, with exact features and scores.

    Stored as one NumPy ``.npz`` payload (mentee ids, mentor ids, float64 features and
    scores): a run on a large court system has millions of pairs, which as rows would
    take longer to write than the solve itself. ``talent.matching.runs`` reads it back.
    """

    run_id: int = Field(foreign_key="matchingrun.id", primary_key=True)
    n_pairs: int
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class RunCapacity(SQLModel, table=True):
    run_id: int = Field(foreign_key="matchingrun.id", primary_key=True)
    mentor_id: int = Field(primary_key=True)
    free_slots: int


class RunUnmatched(SQLModel, table=True):
    run_id: int = Field(foreign_key="matchingrun.id", primary_key=True)
    mentee_id: int = Field(primary_key=True)
    reason: str = Field(max_length=64)


class Proposal(SQLModel, table=True):
    """A proposed pairing awaiting a planner's decision."""

    __table_args__ = (UniqueConstraint("run_id", "mentee_id", name="uq_proposal_run_mentee"),)
    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="matchingrun.id", index=True)
    mentee_id: int = Field(foreign_key="person.id", index=True)
    mentor_id: int = Field(foreign_key="person.id", index=True)
    score: float
    breakdown: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="proposed", max_length=16, index=True)
    reason: str | None = None
    decided_by: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = None
    pairing_id: int | None = Field(default=None, foreign_key="pairing.id")


class WeightSet(SQLModel, table=True):
    """Score weights in force: runs without explicit weights use the newest active set.

    ``source`` is ``fit`` (learned from outcomes by ``talent weights fit``) or ``manual``.
    """

    # Set by the database on flush; code only reads ids of stored (flushed or loaded) rows.
    id: int = Field(default=None, primary_key=True)
    weights: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source: str = Field(max_length=16)
    n_samples: int = 0
    cv_r2: float | None = None
    note: str | None = None
    active: bool = True
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
