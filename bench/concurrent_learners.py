"""20 learners at once, each running 10 small NumPy cells one after another.

All learners start together against a warm pool (default 4 kernels), so most sessions
start a kernel while the others run cells: per-cell latency (run sent → ``done``), the
wait for each session's kernel (status ``starting`` → ``idle``), total wall time and errors
are reported. Baseline in the same run: one learner alone, on a warm kernel, running the
same cell (before the crowd arrives); the ratio compares steady-state p50s.

``--layer websocket`` (default): a `la4ai serve` subprocess and one WebSocket per learner.
Single-user mode keys sessions by (kind, module), so the server loads copies of the course
modules and each simulated learner opens its own module (one learner, with a per-learner
kernel cap above 20). ``--layer runtime``: the runtime's ``SessionManager`` in this process
with 20 distinct learner ids (cap 1 kernel each) — the multi-user shape, minus the
WebSocket layer. Writes bench/results/concurrent_learners[_runtime].json; exits 1 on any
error (not for slowness).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.common import latency_summary, write_result
from bench.content_load import build_course
from bench.kernels import sandbox_provisioner
from bench.server import CellRun, open_session, read_run, run_cell, serve, wait_quiet
from la4ai.runtime.events import RunRequest, ServerEvent
from la4ai.runtime.limits import Limits
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.sessions import SessionKey, SessionManager
from la4ai.runtime.workspace import Workspaces
from la4ai.settings import default_content_dir

CODE = "import numpy as np\nnp.linalg.norm(np.random.rand(100))"
NUMBER = re.compile(r"(np\.float64\()?\d+\.\d+(e[+-]?\d+)?\)?")  # NumPy 2's repr
BASELINE_CELLS = 30
RUN_TIMEOUT_S = 180.0

# Runs one cell for learner ``n`` (0 is the baseline learner): (cell_id, code) → CellRun.
Runner = Callable[[str, str], Awaitable[CellRun]]
Connect = Callable[[int], Awaitable[tuple[Runner, Callable[[], Awaitable[None]]]]]
Settle = Callable[[], Awaitable[None]]  # waits until the pool is full and nothing runs


def check(run: CellRun) -> str | None:
    """Why ``run`` is not a correct result of CODE, or None."""
    if run.status != "ok" or run.problems or len(run.texts) != 1:
        return f"{run.status} {run.texts} {run.problems}"
    if not NUMBER.fullmatch(run.texts[0]):
        return f"not a number: {run.texts[0]!r}"
    return None


class Results:
    def __init__(self) -> None:
        self.with_start: list[float] = []  # cells that waited for their session's kernel
        self.steady: list[float] = []  # cells on a running kernel
        self.kernel_waits: list[float] = []
        self.learner_wall: list[float] = []
        self.errors: list[str] = []

    def add(self, name: str, index: int, run: CellRun) -> None:
        problem = check(run)
        if problem is not None or run.done_s is None:
            self.errors.append(f"{name} cell {index}: {problem}")
            return
        waited = index == 0 or run.kernel_wait_s is not None  # a failed start is retried
        (self.with_start if waited else self.steady).append(run.done_s)
        if run.kernel_wait_s is not None:
            self.kernel_waits.append(run.kernel_wait_s)


async def learner(connect: Connect, n: int, cells: int, results: Results) -> None:
    start = time.perf_counter()
    try:
        runner, close = await connect(n)
    except Exception as exc:
        results.errors.append(f"learner {n}: could not connect: {exc!r}")
        return
    try:
        for i in range(cells):
            try:
                results.add(f"learner {n}", i, await runner(f"c{i}", CODE))
            except Exception as exc:
                results.errors.append(f"learner {n} cell {i}: {exc!r}")
    finally:
        await close()
    results.learner_wall.append(time.perf_counter() - start)


async def baseline(connect: Connect) -> tuple[list[float], list[str]]:
    runner, close = await connect(0)
    samples: list[float] = []
    errors: list[str] = []
    try:
        for i in range(BASELINE_CELLS + 1):
            run = await runner(f"b{i}", CODE)
            problem = check(run)
            if problem is not None or run.done_s is None:
                errors.append(f"baseline cell {i}: {problem}")
            elif i > 0:  # the first starts the kernel
                samples.append(run.done_s)
    finally:
        await close()
    return samples, errors


@asynccontextmanager
async def websocket_layer(learners: int, pool: int) -> AsyncIterator[tuple[Connect, Settle]]:
    with tempfile.TemporaryDirectory() as content:
        modules = build_course(default_content_dir(), Path(content), learners + 1)
        settings = {
            "LA4AI_EXECUTION_BACKEND": "sandbox",
            "LA4AI_CONTENT_DIR": content,
            "LA4AI_KERNEL_POOL_SIZE": str(pool),
            "LA4AI_KERNELS_PER_LEARNER": str(learners + 1),
        }
        with serve(settings) as server:

            async def connect(n: int) -> tuple[Runner, Callable[[], Awaitable[None]]]:
                ws, _ = await open_session(server.socket_url("lesson", modules[n]))

                async def runner(cell_id: str, code: str) -> CellRun:
                    return await run_cell(ws, cell_id, code, timeout=RUN_TIMEOUT_S)

                return runner, ws.close

            async def settle() -> None:  # the pool full again, the server idle
                await asyncio.to_thread(wait_quiet, server.process.pid, kernels=pool + 1)

            await asyncio.to_thread(wait_quiet, server.process.pid, kernels=pool)
            yield connect, settle


@asynccontextmanager
async def runtime_layer(pool_size: int) -> AsyncIterator[tuple[Connect, Settle]]:
    provisioner = sandbox_provisioner()
    with tempfile.TemporaryDirectory() as data:
        workspaces = Workspaces(Path(data) / "workspaces")
        pool = KernelPool(provisioner, workspaces, size=pool_size)
        manager = SessionManager(
            provisioner,
            pool,
            workspaces,
            Limits(),
            kernels_per_learner=1,
            idle_timeout_s=3600,
        )
        manager.start()

        async def connect(n: int) -> tuple[Runner, Callable[[], Awaitable[None]]]:
            session = manager.open(SessionKey(n + 1, "lab", "vectors"))  # learner ids from 1
            inbox: asyncio.Queue[ServerEvent] = asyncio.Queue()

            async def deliver(event: ServerEvent) -> None:
                inbox.put_nowait(event)

            async def receive() -> dict[str, Any]:
                return (await inbox.get()).model_dump(mode="json")

            session.subscribers.add(deliver)

            async def runner(cell_id: str, code: str) -> CellRun:
                start = time.perf_counter()
                await manager.submit(session, RunRequest(cell_id=cell_id, code=code))
                return await read_run(receive, cell_id, start=start, timeout=RUN_TIMEOUT_S)

            async def close() -> None:
                session.subscribers.discard(deliver)

            return runner, close

        async def settle() -> None:
            await pool.wait_full(timeout=300)

        try:
            await settle()
            yield connect, settle
        finally:
            await manager.close()


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    layer = (
        websocket_layer(args.learners, args.pool)
        if args.layer == "websocket"
        else runtime_layer(args.pool)
    )
    async with layer as (connect, settle):
        base, errors = await baseline(connect)
        await settle()
        results = Results()
        started = time.perf_counter()
        crowd = range(1, args.learners + 1)
        await asyncio.gather(*(learner(connect, n, args.cells, results) for n in crowd))
        wall = time.perf_counter() - started
    results.errors[:0] = errors
    return {"baseline": base, "results": results, "wall_s": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layer", choices=["websocket", "runtime"], default="websocket")
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--cells", type=int, default=10)
    parser.add_argument("--pool", type=int, default=4)
    args = parser.parse_args()
    data = asyncio.run(measure(args))
    results: Results = data["results"]
    if min(len(results.steady), len(data["baseline"]), len(results.with_start)) < 2:
        sys.exit(f"concurrent_learners: too few successful cells; errors: {results.errors[:5]}")
    steady, alone = latency_summary(results.steady), latency_summary(data["baseline"])
    everything = latency_summary(results.with_start + results.steady)
    name = "concurrent_learners" + ("" if args.layer == "websocket" else "_runtime")
    write_result(
        name,
        {
            "layer": args.layer,
            "layer_note": (
                "la4ai serve subprocess, one WebSocket per learner; one local learner with "
                "one module copy per simulated learner"
                if args.layer == "websocket"
                else "SessionManager in-process, distinct learner ids; no WebSocket layer"
            ),
            "learners": args.learners,
            "cells_per_learner": args.cells,
            "pool_size": args.pool,
            "code": CODE,
            "cell_latency_all": everything,
            "cell_latency_with_kernel_start": latency_summary(results.with_start),
            "cell_latency_steady": steady,
            "kernel_wait": latency_summary(results.kernel_waits),
            "kernel_wait_samples_s": sorted(round(s, 2) for s in results.kernel_waits),
            "learner_wall": latency_summary(results.learner_wall),
            "total_wall_s": round(data["wall_s"], 2),
            "baseline_one_learner_warm": alone,
            "ratio_steady_p50": round(steady["p50_ms"] / alone["p50_ms"], 3),
            "errors": len(results.errors),
            "error_samples": results.errors[:5],
            "met": {"no_errors": not results.errors},
        },
    )
    print(
        f"{name}: {args.learners}×{args.cells} cells in {data['wall_s']:.1f} s; cell p50 "
        f"{everything['p50_ms']:.0f} ms p95 {everything['p95_ms']:.0f} ms max "
        f"{everything['max_ms']:.0f} ms (on a running kernel: p50 {steady['p50_ms']:.1f} ms, "
        f"p95 {steady['p95_ms']:.1f} ms); alone p50 {alone['p50_ms']:.1f} ms; kernel wait "
        f"p50 {latency_summary(results.kernel_waits)['p50_ms'] / 1000:.2f} s max "
        f"{max(results.kernel_waits):.2f} s; errors {len(results.errors)}",
        file=sys.stderr,
    )
    if results.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
