"""A streaming client for the OpenAI-compatible chat completions API.

``POST {base}/chat/completions`` with ``stream: true`` answers with server-sent events,
one ``chat.completion.chunk`` per ``data:`` line and ``data: [DONE]`` at the end. Text
arrives in ``delta.content``; tool calls arrive in ``delta.tool_calls`` in pieces (the
name first, then the JSON arguments a few characters at a time), each piece tagged with
the ``index`` of the call it belongs to. OpenAI, Ollama, vLLM and the llama.cpp server
all speak this; so does ``tests/tutor/fake_openai.py``.

Every failure becomes an :class:`LLMError` whose message a learner can read. The API key
goes into the ``Authorization`` header and nowhere else: not into a message, not into a
log line (anything the endpoint sends back is scrubbed of it too).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from pydantic import SecretStr

from la4ai.errors import La4aiError

__all__ = ["ChatClient", "ChatTurn", "LLMError", "LLMErrorKind", "ToolCall"]

logger = logging.getLogger(__name__)

LLMErrorKind = Literal["config", "unreachable", "auth", "endpoint", "timeout", "malformed", "steps"]


class LLMError(La4aiError):
    """The LLM tutor could not answer. The message is meant for the learner (it names what
    went wrong and never holds the API key); ``kind`` is for the service and the logs."""

    def __init__(self, message: str, *, kind: LLMErrorKind) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ToolCall:
    """One tool call as the model made it: ``arguments`` is its raw JSON text."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class ChatTurn:
    """One complete reply of the model: its text and the tools it wants called."""

    content: str
    tool_calls: list[ToolCall]
    finish_reason: str | None


@dataclass
class _PartialCall:
    id: str = ""
    name: str = ""
    arguments: list[str] = field(default_factory=list)


class _Accumulator:
    """Builds a :class:`ChatTurn` from streamed chunks."""

    def __init__(self) -> None:
        self.content: list[str] = []
        self.calls: dict[int, _PartialCall] = {}
        self.finish_reason: str | None = None

    def add(self, chunk: Any) -> str:
        """Take one chunk; return the text it adds."""
        if not isinstance(chunk, dict):
            raise ValueError("a chunk is not a JSON object")
        if chunk.get("error"):
            error = chunk["error"]
            detail = error.get("message") if isinstance(error, dict) else error
            raise _EndpointSaid(str(detail))
        choices = chunk.get("choices") or []
        if not isinstance(choices, list):
            raise ValueError("`choices` is not a list")
        text = ""
        for choice in choices[:1]:
            if not isinstance(choice, dict):
                raise ValueError("a choice is not an object")
            delta = choice.get("delta") or choice.get("message") or {}
            if not isinstance(delta, dict):
                raise ValueError("`delta` is not an object")
            if isinstance(delta.get("content"), str):
                text += delta["content"]
            for position, piece in enumerate(delta.get("tool_calls") or []):
                self._add_call_piece(position, piece)
            self.finish_reason = choice.get("finish_reason") or self.finish_reason
        self.content.append(text)
        return text

    def _add_call_piece(self, position: int, piece: Any) -> None:
        if not isinstance(piece, dict):
            raise ValueError("a tool call is not an object")
        index = piece.get("index", position)
        partial = self.calls.setdefault(int(index), _PartialCall())
        partial.id = partial.id or str(piece.get("id") or "")
        function = piece.get("function") or {}
        partial.name = partial.name or str(function.get("name") or "")
        arguments = function.get("arguments")
        if isinstance(arguments, dict):  # some servers send the arguments parsed
            arguments = json.dumps(arguments)
        if arguments:
            partial.arguments.append(str(arguments))

    def turn(self) -> ChatTurn:
        calls = [
            ToolCall(id=p.id or f"call_{i}", name=p.name, arguments="".join(p.arguments))
            for i, p in sorted(self.calls.items())
        ]
        return ChatTurn("".join(self.content), calls, self.finish_reason)


class _EndpointSaid(Exception):
    """An error object inside an otherwise well-formed stream."""


class ChatClient:
    """Talks to one OpenAI-compatible endpoint with one model."""

    def __init__(
        self, *, base_url: str, model: str, api_key: SecretStr | None, timeout_s: float
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.timeout_s = timeout_s
        self._key = api_key.get_secret_value() if api_key is not None else ""
        parts = urlsplit(base_url)
        # Where, for messages: no user:password@, no query string.
        self.where = f"{parts.scheme}://{parts.hostname or ''}" + (
            f":{parts.port}" if parts.port else ""
        )

    def scrub(self, text: str) -> str:
        """``text`` without the API key in it."""
        return text.replace(self._key, "[API key]") if self._key else text

    async def stream(
        self,
        messages: list[dict[str, Any]],
        *,
        tools: list[dict[str, Any]],
        tool_choice: Literal["auto", "none"],
    ) -> AsyncGenerator[str | ChatTurn, None]:
        """Ask the model: yields its text as it arrives, then the complete :class:`ChatTurn`.
        The whole request may take ``timeout_s``; raises :class:`LLMError`."""
        body = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "tools": tools,
            "tool_choice": tool_choice,
        }
        queue: asyncio.Queue[str | ChatTurn | BaseException] = asyncio.Queue()
        # The request runs in its own task: the deadline then holds however slowly the
        # caller consumes what this generator yields.
        producer = asyncio.create_task(self._produce(body, queue))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        try:
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), max(0.0, deadline - loop.time()))
                except TimeoutError:
                    raise LLMError(
                        f"The tutor's language model at {self.where} did not answer within "
                        f"{self.timeout_s:g} s. Try again, or ask a shorter question.",
                        kind="timeout",
                    ) from None
                if isinstance(item, BaseException):
                    raise item
                yield item
                if isinstance(item, ChatTurn):
                    return
        finally:
            producer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producer

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "text/event-stream"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        return headers

    async def _produce(
        self, body: dict[str, Any], queue: asyncio.Queue[str | ChatTurn | BaseException]
    ) -> None:
        try:
            async with (
                httpx.AsyncClient(timeout=self.timeout_s) as client,
                client.stream("POST", self.url, json=body, headers=self._headers()) as response,
            ):
                if response.status_code >= 400:
                    await response.aread()
                    raise self._http_error(response)
                if "text/event-stream" not in response.headers.get("content-type", ""):
                    # A server that ignored `stream: true` and sent one JSON object.
                    accumulator = _Accumulator()
                    queue.put_nowait(accumulator.add(json.loads(await response.aread())))
                    queue.put_nowait(accumulator.turn())
                    return
                await self._read_events(response, queue)
        except LLMError as exc:
            queue.put_nowait(exc)
        except httpx.TimeoutException:
            queue.put_nowait(self._error("did not answer in time", kind="timeout"))
        except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
            logger.warning("tutor LLM at %s unreachable: %s", self.where, self.scrub(str(exc)))
            queue.put_nowait(self._error("cannot be reached", kind="unreachable"))
        except httpx.HTTPError as exc:
            logger.warning("tutor LLM at %s failed: %s", self.where, self.scrub(repr(exc)))
            queue.put_nowait(self._error("broke off its reply", kind="malformed"))
        except (ValueError, TypeError, KeyError, _EndpointSaid) as exc:  # JSON and shape
            logger.warning("tutor LLM at %s sent bad data: %s", self.where, self.scrub(str(exc)))
            said = isinstance(exc, _EndpointSaid)
            what = "reported an error" if said else "sent a reply la4ai cannot read"
            queue.put_nowait(self._error(what, kind="endpoint" if said else "malformed"))
        except Exception as exc:  # a bug: let the caller see it rather than time out
            queue.put_nowait(exc)

    async def _read_events(
        self, response: httpx.Response, queue: asyncio.Queue[str | ChatTurn | BaseException]
    ) -> None:
        accumulator = _Accumulator()
        data: list[str] = []
        done = False
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif not line.strip() and data:
                event, data = "\n".join(data), []
                if event.strip() == "[DONE]":
                    done = True
                    break
                if text := accumulator.add(json.loads(event)):
                    queue.put_nowait(text)
            # other fields (event:, id:, retry:) and comments (": ping") carry nothing
        if data and "\n".join(data).strip() != "[DONE]":
            if text := accumulator.add(json.loads("\n".join(data))):
                queue.put_nowait(text)
        elif data:
            done = True
        turn = accumulator.turn()
        if not done and turn.finish_reason is None:
            raise ValueError("the stream ended before the reply was complete")
        queue.put_nowait(turn)

    def _error(self, what: str, *, kind: LLMErrorKind) -> LLMError:
        return LLMError(
            f"The tutor's language model at {self.where} {what}. Try again in a moment; if it "
            "keeps happening, the offline tutor still answers (LA4AI_TUTOR_PROVIDER=offline).",
            kind=kind,
        )

    def _http_error(self, response: httpx.Response) -> LLMError:
        status = response.status_code
        detail = self.scrub(response.text[:500])
        logger.warning("tutor LLM at %s answered HTTP %s: %s", self.where, status, detail)
        if status in (401, 403):
            return LLMError(
                f"The tutor's language model at {self.where} refused la4ai's credentials "
                f"(HTTP {status}). An administrator should check LA4AI_TUTOR_API_KEY.",
                kind="auth",
            )
        if status == 404:
            return LLMError(
                f"The tutor's language model at {self.where} has no chat endpoint or no model "
                f"{self.model!r} (HTTP 404). An administrator should check "
                "LA4AI_TUTOR_BASE_URL and LA4AI_TUTOR_MODEL.",
                kind="endpoint",
            )
        if status == 429:
            return self._error("is busy (HTTP 429)", kind="endpoint")
        if status < 500:
            return self._error(
                f"rejected the request (HTTP {status}); the model may not support tool calling",
                kind="endpoint",
            )
        return self._error(f"failed (HTTP {status})", kind="endpoint")
