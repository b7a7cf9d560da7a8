"""The runtime service: everything that runs learner code, built from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.limits import Limits
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.provisioners import Provisioner, choose_provisioner
from la4ai.runtime.sessions import OnCull, SessionManager
from la4ai.runtime.workspace import Workspaces
from la4ai.settings import Settings

__all__ = ["Runtime"]


@dataclass
class Runtime:
    provisioner: Provisioner
    limits: Limits
    workspaces: Workspaces
    pool: KernelPool
    sessions: SessionManager

    @classmethod
    def from_settings(cls, settings: Settings, *, on_cull: OnCull | None = None) -> Runtime:
        """Raises SandboxUnavailable when the configured backend cannot (or may not) run."""
        provisioner = choose_provisioner(settings, cgroups=CgroupFactory())
        limits = Limits.from_settings(settings)
        workspaces = Workspaces(settings.data_dir / "workspaces")
        pool = KernelPool(provisioner, workspaces, size=settings.kernel_pool_size)
        sessions = SessionManager(
            provisioner,
            pool,
            workspaces,
            limits,
            kernels_per_learner=settings.kernels_per_learner,
            idle_timeout_s=settings.kernel_idle_timeout_min * 60,
            on_cull=on_cull,
        )
        return cls(provisioner, limits, workspaces, pool, sessions)

    def start(self) -> None:
        """Start the pool and the idle culler (needs a running event loop)."""
        self.sessions.start()

    async def close(self) -> None:
        await self.sessions.close()
