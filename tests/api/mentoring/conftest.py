"""Fixtures of the mentoring API tests, and the requests they share.

Fixtures: ``people_headers`` (``auth_headers`` plus a second mentor and a mentee who logs
in) and ``pairing`` (an active 1-2 pairing of the mentor account). Plain functions the
tests import from here: ``days_ago``, ``log_body``, ``post_log`` and ``error_fields``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from api.main import API_PREFIX
from models import User
from talent import clock
from talent.security import create_access_token
from tests.conftest import PASSWORD_HASH

API = API_PREFIX
TODAY = clock.today()


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def _bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(user.id, user.role)}"}


@pytest.fixture
def people_headers(
    session: Session, org: dict[str, int], auth_headers: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """``auth_headers`` plus ``mentor2`` (another senior judge) and ``young`` (a mentee
    who logs in: young staff hold the mentor role, they mentor clerks)."""
    extra = {
        "mentor2": User(
            username="mentor2",
            password_hash=PASSWORD_HASH,
            role="mentor",
            person_id=org["senior2"],
        ),
        "young": User(
            username="young", password_hash=PASSWORD_HASH, role="mentor", person_id=org["young"]
        ),
    }
    session.add_all(extra.values())
    session.commit()
    return {**auth_headers, **{k: _bearer(u) for k, u in extra.items()}}


@pytest.fixture
def pairing(client, people_headers, org) -> dict:
    """An active 1-2 pairing: ``senior`` (the mentor account) mentors ``young``, 100 days old."""
    response = client.post(
        f"{API}/pairings",
        json={"mentor_id": org["senior"], "mentee_id": org["young"], "start_date": days_ago(100)},
        headers=people_headers["planner"],
    )
    assert response.status_code == 201, response.text
    return response.json()


def log_body(**overrides: object) -> dict:
    body = {
        "date": days_ago(3),
        "minutes": 45,
        "topic": "批改一份买卖合同纠纷判决书的说理部分",
        "category": "judgment_writing",
    }
    return {**body, **overrides}


def post_log(client, headers, pairing_id: int, **overrides: object) -> dict:
    response = client.post(
        f"{API}/pairings/{pairing_id}/logs", json=log_body(**overrides), headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def error_fields(response) -> list[str]:
    """The dotted field names a 422 body points at (the part of ``loc`` after ``body``)."""
    return [".".join(str(p) for p in e["loc"][1:]) for e in response.json()["detail"]]
