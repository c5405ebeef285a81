"""Fixtures for the page tests: the app with the pages mounted, logins through the form.

Page tests (``TestClient``) use the shared ``engine`` fixture, so they run on SQLite and on
PostgreSQL. Plain functions the tests import from here: ``log_in``, ``csrf_of`` and
``build_chains`` (pairings, a log and skills that the graph and report pages both show).
The browser tests have their own fixtures in ``browser/conftest.py``.
"""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import NoMatchFound

from api import web
from talent import clock

API = "/api/v1"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def mount_web(app: FastAPI) -> FastAPI:
    """Install the pages on ``app`` unless ``api.main`` already did."""
    web.install(app)
    try:
        app.url_path_for("web.login")
    except NoMatchFound:
        app.include_router(web.router)
    return app


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The shared test app (session overridden to the test database) with the pages."""
    return mount_web(app)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def log_in(client: TestClient, username: str, password: str) -> str:
    """Log in through the form; returns the session's CSRF token for later forms."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:500]
    return csrf_of(client.get("/").text)


def build_chains(client: TestClient, headers: dict[str, dict[str, str]], org: dict) -> dict:
    """Pairings 王建国 -> 张伟 -> 陈静 (the intermediate court) and 李淑芬 -> 刘洋 (district),
    a logged session on the first, and skills that leave two of the court's skills at risk.
    """
    planner = headers["planner"]
    made = {}
    for key, mentor, mentee in (
        ("senior_young", "senior", "young"),
        ("young_clerk", "young", "clerk"),
        ("district", "senior2", "young2"),
    ):
        response = client.post(
            f"{API}/pairings",
            json={"mentor_id": org[mentor], "mentee_id": org[mentee]},
            headers=planner,
        )
        assert response.status_code == 201, response.text
        made[key] = response.json()["id"]
    skills = {
        "senior": [{"skill_code": "civil_trial", "level": 4}],
        "young": [
            {"skill_code": "civil_trial", "level": 3},
            {"skill_code": "mediation", "level": 3},
        ],
        "clerk": [{"skill_code": "judgment_writing", "level": 1, "target_level": 3}],
    }
    for who, rows in skills.items():
        response = client.put(f"{API}/people/{org[who]}/skills", json=rows, headers=planner)
        assert response.status_code == 200, response.text
    logged = client.post(
        f"{API}/pairings/{made['senior_young']}/logs",
        json={"date": clock.today().isoformat(), "minutes": 90, "topic": "judgment_writing"},
        headers=headers["admin"],
    )
    assert logged.status_code == 201, logged.text
    return made
