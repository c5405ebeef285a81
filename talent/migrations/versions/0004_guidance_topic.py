"""guidance logs: topic becomes the mentor's free text (up to 200 characters), category its own field

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:00:00

Until now ``guidancelogversion.topic`` held one of seven codes. Upgrading moves each
stored code to the new ``category`` column and writes the code's Chinese label as the
topic, so an old log keeps its kind and reads as words. Downgrading puts the category
back as the topic code (``other`` for a log without one); a topic that is not simply its
category's label is kept in the notes (``主题：...`` on the first line), so nothing a
mentor wrote is lost either way.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here, as they were at this revision: later changes to the model's labels must
# not change what this step writes.
LABELS: dict[str, str] = {
    "case_review": "案例研讨",
    "judgment_writing": "裁判文书写作",
    "courtroom_practice": "庭审实务",
    "enforcement": "执行实务",
    "mediation": "调解",
    "ethics": "廉政与职业伦理",
    "other": "其他",
}
CODES = ", ".join(repr(code) for code in LABELS)
TOPIC_PREFIX = "主题："

REFERRERS = ("guidancelogskill", "logconfirmation")
"""The tables whose rows refer to a log version."""

version = sa.table(
    "guidancelogversion",
    sa.column("topic", sa.String()),
    sa.column("category", sa.String()),
    sa.column("notes", sa.Text()),
)


@contextmanager
def _referrers_parked() -> Iterator[None]:
    """On SQLite, keep the rows that refer to a log version aside while its table is rebuilt.

    SQLite changes a column or a CHECK constraint by copying the table and dropping the
    old one; with foreign keys on (``talent.db`` turns them on) that drop fails while rows
    refer to it, and the pragma cannot be switched off inside the migration's transaction.
    The version ids survive the copy, so the parked rows go back unchanged.
    """
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    for name in REFERRERS:
        op.execute(f"CREATE TEMP TABLE parked_{name} AS SELECT * FROM {name}")
        op.execute(f"DELETE FROM {name}")
    yield
    for name in REFERRERS:
        op.execute(f"INSERT INTO {name} SELECT * FROM parked_{name}")
        op.execute(f"DROP TABLE parked_{name}")


def upgrade() -> None:
    with _referrers_parked(), op.batch_alter_table("guidancelogversion", schema=None) as batch_op:
        batch_op.drop_constraint("ck_log_topic", type_="check")
        batch_op.alter_column(
            "topic",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=32),
            type_=sqlmodel.sql.sqltypes.AutoString(length=200),
            existing_nullable=False,
        )
        batch_op.add_column(
            sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.create_check_constraint(
            "ck_log_category", f"category IS NULL OR category IN ({CODES})"
        )
    for code, label in LABELS.items():
        op.execute(
            version.update().where(version.c.topic == code).values(category=code, topic=label)
        )


def downgrade() -> None:
    # A topic that says more than its category's label goes to the head of the notes.
    kept = sa.literal(TOPIC_PREFIX) + version.c.topic
    notes = kept + sa.func.coalesce(sa.literal("\n") + version.c.notes, "")
    op.execute(version.update().where(version.c.category.is_(None)).values(notes=notes))
    for code, label in LABELS.items():
        op.execute(
            version.update()
            .where(version.c.category == code, version.c.topic != label)
            .values(notes=notes)
        )
    op.execute(version.update().values(topic=sa.func.coalesce(version.c.category, "other")))
    with _referrers_parked(), op.batch_alter_table("guidancelogversion", schema=None) as batch_op:
        batch_op.drop_constraint("ck_log_category", type_="check")
        batch_op.drop_column("category")
        batch_op.alter_column(
            "topic",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=200),
            type_=sqlmodel.sql.sqltypes.AutoString(length=32),
            existing_nullable=False,
        )
        batch_op.create_check_constraint("ck_log_topic", f"topic IN ({CODES})")
