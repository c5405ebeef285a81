"""Every route declares who may call it, and the app enforces exactly that.

The walker finds the ``RoleGuard`` in each route's dependencies. A new ``/api/v1`` route
without one fails here; for every role outside its guard the route answers 403, and
without a token 401, before any body or id is looked at.
"""

from __future__ import annotations

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from api.deps import RoleGuard
from api.main import API_PREFIX, ROUTERS, create_app

PUBLIC = {("POST", "/api/v1/auth/token"), ("GET", "/healthz")}
ROLES = ("admin", "planner", "mentor", "reviewer")


def _guards(dependant: Dependant) -> list[RoleGuard]:
    found = [dependant.call] if isinstance(dependant.call, RoleGuard) else []
    for sub in dependant.dependencies:
        found.extend(_guards(sub))
    return found


def api_routes() -> list[tuple[str, str, APIRoute]]:
    """Every (method, path, route) the app serves: its own routes and each mounted router's."""
    routes = []
    top = [(route, "") for route in create_app().routes if isinstance(route, APIRoute)]
    mounted = [(route, API_PREFIX) for router in ROUTERS for route in router.routes]
    for route, prefix in top + mounted:
        assert isinstance(route, APIRoute)
        routes.extend((method, prefix + route.path, route) for method in sorted(route.methods))
    return routes


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
        if (method, path) not in PUBLIC and len(_guards(route.dependant)) != 1
    ]
    assert not missing, f"routes without exactly one RoleGuard: {missing}"


def test_admin_may_do_everything() -> None:
    for method, path, route in api_routes():
        if (method, path) in PUBLIC:
            continue
        (guard,) = _guards(route.dependant)
        assert "admin" in guard.roles, f"{method} {path} shuts out admin"


def _fill(path: str) -> str:
    import re

    return re.sub(r"\{[^}]+\}", "1", path)


def test_wrong_roles_get_403_and_no_token_401(client, auth_headers) -> None:
    checked = 0
    for method, path, route in api_routes():
        if (method, path) in PUBLIC:
            continue
        (guard,) = _guards(route.dependant)
        url = _fill(path)
        assert client.request(method, url).status_code == 401, f"{method} {path} without token"
        for role in ROLES:
            if role not in guard.roles:
                response = client.request(method, url, headers=auth_headers[role])
                assert response.status_code == 403, (
                    f"{method} {path} as {role}: {response.status_code}"
                )
                checked += 1
    assert checked > 10
