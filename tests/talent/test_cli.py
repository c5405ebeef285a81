"""The ``talent`` command line, end to end on a temporary SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talent import db
from talent.cli import app
from talent.config import get_settings


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("TALENT_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    db.set_engine(None)
    yield path
    db.get_engine().dispose()
    db.set_engine(None)
    get_settings.cache_clear()


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin)


def test_upgrade_demo_users_match_and_audit(database: Path) -> None:
    assert run("db", "upgrade").exit_code == 0
    demo = run("demo")
    assert demo.exit_code == 0 and "443 people" in demo.output
    assert run("demo").exit_code == 1  # refuses to load twice
    assert run("demo", "--if-empty").exit_code == 0

    created = run(
        "create-user", "hr2", "--role", "planner", "--password-stdin", stdin="long-password\n"
    )
    assert created.exit_code == 0 and "created user hr2" in created.output
    assert (
        run(
            "create-user", "hr2", "--role", "planner", "--password-stdin", stdin="long-password\n"
        ).exit_code
        == 1
    )
    bad_role = run(
        "create-user", "hr3", "--role", "boss", "--password-stdin", stdin="long-password\n"
    )
    assert bad_role.exit_code == 2 and "role" in bad_role.output

    match = run("match", "--link", "2-3", "--top", "3")
    assert match.exit_code == 0 and "proposals" in match.output and "objective" in match.output
    for stage in ("load people and skills", "score candidate pairs", "solve the assignment"):
        assert stage in match.output  # the progress bars, left on screen
    assert run("match", "--link", "3-4").exit_code == 2

    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "audit chain ok" in verified.output

    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE auditevent SET actor_name = 'someone else' WHERE seq = 2")
    broken = run("audit", "verify")
    assert broken.exit_code == 1 and "seq=2" in broken.output


def test_weights_fit_keeps_defaults_on_little_evidence(database: Path) -> None:
    assert run("db", "upgrade").exit_code == 0
    assert run("demo").exit_code == 0
    fitted = run("weights", "fit", "--min-samples", "1000")
    assert fitted.exit_code == 0 and "defaults kept" in fitted.output
