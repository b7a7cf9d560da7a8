"""The execution WebSocket through a real `la4ai serve` process and a real WebSocket client."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.conftest import free_port, server_env, wait_for
from tests.runtime.conftest import need_isolation


class Server:
    def __init__(self, port: int) -> None:
        self.port = port

    def ws(self, path: str, **headers: str) -> ClientConnection:
        url = f"ws://127.0.0.1:{self.port}{path}"
        return connect(url, additional_headers=headers, max_size=None, open_timeout=10)


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    need_isolation("sandbox")
    port = free_port()
    env = server_env(data_dir=tmp_path_factory.mktemp("ws-data"))
    env.update(LA4AI_TIME_LIMIT_S="2", LA4AI_KERNEL_POOL_SIZE="0")
    process = subprocess.Popen(
        [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/api/health", process)
    yield Server(port)
    process.terminate()
    process.wait(timeout=20)


def next_of(ws: ClientConnection, kind: str) -> dict[str, Any]:
    """The next event of type ``kind`` (skipping status events and the like)."""
    while True:
        event: dict[str, Any] = json.loads(ws.recv(timeout=30))
        if event["type"] == kind:
            return event


def until_done(ws: ClientConnection, cell_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while True:
        event = json.loads(ws.recv(timeout=30))
        events.append(event)
        if event["type"] == "done" and event["cell_id"] == cell_id:
            return events


def test_a_session_says_hello_then_runs_cells(http: Server) -> None:
    with http.ws("/api/sessions/lesson/vectors/ws") as ws:
        hello = json.loads(ws.recv(timeout=30))
        assert hello["type"] == "hello"
        assert hello["backend"] == "sandbox"
        assert hello["sandboxed"] is True
        assert hello["notice"] is None
        assert hello["time_limit_s"] == 2
        ws.send(json.dumps({"type": "run", "cell_id": "cell-1", "code": "print(2 + 2)"}))
        events = until_done(ws, "cell-1")
    streams = [e["text"] for e in events if e["type"] == "stream"]
    assert streams == ["4\n"]
    assert events[-1]["status"] == "ok"


def test_a_malformed_message_gets_a_protocol_error_and_the_socket_stays_usable(
    http: Server,
) -> None:
    with http.ws("/api/sessions/lesson/vectors/ws") as ws:
        ws.recv(timeout=30)  # hello
        ws.send(json.dumps({"type": "launch_missiles"}))
        error = next_of(ws, "protocol_error")
        assert error["type"] == "protocol_error"
        assert "Could not read that message" in error["message"]
        ws.send(json.dumps({"type": "run", "cell_id": "c", "code": "1"}))
        assert until_done(ws, "c")[-1]["status"] == "ok"


def test_an_unknown_module_is_refused(http: Server) -> None:
    with (
        http.ws("/api/sessions/lesson/no-such-module/ws") as ws,
        pytest.raises(ConnectionClosed) as refused,
    ):
        ws.recv(timeout=30)
    assert refused.value.rcvd is not None
    assert refused.value.rcvd.code == 4404


def test_a_page_from_another_site_cannot_open_a_session(http: Server) -> None:
    with pytest.raises(InvalidStatus) as refused:
        http.ws("/api/sessions/lesson/vectors/ws", Origin="https://evil.example")
    assert refused.value.response.status_code == 403


def test_the_apps_own_pages_may_open_a_session(http: Server) -> None:
    origin = f"http://127.0.0.1:{http.port}"
    with http.ws("/api/sessions/lesson/vectors/ws", Origin=origin) as ws:
        assert json.loads(ws.recv(timeout=30))["type"] == "hello"


def test_two_tabs_of_one_learner_share_the_kernel(http: Server) -> None:
    url = "/api/sessions/lesson/vectors/ws"
    with http.ws(url) as first, http.ws(url) as second:
        a, b = json.loads(first.recv(timeout=30)), json.loads(second.recv(timeout=30))
        assert a["session_id"] == b["session_id"]
        first.send(json.dumps({"type": "run", "cell_id": "x", "code": "shared = 5"}))
        until_done(first, "x")
        until_done(second, "x")  # the other tab saw the run too
        with http.ws(url) as third:  # joins while the kernel is up: told its state at once
            assert json.loads(third.recv(timeout=30))["type"] == "hello"
            assert json.loads(third.recv(timeout=30)) == {
                "type": "status",
                "state": "idle",
                "cell_id": None,
            }
        second.send(json.dumps({"type": "run", "cell_id": "y", "code": "print(shared)"}))
        events = until_done(second, "y")
    assert [e["text"] for e in events if e["type"] == "stream"] == ["5\n"]


def test_a_hostile_cell_does_not_hold_up_other_sessions_or_the_server(http: Server) -> None:
    import time

    import httpx

    with (
        http.ws("/api/sessions/lesson/vectors/ws") as hostile,
        http.ws("/api/sessions/lab/vectors/ws") as other,
    ):
        next_of(hostile, "hello")
        next_of(other, "hello")
        other.send(json.dumps({"type": "run", "cell_id": "warm", "code": "1"}))
        until_done(other, "warm")  # its kernel is up before the other one starts spinning
        code = "print('STARTED', flush=True)\nwhile True:\n    pass"
        hostile.send(json.dumps({"type": "run", "cell_id": "spin", "code": code}))
        assert next_of(hostile, "stream")["text"] == "STARTED\n"
        # While it spins, another session runs and the API answers promptly.
        started = time.monotonic()
        other.send(json.dumps({"type": "run", "cell_id": "quick", "code": "print(6 * 7)"}))
        events = until_done(other, "quick")
        assert [e["text"] for e in events if e["type"] == "stream"] == ["42\n"]
        health = httpx.get(f"http://127.0.0.1:{http.port}/api/health", timeout=5)
        assert health.status_code == 200
        elapsed = time.monotonic() - started
        assert elapsed < 2.0  # the spinning cell's 2 s limit is not up
        finished = until_done(hostile, "spin")
        limits = [e["message"] for e in finished if e["type"] == "limit"]
        assert limits == ["This cell ran longer than 2 s and was stopped."]
        assert finished[-1]["status"] == "timeout"


def test_lab_data_is_readable_at_data_without_any_python_from_the_content(
    http: Server,
) -> None:
    code = (
        "import os\n"
        "print(os.environ['LA4AI_COURSE_DATA'], sorted(os.listdir('/data/vectors')))\n"
        "print([f for _, _, fs in os.walk('/data') for f in fs if f.endswith('.py')])\n"
        "open('/data/vectors/x.json', 'w')\n"
    )
    with http.ws("/api/sessions/lab/vectors/ws") as ws:
        next_of(ws, "hello")
        ws.send(json.dumps({"type": "run", "cell_id": "data", "code": code}))
        events = until_done(ws, "data")
    printed = "".join(e["text"] for e in events if e["type"] == "stream")
    assert printed == "/data ['documents.npy', 'queries.npy', 'sentences.json']\n[]\n"
    (error,) = [e for e in events if e["type"] == "error"]
    assert error["ename"] == "OSError"  # read-only file system
    assert "Read-only file system" in error["evalue"]
