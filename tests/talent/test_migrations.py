"""The models and the latest migration agree; migrations run on an empty database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import models  # noqa: F401


def test_models_match_latest_migration(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], (
        f"models differ from the migrations; run alembic revision --autogenerate: {diff}"
    )
