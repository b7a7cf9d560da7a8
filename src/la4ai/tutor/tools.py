"""What the tutor can call while it answers (the LLM's tools, and the offline paths').

:class:`TutorTools` is implemented by the tutor service for one question from one learner
on one page. Every method is synchronous and safe to call from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from la4ai.tutor.models import Answer, Receipt

__all__ = ["LabContext", "LearnerContext", "SearchHit", "TutorTools"]


@dataclass(frozen=True)
class SearchHit:
    """A course passage found by ``search_course``."""

    module: str
    title: str
    url: str
    text: str


@dataclass(frozen=True)
class LabContext:
    """The lab the learner is on: its functions, the last check results (names, passed,
    messages; never the reference solution) and the hint rungs already revealed."""

    module_id: str
    title: str
    functions: list[str]
    last_results: list[dict[str, Any]] = field(default_factory=list)
    last_error: str | None = None
    hints_revealed: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LearnerContext:
    page: str
    module_id: str | None = None
    module_title: str | None = None
    code: str | None = None
    output: str | None = None
    lab: LabContext | None = None

    def describe(self) -> dict[str, Any]:
        """JSON-able summary (what the ``learner_context`` tool returns)."""
        data: dict[str, Any] = {"page": self.page, "module": self.module_id}
        if self.module_title:
            data["module_title"] = self.module_title
        if self.code is not None:
            data["code"] = self.code[-8000:]
        if self.output is not None:
            data["output"] = self.output[-4000:]
        if self.lab is not None:
            data["lab"] = {
                "module": self.lab.module_id,
                "title": self.lab.title,
                "functions": self.lab.functions,
                "last_results": self.lab.last_results,
                "last_error": self.lab.last_error,
                "hints_revealed": self.lab.hints_revealed,
            }
        return data


class TutorTools(Protocol):
    """The tools of one question. ``context`` is where the learner asks from."""

    context: LearnerContext

    def run_python(self, code: str) -> Receipt:
        """Run ``code`` in a fresh sandboxed process (never the learner's kernel; no
        network, no secrets) and return the code with what it printed."""
        ...

    def solve(self, question: str) -> Answer:
        """The offline solver: a verified answer (with its receipt) or ``declined``."""
        ...

    def search_course(self, query: str, k: int = 3) -> list[SearchHit]:
        """Course passages for ``query``, best first."""
        ...

    def next_hint(self, function: str | None = None) -> str | None:
        """On a lab page: the next rung of the hint ladder for ``function`` (or for the
        first failing function), recorded as revealed; None when there is none."""
        ...

    def solution_sources(self) -> list[str]:
        """On a lab page: the reference solution's source (and alternatives), used only to
        make sure a reply never reveals it. Never sent to the model or the learner."""
        ...
