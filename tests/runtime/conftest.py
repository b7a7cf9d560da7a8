"""Real kernels for runtime tests: the sandbox backend (required in strict mode) and local."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.kernel import ProcessKernel, start_process_kernel
from la4ai.runtime.launch import Isolation
from la4ai.runtime.limits import MIB, Limits
from la4ai.runtime.provisioners import ProcessProvisioner
from la4ai.runtime.sandbox import bubblewrap_problem
from tests.conftest import need

#: Small limits so that limit tests finish quickly.
TEST_LIMITS = Limits(
    time_s=3.0,
    memory_bytes=512 * MIB,
    processes=64,
    file_size_bytes=8 * MIB,
    open_files=128,
    workspace_bytes=32 * MIB,
    tmp_bytes=16 * MIB,
    output_bytes=64 * 1024,
    output_rate=20,
)


def need_isolation(isolation: Isolation) -> None:
    if isolation == "sandbox":
        need(bubblewrap_problem() is None, f"a working bubblewrap ({bubblewrap_problem()})")


@pytest.fixture(params=["sandbox", "local"])
def isolation(request: pytest.FixtureRequest) -> Isolation:
    value: Isolation = request.param
    need_isolation(value)
    return value


@pytest.fixture
def provisioner(isolation: Isolation) -> ProcessProvisioner:
    return ProcessProvisioner(isolation, TEST_LIMITS, CgroupFactory())


@pytest.fixture
async def kernel(provisioner: ProcessProvisioner, tmp_path: Path) -> AsyncIterator[ProcessKernel]:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    k = await start_process_kernel(
        workspace=workspace,
        run_root=provisioner.run_root,
        limits=TEST_LIMITS,
        isolation=provisioner.isolation,
        cgroups=provisioner.cgroups,
    )
    yield k
    await k.shutdown()
