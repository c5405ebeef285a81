"""The interactive API documentation at /docs and /redoc, served entirely by the app.

A court intranet has no internet, so the pages load Swagger UI and ReDoc from the copies
vendored under ``api/static/vendor/`` (pinned versions and licences in its README) rather
than FastAPI's default CDN, and ReDoc goes without Google Fonts. Swagger UI's online
validator is switched off for the same reason.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse

SWAGGER_UI = "vendor/swagger-ui"
"""swagger-ui-dist 5.35.0 (FastAPI's helper asks for swagger-ui-dist@5)."""
REDOC = "vendor/redoc"
"""redoc 2.5.4 (FastAPI's helper asks for redoc@2)."""


def _root(request: Request) -> str:
    """The proxy's ``root_path`` the app is served under ("" when served at /)."""
    return str(request.scope.get("root_path", ""))


def _static(request: Request, path: str) -> str:
    """The URL of a file under /static, behind a proxy's ``root_path`` too."""
    return f"{_root(request)}/static/{path}"


def install(app: FastAPI) -> None:
    """Serve /docs (Swagger UI) and /redoc for the app's OpenAPI schema, from /static."""

    @app.get("/docs", include_in_schema=False)
    def swagger(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=_root(request) + (app.openapi_url or ""),
            title=f"{app.title} API",
            swagger_js_url=_static(request, f"{SWAGGER_UI}/swagger-ui-bundle.js"),
            swagger_css_url=_static(request, f"{SWAGGER_UI}/swagger-ui.css"),
            swagger_favicon_url=_static(request, f"{SWAGGER_UI}/favicon-32x32.png"),
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=_root(request) + (app.openapi_url or ""),
            title=f"{app.title} API",
            redoc_js_url=_static(request, f"{REDOC}/redoc.standalone.js"),
            redoc_favicon_url=_static(request, f"{SWAGGER_UI}/favicon-32x32.png"),
            with_google_fonts=False,
        )
