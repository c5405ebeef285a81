"""One meaning of scope: a court is that court and its own departments.

On the demo, a run on the intermediate court alone considers only the mentees of that
court's own departments; with ``include_subordinate_courts`` it covers the city. The
report, the chain statistics and the skill coverage of the same scope count the same
people.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from models import Pairing, Person
from talent import clock
from talent.mentoring.reports import mentoring_report
from talent.roster.units import court_of, units_by_id
from tests.paging import fetch_all

RUNS = "/api/v1/matching/runs"


def _intermediate_court(client, headers) -> dict:  # type: ignore[no-untyped-def]
    units = client.get("/api/v1/units", headers=headers).json()
    return next(u for u in units if u["kind"] == "intermediate_court")


def _considered(client, headers, run: dict) -> set[int]:  # type: ignore[no-untyped-def]
    """Every mentee the run considered: those proposed and those left unmatched."""
    base = f"{RUNS}/{run['id']}"
    proposed = {p["mentee_id"] for p in fetch_all(client, f"{base}/proposals", headers)}
    unmatched = {u["mentee_id"] for u in fetch_all(client, f"{base}/unmatched", headers)}
    return proposed | unmatched


def _clerks_by_court(session: Session) -> dict[int, set[int]]:
    """Active tier-3 people without an active 2-3 pairing, by the court of their unit."""
    units = units_by_id(session)
    paired = select(Pairing.mentee_id).where(Pairing.link == "2-3", Pairing.status == "active")
    found: dict[int, set[int]] = {}
    for person in session.exec(
        select(Person).where(
            Person.tier == 3, col(Person.active).is_(True), col(Person.id).not_in(paired)
        )
    ).all():
        found.setdefault(court_of(units, person.unit_id), set()).add(person.id)
    return found


def test_a_court_is_itself_and_its_departments_unless_subordinate_courts_are_asked(
    client, demo, engine
) -> None:
    court = _intermediate_court(client, demo)
    with Session(engine) as session:
        by_court = _clerks_by_court(session)
    assert len(by_court) > 1, "the demo has district courts with clerks of their own"

    own = client.post(RUNS, json={"link": "2-3", "unit_ids": [court["id"]]}, headers=demo)
    assert own.status_code == 201, own.text
    assert own.json()["include_subordinate_courts"] is False
    assert _considered(client, demo, own.json()) == by_court[court["id"]]

    city = client.post(
        RUNS,
        json={"link": "2-3", "unit_ids": [court["id"]], "include_subordinate_courts": True},
        headers=demo,
    )
    assert city.status_code == 201, city.text
    assert city.json()["include_subordinate_courts"] is True
    assert _considered(client, demo, city.json()) == set().union(*by_court.values())

    # The two runs have different scopes: the second does not supersede the first.
    assert client.get(f"{RUNS}/{own.json()['id']}", headers=demo).json()["status"] == "completed"
    listed = client.get(RUNS, params={"unit_id": court["id"]}, headers=demo).json()
    assert {r["id"] for r in listed} == {own.json()["id"], city.json()["id"]}


def test_the_report_and_the_chains_count_the_people_a_run_of_the_same_scope_counts(
    client, demo, engine
) -> None:
    court = _intermediate_court(client, demo)
    today = clock.today()
    with Session(engine) as session:
        by_court = _clerks_by_court(session)
        units = units_by_id(session)
        reports = {
            subordinate: mentoring_report(
                session, unit_id=court["id"], date_to=today, subordinate_courts=subordinate
            )
            for subordinate in (False, True)
        }
    for subordinate, report in reports.items():
        clerks = next(c for c in report.coverage if c.tier == 3)
        unpaired = set().union(*by_court.values()) if subordinate else by_court[court["id"]]
        # Staff in scope = those a run would consider + those with a mentor today.
        assert clerks.staff == len(unpaired) + clerks.with_mentor
        courts = [row.unit_id for row in report.coverage_by_court]
        assert all(court_of(units, u) == u for u in courts)
        assert (courts == [court["id"]]) is not subordinate

        rows = client.get(
            "/api/v1/graph/chains",
            params={"unit_id": court["id"], "include_subordinate_courts": subordinate},
            headers=demo,
        ).json()
        court_rows = [r for r in rows if r["unit_id"] == r["court_id"]]
        assert sorted(r["unit_id"] for r in court_rows) == courts
        # A court's row counts its own staff and its departments': together, the report's.
        assert sum(r["tier3"] for r in court_rows) == clerks.staff
