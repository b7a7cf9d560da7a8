"""Tables. Later features add theirs (with a migration each)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ActivityTimeRow",
    "Base",
    "CodeFileRow",
    "CodeVersionRow",
    "LabAttemptRow",
    "LabHintRow",
    "LearnerRow",
    "LearnerSettingsRow",
    "LessonProgressRow",
    "PathMarkRow",
    "QuizAttemptRow",
    "ReviewCardRow",
    "ReviewLogRow",
    "TutorConversationRow",
    "TutorMessageRow",
    "utcnow",
]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class LearnerRow(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LessonProgressRow(Base):
    __tablename__ = "lesson_progress"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_fraction: Mapped[float] = mapped_column(Float, default=0.0)
    #: Seconds the lesson was open, visible and in use (heartbeats from the page).
    active_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class QuizAttemptRow(Base):
    __tablename__ = "quiz_attempts"
    __table_args__ = (Index("ix_quiz_attempts_lookup", "learner_id", "module_id", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    correct: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CodeFileRow(Base):
    """A file of learner code (a lesson cell, a lab's ``lab.py``); its text is in versions."""

    __tablename__ = "code_files"
    __table_args__ = (
        UniqueConstraint("learner_id", "kind", "module_id", "name", name="uq_code_files_path"),
        CheckConstraint("kind IN ('lesson', 'lab')", name="ck_code_files_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    module_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    current_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CodeVersionRow(Base):
    """One saved version of a code file; versions count up from 1 per file."""

    __tablename__ = "code_versions"
    __table_args__ = (
        UniqueConstraint("file_id", "version", name="uq_code_versions_file_version"),
        CheckConstraint("reason IN ('save', 'restore', 'reset')", name="ck_code_versions_reason"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("code_files.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)  # bytes of UTF-8, so listings need no content
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LabAttemptRow(Base):
    """One graded lab submission: the code as graded and the result the learner saw.
    Attempts count up from 1 per learner and lab."""

    __tablename__ = "lab_attempts"
    __table_args__ = (
        UniqueConstraint("learner_id", "module_id", "number", name="uq_lab_attempts_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(BigInteger)
    passed: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LabHintRow(Base):
    """A hint rung a learner revealed (rungs count from 1 per function)."""

    __tablename__ = "lab_hints"
    __table_args__ = (
        UniqueConstraint("learner_id", "module_id", "function", "rung", name="uq_lab_hints_rung"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(64))
    function: Mapped[str] = mapped_column(String(64))
    rung: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewCardRow(Base):
    """A quiz item in a learner's review queue: its FSRS card (``fsrs.Card.to_dict()``)."""

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("learner_id", "module_id", "item_id", name="uq_review_cards_item"),
        Index("ix_review_cards_due", "learner_id", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(64))
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviews: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewLogRow(Base):
    """One answer to a queued item, with the rating it gave the scheduler."""

    __tablename__ = "review_logs"
    __table_args__ = (
        CheckConstraint("source IN ('quiz', 'review')", name="ck_review_logs_source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(64))
    rating: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(16))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActivityTimeRow(Base):
    """Seconds of active use per learner, day (the learner's calendar day), page kind and
    module."""

    __tablename__ = "activity_time"
    __table_args__ = (
        CheckConstraint("kind IN ('lesson', 'lab', 'quiz', 'review')", name="ck_activity_kind"),
    )

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer)


class LearnerSettingsRow(Base):
    __tablename__ = "learner_settings"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    weekly_goal_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    path_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: Where the learner was last active (the dashboard's "continue where you left off").
    last_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    last_module_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TutorConversationRow(Base):
    """A conversation with the tutor, started on one page (``module_id`` when on a module)."""

    __tablename__ = "tutor_conversations"
    __table_args__ = (Index("ix_tutor_conversations_learner", "learner_id", "updated_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    page: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TutorMessageRow(Base):
    """One message; ``payload`` is the message as the API shows it (without ids)."""

    __tablename__ = "tutor_messages"
    __table_args__ = (
        CheckConstraint("role IN ('learner', 'tutor')", name="ck_tutor_messages_role"),
        Index("ix_tutor_messages_conversation", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("tutor_conversations.id", ondelete="CASCADE")
    )
    role: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PathMarkRow(Base):
    """A path item the learner marked done (an external resource, a project). Kept per
    path, so switching paths and back finds it again; items about a module need no mark:
    their completion comes from the learner's progress in the module."""

    __tablename__ = "path_marks"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    path_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
