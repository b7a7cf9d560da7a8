from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from la4ai.course.views import QuizItemView
from la4ai.progress.views import (
    ModuleDetail,
    ModuleProgress,
    ModuleSummary,
    QuizSubmission,
    QuizSubmissionResult,
    ReadingUpdate,
)
from la4ai.web.deps import CurrentLearner, Progress
from la4ai.web.errors import ErrorBody

router = APIRouter(prefix="/modules", tags=["modules"])

ModuleId = Annotated[str, Path(max_length=64, description="Module id, e.g. `vectors`.")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module (or quiz item)."}
}


@router.get("", response_model=list[ModuleSummary])
def list_modules(progress: Progress, learner: CurrentLearner) -> list[ModuleSummary]:
    """Every module in course order, with the learner's progress."""
    return progress.module_summaries(learner)


@router.get("/{module_id}", response_model=ModuleDetail, responses=NOT_FOUND)
def get_module(module_id: ModuleId, progress: Progress, learner: CurrentLearner) -> ModuleDetail:
    """A module's lesson blocks and quiz (without answers), with the learner's last attempts."""
    return progress.module_detail(learner, module_id)


@router.put("/{module_id}/reading", response_model=ModuleProgress, responses=NOT_FOUND)
def record_reading(
    module_id: ModuleId, update: ReadingUpdate, progress: Progress, learner: CurrentLearner
) -> ModuleProgress:
    """Record how far the learner has read (the stored value never decreases)."""
    return progress.record_reading(learner, module_id, update.fraction)


@router.get("/{module_id}/quiz/{item_id}", response_model=QuizItemView, responses=NOT_FOUND)
def get_quiz_item(
    module_id: ModuleId,
    item_id: Annotated[str, Path(max_length=64)],
    progress: Progress,
    seed: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
) -> QuizItemView:
    """A quiz item drawn with ``seed``; without one, fresh numbers for a randomized item."""
    return progress.quiz_item(module_id, item_id, seed)


@router.post(
    "/{module_id}/quiz/submissions",
    response_model=QuizSubmissionResult,
    responses={**NOT_FOUND, 422: {"description": "Invalid body or answer of the wrong kind."}},
)
def submit_quiz(
    module_id: ModuleId, submission: QuizSubmission, progress: Progress, learner: CurrentLearner
) -> QuizSubmissionResult:
    """Check answers; each readable answer is stored as an attempt. Per-item feedback."""
    return progress.submit_quiz(learner, module_id, submission)
