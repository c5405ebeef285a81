"""The hash-chained audit log.

Each event stores the hash of the previous one; ``AuditHead`` holds the last sequence
number and hash, so that deleting events at the end of the chain is detected too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from models.common import utcnow


class AuditEvent(SQLModel, table=True):
    # None on the events record_many returns: they are bulk-inserted, their objects never flushed.
    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(max_length=64)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=64, index=True)
    entity_id: str | None = Field(default=None, max_length=64, index=True)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """One row (id 1): the chain's last sequence number and hash."""

    id: int = Field(default=1, primary_key=True)
    last_seq: int = 0
    last_hash: str = Field(default="0" * 64, max_length=64)
