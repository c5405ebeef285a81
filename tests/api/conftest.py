"""Fixtures of the API tests that work on the demo court system."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from talent.demo.load import REFERENCE_DATE, load_demo


@pytest.fixture
def demo(engine, client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The scale-1 demo loaded into the test database; the demo planner's auth header."""
    with Session(engine) as session:
        load_demo(session, scale=1, reference_date=REFERENCE_DATE)
        session.commit()
    token = client.post(
        "/api/v1/auth/token", data={"username": "planner", "password": "demo-planner-2026"}
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}
