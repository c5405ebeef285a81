"""The interactive API documentation at /docs and /redoc."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse


def install(app: FastAPI) -> None:
    """Serve /docs (Swagger UI) and /redoc for the app's OpenAPI schema."""

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "", title=f"{app.title} API")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url or "", title=f"{app.title} API")
