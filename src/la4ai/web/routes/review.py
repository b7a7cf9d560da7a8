"""Spaced review: the items due now, and answering one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from la4ai.progress.views import ReviewAnswer, ReviewOutcome, ReviewQueue
from la4ai.web.deps import CurrentLearner, Review
from la4ai.web.errors import ErrorBody
from la4ai.web.routes.modules import ModuleId

router = APIRouter(prefix="/review", tags=["review"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module or quiz item."}
}


@router.get("", response_model=ReviewQueue)
def review_queue(review: Review, learner: CurrentLearner) -> ReviewQueue:
    """Quiz items due for review now (most overdue first, each drawn with fresh numbers),
    how many are due, and when the next one comes back."""
    return review.queue(learner)


@router.post("/{module_id}/answers", response_model=ReviewOutcome, responses=NOT_FOUND)
def answer_review(
    module_id: ModuleId, body: ReviewAnswer, review: Review, learner: CurrentLearner
) -> ReviewOutcome:
    """Check one review answer and reschedule the item: a wrong answer brings it back in
    10 minutes, a right one later the faster it came (FSRS)."""
    return review.answer(learner, module_id, body)
