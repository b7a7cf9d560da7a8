"""Checker processes: sandboxed Python that runs code we do not trust, one job each —
a lab submission while it is graded, or a tutor receipt.

A checker is :mod:`la4ai.labkit.runner` in the runtime's sandbox, started before any
submission arrives (NumPy imported), used for one submission and killed.
Its workspace is read-only and empty: it sees the system, the Python installation, the
``labkit`` package and the labs' public data, and writes only to its bounded ``/tmp``.
:class:`CheckerPool` keeps a few ready so that grading costs milliseconds, not a start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import la4ai.labkit
from la4ai.errors import SandboxUnavailable
from la4ai.labkit.wire import Closed, TimedOut, WireError, read_frame, write_frame
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.launch import Isolation, Spawned, spawn_program
from la4ai.runtime.limits import Limits
from la4ai.runtime.sandbox import (
    SANDBOX_COURSE_DATA,
    SANDBOX_LABKIT_ROOT,
    SandboxSpec,
    bubblewrap_problem,
    labkit_binds,
)
from la4ai.settings import Settings

__all__ = [
    "CheckerLost",
    "CheckerPool",
    "CheckerProcess",
    "CheckerSpec",
    "checker_isolation",
]

log = logging.getLogger(__name__)

_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from la4ai.labkit.runner import main; main()"
_STDERR_LIMIT = 16 * 1024  # bytes kept of what a checker prints
_START_TIMEOUT_S = 60.0


class CheckerLost(Exception):
    """The checker process stopped answering: it timed out, died or sent garbage. ``reason``
    is one of ``timeout``, ``died``, ``memory`` or ``protocol``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class CheckerSpec:
    """How checkers are started: isolation, limits and the course's public data."""

    isolation: Isolation
    limits: Limits
    cgroups: CgroupFactory
    course_data: Path | None = None

    def start(self) -> CheckerProcess:
        return CheckerProcess.start(self)


class CheckerProcess:
    """One checker: send it frames, read its replies before a deadline."""

    def __init__(self, spawned: Spawned, workspace: Path) -> None:
        self.spawned = spawned
        self.workspace = workspace
        self._stderr = bytearray()
        self.stderr_truncated = False
        self._drain = threading.Thread(target=self._drain_stderr, daemon=True)
        self._drain.start()
        self.closed = False

    @classmethod
    def start(cls, spec: CheckerSpec) -> CheckerProcess:
        workspace = Path(tempfile.mkdtemp(prefix="la4ai-check-"))
        labkit_package = Path(la4ai.labkit.__file__).parent
        read_only = labkit_binds()
        if spec.course_data is not None:
            read_only[SANDBOX_COURSE_DATA] = spec.course_data
        root = (
            SANDBOX_LABKIT_ROOT if spec.isolation == "sandbox" else str(labkit_package.parents[1])
        )
        sandbox = SandboxSpec(
            workspace=workspace, limits=spec.limits, read_only=read_only, writable_workspace=False
        )
        argv = [sys.executable, "-I", "-X", "utf8", "-c", _BOOT, root]
        try:
            spawned = spawn_program(
                sandbox,
                argv,
                isolation=spec.isolation,
                cgroups=spec.cgroups,
                env={"MPLBACKEND": "Agg"},
            )
        except BaseException:
            shutil.rmtree(workspace, ignore_errors=True)
            raise
        checker = cls(spawned, workspace)
        try:
            hello = checker._read(time.monotonic() + _START_TIMEOUT_S)
        except CheckerLost as lost:
            checker.close()
            raise SandboxUnavailable(
                f"a checker process did not start ({lost}): {checker.stderr()[-2000:]}"
            ) from None
        if hello.get("ready") is not True:
            checker.close()
            raise SandboxUnavailable("a checker process did not start (no greeting)")
        return checker

    def _drain_stderr(self) -> None:
        stream = self.spawned.process.stderr
        assert stream is not None
        with contextlib.suppress(OSError, ValueError):
            while chunk := os.read(stream.fileno(), 65536):
                room = _STDERR_LIMIT - len(self._stderr)
                self.stderr_truncated |= len(chunk) > room
                if room > 0:
                    self._stderr += chunk[:room]

    def stderr(self) -> str:
        """What the process wrote to its stderr (and, from the runner, stdout) so far: all
        of it once :meth:`close` returned."""
        return self._stderr.decode("utf-8", errors="replace")

    def _read(self, deadline: float) -> dict[str, Any]:
        stdout = self.spawned.process.stdout
        assert stdout is not None
        try:
            return read_frame(stdout.fileno(), deadline=deadline)
        except TimedOut:
            raise CheckerLost("timeout") from None
        except Closed:
            self.spawned.process.wait()
            reason = "memory" if self.spawned.oom_killed() else "died"
            raise CheckerLost(reason, self._exit_text()) from None
        except (WireError, OSError) as exc:
            raise CheckerLost("protocol", str(exc)) from None

    def _exit_text(self) -> str:
        code = self.spawned.process.returncode
        if code is None:
            return ""
        if self.spawned.isolation == "sandbox" and code > 128:
            code = -(code - 128)  # bubblewrap reports death by signal N as 128 + N
        return f"killed by signal {-code}" if code < 0 else f"exit status {code}"

    def request(self, message: dict[str, Any], *, deadline: float) -> dict[str, Any]:
        """Send ``message`` and wait for the reply until ``deadline`` (monotonic).
        Raises :class:`CheckerLost` (the process is then killed)."""
        if self.closed:
            raise CheckerLost("died", "the checker was already closed")
        stdin = self.spawned.process.stdin
        assert stdin is not None
        try:
            try:
                write_frame(stdin.fileno(), message)
            except (BrokenPipeError, OSError) as exc:
                raise CheckerLost("died", str(exc)) from None
            return self._read(deadline)
        except CheckerLost:
            self.close()
            raise

    def close(self) -> None:
        """Kill the process and remove its workspace; safe to call twice."""
        if self.closed:
            return
        self.closed = True
        self.spawned.kill()
        self._drain.join(timeout=5)
        shutil.rmtree(self.workspace, ignore_errors=True)


class CheckerPool:
    """Up to ``size`` started checkers, refilled in a background thread. ``take()`` hands
    one out (starting one on the spot when none is ready); each is used once."""

    def __init__(self, spec: CheckerSpec, *, size: int) -> None:
        self.spec = spec
        self.size = size
        self._ready: deque[CheckerProcess] = deque()
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self.problem: str | None = None

    def start(self) -> None:
        """Begin filling the pool in the background (no-op for size 0)."""
        if self.size <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._fill, name="checker-pool", daemon=True)
        self._thread.start()
        self._wanted.set()

    def _fill(self) -> None:
        while True:
            self._wanted.wait()
            with self._lock:
                if self._stop.is_set():
                    return
                if len(self._ready) >= self.size:
                    self._wanted.clear()
                    continue
            try:
                checker = self.spec.start()
            except Exception as exc:  # keep serving: take() starts one and reports why
                self.problem = str(exc)
                log.warning("could not pre-start a checker: %s", exc)
                self._wanted.clear()
                continue
            with self._lock:
                if self._stop.is_set():
                    checker.close()
                    return
                self._ready.append(checker)
                self._lock.notify_all()

    def take(self) -> CheckerProcess:
        """A started checker: a pre-started one if ready, else a fresh one."""
        with self._lock:
            while self._ready:
                checker = self._ready.popleft()
                if checker.spawned.process.poll() is None:
                    self._wanted.set()
                    return checker
                checker.close()
        self._wanted.set()
        return self.spec.start()

    def ready_count(self) -> int:
        with self._lock:
            return len(self._ready)

    def wait_ready(self, count: int, timeout: float = 60) -> bool:
        """Block until ``count`` checkers are ready (tests and benchmarks)."""
        end = time.monotonic() + timeout
        with self._lock:
            while len(self._ready) < count:
                remaining = end - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
            return True

    def close(self) -> None:
        with self._lock:
            self._stop.set()
            ready = list(self._ready)
            self._ready.clear()
        self._wanted.set()
        for checker in ready:
            checker.close()
        if self._thread is not None:
            self._thread.join(timeout=30)


def checker_isolation(settings: Settings) -> Isolation:
    """Where checkers run: the bubblewrap sandbox whenever it works here (also with the
    gateway backend, whose kernels are remote but whose grading is local), plain processes
    only in single-user mode. Raises SandboxUnavailable otherwise."""
    problem = bubblewrap_problem()
    wanted = settings.execution_backend
    if problem is None and wanted != "local":
        return "sandbox"
    if wanted == "sandbox":
        raise SandboxUnavailable(f"the sandbox cannot run here: {problem}")
    if settings.multi_user:
        why = problem or "LA4AI_EXECUTION_BACKEND=local"
        raise SandboxUnavailable(
            f"multi-user mode refuses to grade learner code without a sandbox ({why}); "
            "install bubblewrap on the server"
        )
    return "local"
