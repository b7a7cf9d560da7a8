"""Learners' marks on path items they complete themselves (external resources, projects).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "path_marks",
        sa.Column(
            "learner_id",
            sa.Integer(),
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
            primary_key=True,
        ),
        sa.Column("path_id", sa.String(64), nullable=False, primary_key=True),
        sa.Column("item_id", sa.String(64), nullable=False, primary_key=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("path_marks")
