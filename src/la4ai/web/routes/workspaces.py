"""Learner code saved on the server, with versions: a lab's ``lab.py`` and a lesson's cells."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from la4ai.web.deps import CurrentLearner, Saves
from la4ai.web.errors import ErrorBody
from la4ai.web.routes.modules import ModuleId
from la4ai.workspaces.views import (
    FileState,
    SaveConflictBody,
    SaveRequest,
    VersionContent,
    VersionInfo,
    WorkspaceKind,
    WorkspaceView,
)

router = APIRouter(prefix="/workspaces", tags=["workspaces"])

# File names are never paths, but `{name:path}` lets a name such as `..%2F..%2Fx` reach the
# service, which refuses it with a clear 422 instead of a bare routing 404.

Kind = Annotated[WorkspaceKind, Path(description="`lesson` (its cells) or `lab` (`lab.py`).")]
FileName = Annotated[
    str,
    Path(max_length=64, description="`lab.py` in a lab; a runnable cell's id (`cell-3`)."),
]
Version = Annotated[int, Path(description="A version number, from 1.")]

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module, lab or version."}
}
FILE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    422: {"description": "A name the lesson or lab does not have, or unacceptable content."},
}


@router.get("/{kind}/{module_id}", response_model=WorkspaceView, responses=NOT_FOUND)
def get_workspace(
    kind: Kind, module_id: ModuleId, saves: Saves, learner: CurrentLearner
) -> WorkspaceView:
    """Every file of a lesson (its runnable cells) or lab (`lab.py`) as last saved, beside
    its original code; version 0 and no `saved_at` where nothing was saved yet."""
    return saves.workspace(learner, kind, module_id=module_id)


@router.put(
    "/{kind}/{module_id}/files/{name:path}",
    response_model=FileState,
    responses={
        **FILE_ERRORS,
        409: {"model": SaveConflictBody, "description": "`base_version` is not current."},
    },
)
def save_file(
    kind: Kind,
    module_id: ModuleId,
    name: FileName,
    body: SaveRequest,
    saves: Saves,
    learner: CurrentLearner,
) -> FileState:
    """Save the file as a new version. Answered only once the save is durable. With
    `base_version`, refused (409, with the current file) if someone saved in between."""
    return saves.save(
        learner,
        kind,
        module_id=module_id,
        name=name,
        content=body.content,
        base_version=body.base_version,
    )


@router.get(
    "/{kind}/{module_id}/files/{name:path}/versions",
    response_model=list[VersionInfo],
    responses=FILE_ERRORS,
)
def list_versions(
    kind: Kind, module_id: ModuleId, name: FileName, saves: Saves, learner: CurrentLearner
) -> list[VersionInfo]:
    """The file's versions, newest first (at most 100), without their text."""
    return saves.versions(learner, kind, module_id=module_id, name=name)


@router.get(
    "/{kind}/{module_id}/files/{name:path}/versions/{version}",
    response_model=VersionContent,
    responses=FILE_ERRORS,
)
def get_version(
    kind: Kind,
    module_id: ModuleId,
    name: FileName,
    version: Version,
    saves: Saves,
    learner: CurrentLearner,
) -> VersionContent:
    """One version's full text."""
    return saves.version_content(learner, kind, module_id=module_id, name=name, version=version)


@router.post(
    "/{kind}/{module_id}/files/{name:path}/versions/{version}/restore",
    response_model=FileState,
    responses=FILE_ERRORS,
)
def restore_version(
    kind: Kind,
    module_id: ModuleId,
    name: FileName,
    version: Version,
    saves: Saves,
    learner: CurrentLearner,
) -> FileState:
    """Make an earlier version current again, as a new version (reason `restore`)."""
    return saves.restore(learner, kind, module_id=module_id, name=name, version=version)


@router.post(
    "/{kind}/{module_id}/files/{name:path}/reset",
    response_model=FileState,
    responses=FILE_ERRORS,
)
def reset_file(
    kind: Kind, module_id: ModuleId, name: FileName, saves: Saves, learner: CurrentLearner
) -> FileState:
    """Make the original code (lab starter or lesson cell) current, as a new version
    (reason `reset`); earlier versions are kept."""
    return saves.reset(learner, kind, module_id=module_id, name=name)
