"""Queries, one function per question the services ask. Every function takes the session
of the caller's unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from la4ai.store.models import LearnerRow, LessonProgressRow, QuizAttemptRow, utcnow

__all__ = [
    "LOCAL_USERNAME",
    "QuizAttempt",
    "add_quiz_attempt",
    "latest_quiz_attempts",
    "lesson_progress",
    "local_learner_id",
    "quiz_item_status",
    "record_reading",
]

LOCAL_USERNAME = "local"


@dataclass(frozen=True)
class QuizAttempt:
    id: int
    module_id: str
    item_id: str
    seed: int
    response: dict[str, Any]
    correct: bool


def _attempt(row: QuizAttemptRow) -> QuizAttempt:
    return QuizAttempt(
        id=row.id,
        module_id=row.module_id,
        item_id=row.item_id,
        seed=row.seed,
        response=dict(row.response),
        correct=row.correct,
    )


def local_learner_id(session: Session) -> int:
    """The implicit learner of single-user mode, created on first use."""
    learner_id = session.scalar(select(LearnerRow.id).where(LearnerRow.username == LOCAL_USERNAME))
    if learner_id is None:
        row = LearnerRow(username=LOCAL_USERNAME, display_name="You")
        session.add(row)
        session.flush()
        learner_id = row.id
    return learner_id


def record_reading(session: Session, learner_id: int, module_id: str, fraction: float) -> float:
    """Remember how far the learner has read (never moves backwards); the stored fraction."""
    row = session.get(LessonProgressRow, (learner_id, module_id))
    if row is None:
        row = LessonProgressRow(learner_id=learner_id, module_id=module_id, read_fraction=0.0)
        session.add(row)
    row.read_fraction = max(row.read_fraction or 0.0, fraction)
    row.updated_at = utcnow()
    session.flush()
    return row.read_fraction


def lesson_progress(session: Session, learner_id: int) -> dict[str, float]:
    """Module id → fraction read, for every module the learner has opened."""
    rows = session.execute(
        select(LessonProgressRow.module_id, LessonProgressRow.read_fraction).where(
            LessonProgressRow.learner_id == learner_id
        )
    )
    return {row.module_id: row.read_fraction for row in rows}


def add_quiz_attempt(
    session: Session,
    *,
    learner_id: int,
    module_id: str,
    item_id: str,
    seed: int,
    response: dict[str, Any],
    correct: bool,
) -> QuizAttempt:
    row = QuizAttemptRow(
        learner_id=learner_id,
        module_id=module_id,
        item_id=item_id,
        seed=seed,
        response=response,
        correct=correct,
    )
    session.add(row)
    session.flush()
    return _attempt(row)


def latest_quiz_attempts(
    session: Session, learner_id: int, module_id: str
) -> dict[str, QuizAttempt]:
    """Item id → the learner's most recent attempt at it, in one module."""
    latest = (
        select(func.max(QuizAttemptRow.id))
        .where(QuizAttemptRow.learner_id == learner_id, QuizAttemptRow.module_id == module_id)
        .group_by(QuizAttemptRow.item_id)
    )
    rows = session.scalars(select(QuizAttemptRow).where(QuizAttemptRow.id.in_(latest)))
    return {row.item_id: _attempt(row) for row in rows}


def quiz_item_status(session: Session, learner_id: int) -> dict[str, dict[str, bool]]:
    """Module id → {item id → whether the latest attempt was correct}."""
    latest = (
        select(func.max(QuizAttemptRow.id))
        .where(QuizAttemptRow.learner_id == learner_id)
        .group_by(QuizAttemptRow.module_id, QuizAttemptRow.item_id)
    )
    rows = session.execute(
        select(QuizAttemptRow.module_id, QuizAttemptRow.item_id, QuizAttemptRow.correct).where(
            QuizAttemptRow.id.in_(latest)
        )
    )
    status: dict[str, dict[str, bool]] = {}
    for module_id, item_id, correct in rows:
        status.setdefault(module_id, {})[item_id] = correct
    return status
