"""Saving learner code with its history. Route handlers call one method each.

A file is one of a fixed set per context: a lab has ``lab.py`` (starting as the lab's
``starter.py``); a lesson has one file per runnable cell, named by the cell's id
(``cell-1``, …) and starting as the cell's code. Every save, restore and reset appends a
numbered version (1, 2, …) and makes it current; nothing is ever overwritten. A method
returns only after its transaction has committed, so an acknowledged save survives a
browser reload, a kernel death and a crash of the server.
"""

from __future__ import annotations

from la4ai.course import Course
from la4ai.errors import (
    InvalidSubmission,
    LabNotFound,
    SaveConflict,
    VersionNotFound,
    WorkspaceFileNotAllowed,
)
from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.workspaces.views import (
    FileState,
    VersionContent,
    VersionInfo,
    WorkspaceKind,
    WorkspaceView,
)

__all__ = ["LAB_FILE", "MAX_FILE_BYTES", "MAX_VERSIONS_LISTED", "CodeSaves"]

LAB_FILE = "lab.py"
MAX_FILE_BYTES = 256 * 1024
MAX_VERSIONS_LISTED = 100
_PREVIEW_LENGTH = 80


class CodeSaves:
    """Learner code on the server, with versions.

    Raises ``ModuleNotFound`` for an unknown module, ``LabNotFound`` for a module without a
    lab, ``WorkspaceFileNotAllowed`` for a name the lesson or lab does not have,
    ``InvalidSubmission`` for content that is too large or not text, ``SaveConflict`` when a
    save's ``base_version`` is stale and ``VersionNotFound`` for a version never saved.
    """

    def __init__(self, course: Course, database: Database) -> None:
        self.course = course
        self.database = database

    def workspace(self, learner_id: int, kind: WorkspaceKind, *, module_id: str) -> WorkspaceView:
        """Every file of the lesson or lab: the learner's current version, or the original
        (version 0, ``saved_at`` null) where nothing was saved."""
        originals = self._originals(kind, module_id)
        with self.database.session() as session:
            saved = repo.current_code_versions(
                session, learner_id=learner_id, kind=kind.value, module_id=module_id
            )
        files = [_state(name, code, saved.get(name)) for name, code in originals.items()]
        return WorkspaceView(kind=kind, module_id=module_id, files=files)

    def save(
        self,
        learner_id: int,
        kind: WorkspaceKind,
        *,
        module_id: str,
        name: str,
        content: str,
        base_version: int | None = None,
    ) -> FileState:
        """Store ``content`` as the file's next version; the new state once committed.

        With ``base_version`` (the version the edit started from, 0 for the original) the
        save is refused with ``SaveConflict`` unless that is still the current version.
        Saving the current content again stores nothing and returns the current state.
        """
        key, original = self._file(learner_id, kind, module_id=module_id, name=name)
        _check_content(name, content)
        with self.database.session() as session:
            current = repo.code_version(session, key)
            number = current.version if current else 0
            if base_version is not None and base_version != number:
                raise _conflict(name, original, current, base_version)
            if current is not None and current.content == content:
                return _state(name, original, current)
            expected = number if base_version is not None else None
            saved = repo.add_code_version(
                session, key, content=content, reason="save", expected_version=expected
            )
            if saved is None:  # another save got in between our read and our write
                raise _conflict(name, original, repo.code_version(session, key), number)
        return _state(name, original, saved)

    def versions(
        self, learner_id: int, kind: WorkspaceKind, *, module_id: str, name: str
    ) -> list[VersionInfo]:
        """The file's versions, newest first, at most ``MAX_VERSIONS_LISTED``; empty when
        it was never saved."""
        key, _ = self._file(learner_id, kind, module_id=module_id, name=name)
        with self.database.session() as session:
            summaries = repo.code_version_summaries(session, key, limit=MAX_VERSIONS_LISTED)
        return [
            VersionInfo(
                version=s.version,
                reason=s.reason,
                created_at=s.created_at,
                size=s.size,
                preview=_preview(s.head),
            )
            for s in summaries
        ]

    def version_content(
        self, learner_id: int, kind: WorkspaceKind, *, module_id: str, name: str, version: int
    ) -> VersionContent:
        """One saved version's full text."""
        key, _ = self._file(learner_id, kind, module_id=module_id, name=name)
        found = self._version(key, version)
        return VersionContent(
            version=found.version,
            content=found.content,
            reason=found.reason,
            created_at=found.created_at,
        )

    def restore(
        self, learner_id: int, kind: WorkspaceKind, *, module_id: str, name: str, version: int
    ) -> FileState:
        """Make an earlier version's text current again, as a new version (reason
        ``restore``); the versions after it are kept."""
        key, original = self._file(learner_id, kind, module_id=module_id, name=name)
        old = self._version(key, version)
        return self._append(key, original=original, content=old.content, reason="restore")

    def reset(
        self, learner_id: int, kind: WorkspaceKind, *, module_id: str, name: str
    ) -> FileState:
        """Make the original code (starter or cell) current, as a new version (reason
        ``reset``); earlier versions are kept."""
        key, original = self._file(learner_id, kind, module_id=module_id, name=name)
        return self._append(key, original=original, content=original, reason="reset")

    # -- helpers -------------------------------------------------------------------------

    def _originals(self, kind: WorkspaceKind, module_id: str) -> dict[str, str]:
        """File name → original code, for every file the lesson or lab has, in order."""
        module = self.course.module(module_id)
        if kind is WorkspaceKind.LAB:
            if module.lab is None:
                raise LabNotFound(module_id)
            return {LAB_FILE: module.lab.starter}
        return {cell.id: cell.source for cell in module.lesson.cells}

    def _file(
        self, learner_id: int, kind: WorkspaceKind, *, module_id: str, name: str
    ) -> tuple[repo.CodeFileKey, str]:
        """The file's key and original code; refuses a name the lesson or lab does not have."""
        originals = self._originals(kind, module_id)
        if name not in originals:
            where = f"the {kind.value} of module {module_id!r}"
            raise WorkspaceFileNotAllowed(name, where=where, allowed=list(originals))
        return repo.CodeFileKey(learner_id, kind.value, module_id, name), originals[name]

    def _version(self, key: repo.CodeFileKey, version: int) -> repo.CodeVersion:
        with self.database.session() as session:
            found = repo.code_version(session, key, version)
        if found is None:
            raise VersionNotFound(key.name, version)
        return found

    def _append(
        self, key: repo.CodeFileKey, *, original: str, content: str, reason: repo.CodeReason
    ) -> FileState:
        with self.database.session() as session:
            saved = repo.add_code_version(
                session, key, content=content, reason=reason, expected_version=None
            )
        assert saved is not None  # only a save with an expected version can be refused
        return _state(key.name, original, saved)


def _state(name: str, original: str, current: repo.CodeVersion | None) -> FileState:
    if current is None:
        return FileState(name=name, content=original, original=original, version=0, saved_at=None)
    return FileState(
        name=name,
        content=current.content,
        original=original,
        version=current.version,
        saved_at=current.created_at,
    )


def _conflict(
    name: str, original: str, current: repo.CodeVersion | None, base_version: int
) -> SaveConflict:
    state = _state(name, original, current)
    return SaveConflict(
        name,
        base_version=base_version,
        current_version=state.version,
        current=state.model_dump(mode="json"),
    )


def _check_content(name: str, content: str) -> None:
    if "\x00" in content:
        raise InvalidSubmission(f"{name} contains a NUL character; code must be plain text")
    try:
        size = len(content.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate from JSON such as "\ud800"
        raise InvalidSubmission(f"{name} is not valid Unicode text") from None
    if size > MAX_FILE_BYTES:
        raise InvalidSubmission(
            f"{name} is {size:,} bytes; a saved file may hold at most 256 KiB "
            f"({MAX_FILE_BYTES:,} bytes)"
        )


def _preview(head: str) -> str:
    line = next((line.strip() for line in head.splitlines() if line.strip()), "")
    return line if len(line) <= _PREVIEW_LENGTH else line[: _PREVIEW_LENGTH - 1] + "…"
