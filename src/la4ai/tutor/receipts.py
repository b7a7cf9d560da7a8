"""Receipts: code the tutor runs to check itself, in the same sandbox as learner code.

Each run gets a fresh pre-started checker process (:mod:`la4ai.runtime.checker`): no
network, no secrets, a read-only empty workspace, the runtime's memory and process
limits, killed afterwards. The code's prints are the receipt's output; an exception
(a failed ``assert``) makes the receipt fail.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.checker import CheckerLost, CheckerPool, CheckerSpec, checker_isolation
from la4ai.runtime.launch import Isolation
from la4ai.runtime.limits import Limits
from la4ai.settings import Settings
from la4ai.tutor.models import Receipt

__all__ = ["RECEIPT_TIME_LIMIT_S", "Run", "Verifier"]

RECEIPT_TIME_LIMIT_S = 20.0
_OUTPUT_LIMIT = 8000


@dataclass(frozen=True)
class Run:
    output: str
    ok: bool
    error: str | None
    duration_ms: int


class Verifier:
    """Runs Python in fresh sandboxed processes, a few kept ready in a pool."""

    def __init__(self, pool: CheckerPool, *, time_limit_s: float = RECEIPT_TIME_LIMIT_S) -> None:
        self.pool = pool
        self.time_limit_s = time_limit_s
        self.isolation: Isolation = pool.spec.isolation
        self._started = False
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, *, pool_size: int = 2) -> Verifier:
        limits = Limits.from_settings(settings)
        spec = CheckerSpec(checker_isolation(settings), limits, CgroupFactory())
        return cls(
            CheckerPool(spec, size=pool_size),
            time_limit_s=min(RECEIPT_TIME_LIMIT_S, settings.time_limit_s),
        )

    def start(self) -> None:
        with self._lock:
            if not self._started:
                self.pool.start()
                self._started = True

    def close(self) -> None:
        self.pool.close()

    def run(self, code: str) -> Run:
        """Run ``code`` (module-level Python) in a fresh sandboxed process (a pre-started
        one once :meth:`start` has been called, else one started now)."""
        began = time.monotonic()
        checker = self.pool.take()
        error: str | None = None
        try:
            reply = checker.request(
                {"op": "load", "source": code, "functions": []},
                deadline=time.monotonic() + self.time_limit_s,
            )
            if "error" in reply:
                problem = reply["error"]
                where = f" (line {problem['line']})" if problem.get("line") else ""
                error = f"{problem['type']}: {problem['message']}{where}"
        except CheckerLost as lost:
            error = {
                "timeout": f"it ran longer than {self.time_limit_s:g} s",
                "memory": "it ran out of memory",
            }.get(lost.reason, f"the process stopped ({lost.reason})")
        finally:
            checker.close()
        output = checker.stderr()
        if len(output) > _OUTPUT_LIMIT:
            output = output[:_OUTPUT_LIMIT] + "\n… (output truncated)"
        if error is not None:
            output = f"{output.rstrip()}\n{error}".lstrip("\n")
        return Run(output, error is None, error, round((time.monotonic() - began) * 1000))

    def receipt(self, title: str, code: str) -> Receipt:
        run = self.run(code)
        return Receipt(title=title, code=code, output=run.output, passed=run.ok)
