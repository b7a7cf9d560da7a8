"""The tutor: ask (answers stream as server-sent events), and the learner's conversations."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from la4ai.tutor.models import AskRequest, ConversationSummary, ConversationView
from la4ai.web.deps import CurrentLearner, Tutor
from la4ai.web.errors import ErrorBody

router = APIRouter(prefix="/tutor", tags=["tutor"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module or conversation."}
}


class TutorStatusView(BaseModel):
    mode: Literal["offline", "llm"]
    model: str | None
    verifier: Literal["sandbox", "local"]


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.get("/status", response_model=TutorStatusView)
def tutor_status(tutor: Tutor) -> TutorStatusView:
    """Which back end answers (offline solver or an LLM) and where receipts run."""
    status = tutor.status()
    return TutorStatusView(mode=status.mode, model=status.model, verifier=status.verifier)


@router.post(
    "/ask",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Server-sent events: `conversation` (the stored question), "
            "`status`, `delta` (streamed text, LLM mode), then `message` (the stored "
            "TutorMessage) or `error`.",
        },
        **NOT_FOUND,
    },
)
async def ask(body: AskRequest, tutor: Tutor, learner: CurrentLearner) -> StreamingResponse:
    """Ask the tutor. Every number it states offline was checked by code run in the
    sandbox (the receipts); on a lab page it gives hints, never the solution."""
    tutor.validate(learner, body)

    async def events() -> AsyncIterator[str]:
        async for event, data in tutor.ask(learner, body):
            yield _sse(event, data)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/conversations", response_model=list[ConversationSummary])
def list_conversations(
    tutor: Tutor,
    learner: CurrentLearner,
    module_id: str | None = Query(default=None, max_length=64),
) -> list[ConversationSummary]:
    """The learner's conversations, most recent first (one module's, if given)."""
    return tutor.conversations(learner, module_id)


@router.get(
    "/conversations/{conversation_id}", response_model=ConversationView, responses=NOT_FOUND
)
def get_conversation(
    conversation_id: int, tutor: Tutor, learner: CurrentLearner
) -> ConversationView:
    """A conversation with all its messages, oldest first."""
    return tutor.conversation(learner, conversation_id)


@router.delete("/conversations/{conversation_id}", status_code=204, responses=NOT_FOUND)
def delete_conversation(conversation_id: int, tutor: Tutor, learner: CurrentLearner) -> Response:
    """Delete a conversation and its messages."""
    tutor.delete(learner, conversation_id)
    return Response(status_code=204)
