"""Listing pairings by unit and by name, checked against a filter of the whole list."""

from __future__ import annotations

from sqlmodel import Session, select

from models import Person, Unit
from tests.paging import fetch_all

PAIRINGS = "/api/v1/pairings"


def test_unit_and_name_filters_keep_pairings_whose_mentor_or_mentee_match(
    client, demo, engine
) -> None:
    everything = fetch_all(client, PAIRINGS, demo)
    with Session(engine) as session:
        people = {p.id: p for p in session.exec(select(Person)).all()}
        units = session.exec(select(Unit)).all()
    court = next(
        u for u in units if u.parent_id is not None and any(d.parent_id == u.id for d in units)
    )
    in_court = {court.id} | {u.id for u in units if u.parent_id == court.id}

    def touches(pairing: dict, keep) -> bool:  # type: ignore[no-untyped-def]
        return keep(people[pairing["mentor_id"]]) or keep(people[pairing["mentee_id"]])

    by_unit = fetch_all(client, PAIRINGS, demo, {"unit_id": court.id})
    expected = [p for p in everything if touches(p, lambda person: person.unit_id in in_court)]
    assert by_unit and [p["id"] for p in by_unit] == [p["id"] for p in expected]
    assert len(by_unit) < len(everything)

    name = people[everything[0]["mentor_id"]].name
    by_name = fetch_all(client, PAIRINGS, demo, {"q": name})
    expected = [p for p in everything if touches(p, lambda person: name in person.name)]
    assert [p["id"] for p in by_name] == [p["id"] for p in expected]
    assert fetch_all(client, PAIRINGS, demo, {"q": "没有这个人"}) == []
    assert client.get(PAIRINGS, params={"q": "x" * 101}, headers=demo).status_code == 422
