"""The ASGI application: ``create_app()`` builds it, ``app`` is what uvicorn serves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import docs, errors, web
from api.routers import (
    audit,
    auth,
    graph,
    matching,
    mentoring,
    org,
    pairings,
    people,
    reserve,
    roster_import,
    skills,
    users,
)
from talent import __version__
from talent.config import get_settings
from talent.db import session_scope
from talent.users import ensure_first_admin

API_PREFIX = "/api/v1"
# Mounted in this order under API_PREFIX (tests walk this tuple to check every route's roles).
ROUTERS = (
    auth.router,
    org.router,
    skills.router,
    roster_import.router,
    people.router,
    matching.router,
    mentoring.router,
    pairings.router,
    graph.router,
    reserve.router,
    audit.router,
    users.router,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    if settings.admin_password:
        with session_scope() as session:
            ensure_first_admin(
                session, username=settings.admin_username, password=settings.admin_password
            )
    yield


def create_app() -> FastAPI:
    app = FastAPI(
        title="talent",
        version=__version__,
        description="Mentoring-chain matching and reserve-cadre pool for court HR departments.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    docs.install(app)
    errors.install(app)
    web.install(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(web.router)
    return app


app = create_app()
