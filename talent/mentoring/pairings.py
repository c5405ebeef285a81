"""Pairings: creating one under every hard rule (safe under concurrency), listing, ending.

``create_pairing`` is the one door through which a pairing comes to exist: manual pairing
and accepted proposals both pass it. It takes the mentor's and the mentee's write locks
first, then re-reads and re-checks every rule inside the same transaction, so twenty
parallel accepts against a mentor with two free slots create exactly two pairings.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from models import Link, Pairing, Person, Role, User
from models.matching_schemas import PairingEnd
from talent import audit, clock
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from talent.mentoring.access import get_pairing
from talent.mentoring.overdue import last_activity, overdue_select
from talent.mentoring.rematch import enqueue_rematch, mismatch_between
from talent.roster.conflicts import conflict_between
from talent.roster.people import people_filter
from talent.roster.units import court_of, units_by_id


def link_for(mentor: Person, mentee: Person) -> Link:
    """The link on which ``mentor`` may mentor ``mentee``; 409 naming the tier rule otherwise."""
    for link in Link:
        if mentor.tier == link.mentor_tier and mentee.tier == link.mentee_tier:
            return link
    raise RuleViolation(
        "tier",
        f"tier rule: a tier-{mentor.tier} mentor cannot mentor a tier-{mentee.tier} mentee "
        "(links are 1 -> 2 and 2 -> 3)",
    )


def active_pairings_as_mentor(session: Session, mentor_id: int, link: Link) -> int:
    return session.exec(
        select(func.count())
        .select_from(Pairing)
        .where(
            Pairing.mentor_id == mentor_id, Pairing.link == link.value, Pairing.status == "active"
        )
    ).one()


def check_pair(
    session: Session,
    *,
    mentor: Person,
    mentee: Person,
    link: Link | None = None,
    cross_unit: bool = True,
) -> Link:
    """Raise RuleViolation naming the first hard rule the pair breaks; return its link."""
    if mentor.id == mentee.id:
        raise RuleViolation(
            "same_person",
            "same-person rule: nobody mentors themself",
            zh="本人规则：不能自己带自己",
        )
    pair_link = link_for(mentor, mentee)
    if link is not None and pair_link != link:
        raise RuleViolation(
            "tier",
            f"tier rule: this pair belongs to link {pair_link.value}, not {link.value}",
            zh=f"层级规则：这两人属于 {pair_link.value} 链条，不是 {link.value}",
        )
    for who, person in (("mentor", mentor), ("mentee", mentee)):
        if not person.active:
            raise RuleViolation(
                "inactive",
                f"inactive rule: the {who} {person.name} is not active",
                zh=f"在岗规则：{'导师' if who == 'mentor' else '徒弟'}{person.name}不在岗",
            )
    conflict = conflict_between(session, mentor.id, mentee.id)
    if conflict is not None:
        raise RuleViolation(
            "conflict",
            f"conflict-of-interest rule: {conflict.reason}",
            zh=f"利益冲突规则：{mentor.name}与{mentee.name}之间已申报利益冲突（{conflict.reason}）",
        )
    mismatch = mismatch_between(session, mentor.id, mentee.id)
    if mismatch is not None:
        raise RuleViolation(
            "mismatch",
            f"mismatch rule: the pairing of {mentor.name} and {mentee.name} was dissolved "
            f"as a mismatch on {mismatch.queued_on.isoformat()}",
            zh=f"不合适规则：{mentor.name}与{mentee.name}的结对已于 {mismatch.queued_on.isoformat()} "
            "因不合适解除，不再重新结对",
        )
    if not cross_unit:
        units = units_by_id(session)
        if court_of(units, mentor.unit_id) != court_of(units, mentee.unit_id):
            raise RuleViolation(
                "out_of_scope",
                "scope rule: the mentor is not in the mentee's court",
                zh=f"范围规则：导师{mentor.name}不在徒弟{mentee.name}所在法院",
            )
    paired = session.exec(
        select(Pairing.id).where(
            Pairing.mentee_id == mentee.id,
            Pairing.link == pair_link.value,
            Pairing.status == "active",
        )
    ).first()
    if paired is not None:
        raise RuleViolation(
            "already_paired",
            f"already-paired rule: {mentee.name} already has an active pairing on link {pair_link.value}",
            zh=f"已结对规则：{mentee.name}在 {pair_link.value} 链条上已有进行中的结对",
            pairing_id=paired,
        )
    used = active_pairings_as_mentor(session, mentor.id, pair_link)
    if used >= mentor.mentor_capacity:
        raise RuleViolation(
            "capacity",
            f"capacity rule: {mentor.name} has no free slot on link {pair_link.value} "
            f"({used} of {mentor.mentor_capacity} used)",
            zh=f"名额规则：{mentor.name}在 {pair_link.value} 链条上已无空余名额"
            f"（已用 {used} / {mentor.mentor_capacity}）",
        )
    return pair_link


def lock_pair(session: Session, mentor_id: int, mentee_id: int) -> None:
    """Serialise every change that could break capacity or one-mentor-per-link for this pair."""
    write_lock(session, f"mentor:{mentor_id}")
    write_lock(session, f"mentee:{mentee_id}")


def create_pairing(
    session: Session,
    *,
    mentor_id: int,
    mentee_id: int,
    actor: Actor,
    link: Link | None = None,
    start_date: date | None = None,
    proposal_id: int | None = None,
    commit: bool = True,
) -> Pairing:
    """Create an active pairing after re-checking every hard rule under the pair's locks."""
    lock_pair(session, mentor_id, mentee_id)
    mentor, mentee = session.get(Person, mentor_id), session.get(Person, mentee_id)
    if mentor is None:
        raise NotFound("person", mentor_id)
    if mentee is None:
        raise NotFound("person", mentee_id)
    session.refresh(mentor)
    session.refresh(mentee)
    pair_link = check_pair(session, mentor=mentor, mentee=mentee, link=link)
    start = start_date or clock.today()
    if start > clock.today():
        raise InvalidInput("start_date", "start_date is in the future")
    pairing = Pairing(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        link=pair_link.value,
        status="active",
        start_date=start,
        proposal_id=proposal_id,
        created_by=actor.id,
    )
    audit.saved(session, pairing, actor=actor, action="pairing.create", entity="pairing")
    if commit:
        session.commit()
        session.refresh(pairing)
    return pairing


def list_pairings(
    session: Session,
    *,
    user: User,
    mentor_id: int | None = None,
    mentee_id: int | None = None,
    status: str | None = None,
    link: str | None = None,
    overdue: bool | None = None,
    overdue_days: int = 30,
    unit_id: int | None = None,
    q: str | None = None,
    sort: str = "id",
    limit: int = 50,
    offset: int = 0,
) -> list[Pairing]:
    """Pairings filtered; a mentor sees only those where they are mentor or mentee.

    ``unit_id`` and ``q`` keep a pairing when its mentor or its mentee is in that unit
    (with its departments) or has a name or staff number containing ``q``. ``sort``
    ``urgency``: active pairings first, the longest quiet first (their latest log, or
    their start without one), then the ended ones; ``id`` (default) in id order.
    """
    query = select(Pairing)
    if user.role == Role.mentor:
        if user.person_id is None:
            return []
        query = query.where(
            (Pairing.mentor_id == user.person_id) | (Pairing.mentee_id == user.person_id)
        )
    if mentor_id is not None:
        query = query.where(Pairing.mentor_id == mentor_id)
    if mentee_id is not None:
        query = query.where(Pairing.mentee_id == mentee_id)
    if status is not None:
        query = query.where(Pairing.status == status)
    if link is not None:
        query = query.where(Pairing.link == link)
    for condition in people_filter(session, unit_id=unit_id, q=q):
        found = select(Person.id).where(condition)
        query = query.where(col(Pairing.mentor_id).in_(found) | col(Pairing.mentee_id).in_(found))
    if overdue is not None:
        quiet = overdue_select(as_of=clock.today(), days=overdue_days)
        query = query.where(
            col(Pairing.id).in_(quiet) if overdue else col(Pairing.id).not_in(quiet)
        )
    if sort == "urgency":
        last, anchor = last_activity()
        query = query.outerjoin(last, last.c.pairing_id == Pairing.id).order_by(
            case((col(Pairing.status) == "active", 0), else_=1), anchor, col(Pairing.id)
        )
    else:
        query = query.order_by(col(Pairing.id))
    return list(session.exec(query.offset(offset).limit(limit)).all())


def end_pairing(
    session: Session, *, pairing_id: int, body: PairingEnd, user: User, actor: Actor
) -> Pairing:
    """Complete or dissolve an active pairing (its mentor, a planner or an admin)."""
    pairing = get_pairing(session, pairing_id)
    if user.role == Role.mentor and pairing.mentor_id != user.person_id:
        raise Forbidden("only this pairing's mentor may end it")
    lock_pair(session, pairing.mentor_id, pairing.mentee_id)
    session.refresh(pairing)
    if pairing.status != "active":
        raise RuleViolation("already_ended", f"pairing {pairing_id} is already {pairing.status}")
    if body.status == "dissolved" and not (body.reason and body.reason.strip()):
        raise InvalidInput("reason", "dissolving a pairing needs a reason")
    before = pairing.model_dump()
    pairing.status = body.status
    pairing.end_date = clock.today()
    pairing.outcome_rating = body.outcome_rating
    pairing.end_reason = body.reason
    pairing.ended_by = actor.id
    session.add(pairing)
    session.flush()
    if body.status == "dissolved":
        enqueue_rematch(session, pairing=pairing, actor=actor, reason=body.reason)
    audit.record(
        session,
        actor=actor,
        action=f"pairing.{body.status}",
        entity="pairing",
        entity_id=pairing.id,
        before=before,
        after=pairing,
    )
    session.commit()
    session.refresh(pairing)
    return pairing
