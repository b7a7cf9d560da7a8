"""API models of the learner's view of the course (the protocol the front end is typed by)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from la4ai.course.models import PathItemKind
from la4ai.course.views import Block, ItemResult, QuizItemView, Response

__all__ = [
    "ContinueView",
    "DashboardView",
    "HealthView",
    "Heartbeat",
    "ItemState",
    "LabView",
    "ModuleDetail",
    "ModuleProgress",
    "ModuleRef",
    "ModuleStep",
    "ModuleSummary",
    "NextUpView",
    "PathCheckpointEntry",
    "PathDetailView",
    "PathItemRef",
    "PathItemStateView",
    "PathItemView",
    "PathLabEntry",
    "PathModuleEntry",
    "PathProgressView",
    "PathProjectEntry",
    "PathResourceEntry",
    "PathView",
    "PathWeekView",
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
    "ReviewSummaryView",
    "SettingsUpdate",
    "SettingsView",
    "StreakView",
    "WeekDayView",
    "WeekView",
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
    lesson_read: bool = Field(
        default=False,
        description="Scrolled to the end AND read actively for long enough (not a click).",
    )
    lab_passed: bool | None = Field(default=None, description="None when there is no lab.")
    quiz_passed: bool | None = Field(
        default=None, description="80 % of the quiz correct; None when there is no quiz."
    )
    mastered: bool = Field(default=False, description="Lesson read, lab passed, quiz passed.")


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
    id: str = Field(description="The item's id in its path.")
    module: ModuleSummary
    note: str | None


class PathLabEntry(View):
    kind: Literal["lab"] = "lab"
    id: str
    module: ModuleRef
    title: str = Field(description="The lab's title.")
    minutes: int | None
    note: str | None


class PathCheckpointEntry(View):
    kind: Literal["checkpoint"] = "checkpoint"
    id: str
    module: ModuleRef = Field(description="The module whose lab is the checkpoint.")
    title: str
    minutes: int | None
    note: str | None


class PathResourceEntry(View):
    kind: Literal["resource"] = "resource"
    id: str
    title: str
    url: str
    minutes: int
    note: str | None


class PathProjectEntry(View):
    kind: Literal["project"] = "project"
    id: str
    title: str
    description: str
    url: str | None
    minutes: int


PathItemView = Annotated[
    PathModuleEntry | PathLabEntry | PathCheckpointEntry | PathResourceEntry | PathProjectEntry,
    Field(discriminator="kind"),
]


class PathView(View):
    id: str
    title: str
    tagline: str
    description: str | None
    items: list[PathItemView]


ItemState = Literal["done", "available", "locked"]
ModuleStep = Literal["lesson", "lab", "quiz"]


class PathItemRef(View):
    id: str
    title: str


class PathItemStateView(View):
    """One item of a path as the learner stands with it."""

    id: str
    kind: PathItemKind
    title: str
    state: ItemState = Field(
        description="`done`; `available`: not done, every prerequisite done; `locked`: some "
        "prerequisite not done (see `needs`)."
    )
    requires: list[PathItemRef] = Field(description="The items to do first (all of them).")
    needs: list[PathItemRef] = Field(description="The prerequisites not done yet.")
    minutes: int | None = Field(description="Estimated minutes; None when the path gives none.")
    week: int | None
    url: str | None = Field(
        description="Where to do it: a page of the app, or an external address (`external`)."
    )
    external: bool
    markable: bool = Field(
        description="Done when the learner marks it (resources, projects); items about a "
        "module follow the learner's progress in it."
    )
    module: ModuleRef | None
    step: ModuleStep | None = Field(
        description="What to do next in the module (items about a module, not done yet)."
    )
    note: str | None
    description: str | None


class PathWeekView(View):
    week: int | None = Field(description="None: the path has no weeks (one group holds all).")
    minutes: int
    done_minutes: int
    items: list[PathItemStateView]


class PathDetailView(View):
    """A path with the learner's state of every item, grouped by week."""

    id: str
    title: str
    tagline: str
    description: str | None
    weekly_minutes: int | None
    chosen: bool = Field(description="The learner's path: the dashboard follows it.")
    weeks: list[PathWeekView]
    items_total: int
    items_done: int
    minutes: int = Field(description="All the items' minutes (those with an estimate).")
    done_minutes: int
    next_up: str | None = Field(
        description="The id of the first item in path order that is not done and whose "
        "prerequisites are; None when there is none."
    )


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


PageKind = Literal["lesson", "lab", "quiz", "review"]


class Heartbeat(BaseModel):
    """Sent every ~15 s by a visible page the learner is using."""

    kind: PageKind
    module_id: str = Field(default="", max_length=64, description="Empty on the Review page.")
    seconds: int = Field(ge=1, le=60, description="Active seconds since the last heartbeat.")
    utc_offset_minutes: int = Field(
        default=0, ge=-14 * 60, le=14 * 60, description="The learner's UTC offset (east +)."
    )


class ContinueView(View):
    module: ModuleRef
    kind: PageKind
    url: str
    at: datetime


class NextUpView(View):
    module: ModuleRef
    kind: Literal["lesson", "lab", "quiz"]
    url: str
    reason: str


class PathProgressView(View):
    id: str
    title: str
    modules_total: int
    modules_mastered: int
    next_up: NextUpView | None = Field(
        description="The next step in a module: for the first module, lab or checkpoint item "
        "that is available. None when there is none (all done, or the rest locked)."
    )
    items_total: int
    items_done: int
    minutes: int
    done_minutes: int
    next_item: PathItemStateView | None = Field(
        description="The path's next up: the first item in path order that is not done and "
        "whose prerequisites are (any kind). None when there is none."
    )


class ReviewSummaryView(View):
    due_count: int
    total: int
    next_due: datetime | None


class WeekDayView(View):
    day: date
    minutes: float


class WeekView(View):
    days: list[WeekDayView] = Field(description="Monday to Sunday of this week.")
    minutes: float
    goal_minutes: int | None = Field(description="The learner's weekly goal, if set.")
    suggested_goal_minutes: int | None = Field(description="What the learner's path suggests.")


class StreakView(View):
    days: int
    today_active: bool
    forgiven: int = Field(description="Single missed days forgiven inside the streak.")


class DashboardView(View):
    resume: ContinueView | None = Field(description="Where the learner was last active.")
    path: PathProgressView | None
    reviews: ReviewSummaryView
    week: WeekView
    streak: StreakView


class SettingsView(View):
    weekly_goal_minutes: int | None
    path_id: str | None = Field(description="The learner's path (default: the first one).")


class SettingsUpdate(BaseModel):
    weekly_goal_minutes: int | None = Field(default=None, ge=15, le=50 * 60)
    path_id: str | None = Field(default=None, max_length=64)
