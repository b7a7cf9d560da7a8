"""A learner's progress and code as one JSON file, and back (moving machines loses nothing).

The file is ``{"format": "la4ai-progress", "version": 2, "exported_at": …, "app_version":
…, "data": {section: [rows]}}`` with the sections of :mod:`la4ai.store.transfer`: reading,
quiz attempts, lab attempts (with the code as checked), hints revealed, review cards and
their log, time per day, settings, path items marked done, and every code file with all its
versions. An import checks everything before it changes anything, then replaces the
learner's data in one transaction; a file that is not JSON, not a progress file, from a
format version this la4ai does not read or inconsistent is refused with a message saying
which.

Version 2 added ``path_marks``; version 1 files (from before) import as having none.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import IntegrityError

from la4ai import __version__
from la4ai.errors import InvalidSubmission
from la4ai.store import Database
from la4ai.store.transfer import dump_learner, replace_learner

__all__ = ["FORMAT", "VERSION", "ImportSummary", "ProgressTransfer"]

FORMAT = "la4ai-progress"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # 1: before path marks
MAX_FILE_BYTES = 64 * 1024 * 1024

Id = str  # module, item and function ids are checked by length only: content may change


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Lesson(_Row):
    module_id: Id = Field(max_length=64)
    read_fraction: float = Field(ge=0, le=1)
    active_seconds: int = Field(ge=0)
    updated_at: datetime


class _QuizAttempt(_Row):
    module_id: Id = Field(max_length=64)
    item_id: Id = Field(max_length=64)
    seed: int
    response: dict[str, Any]
    correct: bool
    created_at: datetime


class _LabAttempt(_Row):
    module_id: Id = Field(max_length=64)
    number: int = Field(ge=1)
    code: str
    seed: int
    passed: bool
    score: float
    max_score: float
    result: dict[str, Any]
    created_at: datetime


class _Hint(_Row):
    module_id: Id = Field(max_length=64)
    function: str = Field(max_length=64)
    rung: int = Field(ge=1)
    created_at: datetime


class _ReviewCard(_Row):
    module_id: Id = Field(max_length=64)
    item_id: Id = Field(max_length=64)
    card: dict[str, Any]
    due: datetime
    reviews: int = Field(ge=0)
    updated_at: datetime


class _ReviewLog(_Row):
    module_id: Id = Field(max_length=64)
    item_id: Id = Field(max_length=64)
    rating: int = Field(ge=1, le=4)
    correct: bool
    seconds: float | None
    source: Literal["quiz", "review"]
    reviewed_at: datetime


class _Activity(_Row):
    day: date
    kind: Literal["lesson", "lab", "quiz", "review"]
    module_id: Id = Field(max_length=64)
    seconds: int = Field(ge=0)


class _Settings(_Row):
    weekly_goal_minutes: int | None
    path_id: str | None = Field(max_length=64)
    last_kind: str | None = Field(max_length=16)
    last_module_id: str | None = Field(max_length=64)
    last_seen_at: datetime | None
    updated_at: datetime


class _PathMark(_Row):
    path_id: Id = Field(max_length=64)
    item_id: Id = Field(max_length=64)
    marked_at: datetime


class _CodeVersion(_Row):
    version: int = Field(ge=1)
    content: str
    size: int = Field(ge=0)
    reason: Literal["save", "restore", "reset"]
    created_at: datetime


class _CodeFile(_Row):
    kind: Literal["lesson", "lab"]
    module_id: Id = Field(max_length=64)
    name: str = Field(max_length=64)
    current_version: int = Field(ge=0)
    updated_at: datetime
    versions: list[_CodeVersion]


class _Data(_Row):
    lessons: list[_Lesson]
    quiz_attempts: list[_QuizAttempt]
    lab_attempts: list[_LabAttempt]
    hints: list[_Hint]
    review_cards: list[_ReviewCard]
    review_logs: list[_ReviewLog]
    activity: list[_Activity]
    settings: list[_Settings] = Field(max_length=1)
    path_marks: list[_PathMark] = Field(default_factory=list)  # absent from version 1
    code: list[_CodeFile]


class _File(_Row):
    format: Literal["la4ai-progress"]
    version: int
    exported_at: datetime
    app_version: str
    data: _Data


class ImportSummary(BaseModel):
    """What an import brought in, per section (row counts; code: files)."""

    imported: dict[str, int]


def _problems(error: ValidationError) -> str:
    shown = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item["loc"])
        shown.append(f"{where}: {item['msg']}")
    more = error.error_count() - len(shown)
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")


class ProgressTransfer:
    def __init__(self, database: Database) -> None:
        self.database = database

    def export(self, learner_id: int) -> dict[str, Any]:
        """The learner's file (a JSON-ready dict)."""
        with self.database.session() as session:
            data = dump_learner(session, learner_id)
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.now(UTC).isoformat(),
            "app_version": __version__,
            "data": data,
        }

    def parse(self, raw: bytes) -> _File:
        """Check a file completely; InvalidSubmission says what is wrong with it."""
        if len(raw) > MAX_FILE_BYTES:
            raise InvalidSubmission("the file is larger than 64 MiB: not a la4ai progress file")
        try:
            document = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidSubmission(f"the file is not JSON (or is damaged): {exc}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise InvalidSubmission("this is not a la4ai progress file (export one from la4ai)")
        version = document.get("version")
        if version not in READABLE_VERSIONS:
            newer = isinstance(version, int) and version > VERSION
            raise InvalidSubmission(
                f"this progress file has format version {version!r}; this la4ai reads version "
                + " or ".join(map(str, READABLE_VERSIONS))
                + (" — update la4ai to import it" if newer else "")
            )
        try:
            parsed = _File.model_validate(document)
        except ValidationError as exc:
            raise InvalidSubmission(f"the progress file is damaged: {_problems(exc)}") from None
        for file in parsed.data.code:
            numbers = [v.version for v in file.versions]
            if len(set(numbers)) != len(numbers) or (
                file.current_version and file.current_version not in numbers
            ):
                raise InvalidSubmission(
                    f"the progress file is damaged: the versions of {file.kind} "
                    f"{file.module_id}/{file.name} do not match its current version"
                )
        return parsed

    def import_(self, learner_id: int, raw: bytes) -> ImportSummary:
        """Replace the learner's progress and code with the file's (all or nothing)."""
        parsed = self.parse(raw)
        data = parsed.data.model_dump(mode="python")
        try:
            with self.database.session() as session:
                replace_learner(session, learner_id, data)
        except IntegrityError:
            raise InvalidSubmission(
                "the progress file is damaged: it holds the same record twice"
            ) from None
        return ImportSummary(imported={section: len(rows) for section, rows in data.items()})
