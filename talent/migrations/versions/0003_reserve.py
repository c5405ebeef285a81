"""reserve pool: evaluation records, candidates and their history, review cycles, key posts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:45:50.071383
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "poststandard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("post", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("common_weight", sa.Float(), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("common_weight >= 0 AND common_weight <= 1", name="ck_standard_weight"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("poststandard", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_poststandard_code"), ["code"], unique=True)

    op.create_table(
        "keypost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "title", name="uq_key_post_title"),
    )
    with op.batch_alter_table("keypost", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_keypost_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_keypost_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("grade", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("common_score", sa.Float(), nullable=True),
        sa.Column("post_score", sa.Float(), nullable=True),
        sa.Column("standard_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')",
            name="ck_assessment_grade",
        ),
        sa.CheckConstraint(
            "common_score IS NULL OR (common_score >= 0 AND common_score <= 100)",
            name="ck_assessment_common",
        ),
        sa.CheckConstraint(
            "post_score IS NULL OR (post_score >= 0 AND post_score <= 100)",
            name="ck_assessment_post",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["poststandard.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "year", name="uq_assessment_year"),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "casemetric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("cases_closed", sa.Integer(), nullable=False),
        sa.Column("on_time_rate", sa.Float(), nullable=True),
        sa.Column("reversal_rate", sa.Float(), nullable=True),
        sa.Column("acceptance_rate", sa.Float(), nullable=True),
        sa.Column("public_satisfaction", sa.Float(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "acceptance_rate IS NULL OR (acceptance_rate >= 0 AND acceptance_rate <= 1)",
            name="ck_case_metric_acceptance",
        ),
        sa.CheckConstraint("cases_closed >= 0", name="ck_case_metric_closed"),
        sa.CheckConstraint(
            "on_time_rate IS NULL OR (on_time_rate >= 0 AND on_time_rate <= 1)",
            name="ck_case_metric_on_time",
        ),
        sa.CheckConstraint("period_end >= period_start", name="ck_case_metric_dates"),
        sa.CheckConstraint(
            "public_satisfaction IS NULL OR (public_satisfaction >= 0 AND public_satisfaction <= 1)",
            name="ck_case_metric_public",
        ),
        sa.CheckConstraint(
            "reversal_rate IS NULL OR (reversal_rate >= 0 AND reversal_rate <= 1)",
            name="ck_case_metric_reversal",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "period", name="uq_case_metric_period"),
    )
    with op.batch_alter_table("casemetric", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casemetric_period_end"), ["period_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_casemetric_person_id"), ["person_id"], unique=False)

    op.create_table(
        "developmentactivity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("organiser", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("host_unit_id", sa.Integer(), nullable=True),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("recognition", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('training', 'secondment', 'paired_support', 'competition', 'award', 'recognition')",
            name="ck_activity_kind",
        ),
        sa.CheckConstraint(
            "level IS NULL OR level IN ('national', 'provincial', 'municipal', 'court')",
            name="ck_activity_level",
        ),
        sa.CheckConstraint(
            "recognition IS NULL OR recognition IN ('business_leader', 'expert_judge', 'star', 'other')",
            name="ck_activity_recognition",
        ),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_activity_dates"),
        sa.CheckConstraint("hours IS NULL OR hours >= 0", name="ck_activity_hours"),
        sa.ForeignKeyConstraint(
            ["host_unit_id"],
            ["unit.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("developmentactivity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_developmentactivity_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_developmentactivity_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "keypostskill",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.CheckConstraint("level >= 1 AND level <= 5", name="ck_key_post_level"),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["keypost.id"],
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
        ),
        sa.PrimaryKeyConstraint("post_id", "skill_id"),
    )
    op.create_table(
        "listitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("polarity", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item_date", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'open') = (closed_on IS NULL)", name="ck_list_item_closed_on"
        ),
        sa.CheckConstraint("polarity IN ('positive', 'negative')", name="ck_list_item_polarity"),
        sa.CheckConstraint("status IN ('open', 'closed', 'dismissed')", name="ck_list_item_status"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("listitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_listitem_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_listitem_polarity"), ["polarity"], unique=False)

    op.create_table(
        "politicalentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'closed', 'dismissed')", name="ck_political_status"),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 100)", name="ck_political_score"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("politicalentry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_politicalentry_entry_date"), ["entry_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_politicalentry_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "postbackup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("role IN ('A', 'B', 'emergency')", name="ck_post_backup_role"),
        sa.ForeignKeyConstraint(
            ["assigned_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["keypost.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "person_id", name="uq_post_backup_person"),
        sa.UniqueConstraint("post_id", "role", name="uq_post_backup_role"),
    )
    with op.batch_alter_table("postbackup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_postbackup_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_postbackup_post_id"), ["post_id"], unique=False)

    op.create_table(
        "reservecandidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("recommending_unit_id", sa.Integer(), nullable=True),
        sa.Column("recommended_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("status_since", sa.Date(), nullable=False),
        sa.Column("removal_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "source IN ('party_group', 'organisation_department', 'own_unit', 'party_branch')",
            name="ck_candidate_source",
        ),
        sa.CheckConstraint(
            "status IN ('nominated', 'in_pool', 'inspection', 'appointed', 'removed')",
            name="ck_candidate_status",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recommending_unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reservecandidate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reservecandidate_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reservecandidate_status"), ["status"], unique=False)
        batch_op.create_index(
            "uq_candidate_open_person",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('nominated', 'in_pool', 'inspection')"),
            postgresql_where=sa.text("status IN ('nominated', 'in_pool', 'inspection')"),
        )

    op.create_table(
        "reviewcycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=True),
        sa.Column("opened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opened_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reviewcycle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviewcycle_code"), ["code"], unique=True)

    op.create_table(
        "candidateevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("from_status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("to_status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("cycle", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("reverts_event_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["reservecandidate.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reverts_event_id"],
            ["candidateevent.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("candidateevent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidateevent_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_candidateevent_effective_date"), ["effective_date"], unique=False
        )

    op.create_table(
        "cycleflag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["reservecandidate.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["reviewcycle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "candidate_id", name="uq_cycle_flag"),
    )
    with op.batch_alter_table("cycleflag", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycleflag_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cycleflag_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "recommendationdocument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["reservecandidate.id"],
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recommendationdocument", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendationdocument_candidate_id"), ["candidate_id"], unique=False
        )

    op.create_table(
        "reservereview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("band_suggested", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("band", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("band_comment", sa.Text(), nullable=True),
        sa.Column("readiness", sa.Float(), nullable=True),
        sa.Column("performance", sa.Float(), nullable=True),
        sa.Column("potential", sa.Float(), nullable=True),
        sa.Column("box", sa.Integer(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "band IS NULL OR band IN ('ready_now', 'ready_1_2', 'ready_3_5')", name="ck_review_band"
        ),
        sa.CheckConstraint(
            "band_suggested IS NULL OR band_suggested IN ('ready_now', 'ready_1_2', 'ready_3_5')",
            name="ck_review_suggested",
        ),
        sa.CheckConstraint("decision IN ('admit', 'retain', 'exit')", name="ck_review_decision"),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["reservecandidate.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["reviewcycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "cycle_id", name="uq_review_cycle"),
    )
    with op.batch_alter_table("reservereview", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reservereview_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reservereview_cycle_id"), ["cycle_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reservereview", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reservereview_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_reservereview_candidate_id"))

    op.drop_table("reservereview")
    with op.batch_alter_table("recommendationdocument", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendationdocument_candidate_id"))

    op.drop_table("recommendationdocument")
    with op.batch_alter_table("cycleflag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycleflag_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_cycleflag_candidate_id"))

    op.drop_table("cycleflag")
    with op.batch_alter_table("candidateevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidateevent_effective_date"))
        batch_op.drop_index(batch_op.f("ix_candidateevent_candidate_id"))

    op.drop_table("candidateevent")
    with op.batch_alter_table("reviewcycle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviewcycle_code"))

    op.drop_table("reviewcycle")
    with op.batch_alter_table("reservecandidate", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_candidate_open_person",
            sqlite_where=sa.text("status IN ('nominated', 'in_pool', 'inspection')"),
            postgresql_where=sa.text("status IN ('nominated', 'in_pool', 'inspection')"),
        )
        batch_op.drop_index(batch_op.f("ix_reservecandidate_status"))
        batch_op.drop_index(batch_op.f("ix_reservecandidate_person_id"))

    op.drop_table("reservecandidate")
    with op.batch_alter_table("postbackup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postbackup_post_id"))
        batch_op.drop_index(batch_op.f("ix_postbackup_person_id"))

    op.drop_table("postbackup")
    with op.batch_alter_table("politicalentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_politicalentry_person_id"))
        batch_op.drop_index(batch_op.f("ix_politicalentry_entry_date"))

    op.drop_table("politicalentry")
    with op.batch_alter_table("listitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listitem_polarity"))
        batch_op.drop_index(batch_op.f("ix_listitem_person_id"))

    op.drop_table("listitem")
    op.drop_table("keypostskill")
    with op.batch_alter_table("developmentactivity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_developmentactivity_person_id"))
        batch_op.drop_index(batch_op.f("ix_developmentactivity_kind"))

    op.drop_table("developmentactivity")
    with op.batch_alter_table("casemetric", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casemetric_person_id"))
        batch_op.drop_index(batch_op.f("ix_casemetric_period_end"))

    op.drop_table("casemetric")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_person_id"))

    op.drop_table("assessment")
    with op.batch_alter_table("keypost", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_keypost_unit_id"))
        batch_op.drop_index(batch_op.f("ix_keypost_holder_id"))

    op.drop_table("keypost")
    with op.batch_alter_table("poststandard", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poststandard_code"))

    op.drop_table("poststandard")
