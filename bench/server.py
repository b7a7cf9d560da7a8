"""A `la4ai serve` subprocess for benchmarks, and a WebSocket client for its sessions.

The server gets a fresh data directory and only the ``LA4AI_*`` settings a benchmark passes,
so results do not depend on the caller's environment. :func:`wait_quiet` waits until the
server and its kernels stop using CPU (e.g. until the pool has refilled).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psutil
from websockets.asyncio.client import ClientConnection, connect

from bench.common import free_port, wait_until_answers

__all__ = [
    "CellRun",
    "Server",
    "kernel_processes",
    "open_session",
    "read_run",
    "run_cell",
    "serve",
    "wait_quiet",
]

Event = dict[str, Any]


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def socket_url(self, kind: str, module_id: str) -> str:
        return self.url.replace("http://", "ws://") + f"/api/sessions/{kind}/{module_id}/ws"


@contextmanager
def serve(settings: dict[str, str]) -> Iterator[Server]:
    """A running server with a fresh data directory and ``settings`` (``LA4AI_*`` names)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryFile() as log:
        port = free_port()
        env.update({"LA4AI_DATA_DIR": data, "LA4AI_LOG_LEVEL": "warning", **settings})
        command = [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)]
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_answers(f"{url}/api/health", timeout=120)
            yield Server(url=url, process=process)
        except BaseException:
            log.seek(0)
            sys.stderr.write("server output:\n" + log.read().decode(errors="replace")[-4000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def kernel_processes(pid: int) -> list[psutil.Process]:
    """The ipykernel processes started (through bubblewrap) by process ``pid``."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            # bwrap's own two processes carry the kernel's command line too
            if child.name() != "bwrap" and "ipykernel_launcher" in child.cmdline():
                found.append(child)
        except psutil.Error:
            continue
    return found


def _tree_cpu_s(pid: int) -> float:
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def wait_quiet(pid: int, *, kernels: int = 0, timeout: float = 120.0) -> float:
    """Wait until process ``pid`` has ≥ ``kernels`` kernel processes and it and its
    descendants used < 10 % of a core for 0.5 s; returns the seconds waited."""
    start = time.perf_counter()
    quiet_since: float | None = None
    before = _tree_cpu_s(pid)
    while time.perf_counter() - start < timeout:
        time.sleep(0.1)
        now = _tree_cpu_s(pid)
        busy = now - before > 0.01 or len(kernel_processes(pid)) < kernels
        before = now
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since >= 0.5:
            return time.perf_counter() - start
    raise TimeoutError(f"process {pid} did not settle ({kernels} kernels wanted)")


@dataclass
class CellRun:
    """What one run produced, with times in seconds since the run was sent."""

    status: str | None = None
    first_output_s: float | None = None
    done_s: float | None = None
    duration_ms: float | None = None
    kernel_wait_s: float | None = None  # from status "starting" to "idle", if a kernel started
    texts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def read_run(
    receive: Callable[[], Awaitable[Event]], cell_id: str, *, start: float, timeout: float
) -> CellRun:
    """Read events (``receive`` returns the next one as JSON data) until ``cell_id``'s
    ``done``; ``start`` is the perf_counter value elapsed times are measured from."""
    run = CellRun()
    starting: float | None = None
    async with asyncio.timeout(timeout):
        while True:
            event = await receive()
            elapsed = time.perf_counter() - start
            kind = event["type"]
            if kind == "status" and event["state"] == "starting":
                starting = elapsed
            elif kind == "status" and event["state"] == "idle" and starting is not None:
                run.kernel_wait_s, starting = elapsed - starting, None
            if event.get("cell_id") != cell_id:
                continue
            if kind in ("stream", "display") and run.first_output_s is None:
                run.first_output_s = elapsed
            if kind == "stream":
                run.texts.append(str(event["text"]))
            elif kind == "display":
                run.texts.append(str(event["data"].get("text/plain", "")))
            elif kind in ("error", "limit", "protocol_error"):
                run.problems.append(json.dumps(event)[:300])
            elif kind == "done":
                run.status, run.done_s = str(event["status"]), elapsed
                run.duration_ms = float(event["duration_ms"])
                return run


async def open_session(url: str) -> tuple[ClientConnection, Event]:
    """Connect and read the ``hello`` event."""
    ws = await connect(url, max_size=None, open_timeout=120)
    hello = json.loads(await ws.recv())
    if hello.get("type") != "hello":
        await ws.close()
        raise RuntimeError(f"expected hello, got {hello}")
    return ws, hello


async def run_cell(
    ws: ClientConnection,
    cell_id: str,
    code: str,
    *,
    timeout: float = 120.0,
    start: float | None = None,
) -> CellRun:
    """Send a run over ``ws`` and read events until its ``done``. ``start`` (a perf_counter
    value, default now) is when the clock started, e.g. before the socket was opened."""
    start = time.perf_counter() if start is None else start

    async def receive() -> Event:
        event: Event = json.loads(await ws.recv())
        return event

    await ws.send(json.dumps({"type": "run", "cell_id": cell_id, "code": code}))
    return await read_run(receive, cell_id, start=start, timeout=timeout)
