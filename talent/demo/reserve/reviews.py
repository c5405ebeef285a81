"""Review-cycle decisions for the reserve demo, through the API's own ``decide``.

Every admit, retain and exit of the demo is a real decision of a review cycle, judged by
the default policy against the readiness computed for that cycle's date; these two
helpers only fill in the demo actor, the policy and the comment.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from models.reserve import Band, Decision, ReserveCandidate, ReviewCycle
from models.reserve_schemas import ReviewCreate
from talent.audit import Entry
from talent.demo.reserve.system import DEMO, POLICY
from talent.reserve.eligibility import Eligibility
from talent.reserve.readiness import Readiness
from talent.reserve.reviews import decide


def decide_candidate(
    session: Session,
    candidate: ReserveCandidate,
    cycle: ReviewCycle,
    decision: Decision,
    ready: dict[int, Readiness],
    comment: str,
    journal: list[Entry],
    band: Band | None = None,
    band_comment: str | None = None,
) -> None:
    """Record ``decision`` on ``candidate`` in ``cycle`` as the demo actor."""
    decide(
        session,
        candidate,
        cycle,
        body=ReviewCreate(
            cycle=cycle.code,
            decision=decision,
            comment=comment,
            band=band,
            band_comment=band_comment,
        ),
        actor=DEMO,
        journal=journal,
        policy=POLICY,
        readiness=ready,
    )


def admit_or_exit(
    session: Session,
    nominees: Sequence[ReserveCandidate],
    cycle: ReviewCycle,
    ready: dict[int, Readiness],
    eligibility: dict[int, Eligibility],
    journal: list[Entry],
) -> None:
    """Admit the nominees who are eligible; exit the others, naming the rules."""
    for c in nominees:
        result = eligibility[c.person_id]
        if result.eligible:
            decide_candidate(
                session, c, cycle, Decision.admit, ready, "经评审会研究，同意入库", journal
            )
        else:
            reasons = "、".join(result.reasons)
            decide_candidate(
                session, c, cycle, Decision.exit, ready, f"不符合入库条件：{reasons}", journal
            )
