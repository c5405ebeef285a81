"""The escalation ladder of a quiet pairing: its dated steps, the next step, dissolving.

Notes
-----
overdue (derived from the logs, :mod:`talent.mentoring.overdue`) -> reminded -> escalated
(both recorded here by a planner, dated, each once per quiet stretch and in that order)
-> dissolved (the pairing's own end date and reason; :func:`dissolve_pairing` also queues
the mentee for re-matching, :mod:`talent.mentoring.rematch`).
"""

from __future__ import annotations

from sqlmodel import Session

from models import Pairing, User
from models.matching_schemas import PairingEnd, PairingPublic
from models.mentoring import EscalationRung, EscalationStep
from models.mentoring_schemas import (
    DissolveBody,
    DissolveResult,
    EscalationStepIn,
    EscalationStepPublic,
)
from talent import audit, clock
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import RuleViolation
from talent.mentoring import access
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS, Cadence, cadence_of
from talent.mentoring.pairings import end_pairing
from talent.mentoring.rematch import enqueue_rematch, entries_public

NEXT_STEP = {
    EscalationRung.overdue: "reminded",
    EscalationRung.reminded: "escalated",
}
"""The step a planner may record next, by the rung the pairing stands on."""


def escalation_ladder(
    session: Session, *, pairing_id: int, user: User, days: int = DEFAULT_OVERDUE_DAYS
) -> list[EscalationStepPublic]:
    """Every dated step of a pairing, oldest first: recorded steps, the current ``overdue``
    rung when the pairing is overdue now, and ``dissolved`` when it was dissolved."""
    pairing = access.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=access.READERS, doing="read the ladder"
    )
    cadence = cadence_of(session, [pairing], as_of=clock.today(), days=days)[pairing_id]
    return ladder_steps(pairing, cadence)


def _recorded(step: EscalationStep) -> EscalationStepPublic:
    return EscalationStepPublic(
        pairing_id=step.pairing_id,
        step=EscalationRung(step.step),
        date=step.step_date,
        days_quiet=step.days_quiet,
        note=step.note,
        created_by=step.created_by,
        recorded=True,
    )


def ladder_steps(pairing: Pairing, cadence: Cadence) -> list[EscalationStepPublic]:
    """The ladder of ``pairing`` from its already-read :class:`Cadence` (no queries)."""
    state = cadence.state
    found = [_recorded(s) for s in cadence.steps]
    if state.overdue:
        found.append(
            EscalationStepPublic(
                pairing_id=pairing.id,
                step=EscalationRung.overdue,
                date=state.overdue_since,
                days_quiet=None,
                note=None,
                created_by=None,
                recorded=False,
            )
        )
    if pairing.status == "dissolved" and pairing.end_date is not None:
        found.append(
            EscalationStepPublic(
                pairing_id=pairing.id,
                step=EscalationRung.dissolved,
                date=pairing.end_date,
                days_quiet=(pairing.end_date - (cadence.last_log or pairing.start_date)).days,
                note=pairing.end_reason,
                created_by=pairing.ended_by,
                recorded=True,
            )
        )
    order = list(EscalationRung)
    return sorted(found, key=lambda s: (s.date, order.index(s.step)))


def record_step(
    session: Session,
    *,
    pairing_id: int,
    body: EscalationStepIn,
    user: User,
    actor: Actor,
    days: int = DEFAULT_OVERDUE_DAYS,
) -> EscalationStepPublic:
    """Put an overdue pairing on the next rung: reminded, then escalated (a planner).

    409 ``not_overdue`` when the pairing is not overdue, ``escalation_order`` when the
    step is not the next one (remind before escalating; each step once per quiet stretch).
    """
    pairing = access.get_pairing(session, pairing_id)
    write_lock(session, f"escalation:{pairing_id}")
    if pairing.status != "active":
        raise RuleViolation("pairing_not_active", f"pairing {pairing_id} is {pairing.status}")
    today = clock.today()
    state = cadence_of(session, [pairing], as_of=today, days=days)[pairing_id].state
    if not state.overdue:
        raise RuleViolation(
            "not_overdue",
            f"pairing {pairing_id} is not overdue: {state.days_quiet} days without a log "
            f"(threshold {days})",
        )
    assert state.rung is not None  # an overdue pairing stands on a rung (overdue at least)
    expected = NEXT_STEP.get(state.rung)
    if body.step != expected:
        raise RuleViolation(
            "escalation_order",
            f"pairing {pairing_id} is {state.rung} since {state.rung_date}: "
            + (f"the next step is {expected}" if expected else "it is escalated already"),
        )
    step = EscalationStep(
        pairing_id=pairing_id,
        step=body.step,
        step_date=today,
        days_quiet=state.days_quiet,
        note=body.note or None,
        created_by=user.id,
    )
    session.add(step)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=f"escalation.{body.step}",
        entity="pairing",
        entity_id=pairing_id,
        after=step,
    )
    session.commit()
    return _recorded(step)


def dissolve_pairing(
    session: Session, *, pairing_id: int, body: DissolveBody, user: User, actor: Actor
) -> DissolveResult:
    """Dissolve an active pairing with a reason (a planner): the ladder's last rung.

    The mentee is queued for re-matching and the pairing ended, in one transaction: the
    queue entry is written first, then ``pairings.end_pairing`` re-checks, records who
    ended it and why, and commits both. 409 ``already_ended`` on an ended pairing.
    """
    pairing = access.get_pairing(session, pairing_id)
    if pairing.status != "active":
        raise RuleViolation("already_ended", f"pairing {pairing_id} is already {pairing.status}")
    entry = enqueue_rematch(
        session, pairing=pairing, actor=actor, reason_code=body.reason_code, reason=body.reason
    )
    ended = end_pairing(
        session,
        pairing_id=pairing_id,
        user=user,
        actor=actor,
        body=PairingEnd(status="dissolved", outcome_rating=body.outcome_rating, reason=body.reason),
    )
    session.refresh(entry)
    return DissolveResult(
        pairing=PairingPublic.model_validate(ended),
        rematch=entries_public(session, [entry], as_of=clock.today())[0],
    )
