"""Memory of an idle sandboxed kernel: with NumPy imported, and as the pool prepares it.

Each kernel is started with ``start_process_kernel`` (bubblewrap sandbox, default limits)
and measured 1 s after it is ready, summed over its process tree (bwrap's two processes and
the ipykernel): RSS (counts shared pages in full), USS (pages only it uses) and PSS (shared
pages split between their users). Variants: no prelude (a bare kernel), NumPy imported, and
the pool's prelude (NumPy and matplotlib.pyplot); the prelude is swapped by setting
``la4ai.runtime.kernel.PRELUDE`` for the start. Baseline in the same run: a plain
`python -c "import numpy"` process, unsandboxed and without Jupyter. Median of N kernels
each. Target: < 80 MB RSS with NumPy imported. Writes bench/results/kernel_memory.json;
exits 1 if a kernel failed to start (not for a missed target).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

import la4ai.runtime.kernel as kernel_module
from bench.common import write_result
from bench.kernels import sandbox_provisioner, start_sandboxed
from la4ai.runtime.kernel import PRELUDE, ProcessKernel

MIB = 1024 * 1024
TARGET_RSS_MB = 80.0
SETTLE_S = 1.0
VARIANTS: dict[str, list[str]] = {
    "kernel_bare": [],
    "kernel_numpy": ["__import__('numpy')"],
    "kernel_pool_prelude": list(PRELUDE),
}
BASELINE = "import numpy, sys; print('ready', flush=True); sys.stdin.read()"

Sample = dict[str, float]


def tree_memory(pid: int) -> Sample:
    """RSS, USS and PSS in MiB summed over ``pid`` and its descendants, plus the largest
    single process's RSS."""
    root = psutil.Process(pid)
    rss = uss = pss = largest = 0
    count = 0
    for process in [root, *root.children(recursive=True)]:
        info = process.memory_full_info()
        rss, uss, pss = rss + info.rss, uss + info.uss, pss + info.pss
        largest = max(largest, info.rss)
        count += 1
    return {
        "rss_mb": rss / MIB,
        "uss_mb": uss / MIB,
        "pss_mb": pss / MIB,
        "largest_process_rss_mb": largest / MIB,
        "processes": count,
    }


def cgroup_memory_mb(kernel: ProcessKernel) -> float | None:
    """What the sandbox's memory cap counts (includes page cache charged to it)."""
    cgroup = kernel.launched.cgroup
    if cgroup is None:
        return None
    for directory in cgroup.dirs:
        for name in ("memory.current", "memory.usage_in_bytes"):
            with contextlib.suppress(OSError):
                return int((directory / name).read_text()) / MIB
    return None


@contextlib.contextmanager
def prelude(lines: list[str]) -> Iterator[None]:
    saved = kernel_module.PRELUDE
    kernel_module.PRELUDE = lines
    try:
        yield
    finally:
        kernel_module.PRELUDE = saved


async def measure_kernel(lines: list[str]) -> Sample:
    provisioner = sandbox_provisioner()
    with tempfile.TemporaryDirectory() as workspace:
        with prelude(lines):
            kernel = await start_sandboxed(provisioner, Path(workspace))
        try:
            await asyncio.sleep(SETTLE_S)
            sample = tree_memory(kernel.launched.process.pid)
            cgroup = cgroup_memory_mb(kernel)
            if cgroup is not None:
                sample["cgroup_mb"] = cgroup
            return sample
        finally:
            await kernel.shutdown()


def measure_baseline() -> Sample:
    process = subprocess.Popen(
        [sys.executable, "-c", BASELINE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()
        time.sleep(SETTLE_S)
        return tree_memory(process.pid)
    finally:
        process.kill()
        process.wait()


def medians(samples: list[Sample]) -> dict[str, float]:
    keys = samples[0].keys()
    out = {k: round(statistics.median(s[k] for s in samples), 2) for k in keys}
    out["rss_mb_min"] = round(min(s["rss_mb"] for s in samples), 2)
    out["rss_mb_max"] = round(max(s["rss_mb"] for s in samples), 2)
    out["runs"] = len(samples)
    return out


async def measure(runs: int) -> tuple[dict[str, list[Sample]], list[str]]:
    samples: dict[str, list[Sample]] = {name: [] for name in [*VARIANTS, "baseline"]}
    errors: list[str] = []
    for _ in range(runs):  # variants interleaved, one kernel alive at a time
        for name, lines in VARIANTS.items():
            try:
                samples[name].append(await measure_kernel(lines))
            except Exception as exc:
                errors.append(f"{name}: {exc!r}")
        samples["baseline"].append(await asyncio.to_thread(measure_baseline))
    return samples, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples, errors = asyncio.run(measure(args.runs))
    if any(not s for s in samples.values()):
        sys.exit(f"kernel_memory: a variant has no successful sample; errors: {errors[:5]}")
    result = {name: medians(s) for name, s in samples.items()}
    numpy_rss = result["kernel_numpy"]["rss_mb"]
    write_result(
        "kernel_memory",
        {
            "unit": "MiB (2**20 bytes)",
            "settle_s": SETTLE_S,
            "prelude_in_pool": PRELUDE,
            "target": {"kernel_numpy_rss_mb_below": TARGET_RSS_MB},
            "kernel_bare": result["kernel_bare"],
            "kernel_numpy": result["kernel_numpy"],
            "kernel_pool_prelude": result["kernel_pool_prelude"],
            "baseline_python_import_numpy": result["baseline"],
            "ratio_rss_kernel_numpy_to_baseline": round(
                numpy_rss / result["baseline"]["rss_mb"], 3
            ),
            "met": {
                "kernel_numpy_rss": numpy_rss < TARGET_RSS_MB,
                "kernel_pool_prelude_rss": result["kernel_pool_prelude"]["rss_mb"] < TARGET_RSS_MB,
            },
            "errors": len(errors),
            "error_samples": errors[:5],
        },
    )
    pool = result["kernel_pool_prelude"]
    print(
        f"kernel_memory (median of {args.runs}, tree RSS / USS / PSS MiB): "
        f"bare {result['kernel_bare']['rss_mb']:.1f}; "
        f"numpy {numpy_rss:.1f} / {result['kernel_numpy']['uss_mb']:.1f} / "
        f"{result['kernel_numpy']['pss_mb']:.1f} "
        f"(target < {TARGET_RSS_MB:g}: {'met' if numpy_rss < TARGET_RSS_MB else 'MISSED'}); "
        f"pool prelude {pool['rss_mb']:.1f} / {pool['uss_mb']:.1f} / {pool['pss_mb']:.1f}; "
        f"plain python+numpy {result['baseline']['rss_mb']:.1f}; errors {len(errors)}",
        file=sys.stderr,
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
