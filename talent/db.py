"""Engine and sessions for SQLite (default) and PostgreSQL, and the write lock.

SQLite runs in WAL mode with foreign keys on. ``write_lock`` serialises the writes that
read-then-write (capacity checks, the audit chain): a transaction-scoped advisory lock on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite (which has one writer at a time anyway).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Table, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, SQLModel, create_engine

from talent.config import get_settings
from talent.errors import NotFound

RowT = TypeVar("RowT", bound=SQLModel)


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: the configured database)."""
    settings = get_settings()
    url = url or settings.database_url
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "timeout": settings.sqlite_busy_timeout_ms / 1000,
            },
        )
        _configure_sqlite(engine, in_memory=":memory:" in url or url in ("sqlite://", "sqlite:///"))
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Core ``Table`` (its ``__table__``, which SQLModel's types leave out)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


_engine: Engine | None = None


def get_row(session: Session, model: type[RowT], row_id: int, entity: str) -> RowT:
    """The row of ``model`` with id ``row_id``, or ``NotFound(entity, row_id)`` (a 404)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(entity, row_id)
    return row


def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    global _engine
    if _engine is None:
        _engine = make_engine()
    return _engine


def set_engine(engine: Engine | None) -> None:
    """Replace the process-wide engine (tests, the CLI's ``--database`` option)."""
    global _engine
    _engine = engine


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine or get_engine()) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def write_lock(session: Session, key: str) -> None:
    """Serialise read-check-write sequences on ``key`` until the transaction ends."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        lock_id = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})
        return
    if bind.dialect.name == "sqlite":
        dbapi = session.connection().connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            dbapi.execute("BEGIN IMMEDIATE")
