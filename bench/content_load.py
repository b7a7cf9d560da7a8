"""Loading (parsing + validating) 16 modules' worth of content, median of N runs.

The shipped modules are copied until there are 16 (renumbered, re-identified), so the
measurement covers real lessons and quizzes. Baseline in the same run: reading the same
files' bytes, so the ratio shows the cost of parsing and validation.
Target: median < 0.5 s. Writes bench/results/content_load.json.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import summary, write_result
from la4ai.course import load_course
from la4ai.settings import default_content_dir

MODULES = 16


def build_course(source: Path, target: Path, modules: int = MODULES) -> list[str]:
    """Copies of the shipped modules in ``target`` (ids ``<id>-1`` …); returns the ids."""
    originals = sorted(p for p in (source / "modules").iterdir() if p.is_dir())
    (target / "modules").mkdir(parents=True)
    ids = []
    for n in range(1, modules + 1):
        original = originals[(n - 1) % len(originals)]
        module_id = f"{original.name[3:]}-{n}"
        ids.append(module_id)
        destination = target / "modules" / f"{n:02d}-{module_id}"
        shutil.copytree(original, destination)
        meta = destination / "module.yaml"
        meta.write_text(re.sub(r"^id: .*$", f"id: {module_id}", meta.read_text(), flags=re.M))
    (target / "paths").mkdir()
    items = "\n".join(f"  - module: {i}" for i in ids)
    (target / "paths" / "all.yaml").write_text(
        f"id: all\ntitle: All\ntagline: all\nitems:\n{items}\n"
    )
    return ids


def read_bytes(root: Path) -> int:
    return sum(len(p.read_bytes()) for p in root.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_course(default_content_dir(), root)
        load_course(root)  # warm imports (numpy, yaml, markdown) out of the measurement
        loads, reads = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            course = load_course(root)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            size = read_bytes(root)
            reads.append(time.perf_counter() - start)
        assert len(course.modules) == MODULES
    load_summary, read_summary = summary(loads), summary(reads)
    write_result(
        "content_load",
        {
            "modules": MODULES,
            "content_bytes": size,
            "target": {"median_s_below": 0.5},
            "load_course": load_summary,
            "baseline_read_bytes": read_summary,
            "ratio_median": load_summary["median_s"] / read_summary["median_s"],
            "met": load_summary["median_s"] < 0.5,
        },
    )


if __name__ == "__main__":
    main()
