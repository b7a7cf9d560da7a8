"""Kernels on a Jupyter Kernel Gateway or Enterprise Gateway (the scale-out backend).

The gateway starts and owns the kernel (on Kubernetes, a pod); la4ai reaches it over the
gateway's REST API (start, liveness, interrupt, delete) and one WebSocket per kernel that
carries Jupyter messages as JSON. :func:`start_gateway_kernel` hands out a ready
:class:`GatewayKernel`; :func:`gateway_problem` is the check ``la4ai doctor`` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import struct
import uuid
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from la4ai.errors import KernelDied, SandboxUnavailable
from la4ai.runtime.kernel import Backend, Kernel, Message

__all__ = ["GatewayKernel", "gateway_problem", "start_gateway_kernel"]

#: The environment requested for a remote kernel. With an ``env`` in the request the gateway
#: starts the kernel with PATH plus those of these keys its ``env_whitelist`` allows (and any
#: KERNEL_*), never with its own environment and secrets.
KERNEL_ENV = {
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}

T = TypeVar("T")

_PROTOCOL_VERSION = "5.3"
_MAX_FRAME = 64 * 2**20  # a plot or a big repr; the run's output limit applies after this
_HTTP_TIMEOUT = httpx.Timeout(10.0)
# The gateway says so on IOPub (with no parent) when the kernel process went away: after
# "restarting" it is a fresh kernel, so everything the learner defined is gone all the same.
_GONE_STATES = {"restarting", "dead"}


class GatewayKernel(Kernel):
    """A kernel the gateway at ``base_url`` runs. Made by :func:`start_gateway_kernel`.

    ``poll()`` costs nothing: it reads state kept by the socket reader (status "restarting"
    or "dead" from the gateway, or the socket closing) and by a background liveness check
    (``GET /api/kernels/{id}`` every ``liveness_interval`` seconds; 404 means gone). Once
    gone it returns -1; a gateway kernel has no exit status we could see. Construct it
    inside a running event loop (it starts the liveness task)."""

    def __init__(self, *, base_url: str, kernel_id: str, http: httpx.AsyncClient) -> None:
        self.kernel_id = kernel_id
        self.backend: Backend = "gateway"
        self.workspace = None
        self.base_url = base_url
        self.liveness_interval = 2.0
        self._http = http
        self._session = uuid.uuid4().hex
        self._socket: ClientConnection | None = None
        self._iopub: asyncio.Queue[Message] = asyncio.Queue()
        self._replies: dict[str, asyncio.Future[Message]] = {}
        self._gone = asyncio.Event()
        self._exit: int | None = None
        self._closed = False
        self._tasks = [asyncio.create_task(self._watch())]

    async def execute(self, code: str) -> str:
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        }
        return await self._send("execute_request", content)

    async def next_message(self, timeout: float) -> Message | None:
        try:
            async with asyncio.timeout(timeout):
                return await self._iopub.get()
        except TimeoutError:
            return None

    async def interrupt(self) -> None:
        # Failures are not raised: a kernel that cannot be interrupted is noticed by the
        # caller's grace period, and a gone one by poll().
        with contextlib.suppress(httpx.HTTPError):
            await self._http.post(f"/api/kernels/{self.kernel_id}/interrupt")

    def poll(self) -> int | None:
        return self._exit

    async def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._mark_gone()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._socket is not None:
            await self._socket.close()
        # A gateway answers 500 to a DELETE while it restarts a crashed kernel (jupyter_server
        # 2.x); the restarted kernel would then run on unowned, so ask again for a while.
        for delay in (0.25, 0.5, 1.0, 2.0, 0.0):
            try:
                response = await self._http.delete(f"/api/kernels/{self.kernel_id}")
            except httpx.HTTPError:
                break  # unreachable: nothing more we can do from here
            if response.status_code < 500:
                break
            await asyncio.sleep(delay)
        await self._http.aclose()

    async def _connect(self) -> None:
        scheme, rest = self.base_url.split("://", 1)
        ws_scheme = "wss" if scheme == "https" else "ws"
        url = f"{ws_scheme}://{rest}/api/kernels/{self.kernel_id}/channels"
        try:
            self._socket = await connect(
                f"{url}?session_id={self._session}", max_size=_MAX_FRAME, open_timeout=None
            )
        except InvalidStatus as exc:
            if exc.response.status_code == 404:
                raise KernelDied(f"the gateway kernel {self.kernel_id} is gone") from exc
            raise SandboxUnavailable(
                f"the kernel gateway refused a WebSocket at {url}: {exc}"
            ) from exc
        except (OSError, WebSocketException) as exc:
            raise SandboxUnavailable(f"cannot open a WebSocket to {url}: {exc}") from exc
        self._tasks.append(asyncio.create_task(self._read(self._socket)))

    async def _send(
        self,
        msg_type: str,
        content: dict[str, Any],
        *,
        reply: asyncio.Future[Message] | None = None,
    ) -> str:
        """Send a request on shell; returns its msg_id (``reply`` gets the shell reply). A
        closed socket marks the kernel gone (the caller sees it through ``poll()``, as with a
        local kernel that died)."""
        msg_id = uuid.uuid4().hex
        if reply is not None:
            self._replies[msg_id] = reply
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": "la4ai",
            "session": self._session,
            "date": datetime.now(UTC).isoformat(),
            "version": _PROTOCOL_VERSION,
        }
        # The shape JupyterLab sends; the gateway signs it and forwards it to the kernel.
        message = {
            "header": header,
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
        }
        if self._socket is None:
            raise RuntimeError("the kernel's channels are not connected")
        try:
            await self._socket.send(json.dumps(message))
        except ConnectionClosed:
            self._mark_gone()
        return msg_id

    async def _request(self, msg_type: str, content: dict[str, Any]) -> Message:
        """Send on shell and wait for the reply."""
        reply: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        msg_id = await self._send(msg_type, content, reply=reply)
        try:
            return await self._unless_gone(reply)
        finally:
            self._replies.pop(msg_id, None)

    async def _unless_gone(self, awaitable: Awaitable[T]) -> T:
        """Await ``awaitable``; raise KernelDied instead if the kernel goes away first."""
        work = asyncio.ensure_future(awaitable)
        gone = asyncio.ensure_future(self._gone.wait())
        try:
            await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not work.done():
                work.cancel()
                await asyncio.gather(work, return_exceptions=True)
        if work.done() and not work.cancelled():
            return work.result()
        raise KernelDied(f"the gateway kernel {self.kernel_id} died while starting")

    async def _read(self, socket: ClientConnection) -> None:
        try:
            async for frame in socket:  # ends when the socket closes, cleanly or not
                try:
                    msg = _decode(frame)
                except (ValueError, KeyError, struct.error):
                    continue
                channel = msg.pop("channel", None)
                if channel == "iopub":
                    if _announces_death(msg):
                        self._mark_gone()
                    self._iopub.put_nowait(msg)
                elif channel in ("shell", "control"):
                    reply = self._replies.get(msg["parent_header"].get("msg_id", ""))
                    if reply is not None and not reply.done():
                        reply.set_result(msg)
        except ConnectionClosed:
            pass  # an abnormal close: gone all the same
        finally:
            self._mark_gone()

    async def _watch(self) -> None:
        while self._exit is None:
            await asyncio.sleep(self.liveness_interval)
            try:
                response = await self._http.get(f"/api/kernels/{self.kernel_id}")
            except httpx.HTTPError:
                continue  # a gateway that is down for good also closes the socket
            if response.status_code == 404:
                self._mark_gone()

    def _mark_gone(self) -> None:
        if self._exit is None:
            self._exit = -1
            self._gone.set()


def _state(msg: Message) -> str | None:
    """The execution state a status message reports (None for other messages)."""
    return msg["content"].get("execution_state") if msg["msg_type"] == "status" else None


def _announces_death(msg: Message) -> bool:
    return not msg["parent_header"] and _state(msg) in _GONE_STATES


def _decode(frame: str | bytes) -> Message:
    """A WebSocket frame as jupyter_client's Session.deserialize returns it (header,
    msg_id, msg_type, parent_header, metadata, content, buffers; dates as datetime)."""
    if isinstance(frame, str):
        msg: Message = json.loads(frame)
        msg.setdefault("buffers", [])
    else:  # binary frames carry buffers: count, offsets, the JSON message, then each buffer
        (count,) = struct.unpack_from("!I", frame)
        offsets = [*struct.unpack_from(f"!{count}I", frame, 4), len(frame)]
        parts = [frame[a:b] for a, b in itertools.pairwise(offsets)]
        msg = json.loads(parts[0])
        msg["buffers"] = parts[1:]
    for key in ("header", "parent_header"):
        date = msg[key].get("date")
        if isinstance(date, str):
            with contextlib.suppress(ValueError):
                msg[key]["date"] = datetime.fromisoformat(date)
    msg.setdefault("msg_id", msg["header"].get("msg_id"))
    msg.setdefault("msg_type", msg["header"].get("msg_type"))
    msg.setdefault("metadata", {})
    return msg


async def start_gateway_kernel(
    *, base_url: str, kernel_name: str = "python3", startup_timeout: float = 60
) -> GatewayKernel:
    """Start a ``kernel_name`` kernel on the gateway at ``base_url`` (e.g.
    ``http://gateway:8888``) and wait until it answers, start-up messages drained.

    Raises SandboxUnavailable when the gateway cannot be reached or refuses (the message
    names the URL), KernelDied when the kernel dies or stays silent for ``startup_timeout``
    seconds."""
    base = base_url.rstrip("/")
    http = httpx.AsyncClient(base_url=base, timeout=_HTTP_TIMEOUT)
    try:
        kernel_id = await _create(http, base, kernel_name, startup_timeout)
    except BaseException:
        await http.aclose()
        raise
    kernel = GatewayKernel(base_url=base, kernel_id=kernel_id, http=http)
    kernel.liveness_interval = 0.25  # notice a kernel that dies at start quickly
    try:
        async with asyncio.timeout(startup_timeout):
            await kernel._unless_gone(kernel._connect())
            info = await kernel._request("kernel_info_request", {})
            await _drain(kernel, info["parent_header"]["msg_id"])
    except TimeoutError:
        await kernel.shutdown()
        raise KernelDied(
            f"the gateway kernel did not answer within {startup_timeout:g} s ({base})"
        ) from None
    except BaseException:
        await kernel.shutdown()
        raise
    kernel.liveness_interval = 2.0
    return kernel


async def _create(http: httpx.AsyncClient, base: str, kernel_name: str, timeout: float) -> str:
    # An Enterprise Gateway answers only once the kernel's pod runs: allow the whole start-up.
    try:
        response = await http.post(
            "/api/kernels",
            json={"name": kernel_name, "env": KERNEL_ENV},
            timeout=httpx.Timeout(10.0, read=timeout),
        )
    except httpx.ReadTimeout:
        raise KernelDied(f"the kernel gateway at {base} did not start a kernel in time") from None
    except httpx.HTTPError as exc:
        raise SandboxUnavailable(f"cannot reach the kernel gateway at {base}: {exc}") from exc
    if not response.is_success:
        raise SandboxUnavailable(
            f"the kernel gateway at {base} refused to start a {kernel_name!r} kernel: "
            f"HTTP {response.status_code} {_reason(response)}"
        )
    try:
        return str(response.json()["id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise SandboxUnavailable(f"{base} did not answer like a kernel gateway") from exc


def _reason(response: httpx.Response) -> str:
    """The gateway's own explanation; its 500s carry it in the traceback's last line."""
    with contextlib.suppress(ValueError, AttributeError):
        body = response.json()
        lines = str(body.get("traceback") or "").strip().splitlines()
        return lines[-1] if lines else str(body.get("message") or response.reason_phrase)
    return response.reason_phrase


async def _drain(kernel: GatewayKernel, info_id: str) -> None:
    # The idle status that ends kernel_info means its IOPub chatter has arrived; if a
    # gateway never sends it, give up after a second rather than fail the start.
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(1.0):
            while True:
                msg = await kernel._iopub.get()
                if msg["parent_header"].get("msg_id") == info_id and _state(msg) == "idle":
                    break
    while await kernel.next_message(0.01) is not None:
        pass


def gateway_problem(
    base_url: str, *, kernel_name: str | None = None, timeout: float = 5.0
) -> str | None:
    """What is wrong with the gateway at ``base_url`` (for ``la4ai doctor``), or None when
    ``GET /api/kernelspecs`` works (and offers ``kernel_name``, if given)."""
    url = f"{base_url.rstrip('/')}/api/kernelspecs"
    try:
        response = httpx.get(url, timeout=timeout)
    except httpx.HTTPError as exc:
        return f"cannot reach the kernel gateway at {url}: {exc}"
    if not response.is_success:
        return f"{url} answered HTTP {response.status_code} {_reason(response)}"
    try:
        specs = response.json()["kernelspecs"]
    except (ValueError, KeyError, TypeError):
        return f"{url} did not answer like a kernel gateway"
    if kernel_name is not None and kernel_name not in specs:
        offered = ", ".join(sorted(specs)) or "none"
        return f"the kernel gateway at {base_url} has no {kernel_name!r} kernel (it has: {offered})"
    return None
