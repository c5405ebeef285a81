"""Shared fixtures: a migrated database per test on SQLite and on PostgreSQL.

Every test that asks for ``engine`` (directly or through ``session``/``client``) runs once
per backend: SQLite (a copy of a migrated template file) and PostgreSQL (a throwaway
database on the server in ``TALENT_TEST_POSTGRES_URL``, default 127.0.0.1:5432).
``--db sqlite`` or ``--db postgres`` narrows that. Without a server the PostgreSQL cases
skip with the reason shown, unless ``TALENT_TEST_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel

import models
from api.deps import get_session
from api.main import create_app
from talent import db as talent_db
from talent.db import make_engine
from talent.migrate import upgrade
from talent.security import create_access_token, hash_password

TEST_PASSWORD = "correct-horse-42"
PASSWORD_HASH = hash_password(TEST_PASSWORD)
PG_URL = os.environ.get("TALENT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("TALENT_TEST_REQUIRE_POSTGRES") == "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["all", "sqlite", "postgres"],
        default=os.environ.get("TALENT_TEST_DB", "all"),
        help="which database backends the database tests run on",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        choice = metafunc.config.getoption("--db")
        backends = ["sqlite", "postgres"] if choice == "all" else [choice]
        params = [
            pytest.param(b, marks=[pytest.mark.postgres] if b == "postgres" else [], id=b)
            for b in backends
        ]
        metafunc.parametrize("backend", params, scope="function")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def _pg_server_answers() -> str | None:
    try:
        probe = make_engine(PG_URL)
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
        return None
    except Exception as error:  # any failure to connect means: no server here
        return str(error).splitlines()[0]


@contextmanager
def scratch_pg_database(prefix: str) -> Iterator[Engine]:
    """A fresh, empty PostgreSQL database for one use, dropped afterwards.

    Skips when no server answers, and fails instead under TALENT_TEST_REQUIRE_POSTGRES=1
    (CI), so the PostgreSQL path is never silently left out there.
    """
    problem = _pg_server_answers()
    if problem:
        message = f"PostgreSQL at {PG_URL} does not answer ({problem})"
        if REQUIRE_PG:
            pytest.fail(message + " and TALENT_TEST_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    with scratch_pg_database("talent_test") as engine:
        upgrade(engine)
        yield engine


def _truncate_all(engine: Engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if backend == "postgres":
        engine = request.getfixturevalue("pg_engine")
        _truncate_all(engine)
        talent_db.set_engine(engine)
        yield engine
    else:
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "talent.db"
        shutil.copyfile(template, path)
        engine = make_engine(f"sqlite:///{path}")
        talent_db.set_engine(engine)
        yield engine
        engine.dispose()
    talent_db.set_engine(None)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@pytest.fixture
def app(engine: Engine) -> FastAPI:
    app = create_app()

    def override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def org(session: Session) -> dict[str, int]:
    """A small court system: an intermediate court, a district court, departments, skills, people."""
    ids: dict[str, int] = {}

    def unit(key: str, name: str, kind: str, parent: str | None = None) -> None:
        row = models.Unit(name=name, kind=kind, parent_id=ids[parent] if parent else None)
        session.add(row)
        session.flush()
        ids[key] = row.id  # type: ignore[assignment]

    unit("court", "乌海市中级人民法院", "intermediate_court")
    unit("civil", "民事审判第一庭", "department", "court")
    unit("filing", "立案庭", "department", "court")
    unit("district", "海勃湾区人民法院", "basic_court", "court")
    unit("district_civil", "民事审判庭", "department", "district")
    for code, name in [
        ("civil_trial", "民事审判"),
        ("mediation", "调解"),
        ("judgment_writing", "裁判文书写作"),
    ]:
        skill = models.Skill(code=code, name=name)
        session.add(skill)
        session.flush()
        ids[f"skill:{code}"] = skill.id  # type: ignore[assignment]
    people = [
        ("senior", "S001", "王建国", "civil", 1, 3),
        ("senior2", "S002", "李淑芬", "district_civil", 1, 2),
        ("young", "Y001", "张伟", "civil", 2, 2),
        ("young2", "Y002", "刘洋", "district_civil", 2, 2),
        ("clerk", "C001", "陈静", "civil", 3, 0),
        ("clerk2", "C002", "赵敏", "filing", 3, 0),
    ]
    for key, staff_no, name, unit_key, tier, capacity in people:
        person = models.Person(
            staff_no=staff_no,
            name=name,
            unit_id=ids[unit_key],
            tier=tier,
            mentor_capacity=capacity,
            birth_date=date(1980 + 5 * tier, 3, 1),
            hire_date=date(2005 + 5 * tier, 7, 1),
        )
        session.add(person)
        session.flush()
        ids[key] = person.id  # type: ignore[assignment]
    session.commit()
    return ids


@pytest.fixture
def users(session: Session, org: dict[str, int]) -> dict[str, models.User]:
    """One account per role; the mentor account is the senior judge of ``org``."""
    accounts = {}
    for role in ("admin", "planner", "mentor", "reviewer"):
        user = models.User(
            username=role,
            password_hash=PASSWORD_HASH,
            role=role,
            person_id=org["senior"] if role == "mentor" else None,
        )
        session.add(user)
        accounts[role] = user
    session.commit()
    for user in accounts.values():
        session.refresh(user)
    return accounts


@pytest.fixture
def auth_headers(users: dict[str, models.User]) -> dict[str, dict[str, str]]:
    """``auth_headers["planner"]`` is a ready Authorization header for that role."""
    return {
        role: {"Authorization": f"Bearer {create_access_token(user.id, user.role)}"}  # type: ignore[arg-type]
        for role, user in users.items()
    }


_BACKEND_OUTCOMES: dict[tuple[str, str], int] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    callspec = getattr(item, "callspec", None)
    backend = callspec.params.get("backend") if callspec else None
    if backend and (report.when == "call" or report.skipped):
        key = (backend, report.outcome)
        _BACKEND_OUTCOMES[key] = _BACKEND_OUTCOMES.get(key, 0) + 1


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Say how many database tests ran on each backend, so CI's log shows PostgreSQL ran."""
    if not _BACKEND_OUTCOMES:
        return
    terminalreporter.section("database backends")
    for backend in ("sqlite", "postgres"):
        counts = {o: n for (b, o), n in _BACKEND_OUTCOMES.items() if b == backend}
        if counts:
            parts = ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
            terminalreporter.write_line(f"{backend}: {parts}")
