"""mentoring: guidance logs, goals, skill history, cadence

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:22:20.676056
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skilllevelchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("from_level", sa.Integer(), nullable=True),
        sa.Column("to_level", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "from_level IS NULL OR (from_level >= 0 AND from_level <= 5)", name="ck_level_from"
        ),
        sa.CheckConstraint(
            "to_level IS NULL OR (to_level >= 0 AND to_level <= 5)", name="ck_level_to"
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("skilllevelchange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_skilllevelchange_effective_date"), ["effective_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_skilllevelchange_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_skilllevelchange_skill_id"), ["skill_id"], unique=False
        )

    op.create_table(
        "escalationstep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("step_date", sa.Date(), nullable=False),
        sa.Column("days_quiet", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("step IN ('reminded', 'escalated')", name="ck_escalation_step"),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("escalationstep", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_escalationstep_pairing_id"), ["pairing_id"], unique=False
        )

    op.create_table(
        "guidancelog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("latest_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("guidancelog", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guidancelog_pairing_id"), ["pairing_id"], unique=False)

    op.create_table(
        "pairinggoal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=True),
        sa.Column("target_level", sa.Integer(), nullable=True),
        sa.Column("baseline_level", sa.Integer(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'withdrawn')", name="ck_goal_status"),
        sa.CheckConstraint(
            "(skill_id IS NOT NULL AND target_level IS NOT NULL) OR (skill_id IS NULL AND target_level IS NULL AND description IS NOT NULL)",
            name="ck_goal_kind",
        ),
        sa.CheckConstraint(
            "target_level IS NULL OR (target_level >= 0 AND target_level <= 5)",
            name="ck_goal_target",
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
        ),
        sa.ForeignKeyConstraint(
            ["set_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pairinggoal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pairinggoal_pairing_id"), ["pairing_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairinggoal_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "rematchentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("reason_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("queued_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "reason_code IN ('mentor_left', 'seconded', 'mismatch', 'other')",
            name="ck_rematch_reason",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id"),
    )
    with op.batch_alter_table("rematchentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rematchentry_link"), ["link"], unique=False)
        batch_op.create_index(batch_op.f("ix_rematchentry_mentee_id"), ["mentee_id"], unique=False)

    op.create_table(
        "actionitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["done_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["guidancelog.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actionitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actionitem_done"), ["done"], unique=False)
        batch_op.create_index(batch_op.f("ix_actionitem_log_id"), ["log_id"], unique=False)

    op.create_table(
        "guidancelogversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "topic IN ('case_review', 'judgment_writing', 'courtroom_practice', 'enforcement', 'mediation', 'ethics', 'other')",
            name="ck_log_topic",
        ),
        sa.CheckConstraint("minutes >= 1 AND minutes <= 600", name="ck_log_minutes"),
        sa.CheckConstraint("version >= 1", name="ck_log_version_number"),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["guidancelog.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("log_id", "version", name="uq_log_version"),
    )
    with op.batch_alter_table("guidancelogversion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guidancelogversion_log_id"), ["log_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_guidancelogversion_session_date"), ["session_date"], unique=False
        )

    op.create_table(
        "guidancelogskill",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["guidancelogversion.id"],
        ),
        sa.PrimaryKeyConstraint("version_id", "skill_id"),
    )
    with op.batch_alter_table("guidancelogskill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guidancelogskill_skill_id"), ["skill_id"], unique=False
        )

    op.create_table(
        "logconfirmation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["guidancelogversion.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id"),
    )


def downgrade() -> None:
    op.drop_table("logconfirmation")
    with op.batch_alter_table("guidancelogskill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guidancelogskill_skill_id"))

    op.drop_table("guidancelogskill")
    with op.batch_alter_table("guidancelogversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guidancelogversion_session_date"))
        batch_op.drop_index(batch_op.f("ix_guidancelogversion_log_id"))

    op.drop_table("guidancelogversion")
    with op.batch_alter_table("actionitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actionitem_log_id"))
        batch_op.drop_index(batch_op.f("ix_actionitem_done"))

    op.drop_table("actionitem")
    with op.batch_alter_table("rematchentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rematchentry_mentee_id"))
        batch_op.drop_index(batch_op.f("ix_rematchentry_link"))

    op.drop_table("rematchentry")
    with op.batch_alter_table("pairinggoal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairinggoal_skill_id"))
        batch_op.drop_index(batch_op.f("ix_pairinggoal_pairing_id"))

    op.drop_table("pairinggoal")
    with op.batch_alter_table("guidancelog", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guidancelog_pairing_id"))

    op.drop_table("guidancelog")
    with op.batch_alter_table("escalationstep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalationstep_pairing_id"))

    op.drop_table("escalationstep")
    with op.batch_alter_table("skilllevelchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skilllevelchange_skill_id"))
        batch_op.drop_index(batch_op.f("ix_skilllevelchange_person_id"))
        batch_op.drop_index(batch_op.f("ix_skilllevelchange_effective_date"))

    op.drop_table("skilllevelchange")
