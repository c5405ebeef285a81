"""The models and the latest migration agree; migrations run on an empty database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import models  # noqa: F401
from models.mentoring import CATEGORY_LABELS, TOPIC_MAX, LogCategory
from talent.db import make_engine
from talent.migrate import alembic_config, upgrade
from tests.conftest import scratch_pg_database


def test_models_match_latest_migration(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], (
        f"models differ from the migrations; run alembic revision --autogenerate: {diff}"
    )


# --- 0004: a log's topic becomes free text, its old code the category ------------------------
def _downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


@pytest.fixture
def empty_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A database with no tables at all, on ``backend``, for stepping through migrations."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'steps.db'}")
        yield engine
        engine.dispose()
        return
    with scratch_pg_database("talent_steps") as engine:
        yield engine


def _old_logs(connection: Connection, topics: list[str]) -> None:
    """Logs as revision 0003 stored them: one version per code, a skill, a confirmation."""
    run = connection.execute
    day = "'2026-01-05'"
    run(
        text(
            "INSERT INTO unit (id, name, kind, created_at)"
            f" VALUES (1, '乌海', 'intermediate_court', {day})"
        )
    )
    for pid, tier in ((1, 1), (2, 2)):
        run(
            text(
                "INSERT INTO person (id, staff_no, name, unit_id, tier, mentor_capacity,"
                " is_business_leader, is_expert_judge, active, created_at, updated_at)"
                f" VALUES ({pid}, 'S{pid}', '张{pid}', 1, {tier}, 2,"
                f" false, false, true, {day}, {day})"
            )
        )
    run(
        text(
            "INSERT INTO pairing (id, mentor_id, mentee_id, link, status, start_date, created_at)"
            f" VALUES (1, 1, 2, '1-2', 'active', {day}, {day})"
        )
    )
    run(text("INSERT INTO skill (id, code, name) VALUES (1, 'mediation', '调解')"))
    run(
        text(
            "INSERT INTO app_user"
            " (id, username, password_hash, role, person_id, active, created_at)"
            f" VALUES (1, 'young', 'x', 'mentor', 2, true, {day})"
        )
    )
    for i, topic in enumerate(topics, start=1):
        run(
            text(
                "INSERT INTO guidancelog (id, pairing_id, latest_version, created_at)"
                f" VALUES ({i}, 1, 1, {day})"
            )
        )
        run(
            text(
                "INSERT INTO guidancelogversion (id, log_id, version, session_date, minutes,"
                f" topic, notes, created_at) VALUES ({i}, {i}, 1, {day}, 60, :topic, :notes, {day})"
            ),
            {"topic": topic, "notes": "讨论了调解方案" if i == 1 else None},
        )
        run(text(f"INSERT INTO guidancelogskill (version_id, skill_id) VALUES ({i}, 1)"))
    run(
        text(
            "INSERT INTO logconfirmation (id, version_id, person_id, confirmed_by, confirmed_at)"
            f" VALUES (1, 1, 2, 1, {day})"
        )
    )


def _versions(connection: Connection, *columns: str) -> list[tuple[Any, ...]]:
    query = f"SELECT id, {', '.join(columns)} FROM guidancelogversion ORDER BY id"
    return [tuple(row) for row in connection.execute(text(query))]


def test_0004_moves_each_code_to_the_category_and_its_words_to_the_topic(
    empty_engine: Engine,
) -> None:
    codes = [c.value for c in LogCategory]
    upgrade(empty_engine, "0003")
    with empty_engine.begin() as connection:
        _old_logs(connection, codes)
    upgrade(empty_engine, "0004")
    with empty_engine.connect() as connection:
        assert _versions(connection, "topic", "category") == [
            (i, CATEGORY_LABELS[LogCategory(code)]["zh"], code)
            for i, code in enumerate(codes, start=1)
        ]
        assert _versions(connection, "notes")[0] == (1, "讨论了调解方案")
        skills = connection.execute(text("SELECT version_id FROM guidancelogskill ORDER BY 1"))
        assert [row[0] for row in skills] == list(range(1, len(codes) + 1))
        confirmed = connection.execute(text("SELECT version_id FROM logconfirmation")).all()
        assert [row[0] for row in confirmed] == [1]
    long_topic = "讨" * TOPIC_MAX
    with empty_engine.begin() as connection:  # free text of full length, no category
        connection.execute(
            text("UPDATE guidancelogversion SET topic = :t, category = NULL WHERE id = 2"),
            {"t": long_topic},
        )
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(text("UPDATE guidancelogversion SET category = 'gossip' WHERE id = 1"))

    _downgrade(empty_engine, "0003")
    with empty_engine.connect() as connection:
        assert [row[1] for row in _versions(connection, "topic")] == [
            codes[0],
            "other",
            *codes[2:],
        ]
        notes = dict(_versions(connection, "notes"))
        assert notes[1] == "讨论了调解方案" and notes[3] is None  # only words as the label
        assert notes[2] == "主题：" + long_topic  # the free text is kept in the notes
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(text("UPDATE guidancelogversion SET topic = '讨论' WHERE id = 1"))
