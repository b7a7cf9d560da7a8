"""The tutor's answers: the ``la4ai ask --json`` contract and the web view of a message.

``Answer`` is exactly one line of ``la4ai ask --json`` (see ``contracts/ask.schema.json``
in the design folder). ``TutorMessage`` is what the web app stores and shows: the answer
plus its rendered HTML, every receipt (code that was run and what it printed), the numbers
that no receipt backs (LLM mode), and the conversation it belongs to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Answer",
    "AskContext",
    "AskRequest",
    "ConversationSummary",
    "ConversationView",
    "Receipt",
    "Result",
    "ResultType",
    "Source",
    "TutorMessage",
    "Verification",
]

ResultType = Literal[
    "scalar",
    "vector",
    "matrix",
    "multiset",
    "boolean",
    "solution",
    "no_solution",
    "infinite_solutions",
    "no_inverse",
    "subspace",
    "eigenpairs",
    "polynomial",
    "qr",
    "text",
]


class Result(BaseModel):
    """What was computed. ``value`` is numeric wherever the answer is numeric (a complex
    number is ``[re, im]``); ``exact`` optionally gives exact forms as strings."""

    type: ResultType
    value: Any = None
    exact: Any = None


class Verification(BaseModel):
    """The receipt: independent code that was run in the sandbox, and what it printed."""

    code: str
    output: str
    passed: bool


class Source(BaseModel):
    """A passage of the course an answer quotes."""

    module: str
    title: str
    url: str
    quote: str = ""


class Answer(BaseModel):
    """One answer, as ``la4ai ask --json`` prints it."""

    question: str
    status: Literal["answered", "declined"]
    text: str = Field(description="Markdown: the explanation with steps, or why it was declined")
    result: Result | None = None
    verification: Verification | None = None
    sources: list[Source] = Field(default_factory=list)

    def contract(self) -> dict[str, Any]:
        """The JSON object of the CLI contract (``exact`` left out when there is none)."""
        data = self.model_dump(mode="json")
        if data["result"] is not None and data["result"].get("exact") is None:
            del data["result"]["exact"]
        return data


class Receipt(BaseModel):
    """Code the tutor ran (in the sandbox) while answering, and its output."""

    title: str
    code: str
    output: str
    passed: bool


class AskContext(BaseModel):
    """Where the learner asks from. On a lab page the tutor also reads the learner's code,
    the last output and the last check results (from the store)."""

    model_config = ConfigDict(extra="forbid")

    page: Literal["lesson", "lab", "quiz", "review", "other"] = "other"
    module_id: str | None = Field(default=None, max_length=64)
    code: str | None = Field(default=None, max_length=100_000)
    output: str | None = Field(default=None, max_length=20_000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=4000)
    conversation_id: int | None = None
    context: AskContext = Field(default_factory=AskContext)


class TutorMessage(BaseModel):
    """One message of a conversation. For the learner's messages only ``text`` matters."""

    id: int
    conversation_id: int
    role: Literal["learner", "tutor"]
    text: str
    html: str = ""
    status: Literal["answered", "declined", "hint"] | None = None
    mode: Literal["offline", "llm"] | None = None
    result: Result | None = None
    receipts: list[Receipt] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    unverified: list[str] = Field(
        default_factory=list,
        description="Numbers in the text that no tool result backs (shown as unverified).",
    )
    created_at: datetime


class ConversationSummary(BaseModel):
    id: int
    title: str
    module_id: str | None
    page: str
    updated_at: datetime
    messages: int


class ConversationView(BaseModel):
    id: int
    title: str
    module_id: str | None
    page: str
    messages: list[TutorMessage]
