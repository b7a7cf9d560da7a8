"""Pre-started kernels, so that opening a lesson or lab does not wait for a kernel to boot.

The pool keeps ``size`` kernels ready (NumPy and Matplotlib already imported), each in a
fresh pool workspace, and refills in the background, one start at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from la4ai.runtime.kernel import Kernel
from la4ai.runtime.provisioners import Provisioner
from la4ai.runtime.workspace import Workspaces

__all__ = ["KernelPool"]

log = logging.getLogger(__name__)


class KernelPool:
    def __init__(self, provisioner: Provisioner, workspaces: Workspaces, *, size: int) -> None:
        self.provisioner = provisioner
        self.workspaces = workspaces
        self.size = size
        self._ready: list[Kernel] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self.failures = 0

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def ready(self) -> int:
        return len(self._ready)

    def start(self) -> None:
        """Begin filling the pool in the background."""
        if self._task is None and self.size > 0:
            self._task = asyncio.create_task(self._fill(), name="kernel-pool")

    async def wait_full(self, timeout: float = 120) -> None:
        """For tests and benchmarks: wait until every slot holds a ready kernel."""
        async with asyncio.timeout(timeout):
            while len(self._ready) < self.size:
                await asyncio.sleep(0.05)

    async def acquire(self, workspace: Path) -> Kernel:
        """A running kernel whose workspace is ``workspace``: a warm one if any, else new."""
        while self._ready:
            kernel = self._ready.pop(0)
            self._wake.set()
            if not kernel.alive:
                await self._discard(kernel)
                continue
            if kernel.workspace is not None:
                kernel.workspace = self.workspaces.adopt(kernel.workspace, workspace)
            return kernel
        self._wake.set()
        return await self.provisioner.start(self.workspaces.ensure(workspace))

    async def _discard(self, kernel: Kernel) -> None:
        await kernel.shutdown()
        if kernel.workspace is not None:
            self.workspaces.discard(kernel.workspace)

    async def _fill(self) -> None:
        while not self._closed:
            while len(self._ready) < self.size and not self._closed:
                try:
                    kernel = await self.provisioner.start(self.workspaces.fresh())
                except Exception:
                    self.failures += 1
                    log.exception("could not pre-start a kernel; retrying in 5 s")
                    await asyncio.sleep(5)
                    continue
                if self.closed:
                    await self._discard(kernel)
                    return
                self._ready.append(kernel)
            self._wake.clear()
            await self._wake.wait()

    async def close(self) -> None:
        self._closed = True
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        ready, self._ready = self._ready, []
        for kernel in ready:
            await self._discard(kernel)
