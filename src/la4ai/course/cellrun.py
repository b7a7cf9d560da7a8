"""Running a lesson's cells in order in a fresh Python process, the way a learner's kernel
would, to prove the content works: each cell runs, raises only what it says it raises, and
prints exactly its ``output`` block. Used by the test suite and ``la4ai content cells``.

Content is trusted code, so this is a plain subprocess (no sandbox): learner code never
comes through here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from la4ai.course.views import CodeBlock

__all__ = ["CellOutcome", "normalise_output", "run_cells"]

_DRIVER = r"""
import contextlib, io, json, os, sys, traceback
os.environ.setdefault("MPLBACKEND", "Agg")
cells = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
results = []
for source in cells:
    out = io.StringIO()
    error = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            exec(compile(source, "<cell>", "exec"), namespace)
    except BaseException as exc:
        error = {"type": type(exc).__name__, "message": str(exc),
                 "traceback": traceback.format_exc(limit=-3)}
    results.append({"output": out.getvalue(), "error": error})
json.dump(results, sys.__stdout__)
"""


@dataclass(frozen=True)
class CellOutcome:
    cell: CodeBlock
    output: str
    error_type: str | None
    error: str | None

    @property
    def problem(self) -> str | None:
        """What is wrong with this cell's run, or ``None``."""
        if self.cell.raises is not None:
            if self.error_type != self.cell.raises.rsplit(".", 1)[-1]:
                got = self.error_type or "nothing"
                return f"{self.cell.id} should raise {self.cell.raises} but raised {got}"
        elif self.error_type is not None:
            return f"{self.cell.id} raised {self.error_type}: {self.error}"
        expected = self.cell.expected_output
        if expected is None and self.output.strip():
            return (
                f"{self.cell.id} prints output but has no ```output block after it:\n"
                f"{self.output.rstrip()}"
            )
        if expected is not None and normalise_output(expected) != normalise_output(self.output):
            return (
                f"{self.cell.id} printed something else than its output block.\n"
                f"--- expected\n{expected.rstrip()}\n--- actual\n{self.output.rstrip()}"
            )
        return None


def normalise_output(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def run_cells(cells: list[CodeBlock], *, cwd: Path, timeout: float = 300.0) -> list[CellOutcome]:
    """Run ``cells`` in order in one new interpreter; one outcome per cell."""
    completed = subprocess.run(
        [sys.executable, "-c", _DRIVER],
        input=json.dumps([c.source for c in cells]),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the cell runner crashed:\n{completed.stderr[-2000:]}")
    results = json.loads(completed.stdout)
    return [
        CellOutcome(
            cell=cell,
            output=r["output"],
            error_type=r["error"]["type"] if r["error"] else None,
            error=(r["error"]["message"] if r["error"] else None),
        )
        for cell, r in zip(cells, results, strict=True)
    ]
