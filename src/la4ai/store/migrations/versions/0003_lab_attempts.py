"""Lab attempts with a snapshot of the code graded, and the hints a learner revealed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _learner() -> sa.Column[int]:
    return sa.Column(
        "learner_id", sa.Integer(), sa.ForeignKey("learners.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "lab_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("module_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "module_id", "number", name="uq_lab_attempts_number"),
    )
    op.create_table(
        "lab_hints",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("module_id", sa.String(64), nullable=False),
        sa.Column("function", sa.String(64), nullable=False),
        sa.Column("rung", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "learner_id", "module_id", "function", "rung", name="uq_lab_hints_rung"
        ),
    )


def downgrade() -> None:
    op.drop_table("lab_hints")
    op.drop_table("lab_attempts")
