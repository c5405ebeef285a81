"""Accounts: list, change role, reset password, deactivate (admin); one's own password."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/users", tags=["users"])
