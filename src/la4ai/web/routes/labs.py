"""Lab submissions and hints: check the code, list attempts, climb the hint ladder."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from la4ai.grading.views import AttemptView, LabHints, LabStatus, SubmitRequest, SubmitResponse
from la4ai.web.deps import CurrentLearner, Grading
from la4ai.web.errors import ErrorBody
from la4ai.web.routes.modules import ModuleId

router = APIRouter(prefix="/labs", tags=["labs"])

Function = Annotated[str, Path(max_length=64, description="A lab function, e.g. `dot`.")]
Number = Annotated[int, Path(ge=1, description="An attempt number, from 1.")]

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module, lab or attempt."}
}


@router.post(
    "/{module_id}/attempts",
    response_model=SubmitResponse,
    responses={
        **NOT_FOUND,
        503: {"model": ErrorBody, "description": "No sandbox to grade in (multi-user mode)."},
    },
)
def submit_attempt(
    module_id: ModuleId, body: SubmitRequest, grading: Grading, learner: CurrentLearner
) -> SubmitResponse:
    """Check `lab.py` against the lab's checks (in a sandboxed checker, never in the
    learner's kernel) and store it as the next attempt, with the code as checked. A file
    that does not load is a result with `error` set, not an HTTP error."""
    return grading.submit(learner, module_id, body.code)


@router.get("/{module_id}", response_model=LabStatus, responses=NOT_FOUND)
def lab_status(module_id: ModuleId, grading: Grading, learner: CurrentLearner) -> LabStatus:
    """The learner's attempts at the lab (oldest first) and whether it is complete."""
    return grading.status(learner, module_id)


@router.get("/{module_id}/attempts/{number}", response_model=AttemptView, responses=NOT_FOUND)
def get_attempt(
    module_id: ModuleId, number: Number, grading: Grading, learner: CurrentLearner
) -> AttemptView:
    """One attempt: the code as checked and its full result."""
    return grading.attempt(learner, module_id, number)


@router.get("/{module_id}/hints", response_model=LabHints, responses=NOT_FOUND)
def get_hints(module_id: ModuleId, grading: Grading, learner: CurrentLearner) -> LabHints:
    """Each function's hint ladder: the rungs revealed so far and whether the next is open."""
    return grading.hints(learner, module_id)


@router.post(
    "/{module_id}/hints/{function}",
    response_model=LabHints,
    responses={
        **NOT_FOUND,
        409: {"model": ErrorBody, "description": "The next rung is not open (yet)."},
        422: {"description": "A function the lab does not have."},
    },
)
def reveal_hint(
    module_id: ModuleId, function: Function, grading: Grading, learner: CurrentLearner
) -> LabHints:
    """Reveal the next rung of a function's ladder (recorded). One rung opens per checked
    attempt in which the function failed a check."""
    return grading.reveal_hint(learner, module_id, function)
