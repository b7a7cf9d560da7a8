"""The tutor's LLM mode: any OpenAI-compatible endpoint, with tools, checked before it
reaches the learner.

:meth:`LLMTutor.stream` runs the tool-calling loop: the model may call ``run_python``,
``solve``, ``search_course``, ``learner_context`` and ``next_hint`` for up to
``tutor_max_steps`` rounds, then must answer. Its final text is then checked:

* on a lab page, a reply that reveals the lab's solution (:mod:`la4ai.tutor.leak`) is
  replaced by a Socratic message and the next rung of the hint ladder (status ``hint``);
* every number in it that no tool result, nor the learner's question or context, backs
  is listed in ``unverified`` (:mod:`la4ai.tutor.numbers`), for the UI to mark.

Events: ``("status", text)`` while it works, ``("delta", text)`` as the model writes (not
on lab pages: a draft could show the solution before the check), and finally
``("message", LLMReply)``. Failures raise :class:`LLMError` with a message for the learner.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any, Literal

from pydantic import BaseModel, Field

from la4ai.settings import Settings
from la4ai.tutor.chat import ChatClient, ChatTurn, LLMError, LLMErrorKind
from la4ai.tutor.leak import Leak, SolutionIndex, find_leak
from la4ai.tutor.llm_tools import TOOL_SPECS, ToolRunner, system_prompt
from la4ai.tutor.models import Receipt, Source
from la4ai.tutor.numbers import Evidence, unverified_numbers
from la4ai.tutor.tools import TutorTools

__all__ = ["LLMError", "LLMErrorKind", "LLMReply", "LLMTutor", "TutorEvent"]

logger = logging.getLogger(__name__)

#: How much of the conversation goes back to the model with each question.
_HISTORY_MESSAGES, _HISTORY_CHARS = 20, 8000
_ROLES = {"user": "user", "learner": "user", "assistant": "assistant", "tutor": "assistant"}
_HIDDEN_CODE = "# (not shown: this code would give away the lab's solution)\n"


class LLMReply(BaseModel):
    """The checked answer of the LLM tutor."""

    text: str = Field(description="Markdown")
    status: Literal["answered", "hint", "declined"]
    receipts: list[Receipt] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    unverified: list[str] = Field(
        default_factory=list, description="Numbers in the text that no tool result backs."
    )


TutorEvent = (
    tuple[Literal["status"], str]
    | tuple[Literal["delta"], str]
    | tuple[Literal["message"], LLMReply]
)


def _history_messages(history: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Earlier turns of the conversation as chat messages (other roles are dropped: a
    stored message must never become a system prompt)."""
    out: list[dict[str, Any]] = []
    for message in history[-_HISTORY_MESSAGES:]:
        role = _ROLES.get(message.get("role", ""))
        content = message.get("content") or message.get("text") or ""
        if role and content:
            out.append({"role": role, "content": content[-_HISTORY_CHARS:]})
    return out


def _assistant_message(turn: ChatTurn) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": turn.content or None,
        "tool_calls": [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in turn.tool_calls
        ],
    }


def socratic_message(leak: Leak, hint: str | None) -> str:
    """What replaces a reply that gave the solution away."""
    text = (
        f"I was about to write `{leak.function}` for you, and that is the part of this lab "
        "that is yours to write, so let's get there together instead.\n\n"
        f"What should `{leak.function}` do first with its inputs, and which line of your code "
        "does that? Try your function on a small example you can work out by hand, and "
        "compare what it returns with what you expect."
    )
    if hint:
        return text + f"\n\n**Hint:** {hint}"
    return text + (
        "\n\nThe lab's hints for it open one at a time, each after a checked attempt in "
        "which it fails: press **Check my code** to see what fails first."
    )


class LLMTutor:
    """The ``openai`` tutor provider. One instance serves every question; it holds no state
    between questions (each :meth:`stream` opens its own connection)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.tutor_base_url or not settings.tutor_model:
            raise LLMError(
                "The LLM tutor is not configured: set LA4AI_TUTOR_BASE_URL and "
                "LA4AI_TUTOR_MODEL (see docs/tutor.md).",
                kind="config",
            )
        self.client = ChatClient(
            base_url=settings.tutor_base_url,
            model=settings.tutor_model,
            api_key=settings.tutor_api_key,
            timeout_s=settings.tutor_timeout_s,
        )
        self.max_steps = settings.tutor_max_steps

    async def stream(
        self, tools: TutorTools, history: list[dict[str, str]], question: str
    ) -> AsyncIterator[TutorEvent]:
        """Answer ``question`` (asked after ``history``: ``{"role", "content"}`` dicts with
        role user/learner or assistant/tutor). Raises :class:`LLMError`."""
        on_lab = tools.context.page == "lab"
        runner = ToolRunner(tools)
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": system_prompt(tools.context)},
            *_history_messages(history),
            {"role": "user", "content": question},
        ]
        turn: ChatTurn | None = None
        for step in range(self.max_steps + 1):
            yield ("status", "Thinking…")
            turn = None
            choice: Literal["auto", "none"] = "none" if step == self.max_steps else "auto"
            # aclosing: if our caller stops listening, the request is cancelled right away.
            request = self.client.stream(messages, tools=TOOL_SPECS, tool_choice=choice)
            async with contextlib.aclosing(request) as items:
                async for item in items:
                    if isinstance(item, ChatTurn):
                        turn = item
                    elif not on_lab:
                        yield ("delta", item)
            assert turn is not None  # the client always ends with the turn
            if not turn.tool_calls:
                break
            if step == self.max_steps:
                raise LLMError(
                    f"The tutor needed more than {self.max_steps} round"
                    f"{'s' * (self.max_steps != 1)} of tool calls for this question. Try asking "
                    "about one step at a time.",
                    kind="steps",
                )
            logger.info("tutor LLM step %d: %s", step + 1, [c.name for c in turn.tool_calls])
            messages.append(_assistant_message(turn))
            for call in turn.tool_calls:
                yield ("status", runner.status(call))
                content = await runner.run(call)
                messages.append({"role": "tool", "tool_call_id": call.id, "content": content})
        assert turn is not None
        if on_lab:
            yield ("status", "Checking the reply…")
        yield ("message", await self._checked(turn.content.strip(), runner, history, question))

    async def _checked(
        self, text: str, runner: ToolRunner, history: list[dict[str, str]], question: str
    ) -> LLMReply:
        tools = runner.tools
        status: Literal["answered", "hint", "declined"] = "hint" if runner.hints else "answered"
        receipts = runner.receipts
        if tools.context.page == "lab":
            solution = SolutionIndex(await asyncio.to_thread(tools.solution_sources))

            allowed = "\n".join([tools.context.code or "", *runner.hints])

            def leaks(reply: str) -> Leak | None:
                return find_leak(reply, solution, allowed=allowed)

            leak = leaks(text)
            if leak is not None:
                logger.info("tutor LLM reply replaced: it %s", leak.reason)
                lab = tools.context.lab
                asked = leak.function if lab is None or leak.function in lab.functions else None
                hint = await asyncio.to_thread(tools.next_hint, asked)
                text, status = socratic_message(leak, hint), "hint"
                runner.evidence += [hint] if hint else []
            receipts = [
                r.model_copy(update={"code": _HIDDEN_CODE})
                if leaks(f"```python\n{r.code}\n```")
                else r
                for r in receipts
            ]
        if not text:
            text = (
                "I could not put an answer together for that. Try asking it another way, or "
                "one step at a time."
            )
            status = "declined"
        said = [m.get("content", "") for m in history if _ROLES.get(m.get("role", "")) == "user"]
        evidence = Evidence(
            [*runner.evidence, question, *said, json.dumps(tools.context.describe())]
        )
        return LLMReply(
            text=text,
            status=status,
            receipts=receipts,
            sources=runner.sources,
            unverified=unverified_numbers(text, evidence),
        )
