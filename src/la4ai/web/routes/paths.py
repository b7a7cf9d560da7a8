"""Learning paths: the list with each module's progress, one path with the state of every
item, and marking resources and projects done."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from la4ai.progress.paths import PathService
from la4ai.progress.views import PathDetailView, PathView
from la4ai.web.deps import CurrentLearner, Dashboard
from la4ai.web.errors import ErrorBody

router = APIRouter(prefix="/paths", tags=["paths"])

PathId = Annotated[str, Path(max_length=64, description="Path id, e.g. `foundations`.")]
ItemId = Annotated[
    str,
    Path(max_length=80, description="An item's id in the path, e.g. `module:vectors`."),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such path (or item in it)."}
}
MARKS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    422: {
        "model": ErrorBody,
        "description": "An item that is not marked by hand: modules, labs and checkpoints "
        "follow the learner's progress.",
    },
}


def _paths(dashboard: Dashboard) -> PathService:
    return dashboard.paths


Paths = Annotated[PathService, Depends(_paths)]


@router.get("", response_model=list[PathView])
def list_paths(paths: Paths, learner: CurrentLearner) -> list[PathView]:
    """The learning paths, with each module's progress."""
    return paths.paths(learner)


@router.get("/{path_id}", response_model=PathDetailView, responses=NOT_FOUND)
def get_path(path_id: PathId, paths: Paths, learner: CurrentLearner) -> PathDetailView:
    """One path with the learner's state of every item (done, available, or locked with the
    prerequisites it still needs), grouped by week, with minutes and the next up."""
    return paths.path(learner, path_id)


@router.put("/{path_id}/items/{item_id}/done", response_model=PathDetailView, responses=MARKS)
def mark_item_done(
    path_id: PathId, item_id: ItemId, paths: Paths, learner: CurrentLearner
) -> PathDetailView:
    """Mark a resource or project done (again: no change); the path as it is now."""
    return paths.mark(learner, path_id, item_id, done=True)


@router.delete("/{path_id}/items/{item_id}/done", response_model=PathDetailView, responses=MARKS)
def unmark_item_done(
    path_id: PathId, item_id: ItemId, paths: Paths, learner: CurrentLearner
) -> PathDetailView:
    """Take back a resource's or project's mark (none: no change); the path as it is now."""
    return paths.mark(learner, path_id, item_id, done=False)
