"""Every route declares who may call it, and the app enforces exactly that.

The walker (``tests/routes.py``) finds the ``RoleGuard`` in each route's dependencies. A new
``/api/v1`` route without one fails here; for every role outside its guard the route answers
403, and without a token 401, before any body or id is looked at.
"""

from __future__ import annotations

from api.deps import RoleGuard
from api.main import create_app
from tests.routes import api_routes, check_api_guards, guarded, guards_of

PUBLIC = {("POST", "/api/v1/auth/token"), ("GET", "/healthz")}


def test_the_walk_covers_every_route_the_app_documents() -> None:
    schema = create_app().openapi()
    documented = {(m.upper(), path) for path, ops in schema["paths"].items() for m in ops}
    walked = {(method, path) for method, path, _ in api_routes()}
    assert len(documented) > 10
    assert documented == walked


def test_every_route_declares_its_roles() -> None:
    missing = [
        f"{method} {path}"
        for method, path, route in api_routes()
        if (method, path) not in PUBLIC and len(guards_of(route, RoleGuard)) != 1
    ]
    assert not missing, f"routes without exactly one RoleGuard: {missing}"


def test_admin_may_do_everything() -> None:
    for walked, guard in guarded(api_routes(), RoleGuard, PUBLIC):
        assert "admin" in guard.roles, f"{walked.method} {walked.path} shuts out admin"


def test_wrong_roles_get_403_and_no_token_401(client, auth_headers) -> None:
    checked = check_api_guards(client, auth_headers, guarded(api_routes(), RoleGuard, PUBLIC))
    assert checked > 10
