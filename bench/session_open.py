"""Opening a lesson or lab to its first output, with a warm kernel pool vs without one.

Each open is a new WebSocket for a context the learner has not opened yet (so a new session
that must acquire a kernel): connect, read ``hello``, send ``print(1)``, and stop the clock
at the first ``stream`` event (``done`` is recorded too). Single-user mode keys sessions by
(kind, module), so the servers load a course of copied modules (``vectors-1`` …) and each
open uses the next one. Two `la4ai serve` subprocesses run side by side: one with a pool of
pre-started kernels (refilled, and everything idle again, before every open) and one with
pool size 0, whose opens start a kernel from scratch (the baseline); opens alternate
between them. Target: warm-pool p50 < 150 ms. Writes bench/results/session_open.json; exits
1 if any open failed (not for a missed target).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.common import latency_summary, write_result
from bench.content_load import build_course
from bench.server import Server, open_session, run_cell, serve, wait_quiet
from la4ai.settings import default_content_dir

CODE = "print(1)"
TARGET_P50_MS = 150.0
MAX_KERNELS = 32  # the highest kernels_per_learner allowed: no open reclaims another's kernel


class Opener:
    """Opens sessions on one server, one new module each time, and keeps the timings."""

    def __init__(self, server: Server, modules: list[str], pool: int) -> None:
        self.server = server
        self.modules = iter(modules)
        self.pool = pool
        self.opened = 0
        self.first_output: list[float] = []
        self.hello: list[float] = []
        self.done: list[float] = []
        self.errors: list[str] = []

    async def settle(self) -> None:
        wanted = self.opened + self.pool
        await asyncio.to_thread(wait_quiet, self.server.process.pid, kernels=wanted)

    async def open(self, *, record: bool) -> None:
        module = next(self.modules)
        start = time.perf_counter()
        try:
            ws, _ = await open_session(self.server.socket_url("lesson", module))
            hello = time.perf_counter() - start
            run = await run_cell(ws, "first", CODE, start=start)
            await ws.close()
        except Exception as exc:
            self.errors.append(f"{module}: {exc!r}")
            return
        finally:
            self.opened += 1
        ok = run.status == "ok" and run.texts == ["1\n"] and not run.problems
        if not ok or run.first_output_s is None or run.done_s is None:
            self.errors.append(f"{module}: {run.status} {run.texts} {run.problems}")
        elif record:
            self.first_output.append(run.first_output_s)
            self.hello.append(hello)
            self.done.append(run.done_s)

    def result(self) -> dict[str, Any]:
        return {
            "first_output": latency_summary(self.first_output),
            "connect_to_hello": latency_summary(self.hello),
            "to_done": latency_summary(self.done),
            "first_output_samples_ms": [round(s * 1000, 1) for s in self.first_output],
        }


async def measure(warm: Opener, cold: Opener, *, opens: int) -> None:
    for opener in (warm, cold):  # warm-up: the first open loads code paths in the server
        await opener.settle()
        await opener.open(record=False)
    for _ in range(opens):
        for opener in (warm, cold):
            await warm.settle()
            await cold.settle()
            await opener.open(record=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--pool", type=int, default=2, help="warm server's pool size")
    args = parser.parse_args()
    if args.opens + 1 >= MAX_KERNELS:
        parser.error(f"--opens must be below {MAX_KERNELS - 1}")
    started = time.perf_counter()
    base = {
        "LA4AI_EXECUTION_BACKEND": "sandbox",
        "LA4AI_KERNELS_PER_LEARNER": str(MAX_KERNELS),
    }
    with tempfile.TemporaryDirectory() as content, ExitStack() as stack:
        modules = build_course(default_content_dir(), Path(content), args.opens + 1)
        base["LA4AI_CONTENT_DIR"] = content
        warm_server = stack.enter_context(serve({**base, "LA4AI_KERNEL_POOL_SIZE": str(args.pool)}))
        cold_server = stack.enter_context(serve({**base, "LA4AI_KERNEL_POOL_SIZE": "0"}))
        warm = Opener(warm_server, modules, args.pool)
        cold = Opener(cold_server, modules, 0)
        asyncio.run(measure(warm, cold, opens=args.opens))
    errors = warm.errors + cold.errors
    if min(len(warm.first_output), len(cold.first_output)) < 2:
        sys.exit(f"session_open: too few successful opens; errors: {errors[:5]}")
    ours, baseline = warm.result(), cold.result()
    p50, base_p50 = ours["first_output"]["p50_ms"], baseline["first_output"]["p50_ms"]
    write_result(
        "session_open",
        {
            "code": CODE,
            "layer": "websocket (la4ai serve subprocesses), connect to first stream event",
            "warm_pool_size": args.pool,
            "target": {"warm_p50_ms_below": TARGET_P50_MS},
            "warm_pool": ours,
            "baseline_no_pool_fresh_kernel": baseline,
            "ratio_p50": round(p50 / base_p50, 3),
            "met": p50 < TARGET_P50_MS,
            "errors": len(errors),
            "error_samples": errors[:5],
            "wall_s": round(time.perf_counter() - started, 1),
        },
    )
    print(
        f"session_open: warm pool p50 {p50:.1f} ms p95 {ours['first_output']['p95_ms']:.1f} ms "
        f"(target < {TARGET_P50_MS:g} ms: {'met' if p50 < TARGET_P50_MS else 'MISSED'}); "
        f"no pool p50 {base_p50:.1f} ms p95 {baseline['first_output']['p95_ms']:.1f} ms; "
        f"errors {len(errors)}",
        file=sys.stderr,
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
