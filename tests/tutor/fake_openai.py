"""A fake OpenAI-compatible chat completions server for the LLM tutor's tests.

A real HTTP server (uvicorn + Starlette) on 127.0.0.1 at a random port, in a thread. Each
``POST /v1/chat/completions`` takes the next scripted :class:`Reply` and sends it the way
OpenAI does (server-sent ``chat.completion.chunk`` events, tool-call arguments split over
several chunks, ``data: [DONE]``), or misbehaves as scripted (an HTTP error, a hang, a
broken stream). Every request is recorded with its headers and JSON body.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

__all__ = [
    "FakeOpenAI",
    "Recorded",
    "Reply",
    "broken_stream",
    "error_reply",
    "fake_openai",
    "slow_reply",
    "text_reply",
    "tool_reply",
]


@dataclass(frozen=True)
class Reply:
    """One scripted response: SSE ``events`` (each sent as ``data: …``), or an HTTP error
    ``status`` with ``body`` (``{authorization}`` in it is replaced by the request's
    Authorization header, to test that la4ai never repeats it), after ``delay_s``."""

    events: list[str] = field(default_factory=list)
    status: int = 200
    body: str = ""
    delay_s: float = 0.0
    pause_s: float = 0.0  # between events


@dataclass(frozen=True)
class Recorded:
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))


def _chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 1700000000,
            "model": "fake-model",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }
    )


def text_reply(text: str, *, pieces: int = 4) -> Reply:
    """The model answers ``text``, streamed in about ``pieces`` chunks."""
    size = max(1, -(-len(text) // pieces))
    events = [_chunk({"role": "assistant", "content": ""})]
    events += [_chunk({"content": text[i : i + size]}) for i in range(0, len(text), size)]
    events += [_chunk({}, "stop"), "[DONE]"]
    return Reply(events)


def tool_reply(*calls: tuple[str, dict[str, Any] | str], content: str = "") -> Reply:
    """The model calls tools: (name, arguments) pairs; a str is sent as the raw arguments
    text (for garbage). Arguments arrive a few characters at a time, as OpenAI sends them."""
    events = [_chunk({"role": "assistant", "content": content or None})]
    for index, (name, arguments) in enumerate(calls):
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
        start = {"index": index, "id": f"call_{index}", "type": "function"}
        events.append(
            _chunk({"tool_calls": [{**start, "function": {"name": name, "arguments": ""}}]})
        )
        for i in range(0, len(raw), 7):
            piece = {"index": index, "function": {"arguments": raw[i : i + 7]}}
            events.append(_chunk({"tool_calls": [piece]}))
    events += [_chunk({}, "tool_calls"), "[DONE]"]
    return Reply(events)


def error_reply(status: int, body: str = '{"error": {"message": "scripted failure"}}') -> Reply:
    return Reply(status=status, body=body)


def slow_reply(delay_s: float) -> Reply:
    """Starts the stream, then says nothing for ``delay_s``."""
    return Reply([_chunk({"role": "assistant", "content": "Let me"}), "[DONE]"], pause_s=delay_s)


def broken_stream() -> Reply:
    """A stream that turns into something that is not JSON."""
    return Reply([_chunk({"role": "assistant", "content": "The answer"}), "{not json at all"])


class FakeOpenAI:
    """The server. ``script`` is consumed front to back; ``requests`` records each call."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port: int = self._socket.getsockname()[1]
        app = Starlette(routes=[Route("/v1/chat/completions", self._complete, methods=["POST"])])
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", ws="none", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def add(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake OpenAI server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()

    async def _complete(self, request: Request) -> Response:
        body = await request.json()
        with self._lock:
            self.requests.append(Recorded(dict(request.headers), body))
            reply = self.script.pop(0) if self.script else None
        if reply is None:
            return JSONResponse({"error": {"message": "fake server: no reply scripted"}}, 500)
        await asyncio.sleep(reply.delay_s)
        if reply.status != 200:
            text = reply.body.replace("{authorization}", request.headers.get("authorization", ""))
            return Response(text, status_code=reply.status, media_type="application/json")
        return StreamingResponse(self._events(reply), media_type="text/event-stream")

    @staticmethod
    async def _events(reply: Reply) -> AsyncIterator[str]:
        for event in reply.events:
            yield f"data: {event}\n\n"
            await asyncio.sleep(reply.pause_s)


@contextmanager
def fake_openai() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    server.start()
    try:
        yield server
    finally:
        server.stop()
