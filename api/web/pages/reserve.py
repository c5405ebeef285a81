"""The reserve pool's place in the interface until the reserve module brings its pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.web.rendering import render
from api.web.security import ReviewerPage

router = APIRouter()


@router.get("/reserve", name="web.reserve")
def reserve(request: Request, user: ReviewerPage) -> Response:
    """A placeholder that says the reserve pool pages arrive with the reserve module."""
    return render(request, "reserve.html", user)
