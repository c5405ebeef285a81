"""The demo login accounts: one per role, the mentor accounts linked to demo people.

Apart from the roster rows because accounts carry secrets: the passwords are demo-only,
hashed once per process, and an account that already exists (a first-start admin) is
left alone.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlmodel import select

from models import User
from talent.db import table_of
from talent.security import hash_password

DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("admin", "demo-admin-2026", "admin"),
    ("planner", "demo-planner-2026", "planner"),
    ("reviewer", "demo-reviewer-2026", "reviewer"),
    ("mentor_senior", "demo-senior-2026", "mentor"),
    ("mentor_young", "demo-young-2026", "mentor"),
    ("mentor_enforce", "demo-enforce-2026", "mentor"),
]
"""Demo-only accounts (username, password, role). Never use these passwords elsewhere."""

DEMO_ACCOUNT_PEOPLE: dict[str, str] = {
    "mentor_senior": "senior_mentor",
    "mentor_young": "young_mentor",
    "mentor_enforce": "enforcement_head",
}
"""Which demo person (see ``talent.demo.staff.demo_people``) each mentor account is linked to."""


@cache
def _account_hashes() -> tuple[str, ...]:
    """The demo passwords hashed once per process (argon2 is slow on purpose)."""
    return tuple(hash_password(password) for _, password, _ in DEMO_ACCOUNTS)


def write_accounts(conn: Connection, linked: dict[str, int], now: datetime) -> int:
    """The demo accounts that do not exist yet (a first-start admin may already be there)."""
    taken = set(conn.execute(select(table_of(User).c.username)).scalars())
    rows = []
    for (username, _, role), password_hash in zip(DEMO_ACCOUNTS, _account_hashes(), strict=True):
        if username in taken:
            continue
        person = DEMO_ACCOUNT_PEOPLE.get(username)
        rows.append(
            dict(
                username=username,
                password_hash=password_hash,
                role=role,
                active=True,
                person_id=linked[person] if person else None,
                created_at=now,
            )
        )
    if rows:
        conn.execute(insert(table_of(User)), rows)
    return len(rows)
