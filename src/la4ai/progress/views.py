"""API models of the learner's view of the course (the protocol the front end is typed by)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from la4ai.course.views import Block, ItemResult, QuizItemView, Response

__all__ = [
    "HealthView",
    "LabView",
    "ModuleDetail",
    "ModuleProgress",
    "ModuleRef",
    "ModuleSummary",
    "PathItemView",
    "PathView",
    "QuizAnswer",
    "QuizItemState",
    "QuizSubmission",
    "QuizSubmissionResult",
    "RatingName",
    "ReadingUpdate",
    "ReviewAnswer",
    "ReviewItem",
    "ReviewOutcome",
    "ReviewQueue",
]


class View(BaseModel):
    # Fields with defaults are still always present in responses: say so in the schema.
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class ModuleProgress(View):
    read_fraction: float = Field(
        ge=0, le=1, description="How far down the lesson the learner has read."
    )
    quiz_total: int
    quiz_answered: int
    quiz_correct: int = Field(description="Items whose latest attempt was correct.")


class ModuleRef(View):
    id: str
    number: int
    title: str


class ModuleSummary(ModuleRef):
    tagline: str
    minutes: int
    summary: str | None
    progress: ModuleProgress


class QuizItemState(View):
    item: QuizItemView
    last_response: Response | None = None
    last_result: ItemResult | None = None


class LabView(View):
    """A module's lab as the learner sees it: never its solution or checks."""

    title: str
    functions: list[str]
    file_name: str = Field(description="The file the learner edits in the lab workspace.")
    task: list[Block]


class ModuleDetail(ModuleSummary):
    objectives: list[str]
    prerequisites: list[ModuleRef]
    blocks: list[Block]
    quiz: list[QuizItemState]
    previous: ModuleRef | None
    next: ModuleRef | None
    lab: LabView | None


class QuizAnswer(BaseModel):
    item_id: str = Field(max_length=64)
    seed: int = Field(ge=0, le=2**31 - 1, description="The seed of the item as it was shown.")
    response: Response
    seconds: float | None = Field(
        default=None,
        ge=0,
        le=24 * 3600,
        description="Seconds from showing the item to answering it (rates the review).",
    )


class QuizSubmission(BaseModel):
    answers: list[QuizAnswer] = Field(min_length=1, max_length=100)


class QuizSubmissionResult(View):
    results: list[ItemResult]
    progress: ModuleProgress


class ReadingUpdate(BaseModel):
    fraction: float = Field(ge=0, le=1)


class PathModuleEntry(View):
    kind: Literal["module"] = "module"
    module: ModuleSummary
    note: str | None


class PathResourceEntry(View):
    kind: Literal["resource"] = "resource"
    title: str
    url: str
    minutes: int
    note: str | None


PathItemView = Annotated[PathModuleEntry | PathResourceEntry, Field(discriminator="kind")]


class PathView(View):
    id: str
    title: str
    tagline: str
    description: str | None
    items: list[PathItemView]


class HealthView(View):
    status: Literal["ok"]
    version: str
    modules: int
    database: Literal["sqlite", "postgresql", "other"]


RatingName = Literal["again", "hard", "good", "easy"]


class ReviewItem(View):
    """A queued quiz item, drawn afresh (randomized items get new numbers)."""

    module: ModuleRef
    item: QuizItemView
    due: datetime
    reviews: int = Field(description="Answers so far (quiz page and reviews).")


class ReviewQueue(View):
    items: list[ReviewItem] = Field(description="Due now, most overdue first (at most 20).")
    due_count: int = Field(description="All items due now.")
    total: int = Field(description="Items in the learner's queue.")
    next_due: datetime | None = Field(description="When the next item not yet due comes back.")


class ReviewAnswer(QuizAnswer):
    pass


class ReviewOutcome(View):
    result: ItemResult
    rating: RatingName | None = Field(description="What the answer told the scheduler.")
    next_due: datetime | None = Field(description="When this item comes back.")
    due_count: int | None = Field(description="Items still due now.")
