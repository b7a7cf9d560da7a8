"""Running one Python file to completion in exactly the sandbox learners get.

``la4ai sandbox run`` uses this, and so will the grader's checker processes. The result
follows DESIGN.md's contract: status ok | error | timeout | memory | killed.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.launch import Isolation, Launched, launch_program
from la4ai.runtime.limits import Limits
from la4ai.runtime.sandbox import SANDBOX_WORKSPACE, SandboxSpec
from la4ai.runtime.workspace import usage_bytes

__all__ = ["RunResult", "RunStatus", "run_file", "run_source"]

RunStatus = Literal["ok", "error", "timeout", "memory", "killed"]
_TRUNCATED = "\n[output truncated: more than {limit} bytes]\n"


@dataclass(frozen=True)
class RunResult:
    status: RunStatus
    stdout: str
    stderr: str
    exit_code: int | None
    duration_ms: float
    truncated: bool
    message: str | None = None

    def contract(self) -> dict[str, Any]:
        """The JSON object of ``la4ai sandbox run --json`` (contracts/sandbox-run)."""
        out = asdict(self)
        out.pop("message")
        return out


class _Capped:
    """Collects a stream up to a byte budget shared with its sibling stream."""

    def __init__(self, budget: list[int]) -> None:
        self.parts: list[bytes] = []
        self.budget = budget
        self.truncated = False

    def add(self, chunk: bytes) -> None:
        if self.budget[0] <= 0:
            self.truncated = True
            return
        keep = chunk[: self.budget[0]]
        self.truncated |= len(keep) < len(chunk)
        self.budget[0] -= len(keep)
        self.parts.append(keep)

    def text(self, limit: int) -> str:
        body = b"".join(self.parts).decode("utf-8", errors="replace")
        return body + (_TRUNCATED.format(limit=limit) if self.truncated else "")


async def _drain(stream: asyncio.StreamReader | None, sink: _Capped) -> None:
    if stream is None:
        return
    while chunk := await stream.read(65536):
        sink.add(chunk)


def _status(
    code: int | None, *, timed_out: bool, oom: bool, stderr: str, limits: Limits
) -> tuple[RunStatus, str | None]:
    if timed_out:
        return "timeout", limits.time_message().replace("This cell", "The program")
    if oom or "MemoryError" in stderr:
        return "memory", limits.memory_message(restarted=False).replace("Your code", "The program")
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return "killed", f"The program was killed by {name}."
    if code == 0:
        return "ok", None
    return "error", None


async def _watch_quota(workspace: Path, quota: int, over: asyncio.Event) -> None:
    while True:
        await asyncio.sleep(0.2)
        if await asyncio.to_thread(usage_bytes, workspace, stop_after=quota) > quota:
            over.set()
            return


def _exit_status(code: int | None, isolation: Isolation) -> int | None:
    """Like Popen: negative for death by a signal. bubblewrap reports a child killed by
    signal N as exit status 128 + N."""
    if isolation == "sandbox" and code is not None and code > 128:
        try:
            return -signal.Signals(code - 128).value
        except ValueError:
            return code
    return code


async def _run(
    workspace: Path,
    name: str,
    *,
    limits: Limits,
    isolation: Isolation,
    cgroups: CgroupFactory,
    read_only: dict[str, Path],
) -> RunResult:
    spec = SandboxSpec(workspace=workspace, limits=limits, read_only=read_only)
    # Not -I: the environment is ours (cleared, PYTHONPATH to labkit); -s -P keep the rest out.
    argv = [sys.executable, "-s", "-P", "-X", "utf8", f"{SANDBOX_WORKSPACE}/{name}"]
    started = time.perf_counter()
    launched: Launched = await launch_program(spec, argv, isolation=isolation, cgroups=cgroups)
    budget = [limits.output_bytes]
    out, err = _Capped(budget), _Capped(budget)
    process = launched.process
    readers = asyncio.gather(_drain(process.stdout, out), _drain(process.stderr, err))
    over_quota = asyncio.Event()
    watcher = asyncio.create_task(_watch_quota(workspace, limits.workspace_bytes, over_quota))
    exited = asyncio.ensure_future(process.wait())
    quota_hit = asyncio.ensure_future(over_quota.wait())
    done, _ = await asyncio.wait(
        {exited, quota_hit}, timeout=limits.time_s, return_when=asyncio.FIRST_COMPLETED
    )
    watcher.cancel()
    quota_hit.cancel()
    exited.cancel()
    timed_out = not done
    oom = launched.oom_killed()
    await launched.kill()
    try:
        await asyncio.wait_for(readers, timeout=5)
    except TimeoutError:
        readers.cancel()
    duration = (time.perf_counter() - started) * 1000
    code = None if timed_out else _exit_status(process.returncode, isolation)
    stderr = err.text(limits.output_bytes)
    status, message = _status(code, timed_out=timed_out, oom=oom, stderr=stderr, limits=limits)
    if over_quota.is_set():
        status, message = "killed", limits.workspace_message().replace("the cell", "the program")
    return RunResult(
        status=status,
        stdout=out.text(limits.output_bytes),
        stderr=stderr,
        exit_code=code,
        duration_ms=round(duration, 1),
        truncated=out.truncated or err.truncated,
        message=message,
    )


async def run_source(
    source: str,
    *,
    limits: Limits,
    isolation: Isolation,
    cgroups: CgroupFactory | None = None,
    name: str = "main.py",
    read_only: dict[str, Path] | None = None,
) -> RunResult:
    """Run ``source`` as ``/workspace/<name>`` in a fresh, empty workspace (then removed),
    with ``read_only`` binds as a kernel gets them (``la4ai.labkit``, the labs' data)."""
    workspace = Path(tempfile.mkdtemp(prefix="la4ai-run-"))
    try:
        (workspace / name).write_text(source, encoding="utf-8")
        return await _run(
            workspace,
            name,
            limits=limits,
            isolation=isolation,
            cgroups=cgroups or CgroupFactory(),
            read_only=read_only or {},
        )
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def run_file(
    path: Path, *, limits: Limits, isolation: Isolation, read_only: dict[str, Path] | None = None
) -> RunResult:
    """Run the Python file at ``path`` to completion (blocking)."""
    source = path.read_text(encoding="utf-8")
    run = run_source(
        source, limits=limits, isolation=isolation, name=path.name, read_only=read_only
    )
    return asyncio.run(run)
