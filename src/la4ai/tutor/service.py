"""The tutor service: conversations, the page the learner asks from, and the back end.

:meth:`TutorService.ask` streams events for one question (what the web app sends as
server-sent events): the stored learner message, progress, streamed text (LLM mode), and
the stored tutor reply. Offline, the reply comes from the solver with its receipt, from
the course text, or — on a lab page — from the learner's last check results and the lab's
hint ladder. With an LLM configured, the model answers through tools (the same solver,
sandboxed Python, course search, the learner's context, the hint ladder), and the reply is
checked: numbers no tool produced are marked unverified, and a reply that would reveal
the lab's solution is replaced by a hint.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import anyio

from la4ai.course import Course
from la4ai.course.markdown import render
from la4ai.errors import ConversationNotFound, La4aiError, ModuleNotFound
from la4ai.settings import Settings
from la4ai.store import Database
from la4ai.store import conversations as store
from la4ai.store import repositories as repo
from la4ai.tutor.leak import SolutionIndex, find_leak
from la4ai.tutor.models import (
    Answer,
    AskRequest,
    ConversationSummary,
    ConversationView,
    Receipt,
    Source,
    TutorMessage,
)
from la4ai.tutor.offline import OfflineTutor
from la4ai.tutor.tools import LabContext, LearnerContext, SearchHit

__all__ = [
    "HintState",
    "LabHintLadder",
    "ServiceTools",
    "TutorEvent",
    "TutorService",
    "TutorStatus",
    "llm_factory",
]

TutorEvent = tuple[str, dict[str, Any]]

_HELP_WORDS = re.compile(
    r"\b(hint|help|stuck|fail\w*|wrong|error\w*|bug|check\w*|why|fix|traceback|exception|"
    r"pass\w*|my code|next step|what now|don'?t understand)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HintState:
    """One lab function's hint ladder for one learner."""

    function: str
    total: int
    revealed: list[str]
    next_available: bool
    failed_attempts: int


class LabHintLadder(Protocol):
    """The lab's hint ladders (the grading service, adapted by the web layer)."""

    def states(self, learner_id: int, module_id: str) -> list[HintState]: ...

    def reveal(self, learner_id: int, module_id: str, function: str) -> list[HintState]: ...


@dataclass(frozen=True)
class TutorStatus:
    mode: str
    model: str | None
    verifier: str


@dataclass
class _Reply:
    text: str
    status: str
    mode: str
    result: dict[str, Any] | None = None
    receipts: list[Receipt] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)


def _title(question: str) -> str:
    words = question.split()
    title = " ".join(words[:10])
    return title + ("…" if len(words) > 10 else "")


class TutorService:
    def __init__(
        self,
        course: Course,
        database: Database,
        settings: Settings,
        tutor: OfflineTutor,
        hints: LabHintLadder,
        *,
        llm_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.course = course
        self.database = database
        self.settings = settings
        self.tutor = tutor
        self.hints = hints
        self.llm_factory = llm_factory
        self._solutions: dict[str, SolutionIndex] = {}

    # --- conversations -------------------------------------------------------------

    def status(self) -> TutorStatus:
        llm = self.settings.tutor_provider == "openai"
        return TutorStatus(
            mode="llm" if llm else "offline",
            model=getattr(self.settings, "tutor_model", None) if llm else None,
            verifier=self.tutor.verifier.isolation,
        )

    def conversations(self, learner_id: int, module_id: str | None) -> list[ConversationSummary]:
        with self.database.session() as session:
            found = store.conversations(session, learner_id, module_id=module_id)
        return [
            ConversationSummary(
                id=c.id,
                title=c.title,
                module_id=c.module_id,
                page=c.page,
                updated_at=c.updated_at,
                messages=c.messages,
            )
            for c in found
        ]

    def conversation(self, learner_id: int, conversation_id: int) -> ConversationView:
        with self.database.session() as session:
            found = store.conversation(session, learner_id, conversation_id)
            if found is None:
                raise ConversationNotFound(conversation_id)
            stored = store.messages(session, conversation_id)
        return ConversationView(
            id=found.id,
            title=found.title,
            module_id=found.module_id,
            page=found.page,
            messages=[_message(m) for m in stored],
        )

    def delete(self, learner_id: int, conversation_id: int) -> None:
        with self.database.session() as session:
            if not store.delete_conversation(session, learner_id, conversation_id):
                raise ConversationNotFound(conversation_id)

    # --- asking ------------------------------------------------------------------------

    def validate(self, learner_id: int, request: AskRequest) -> None:
        """Raise before streaming: unknown module, someone else's conversation."""
        if request.context.module_id is not None:
            self.course.module(request.context.module_id)
        if request.conversation_id is not None:
            with self.database.session() as session:
                if store.conversation(session, learner_id, request.conversation_id) is None:
                    raise ConversationNotFound(request.conversation_id)

    async def ask(self, learner_id: int, request: AskRequest) -> AsyncIterator[TutorEvent]:
        """Events for one question; the last one is ``message`` or ``error``."""
        context = request.context
        conversation_id, learner_message, history = self._record_question(learner_id, request)
        yield (
            "conversation",
            {
                "conversation_id": conversation_id,
                "message": learner_message.model_dump(mode="json"),
            },
        )
        learner = self._learner_context(learner_id, request)
        try:
            if self.settings.tutor_provider == "openai" and self.llm_factory is not None:
                reply: _Reply | None = None
                async for event in self._llm(learner_id, learner, history, request.question):
                    if event[0] == "reply":
                        reply = event[1]["reply"]
                    else:
                        yield event
                assert reply is not None
            else:
                yield "status", {"text": "Working it out and checking it in the sandbox…"}
                reply = await anyio.to_thread.run_sync(
                    self._offline, learner_id, learner, request.question
                )
        except La4aiError as exc:
            yield "error", {"detail": str(exc)}
            return
        if context.page == "lab" and context.module_id is not None:
            reply = await anyio.to_thread.run_sync(self._guard, learner_id, learner, reply)
        stored = self._record_reply(conversation_id, reply)
        yield "message", stored.model_dump(mode="json")

    def _record_question(
        self, learner_id: int, request: AskRequest
    ) -> tuple[int, TutorMessage, list[dict[str, str]]]:
        with self.database.session() as session:
            conversation_id = request.conversation_id
            if conversation_id is None:
                started = store.start_conversation(
                    session,
                    learner_id=learner_id,
                    module_id=request.context.module_id,
                    page=request.context.page,
                    title=_title(request.question),
                )
                conversation_id = started.id
            earlier = store.messages(session, conversation_id, limit=20)
            saved = store.add_message(
                session,
                conversation_id=conversation_id,
                role="learner",
                payload={"text": request.question},
            )
        history = [
            {
                "role": "user" if m.role == "learner" else "assistant",
                "content": str(m.payload.get("text", "")),
            }
            for m in earlier
        ]
        return conversation_id, _message(saved), history

    def _record_reply(self, conversation_id: int, reply: _Reply) -> TutorMessage:
        html = render(reply.text)
        if reply.unverified:
            from la4ai.tutor.numbers import mark_unverified

            html = mark_unverified(html, reply.unverified)
        payload = {
            "text": reply.text,
            "html": html,
            "status": reply.status,
            "mode": reply.mode,
            "result": reply.result,
            "receipts": [r.model_dump() for r in reply.receipts],
            "sources": [s.model_dump() for s in reply.sources],
            "unverified": reply.unverified,
        }
        with self.database.session() as session:
            saved = store.add_message(
                session, conversation_id=conversation_id, role="tutor", payload=payload
            )
        return _message(saved)

    # --- context ---------------------------------------------------------------------------

    def _learner_context(self, learner_id: int, request: AskRequest) -> LearnerContext:
        context = request.context
        module = None
        if context.module_id is not None:
            try:
                module = self.course.module(context.module_id)
            except ModuleNotFound:
                module = None
        lab = None
        if context.page == "lab" and module is not None and module.lab is not None:
            with self.database.session() as session:
                attempts = repo.lab_attempts(session, learner_id, module.id)
            last = attempts[-1].result if attempts else {}
            lab = LabContext(
                module_id=module.id,
                title=module.meta.title,
                functions=list(module.lab.meta.functions),
                last_results=[
                    {
                        "name": c.get("name"),
                        "function": c.get("function"),
                        "passed": c.get("passed"),
                        "message": c.get("message"),
                    }
                    for c in last.get("checks", [])
                ],
                last_error=last.get("error"),
                hints_revealed={
                    s.function: len(s.revealed) for s in self.hints.states(learner_id, module.id)
                },
            )
        return LearnerContext(
            page=context.page,
            module_id=module.id if module else None,
            module_title=module.meta.title if module else None,
            code=context.code,
            output=context.output,
            lab=lab,
        )

    # --- offline ---------------------------------------------------------------------------

    def _offline(self, learner_id: int, learner: LearnerContext, question: str) -> _Reply:
        wants_help = learner.lab is not None and _HELP_WORDS.search(question) is not None
        if wants_help:
            return self._lab_help(learner_id, learner)
        outcome = self.tutor.answer(question)
        answer = outcome.answer
        if answer.status == "declined" and learner.lab is not None and outcome.operation is None:
            return self._lab_help(learner_id, learner)
        return _from_answer(answer)

    def _lab_help(self, learner_id: int, learner: LearnerContext) -> _Reply:
        lab = learner.lab
        assert lab is not None
        parts: list[str] = []
        syntax = _syntax_problem(learner.code)
        if syntax is not None:
            parts.append(
                f"Python cannot read your code yet: **{syntax}**. Fix that line first — "
                "until the file compiles, no check can run."
            )
        failing = [r for r in lab.last_results if r.get("passed") is False]
        if lab.last_error:
            parts.append(
                f"Your last checked attempt did not run: {lab.last_error}. Run your code in "
                "the lab's cells to see the full error, fix it, then check again."
            )
        elif not lab.last_results:
            parts.append(
                "You have not checked your code yet. Press **Check my code**: each check "
                "that fails comes with a diagnosis, and hints open one at a time."
            )
        elif not failing:
            parts.append("Your last check passed everything. Nothing to fix — well done.")
            return _Reply(text="\n\n".join(parts), status="hint", mode="offline")
        target = str(failing[0].get("function")) if failing else None
        if failing:
            first = failing[0]
            parts.append(
                f"{len(failing)} check{'s' if len(failing) != 1 else ''} failed last time. "
                f"Start with **{first.get('name')}** (function `{first.get('function')}`):"
                f"\n\n> {_quote(str(first.get('message') or ''))}"
            )
            parts.append(
                "Ask yourself: which input did the check use, what did your function return "
                "for it, and what should it have returned? Try that input in a cell."
            )
        states = {s.function: s for s in self.hints.states(learner_id, lab.module_id)}
        state = states.get(target) if target else None
        if state is not None:
            if state.next_available:
                revealed = self.hints.reveal(learner_id, lab.module_id, state.function)
                now = {s.function: s for s in revealed}[state.function]
                rung = len(now.revealed)
                parts.append(
                    f"**Hint {rung} of {now.total}** for `{state.function}`: {now.revealed[-1]}"
                )
            elif state.revealed:
                parts.append(
                    f"Your latest hint for `{state.function}` (hint {len(state.revealed)} of "
                    f"{state.total}): {state.revealed[-1]}"
                    + (
                        ""
                        if len(state.revealed) >= state.total
                        else "\n\nThe next hint opens after another checked attempt in which "
                        f"`{state.function}` still fails."
                    )
                )
        return _Reply(text="\n\n".join(parts), status="hint", mode="offline")

    # --- guarding lab pages ------------------------------------------------------------------

    def solution_sources(self, module_id: str) -> list[str]:
        """The lab's reference solution and alternatives (server side only)."""
        module = self.course.module(module_id)
        if module.lab is None:
            return []
        paths = [module.lab.solution_path, *sorted((module.lab.dir / "alternatives").glob("*.py"))]
        return [path.read_text(encoding="utf-8") for path in paths]

    def _solution_index(self, module_id: str) -> SolutionIndex:
        if module_id not in self._solutions:
            self._solutions[module_id] = SolutionIndex(self.solution_sources(module_id))
        return self._solutions[module_id]

    def _guard(self, learner_id: int, learner: LearnerContext, reply: _Reply) -> _Reply:
        """Never let a reply on a lab page reveal the lab's solution. (LLM replies are checked
        inside :class:`~la4ai.tutor.llm.LLMTutor`, which knows the hints it relayed.)"""
        if learner.lab is None or learner.module_id is None or reply.mode == "llm":
            return reply
        index = self._solution_index(learner.module_id)
        if not index:
            return reply
        texts = [reply.text] + [r.code for r in reply.receipts]
        revealed = "\n".join(
            hint
            for state in self.hints.states(learner_id, learner.module_id)
            for hint in state.revealed
        )
        allowed = f"{learner.code or ''}\n{revealed}"
        if not any(find_leak(t, index, allowed=allowed) for t in texts):
            return reply
        helped = self._lab_help(learner_id, learner)
        helped.text = (
            "That answer would have given away the lab's solution, so here is a nudge "
            "instead.\n\n" + helped.text
        )
        return helped

    # --- LLM ---------------------------------------------------------------------------------

    async def _llm(
        self,
        learner_id: int,
        learner: LearnerContext,
        history: list[dict[str, str]],
        question: str,
    ) -> AsyncIterator[TutorEvent]:
        assert self.llm_factory is not None
        llm = self.llm_factory()
        tools = ServiceTools(self, learner_id, learner)
        async for kind, payload in llm.stream(tools, history, question):
            if kind == "message":
                yield (
                    "reply",
                    {
                        "reply": _Reply(
                            text=payload.text,
                            status=payload.status,
                            mode="llm",
                            receipts=list(payload.receipts),
                            sources=list(payload.sources),
                            unverified=list(payload.unverified),
                        )
                    },
                )
            elif kind == "delta" and learner.lab is None:
                yield "delta", {"text": payload}
            elif kind == "status":
                yield "status", {"text": payload}


def llm_factory(settings: Settings) -> Callable[[], Any] | None:
    """What makes the LLM client for one question, or None in offline mode."""
    if settings.tutor_provider != "openai":
        return None
    from la4ai.tutor.llm import LLMTutor

    return lambda: LLMTutor(settings)


class ServiceTools:
    """:class:`~la4ai.tutor.tools.TutorTools` for one question of one learner."""

    def __init__(self, service: TutorService, learner_id: int, context: LearnerContext) -> None:
        self.service = service
        self.learner_id = learner_id
        self.context = context

    def run_python(self, code: str) -> Receipt:
        return self.service.tutor.verifier.receipt("Python the tutor ran", code)

    def solve(self, question: str) -> Answer:
        return self.service.tutor.ask(question)

    def search_course(self, query: str, k: int = 3) -> list[SearchHit]:
        index = self.service.tutor.index
        if index is None:
            return []
        return [
            SearchHit(
                module=p.module_id,
                title=f"{p.module_title} — {p.section}",
                url=p.url,
                text=p.text,
            )
            for p in index.search(query, k)
        ]

    def next_hint(self, function: str | None = None) -> str | None:
        lab = self.context.lab
        if lab is None:
            return None
        states = self.service.hints.states(self.learner_id, lab.module_id)
        if function is None:
            failing = [r.get("function") for r in lab.last_results if r.get("passed") is False]
            function = str(failing[0]) if failing else None
        state = next((s for s in states if s.function == function), None)
        if state is None:
            return None
        if state.next_available:
            revealed = self.service.hints.reveal(self.learner_id, lab.module_id, state.function)
            now = next(s for s in revealed if s.function == state.function)
            return now.revealed[-1]
        return state.revealed[-1] if state.revealed else None

    def solution_sources(self) -> list[str]:
        if self.context.module_id is None:
            return []
        return self.service.solution_sources(self.context.module_id)


def _quote(text: str) -> str:
    return text.strip().replace("\n", "\n> ")


def _syntax_problem(code: str | None) -> str | None:
    """A syntax error in the learner's code, found by compiling it (never running it)."""
    if not code:
        return None
    try:
        compile(code, "lab.py", "exec")
    except SyntaxError as exc:
        return f"{exc.msg} (line {exc.lineno})"
    except ValueError as exc:  # e.g. null bytes
        return str(exc)
    return None


def _from_answer(answer: Answer) -> _Reply:
    receipts = []
    if answer.verification is not None:
        receipts.append(
            Receipt(
                title="Receipt: independent check",
                code=answer.verification.code,
                output=answer.verification.output,
                passed=answer.verification.passed,
            )
        )
    return _Reply(
        text=answer.text,
        status=answer.status,
        mode="offline",
        result=answer.result.model_dump(mode="json") if answer.result else None,
        receipts=receipts,
        sources=list(answer.sources),
    )


def _message(stored: store.StoredMessage) -> TutorMessage:
    payload = stored.payload
    if stored.role == "learner":
        return TutorMessage(
            id=stored.id,
            conversation_id=stored.conversation_id,
            role="learner",
            text=str(payload.get("text", "")),
            html=render(str(payload.get("text", ""))),
            created_at=stored.created_at,
        )
    return TutorMessage.model_validate(
        {
            **payload,
            "id": stored.id,
            "conversation_id": stored.conversation_id,
            "role": "tutor",
            "created_at": stored.created_at,
        }
    )
