"""Sessions: one kernel per learner per lesson or lab, shared by that learner's open tabs.

A session owns at most one kernel and a queue of cells to run (one at a time). Events are
broadcast to every subscriber (each open WebSocket). The manager enforces the per-learner
kernel cap (reclaiming the learner's least recently used idle kernel), culls idle kernels
after saving the code they last ran, and restarts kernels that hit a limit or died.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from la4ai.errors import KernelLimitReached
from la4ai.runtime.events import (
    CellDone,
    ClientMessage,
    Hello,
    InterruptRequest,
    KernelState,
    KernelStatus,
    LimitNotice,
    RestartRequest,
    RunAllRequest,
    RunRequest,
    ServerEvent,
)
from la4ai.runtime.execution import run_cell
from la4ai.runtime.kernel import Kernel
from la4ai.runtime.limits import MIB, Limits
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.provisioners import Provisioner
from la4ai.runtime.workspace import Workspaces, usage_bytes

__all__ = ["OnCull", "Session", "SessionKey", "SessionManager"]

log = logging.getLogger(__name__)

_QUOTA_GRACE_S = 3.0
_QUOTA_POLL_S = 0.5


@dataclass(frozen=True, order=True)
class SessionKey:
    learner_id: int
    kind: str
    module_id: str


Subscriber = Callable[[ServerEvent], Awaitable[None]]
OnCull = Callable[[SessionKey, dict[str, str]], Awaitable[None]]


@dataclass(eq=False)
class Session:
    key: SessionKey
    limits: Limits
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    kernel: Kernel | None = None
    state: KernelState = "dead"
    busy_cell: str | None = None
    last_active: float = field(default_factory=time.monotonic)
    last_code: dict[str, str] = field(default_factory=dict)
    subscribers: set[Subscriber] = field(default_factory=set)
    queue: list[RunRequest] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    runner: asyncio.Task[None] | None = None

    async def broadcast(self, event: ServerEvent) -> None:
        for subscriber in list(self.subscribers):
            try:
                await subscriber(event)
            except Exception:  # a closed socket: forget it, keep the others
                self.subscribers.discard(subscriber)

    async def set_state(self, state: KernelState, cell_id: str | None = None) -> None:
        self.state = state
        await self.broadcast(KernelStatus(state=state, cell_id=cell_id))


class SessionManager:
    def __init__(
        self,
        provisioner: Provisioner,
        pool: KernelPool,
        workspaces: Workspaces,
        limits: Limits,
        *,
        kernels_per_learner: int,
        idle_timeout_s: float,
        on_cull: OnCull | None = None,
    ) -> None:
        self.provisioner = provisioner
        self.pool = pool
        self.workspaces = workspaces
        self.limits = limits
        self.kernels_per_learner = kernels_per_learner
        self.idle_timeout_s = idle_timeout_s
        self.on_cull = on_cull
        self.sessions: dict[SessionKey, Session] = {}
        self._culler: asyncio.Task[None] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.pool.start()
        if self._culler is None:
            self._culler = asyncio.create_task(self._cull_forever(), name="kernel-culler")

    async def close(self) -> None:
        if self._culler is not None:
            self._culler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._culler
        for session in list(self.sessions.values()):
            await self._stop(session)
        await self.pool.close()

    # -- sessions ----------------------------------------------------------------------------

    def hello(self, session: Session) -> Hello:
        return Hello(
            session_id=session.id,
            backend=self.provisioner.backend,
            sandboxed=self.provisioner.sandboxed,
            notice=self.provisioner.notice,
            time_limit_s=session.limits.time_s,
            memory_limit_mb=session.limits.memory_bytes // MIB,
            output_limit_bytes=session.limits.output_bytes,
        )

    def open(self, key: SessionKey, *, limits: Limits | None = None) -> Session:
        """The learner's session for a context (created if new; its kernel starts lazily)."""
        session = self.sessions.get(key)
        if session is None:
            session = Session(key=key, limits=limits or self.limits)
            self.sessions[key] = session
            session.runner = asyncio.create_task(self._run_queue(session), name=f"session-{key}")
        session.last_active = time.monotonic()
        return session

    async def submit(self, session: Session, message: ClientMessage) -> None:
        session.last_active = time.monotonic()
        if isinstance(message, RunRequest):
            session.queue.append(message)
            session.wake.set()
        elif isinstance(message, RunAllRequest):
            session.queue.extend(message.cells)
            session.wake.set()
        elif isinstance(message, InterruptRequest):
            await self._skip_queued(session)
            if session.kernel is not None and session.busy_cell is not None:
                await session.kernel.interrupt()
        elif isinstance(message, RestartRequest):
            await self._skip_queued(session)
            if session.kernel is not None and session.busy_cell is not None:
                await session.kernel.interrupt()
            async with session.lock:
                await self._restart(session)

    async def ensure_kernel(self, session: Session) -> Kernel:
        """The session's kernel, starting one (within the learner's cap) if needed."""
        if session.kernel is not None and session.kernel.alive:
            return session.kernel
        if session.kernel is not None:
            await session.kernel.shutdown()
            session.kernel = None
        await self._make_room(session)
        await session.set_state("starting")
        target = self.workspaces.path(
            session.key.learner_id, session.key.kind, session.key.module_id
        )
        session.kernel = await self.pool.acquire(target)
        await session.set_state("idle")
        return session.kernel

    # -- running -----------------------------------------------------------------------------

    async def _run_queue(self, session: Session) -> None:
        while True:
            await session.wake.wait()
            session.wake.clear()
            while session.queue:
                request = session.queue.pop(0)
                async with session.lock:
                    try:
                        ok = await self._run_one(session, request)
                    except Exception:  # a bug of ours must not end the session
                        log.exception("running cell %s failed", request.cell_id)
                        done = CellDone(cell_id=request.cell_id, status="died", duration_ms=0)
                        await session.broadcast(done)
                        await self._restart(session)
                        ok = False
                if not ok:
                    await self._skip_queued(session)

    async def _run_one(self, session: Session, request: RunRequest) -> bool:
        try:
            kernel = await self.ensure_kernel(session)
        except KernelLimitReached as exc:
            await session.broadcast(
                LimitNotice(cell_id=request.cell_id, limit="kernels", message=str(exc))
            )
            await session.broadcast(
                CellDone(cell_id=request.cell_id, status="skipped", duration_ms=0)
            )
            return False
        except Exception as exc:
            log.exception("kernel start failed")
            await session.set_state("dead")
            message = f"Could not start a kernel: {exc}"
            await session.broadcast(
                LimitNotice(cell_id=request.cell_id, limit="kernels", message=message)
            )
            await session.broadcast(CellDone(cell_id=request.cell_id, status="died", duration_ms=0))
            return False
        session.last_code[request.cell_id] = request.code
        session.busy_cell = request.cell_id
        await session.set_state("busy", request.cell_id)
        watcher = asyncio.create_task(self._watch_quota(session, kernel, request.cell_id))
        try:
            outcome = await run_cell(
                kernel,
                cell_id=request.cell_id,
                code=request.code,
                limits=session.limits,
                emit=session.broadcast,
            )
        finally:
            watcher.cancel()
            session.busy_cell = None
            session.last_active = time.monotonic()
        if outcome.needs_restart:
            await self._restart(session)
        else:
            await session.set_state("idle")
        await session.broadcast(outcome.done)
        return outcome.done.status == "ok"

    async def _watch_quota(self, session: Session, kernel: Kernel, cell_id: str) -> None:
        """Stop a cell whose files pass the workspace quota: interrupt it, and replace the
        kernel if the cell keeps going (e.g. it swallows KeyboardInterrupt)."""
        dirs = kernel.disk_dirs()
        if not dirs:
            return
        quota = session.limits.workspace_bytes

        async def used() -> int:
            sizes = [await asyncio.to_thread(usage_bytes, d, stop_after=quota) for d in dirs]
            return sum(sizes)

        # Sleep first: most cells end long before the first measurement is due.
        await asyncio.sleep(_QUOTA_POLL_S)
        while await used() <= quota:
            await asyncio.sleep(_QUOTA_POLL_S)
        await kernel.interrupt()
        message = session.limits.workspace_message()
        await session.broadcast(LimitNotice(cell_id=cell_id, limit="workspace", message=message))
        await asyncio.sleep(_QUOTA_GRACE_S)
        if session.busy_cell == cell_id and session.kernel is kernel:
            log.warning("cell %s ignored the quota interrupt; stopping its kernel", cell_id)
            await kernel.shutdown()

    async def _skip_queued(self, session: Session) -> None:
        skipped, session.queue = session.queue, []
        for request in skipped:
            await session.broadcast(
                CellDone(cell_id=request.cell_id, status="skipped", duration_ms=0)
            )

    async def _restart(self, session: Session) -> None:
        await session.set_state("restarting")
        if session.kernel is not None:
            await session.kernel.shutdown()
            session.kernel = None
        try:
            await self.ensure_kernel(session)
        except Exception as exc:
            log.exception("kernel restart failed")
            await session.set_state("dead")
            await session.broadcast(
                LimitNotice(
                    cell_id=None, limit="kernels", message=f"Could not restart the kernel: {exc}"
                )
            )

    async def _stop(self, session: Session) -> None:
        if session.runner is not None:
            session.runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await session.runner
        if session.kernel is not None:
            await session.kernel.shutdown()
            session.kernel = None
        self.sessions.pop(session.key, None)

    # -- caps and culling ---------------------------------------------------------------------

    async def _make_room(self, session: Session) -> None:
        learner = session.key.learner_id
        running = [
            s
            for s in self.sessions.values()
            if s.key.learner_id == learner and s is not session and s.kernel is not None
        ]
        if len(running) < self.kernels_per_learner:
            return
        idle = sorted((s for s in running if s.busy_cell is None), key=lambda s: s.last_active)
        if not idle:
            raise KernelLimitReached(
                f"You already have {self.kernels_per_learner} kernels running code; wait for one "
                "to finish or interrupt it, then run this cell again."
            )
        victim = idle[0]
        await self._release(
            victim,
            reason=(
                f"This kernel was stopped because you opened more than "
                f"{self.kernels_per_learner} lessons or labs with code running; your code is "
                "saved. Run a cell to start it again."
            ),
        )

    async def _release(self, session: Session, *, reason: str) -> None:
        async with session.lock:
            if self.on_cull is not None and session.last_code:
                try:
                    await self.on_cull(session.key, dict(session.last_code))
                except Exception:
                    log.exception("saving code before stopping a kernel failed")
            if session.kernel is not None:
                await session.kernel.shutdown()
                session.kernel = None
            await session.set_state("dead")
            await session.broadcast(LimitNotice(cell_id=None, limit="kernels", message=reason))

    async def cull_idle(self, now: float | None = None) -> list[SessionKey]:
        """Stop kernels idle longer than the timeout (saving their code first)."""
        now = time.monotonic() if now is None else now
        culled: list[SessionKey] = []
        for session in list(self.sessions.values()):
            idle = now - session.last_active
            if (
                session.kernel is not None
                and session.busy_cell is None
                and idle > self.idle_timeout_s
            ):
                minutes = self.idle_timeout_s / 60
                await self._release(
                    session,
                    reason=(
                        f"This kernel was idle for more than {minutes:g} minutes and was "
                        "stopped to free resources; your code is saved. Run a cell to start a "
                        "new kernel."
                    ),
                )
                culled.append(session.key)
        return culled

    async def _cull_forever(self) -> None:
        period = min(60.0, max(self.idle_timeout_s / 4, 0.5))
        while True:
            await asyncio.sleep(period)
            try:
                await self.cull_idle()
            except Exception:
                log.exception("culling idle kernels failed")
