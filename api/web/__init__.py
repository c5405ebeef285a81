"""The web interface: server-rendered pages over the same services as the API.

``router`` holds the pages (none of them in the OpenAPI schema); ``install(app)`` adds
what they need around the app: the cookie session, the remembered language, security
headers, ``/static`` and HTML error pages. Mount with::

    from api import web
    web.install(app)
    app.include_router(web.router)

The modules: ``pages/`` (one router module per domain), ``forms/`` (what a page's form
typed, parsed and checked), ``labels/`` (the words for the domain's codes), ``rendering``
(templates and the context every page gets), ``security`` (cookie session, CSRF, page
guards), ``i18n`` (Chinese first, English from the catalogue), ``error_pages``,
``page_headers``, ``names`` (names for ids), ``paging`` and ``score_bars``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import error_pages
from api.web.i18n import LanguageCookieMiddleware
from api.web.page_headers import PageHeadersMiddleware
from api.web.pages import router
from api.web.security import SchemeAwareSessionMiddleware
from talent.config import get_settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def install(app: FastAPI) -> None:
    """Add sessions, language cookie, page headers, ``/static`` and page error handlers.

    Call it after ``api.errors.install(app)``: the page handlers wrap the handlers already
    registered and hand every non-page request to them.
    """
    if getattr(app.state, "talent_web_installed", False):
        return
    app.state.talent_web_installed = True
    settings = get_settings()
    app.add_middleware(PageHeadersMiddleware)
    app.add_middleware(LanguageCookieMiddleware)
    app.add_middleware(
        SchemeAwareSessionMiddleware,
        secret_key=settings.secret_key,
        max_age=settings.token_minutes * 60,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    error_pages.install(app)


__all__ = ["install", "router"]
