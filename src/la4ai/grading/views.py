"""What the grading API returns: attempts with their results, and the hint ladder."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

__all__ = [
    "AttemptSummary",
    "AttemptView",
    "CheckView",
    "FunctionHints",
    "GradeView",
    "LabHints",
    "LabStatus",
    "SubmitRequest",
    "SubmitResponse",
]

MAX_SUBMISSION_CHARS = 256 * 1024


class CheckView(BaseModel):
    name: str = Field(description="What the check tests, in the learner's words.")
    function: str = Field(description="The learner function it targets.")
    passed: bool
    points: float = Field(description="Points earned (0 unless passed).")
    message: str = Field(description="Empty when passed; else what went wrong and how to see it.")


class GradeView(BaseModel):
    """The result of ``la4ai check --json`` (contracts/check.schema.json)."""

    lab: str
    passed: bool = Field(description="True only when every check passed.")
    score: float
    max_score: float
    checks: list[CheckView]
    error: str | None = Field(
        description="Set when the file could not be loaded; then no check ran."
    )
    duration_ms: float
    seed: int = Field(description="Seed of this attempt's random inputs (for reproducing).")
    output: str = Field(description="What the learner's code printed while checked (truncated).")


class AttemptSummary(BaseModel):
    number: int = Field(description="Attempts count from 1 per learner and lab.")
    created_at: datetime
    passed: bool
    score: float
    max_score: float


class AttemptView(AttemptSummary):
    code: str = Field(description="The code as it was checked.")
    result: GradeView


class FunctionHints(BaseModel):
    function: str
    total: int = Field(description="Rungs on this function's ladder, nudge first.")
    revealed: list[str] = Field(description="The rungs revealed so far, in order.")
    failed_attempts: int = Field(description="Checked attempts in which this function failed.")
    next_available: bool = Field(
        description="Another rung can be revealed now (one opens per failed attempt)."
    )


class LabHints(BaseModel):
    functions: list[FunctionHints]


class LabStatus(BaseModel):
    completed: bool = Field(description="Some attempt passed every check.")
    best_score: float
    max_score: float
    attempts: list[AttemptSummary] = Field(description="Oldest first.")


class SubmitRequest(BaseModel):
    code: str = Field(max_length=MAX_SUBMISSION_CHARS, description="The whole `lab.py`.")


class SubmitResponse(BaseModel):
    attempt: AttemptView
    completed_now: bool = Field(description="This attempt is the first to pass: the lab is done.")
    hints: LabHints
