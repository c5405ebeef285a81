"""The pool as reviewers see it: candidates with eligibility, readiness and the last
decision; one candidate in full; who was in the pool on a date; its composition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, col, or_, select

from models import Person, PersonSkill, Skill
from models.reserve import CycleFlag, ReserveCandidate, ReserveReview, ReviewCycle
from models.reserve_schemas import (
    CandidateDetail,
    CandidatePublic,
    KeyCount,
    LastDecision,
    PoolComposition,
    ReadinessPublic,
)
from talent import clock
from talent.reserve import evaluation
from talent.reserve.candidates import documents_of, get_candidate, history, pool_on
from talent.reserve.eligibility import age_on
from talent.roster.units import court_of, unit_and_descendants, units_by_id

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("under 30", 0, 29),
    ("30-34", 30, 34),
    ("35-39", 35, 39),
    ("40-44", 40, 44),
    ("45 and over", 45, 200),
)


def last_decisions(session: Session, candidate_ids: Sequence[int]) -> dict[int, LastDecision]:
    """Each candidate's latest review (by the cycle's review date, then id)."""
    wanted = set(candidate_ids)
    rows = session.exec(
        select(ReserveReview, ReviewCycle)
        .join(ReviewCycle, col(ReviewCycle.id) == ReserveReview.cycle_id)
        .order_by(col(ReviewCycle.review_date), col(ReserveReview.id))
    ).all()
    return {
        review.candidate_id: LastDecision(
            cycle=cycle.code, decision=review.decision, comment=review.comment, band=review.band
        )
        for review, cycle in rows
        if review.candidate_id in wanted
    }


def candidate_views(
    session: Session, candidates: Sequence[ReserveCandidate], *, on: date
) -> list[CandidatePublic]:
    """Candidates with eligibility on ``on``, readiness, band and the last decision."""
    return [view for view, _ready in candidate_views_with_readiness(session, candidates, on=on)]


def candidate_views_with_readiness(
    session: Session, candidates: Sequence[ReserveCandidate], *, on: date
) -> list[tuple[CandidatePublic, ReadinessPublic]]:
    """Each candidate's view and full readiness (scores, breakdown, suggested and
    confirmed band), from one evaluation of the cohort."""
    if not candidates:
        return []
    policy = evaluation.current_policy()
    person_ids = [c.person_id for c in candidates]
    people = {p.id: p for p in evaluation.rows_for(session, Person, Person.id, person_ids)}
    eligibility = evaluation.eligibility_of(session, person_ids, on=on, policy=policy)
    readiness = evaluation.readiness_map(session, on=on, include=person_ids, policy=policy)
    confirmed = evaluation.confirmed_bands(session, person_ids)
    decisions = last_decisions(session, [c.id for c in candidates])
    found = []
    for c in candidates:
        person = people[c.person_id]
        ready = readiness[c.person_id]  # the cohort includes every candidate asked about
        view = CandidatePublic(
            **c.model_dump(include=set(CandidatePublic.model_fields) - {"eligibility"}),
            name=person.name,
            staff_no=person.staff_no,
            unit_id=person.unit_id,
            tier=person.tier,
            eligibility=evaluation.eligibility_public(eligibility[c.person_id], on),
            readiness=ready.readiness,
            band=confirmed.get(c.person_id) or ready.band,
            box=ready.placement["box"],
            last_decision=decisions.get(c.id),
        )
        found.append((view, evaluation.readiness_public(ready, on, confirmed.get(c.person_id))))
    return found


def latest_cycle(session: Session) -> ReviewCycle | None:
    """The cycle with the latest review date (the latest opened on a tie), if any."""
    return session.exec(
        select(ReviewCycle).order_by(
            col(ReviewCycle.review_date).desc(), col(ReviewCycle.id).desc()
        )
    ).first()


def flagged_in(session: Session, cycle: ReviewCycle | None) -> set[int]:
    """Ids of the candidates flagged for exit when ``cycle`` opened (none without a cycle)."""
    if cycle is None:
        return set()
    return set(
        session.exec(select(CycleFlag.candidate_id).where(CycleFlag.cycle_id == cycle.id)).all()
    )


def _like(text: str) -> str:
    """A LIKE pattern that matches ``text`` literally anywhere (``%`` and ``_`` escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_candidates(session: Session, **filters: Any) -> list[CandidatePublic]:
    """:func:`search_pool` without the readiness details (the API's candidate list)."""
    return [view for view, _ready in search_pool(session, **filters)]


def search_pool(
    session: Session,
    *,
    statuses: Sequence[str] | None = None,
    unit_id: int | None = None,
    q: str | None = None,
    band: str | None = None,
    eligible: bool | None = None,
    flagged: bool | None = None,
    on: date | None = None,
    order: Literal["id", "readiness"] = "readiness",
    limit: int | None = 50,
    offset: int = 0,
) -> list[tuple[CandidatePublic, ReadinessPublic]]:
    """Candidates filtered by state, unit (with its departments), name or staff number,
    and by what is computed for them on ``on``: band (confirmed, else suggested),
    eligibility, and the exit flag of the latest cycle; by id or highest readiness first
    (ties by id).

    Sorting by readiness or filtering on a computed value needs every matching candidate
    evaluated before the page is cut (a pool is tens to hundreds of people); otherwise
    only the page is.
    """
    on = on or clock.today()
    query = select(ReserveCandidate).join(Person, col(Person.id) == ReserveCandidate.person_id)
    if statuses is not None:
        query = query.where(col(ReserveCandidate.status).in_(list(statuses)))
    if unit_id is not None:
        query = query.where(col(Person.unit_id).in_(unit_and_descendants(session, unit_id)))
    if q and q.strip():
        pattern = _like(q.strip())
        query = query.where(
            or_(
                col(Person.name).like(pattern, escape="\\"),
                col(Person.staff_no).like(pattern, escape="\\"),
            )
        )
    query = query.order_by(col(ReserveCandidate.id))
    computed = band is not None or eligible is not None or flagged is not None
    if order == "id" and not computed:
        rows = session.exec(query.offset(offset).limit(limit)).all()
        return candidate_views_with_readiness(session, rows, on=on)
    pairs = candidate_views_with_readiness(session, session.exec(query).all(), on=on)
    flags = flagged_in(session, latest_cycle(session)) if flagged is not None else set()
    pairs = [
        (v, r)
        for v, r in pairs
        if (band is None or v.band == band)
        and (eligible is None or v.eligibility.eligible == eligible)
        and (flagged is None or (v.id in flags) == flagged)
    ]
    if order == "readiness":
        pairs.sort(key=lambda pair: (-pair[1].readiness, pair[0].id))
    return pairs[offset : None if limit is None else offset + limit]


def candidate_view(
    session: Session, *, candidate_id: int, on: date | None = None
) -> CandidatePublic:
    candidate = get_candidate(session, candidate_id)
    return candidate_views(session, [candidate], on=on or clock.today())[0]


def candidate_detail(
    session: Session, *, candidate_id: int, on: date | None = None
) -> CandidateDetail:
    on = on or clock.today()
    candidate = get_candidate(session, candidate_id)
    ((view, readiness),) = candidate_views_with_readiness(session, [candidate], on=on)
    return CandidateDetail(
        **view.model_dump(),
        readiness_detail=readiness,
        history=history(session, candidate_id=candidate_id),
        documents=documents_of(session, candidate_id),
    )


def pool_members(
    session: Session, *, on: date, limit: int | None = None, offset: int = 0
) -> list[CandidatePublic]:
    """Who was in the pool on ``on`` (the corrected record), evaluated on that date."""
    ids = pool_on(session, on)
    ids = ids[offset : None if limit is None else offset + limit]
    rows = evaluation.rows_for(session, ReserveCandidate, ReserveCandidate.id, ids)
    return candidate_views(session, rows, on=on)


def _age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    return next((name for name, low, high in AGE_BANDS if low <= age <= high), AGE_BANDS[-1][0])


def composition(
    session: Session, *, on: date | None = None, skill_level: int = 3
) -> PoolComposition:
    """The pool on ``on`` by court, unit, gender, age band and skill (held at ``skill_level``+)."""
    on = on or clock.today()
    ids = pool_on(session, on)
    candidates = evaluation.rows_for(session, ReserveCandidate, ReserveCandidate.id, ids)
    people = evaluation.rows_for(session, Person, Person.id, [c.person_id for c in candidates])
    units = units_by_id(session)
    by_court: Counter[str] = Counter()
    by_unit: Counter[str] = Counter()
    by_gender: Counter[str] = Counter()
    by_age: Counter[str] = Counter()
    for p in people:
        by_court[units[court_of(units, p.unit_id)].name] += 1
        unit = units[p.unit_id]
        by_unit[f"{units[court_of(units, p.unit_id)].name} {unit.name}"] += 1
        by_gender[p.gender or "unknown"] += 1
        by_age[_age_band(age_on(p.birth_date, on) if p.birth_date else None)] += 1
    skills = {s.id: s for s in session.exec(select(Skill)).all()}
    by_skill: Counter[str] = Counter()
    for holding in evaluation.rows_for(
        session,
        PersonSkill,
        PersonSkill.person_id,
        [p.id for p in people],
    ):
        if holding.level >= skill_level:
            by_skill[skills[holding.skill_id].code] += 1

    def rows(counter: Counter[str]) -> list[KeyCount]:
        return [
            KeyCount(key=k, count=n)
            for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    return PoolComposition(
        on=on,
        size=len(people),
        by_court=rows(by_court),
        by_unit=rows(by_unit),
        by_gender=rows(by_gender),
        by_age_band=[
            KeyCount(key=name, count=by_age[name])
            for name in [b[0] for b in AGE_BANDS] + ["unknown"]
            if by_age[name]
        ],
        by_skill=rows(by_skill),
    )
