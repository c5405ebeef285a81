"""guidance logs: topic becomes the mentor's free text (up to 200 characters), category its own field

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:00:00
"""

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in with the topic change."""


def downgrade() -> None:
    """Filled in with the topic change."""
