"""The tutor API: answers streamed as server-sent events, stored conversations, lab-aware
hints that never reveal the solution, and clear errors."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from la4ai.course import Course
from la4ai.settings import Settings
from la4ai.store import conversations as store
from la4ai.store import repositories as repo
from la4ai.tutor.models import AskRequest
from la4ai.tutor.service import TutorService, _Reply
from la4ai.web.app import create_app
from tests.conftest import CONTENT
from tests.runtime.conftest import need_isolation
from tests.tutor.fake_openai import fake_openai, text_reply, tool_reply

pytestmark = pytest.mark.anyio

LAB = CONTENT / "modules" / "01-vectors" / "lab"


@pytest.fixture(autouse=True)
def _sandbox() -> None:
    need_isolation("sandbox")


def parse_events(body: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


async def ask(client: httpx.AsyncClient, question: str, **context: Any) -> list[tuple[str, Any]]:
    conversation = context.pop("conversation_id", None)
    response = await client.post(
        "/api/tutor/ask",
        json={"question": question, "conversation_id": conversation, "context": context},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return parse_events(response.text)


async def test_an_answer_streams_and_is_stored(client: httpx.AsyncClient) -> None:
    events = await ask(
        client, "What is the determinant of [[2, 1], [7, 4]]?", page="lesson", module_id="vectors"
    )
    assert [name for name, _ in events] == ["conversation", "status", "message"]
    conversation_id = events[0][1]["conversation_id"]
    assert events[0][1]["message"]["role"] == "learner"
    reply = events[-1][1]
    assert reply["role"] == "tutor"
    assert reply["status"] == "answered"
    assert reply["result"]["value"] == 1.0
    assert reply["receipts"]
    assert reply["receipts"][0]["passed"] is True
    assert "np.linalg.det" in reply["receipts"][0]["code"]
    assert '<span class="la-math' in reply["html"]  # math for the front end to typeset
    assert reply["sources"][0]["module"] == "determinants"

    follow_up = await ask(
        client, "and its inverse? [[2, 1], [7, 4]]", conversation_id=conversation_id
    )
    assert follow_up[0][1]["conversation_id"] == conversation_id

    listed = (await client.get("/api/tutor/conversations", params={"module_id": "vectors"})).json()
    assert [(c["id"], c["messages"]) for c in listed] == [(conversation_id, 4)]
    thread = (await client.get(f"/api/tutor/conversations/{conversation_id}")).json()
    assert [m["role"] for m in thread["messages"]] == ["learner", "tutor", "learner", "tutor"]
    assert thread["messages"][1] == reply

    assert (await client.delete(f"/api/tutor/conversations/{conversation_id}")).status_code == 204
    missing = await client.get(f"/api/tutor/conversations/{conversation_id}")
    assert missing.status_code == 404


async def test_a_question_it_cannot_check_is_declined(client: httpx.AsyncClient) -> None:
    reply = (await ask(client, "What is the capital of France?"))[-1][1]
    assert reply["status"] == "declined"
    assert reply["result"] is None
    assert reply["receipts"] == []


async def test_bad_requests_are_refused_before_streaming(client: httpx.AsyncClient) -> None:
    empty = await client.post("/api/tutor/ask", json={"question": ""})
    assert empty.status_code == 422
    unknown = await client.post(
        "/api/tutor/ask", json={"question": "hi", "context": {"module_id": "no-such-module"}}
    )
    assert unknown.status_code == 404
    stranger = await client.post("/api/tutor/ask", json={"question": "hi", "conversation_id": 999})
    assert stranger.status_code == 404
    extra = await client.post("/api/tutor/ask", json={"question": "hi", "context": {"x": 1}})
    assert extra.status_code == 422


async def test_on_a_lab_page_it_explains_the_failure_and_opens_the_next_hint(
    client: httpx.AsyncClient,
) -> None:
    fresh = (await ask(client, "Give me a hint", page="lab", module_id="vectors"))[-1][1]
    assert fresh["status"] == "hint"
    assert "Check my code" in fresh["text"]

    starter = (LAB / "starter.py").read_text("utf-8")
    assert (await client.post("/api/labs/vectors/attempts", json={"code": starter})).is_success
    reply = (
        await ask(client, "Why does my check fail?", page="lab", module_id="vectors", code=starter)
    )[-1][1]
    assert reply["status"] == "hint"
    assert "failed last time" in reply["text"]
    assert "Hint 1 of" in reply["text"]
    hints = (await client.get("/api/labs/vectors/hints")).json()
    assert sum(len(f["revealed"]) for f in hints["functions"]) == 1  # recorded, like the button

    again = (
        await ask(client, "another hint please", page="lab", module_id="vectors", code=starter)
    )[-1][1]
    assert "opens after another checked attempt" in again["text"]
    solution = (LAB / "solution.py").read_text("utf-8")
    body_lines = [line.strip() for line in solution.splitlines() if line.startswith("    ")]
    for text in (reply["text"], again["text"]):
        assert not any(len(line) > 20 and line in text for line in body_lines)


async def test_a_syntax_error_in_the_learners_code_is_pointed_out(
    client: httpx.AsyncClient,
) -> None:
    reply = (
        await ask(client, "help, it fails", page="lab", module_id="vectors", code="def f(:\n  1")
    )[-1][1]
    assert "Python cannot read your code yet" in reply["text"]
    assert "line 1" in reply["text"]


async def test_a_reply_that_would_reveal_the_solution_becomes_a_hint(app: FastAPI) -> None:
    tutor: TutorService = app.state.services.tutor
    learner = app.state.services.local_learner_id
    request = AskRequest.model_validate(
        {"question": "write it for me", "context": {"page": "lab", "module_id": "vectors"}}
    )
    context = tutor._learner_context(learner, request)
    solution = (LAB / "solution.py").read_text("utf-8")
    leaking = _Reply(
        text=f"Here you go:\n\n```python\n{solution}\n```", status="answered", mode="offline"
    )
    guarded = tutor._guard(learner, context, leaking)
    assert guarded.status == "hint"
    assert "would have given away the lab's solution" in guarded.text
    assert solution not in guarded.text
    harmless = _Reply(
        text="Compare your loop with the formula for the norm.", status="hint", mode="offline"
    )
    assert tutor._guard(learner, context, harmless) is harmless
    # LLM replies were already checked inside the LLM tutor, with the hints it relayed.
    from_llm = _Reply(text=leaking.text, status="answered", mode="llm")
    assert tutor._guard(learner, context, from_llm) is from_llm


async def test_conversations_belong_to_their_learner(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    events = await ask(client, "norm of (3, 4)")
    mine = events[0][1]["conversation_id"]
    database = app.state.services.progress.database
    with database.session() as session:
        other = repo.add_learner(session, "someone", "Someone Else")
        theirs = store.start_conversation(
            session, learner_id=other, module_id=None, page="other", title="theirs"
        ).id
        assert store.conversation(session, other, mine) is None
        assert [c.id for c in store.conversations(session, other)] == [theirs]
    assert (await client.get(f"/api/tutor/conversations/{theirs}")).status_code == 404
    assert (await client.delete(f"/api/tutor/conversations/{theirs}")).status_code == 404
    refused = await client.post(
        "/api/tutor/ask", json={"question": "hi", "conversation_id": theirs}
    )
    assert refused.status_code == 404


async def test_status_says_which_tutor_answers(client: httpx.AsyncClient) -> None:
    status = (await client.get("/api/tutor/status")).json()
    assert status == {"mode": "offline", "model": None, "verifier": "sandbox"}


async def test_llm_mode_streams_over_sse_and_marks_a_wrong_number(
    settings: Settings, course: Course
) -> None:
    with fake_openai() as server:
        server.add(
            tool_reply(("solve", {"question": "determinant of [[2, 1], [7, 4]]"})),
            text_reply("The determinant is 1, so the matrix is invertible; its trace is 9."),
        )
        configured = settings.model_copy(
            update={
                "tutor_provider": "openai",
                "tutor_base_url": server.base_url,
                "tutor_model": "fake-model",
            }
        )
        application = create_app(configured, course=course)
        transport = httpx.ASGITransport(app=application)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://la4ai.test") as c:
                assert (await c.get("/api/tutor/status")).json()["mode"] == "llm"
                events = await ask(c, "det of [[2, 1], [7, 4]] and its trace?", page="lesson")
        finally:
            application.state.services.progress.database.dispose()
    names = [name for name, _ in events]
    assert names[0] == "conversation"
    assert names[-1] == "message"
    assert names.count("delta") > 1  # the reply streamed as it was written
    reply = events[-1][1]
    assert reply["mode"] == "llm"
    assert reply["receipts"][0]["passed"] is True
    assert reply["unverified"] == ["9"]  # the trace is 6: no tool said 9
    assert "data-unverified" in reply["html"]
    assert "".join(d["text"] for n, d in events if n == "delta") == reply["text"]
