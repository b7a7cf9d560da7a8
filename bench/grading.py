"""Grading latency of the vectors lab: la4ai's grader beside a fresh kernel per submission.

* **la4ai**: the grader as the server runs it: a pool of pre-started sandboxed checker
  processes (NumPy imported), the learner's file in one of them, the checks in the grader's
  process, calling the learner's functions across the process boundary. Latency is measured
  the way a learner meets it: the pool has had time to refill since the last submission.
* **baseline**: what auto-graders commonly do: start a kernel (the same sandboxed ipykernel
  the lab workspace uses), run the learner's file and the same checks in it, shut it down.
  Its isolation is weaker: the checks share the process with the learner's code.

Submissions cycle through the reference solution and every mutant, and both sides must
agree on every verdict. Throughput: graders on 2 threads back to back for a few seconds,
the pool refilling as fast as it can. Target: la4ai ≥ 10× faster at p50. Writes
bench/results/grading.json; exits 1 if the two sides disagree or a grading failed.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.common import latency_summary, write_result
from bench.kernels import execute_raw
from la4ai.course import load_course
from la4ai.grading.grader import Grader
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.checker import CheckerPool, CheckerSpec
from la4ai.runtime.kernel import ProcessKernel
from la4ai.runtime.limits import Limits
from la4ai.runtime.provisioners import ProcessProvisioner
from la4ai.runtime.sandbox import SANDBOX_LABKIT_ROOT, labkit_binds
from la4ai.settings import default_content_dir

LAB = "vectors"
TARGET_RATIO = 10.0

KERNEL_CODE = """
import json, sys
sys.path.insert(0, {root!r})
from la4ai.labkit.checks import Context, collect_checks, run_checks
learner = {{}}
try:
    exec(compile({source!r}, "lab.py", "exec"), learner)
    error = None
except BaseException as exc:
    error = f"{{type(exc).__name__}}: {{exc}}"
checks = {{"__name__": "checks"}}
exec(compile({checks!r}, "checks.py", "exec"), checks)
context = Context(functions=learner, source={source!r}, seed={seed})
results = run_checks(collect_checks(checks), context)
json.dumps({{"error": error, "passed": [r.passed for r in results]}})
"""


def submissions() -> list[tuple[str, str]]:
    lab = load_course(default_content_dir()).module(LAB).lab
    assert lab is not None
    files = [lab.solution_path] + [lab.dir / m.file for m in lab.meta.mutants]
    return [(f.name, f.read_text("utf-8")) for f in files]


def make_grader(limits: Limits, pool_size: int) -> Grader:
    course = load_course(default_content_dir())
    labs = {m.id: m.lab for m in course.modules if m.lab is not None}
    spec = CheckerSpec("sandbox", limits, CgroupFactory())
    return Grader(labs, CheckerPool(spec, size=pool_size), limits)


def measure_ours(grader: Grader, work: list[tuple[str, str]], runs: int) -> dict[str, Any]:
    grader.pool.start()
    grader.grade(LAB, work[0][1], seed=0)  # warm-up: loads the checks
    samples: list[float] = []
    verdicts: dict[str, list[bool]] = {}
    for index in range(runs):
        name, source = work[index % len(work)]
        grader.pool.wait_ready(grader.pool.size)  # a learner's pace: the pool is full again
        start = time.perf_counter()
        result = grader.grade(LAB, source, seed=index)
        samples.append(time.perf_counter() - start)
        if result.error is not None:
            raise RuntimeError(f"{name}: {result.error}")
        verdicts.setdefault(name, [c.passed for c in result.checks])
    return {"latency": latency_summary(samples), "verdicts": verdicts}


def measure_throughput(grader: Grader, work: list[tuple[str, str]], seconds: float) -> float:
    grader.pool.wait_ready(grader.pool.size)
    done = [0, 0]
    stop = time.perf_counter() + seconds

    def loop(slot: int) -> None:
        index = slot
        while time.perf_counter() < stop:
            grader.grade(LAB, work[index % len(work)][1], seed=index)
            done[slot] += 1
            index += 2

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


async def baseline_one(
    provisioner: ProcessProvisioner, source: str, checks: str, seed: int
) -> tuple[float, dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="la4ai-bench-") as workspace:
        start = time.perf_counter()
        kernel = await provisioner.start(Path(workspace))
        assert isinstance(kernel, ProcessKernel)
        try:
            code = KERNEL_CODE.format(
                root=SANDBOX_LABKIT_ROOT, source=source, checks=checks, seed=seed
            )
            run = await execute_json(kernel, code)
        finally:
            await kernel.shutdown()
        return time.perf_counter() - start, run


async def execute_json(kernel: ProcessKernel, code: str) -> dict[str, Any]:
    """Run ``code``, whose last line is a JSON string, and return that JSON decoded."""
    run = await execute_raw(kernel, code)
    if run.error or run.result is None:
        raise RuntimeError(f"baseline kernel failed: {run.error}")
    parsed: dict[str, Any] = json.loads(ast.literal_eval(run.result))
    return parsed


def measure_baseline(limits: Limits, work: list[tuple[str, str]], runs: int) -> dict[str, Any]:
    provisioner = ProcessProvisioner("sandbox", limits, CgroupFactory(), read_only=labkit_binds())
    lab = load_course(default_content_dir()).module(LAB).lab
    assert lab is not None
    checks = lab.checks_path.read_text("utf-8")
    samples: list[float] = []
    verdicts: dict[str, list[bool]] = {}

    async def run_all() -> None:
        await baseline_one(provisioner, work[0][1], checks, 0)  # warm-up
        for index in range(runs):
            name, source = work[index % len(work)]
            seconds, run = await baseline_one(provisioner, source, checks, index)
            samples.append(seconds)
            verdicts.setdefault(name, run["passed"])

    asyncio.run(run_all())
    return {"latency": latency_summary(samples), "verdicts": verdicts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40, help="la4ai gradings timed")
    parser.add_argument("--baseline-runs", type=int, default=10, help="fresh-kernel gradings")
    parser.add_argument("--seconds", type=float, default=8.0, help="throughput window")
    parser.add_argument("--pool", type=int, default=2, help="checker pool size")
    args = parser.parse_args()
    started = time.perf_counter()
    limits = Limits()
    work = submissions()
    grader = make_grader(limits, args.pool)
    try:
        ours = measure_ours(grader, work, args.runs)
        throughput = measure_throughput(grader, work, args.seconds)
    finally:
        grader.pool.close()
    baseline = measure_baseline(limits, work, args.baseline_runs)
    disagreements = [
        name
        for name, passed in baseline["verdicts"].items()
        if ours["verdicts"].get(name) != passed
    ]
    p50, base_p50 = ours["latency"]["p50_ms"], baseline["latency"]["p50_ms"]
    ratio = base_p50 / p50
    write_result(
        "grading",
        {
            "lab": LAB,
            "submissions": [name for name, _ in work],
            "target": {"p50_speedup_at_least": TARGET_RATIO},
            "la4ai": {
                "latency": ours["latency"],
                "pool_size": args.pool,
                "grades_per_s_2_threads": round(throughput, 2),
                "isolation": "learner file in a fresh sandboxed checker process; checks in the "
                "grader's process",
            },
            "baseline_fresh_kernel": {
                "latency": baseline["latency"],
                "isolation": "learner file and checks together in a fresh sandboxed kernel",
            },
            "speedup_p50": round(ratio, 1),
            "met": ratio >= TARGET_RATIO,
            "verdicts_agree": not disagreements,
            "disagreements": disagreements,
            "wall_s": round(time.perf_counter() - started, 1),
        },
    )
    print(
        f"grading: la4ai p50 {p50:.1f} ms p95 {ours['latency']['p95_ms']:.1f} ms; fresh kernel "
        f"p50 {base_p50:.0f} ms; {ratio:.1f}× (target ≥ {TARGET_RATIO:g}×: "
        f"{'met' if ratio >= TARGET_RATIO else 'MISSED'}); {throughput:.1f} grades/s on 2 threads"
    )
    if disagreements:
        sys.exit(f"grading: verdicts differ for {disagreements}")


if __name__ == "__main__":
    main()
