"""Everything one learner has, as plain data, and back: the store's side of progress
export and import.

:func:`dump_learner` reads every table that belongs to the learner into JSON-ready lists
of rows (without internal ids); :func:`replace_learner` deletes the learner's rows and
inserts the given ones, in the caller's transaction, so an import is all or nothing.
Code versions travel inside their file. The format's schema and version are the progress
service's (``la4ai.progress.transfer``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import DeclarativeBase, Session

from la4ai.store.models import (
    ActivityTimeRow,
    CodeFileRow,
    CodeVersionRow,
    LabAttemptRow,
    LabHintRow,
    LearnerSettingsRow,
    LessonProgressRow,
    PathMarkRow,
    QuizAttemptRow,
    ReviewCardRow,
    ReviewLogRow,
)

__all__ = ["TABLES", "dump_learner", "replace_learner"]

#: Section name → the learner's table it holds (code files are handled with their versions).
TABLES: dict[str, type[DeclarativeBase]] = {
    "lessons": LessonProgressRow,
    "quiz_attempts": QuizAttemptRow,
    "lab_attempts": LabAttemptRow,
    "hints": LabHintRow,
    "review_cards": ReviewCardRow,
    "review_logs": ReviewLogRow,
    "activity": ActivityTimeRow,
    "settings": LearnerSettingsRow,
    "path_marks": PathMarkRow,
}
_SKIPPED = {"id", "learner_id", "file_id"}


def _columns(model: type[DeclarativeBase]) -> list[str]:
    return [c.name for c in model.__table__.columns if c.name not in _SKIPPED]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):  # always UTC with its offset, whatever the database
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(model: type[DeclarativeBase], row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with ISO strings turned back into the column's dates and times."""
    out = dict(row)
    for column in model.__table__.columns:
        value = out.get(column.name)
        if not isinstance(value, str):
            continue
        kind = column.type.python_type if hasattr(column.type, "python_type") else None
        if kind is datetime:
            out[column.name] = datetime.fromisoformat(value)
        elif kind is date:
            out[column.name] = date.fromisoformat(value)
    return out


def dump_learner(session: Session, learner_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of the learner's, per section, as JSON-ready dicts."""
    out: dict[str, list[dict[str, Any]]] = {}
    for section, model in TABLES.items():
        columns = _columns(model)
        table = model.__table__
        rows = session.execute(select(table).where(table.c.learner_id == learner_id)).mappings()
        out[section] = [{c: _plain(row[c]) for c in columns} for row in rows]
    files = session.scalars(select(CodeFileRow).where(CodeFileRow.learner_id == learner_id))
    version_columns = _columns(CodeVersionRow)
    code: list[dict[str, Any]] = []
    for file in files:
        entry = {c: _plain(getattr(file, c)) for c in _columns(CodeFileRow)}
        versions = session.execute(
            select(CodeVersionRow.__table__)
            .where(CodeVersionRow.file_id == file.id)
            .order_by(CodeVersionRow.version)
        ).mappings()
        entry["versions"] = [{c: _plain(v[c]) for c in version_columns} for v in versions]
        code.append(entry)
    out["code"] = code
    return out


def replace_learner(
    session: Session, learner_id: int, data: dict[str, list[dict[str, Any]]]
) -> None:
    """Delete the learner's rows and insert ``data`` (as :func:`dump_learner` made it)."""
    owned: list[type[DeclarativeBase]] = [*TABLES.values(), CodeFileRow]
    for model in owned:  # code versions go with their files (ON DELETE CASCADE)
        learner_column = model.__table__.c.learner_id
        session.execute(delete(model).where(learner_column == learner_id))
    for section, model in TABLES.items():
        for row in data.get(section, []):
            session.add(model(learner_id=learner_id, **_typed(model, row)))
    session.flush()
    for entry in data.get("code", []):
        fields = {k: v for k, v in entry.items() if k != "versions"}
        file = CodeFileRow(learner_id=learner_id, **_typed(CodeFileRow, fields))
        session.add(file)
        session.flush()
        for version in entry.get("versions", []):
            session.add(CodeVersionRow(file_id=file.id, **_typed(CodeVersionRow, version)))
    session.flush()
