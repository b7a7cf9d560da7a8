"""Round trip of a trivial cell (`1+1`): through la4ai's WebSocket API vs raw jupyter_client.

Ours: a `la4ai serve` subprocess (sandbox backend); one WebSocket session sends
``{"type": "run"}`` and the clock stops at that cell's ``done`` event. Baseline in the same
run: a sandboxed kernel of the same kind started in this process, driven with
``client.execute`` and read on IOPub until the request's ``idle`` status. After a warm-up
the two are measured alternately (the order flipping every round) to cancel drift.
Targets: p50 ratio ≤ 1.2 and our p50 < 20 ms. Writes bench/results/cell_roundtrip.json;
exits 1 if any run failed (not for a missed target).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.common import latency_summary, write_result
from bench.kernels import execute_raw, sandbox_provisioner, start_sandboxed
from bench.server import Server, open_session, run_cell, serve, wait_quiet

CODE = "1+1"
EXPECTED = "2"
TARGET_RATIO = 1.2
TARGET_P50_MS = 20.0


async def measure(server: Server, *, runs: int, warmup: int) -> dict[str, Any]:
    ws, hello = await open_session(server.socket_url("lesson", "vectors"))
    provisioner = sandbox_provisioner()
    ours: list[float] = []
    inside: list[float] = []  # the server's own duration_ms: execute → idle, in run_cell
    raw: list[float] = []
    errors: list[str] = []

    async def one_ours(cell: str, record: bool) -> None:
        run = await run_cell(ws, cell, CODE)
        if run.status != "ok" or run.texts != [EXPECTED] or run.problems:
            errors.append(f"ours {cell}: {run.status} {run.texts} {run.problems}")
        elif record and run.done_s is not None and run.duration_ms is not None:
            ours.append(run.done_s)
            inside.append(run.duration_ms / 1000)

    with tempfile.TemporaryDirectory() as workspace:
        kernel = await start_sandboxed(provisioner, Path(workspace))
        try:

            async def one_raw(record: bool) -> None:
                run = await execute_raw(kernel, CODE)
                if run.result != EXPECTED or run.error:
                    errors.append(f"raw: {run.result} {run.error}")
                elif record:
                    raw.append(run.seconds)

            for i in range(warmup):  # the first of ours starts the session's kernel
                await one_ours(f"warm{i}", record=False)
                await one_raw(record=False)
            await asyncio.to_thread(wait_quiet, server.process.pid, kernels=1)
            for i in range(runs):
                if i % 2 == 0:
                    await one_ours(f"c{i}", record=True)
                    await one_raw(record=True)
                else:
                    await one_raw(record=True)
                    await one_ours(f"c{i}", record=True)
        finally:
            await kernel.shutdown()
            await ws.close()
    return {
        "hello": hello,
        "ours": ours,
        "inside": inside,
        "raw": raw,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    settings = {"LA4AI_EXECUTION_BACKEND": "sandbox", "LA4AI_KERNEL_POOL_SIZE": "0"}
    with serve(settings) as server:
        data = asyncio.run(measure(server, runs=args.runs, warmup=args.warmup))
    errors: list[str] = data["errors"]
    if min(len(data["ours"]), len(data["raw"])) < 2:
        sys.exit(f"cell_roundtrip: too few successful runs; errors: {errors[:5]}")
    ours, raw = latency_summary(data["ours"]), latency_summary(data["raw"])
    inside = latency_summary(data["inside"])
    ratio = ours["p50_ms"] / raw["p50_ms"]
    hello = data["hello"]
    write_result(
        "cell_roundtrip",
        {
            "code": CODE,
            "layer": "websocket (la4ai serve subprocess) vs jupyter_client in-process",
            "backend": {"backend": hello["backend"], "sandboxed": hello["sandboxed"]},
            "target": {"p50_ratio_at_most": TARGET_RATIO, "p50_ms_below": TARGET_P50_MS},
            "la4ai_websocket": ours,
            "server_side_run_cell": inside,
            "baseline_raw_jupyter_client": raw,
            "ratio_p50": round(ratio, 3),
            "overhead_p50_ms": round(ours["p50_ms"] - raw["p50_ms"], 3),
            "met": {
                "ratio": ratio <= TARGET_RATIO,
                "p50": ours["p50_ms"] < TARGET_P50_MS,
            },
            "errors": len(errors),
            "error_samples": errors[:5],
            "wall_s": round(time.perf_counter() - started, 1),
        },
    )
    print(
        f"cell_roundtrip: ours p50 {ours['p50_ms']:.2f} ms p95 {ours['p95_ms']:.2f} ms; "
        f"raw p50 {raw['p50_ms']:.2f} ms p95 {raw['p95_ms']:.2f} ms; ratio {ratio:.2f} "
        f"(target ≤ {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'MISSED'}; "
        f"p50 < {TARGET_P50_MS:g} ms: {'met' if ours['p50_ms'] < TARGET_P50_MS else 'MISSED'}); "
        f"server-side run_cell p50 {inside['p50_ms']:.2f} ms; errors {len(errors)}",
        file=sys.stderr,
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
