"""Spaced review (FSRS cards and their review log), time spent per day, learner settings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _learner(*, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "learner_id",
        sa.Integer(),
        sa.ForeignKey("learners.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("module_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "module_id", "item_id", name="uq_review_cards_item"),
    )
    op.create_index("ix_review_cards_due", "review_cards", ["learner_id", "due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("module_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('quiz', 'review')", name="ck_review_logs_source"),
    )
    op.create_table(
        "activity_time",
        _learner(primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("module_id", sa.String(64), primary_key=True),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('lesson', 'lab', 'quiz', 'review')", name="ck_activity_kind"),
    )
    op.create_table(
        "learner_settings",
        _learner(primary_key=True),
        sa.Column("weekly_goal_minutes", sa.Integer(), nullable=True),
        sa.Column("path_id", sa.String(64), nullable=True),
        sa.Column("last_kind", sa.String(16), nullable=True),
        sa.Column("last_module_id", sa.String(64), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("lesson_progress") as batch:
        batch.add_column(
            sa.Column("active_seconds", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("lesson_progress") as batch:
        batch.drop_column("active_seconds")
    op.drop_table("learner_settings")
    op.drop_table("activity_time")
    op.drop_table("review_logs")
    op.drop_index("ix_review_cards_due", table_name="review_cards")
    op.drop_table("review_cards")
