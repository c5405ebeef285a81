"""Every page declares who may see it, with the same roles as the API, and the app enforces it."""

from __future__ import annotations

import re

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from api import web
from api.main import create_app
from api.web.security import PageGuard
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in, mount_web

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/favicon.ico")}
ROLES = ("admin", "planner", "mentor", "reviewer")
PLANNING = {"admin", "planner"}
PAIRINGS = {"admin", "planner", "mentor"}
REVIEWING = {"admin", "reviewer"}
# Each page with the API's roles for what it shows or does (API.md): a new page goes here.
EXPECTED = {
    ("GET", "/"): set(ROLES),
    ("GET", "/roster"): {"admin", "planner", "reviewer"},
    ("GET", "/matching"): PLANNING,
    ("POST", "/matching/preview"): PLANNING,
    ("POST", "/matching/runs"): PLANNING,
    ("GET", "/matching/runs/{run_id}"): PLANNING,
    ("GET", "/matching/runs/{run_id}/mentees/{mentee_id}"): PLANNING,
    ("POST", "/matching/proposals/{proposal_id}/accept"): PLANNING,
    ("POST", "/matching/proposals/{proposal_id}/reject"): PLANNING,
    ("POST", "/matching/runs/{run_id}/decide"): PLANNING,
    ("GET", "/graph"): PLANNING,
    ("GET", "/graph/data"): PLANNING,
    ("GET", "/reports"): PLANNING,
    ("GET", "/reports/export.xlsx"): PLANNING,
    ("GET", "/reports/export.csv"): PLANNING,
    ("GET", "/roster/import"): PLANNING,
    ("POST", "/roster/import"): PLANNING,
    ("GET", "/roster/import/template.xlsx"): PLANNING,
    ("GET", "/roster/import/template.csv"): PLANNING,
    ("GET", "/pairings"): PLANNING,
    ("POST", "/pairings/{pairing_id}/end"): PLANNING,
    ("POST", "/pairings/{pairing_id}/escalation"): PLANNING,
    ("POST", "/rematch/{entry_id}/withdraw"): PLANNING,
    ("POST", "/pairings/{pairing_id}/logs"): {"admin", "mentor"},
    ("POST", "/logs/{log_id}/corrections"): {"admin", "mentor"},
    ("POST", "/logs/{log_id}/confirm"): {"admin", "mentor"},
    ("POST", "/action-items/{item_id}/done"): PAIRINGS,
    ("POST", "/pairings/{pairing_id}/goals"): PAIRINGS,
    ("POST", "/goals/{goal_id}/status"): PAIRINGS,
    ("GET", "/mentees"): PAIRINGS,
    ("GET", "/pairings/{pairing_id}"): PAIRINGS,
    ("GET", "/reserve"): REVIEWING,
    ("GET", "/reserve/pack.xlsx"): REVIEWING,
    ("GET", "/reserve/compare"): REVIEWING,
    ("GET", "/reserve/nine-box"): REVIEWING,
    ("GET", "/reserve/succession"): REVIEWING,
    ("GET", "/reserve/candidates/{candidate_id}"): REVIEWING,
    ("POST", "/reserve/candidates/{candidate_id}/reviews"): REVIEWING,
    ("POST", "/reserve/candidates/{candidate_id}/transitions"): REVIEWING,
    ("POST", "/reserve/candidates/{candidate_id}/undo"): REVIEWING,
    ("GET", "/reserve/candidates/{candidate_id}/sheet.docx"): REVIEWING,
    ("GET", "/reserve/candidates/{candidate_id}/documents/{document_id}"): REVIEWING,
}


def _guards(dependant: Dependant) -> list[PageGuard]:
    found = [dependant.call] if isinstance(dependant.call, PageGuard) else []
    for sub in dependant.dependencies:
        found.extend(_guards(sub))
    return found


def page_routes() -> list[tuple[str, str, APIRoute]]:
    """(method, full path, route) for every page, through the router's lazy inclusions."""
    found = []
    for context in iter_route_contexts(web.router.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            found.extend((method, str(context.path), route) for method in sorted(route.methods))
    return found


def test_pages_stay_out_of_the_openapi_schema() -> None:
    app = mount_web(create_app())
    documented = set(app.openapi()["paths"])
    assert not documented & {path for _, path, _ in page_routes()}
    assert all(path.startswith("/api/v1") or path == "/healthz" for path in documented)


def test_every_page_declares_its_roles() -> None:
    guarded = {}
    for method, path, route in page_routes():
        if (method, path) in PUBLIC:
            continue
        guards = _guards(route.dependant)
        assert len(guards) == 1, f"{method} {path} has {len(guards)} page guards"
        guarded[(method, path)] = set(guards[0].roles)
    assert guarded == EXPECTED


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_logged_out_goes_to_login_and_wrong_roles_get_403(client: TestClient, users) -> None:
    checked = 0
    for method, path, _route in page_routes():
        if (method, path) in PUBLIC:
            continue
        response = client.request(method, _fill(path), follow_redirects=False)
        assert response.status_code == 303, f"{method} {path} logged out"
        assert response.headers["location"].startswith("/login")
    for role in ROLES:
        client.cookies.clear()
        token = log_in(client, role, TEST_PASSWORD)
        for method, path, route in page_routes():
            if (method, path) in PUBLIC:
                continue
            (guard,) = _guards(route.dependant)
            if role in guard.roles:
                continue
            response = client.request(
                method, _fill(path), data={"csrf_token": token} if method == "POST" else None
            )
            assert response.status_code == 403, f"{method} {path} as {role}"
            checked += 1
    assert checked >= 15
