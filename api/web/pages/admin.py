"""The admin's pages: the landing page and the accounts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
