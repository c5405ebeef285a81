"""goals: achieved is a status of its own, with the day and the account that assessed it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """``achieved`` joins the statuses; goals already at their target stay ``open`` until
    the next assessment reaches it (their day is read from the history, as before)."""
    with op.batch_alter_table("pairinggoal", schema=None) as batch_op:
        batch_op.drop_constraint("ck_goal_status", type_="check")
        batch_op.create_check_constraint(
            "ck_goal_status", "status IN ('open', 'withdrawn', 'achieved')"
        )
        batch_op.add_column(sa.Column("achieved_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("achieved_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_pairinggoal_achieved_by", "app_user", ["achieved_by"], ["id"]
        )


def downgrade() -> None:
    op.execute("UPDATE pairinggoal SET status = 'open' WHERE status = 'achieved'")
    with op.batch_alter_table("pairinggoal", schema=None) as batch_op:
        batch_op.drop_constraint("fk_pairinggoal_achieved_by", type_="foreignkey")
        batch_op.drop_column("achieved_by")
        batch_op.drop_column("achieved_on")
        batch_op.drop_constraint("ck_goal_status", type_="check")
        batch_op.create_check_constraint("ck_goal_status", "status IN ('open', 'withdrawn')")
