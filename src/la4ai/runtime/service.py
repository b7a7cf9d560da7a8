"""The runtime service: everything that runs learner code, built from the settings."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.limits import Limits
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.provisioners import Provisioner, choose_provisioner
from la4ai.runtime.sessions import OnCull, SessionManager
from la4ai.runtime.workspace import Workspaces
from la4ai.settings import Settings

__all__ = ["PUBLIC_SUFFIXES", "Runtime", "publish_lab_data"]


#: The kinds of files a lab may publish to learner code (data, never Python).
PUBLIC_SUFFIXES = frozenset({".npy", ".npz", ".json", ".csv", ".txt", ".parquet"})


def publish_lab_data(root: Path, lab_data: dict[str, Path]) -> Path:
    """Copy each lab's public data files to ``root/<module id>/`` (replacing what was there)
    and return ``root``: the one directory bound into sandboxes, so that no path into the
    content folder (which holds solutions and checks) is ever mounted."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    for module_id, source in lab_data.items():
        if not source.is_dir():
            continue
        target = root / module_id
        target.mkdir()
        for item in sorted(source.iterdir()):
            if item.is_file() and not item.is_symlink() and item.suffix in PUBLIC_SUFFIXES:
                shutil.copyfile(item, target / item.name)
    return root


@dataclass
class Runtime:
    provisioner: Provisioner
    limits: Limits
    workspaces: Workspaces
    pool: KernelPool
    sessions: SessionManager
    #: The labs' public data, as published for sandboxes (bound at /data).
    course_data: Path

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        on_cull: OnCull | None = None,
        lab_data: dict[str, Path] | None = None,
    ) -> Runtime:
        """Raises SandboxUnavailable when the configured backend cannot (or may not) run.
        ``lab_data`` maps a module id to its lab's ``data/`` folder, shown to learner code
        read-only under ``/data/<module id>``."""
        course_data = publish_lab_data(settings.data_dir / "course-data", lab_data or {})
        provisioner = choose_provisioner(settings, cgroups=CgroupFactory(), course_data=course_data)
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
        return cls(provisioner, limits, workspaces, pool, sessions, course_data)

    def start(self) -> None:
        """Start the pool and the idle culler (needs a running event loop)."""
        self.sessions.start()

    async def close(self) -> None:
        await self.sessions.close()
