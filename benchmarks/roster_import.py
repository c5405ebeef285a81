"""Time the roster import of a 10,000-row CSV with Chinese headers, and print one table.

Each row of the table is a fresh database with the demo court tree (no people), then
``import_roster`` of the same file. The obvious alternative is measured in the same run:
writing the audit chain one event per round trip (``AUDIT_CHUNK = 1``) instead of the
batched appends the import uses.

    .venv/bin/python benchmarks/roster_import.py [--rows 10000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import uuid
from datetime import date, timedelta

import numpy as np
from sqlalchemy import text
from sqlmodel import Session, select

from models import Unit
from talent.audit import Actor, verify
from talent.db import make_engine
from talent.migrate import upgrade
from talent.roster import importing as roster
from talent.roster.spreadsheet import template_headers

# The first eleven columns of the blank template, in its order (the rows below fill them).
HEADERS = template_headers("zh")[:11]
TIERS = ["资深法官", "青年干警", "书记员"]


def court_tree(session: Session) -> list[str]:
    """The demo's court tree (units only); returns unit paths usable in a roster."""
    court = Unit(name="乌海市中级人民法院", kind="intermediate_court")
    session.add(court)
    session.flush()
    paths = []
    for name in ["立案庭", "民事审判第一庭", "刑事审判庭", "执行局"]:
        session.add(Unit(name=name, kind="department", parent_id=court.id))
        paths.append(f"乌海市中级人民法院/{name}")
    for district in ["海勃湾区人民法院", "乌达区人民法院", "海南区人民法院"]:
        unit = Unit(name=district, kind="basic_court", parent_id=court.id)
        session.add(unit)
        session.flush()
        for name in ["民事审判庭", "执行局", "立案庭"]:
            session.add(Unit(name=name, kind="department", parent_id=unit.id))
            paths.append(f"{district}/{name}")
    session.commit()
    return paths


def roster_csv(rows: int, units: list[str], seed: int = 7) -> bytes:
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for i in range(rows):
        tier = int(rng.integers(1, 4))
        born = date(1965, 1, 1) + timedelta(days=int(rng.integers(0, 11000)))
        hired = born + timedelta(days=22 * 365 + int(rng.integers(0, 3000)))
        writer.writerow(
            [
                f"W{i:05d}",
                f"张{i}",
                "男" if i % 2 else "女",
                units[i % len(units)],
                "法官助理",
                TIERS[tier - 1],
                born.strftime("%Y/%m/%d"),
                f"{hired.year}年{hired.month}月{hired.day}日",
                "擅长民事审判和调解",
                "提笔能写、开口能讲",
                "",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def measure(url: str, content_rows: int, chunk: int, dry_run: bool) -> tuple[float, int]:
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        units = court_tree(session) if not session.exec(select(Unit)).first() else []
    content = roster_csv(content_rows, units)
    roster.AUDIT_CHUNK = chunk
    with Session(engine) as session:
        started = time.perf_counter()
        result = roster.import_roster(
            session, content=content, actor=Actor(None, "bench"), dry_run=dry_run
        )
        seconds = time.perf_counter() - started
        assert result.error_count == 0, result.errors[:3]
        assert verify(session).ok
    engine.dispose()
    return seconds, result.created


def fresh_postgres(base: str) -> str:
    name = f"talent_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres(base: str, url: str) -> None:
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", help="e.g. postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    backends = [("sqlite", None)] + ([("postgres", args.postgres)] if args.postgres else [])
    print(f"roster import, {args.rows:,} rows, Chinese headers, UTF-8 with BOM")
    print(f"{'database':10} {'mode':34} {'seconds':>8} {'rows/s':>8} {'vs batched':>11}")
    for name, base in backends:
        baseline = None
        for label, chunk, dry in [
            ("dry run (check only)", 500, True),
            ("import, batched audit (shipped)", 500, False),
            ("import, one audit event per trip", 1, False),
        ]:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/bench.db" if base is None else fresh_postgres(base)
                seconds, _ = measure(url, args.rows, chunk, dry)
                if base is not None:
                    drop_postgres(base, url)
            if label.startswith("import, batched"):
                baseline = seconds
            ratio = f"{seconds / baseline:.2f}x" if baseline and not dry else ""
            print(f"{name:10} {label:34} {seconds:8.2f} {args.rows / seconds:8.0f} {ratio:>11}")


if __name__ == "__main__":
    main()
