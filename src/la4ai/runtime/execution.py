"""Running one cell on a kernel under the limits, turning Jupyter messages into events.

The wall-clock limit interrupts the cell (then asks the caller to restart the kernel if it
does not stop); output beyond the output limit is cut with one notice; text is coalesced so
the browser receives at most ``output_rate`` messages per second; a dead kernel and the
memory cap are told apart and explained.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

from la4ai.runtime.events import (
    CellDone,
    CellError,
    CellStatus,
    DisplayOutput,
    LimitNotice,
    ServerEvent,
    StreamOutput,
)
from la4ai.runtime.explain import explain_error
from la4ai.runtime.kernel import Kernel, Message
from la4ai.runtime.limits import Limits

__all__ = ["CellOutcome", "Emit", "run_cell"]

Emit = Callable[[ServerEvent], Awaitable[None]]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_MIME = ("text/html", "image/png", "image/svg+xml", "text/markdown", "text/latex", "text/plain")
_INTERRUPT_GRACE_S = 3.0
_CHUNK = 65536  # characters per stream event: keeps WebSocket frames small
# Past this multiple of the output limit the cell is interrupted to protect the server.
_FLOOD_FACTOR = 8


@dataclass
class CellOutcome:
    done: CellDone
    needs_restart: bool
    restart_reason: Literal["time", "memory", "died"] | None = None


@dataclass
class _Output:
    cell_id: str
    limits: Limits
    emit: Emit
    sent: int = 0
    seen: int = 0
    cut: bool = False
    pending: dict[Literal["stdout", "stderr"], list[str]] = field(default_factory=dict)
    last_flush: float = 0.0

    def _budget(self, size: int) -> int:
        self.seen += size
        room = self.limits.output_bytes - self.sent
        return max(room, 0)

    async def _notice(self) -> None:
        if not self.cut:
            self.cut = True
            await self.flush()
            notice = LimitNotice(
                cell_id=self.cell_id, limit="output", message=self.limits.output_message()
            )
            await self.emit(notice)

    async def stream(self, name: Literal["stdout", "stderr"], text: str) -> None:
        data = text.encode()
        room = self._budget(len(data))
        if room <= 0:
            await self._notice()
            return
        if len(data) > room:
            text = data[:room].decode(errors="ignore")
        self.sent += len(text.encode())
        self.pending.setdefault(name, []).append(text)
        if len(data) > room:
            await self._notice()
        elif time.monotonic() - self.last_flush >= 1 / self.limits.output_rate:
            await self.flush()

    async def flush(self) -> None:
        self.last_flush = time.monotonic()
        for name, parts in self.pending.items():
            text = "".join(parts)
            for start in range(0, len(text), _CHUNK):
                chunk = text[start : start + _CHUNK]
                await self.emit(StreamOutput(cell_id=self.cell_id, name=name, text=chunk))
        self.pending.clear()

    async def display(self, data: dict[str, object], execution_count: int | None) -> None:
        kept = {k: v for k, v in data.items() if k in _MIME and isinstance(v, str)}
        size = sum(len(v) for v in kept.values())
        if self._budget(size) < size:
            await self._notice()
            return
        self.sent += size
        await self.flush()
        await self.emit(
            DisplayOutput(cell_id=self.cell_id, data=kept, execution_count=execution_count)
        )

    @property
    def flooding(self) -> bool:
        return self.seen > self.limits.output_bytes * _FLOOD_FACTOR


async def _handle(msg: Message, out: _Output) -> tuple[CellError | None, int | None]:
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        name: Literal["stdout", "stderr"] = (
            "stderr" if content.get("name") == "stderr" else "stdout"
        )
        await out.stream(name, str(content.get("text", "")))
    elif kind in ("display_data", "update_display_data"):
        await out.display(content.get("data", {}), None)
    elif kind == "execute_result":
        count = content.get("execution_count")
        await out.display(content.get("data", {}), count)
        return None, count
    elif kind == "error":
        ename, evalue = str(content.get("ename", "")), str(content.get("evalue", ""))
        return (
            CellError(
                cell_id=out.cell_id,
                ename=ename,
                evalue=evalue,
                traceback=[_ANSI.sub("", line) for line in content.get("traceback", [])],
                explanation=explain_error(ename, evalue),
            ),
            None,
        )
    elif kind == "execute_input":
        return None, content.get("execution_count")
    return None, None


async def run_cell(
    kernel: Kernel, *, cell_id: str, code: str, limits: Limits, emit: Emit
) -> CellOutcome:
    """Run ``code`` and stream its events through ``emit``; never raises for learner faults."""
    started = time.perf_counter()
    out = _Output(cell_id=cell_id, limits=limits, emit=emit)
    msg_id = await kernel.execute(code)
    deadline = time.monotonic() + limits.time_s
    interrupted_at: float | None = None
    reason: Literal["time", "output"] | None = None
    error: CellError | None = None
    count: int | None = None

    def finish(status: CellStatus, **restart: object) -> CellOutcome:
        duration = round((time.perf_counter() - started) * 1000, 1)
        done = CellDone(cell_id=cell_id, status=status, execution_count=count, duration_ms=duration)
        return CellOutcome(done=done, **restart)  # type: ignore[arg-type]

    while True:
        msg = await kernel.next_message(0.1)
        now = time.monotonic()
        if msg is None:
            if not kernel.alive:
                await out.flush()
                memory = kernel.oom_killed()
                message = (
                    limits.memory_message(restarted=True)
                    if memory
                    else "The kernel stopped unexpectedly (it may have crashed); "
                    "it was restarted. Variables from earlier cells are gone."
                )
                if memory:
                    await emit(LimitNotice(cell_id=cell_id, limit="memory", message=message))
                else:
                    await emit(_died(cell_id, message))
                status: CellStatus = "memory" if memory else "died"
                return finish(status, needs_restart=True, restart_reason=status)
            if interrupted_at is None and now >= deadline:
                reason, interrupted_at = "time", now
                await kernel.interrupt()
            elif interrupted_at is not None and now - interrupted_at > _INTERRUPT_GRACE_S:
                await out.flush()
                await _limit_notice(emit, cell_id, reason, limits)
                return finish("timeout", needs_restart=True, restart_reason="time")
            elif out.pending:
                await out.flush()
            continue
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            break
        new_error, new_count = await _handle(msg, out)
        error = new_error or error
        count = new_count if new_count is not None else count
        if out.flooding and interrupted_at is None:
            reason, interrupted_at = "output", now
            await kernel.interrupt()
        if interrupted_at is None and now >= deadline:
            reason, interrupted_at = "time", now
            await kernel.interrupt()

    await out.flush()
    if reason is not None:
        # The KeyboardInterrupt traceback our own interrupt caused is noise; the notice says why.
        await _limit_notice(emit, cell_id, reason, limits)
        return finish("timeout" if reason == "time" else "interrupted", needs_restart=False)
    if error is not None:
        if error.ename == "MemoryError":
            # What the cell allocated may still be referenced: a fresh kernel frees it.
            message = limits.memory_message(restarted=True)
            await emit(LimitNotice(cell_id=cell_id, limit="memory", message=message))
            await emit(error)
            return finish("memory", needs_restart=True, restart_reason="memory")
        await emit(error)
        status = "interrupted" if error.ename == "KeyboardInterrupt" else "error"
        return finish(status, needs_restart=False)
    return finish("ok", needs_restart=False)


async def _limit_notice(
    emit: Emit, cell_id: str, reason: Literal["time", "output"] | None, limits: Limits
) -> None:
    if reason == "time":
        await emit(LimitNotice(cell_id=cell_id, limit="time", message=limits.time_message()))
    elif reason == "output":
        message = (
            "This cell kept printing far past the output limit and was stopped. "
            + limits.output_message()
        )
        await emit(LimitNotice(cell_id=cell_id, limit="output", message=message))


def _died(cell_id: str, message: str) -> CellError:
    return CellError(
        cell_id=cell_id, ename="KernelDied", evalue=message, traceback=[], explanation=message
    )
