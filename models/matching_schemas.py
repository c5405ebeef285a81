"""Wire schemas for matching runs, proposals, explanations and pairings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import StringConstraints
from sqlmodel import Field, SQLModel

from models.common import Link
from models.schemas import Strict

CROSS_UNIT_DEFAULT = False
"""Whether a mentor may come from another court unless asked: runs and suggestions alike."""


class RunCreate(Strict):
    link: Link
    unit_ids: list[int] | None = Field(default=None, max_length=200)
    include_subordinate_courts: bool = False
    """A court in ``unit_ids`` is that court and its departments; True adds the courts under it."""
    cross_unit: bool = CROSS_UNIT_DEFAULT
    weights: dict[str, float] | None = None
    dry_run: bool = False


class PairRef(SQLModel):
    mentee_id: int
    mentor_id: int
    score: float | None = None


class RunDiff(SQLModel):
    """What a what-if run changes against the latest stored run on the same link and scope."""

    against_run_id: int | None
    gained: list[PairRef]
    lost: list[PairRef]
    matched_change: int
    objective_change: float


class RunPublic(SQLModel):
    id: int | None
    link: str
    status: str
    objective: float
    n_proposals: int
    n_unmatched: int
    n_candidates: int
    unit_ids: list[int] | None = None
    include_subordinate_courts: bool = False
    cross_unit: bool = False
    weights: dict[str, float] = {}
    timings: dict[str, float] = {}
    certificate: dict = {}
    created_at: datetime | None = None
    diff: RunDiff | None = None
    n_open: int | None = None
    """Proposals still waiting for a decision (filled by the run lists)."""


class ProposalPublic(SQLModel):
    id: int
    run_id: int
    mentor_id: int
    mentee_id: int
    score: float
    breakdown: dict[str, float]
    status: str
    reason: str | None = None
    pairing_id: int | None = None


class CandidatePublic(SQLModel):
    mentee_id: int
    mentor_id: int
    score: float


class CapacityPublic(SQLModel):
    mentor_id: int
    free_slots: int


class UnmatchedPublic(SQLModel):
    mentee_id: int
    reason: str


class ForcedMove(SQLModel):
    """One mentee whose mentor would change if the pair were forced (None: no mentor)."""

    mentee_id: int
    mentee_name: str
    from_mentor_id: int | None
    from_mentor_name: str | None
    to_mentor_id: int | None
    to_mentor_name: str | None


class ForcedChange(SQLModel):
    """The run solved again with one (mentee, mentor) pair forced, against the run itself.

    ``matched`` and ``total_score`` are the forced optimum's; the changes are against the
    run's proposals, in the run's own scores. ``moves`` starts with the mentee itself and
    follows the chain of moves the forced pair causes.
    """

    matched_change: int
    score_change: float
    matched: int
    total_score: float
    moves: list[ForcedMove]


class ExplainRow(SQLModel):
    mentor_id: int
    eligible: bool
    rule: str | None = None
    score: float | None = None
    breakdown: dict[str, float] | None = None
    chosen: bool = False
    why_not: str | None = None
    slots_went_to: list[int] | None = None
    """Mentors not chosen: the mentees holding all of its free slots in the run (None: it had room)."""
    free_slots: int | None = None
    """The mentor's free slots as the run saw them (eligible mentors only)."""
    forced: ForcedChange | None = None
    """What forcing this mentor would cost (eligible mentors not chosen, where computed)."""


class RejectBody(Strict):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class BulkDecision(Strict):
    proposal_ids: list[int] = Field(min_length=1, max_length=500)
    action: Literal["accept", "reject"]
    reason: str | None = Field(default=None, max_length=500)


class BulkOutcome(SQLModel):
    """One proposal's result in a bulk decision: each proposal succeeds or fails on its own."""

    proposal_id: int
    ok: bool
    status: str
    rule: str | None = None
    message: str | None = None
    pairing_id: int | None = None


class Suggestion(SQLModel):
    mentor_id: int
    score: float
    breakdown: dict[str, float]


class PairingCreate(Strict):
    mentor_id: int
    mentee_id: int
    start_date: date | None = None


class PairingPublic(SQLModel):
    id: int
    mentor_id: int
    mentee_id: int
    link: str
    status: str
    start_date: date
    end_date: date | None
    outcome_rating: int | None
    end_reason: str | None
    proposal_id: int | None


class PairingEnd(Strict):
    status: Literal["completed", "dissolved"]
    outcome_rating: int | None = Field(default=None, ge=1, le=5)
    reason: str | None = Field(default=None, max_length=1000)
