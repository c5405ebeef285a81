"""The web interface: server-rendered pages over the same services as the API.

``router`` holds the pages (none of them in the OpenAPI schema); ``install(app)`` adds
what they need around the app: the cookie session, the remembered language, security
headers, ``/static`` and HTML error pages. Mount with::

    from api import web
    web.install(app)
    app.include_router(web.router)
"""

from __future__ import annotations

from api.web.pages import router
from api.web.wiring import install

__all__ = ["install", "router"]
