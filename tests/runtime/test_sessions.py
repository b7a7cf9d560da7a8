"""Sessions, the kernel pool, the per-learner cap and idle culling, on real kernels."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from la4ai.runtime.events import (
    CellDone,
    InterruptRequest,
    KernelStatus,
    LimitNotice,
    RestartRequest,
    RunAllRequest,
    RunRequest,
    ServerEvent,
    StreamOutput,
)
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.provisioners import ProcessProvisioner
from la4ai.runtime.sessions import Session, SessionKey, SessionManager
from la4ai.runtime.workspace import Workspaces
from tests.runtime.conftest import TEST_LIMITS

pytestmark = pytest.mark.anyio


class Recorder:
    def __init__(self) -> None:
        self.events: list[ServerEvent] = []
        self.changed = asyncio.Event()

    async def __call__(self, event: ServerEvent) -> None:
        self.events.append(event)
        self.changed.set()

    async def done(self, cell_id: str, timeout: float = 30) -> CellDone:
        async with asyncio.timeout(timeout):
            while True:
                for e in self.events:
                    if isinstance(e, CellDone) and e.cell_id == cell_id:
                        return e
                self.changed.clear()
                await self.changed.wait()

    def text(self, cell_id: str) -> str:
        return "".join(
            e.text for e in self.events if isinstance(e, StreamOutput) and e.cell_id == cell_id
        )


Culled = list[tuple[SessionKey, dict[str, str]]]


@pytest.fixture
async def manager(
    provisioner: ProcessProvisioner, tmp_path: Path
) -> AsyncIterator[tuple[SessionManager, Culled]]:
    culled: Culled = []

    async def on_cull(key: SessionKey, code: dict[str, str]) -> None:
        culled.append((key, code))

    workspaces = Workspaces(tmp_path / "workspaces")
    pool = KernelPool(provisioner, workspaces, size=0)
    m = SessionManager(
        provisioner, pool, workspaces, TEST_LIMITS,
        kernels_per_learner=2, idle_timeout_s=60, on_cull=on_cull,
    )  # fmt: skip
    yield m, culled
    await m.close()


def opened(manager: SessionManager, learner: int, module: str) -> tuple[Session, Recorder]:
    session = manager.open(SessionKey(learner, "lesson", module))
    recorder = Recorder()
    session.subscribers.add(recorder)
    return session, recorder


async def test_cells_run_in_order_and_share_state(
    manager: tuple[SessionManager, Culled],
) -> None:
    m, _ = manager
    session, rec = opened(m, 1, "vectors")
    await m.submit(session, RunRequest(cell_id="a", code="x = 20"))
    await m.submit(session, RunRequest(cell_id="b", code="print(x + 1)"))
    assert (await rec.done("b")).status == "ok"
    assert rec.text("b") == "21\n"
    states = [e.state for e in rec.events if isinstance(e, KernelStatus)]
    assert states[:2] == ["starting", "idle"]
    assert "busy" in states


async def test_run_all_stops_at_the_first_error_and_skips_the_rest(
    manager: tuple[SessionManager, Culled],
) -> None:
    m, _ = manager
    session, rec = opened(m, 1, "vectors")
    cells = [
        RunRequest(cell_id="c1", code="print('one')"),
        RunRequest(cell_id="c2", code="1 / 0"),
        RunRequest(cell_id="c3", code="print('three')"),
    ]
    await m.submit(session, RunAllRequest(cells=cells))
    assert (await rec.done("c2")).status == "error"
    assert (await rec.done("c3")).status == "skipped"
    assert rec.text("c1") == "one\n"
    assert rec.text("c3") == ""


async def test_interrupt_stops_the_running_cell(manager: tuple[SessionManager, Culled]) -> None:
    m, _ = manager
    session, rec = opened(m, 1, "vectors")
    await m.submit(session, RunRequest(cell_id="slow", code="import time\ntime.sleep(20)"))
    async with asyncio.timeout(20):
        while session.busy_cell != "slow":
            await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    await m.submit(session, InterruptRequest())
    done = await rec.done("slow", timeout=5)
    assert done.status == "interrupted"


async def test_restart_gives_a_fresh_kernel_but_keeps_workspace_files(
    manager: tuple[SessionManager, Culled],
) -> None:
    m, _ = manager
    session, rec = opened(m, 1, "vectors")
    code = "x = 1\nopen('kept.txt', 'w').write('saved')"
    await m.submit(session, RunRequest(cell_id="a", code=code))
    await rec.done("a")
    await m.submit(session, RestartRequest())
    await m.submit(
        session, RunRequest(cell_id="b", code="print('x' in dir(), open('kept.txt').read())")
    )
    await rec.done("b")
    assert rec.text("b") == "False saved\n"


async def test_a_learners_third_kernel_reclaims_their_least_recently_used(
    manager: tuple[SessionManager, Culled],
) -> None:
    m, culled = manager
    first, rec1 = opened(m, 1, "m1")
    second, rec2 = opened(m, 1, "m2")
    other, rec_other = opened(m, 2, "m1")
    for session, rec in ((first, rec1), (second, rec2), (other, rec_other)):
        await m.submit(session, RunRequest(cell_id="cell-1", code="print('up')"))
        await rec.done("cell-1")
    third, rec3 = opened(m, 1, "m3")
    await m.submit(third, RunRequest(cell_id="cell-1", code="print('third')"))
    assert (await rec3.done("cell-1")).status == "ok"
    assert first.kernel is None, "the least recently used kernel was stopped"
    assert second.kernel is not None
    assert other.kernel is not None
    assert any(isinstance(e, LimitNotice) and e.limit == "kernels" for e in rec1.events)
    assert culled == [(SessionKey(1, "lesson", "m1"), {"cell-1": "print('up')"})]
    # The reclaimed session starts a kernel again when used.
    await m.submit(first, RunRequest(cell_id="cell-2", code="print('back')"))
    assert (await rec1.done("cell-2")).status == "ok"


async def test_idle_kernels_are_culled_after_saving_their_code(
    manager: tuple[SessionManager, Culled],
) -> None:
    m, culled = manager
    session, rec = opened(m, 1, "vectors")
    await m.submit(session, RunRequest(cell_id="cell-2", code="y = 2"))
    await rec.done("cell-2")
    assert await m.cull_idle(now=session.last_active + 30) == []
    assert await m.cull_idle(now=session.last_active + 61) == [session.key]
    assert session.kernel is None
    assert session.state == "dead"
    assert culled == [(session.key, {"cell-2": "y = 2"})]
    notices = [e.message for e in rec.events if isinstance(e, LimitNotice)]
    assert any("idle for more than 1 minutes" in n for n in notices)


async def test_a_warm_kernel_takes_over_the_learners_workspace(
    provisioner: ProcessProvisioner, tmp_path: Path
) -> None:
    workspaces = Workspaces(tmp_path / "workspaces")
    target = workspaces.path(7, "lab", "vectors")
    target.mkdir(parents=True)
    (target / "notes.txt").write_text("from last time")
    pool = KernelPool(provisioner, workspaces, size=1)
    pool.start()
    try:
        await pool.wait_full()
        kernel = await pool.acquire(target)
        assert kernel.workspace == target
        session_events: list[ServerEvent] = []

        async def emit(event: ServerEvent) -> None:
            session_events.append(event)

        from la4ai.runtime.execution import run_cell

        await run_cell(
            kernel,
            cell_id="c",
            code="print(open('notes.txt').read())",
            limits=TEST_LIMITS,
            emit=emit,
        )
        out = "".join(e.text for e in session_events if isinstance(e, StreamOutput))
        assert out == "from last time\n"
        await pool.wait_full()  # refilled in the background
        assert pool.ready == 1
        await kernel.shutdown()
    finally:
        await pool.close()
