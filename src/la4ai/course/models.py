"""Pydantic models of the course files: ``module.yaml``, ``quiz.yaml``, ``lab/lab.yaml``,
``paths/*.yaml``. Unknown keys are errors (``extra="forbid"``), so a typo never passes silently.

These describe the files as authors write them. What the API sends to the browser lives in
:mod:`la4ai.course.views` and never includes answers, solutions or checks.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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
    model_validator,
)

__all__ = [
    "ChoiceItem",
    "ChoiceOption",
    "LabMeta",
    "LabMutant",
    "LearningPath",
    "MatrixItem",
    "Mistake",
    "ModuleMeta",
    "NumericItem",
    "PathItem",
    "PathModuleItem",
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


class PathModuleItem(StrictModel):
    module: Slug
    note: Text | None = None


class PathResourceItem(StrictModel):
    resource: Text = Field(description="Title of an external resource.")
    url: HttpUrl
    minutes: PositiveInt
    note: Text | None = None


def _path_item_kind(value: Any) -> str:
    # Tags start with "@" so error locations can tell them from keys (see yamlio).
    if isinstance(value, dict):
        return "@resource" if "resource" in value else "@module"
    return "@resource" if hasattr(value, "resource") else "@module"


PathItem = Annotated[
    Annotated[PathModuleItem, Tag("@module")] | Annotated[PathResourceItem, Tag("@resource")],
    Discriminator(_path_item_kind),
]


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
