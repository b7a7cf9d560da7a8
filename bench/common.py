"""Helpers shared by the benchmarks: timing, a free port, and JSON results."""

from __future__ import annotations

import json
import os
import platform
import socket
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

RESULTS = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answers(url: str, timeout: float = 60.0) -> float:
    """Seconds until ``url`` answers 200 (polling every 5 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.perf_counter() - start
        except httpx.TransportError:
            pass
        time.sleep(0.005)
    raise TimeoutError(url)


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "runs": len(samples),
    }


def latency_summary(samples_s: list[float]) -> dict[str, float]:
    """Percentiles of latencies given in seconds, reported in milliseconds (needs ≥ 2)."""
    ms = sorted(s * 1000 for s in samples_s)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(ms), 3),
        "p95_ms": round(cuts[94], 3),
        "min_ms": round(ms[0], 3),
        "max_ms": round(ms[-1], 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "runs": len(ms),
    }


def write_result(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    result = {
        "benchmark": name,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            # other work on the machine skews timings: the 1/5/15-minute load when written
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        **result,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return path
