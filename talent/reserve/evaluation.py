"""Reserve-pool evaluation from the database: the policy in force, eligibility and
readiness of people, and the band a reviewer last confirmed.

The formulas live in :mod:`talent.reserve`; this module only gathers their plain inputs.
The readiness cohort is every active person of the policy's tiers (plus whoever else is
asked about), so a person's scores are the same on every page that shows them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from models import Pairing, Person
from models.mentoring import SkillLevelChange
from models.reserve import (
    Assessment,
    CaseMetric,
    DevelopmentActivity,
    ListItem,
    PostStandard,
    ReserveCandidate,
    ReserveReview,
    ReviewCycle,
)
from models.reserve_schemas import EligibilityPublic, ReadinessPublic, RuleFailurePublic
from talent import clock
from talent.db import table_of
from talent.errors import RuleViolation
from talent.reserve import eligibility as rules
from talent.reserve import readiness as scores
from talent.reserve.policy import Policy, PolicyError, PolicyInForce, load_policy, policy_path
from talent.roster.people import get_person

T = TypeVar("T", bound=SQLModel)
CHUNK = 2000
HONOUR_KINDS = ("recognition", "award", "competition")
EXCHANGE_KINDS = ("secondment", "paired_support")


def current_policy() -> Policy:
    """The policy file in force; a broken file is a 409 naming the key, not a 500."""
    try:
        return load_policy()
    except PolicyError as error:
        raise RuleViolation("reserve_policy", str(error)) from error


def policy_in_force() -> PolicyInForce:
    """The policy in force and the file it came from."""
    return PolicyInForce(path=str(policy_path()), policy=current_policy())


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def rows_for(session: Session, model: type[T], column: Any, ids: Iterable[int]) -> list[T]:
    """Rows of ``model`` whose ``column`` is in ``ids``, by primary key within each chunk."""
    found: list[T] = []
    for chunk in _chunks(sorted(set(ids))):
        found.extend(
            session.exec(
                select(model)
                .where(col(column).in_(chunk))
                .order_by(*table_of(model).primary_key.columns)
            ).all()
        )
    return found


def records_for(
    session: Session, model: type[SQLModel], column: Any, ids: Iterable[int]
) -> list[Any]:
    """Like :func:`rows_for`, but plain read-only rows (attribute access by column name)
    rather than ORM objects: the readiness cohort reads thousands of records per page,
    and building an ORM object for each costs several times the query."""
    table = table_of(model)
    found: list[Any] = []
    for chunk in _chunks(sorted(set(ids))):
        found.extend(
            session.execute(
                select(*table.columns)
                .where(col(column).in_(chunk))
                .order_by(*table.primary_key.columns)
            ).all()
        )
    return found


def _people(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    return {p.id: p for p in rows_for(session, Person, Person.id, ids)}


# --- eligibility -------------------------------------------------------------------------
def person_facts(session: Session, person_ids: Iterable[int]) -> dict[int, rules.PersonFacts]:
    """What the eligibility rules look at, for each person (unknown ids are left out)."""
    people = _people(session, person_ids)
    grades: dict[int, dict[int, str]] = defaultdict(dict)
    for a in records_for(session, Assessment, Assessment.person_id, people):
        grades[a.person_id][a.year] = a.grade
    negatives: dict[int, list[rules.NegativeItem]] = defaultdict(list)
    for item in records_for(session, ListItem, ListItem.person_id, people):
        if item.polarity == "negative":
            negatives[item.person_id].append(
                rules.NegativeItem(item.item_date, item.status, item.closed_on)
            )
    return {
        pid: rules.PersonFacts(
            person_id=pid,
            tier=p.tier,
            active=p.active,
            birth_date=p.birth_date,
            hire_date=p.hire_date,
            grades=grades[pid],
            negative_items=tuple(negatives[pid]),
        )
        for pid, p in people.items()
    }


def eligibility_of(
    session: Session, person_ids: Iterable[int], *, on: date, policy: Policy | None = None
) -> dict[int, rules.Eligibility]:
    policy = policy or current_policy()
    return {
        pid: rules.evaluate(facts, policy.eligibility, on)
        for pid, facts in person_facts(session, person_ids).items()
    }


def eligibility_public(result: rules.Eligibility, on: date) -> EligibilityPublic:
    return EligibilityPublic(
        eligible=result.eligible,
        reasons=list(result.reasons),
        details=[RuleFailurePublic.model_validate(vars(f)) for f in result.details],
        on=on,
    )


def person_eligibility(
    session: Session, *, person_id: int, on: date | None = None
) -> EligibilityPublic:
    get_person(session, person_id)
    on = on or clock.today()
    return eligibility_public(eligibility_of(session, [person_id], on=on)[person_id], on)


# --- readiness ---------------------------------------------------------------------------
def _indicator_total(a: Assessment, weights: dict[int, float]) -> float | None:
    c = weights.get(a.standard_id, 0.5) if a.standard_id is not None else 0.5
    if a.common_score is not None and a.post_score is not None:
        return c * a.common_score + (1 - c) * a.post_score
    return a.common_score if a.common_score is not None else a.post_score


def case_period(metric: CaseMetric) -> scores.CasePeriod:
    """A case-metric row as the scoring functions take it."""
    return scores.CasePeriod(
        metric.period_end,
        metric.cases_closed,
        metric.on_time_rate,
        metric.reversal_rate,
        metric.acceptance_rate,
        metric.public_satisfaction,
    )


def evidence_for(session: Session, person_ids: Iterable[int]) -> dict[int, scores.Evidence]:
    """Everything readiness looks at, for each person (unknown ids are left out)."""
    people = _people(session, person_ids)
    weights = {s.id: s.common_weight for s in session.exec(select(PostStandard)).all()}
    grades: dict[int, dict[int, str]] = defaultdict(dict)
    indicators: dict[int, dict[int, float]] = defaultdict(dict)
    for a in records_for(session, Assessment, Assessment.person_id, people):
        grades[a.person_id][a.year] = a.grade
        total = _indicator_total(a, weights)
        if total is not None:
            indicators[a.person_id][a.year] = total
    cases: dict[int, list[scores.CasePeriod]] = defaultdict(list)
    for m in records_for(session, CaseMetric, CaseMetric.person_id, people):
        cases[m.person_id].append(case_period(m))
    hours: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    honours: dict[int, list[scores.Honour]] = defaultdict(list)
    exchanges: dict[int, list[scores.Exchange]] = defaultdict(list)
    for act in records_for(session, DevelopmentActivity, DevelopmentActivity.person_id, people):
        if act.kind == "training":
            hours[act.person_id][act.start_date.year] += act.hours or 0.0
        elif act.kind in HONOUR_KINDS:
            day = act.end_date or act.start_date
            honours[act.person_id].append(scores.Honour(day, act.kind, act.recognition, act.level))
        elif act.kind in EXCHANGE_KINDS:
            exchanges[act.person_id].append(scores.Exchange(act.start_date, act.end_date))
    ratings: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for pairing in records_for(session, Pairing, Pairing.mentee_id, people):
        if pairing.status != "active" and pairing.outcome_rating and pairing.end_date:
            ratings[pairing.mentee_id].append((pairing.end_date, pairing.outcome_rating))
    growth: dict[int, list[scores.SkillChange]] = defaultdict(list)
    for change in records_for(session, SkillLevelChange, SkillLevelChange.person_id, people):
        delta = (change.to_level or 0) - (change.from_level or 0)
        growth[change.person_id].append(scores.SkillChange(change.effective_date, delta))
    return {
        pid: scores.Evidence(
            person_id=pid,
            hire_date=p.hire_date,
            grades=grades[pid],
            indicator_scores=indicators[pid],
            cases=tuple(cases[pid]),
            training_hours=dict(hours[pid]),
            honours=tuple(honours[pid]),
            titles=frozenset(
                code
                for code, held in (
                    ("business_leader", p.is_business_leader),
                    ("expert_judge", p.is_expert_judge),
                )
                if held
            ),
            mentor_ratings=tuple(ratings[pid]),
            skill_changes=tuple(growth[pid]),
            exchanges=tuple(exchanges[pid]),
        )
        for pid, p in people.items()
    }


def cohort_ids(session: Session, policy: Policy, include: Iterable[int] = ()) -> list[int]:
    """Active people of the policy's tiers, plus ``include``; sorted."""
    ids = session.exec(
        select(Person.id).where(
            Person.active == True,  # noqa: E712
            col(Person.tier).in_(list(policy.eligibility.tiers)),
        )
    ).all()
    return sorted(set(ids) | set(include))


def readiness_map(
    session: Session,
    *,
    on: date,
    include: Iterable[int] = (),
    policy: Policy | None = None,
) -> dict[int, scores.Readiness]:
    """Readiness of the whole cohort (and ``include``), by person id."""
    policy = policy or current_policy()
    ids = cohort_ids(session, policy, include)
    evidence = evidence_for(session, ids)
    cohort = [evidence[pid] for pid in ids if pid in evidence]
    results = scores.score_cohort(cohort, on, policy.readiness, policy.ninebox)
    return {r.person_id: r for r in results}


def confirmed_bands(session: Session, person_ids: Iterable[int]) -> dict[int, str]:
    """The band a reviewer last confirmed or set for each person, where there is one."""
    wanted = set(person_ids)
    rows = session.exec(
        select(ReserveCandidate.person_id, ReserveReview.band)
        .join(ReserveReview, col(ReserveReview.candidate_id) == ReserveCandidate.id)
        .join(ReviewCycle, col(ReviewCycle.id) == ReserveReview.cycle_id)
        .where(col(ReserveReview.band).is_not(None))
        .order_by(col(ReviewCycle.review_date), col(ReserveReview.id))
    ).all()
    # the latest cycle wins; ``band is not None`` is the WHERE above, restated for the checker
    return {pid: band for pid, band in rows if pid in wanted and band is not None}


def readiness_public(result: scores.Readiness, on: date, confirmed: str | None) -> ReadinessPublic:
    return ReadinessPublic.model_validate(
        {
            "person_id": result.person_id,
            "performance": result.performance,
            "potential": result.potential,
            "readiness": result.readiness,
            "band_suggested": result.band,
            "band": confirmed or result.band,
            "band_confirmed": confirmed,
            **result.placement,
            "breakdown": result.breakdown,
            "cohort_size": result.cohort_size,
            "on": on,
        }
    )


def person_readiness(
    session: Session, *, person_id: int, on: date | None = None
) -> ReadinessPublic:
    get_person(session, person_id)
    on = on or clock.today()
    result = readiness_map(session, on=on, include=[person_id])[person_id]
    return readiness_public(result, on, confirmed_bands(session, [person_id]).get(person_id))


def reasons_json(result: rules.Eligibility) -> tuple[str, str]:
    """(reasons, details) as JSON text for the flag and review columns."""
    return (
        json.dumps(list(result.reasons)),
        json.dumps([vars(f) for f in result.details], ensure_ascii=False),
    )
