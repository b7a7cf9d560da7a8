"""The code-execution WebSocket: ``/api/sessions/{kind}/{module_id}/ws``.

The browser sends :data:`~la4ai.runtime.events.ClientMessage` JSON and receives
:data:`~la4ai.runtime.events.ServerEvent` JSON, starting with ``hello``. Connections from
another site's page are refused (a WebSocket is not covered by the same-origin policy).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from la4ai.errors import NotFoundError
from la4ai.runtime.events import CLIENT_MESSAGE, KernelStatus, ProtocolError, ServerEvent
from la4ai.runtime.sessions import SessionKey
from la4ai.web.deps import AppServices
from la4ai.web.origin import same_origin

__all__ = ["router"]

router = APIRouter(tags=["execution"])

_QUEUE = 2000  # events buffered per socket before a stalled browser is disconnected
_POLICY_VIOLATION = 1008
_NOT_FOUND = 4404


@router.websocket("/sessions/{kind}/{module_id}/ws")
async def session_socket(
    websocket: WebSocket, kind: Literal["lesson", "lab"], module_id: str
) -> None:
    services: AppServices = websocket.app.state.services
    if not same_origin(websocket.headers):
        await websocket.close(code=_POLICY_VIOLATION)  # before accepting: HTTP 403
        return
    try:
        module = services.progress.course.module(module_id)
    except NotFoundError as exc:
        await websocket.accept()  # so that the browser learns why (a 403 would say nothing)
        await websocket.close(code=_NOT_FOUND, reason=str(exc))
        return
    limits = services.runtime.limits
    if kind == "lab" and module.lab is not None:
        limits = limits.with_time(max(limits.time_s, module.lab.meta.time_limit_s))
    await websocket.accept()
    manager = services.runtime.sessions
    session = manager.open(SessionKey(services.local_learner_id, kind, module_id), limits=limits)
    outbox: asyncio.Queue[ServerEvent | None] = asyncio.Queue(maxsize=_QUEUE)

    async def deliver(event: ServerEvent) -> None:
        outbox.put_nowait(event)  # QueueFull drops this subscriber (see Session.broadcast)

    async def send_all() -> None:
        while (event := await outbox.get()) is not None:
            await websocket.send_text(event.model_dump_json())

    sender = asyncio.create_task(send_all())
    await deliver(manager.hello(session))
    if session.kernel is not None:
        # A reload or second tab joins a session whose kernel may be running a cell now.
        await deliver(KernelStatus(state=session.state, cell_id=session.busy_cell))
    session.subscribers.add(deliver)
    try:
        while True:
            raw = await websocket.receive_text()
            try:
                message = CLIENT_MESSAGE.validate_json(raw)
            except ValidationError as exc:
                detail = exc.errors()[0].get("msg", "invalid message")
                await deliver(ProtocolError(message=f"Could not read that message: {detail}"))
                continue
            await manager.submit(session, message)
    except WebSocketDisconnect:
        pass
    finally:
        session.subscribers.discard(deliver)
        with contextlib.suppress(asyncio.QueueFull):
            outbox.put_nowait(None)
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await sender
