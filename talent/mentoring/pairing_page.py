"""The pairing page in one read: alive or quiet, the ladder, open action items, goals."""

from __future__ import annotations

from sqlmodel import Session

from models import User
from models.matching_schemas import PairingPublic
from models.mentoring_schemas import PairingOverview
from talent import clock
from talent.mentoring import access, goals, guidance
from talent.mentoring.escalation import ladder_steps
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS, cadence_of


def pairing_overview(
    session: Session, *, pairing_id: int, user: User, days: int = DEFAULT_OVERDUE_DAYS
) -> PairingOverview:
    """The pairing page: alive or quiet, the ladder, the open action items pinned, the goals.

    Readable by admin, planner, the pairing's mentor and its mentee (403 otherwise).
    """
    pairing = access.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=access.READERS, doing="read"
    )
    cadence = cadence_of(session, [pairing], as_of=clock.today(), days=days)[pairing_id]
    state = cadence.state
    count, minutes = guidance.log_totals(session, pairing_id)
    return PairingOverview(
        pairing=PairingPublic.model_validate(pairing),
        logs=count,
        minutes=minutes,
        last_log_date=cadence.last_log,
        days_quiet=state.days_quiet if pairing.status == "active" else None,
        overdue=state.overdue,
        overdue_days=days,
        ladder=ladder_steps(pairing, cadence),
        open_action_items=guidance.open_items(session, pairing_ids=[pairing_id]),
        goals=goals.pairing_goals(session, pairing),
    )
