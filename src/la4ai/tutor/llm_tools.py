"""The LLM tutor's tools: their JSON-schema definitions, the system prompt, and running the
calls the model makes against :class:`~la4ai.tutor.tools.TutorTools`.

A :class:`ToolRunner` lives for one question. It validates each call's arguments (bad
ones go back to the model as an error it can fix, never a crash), runs the tool in a
worker thread (the tools are synchronous), and keeps what the answer is checked against:
the receipts of every ``run_python`` and ``solve``, the course passages found, the hints
given, and every tool result's text (the evidence that backs the numbers of the reply).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from la4ai.tutor.chat import ToolCall
from la4ai.tutor.models import Receipt, Source
from la4ai.tutor.tools import LearnerContext, TutorTools

__all__ = ["TOOL_SPECS", "ToolRunner", "system_prompt"]

logger = logging.getLogger(__name__)

#: What the model sees of a tool result (the receipts keep everything).
_RESULT_CHARS = 8000


def _function(
    name: str, description: str, properties: dict[str, Any], required: list[str]
) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {"type": "object", "properties": properties, "required": required},
        },
    }


TOOL_SPECS: list[dict[str, Any]] = [
    _function(
        "run_python",
        "Run a Python program (NumPy and SymPy available) in a fresh sandbox with no network, "
        "and get what it printed. Print every number you will quote, including inputs you "
        "chose. It is not the learner's kernel: their variables are not there.",
        {"code": {"type": "string", "description": "A complete Python program."}},
        ["code"],
    ),
    _function(
        "solve",
        "The course's exact solver for standard linear algebra (determinant, inverse, rank, "
        "systems of equations, eigenvalues and eigenvectors, null space, QR, …). Returns a "
        "verified answer with its steps, or `declined`.",
        {
            "question": {
                "type": "string",
                "description": "A self-contained question, e.g. 'determinant of [[1,2],[3,4]]'.",
            }
        },
        ["question"],
    ),
    _function(
        "search_course",
        "Search the course's lessons. Returns passages with the URL to cite them by.",
        {
            "query": {"type": "string", "description": "What to look for."},
            "k": {"type": "integer", "minimum": 1, "maximum": 5, "description": "How many."},
        },
        ["query"],
    ),
    _function(
        "learner_context",
        "Where the learner asks from: the page, the module, and on a lab page their code, "
        "its last output and their last check results.",
        {},
        [],
    ),
    _function(
        "next_hint",
        "On a lab page: the next hint of the lab's hint ladder for one function (or for the "
        "first one that fails), shown to the learner as revealed. null when there is none.",
        {"function": {"type": "string", "description": "The lab function the hint is for."}},
        [],
    ),
]


class _Arguments(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _RunPython(_Arguments):
    code: str = Field(min_length=1, max_length=50_000)


class _Solve(_Arguments):
    question: str = Field(min_length=1, max_length=4000)


class _Search(_Arguments):
    query: str = Field(min_length=1, max_length=1000)
    k: int = Field(default=3, ge=1, le=5)


class _NextHint(_Arguments):
    function: str | None = Field(default=None, max_length=100)


_ARGUMENTS: dict[str, type[_Arguments]] = {
    "run_python": _RunPython,
    "solve": _Solve,
    "search_course": _Search,
    "learner_context": _Arguments,
    "next_hint": _NextHint,
}
_STATUS = {
    "run_python": "Running Python in the sandbox…",
    "solve": "Solving it exactly…",
    "search_course": "Searching the course…",
    "learner_context": "Reading your code and results…",
    "next_hint": "Picking a hint…",
}


class BadCall(ValueError):
    """A tool call the model got wrong; the message goes back to it."""


def _parse(call: ToolCall) -> _Arguments:
    model = _ARGUMENTS.get(call.name)
    if model is None:
        raise BadCall(f"there is no tool {call.name[:60]!r}; the tools are {', '.join(_ARGUMENTS)}")
    try:
        raw = json.loads(call.arguments) if call.arguments.strip() else {}
    except ValueError:
        raise BadCall(f"the arguments of {call.name} are not valid JSON") from None
    if not isinstance(raw, dict):
        raise BadCall(f"the arguments of {call.name} must be a JSON object")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'arguments'}: {e['msg']}" for e in exc.errors()
        )
        raise BadCall(f"bad arguments for {call.name}: {problems}") from None


def _clip(text: str) -> str:
    if len(text) <= _RESULT_CHARS:
        return text
    return text[:_RESULT_CHARS] + f"\n[… {len(text) - _RESULT_CHARS} more characters cut]"


class ToolRunner:
    """Runs one question's tool calls and keeps what they produced."""

    def __init__(self, tools: TutorTools) -> None:
        self.tools = tools
        self.receipts: list[Receipt] = []
        self.sources: list[Source] = []
        self.hints: list[str] = []
        self.evidence: list[str] = []

    @staticmethod
    def status(call: ToolCall) -> str:
        """What to tell the learner while ``call`` runs."""
        return _STATUS.get(call.name, "Working…")

    async def run(self, call: ToolCall) -> str:
        """The tool message content for ``call``: its result, or an error the model can act
        on. Tools run in a worker thread."""
        try:
            arguments = _parse(call)
            return await asyncio.to_thread(self._run, call.name, arguments)
        except BadCall as exc:
            logger.info("tutor LLM made a bad %s call: %s", call.name[:60], exc)
            return json.dumps({"error": str(exc)})
        except Exception:  # a tool that broke: the model may still answer without it
            logger.exception("tutor tool %s failed", call.name)
            return json.dumps({"error": f"{call.name} failed inside la4ai; do without it"})

    def _run(self, name: str, arguments: _Arguments) -> str:
        if isinstance(arguments, _RunPython):
            receipt = self.tools.run_python(arguments.code)
            self.receipts.append(receipt)
            self.evidence.append(receipt.output)
            return json.dumps({"ok": receipt.passed, "output": _clip(receipt.output)})
        if isinstance(arguments, _Solve):
            answer = self.tools.solve(arguments.question)
            contract = answer.contract()
            if answer.verification is not None:
                self.receipts.append(
                    Receipt(
                        title=f"Solver: {arguments.question[:120]}",
                        code=answer.verification.code,
                        output=answer.verification.output,
                        passed=answer.verification.passed,
                    )
                )
            self._add_sources(answer.sources)
            self.evidence.append(json.dumps(contract.get("result")))
            self.evidence += [answer.text] + (
                [answer.verification.output] if answer.verification else []
            )
            return _clip(json.dumps(contract))
        if isinstance(arguments, _Search):
            hits = self.tools.search_course(arguments.query, arguments.k)
            self._add_sources(
                Source(module=h.module, title=h.title, url=h.url, quote=h.text[:300]) for h in hits
            )
            self.evidence += [h.text for h in hits]
            passages = [
                {"module": h.module, "title": h.title, "url": h.url, "text": h.text} for h in hits
            ]
            return _clip(json.dumps({"passages": passages}))
        if isinstance(arguments, _NextHint):
            hint = self.tools.next_hint(arguments.function)
            if hint is None:
                return json.dumps({"hint": None, "note": "no further hint"})
            self.hints.append(hint)
            self.evidence.append(hint)
            return json.dumps({"hint": hint})
        assert name == "learner_context"
        return _clip(json.dumps(self.tools.context.describe()))

    def _add_sources(self, sources: Any) -> None:
        for source in sources:
            if all(source.url != known.url for known in self.sources):
                self.sources.append(source)


def system_prompt(context: LearnerContext) -> str:
    """The tutor's policy, with where the learner asks from."""
    rules = [
        "You are the tutor of the course “Linear Algebra for AI”. Learners range from "
        "beginners to working data analysts.",
        "Compute with the tools, never in your head: use `solve` for standard linear algebra "
        "and `run_python` for anything else (print every number you will quote). Never state "
        "a number that did not come from a tool result, the learner's question or the course: "
        "the app marks every other number in your answer as not verified.",
        "Show the steps, in Markdown with LaTeX math ($…$ inline, $$…$$ for display).",
        "Cite the course: find passages with `search_course` and link them as [title](url) "
        "with the url it gives.",
        "If the tools cannot answer, say so plainly. Never guess.",
    ]
    where = f"The learner is on a {context.page} page"
    if context.module_id:
        title = f" ({context.module_title})" if context.module_title else ""
        where += f" of module {context.module_id}{title}"
    rules.append(where + ".")
    if context.page == "lab":
        functions = ", ".join(context.lab.functions) if context.lab else "the lab's functions"
        rules += [
            f"On this lab page the learner writes {functions} themselves. Be Socratic: ask one "
            "or two guiding questions, point at the idea or the line that goes wrong, and when "
            "they are stuck give the next hint with `next_hint` and build on it.",
            "Never write, complete or correct the lab's functions for them, not even one line "
            "of their body. Replies are checked, and one that reveals the solution is replaced "
            "by a hint.",
            "Read their code, output and check results with `learner_context`.",
        ]
    return "\n".join(f"- {rule}" for rule in rules)
