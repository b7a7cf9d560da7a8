"""Sandboxed kernels for benchmarks, started and driven without la4ai's session layer."""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass
from pathlib import Path

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.kernel import ProcessKernel
from la4ai.runtime.limits import Limits
from la4ai.runtime.provisioners import ProcessProvisioner

__all__ = ["RawRun", "execute_raw", "sandbox_provisioner", "start_sandboxed"]


def sandbox_provisioner() -> ProcessProvisioner:
    """The provisioner `la4ai serve` uses with default settings where bubblewrap works."""
    return ProcessProvisioner("sandbox", Limits(), CgroupFactory())


async def start_sandboxed(provisioner: ProcessProvisioner, workspace: Path) -> ProcessKernel:
    kernel = await provisioner.start(workspace)
    if not isinstance(kernel, ProcessKernel):  # pragma: no cover - the sandbox backend's type
        raise TypeError(f"expected a ProcessKernel, got {type(kernel).__name__}")
    return kernel


@dataclass
class RawRun:
    seconds: float
    result: str | None
    error: str | None


async def execute_raw(kernel: ProcessKernel, code: str, *, timeout: float = 60.0) -> RawRun:
    """Run ``code`` with plain jupyter_client: execute, then read IOPub until this request's
    ``idle`` status (what a minimal Jupyter front end does)."""
    start = time.perf_counter()
    msg_id = kernel.client.execute(code, store_history=True, allow_stdin=False)
    result: str | None = None
    error: str | None = None
    while True:
        try:
            msg = await kernel.client.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return RawRun(time.perf_counter() - start, result, "no idle status before timeout")
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "execute_result":
            result = str(content["data"].get("text/plain"))
        elif kind == "error":
            error = f"{content.get('ename')}: {content.get('evalue')}"
        elif kind == "status" and content.get("execution_state") == "idle":
            return RawRun(time.perf_counter() - start, result, error)
