"""Star selection (海法星) for a year: the ranking of :mod:`talent.reserve.star` over the
active staff of a unit (a court with its departments), with names."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlmodel import Session, col, select

from models import Person
from models.reserve import CaseMetric, ListItem, PoliticalEntry
from models.reserve_schemas import StarPublic
from talent.reserve import evaluation, readiness, star
from talent.roster.units import unit_and_descendants


def rank(
    session: Session,
    *,
    year: int,
    unit_id: int | None = None,
    tier: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[StarPublic]:
    query = select(Person).where(Person.active == True)  # noqa: E712
    if unit_id is not None:
        query = query.where(col(Person.unit_id).in_(unit_and_descendants(session, unit_id)))
    if tier is not None:
        query = query.where(Person.tier == tier)
    people = {p.id: p for p in session.exec(query.order_by(col(Person.id))).all()}
    first, last = date(year, 1, 1), date(year, 12, 31)
    scores: dict[int, list[float]] = defaultdict(list)
    for entry in evaluation.rows_for(session, PoliticalEntry, PoliticalEntry.person_id, people):
        if (
            entry.score is not None
            and entry.status != "dismissed"
            and first <= entry.entry_date <= last
        ):
            scores[entry.person_id].append(entry.score)
    positive: Counter[int] = Counter()
    negative: Counter[int] = Counter()
    for item in evaluation.rows_for(session, ListItem, ListItem.person_id, people):
        if item.status == "dismissed":
            continue
        if item.polarity == "positive" and first <= item.item_date <= last:
            positive[item.person_id] += 1
        elif (
            item.polarity == "negative"
            and item.item_date <= last
            and (item.closed_on is None or item.closed_on > first)
        ):
            negative[item.person_id] += 1
    cases: dict[int, list[readiness.CasePeriod]] = defaultdict(list)
    for m in evaluation.rows_for(session, CaseMetric, CaseMetric.person_id, people):
        if m.period_start.year == year:
            cases[m.person_id].append(evaluation.case_period(m))
    evidence = [
        star.StarEvidence(pid, tuple(scores[pid]), positive[pid], negative[pid], tuple(cases[pid]))
        for pid in people
    ]
    ranked = star.rank_stars(evidence, evaluation.current_policy().star)
    return [
        StarPublic.model_validate(
            {
                **row,
                "name": people[row["person_id"]].name,
                "unit_id": people[row["person_id"]].unit_id,
            }
        )
        for row in ranked[offset : offset + limit]
    ]
