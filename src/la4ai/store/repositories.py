"""Queries, one function per question the services ask. Every function takes the session
of the caller's unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, cast

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from la4ai.errors import DatabaseUnavailable
from la4ai.store.models import (
    ActivityTimeRow,
    CodeFileRow,
    CodeVersionRow,
    LabAttemptRow,
    LabHintRow,
    LearnerRow,
    LearnerSettingsRow,
    LessonProgressRow,
    PathMarkRow,
    QuizAttemptRow,
    ReviewCardRow,
    ReviewLogRow,
    utcnow,
)

__all__ = [
    "LOCAL_USERNAME",
    "CodeFileKey",
    "CodeReason",
    "CodeVersion",
    "CodeVersionSummary",
    "LabAttempt",
    "LearnerSettings",
    "QuizAttempt",
    "ReviewCard",
    "activity_by_day",
    "add_activity",
    "add_code_version",
    "add_lab_attempt",
    "add_lab_hint",
    "add_learner",
    "add_quiz_attempt",
    "add_review_log",
    "code_version",
    "code_version_summaries",
    "current_code_versions",
    "due_review_cards",
    "lab_attempt",
    "lab_attempts",
    "lab_hint_rungs",
    "lab_passed_modules",
    "latest_quiz_attempts",
    "learner_settings",
    "lesson_active_seconds",
    "lesson_progress",
    "local_learner_id",
    "mark_path_item",
    "path_marks",
    "quiz_item_status",
    "record_reading",
    "review_card",
    "review_summary",
    "save_learner_settings",
    "save_review_card",
    "unmark_path_item",
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


def add_learner(session: Session, username: str, display_name: str) -> int:
    """A new learner's id (``username`` must be unused)."""
    row = LearnerRow(username=username, display_name=display_name)
    session.add(row)
    session.flush()
    return row.id


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


# -- learner code --------------------------------------------------------------------------

CodeReason = Literal["save", "restore", "reset"]
_PREVIEW_CHARS = 400  # enough for a first line; listings never load whole files
_CLAIM_ATTEMPTS = 20


@dataclass(frozen=True)
class CodeFileKey:
    """One learner's file ``name`` in the lesson or lab (``kind``) of a module."""

    learner_id: int
    kind: str
    module_id: str
    name: str


@dataclass(frozen=True)
class CodeVersion:
    version: int
    reason: CodeReason
    content: str
    size: int
    created_at: datetime


@dataclass(frozen=True)
class CodeVersionSummary:
    """A version without its content: ``head`` is its first few hundred characters."""

    version: int
    reason: CodeReason
    head: str
    size: int
    created_at: datetime


def _aware(moment: datetime) -> datetime:
    # SQLite keeps no time zone; every time la4ai stores is UTC. PostgreSQL answers in the
    # session's zone: always hand out UTC itself.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _code_version(row: CodeVersionRow) -> CodeVersion:
    return CodeVersion(
        version=row.version,
        reason=cast(CodeReason, row.reason),
        content=row.content,
        size=row.size,
        created_at=_aware(row.created_at),
    )


def _key_filter(key: CodeFileKey) -> tuple[Any, ...]:
    return (
        CodeFileRow.learner_id == key.learner_id,
        CodeFileRow.kind == key.kind,
        CodeFileRow.module_id == key.module_id,
        CodeFileRow.name == key.name,
    )


def current_code_versions(
    session: Session, *, learner_id: int, kind: str, module_id: str
) -> dict[str, CodeVersion]:
    """File name → its current version, for every file the learner saved in one lesson/lab."""
    rows = session.execute(
        select(CodeFileRow.name, CodeVersionRow)
        .join(CodeVersionRow, CodeVersionRow.file_id == CodeFileRow.id)
        .where(
            CodeVersionRow.version == CodeFileRow.current_version,
            CodeFileRow.learner_id == learner_id,
            CodeFileRow.kind == kind,
            CodeFileRow.module_id == module_id,
        )
    )
    return {name: _code_version(row) for name, row in rows}


def code_version(
    session: Session, key: CodeFileKey, version: int | None = None
) -> CodeVersion | None:
    """Version ``version`` of the file (its current one when ``None``); ``None`` when the
    file was never saved or has no such version."""
    wanted = CodeFileRow.current_version if version is None else version
    row = session.scalar(
        select(CodeVersionRow)
        .join(CodeFileRow, CodeVersionRow.file_id == CodeFileRow.id)
        .where(*_key_filter(key), CodeVersionRow.version == wanted)
    )
    return None if row is None else _code_version(row)


def code_version_summaries(
    session: Session, key: CodeFileKey, *, limit: int
) -> list[CodeVersionSummary]:
    """The file's newest ``limit`` versions, newest first (empty when never saved)."""
    rows = session.execute(
        select(
            CodeVersionRow.version,
            CodeVersionRow.reason,
            func.substr(CodeVersionRow.content, 1, _PREVIEW_CHARS),
            CodeVersionRow.size,
            CodeVersionRow.created_at,
        )
        .join(CodeFileRow, CodeVersionRow.file_id == CodeFileRow.id)
        .where(*_key_filter(key))
        .order_by(CodeVersionRow.version.desc())
        .limit(limit)
    )
    return [
        CodeVersionSummary(
            version=version,
            reason=cast(CodeReason, reason),
            head=head,
            size=size,
            created_at=_aware(created_at),
        )
        for version, reason, head, size, created_at in rows
    ]


def _code_file_id(session: Session, key: CodeFileKey) -> int:
    """The file's id, creating it (at version 0) if needed; safe when two saves race."""
    values = {
        "learner_id": key.learner_id,
        "kind": key.kind,
        "module_id": key.module_id,
        "name": key.name,
        "current_version": 0,
        "updated_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(postgresql.insert(CodeFileRow).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite.insert(CodeFileRow).values(values).on_conflict_do_nothing())
    elif session.scalar(select(CodeFileRow.id).where(*_key_filter(key))) is None:
        session.add(CodeFileRow(**values))
        session.flush()
    file_id = session.scalar(select(CodeFileRow.id).where(*_key_filter(key)))
    assert file_id is not None
    return file_id


def add_code_version(
    session: Session,
    key: CodeFileKey,
    *,
    content: str,
    reason: CodeReason,
    expected_version: int | None,
) -> CodeVersion | None:
    """Append a version after the current one and make it current.

    With ``expected_version``, only if the file is still at that version (0: never saved);
    ``None`` when it is not. Without it, after whatever version is current: concurrent
    appends to one file each get their own number, never the same one.
    """
    file_id = _code_file_id(session, key)
    for _ in range(_CLAIM_ATTEMPTS):
        current = session.scalar(
            select(CodeFileRow.current_version).where(CodeFileRow.id == file_id)
        )
        assert current is not None
        if expected_version is not None and current != expected_version:
            return None
        now = utcnow()
        # Claiming the next number is one conditional UPDATE: it takes the row's write lock,
        # and it matches nothing if another save claimed that number first.
        claimed = session.execute(
            update(CodeFileRow)
            .where(CodeFileRow.id == file_id, CodeFileRow.current_version == current)
            .values(current_version=current + 1, updated_at=now)
            .returning(CodeFileRow.id)
            .execution_options(synchronize_session=False)
        ).first()
        if claimed is None:
            continue
        row = CodeVersionRow(
            file_id=file_id,
            version=current + 1,
            content=content,
            size=len(content.encode("utf-8")),
            reason=reason,
            created_at=now,
        )
        session.add(row)
        session.flush()
        return _code_version(row)
    raise DatabaseUnavailable(f"too many concurrent saves of {key.name}; try again")


@dataclass(frozen=True)
class LabAttempt:
    number: int
    module_id: str
    code: str
    seed: int
    passed: bool
    score: float
    max_score: float
    result: dict[str, Any]
    created_at: datetime


def _lab_attempt(row: LabAttemptRow) -> LabAttempt:
    return LabAttempt(
        number=row.number,
        module_id=row.module_id,
        code=row.code,
        seed=row.seed,
        passed=row.passed,
        score=row.score,
        max_score=row.max_score,
        result=row.result,
        created_at=_aware(row.created_at),
    )


def add_lab_attempt(
    session: Session,
    *,
    learner_id: int,
    module_id: str,
    code: str,
    seed: int,
    passed: bool,
    score: float,
    max_score: float,
    result: dict[str, Any],
) -> LabAttempt:
    """Store a graded submission as the learner's next attempt at the lab (numbers from 1;
    two submissions racing each get their own number)."""
    for _ in range(_CLAIM_ATTEMPTS):
        number = 1 + (
            session.scalar(
                select(func.max(LabAttemptRow.number)).where(
                    LabAttemptRow.learner_id == learner_id, LabAttemptRow.module_id == module_id
                )
            )
            or 0
        )
        row = LabAttemptRow(
            learner_id=learner_id,
            module_id=module_id,
            number=number,
            code=code,
            seed=seed,
            passed=passed,
            score=score,
            max_score=max_score,
            result=result,
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue
        return _lab_attempt(row)
    raise DatabaseUnavailable("could not number the lab attempt: too many at once")


def lab_attempts(session: Session, learner_id: int, module_id: str) -> list[LabAttempt]:
    """The learner's attempts at one lab, oldest first."""
    rows = session.scalars(
        select(LabAttemptRow)
        .where(LabAttemptRow.learner_id == learner_id, LabAttemptRow.module_id == module_id)
        .order_by(LabAttemptRow.number)
    )
    return [_lab_attempt(row) for row in rows]


def lab_attempt(
    session: Session, learner_id: int, module_id: str, number: int
) -> LabAttempt | None:
    row = session.scalar(
        select(LabAttemptRow).where(
            LabAttemptRow.learner_id == learner_id,
            LabAttemptRow.module_id == module_id,
            LabAttemptRow.number == number,
        )
    )
    return None if row is None else _lab_attempt(row)


def lab_hint_rungs(session: Session, learner_id: int, module_id: str) -> dict[str, int]:
    """Function → how many hint rungs the learner has revealed (functions with none absent)."""
    rows = session.execute(
        select(LabHintRow.function, func.max(LabHintRow.rung))
        .where(LabHintRow.learner_id == learner_id, LabHintRow.module_id == module_id)
        .group_by(LabHintRow.function)
    )
    return {function: int(rung) for function, rung in rows}


def add_lab_hint(
    session: Session, *, learner_id: int, module_id: str, function: str, rung: int
) -> bool:
    """Record that the learner revealed ``rung``; False if it was already recorded."""
    try:
        with session.begin_nested():
            session.add(
                LabHintRow(learner_id=learner_id, module_id=module_id, function=function, rung=rung)
            )
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class ReviewCard:
    module_id: str
    item_id: str
    card: dict[str, Any]
    due: datetime
    reviews: int


def _review_card(row: ReviewCardRow) -> ReviewCard:
    return ReviewCard(row.module_id, row.item_id, row.card, _aware(row.due), row.reviews)


def review_card(
    session: Session, learner_id: int, module_id: str, item_id: str
) -> ReviewCard | None:
    row = session.scalar(
        select(ReviewCardRow).where(
            ReviewCardRow.learner_id == learner_id,
            ReviewCardRow.module_id == module_id,
            ReviewCardRow.item_id == item_id,
        )
    )
    return None if row is None else _review_card(row)


def save_review_card(
    session: Session,
    *,
    learner_id: int,
    module_id: str,
    item_id: str,
    card: dict[str, Any],
    due: datetime,
) -> ReviewCard:
    """Store the item's card after a review (creating it on the first one); counts reviews."""
    filters = (
        ReviewCardRow.learner_id == learner_id,
        ReviewCardRow.module_id == module_id,
        ReviewCardRow.item_id == item_id,
    )
    for _ in range(_CLAIM_ATTEMPTS):
        row = session.scalar(select(ReviewCardRow).where(*filters).with_for_update())
        if row is not None:
            row.card, row.due, row.reviews, row.updated_at = card, due, row.reviews + 1, utcnow()
            session.flush()
            return _review_card(row)
        fresh = ReviewCardRow(
            learner_id=learner_id,
            module_id=module_id,
            item_id=item_id,
            card=card,
            due=due,
            reviews=1,
        )
        try:
            with session.begin_nested():
                session.add(fresh)
        except IntegrityError:  # the same item's first review, at the same moment: update it
            continue
        return _review_card(fresh)
    raise DatabaseUnavailable("could not store the review card: too many updates at once")


def add_review_log(
    session: Session,
    *,
    learner_id: int,
    module_id: str,
    item_id: str,
    rating: int,
    correct: bool,
    seconds: float | None,
    source: Literal["quiz", "review"],
    reviewed_at: datetime,
) -> None:
    session.add(
        ReviewLogRow(
            learner_id=learner_id,
            module_id=module_id,
            item_id=item_id,
            rating=rating,
            correct=correct,
            seconds=seconds,
            source=source,
            reviewed_at=reviewed_at,
        )
    )
    session.flush()


def due_review_cards(
    session: Session, learner_id: int, now: datetime, *, limit: int
) -> list[ReviewCard]:
    """The learner's cards due at ``now``, most overdue first."""
    rows = session.scalars(
        select(ReviewCardRow)
        .where(ReviewCardRow.learner_id == learner_id, ReviewCardRow.due <= now)
        .order_by(ReviewCardRow.due, ReviewCardRow.id)
        .limit(limit)
    )
    return [_review_card(row) for row in rows]


def review_summary(
    session: Session, learner_id: int, now: datetime
) -> tuple[int, int, datetime | None]:
    """(cards due at ``now``, cards in the queue, when the next not-yet-due card is due)."""
    due = session.scalar(
        select(func.count())
        .select_from(ReviewCardRow)
        .where(ReviewCardRow.learner_id == learner_id, ReviewCardRow.due <= now)
    )
    total = session.scalar(
        select(func.count())
        .select_from(ReviewCardRow)
        .where(ReviewCardRow.learner_id == learner_id)
    )
    upcoming = session.scalar(
        select(func.min(ReviewCardRow.due)).where(
            ReviewCardRow.learner_id == learner_id, ReviewCardRow.due > now
        )
    )
    return int(due or 0), int(total or 0), None if upcoming is None else _aware(upcoming)


def add_activity(
    session: Session,
    *,
    learner_id: int,
    day: date,
    kind: str,
    module_id: str,
    seconds: int,
    at: datetime,
) -> None:
    """Add ``seconds`` of active use on ``day``; lesson time also counts towards reading the
    lesson; the learner's last place (for "continue where you left off") moves here."""
    key = (learner_id, day, kind, module_id)
    row = session.get(ActivityTimeRow, key, with_for_update=True)
    if row is None:
        row = ActivityTimeRow(
            learner_id=learner_id, day=day, kind=kind, module_id=module_id, seconds=0
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # the same day's first heartbeat twice at once
            row = session.get(ActivityTimeRow, key, with_for_update=True, populate_existing=True)
            assert row is not None
    row.seconds += seconds
    if kind == "lesson":
        progress = session.get(LessonProgressRow, (learner_id, module_id))
        if progress is None:
            progress = LessonProgressRow(
                learner_id=learner_id, module_id=module_id, read_fraction=0.0, active_seconds=0
            )
            session.add(progress)
        progress.active_seconds = (progress.active_seconds or 0) + seconds
    settings = _settings_row(session, learner_id)
    settings.last_kind, settings.last_module_id, settings.last_seen_at = kind, module_id, at
    session.flush()


def activity_by_day(session: Session, learner_id: int, first: date, last: date) -> dict[date, int]:
    """Seconds of activity per day from ``first`` to ``last`` (days without any absent)."""
    rows = session.execute(
        select(ActivityTimeRow.day, func.sum(ActivityTimeRow.seconds))
        .where(
            ActivityTimeRow.learner_id == learner_id,
            ActivityTimeRow.day >= first,
            ActivityTimeRow.day <= last,
        )
        .group_by(ActivityTimeRow.day)
    )
    return {day: int(total) for day, total in rows}


def lesson_active_seconds(session: Session, learner_id: int) -> dict[str, int]:
    rows = session.execute(
        select(LessonProgressRow.module_id, LessonProgressRow.active_seconds).where(
            LessonProgressRow.learner_id == learner_id
        )
    )
    return {module_id: int(seconds or 0) for module_id, seconds in rows}


def lab_passed_modules(session: Session, learner_id: int) -> set[str]:
    """The modules whose lab the learner has passed at least once."""
    rows = session.scalars(
        select(LabAttemptRow.module_id)
        .where(LabAttemptRow.learner_id == learner_id, LabAttemptRow.passed.is_(True))
        .distinct()
    )
    return set(rows)


@dataclass(frozen=True)
class LearnerSettings:
    weekly_goal_minutes: int | None
    path_id: str | None
    last_kind: str | None
    last_module_id: str | None
    last_seen_at: datetime | None


def _settings_row(session: Session, learner_id: int) -> LearnerSettingsRow:
    row = session.get(LearnerSettingsRow, learner_id)
    if row is None:
        row = LearnerSettingsRow(learner_id=learner_id)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            row = session.get(LearnerSettingsRow, learner_id, populate_existing=True)
            assert row is not None
    return row


def learner_settings(session: Session, learner_id: int) -> LearnerSettings:
    row = session.get(LearnerSettingsRow, learner_id)
    if row is None:
        return LearnerSettings(None, None, None, None, None)
    seen = None if row.last_seen_at is None else _aware(row.last_seen_at)
    return LearnerSettings(
        row.weekly_goal_minutes, row.path_id, row.last_kind, row.last_module_id, seen
    )


def save_learner_settings(
    session: Session, learner_id: int, *, weekly_goal_minutes: int | None, path_id: str | None
) -> None:
    row = _settings_row(session, learner_id)
    row.weekly_goal_minutes, row.path_id, row.updated_at = weekly_goal_minutes, path_id, utcnow()
    session.flush()


# -- marks on path items -------------------------------------------------------------------


def _mark_filter(learner_id: int, path_id: str, item_id: str) -> tuple[Any, ...]:
    return (
        PathMarkRow.learner_id == learner_id,
        PathMarkRow.path_id == path_id,
        PathMarkRow.item_id == item_id,
    )


def path_marks(session: Session, learner_id: int, path_id: str) -> set[str]:
    """The ids of the items of one path the learner has marked done."""
    rows = session.scalars(
        select(PathMarkRow.item_id).where(
            PathMarkRow.learner_id == learner_id, PathMarkRow.path_id == path_id
        )
    )
    return set(rows)


def mark_path_item(session: Session, *, learner_id: int, path_id: str, item_id: str) -> bool:
    """Mark an item of a path done; False if it already was (also when two marks race)."""
    try:
        with session.begin_nested():
            session.add(PathMarkRow(learner_id=learner_id, path_id=path_id, item_id=item_id))
    except IntegrityError:
        return False
    return True


def unmark_path_item(session: Session, *, learner_id: int, path_id: str, item_id: str) -> bool:
    """Take a mark back; False if there was none."""
    deleted = session.execute(
        delete(PathMarkRow)
        .where(*_mark_filter(learner_id, path_id, item_id))
        .execution_options(synchronize_session=False)
    )
    return cast("CursorResult[Any]", deleted).rowcount > 0
