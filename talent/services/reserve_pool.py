"""The pool as reviewers see it: candidates with eligibility, readiness and the last
decision; one candidate in full; who was in the pool on a date; its composition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from models import Person, PersonSkill, Skill
from models.reserve import ReserveCandidate, ReserveReview, ReviewCycle
from models.reserve_schemas import CandidateDetail, CandidatePublic, LastDecision
from talent.reserve.eligibility import age_on
from talent.services import reserve
from talent.services.org import court_of, units_by_id
from talent.services.people import unit_and_descendants
from talent.services.reserve_candidates import documents_of, get_candidate, history, pool_on

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
    if not candidates:
        return []
    policy = reserve.current_policy()
    person_ids = [c.person_id for c in candidates]
    people = {p.id: p for p in reserve.rows_for(session, Person, Person.id, person_ids)}
    eligibility = reserve.eligibility_of(session, person_ids, on=on, policy=policy)
    readiness = reserve.readiness_map(session, on=on, include=person_ids, policy=policy)
    confirmed = reserve.confirmed_bands(session, person_ids)
    decisions = last_decisions(session, [c.id for c in candidates])  # type: ignore[misc]
    views = []
    for c in candidates:
        person = people[c.person_id]
        ready = readiness.get(c.person_id)
        views.append(
            CandidatePublic(
                **c.model_dump(include=set(CandidatePublic.model_fields) - {"eligibility"}),
                name=person.name,
                staff_no=person.staff_no,
                unit_id=person.unit_id,
                tier=person.tier,
                eligibility=reserve.eligibility_public(eligibility[c.person_id], on),
                readiness=ready.readiness if ready else None,
                band=confirmed.get(c.person_id) or (ready.band if ready else None),
                box=ready.placement["box"] if ready else None,
                last_decision=decisions.get(c.id),  # type: ignore[arg-type]
            )
        )
    return views


def list_candidates(
    session: Session,
    *,
    status: str | None = None,
    unit_id: int | None = None,
    on: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[CandidatePublic]:
    query = select(ReserveCandidate)
    if status is not None:
        query = query.where(ReserveCandidate.status == status)
    if unit_id is not None:
        units = unit_and_descendants(session, unit_id)
        query = query.join(Person, col(Person.id) == ReserveCandidate.person_id).where(
            col(Person.unit_id).in_(units)
        )
    rows = session.exec(query.order_by(col(ReserveCandidate.id)).offset(offset).limit(limit)).all()
    return candidate_views(session, rows, on=on or date.today())


def candidate_view(
    session: Session, *, candidate_id: int, on: date | None = None
) -> CandidatePublic:
    candidate = get_candidate(session, candidate_id)
    return candidate_views(session, [candidate], on=on or date.today())[0]


def candidate_detail(
    session: Session, *, candidate_id: int, on: date | None = None
) -> CandidateDetail:
    on = on or date.today()
    candidate = get_candidate(session, candidate_id)
    view = candidate_views(session, [candidate], on=on)[0]
    readiness = reserve.person_readiness(session, person_id=candidate.person_id, on=on)
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
    rows = reserve.rows_for(session, ReserveCandidate, ReserveCandidate.id, ids)
    return candidate_views(session, rows, on=on)


def _age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    return next((name for name, low, high in AGE_BANDS if low <= age <= high), AGE_BANDS[-1][0])


def composition(session: Session, *, on: date | None = None, skill_level: int = 3) -> dict:
    """The pool on ``on`` by court, unit, gender, age band and skill (held at ``skill_level``+)."""
    on = on or date.today()
    ids = pool_on(session, on)
    candidates = reserve.rows_for(session, ReserveCandidate, ReserveCandidate.id, ids)
    people = reserve.rows_for(session, Person, Person.id, [c.person_id for c in candidates])
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
    for holding in reserve.rows_for(
        session,
        PersonSkill,
        PersonSkill.person_id,
        [p.id for p in people],  # type: ignore[misc]
    ):
        if holding.level >= skill_level:
            by_skill[skills[holding.skill_id].code] += 1

    def rows(counter: Counter[str]) -> list[dict]:
        return [
            {"key": k, "count": n}
            for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    return {
        "on": on,
        "size": len(people),
        "by_court": rows(by_court),
        "by_unit": rows(by_unit),
        "by_gender": rows(by_gender),
        "by_age_band": [
            {"key": name, "count": by_age[name]}
            for name in [b[0] for b in AGE_BANDS] + ["unknown"]
            if by_age[name]
        ],
        "by_skill": rows(by_skill),
    }
