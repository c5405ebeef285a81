"""Fixtures of the reserve API tests, and the requests they share.

Fixtures: ``eligible_young`` (``young`` made eligible under the default policy) and
``admitted`` (``young`` graded, nominated and admitted this cycle). Plain functions the tests
import from here: ``grade``, ``grade_recent``, ``nominate``, ``review`` and ``reserve_actions``.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, col, select

from api.main import API_PREFIX
from models import AuditEvent, Person
from talent import clock

API = API_PREFIX
TODAY = clock.today()


@pytest.fixture
def eligible_young(session: Session, org: dict[str, int]) -> int:
    """``young`` made eligible under the default policy: 30 years old, 8 years of service."""
    person = session.get(Person, org["young"])
    assert person is not None
    person.birth_date = date(TODAY.year - 30, 1, 1)
    person.hire_date = date(TODAY.year - 8, 7, 1)
    session.add(person)
    session.commit()
    return org["young"]


def reserve_actions(session: Session) -> list[str]:
    """The reserve pool's audit actions, oldest first."""
    return list(
        session.exec(
            select(AuditEvent.action)
            .where(col(AuditEvent.action).like("reserve.%"))
            .order_by(col(AuditEvent.seq))
        ).all()
    )


def grade(client, headers, person_id: int, year: int, value: str = "excellent", **extra) -> dict:
    response = client.post(
        f"{API}/reserve/people/{person_id}/assessments",
        json={"year": year, "grade": value, **extra},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()


def grade_recent(client, headers, person_id: int, grades: list[str]) -> None:
    """Grades for the last ``len(grades)`` full years, oldest first."""
    for k, value in enumerate(grades):
        grade(client, headers, person_id, TODAY.year - len(grades) + k, value)


def nominate(client, headers, person_id: int, **extra) -> dict:
    response = client.post(
        f"{API}/reserve/candidates", json={"person_id": person_id, **extra}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def review(client, headers, candidate_id: int, cycle: str, decision: str, **extra):
    return client.post(
        f"{API}/reserve/candidates/{candidate_id}/reviews",
        json={"cycle": cycle, "decision": decision, **extra},
        headers=headers,
    )


@pytest.fixture
def admitted(client, auth_headers, eligible_young) -> dict:
    """``young`` graded for the last three years, nominated and admitted in this year's cycle."""
    reviewer = auth_headers["reviewer"]
    grade_recent(client, reviewer, eligible_young, ["excellent", "competent", "excellent"])
    candidate = nominate(client, reviewer, eligible_young, reason="业务骨干")
    response = review(client, reviewer, candidate["id"], str(TODAY.year), "admit", comment="入库")
    assert response.status_code == 201, response.text
    return candidate
