"""A running Jupyter kernel, whatever provisioned it.

:class:`Kernel` is the process-like interface the rest of the runtime uses (execute, read
messages, interrupt, poll, shutdown). :class:`ProcessKernel` is a kernel process on this
machine (sandboxed or local) reached over ZeroMQ on IPC sockets; the gateway backend has its
own implementation over WebSocket.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import json
import queue
import secrets
import shutil
import sys
import uuid
from pathlib import Path
from typing import Any, Literal

import zmq
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.connect import channel_socket_types

from la4ai.errors import KernelDied
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.launch import Isolation, Launched, launch_program
from la4ai.runtime.limits import Limits
from la4ai.runtime.sandbox import SANDBOX_RUN, SandboxSpec

__all__ = ["Backend", "Kernel", "Message", "ProcessKernel", "start_process_kernel"]

Backend = Literal["sandbox", "local", "gateway"]
Message = dict[str, Any]

# Imported before a kernel is handed out, so a learner's first cell does not pay for them.
PRELUDE = ["__import__('numpy')", "__import__('matplotlib.pyplot')"]


class Kernel(abc.ABC):
    """One kernel. ``workspace`` is its writable directory on this machine (None if remote)."""

    kernel_id: str
    backend: Backend
    workspace: Path | None

    @abc.abstractmethod
    async def execute(self, code: str) -> str:
        """Ask the kernel to run ``code``; returns the request's message id."""

    @abc.abstractmethod
    async def next_message(self, timeout: float) -> Message | None:
        """The next IOPub message (any parent), or None after ``timeout`` seconds."""

    @abc.abstractmethod
    async def interrupt(self) -> None:
        """Interrupt the running execution (KeyboardInterrupt in the learner's code)."""

    @abc.abstractmethod
    def poll(self) -> int | None:
        """None while the kernel is alive, else its exit status."""

    def oom_killed(self) -> bool:
        """Whether the memory cap killed (part of) the kernel."""
        return False

    def disk_dirs(self) -> list[Path]:
        """Directories on this machine the kernel can write to (for the disk quota)."""
        return [] if self.workspace is None else [self.workspace]

    @abc.abstractmethod
    async def shutdown(self) -> None:
        """Stop the kernel and release everything it held (idempotent)."""

    @property
    def alive(self) -> bool:
        return self.poll() is None


#: Largest message the server accepts from a kernel. Learner code can put anything on its
#: sockets; without a cap one giant message is decoded in full before any output limit
#: applies. Figures and outputs are far smaller (the output limit is 1 MiB by default).
MAX_MESSAGE_BYTES = 16 * 1024 * 1024


class CappedKernelClient(AsyncKernelClient):
    """A kernel client whose sockets drop (disconnect on) messages over MAX_MESSAGE_BYTES."""

    def _create_connected_socket(self, channel: str, identity: bytes | None = None) -> Any:
        url = self._make_url(channel)
        sock = self.context.socket(channel_socket_types[channel])
        sock.linger = 1000
        if channel != "hb":
            sock.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        if identity:
            sock.identity = identity
        sock.connect(url)
        return sock


class ProcessKernel(Kernel):
    def __init__(
        self, *, launched: Launched, client: CappedKernelClient, run_dir: Path, workspace: Path
    ) -> None:
        self.kernel_id = run_dir.name
        self.launched = launched
        self.client = client
        self.run_dir = run_dir
        self.workspace = workspace
        self.backend: Backend = launched.isolation
        self._closed = False

    def is_closed(self) -> bool:
        """Whether ``shutdown`` has been called (a method: it changes during awaits)."""
        return self._closed

    async def execute(self, code: str) -> str:
        msg_id: str = self.client.execute(code, store_history=True, allow_stdin=False)
        return msg_id

    async def next_message(self, timeout: float) -> Message | None:
        if self.is_closed():  # shut down (e.g. by the quota watcher) while a cell was running
            await asyncio.sleep(min(timeout, 0.05))
            return None
        try:
            msg: Message = await self.client.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return None
        except asyncio.CancelledError:
            # Closing the socket cancels the pending read; only a cancellation of our own
            # task should propagate.
            task = asyncio.current_task()
            if self.is_closed() and task is not None and not task.cancelling():
                return None
            raise
        except Exception:
            if self.is_closed():
                return None
            raise
        return msg

    async def interrupt(self) -> None:
        # Through the control channel: the kernel signals itself from inside its sandbox,
        # so the server never needs to reach into the sandbox's PID namespace.
        message = self.client.session.msg("interrupt_request", {})
        self.client.control_channel.send(message)

    def poll(self) -> int | None:
        return self.launched.process.returncode

    def oom_killed(self) -> bool:
        return self.launched.oom_killed()

    def disk_dirs(self) -> list[Path]:
        return [d for d in (self.workspace, self.run_dir) if d is not None]

    async def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self.client.stop_channels()
        await self.launched.kill()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def _connection(ip: str, key: str) -> dict[str, Any]:
    ports = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
    info: dict[str, Any] = {name: n for n, name in enumerate(ports, start=1)}
    info.update(
        ip=ip, key=key, transport="ipc", signature_scheme="hmac-sha256", kernel_name="python3"
    )
    return info


async def start_process_kernel(
    *,
    workspace: Path,
    run_root: Path,
    limits: Limits,
    isolation: Isolation,
    cgroups: CgroupFactory,
    spec_extras: dict[str, Path] | None = None,
    startup_timeout: float = 60.0,
) -> ProcessKernel:
    """Start an ipykernel (sandboxed or local) and wait until it answers.

    ``run_root`` holds one short-named directory per kernel for its IPC sockets (a Unix
    socket path must stay under ~100 bytes)."""
    run_dir = run_root / uuid.uuid4().hex[:12]
    run_dir.mkdir(mode=0o700, parents=True)
    key = secrets.token_hex(32)
    spec = SandboxSpec(
        workspace=workspace, limits=limits, run_dir=run_dir, read_only=spec_extras or {}
    )
    inside = SANDBOX_RUN if isolation == "sandbox" else str(run_dir)
    (run_dir / "connection.json").write_text(json.dumps(_connection(f"{inside}/k", key)))
    argv = [
        sys.executable, "-m", "ipykernel_launcher",
        "-f", f"{SANDBOX_RUN}/connection.json",
        "--HistoryManager.enabled=False",
        "--IPKernelApp.exec_lines=" + json.dumps(PRELUDE),
        "--IPKernelApp.quiet=True",
    ]  # fmt: skip
    launched = await launch_program(spec, argv, isolation=isolation, cgroups=cgroups, capture=False)
    client = CappedKernelClient()
    client.load_connection_info(_connection(str(run_dir / "k"), key))  # type: ignore[arg-type]
    # No heartbeat: under load a starting kernel can miss its 1 s beat and be declared dead;
    # liveness is the process itself (poll) and readiness the kernel_info reply.
    client.start_channels(hb=False)
    kernel = ProcessKernel(launched=launched, client=client, run_dir=run_dir, workspace=workspace)
    try:
        await _wait_ready(kernel, startup_timeout)
    except BaseException:
        await kernel.shutdown()
        raise
    return kernel


async def _wait_ready(kernel: ProcessKernel, timeout: float) -> None:
    ready = asyncio.ensure_future(kernel.client.wait_for_ready(timeout=timeout))
    while not ready.done():
        await asyncio.wait({ready}, timeout=0.05)
        if kernel.poll() is not None and not ready.done():
            ready.cancel()
            raise KernelDied(f"the kernel exited during start-up (status {kernel.poll()})")
    try:
        ready.result()
    except RuntimeError as exc:
        raise KernelDied(f"the kernel did not start: {exc}") from exc
    # Drain the start-up chatter (status messages of kernel_info) so runs see only theirs.
    while await kernel.next_message(0.01) is not None:
        pass
