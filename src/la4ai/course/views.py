"""What the browser receives about the course: lesson blocks and quiz items without answers.

These models are the protocol: the OpenAPI schema and the front end's TypeScript types are
generated from them. Every block and item carries a ``type``/``kind`` tag.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AdmonitionBlock",
    "AdmonitionKind",
    "Block",
    "ChoiceFeedback",
    "ChoiceResponse",
    "ChoiceView",
    "CodeBlock",
    "HeadingBlock",
    "InnerBlock",
    "ItemResult",
    "MathBlock",
    "MatrixResponse",
    "NumericResponse",
    "ProseBlock",
    "QuizItemView",
    "Response",
    "ResultStatus",
    "VectorResponse",
    "WidgetBlock",
]


class View(BaseModel):
    # Fields with defaults are still always present in responses: say so in the schema.
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class HeadingBlock(View):
    type: Literal["heading"] = "heading"
    level: int = Field(ge=2, le=4)
    text: str
    html: str = Field(description="The heading's inline Markdown rendered (math as spans).")
    anchor: str


class ProseBlock(View):
    """Markdown rendered to HTML (raw HTML in the source is escaped). Inline math is a
    ``<span class="la-math">`` holding the TeX, typeset by the browser with KaTeX."""

    type: Literal["prose"] = "prose"
    html: str


class MathBlock(View):
    type: Literal["math"] = "math"
    tex: str


class CodeBlock(View):
    type: Literal["code"] = "code"
    id: str = Field(description="Stable within the lesson: cell-1, cell-2, …")
    language: str
    source: str
    runnable: bool
    expected_output: str | None = Field(
        default=None, description="What the cell prints, checked by the test suite."
    )
    raises: str | None = Field(
        default=None, description="Exception the cell demonstrates on purpose, if any."
    )
    line: int = Field(description="Line of the cell in lesson.md.")


class WidgetBlock(View):
    type: Literal["widget"] = "widget"
    name: str
    props: dict[str, Any]


AdmonitionKind = Literal["note", "tip", "warning", "pitfall", "connection", "try-it"]

InnerBlock = Annotated[
    ProseBlock | MathBlock | CodeBlock | WidgetBlock, Field(discriminator="type")
]


class AdmonitionBlock(View):
    type: Literal["admonition"] = "admonition"
    kind: AdmonitionKind
    title: str
    blocks: list[InnerBlock]


Block = Annotated[
    HeadingBlock | ProseBlock | MathBlock | CodeBlock | WidgetBlock | AdmonitionBlock,
    Field(discriminator="type"),
]


class ChoiceView(View):
    index: int
    html: str


class QuizItemView(View):
    """A quiz item as the learner sees it. Randomized items are drawn from ``seed``; send
    the seed back with the answer."""

    id: str
    kind: Literal["numeric", "vector", "matrix", "choice"]
    prompt_html: str
    randomized: bool
    seed: int
    shape: list[int] | None = Field(
        default=None, description="Entries expected: [n] for a vector, [rows, cols] for a matrix."
    )
    choices: list[ChoiceView] | None = None
    multiple: bool = False


class ChoiceFeedback(View):
    index: int
    correct: bool
    feedback_html: str | None


ResultStatus = Literal["correct", "incorrect", "unreadable"]


class ItemResult(View):
    """The verdict on one answer, with what went wrong and the worked explanation."""

    item_id: str
    seed: int
    status: ResultStatus
    message: str = Field(description="The verdict in plain words, naming the likely mistake.")
    message_html: str | None = Field(
        default=None,
        description="The verdict rendered (Markdown and math) when an author wrote it.",
    )
    expected: str | None = Field(
        default=None, description="The correct answer (TeX), shown after a readable submission."
    )
    explanation_html: str | None = None
    choice_feedback: list[ChoiceFeedback] = Field(default_factory=list)


class NumericResponse(View):
    kind: Literal["numeric"]
    value: str = Field(max_length=200, description="A number or expression, e.g. 3/4, sqrt(2).")


class VectorResponse(View):
    kind: Literal["vector"]
    values: list[Annotated[str, Field(max_length=200)]] = Field(max_length=64)


class MatrixResponse(View):
    kind: Literal["matrix"]
    rows: list[list[Annotated[str, Field(max_length=200)]]] = Field(max_length=64)


class ChoiceResponse(View):
    kind: Literal["choice"]
    selected: list[int] = Field(max_length=64)


Response = Annotated[
    NumericResponse | VectorResponse | MatrixResponse | ChoiceResponse,
    Field(discriminator="kind"),
]
