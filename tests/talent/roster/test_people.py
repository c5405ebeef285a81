"""Listing people: sorting by name, unit, tier, age and years of service; counting; withdrawing conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from models import AuditEvent, Conflict, Person
from models.schemas import ConflictCreate
from talent.audit import Actor
from talent.errors import InvalidInput, NotFound
from talent.roster import conflicts, people
from talent.roster.person_view import full_years

ACTOR = Actor(None, "test")


def _names(found: list[Person]) -> list[str]:
    return [p.name for p in found]


def test_sort_by_age_and_service_both_ways_unknown_dates_last(session: Session, org) -> None:
    # org: tier 1 born 1985, tier 2 1990, tier 3 1995 (hired 2010, 2015, 2020).
    extra = Person(staff_no="X001", name="无日期", unit_id=org["civil"], tier=3)
    session.add(extra)
    session.commit()
    young_first = people.list_people(session, sort="age", order="asc")
    ages = [p.birth_date for p in young_first]
    assert ages[-1] is None and ages[:-1] == sorted(ages[:-1], reverse=True)  # type: ignore[type-var]
    old_first = people.list_people(session, sort="age", order="desc")
    assert old_first[-1].name == "无日期"
    assert [p.birth_date for p in old_first[:-1]] == sorted(ages[:-1])  # type: ignore[type-var]
    by_service = people.list_people(session, sort="service", order="desc")
    assert [p.tier for p in by_service[:-1]] == [1, 1, 2, 2, 3, 3]
    # Ties are broken by id: the same order every time.
    assert _names(people.list_people(session, sort="tier")) == _names(
        people.list_people(session, sort="tier")
    )
    tiers = [p.tier for p in people.list_people(session, sort="tier", order="desc")]
    assert tiers == sorted(tiers, reverse=True)


def test_sort_by_name_and_unit_reverse_each_other(session: Session, org) -> None:
    up = _names(people.list_people(session, sort="name"))
    down = _names(people.list_people(session, sort="name", order="desc"))
    assert up == down[::-1] and sorted(up) == sorted(_names(people.list_people(session)))
    by_unit = people.list_people(session, sort="unit", limit=3, offset=0)
    rest = people.list_people(session, sort="unit", limit=10, offset=3)
    assert len(by_unit) + len(rest) == 6
    assert {p.id for p in by_unit}.isdisjoint({p.id for p in rest})


def test_unknown_sort_key_or_order_is_refused_with_the_field_named(session: Session, org) -> None:
    with pytest.raises(InvalidInput) as error:
        people.list_people(session, sort="salary")
    assert error.value.field == "sort"
    with pytest.raises(InvalidInput) as error:
        people.list_people(session, sort="name", order="sideways")
    assert error.value.field == "order"


def test_count_people_follows_the_filters(session: Session, org) -> None:
    assert people.count_people(session) == 6
    assert people.count_people(session, tier=3) == 2
    assert people.count_people(session, unit_id=org["district"]) == 2
    assert people.count_people(session, q="张") == 1
    assert people.count_people(session, q="张", tier=3) == 0


def test_full_years_counts_birthdays() -> None:
    assert full_years(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert full_years(date(2000, 2, 29), date(2026, 3, 1)) == 26
    assert full_years(date(2026, 6, 1), date(2026, 1, 1)) == 0


def test_withdraw_a_conflict_keeps_it_in_the_audit_log(session: Session, org) -> None:
    made = conflicts.create_conflict(
        session,
        body=ConflictCreate(person_a=org["young"], person_b=org["clerk"], reason="同一案件"),
        actor=ACTOR,
    )
    with pytest.raises(InvalidInput) as error:
        conflicts.withdraw_conflict(session, conflict_id=made.id, reason="  ", actor=ACTOR)
    assert error.value.field == "reason"
    conflicts.withdraw_conflict(session, conflict_id=made.id, reason="误报", actor=ACTOR)
    assert session.exec(select(Conflict)).first() is None
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "conflict.withdraw")).one()
    assert event.entity_id == str(made.id) or event.entity_id == made.id
    assert "误报" in str(event.after) and "同一案件" in str(event.before)
    with pytest.raises(NotFound):
        conflicts.withdraw_conflict(session, conflict_id=made.id, reason="再撤", actor=ACTOR)
