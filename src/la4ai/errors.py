"""Domain errors. Services raise these; ``la4ai.web.errors`` maps them to HTTP in one place.

Hierarchy::

    La4aiError
    ├── NotFoundError
    │   ├── ModuleNotFound
    │   ├── PathNotFound
    │   └── QuizItemNotFound
    ├── ContentInvalid          (carries every problem found, each with file and line)
    ├── InvalidSubmission       (a request that makes no sense for its target)
    └── DatabaseUnavailable
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ContentInvalid",
    "ContentProblem",
    "DatabaseUnavailable",
    "InvalidSubmission",
    "La4aiError",
    "ModuleNotFound",
    "NotFoundError",
    "PathNotFound",
    "QuizItemNotFound",
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
