from __future__ import annotations

from fastapi import APIRouter

from la4ai.progress.views import PathView
from la4ai.web.deps import CurrentLearner, Progress

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get("", response_model=list[PathView])
def list_paths(progress: Progress, learner: CurrentLearner) -> list[PathView]:
    """The learning paths, with each module's progress."""
    return progress.paths(learner)
