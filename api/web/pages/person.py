"""A person's page: profile, skills, pairings, conflicts and manual pairing."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
