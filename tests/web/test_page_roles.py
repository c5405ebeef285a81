"""Every page declares who may see it, with the same roles as the API, and the app enforces it.

The pages are walked as the API is (``tests/routes.py``), looking for the ``PageGuard``.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from api.web.security import PageGuard
from tests.conftest import TEST_PASSWORD
from tests.routes import ROLES, guarded, page_routes
from tests.web.conftest import log_in, mount_web

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/favicon.ico")}
PLANNING = {"admin", "planner"}
PAIRINGS = {"admin", "planner", "mentor"}
REVIEWING = {"admin", "reviewer"}
# Each page with the API's roles for what it shows or does (API.md): a new page goes here.
EXPECTED = {
    ("GET", "/"): set(ROLES),
    ("GET", "/roster"): {"admin", "planner", "reviewer"},
    ("GET", "/account/password"): set(ROLES),
    ("POST", "/account/password"): set(ROLES),
    ("GET", "/admin"): {"admin"},
    ("GET", "/admin/users"): {"admin"},
    ("POST", "/admin/users"): {"admin"},
    ("POST", "/admin/users/{user_id}/role"): {"admin"},
    ("POST", "/admin/users/{user_id}/password-reset"): {"admin"},
    ("POST", "/admin/users/{user_id}/deactivate"): {"admin"},
    ("POST", "/admin/users/{user_id}/reactivate"): {"admin"},
    ("POST", "/pairings/{pairing_id}/skill-level"): {"admin", "planner", "mentor"},
    ("GET", "/admin/audit"): {"admin"},
    ("GET", "/admin/audit/events/{event_id}"): {"admin"},
    ("GET", "/people/{person_id}"): {"admin", "planner", "reviewer"},
    ("POST", "/people/{person_id}/profile"): PLANNING,
    ("POST", "/people/{person_id}/conflicts"): PLANNING,
    ("POST", "/people/{person_id}/conflicts/{conflict_id}/withdraw"): PLANNING,
    ("POST", "/people/{person_id}/pair"): PLANNING,
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


def test_pages_stay_out_of_the_openapi_schema() -> None:
    app = mount_web(create_app())
    documented = set(app.openapi()["paths"])
    assert not documented & {path for _, path, _ in page_routes()}
    assert all(path.startswith("/api/v1") or path == "/healthz" for path in documented)


def test_every_page_declares_its_roles() -> None:
    guarded_pages = {
        (walked.method, walked.path): set(guard.roles)
        for walked, guard in guarded(page_routes(), PageGuard, PUBLIC)
    }
    assert guarded_pages == EXPECTED


def test_logged_out_goes_to_login_and_wrong_roles_get_403(client: TestClient, users) -> None:
    checked = 0
    pages = list(guarded(page_routes(), PageGuard, PUBLIC))
    for walked, _guard in pages:
        response = client.request(walked.method, walked.url, follow_redirects=False)
        assert response.status_code == 303, f"{walked.method} {walked.path} logged out"
        assert response.headers["location"].startswith("/login")
    for role in ROLES:
        client.cookies.clear()
        token = log_in(client, role, TEST_PASSWORD)
        for walked, guard in pages:
            if role in guard.roles:
                continue
            response = client.request(
                walked.method,
                walked.url,
                data={"csrf_token": token} if walked.method == "POST" else None,
            )
            assert response.status_code == 403, f"{walked.method} {walked.path} as {role}"
            checked += 1
    assert checked >= 15
