"""Tutor conversations and their messages.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tutor_conversations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "learner_id",
            sa.Integer(),
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("module_id", sa.String(64), nullable=True),
        sa.Column("page", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_tutor_conversations_learner", "tutor_conversations", ["learner_id", "updated_at"]
    )
    op.create_table(
        "tutor_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "conversation_id",
            sa.Integer(),
            sa.ForeignKey("tutor_conversations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('learner', 'tutor')", name="ck_tutor_messages_role"),
    )
    op.create_index("ix_tutor_messages_conversation", "tutor_messages", ["conversation_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_tutor_messages_conversation", table_name="tutor_messages")
    op.drop_table("tutor_messages")
    op.drop_index("ix_tutor_conversations_learner", table_name="tutor_conversations")
    op.drop_table("tutor_conversations")
