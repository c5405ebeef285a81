"""The route walker of the access tests: every route the app serves and the guard it declares.

``api_routes()`` lists the API (``/healthz`` and each router of ``api.main.ROUTERS`` under
``/api/v1``), ``page_routes()`` the web pages and ``router_routes()`` one router's routes;
each entry is a ``Walked`` (method, full path, route). ``guarded`` walks the routes outside a
public set with the one guard each declares (``RoleGuard`` on the API, ``PageGuard`` on the
pages), ``outsiders`` names the roles a guard shuts out, and ``check_api_guards`` asks each
API route without a token and as each of those roles. ``tests/api/test_access.py``,
``tests/web/test_page_roles.py`` and the domains' access tests all walk with these, so a
route is found, filled in and checked the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple, Protocol, TypeVar

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

from api import web
from api.main import API_PREFIX, ROUTERS, create_app

ROLES = ("admin", "planner", "mentor", "reviewer")


class Guard(Protocol):
    roles: frozenset[str]


G = TypeVar("G", bound=Guard)


class Walked(NamedTuple):
    method: str
    path: str
    route: APIRoute

    @property
    def url(self) -> str:
        """The path with every ``{parameter}`` set to 1: guards answer before any id is read."""
        return fill(self.path)


def fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def guards_of(route: APIRoute, kind: type[G]) -> list[G]:
    """Every ``kind`` guard among the route's dependencies, however deep."""

    def found(dependant: Dependant) -> Iterator[G]:
        if isinstance(dependant.call, kind):
            yield dependant.call
        for sub in dependant.dependencies:
            yield from found(sub)

    return list(found(route.dependant))


def router_routes(routes: Iterable[BaseRoute], prefix: str = "") -> list[Walked]:
    """(method, ``prefix`` + path, route) for each route, one entry per method, sorted."""
    walked = []
    for route in routes:
        assert isinstance(route, APIRoute)
        walked.extend(Walked(m, prefix + route.path, route) for m in sorted(route.methods))
    return walked


def api_routes() -> list[Walked]:
    """Every route the API serves: the app's own routes and each mounted router's."""
    walked = router_routes(
        r for r in create_app().routes if isinstance(r, APIRoute) and r.include_in_schema
    )
    for router in ROUTERS:
        walked.extend(router_routes(router.routes, API_PREFIX))
    return walked


def page_routes() -> list[Walked]:
    """Every page with its full path, through the web router's lazy inclusions."""
    walked = []
    for context in iter_route_contexts(web.router.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            walked.extend(Walked(m, str(context.path), route) for m in sorted(route.methods))
    return walked


def guarded(
    walked: Iterable[Walked], kind: type[G], public: Iterable[tuple[str, str]] = ()
) -> Iterator[tuple[Walked, G]]:
    """The routes outside ``public``, each with the one ``kind`` guard it must declare."""
    skip = set(public)
    for entry in walked:
        if (entry.method, entry.path) in skip:
            continue
        guards = guards_of(entry.route, kind)
        assert len(guards) == 1, (
            f"{entry.method} {entry.path} has {len(guards)} {kind.__name__}s: {guards}"
        )
        yield entry, guards[0]


def outsiders(guard: Guard) -> list[str]:
    """The roles ``guard`` shuts out, in ``ROLES`` order."""
    return [role for role in ROLES if role not in guard.roles]


def check_api_guards(
    client: Any,
    headers: Mapping[str, Mapping[str, str]],
    routes: Iterable[tuple[Walked, Guard]],
) -> int:
    """Each route answers 401 without a token and 403 to every role outside its guard.

    ``headers`` holds an Authorization header per role; returns how many 403s were checked.
    """
    checked = 0
    for walked, guard in routes:
        method, path, url = walked.method, walked.path, walked.url
        assert client.request(method, url).status_code == 401, f"{method} {path} without token"
        for role in outsiders(guard):
            response = client.request(method, url, headers=headers[role])
            assert response.status_code == 403, f"{method} {path} as {role}: {response.status_code}"
            checked += 1
    return checked
