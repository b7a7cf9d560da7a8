"""The gateway backend against a real Jupyter Kernel Gateway (a subprocess on a free port).

The gateway finds the venv's ``python3`` kernelspec through ``sys.prefix``; its own Jupyter
directories are throwaway ones, which also hold a kernelspec that exits at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from la4ai.errors import KernelDied, SandboxUnavailable
from la4ai.runtime.gateway import GatewayKernel, gateway_problem, start_gateway_kernel
from la4ai.runtime.kernel import Message
from tests.conftest import free_port, need, wait_for

GATEWAY = Path(sys.executable).parent / "jupyter-kernelgateway"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need(GATEWAY.is_file(), "jupyter-kernel-gateway (pip install jupyter-kernel-gateway)")
    home = tmp_path_factory.mktemp("gateway")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "LA4AI_"))}
    dirs = {name: home / name.lower() for name in ("JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR")}
    env.update({name: str(path) for name, path in dirs.items()})
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    env["GATEWAY_HOST_SECRET"] = "gateway-secret-value"  # must never reach a kernel
    crash = dirs["JUPYTER_DATA_DIR"] / "kernels" / "exits-at-start"
    crash.mkdir(parents=True)
    argv = [sys.executable, "-c", "raise SystemExit(3)", "{connection_file}"]
    (crash / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "exits"}))
    port = free_port()
    command = [
        str(GATEWAY),
        "--KernelGatewayApp.ip=127.0.0.1",
        f"--KernelGatewayApp.port={port}",
        "--KernelGatewayApp.port_retries=0",
        "--JupyterWebsocketPersonality.list_kernels=True",  # GET /api/kernels is 403 otherwise
        "--KernelRestarter.time_to_dead=0.5",  # notice dead kernels in 0.5 s, not 3 s
    ]
    with (home / "gateway.log").open("w") as log:
        process = subprocess.Popen(command, env=env, cwd=home, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{url}/api/kernelspecs", process)
        yield url
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
async def kernel(gateway: str) -> AsyncIterator[GatewayKernel]:
    started = await start_gateway_kernel(base_url=gateway, startup_timeout=30)
    yield started
    await started.shutdown()


def _kernel_ids(gateway: str) -> set[str]:
    return {k["id"] for k in httpx.get(f"{gateway}/api/kernels").json()}


async def _replies(kernel: GatewayKernel, msg_id: str, timeout: float = 15) -> list[Message]:
    """The IOPub messages answering ``msg_id``, up to and including its idle status."""
    deadline = time.monotonic() + timeout
    found: list[Message] = []
    while time.monotonic() < deadline:
        msg = await kernel.next_message(0.5)
        if msg is None or msg["parent_header"].get("msg_id") != msg_id:
            continue
        found.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return found
    raise AssertionError(f"no idle status for {msg_id} in {timeout} s; got {found}")


@pytest.mark.anyio
async def test_an_expression_answers_with_its_result_then_idle(kernel: GatewayKernel) -> None:
    msg_id = await kernel.execute("1 + 1")
    messages = await _replies(kernel, msg_id)
    results = [m["content"]["data"] for m in messages if m["msg_type"] == "execute_result"]
    assert results == [{"text/plain": "2"}]
    assert messages[-1]["content"] == {"execution_state": "idle"}
    assert all(m["msg_type"] == m["header"]["msg_type"] for m in messages)
    assert kernel.poll() is None
    assert (kernel.backend, kernel.workspace) == ("gateway", None)


@pytest.mark.anyio
async def test_the_gateways_own_environment_does_not_reach_the_kernel(
    kernel: GatewayKernel,
) -> None:
    msg_id = await kernel.execute("import os\nprint(sorted(os.environ.items()))")
    messages = await _replies(kernel, msg_id)
    text = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
    assert "'PATH'" in text
    assert "gateway-secret-value" not in text
    assert "GATEWAY_HOST_SECRET" not in text


@pytest.mark.anyio
async def test_stdout_streams_before_the_cell_finishes(kernel: GatewayKernel) -> None:
    code = "import time\nprint('first', flush=True)\ntime.sleep(3)\nprint('second')"
    started = time.monotonic()
    msg_id = await kernel.execute(code)
    first = None
    while first is None and time.monotonic() - started < 10:
        msg = await kernel.next_message(0.5)
        if msg and msg["msg_type"] == "stream" and msg["parent_header"]["msg_id"] == msg_id:
            first = msg
    assert first is not None
    assert time.monotonic() - started < 2.5  # the sleep had not ended yet
    assert first["content"] == {"name": "stdout", "text": "first\n"}
    rest = await _replies(kernel, msg_id)
    assert [m["content"]["text"] for m in rest if m["msg_type"] == "stream"] == ["second\n"]


@pytest.mark.anyio
async def test_an_exception_arrives_as_an_error_message(kernel: GatewayKernel) -> None:
    messages = await _replies(kernel, await kernel.execute("1 / 0"))
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert [(e["ename"], e["evalue"]) for e in errors] == [
        ("ZeroDivisionError", "division by zero")
    ]


@pytest.mark.anyio
async def test_interrupt_stops_a_long_sleep(kernel: GatewayKernel) -> None:
    msg_id = await kernel.execute("import time; time.sleep(60)")
    while True:  # wait until the kernel is inside the cell
        msg = await kernel.next_message(5)
        assert msg is not None, "the cell never started"
        if msg["msg_type"] == "execute_input":
            break
    started = time.monotonic()
    await kernel.interrupt()
    messages = await _replies(kernel, msg_id, timeout=10)
    assert time.monotonic() - started < 5
    assert [m["content"]["ename"] for m in messages if m["msg_type"] == "error"] == [
        "KeyboardInterrupt"
    ]
    assert kernel.poll() is None


@pytest.mark.anyio
async def test_shutdown_removes_the_kernel_from_the_gateway(
    gateway: str, kernel: GatewayKernel
) -> None:
    assert kernel.kernel_id in _kernel_ids(gateway)
    await kernel.shutdown()
    assert kernel.poll() == -1
    assert kernel.kernel_id not in _kernel_ids(gateway)
    await kernel.shutdown()  # again: nothing happens


@pytest.mark.anyio
async def test_a_crashed_kernel_is_reported_gone_and_still_deleted(
    gateway: str, kernel: GatewayKernel
) -> None:
    await kernel.execute("import os; os._exit(1)")
    deadline = time.monotonic() + 15
    while kernel.poll() is None and time.monotonic() < deadline:
        await kernel.next_message(0.2)
    assert kernel.poll() == -1
    # The gateway has restarted it by now (it answers a DELETE during the restart with 500).
    await kernel.shutdown()
    assert kernel.kernel_id not in _kernel_ids(gateway)


@pytest.mark.anyio
async def test_an_unreachable_gateway_is_sandbox_unavailable() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SandboxUnavailable, match=f"cannot reach the kernel gateway at {url}"):
        await start_gateway_kernel(base_url=url)


@pytest.mark.anyio
async def test_an_unknown_kernel_name_is_refused_with_the_gateways_reason(gateway: str) -> None:
    with pytest.raises(SandboxUnavailable, match="No such kernel named nope") as caught:
        await start_gateway_kernel(base_url=gateway, kernel_name="nope")
    assert gateway in str(caught.value)


@pytest.mark.anyio
async def test_a_kernel_that_exits_at_start_is_kernel_died(gateway: str) -> None:
    before = _kernel_ids(gateway)
    with pytest.raises(KernelDied, match="died while starting"):
        await start_gateway_kernel(base_url=gateway, kernel_name="exits-at-start")
    assert _kernel_ids(gateway) <= before


def test_gateway_problem_is_none_for_a_working_gateway(gateway: str) -> None:
    assert gateway_problem(gateway) is None
    assert gateway_problem(gateway, kernel_name="python3") is None


def test_gateway_problem_names_what_is_wrong(gateway: str) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert f"cannot reach the kernel gateway at {url}" in (gateway_problem(url) or "")
    missing = gateway_problem(gateway, kernel_name="nope") or ""
    assert "no 'nope' kernel" in missing
    assert "python3" in missing


@pytest.mark.anyio
async def test_cells_run_through_the_same_execution_path_as_local_kernels(
    kernel: GatewayKernel,
) -> None:
    from la4ai.runtime.events import LimitNotice, ServerEvent, StreamOutput
    from la4ai.runtime.execution import run_cell
    from la4ai.runtime.limits import Limits

    events: list[ServerEvent] = []

    async def emit(event: ServerEvent) -> None:
        events.append(event)

    limits = Limits(time_s=2)
    ok = await run_cell(kernel, cell_id="a", code="print(3 * 4)", limits=limits, emit=emit)
    assert ok.done.status == "ok"
    assert [e.text for e in events if isinstance(e, StreamOutput)] == ["12\n"]
    slow = await run_cell(kernel, cell_id="b", code="while True: pass", limits=limits, emit=emit)
    assert slow.done.status == "timeout"
    assert any(isinstance(e, LimitNotice) and e.limit == "time" for e in events)
