"""API models of saved learner code (the protocol the front end is typed by)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "FileState",
    "SaveConflictBody",
    "SaveRequest",
    "VersionContent",
    "VersionInfo",
    "VersionReason",
    "WorkspaceKind",
    "WorkspaceView",
]

VersionReason = Literal["save", "restore", "reset"]


class WorkspaceKind(StrEnum):
    """Where learner code lives: the runnable cells of a lesson, or a lab's ``lab.py``."""

    LESSON = "lesson"
    LAB = "lab"


class View(BaseModel):
    # Fields with defaults are still always present in responses: say so in the schema.
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class FileState(View):
    """A file as the learner last saved it, beside the course's original code."""

    name: str = Field(description="`lab.py` in a lab; a runnable cell's id (`cell-3`) in a lesson.")
    content: str = Field(description="The current version's text; the original when never saved.")
    original: str = Field(description="The lab's starter code or the cell's code in the lesson.")
    version: int = Field(ge=0, description="The current version; 0 when never saved.")
    saved_at: datetime | None = Field(description="When the current version was saved.")


class WorkspaceView(View):
    kind: WorkspaceKind
    module_id: str
    files: list[FileState] = Field(description="Every file, in lesson order for cells.")


class SaveRequest(BaseModel):
    content: str = Field(description="The whole file; at most 256 KiB of UTF-8, no NUL.")
    base_version: int | None = Field(
        default=None,
        ge=0,
        description="The version this edit started from (0: the original). When set and no "
        "longer current, the save is refused with 409; null saves unconditionally.",
    )


class VersionInfo(View):
    version: int = Field(ge=1)
    reason: VersionReason = Field(description="What made it: a save, a restore or a reset.")
    created_at: datetime
    size: int = Field(ge=0, description="Bytes of UTF-8.")
    preview: str = Field(description="The first non-blank line, at most 80 characters.")


class VersionContent(View):
    version: int = Field(ge=1)
    content: str
    reason: VersionReason
    created_at: datetime


class SaveConflictBody(View):
    """The 409 answer to a save whose ``base_version`` is no longer current."""

    detail: str
    current: FileState
