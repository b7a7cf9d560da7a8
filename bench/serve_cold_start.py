"""`la4ai serve` cold start to the first `/api/modules` answer, median of N runs.

Baseline in the same run: a minimal FastAPI app under uvicorn answering one route, started
the same way, so the ratio shows what la4ai itself adds (content load, migrations, imports).
Target: median < 2 s. Writes bench/results/serve_cold_start.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import free_port, summary, wait_until_answers, write_result

BASELINE_APP = """
from fastapi import FastAPI
import uvicorn
app = FastAPI()
@app.get("/api/modules")
def modules():
    return [{"id": "vectors"}]
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning")
"""


def time_start(command: list[str], port: int, env: dict[str, str]) -> float:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        return wait_until_answers(f"http://127.0.0.1:{port}/api/modules")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    ours: list[float] = []
    baseline: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as data:
            port = free_port()
            run_env = {**env, "LA4AI_DATA_DIR": str(Path(data))}  # cold: a new database
            ours.append(
                time_start(
                    [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)],
                    port,
                    run_env,
                )
            )
        port = free_port()
        baseline.append(
            time_start([sys.executable, "-c", BASELINE_APP.replace("{port}", str(port))], port, env)
        )
    ours_summary, base_summary = summary(ours), summary(baseline)
    write_result(
        "serve_cold_start",
        {
            "target": {"median_s_below": 2.0},
            "la4ai_serve": ours_summary,
            "baseline_minimal_fastapi": base_summary,
            "ratio_median": ours_summary["median_s"] / base_summary["median_s"],
            "met": ours_summary["median_s"] < 2.0,
        },
    )


if __name__ == "__main__":
    main()
