"""Domain errors. Services raise these; ``la4ai.web.errors`` maps them to HTTP in one place.

Hierarchy::

    La4aiError
    ├── NotFoundError
    │   ├── ModuleNotFound
    │   ├── LabNotFound
    │   ├── PathNotFound
    │   ├── PathItemNotFound
    │   ├── QuizItemNotFound
    │   └── VersionNotFound
    ├── ContentInvalid          (carries every problem found, each with file and line)
    ├── InvalidSubmission       (a request that makes no sense for its target)
    │   ├── WorkspaceFileNotAllowed
    │   └── PathItemNotMarkable
    ├── SaveConflict            (carries the file's current state)
    └── DatabaseUnavailable
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "AttemptNotFound",
    "ContentInvalid",
    "ContentProblem",
    "ConversationNotFound",
    "DatabaseUnavailable",
    "ExecutionError",
    "HintNotAvailable",
    "InvalidSubmission",
    "KernelDied",
    "KernelLimitReached",
    "La4aiError",
    "LabNotFound",
    "ModuleNotFound",
    "NotFoundError",
    "PathItemNotFound",
    "PathItemNotMarkable",
    "PathNotFound",
    "QuizItemNotFound",
    "SandboxUnavailable",
    "SaveConflict",
    "TutorUnavailable",
    "VersionNotFound",
    "WorkspaceFileNotAllowed",
]


class La4aiError(Exception):
    """Base of every error la4ai raises on purpose."""


class NotFoundError(La4aiError):
    """Something the caller named does not exist."""


class ModuleNotFound(NotFoundError):
    def __init__(self, module_id: str) -> None:
        super().__init__(f"no module named {module_id!r}")
        self.module_id = module_id


class PathNotFound(NotFoundError):
    def __init__(self, path_id: str) -> None:
        super().__init__(f"no learning path named {path_id!r}")
        self.path_id = path_id


class QuizItemNotFound(NotFoundError):
    def __init__(self, module_id: str, item_id: str) -> None:
        super().__init__(f"module {module_id!r} has no quiz item {item_id!r}")
        self.module_id = module_id
        self.item_id = item_id


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with the course content, located as precisely as we can."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else f"{self.file}"
        return f"{where}: {self.message}"


class ContentInvalid(La4aiError):
    """The course content has problems; ``problems`` lists each with its file and line."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.message))
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"course content has {count} problem{'s' * (count != 1)}:\n{lines}")


class DatabaseUnavailable(La4aiError):
    """The database cannot be reached or migrated."""


class InvalidSubmission(La4aiError):
    """A request that is well-formed JSON but makes no sense for its target (e.g. a matrix
    answer to a multiple-choice item). Mapped to HTTP 422."""


def _shown(name: str) -> str:
    # Names come from URLs: never echo an unbounded one back.
    return repr(name if len(name) <= 64 else name[:61] + "...")


class PathItemNotFound(NotFoundError):
    def __init__(self, path_id: str, item_id: str) -> None:
        super().__init__(f"learning path {path_id!r} has no item {_shown(item_id)}")
        self.path_id = path_id
        self.item_id = item_id


class PathItemNotMarkable(InvalidSubmission):
    """Only resources and projects are marked done by the learner: an item about a module
    is done by the learner's progress in it. Mapped to HTTP 422."""

    def __init__(self, item_id: str, why: str) -> None:
        super().__init__(f"item {_shown(item_id)} cannot be marked done: {why}")
        self.item_id = item_id


class LabNotFound(NotFoundError):
    def __init__(self, module_id: str) -> None:
        super().__init__(f"module {module_id!r} has no lab")
        self.module_id = module_id


class VersionNotFound(NotFoundError):
    def __init__(self, name: str, version: int) -> None:
        super().__init__(f"{_shown(name)} has no saved version {version}")
        self.name = name
        self.version = version


class WorkspaceFileNotAllowed(InvalidSubmission):
    """A file name a lesson or lab does not have. A lab has exactly ``lab.py``; a lesson
    has one file per runnable cell (``cell-1``, ``cell-2``, …). Names are never paths."""

    def __init__(self, name: str, *, where: str, allowed: list[str]) -> None:
        if len(allowed) > 4:
            listing = f"{allowed[0]} … {allowed[-1]}"
        else:
            listing = ", ".join(allowed) or "none"
        super().__init__(f"{_shown(name)} is not a file of {where} (its files: {listing})")
        self.name = name
        self.allowed = list(allowed)


class SaveConflict(La4aiError):
    """A save based on a version that is no longer the current one (another tab or device
    saved in between). ``current`` is the file's current state as JSON, so the caller can
    show both texts and let the learner choose. Mapped to HTTP 409."""

    def __init__(
        self, name: str, *, base_version: int, current_version: int, current: dict[str, Any]
    ) -> None:
        super().__init__(
            f"{_shown(name)} was saved elsewhere: you edited version {base_version}, the current "
            f"version is {current_version}; reload it, or save without base_version to overwrite"
        )
        self.name = name
        self.base_version = base_version
        self.current_version = current_version
        self.current = current


class AttemptNotFound(NotFoundError):
    def __init__(self, module_id: str, number: int) -> None:
        super().__init__(f"no attempt {number} at the lab of {_shown(module_id)}")
        self.module_id = module_id
        self.number = number


class ConversationNotFound(NotFoundError):
    def __init__(self, conversation_id: int) -> None:
        super().__init__(f"no tutor conversation {conversation_id}")
        self.conversation_id = conversation_id


class TutorUnavailable(La4aiError):
    """The configured tutor back end cannot answer (an LLM endpoint that is unreachable,
    refuses the key, or is misconfigured). The message is safe to show: it never holds
    the key."""


class HintNotAvailable(La4aiError):
    """The next hint for a function is not open yet: each rung opens after one more checked
    attempt in which that function failed a check (or there are no more rungs). Mapped to
    HTTP 409."""


class ExecutionError(La4aiError):
    """Running learner code failed for a reason outside the learner's code."""


class SandboxUnavailable(ExecutionError):
    """The configured execution backend cannot run here (or may not, e.g. multi-user mode
    without a sandbox)."""


class KernelDied(ExecutionError):
    """A kernel exited unexpectedly, or never came up."""


class KernelLimitReached(ExecutionError):
    """A learner already runs as many kernels as allowed and none can be reclaimed."""
