"""Where kernels come from: the sandbox, plain local processes, or a kernel gateway.

Each backend implements :class:`Provisioner`; :func:`choose_provisioner` picks one from the
settings, in one place, and refuses unsafe combinations (multi-user without a sandbox).
"""

from __future__ import annotations

import abc
import os
import tempfile
from pathlib import Path

from la4ai.errors import SandboxUnavailable
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.kernel import Backend, Kernel, start_process_kernel
from la4ai.runtime.launch import Isolation
from la4ai.runtime.limits import Limits
from la4ai.runtime.sandbox import SANDBOX_COURSE_DATA, bubblewrap_problem, labkit_binds
from la4ai.settings import Settings

__all__ = [
    "LOCAL_NOTICE",
    "GatewayProvisioner",
    "ProcessProvisioner",
    "Provisioner",
    "choose_provisioner",
]

LOCAL_NOTICE = (
    "Code runs on this computer WITHOUT a sandbox (bubblewrap is not available): it can read "
    "and change your files like any program you run. Install bubblewrap to sandbox it."
)


class Provisioner(abc.ABC):
    backend: Backend
    sandboxed: bool
    notice: str | None = None

    @abc.abstractmethod
    async def start(self, workspace: Path) -> Kernel:
        """Start a kernel whose writable directory is ``workspace`` (ignored if remote)."""

    @abc.abstractmethod
    def describe(self) -> str:
        """One line for ``la4ai doctor`` and the logs."""


def _run_root() -> Path:
    # Short, private, per server user: IPC socket paths must stay short.
    root = Path(tempfile.gettempdir()) / f"la4ai-{os.getuid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    return root


class ProcessProvisioner(Provisioner):
    """Kernels as processes on this machine: in the bubblewrap sandbox, or (``local``)
    plain processes with the same rlimits and cgroup caps."""

    def __init__(
        self,
        isolation: Isolation,
        limits: Limits,
        cgroups: CgroupFactory,
        *,
        read_only: dict[str, Path] | None = None,
    ) -> None:
        self.read_only = dict(read_only or {})
        self.isolation = isolation
        self.backend = isolation
        self.sandboxed = isolation == "sandbox"
        self.notice = None if self.sandboxed else LOCAL_NOTICE
        self.limits = limits
        self.cgroups = cgroups
        self.run_root = _run_root()

    async def start(self, workspace: Path) -> Kernel:
        return await start_process_kernel(
            workspace=workspace,
            run_root=self.run_root,
            limits=self.limits,
            isolation=self.isolation,
            cgroups=self.cgroups,
            spec_extras=self.read_only,
        )

    def describe(self) -> str:
        if self.sandboxed:
            return f"sandbox: bubblewrap; caps by {self.cgroups.describe()}"
        return f"local: NOT sandboxed; caps by {self.cgroups.describe()}"


class GatewayProvisioner(Provisioner):
    """Remote kernels through a Jupyter Kernel Gateway or Enterprise Gateway."""

    backend: Backend = "gateway"
    sandboxed = True

    def __init__(self, base_url: str, kernel_name: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.kernel_name = kernel_name

    async def start(self, workspace: Path) -> Kernel:  # noqa: ARG002 - remote kernels have their own
        from la4ai.runtime.gateway import start_gateway_kernel

        return await start_gateway_kernel(base_url=self.base_url, kernel_name=self.kernel_name)

    def describe(self) -> str:
        return f"gateway: kernels from {self.base_url} (isolation is the gateway's)"


def choose_provisioner(
    settings: Settings,
    *,
    cgroups: CgroupFactory | None = None,
    course_data: Path | None = None,
) -> Provisioner:
    """The backend the settings ask for. Raises SandboxUnavailable with the reason when it
    cannot run here, or may not (multi-user mode without a sandbox). ``course_data`` is
    bound read-only at ``/data`` in every local sandbox (the labs' public data), beside the
    ``la4ai.labkit`` package (importable by learner code)."""
    limits = Limits.from_settings(settings)
    wanted = settings.execution_backend
    if wanted == "gateway":
        if not settings.gateway_url:
            raise SandboxUnavailable("execution_backend is gateway but LA4AI_GATEWAY_URL is unset")
        return GatewayProvisioner(settings.gateway_url, settings.gateway_kernel_name)
    problem = bubblewrap_problem()
    if wanted == "sandbox" and problem is not None:
        raise SandboxUnavailable(f"the sandbox cannot run here: {problem}")
    isolation: Isolation = "sandbox" if problem is None and wanted != "local" else "local"
    if isolation == "local" and settings.multi_user:
        why = problem or "LA4AI_EXECUTION_BACKEND=local"
        raise SandboxUnavailable(
            f"multi-user mode refuses to run learner code without a sandbox ({why}); install "
            "bubblewrap or use LA4AI_EXECUTION_BACKEND=gateway"
        )
    read_only = labkit_binds()
    if course_data is not None:
        read_only[SANDBOX_COURSE_DATA] = course_data
    return ProcessProvisioner(isolation, limits, cgroups or CgroupFactory(), read_only=read_only)
