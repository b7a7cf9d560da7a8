"""Learner workspaces on disk: one private directory per learner and context.

A workspace is the only writable directory a sandbox sees. Pre-started kernels get a fresh
directory under ``.pool``; when one is handed to a learner, its directory is renamed to the
learner's (a bind mount follows the directory, so the running sandbox now sees the learner's
files) after the learner's earlier files are moved in.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

__all__ = ["Workspaces", "usage_bytes"]

_SAFE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def usage_bytes(root: Path, *, stop_after: int | None = None) -> int:
    """Disk use of everything under ``root``, never following symlinks."""
    total = 0
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            try:
                st = os.lstat(os.path.join(directory, name))  # noqa: PTH118 - hot loop
            except OSError:
                continue
            total += st.st_blocks * 512
        if stop_after is not None and total > stop_after:
            break
    return total


class Workspaces:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pool_root = root / ".pool"
        self.pool_root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for leftover in self.pool_root.iterdir():  # from server processes that have ended
            owner = leftover.name.partition("-")[0]
            if not owner.isdigit() or not _alive(int(owner)):
                shutil.rmtree(leftover, ignore_errors=True)

    def path(self, learner_id: int, kind: str, module_id: str) -> Path:
        """The learner's workspace for a context (not created)."""
        if not _SAFE.match(kind) or not _SAFE.match(module_id):
            raise ValueError(f"unsafe workspace name: {kind!r}/{module_id!r}")
        return self.root / str(int(learner_id)) / f"{kind}-{module_id}"

    def fresh(self) -> Path:
        """A new empty directory for a pre-started kernel."""
        path = self.pool_root / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        path.mkdir(mode=0o700)
        return path

    def ensure(self, target: Path) -> Path:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        return target

    def adopt(self, pooled: Path, target: Path) -> Path:
        """Make ``pooled`` (bound into a running sandbox) become ``target``, keeping the
        files already in ``target``."""
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if target.exists():
            for entry in list(target.iterdir()):
                destination = pooled / entry.name
                if destination.exists() or destination.is_symlink():
                    _remove(destination)
                entry.rename(destination)
            target.rmdir()
        pooled.rename(target)
        return target

    def discard(self, path: Path) -> None:
        if path.is_relative_to(self.pool_root):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
