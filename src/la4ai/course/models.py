"""Pydantic models of the course files: ``module.yaml``, ``quiz.yaml``, ``lab/lab.yaml``,
``paths/*.yaml``. Unknown keys are errors (``extra="forbid"``), so a typo never passes silently.

These describe the files as authors write them. What the API sends to the browser lives in
:mod:`la4ai.course.views` and never includes answers, solutions or checks.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    PositiveFloat,
    PositiveInt,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

__all__ = [
    "PATH_ITEM_KINDS",
    "ChoiceItem",
    "ChoiceOption",
    "LabMeta",
    "LabMutant",
    "LearningPath",
    "MatrixItem",
    "Mistake",
    "ModuleMeta",
    "ModulePathItem",
    "NumericItem",
    "PathCheckpointItem",
    "PathItem",
    "PathItemKind",
    "PathLabItem",
    "PathModuleItem",
    "PathProjectItem",
    "PathResourceItem",
    "QuizFile",
    "QuizItem",
    "Slug",
    "VectorItem",
]

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Number = float
Scalar = float | str  # a number, or an exact expression such as "sqrt(2)/2"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModuleMeta(StrictModel):
    """``module.yaml``: who the module is and what it promises."""

    id: Slug
    title: Text
    tagline: Text
    minutes: PositiveInt = Field(description="Estimated time for lesson, lab and quiz.")
    prerequisites: list[Slug] = Field(default_factory=list)
    objectives: list[Text] = Field(min_length=1)
    summary: Text | None = None


class Mistake(StrictModel):
    """A known wrong answer and what it reveals. ``value`` is a literal answer, or in a
    randomized item the name of a variable its ``generate`` code sets."""

    value: Scalar | list[Scalar] | list[list[Scalar]]
    message: Text


class _AnswerItem(StrictModel):
    id: Slug
    prompt: Text
    explanation: Text
    generate: str | None = Field(
        default=None,
        description="Python run with `np`, `math` and a seeded `rng`; it must set `answer`. "
        "Its variables fill {{ name }} placeholders in the prompt and explanation.",
    )
    tolerance: PositiveFloat = Field(
        default=1e-3,
        description="Accepted error: |given - answer| <= tolerance * max(1, |answer|).",
    )
    mistakes: list[Mistake] = Field(default_factory=list)

    @model_validator(mode="after")
    def _answer_or_generate(self) -> Any:
        answer = getattr(self, "answer", None)
        if self.generate is None and answer is None:
            raise ValueError("give either `answer` or `generate` (code that sets `answer`)")
        if self.generate is not None and answer is not None:
            raise ValueError("give `answer` or `generate`, not both: `generate` sets `answer`")
        return self

    @property
    def randomized(self) -> bool:
        return self.generate is not None


class NumericItem(_AnswerItem):
    kind: Literal["numeric"]
    answer: Scalar | None = None


class VectorItem(_AnswerItem):
    kind: Literal["vector"]
    answer: list[Scalar] | None = Field(default=None, min_length=1)


class MatrixItem(_AnswerItem):
    kind: Literal["matrix"]
    answer: list[list[Scalar]] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _rectangular(self) -> MatrixItem:
        if self.answer is not None and len({len(row) for row in self.answer}) != 1:
            lengths = ", ".join(str(len(row)) for row in self.answer)
            raise ValueError(f"answer rows must all have the same length (got {lengths})")
        return self


class ChoiceOption(StrictModel):
    text: Text
    correct: bool = False
    feedback: Text | None = Field(
        default=None, description="Shown after submitting when this option was chosen."
    )


class ChoiceItem(StrictModel):
    kind: Literal["choice"]
    id: Slug
    prompt: Text
    explanation: Text
    choices: list[ChoiceOption] = Field(min_length=2)
    multiple: bool = Field(default=False, description="Select all that apply.")

    @model_validator(mode="after")
    def _correct_count(self) -> ChoiceItem:
        n = sum(c.correct for c in self.choices)
        if n == 0:
            raise ValueError("no choice is marked `correct: true`")
        if n > 1 and not self.multiple:
            raise ValueError(f"{n} choices are correct: set `multiple: true` or mark only one")
        return self

    @property
    def randomized(self) -> bool:
        return False


QuizItem = Annotated[
    NumericItem | VectorItem | MatrixItem | ChoiceItem, Field(discriminator="kind")
]


class QuizFile(StrictModel):
    """``quiz.yaml``."""

    items: list[QuizItem] = Field(min_length=1)


class LabMutant(StrictModel):
    file: Annotated[str, StringConstraints(pattern=r"^mutants/[A-Za-z0-9_\-]+\.py$")]
    fails: Text = Field(description="Name of the check this wrong solution must fail.")
    misconception: Text


class LabMeta(StrictModel):
    """``lab/lab.yaml``: the lab's settings. The task itself is ``lab.md``."""

    title: Text
    functions: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]] = Field(
        min_length=1
    )
    time_limit_s: PositiveFloat = 10.0
    forbidden: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per function, calls its body may not make (e.g. np.linalg.solve).",
    )
    extras: list[Literal["ai"]] = Field(default_factory=list)
    mutants: list[LabMutant] = Field(default_factory=list)
    alternatives: list[
        Annotated[str, StringConstraints(pattern=r"^alternatives/[A-Za-z0-9_\-]+\.py$")]
    ] = Field(
        default_factory=list,
        description="Correct solutions written another way (loops, NumPy, …): each must pass.",
    )


PathItemKind = Literal["module", "lab", "checkpoint", "resource", "project"]
PATH_ITEM_KINDS: tuple[PathItemKind, ...] = ("module", "lab", "checkpoint", "resource", "project")
ItemId = Annotated[str, StringConstraints(min_length=1, max_length=80)]


class _PathEntry(StrictModel):
    """What any path item may say besides its kind (see ``docs/content-format.md``)."""

    kind: ClassVar[PathItemKind]
    requires: list[ItemId] = Field(
        default_factory=list,
        description="Ids of earlier items of the same path that must be done first.",
    )
    week: PositiveInt | None = Field(
        default=None,
        description="The week this item starts; the items after it without one stay in it.",
    )


class _ModuleEntry(_PathEntry):
    """An item about one module: the module itself, its lab, or its lab as a checkpoint."""

    id: Slug | None = None
    note: Text | None = None

    @property
    def module_id(self) -> str:
        raise NotImplementedError

    @property
    def item_id(self) -> str:
        """Its ``id:``, or ``<kind>:<module id>`` (``module:vectors``, ``lab:vectors``)."""
        return self.id or f"{self.kind}:{self.module_id}"


class PathModuleItem(_ModuleEntry):
    """``- module: vectors``: done when the module is mastered."""

    kind: ClassVar[PathItemKind] = "module"
    module: Slug

    @property
    def module_id(self) -> str:
        return self.module


class PathLabItem(_ModuleEntry):
    """``- lab: vectors``: the module's lab, done when it is passed."""

    kind: ClassVar[PathItemKind] = "lab"
    lab: Slug = Field(description="The module whose lab this is.")
    minutes: PositiveInt | None = None

    @property
    def module_id(self) -> str:
        return self.lab


class PathCheckpointItem(_ModuleEntry):
    """``- checkpoint: vectors``: a coding checkpoint (the module's lab), done when the lab
    is passed and the module's quiz is at 80 %."""

    kind: ClassVar[PathItemKind] = "checkpoint"
    checkpoint: Slug = Field(description="The module whose lab is the checkpoint.")
    title: Text
    minutes: PositiveInt | None = None

    @property
    def module_id(self) -> str:
        return self.checkpoint


def _titled(value: Any, kind: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"a {kind} needs its title here: `{kind}: <title>`")
    return value


class PathResourceItem(_PathEntry):
    """``- resource: <title>``, an external resource: done when the learner marks it."""

    kind: ClassVar[PathItemKind] = "resource"
    resource: Text = Field(description="Title of an external resource.")
    id: Slug = Field(description="Stable id: the learner's mark is kept under it.")
    url: HttpUrl
    minutes: PositiveInt
    note: Text | None = None

    @field_validator("resource", mode="before")
    @classmethod
    def _has_title(cls, value: Any) -> Any:
        return _titled(value, "resource")

    @property
    def item_id(self) -> str:
        return self.id


class PathProjectItem(_PathEntry):
    """``- project: <title>`` with a description: done when the learner marks it."""

    kind: ClassVar[PathItemKind] = "project"
    project: Text = Field(description="Title of the project.")
    id: Slug = Field(description="Stable id: the learner's mark is kept under it.")
    description: Text
    minutes: PositiveInt
    url: HttpUrl | None = None

    @field_validator("project", mode="before")
    @classmethod
    def _has_title(cls, value: Any) -> Any:
        return _titled(value, "project")

    @property
    def item_id(self) -> str:
        return self.id


def _path_item_kind(value: Any) -> str | None:
    # Tags start with "@" so error locations can tell them from keys (see yamlio).
    if isinstance(value, dict):
        kinds = [k for k in PATH_ITEM_KINDS if k in value]
        return f"@{kinds[0]}" if len(kinds) == 1 else None
    return f"@{value.kind}" if isinstance(value, _PathEntry) else None


PathItem = Annotated[
    Annotated[PathModuleItem, Tag("@module")]
    | Annotated[PathLabItem, Tag("@lab")]
    | Annotated[PathCheckpointItem, Tag("@checkpoint")]
    | Annotated[PathResourceItem, Tag("@resource")]
    | Annotated[PathProjectItem, Tag("@project")],
    Discriminator(
        _path_item_kind,
        custom_error_type="path_item_kind",
        custom_error_message="an item needs exactly one kind key: module, lab, checkpoint, "
        "resource or project",
    ),
]
#: The items whose completion comes from the learner's progress in a module.
ModulePathItem = PathModuleItem | PathLabItem | PathCheckpointItem


class LearningPath(StrictModel):
    """``paths/<id>.yaml``."""

    id: Slug
    title: Text
    tagline: Text
    description: Text | None = None
    weekly_minutes: PositiveInt | None = Field(
        default=None, description="Weekly study time this path suggests (the dashboard's goal)."
    )
    items: list[PathItem] = Field(min_length=1)

    @property
    def has_weeks(self) -> bool:
        return any(item.week is not None for item in self.items)

    def weeks(self) -> list[int | None]:
        """Each item's week: its own ``week:``, else the week of the item before it."""
        weeks: list[int | None] = []
        for item in self.items:
            weeks.append(item.week if item.week is not None else (weeks[-1] if weeks else None))
        return weeks

    def item(self, item_id: str) -> PathItem | None:
        return next((item for item in self.items if item.item_id == item_id), None)
