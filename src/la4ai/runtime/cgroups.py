"""Aggregate caps per sandbox through Linux control groups, when the server may use them.

rlimits are per process (and ``RLIMIT_NPROC`` does not bind processes that map to root), so
where a writable cgroup hierarchy exists each sandbox gets its own group with a memory cap
(the kernel OOM-kills inside the group only) and a pids cap (fork and thread bombs fail with
EAGAIN). cgroup v2 (a delegated subtree) and v1 (``memory`` and ``pids`` controllers) are
both supported. Without either, rlimits are the only controls and ``la4ai doctor`` says so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Cgroup", "CgroupFactory"]

_ROOT = Path("/sys/fs/cgroup")
_GROUP = "la4ai"


@dataclass(frozen=True)
class Cgroup:
    """One sandbox's control group(s): one directory on v2, one per controller on v1."""

    dirs: tuple[Path, ...]
    version: int

    def attach(self, pid: int) -> None:
        """Move ``pid`` into the group (called in the child before it execs the sandbox)."""
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))

    def pids(self) -> set[int]:
        found: set[int] = set()
        for d in self.dirs:
            with contextlib.suppress(OSError):
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
        return found

    def oom_killed(self) -> bool:
        """Whether the memory cap killed a process in this group."""
        for d in self.dirs:
            for name in ("memory.events", "memory.oom_control"):
                with contextlib.suppress(OSError):
                    for line in (d / name).read_text().splitlines():
                        key, _, value = line.partition(" ")
                        if key == "oom_kill" and int(value) > 0:
                            return True
        return False

    def destroy(self) -> None:
        """Kill whatever still runs in the group and remove it."""
        for _ in range(50):
            left = self.pids()
            if not left:
                break
            for pid in left:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)
        for d in self.dirs:
            with contextlib.suppress(OSError):
                d.rmdir()


class CgroupFactory:
    """Creates per-sandbox groups under a ``la4ai`` parent, or reports that it cannot."""

    def __init__(self, root: Path = _ROOT) -> None:
        self.root = root
        self.version, self.parents = self._probe()
        self._remove_stale()

    def _remove_stale(self, older_than_s: float = 60.0) -> None:
        """Remove empty groups left by servers that were killed (rmdir only succeeds on a
        group without processes; young ones may be about to receive theirs)."""
        now = time.time()
        for parent in self.parents:
            with contextlib.suppress(OSError):
                for group in parent.iterdir():
                    with contextlib.suppress(OSError):
                        if group.is_dir() and now - group.stat().st_mtime > older_than_s:
                            group.rmdir()

    @property
    def available(self) -> bool:
        return bool(self.parents)

    def describe(self) -> str:
        if not self.available:
            return "not available (limits are per process: rlimits only)"
        return f"cgroup v{self.version} (memory and process caps per sandbox)"

    def create(self, *, memory_bytes: int, processes: int) -> Cgroup | None:
        if not self.available:
            return None
        name = uuid.uuid4().hex[:12]
        dirs: list[Path] = []
        try:
            for parent in self.parents:
                d = parent / name
                d.mkdir()
                dirs.append(d)
                self._limit(d, memory_bytes=memory_bytes, processes=processes)
        except OSError:
            Cgroup(tuple(dirs), self.version).destroy()
            return None
        return Cgroup(tuple(dirs), self.version)

    def _limit(self, d: Path, *, memory_bytes: int, processes: int) -> None:
        if self.version == 2:
            (d / "memory.max").write_text(str(memory_bytes))
            with contextlib.suppress(OSError):
                (d / "memory.swap.max").write_text("0")
            (d / "pids.max").write_text(str(processes))
        elif d.parent.parent.name == "memory":
            (d / "memory.limit_in_bytes").write_text(str(memory_bytes))
        else:
            (d / "pids.max").write_text(str(processes))

    def _probe(self) -> tuple[int, tuple[Path, ...]]:
        if os.environ.get("LA4AI_NO_CGROUPS"):
            return 0, ()
        v2 = self._own_v2_group()
        if v2 is not None:
            parent = v2 / _GROUP
            if self._usable(parent, ("memory.max", "pids.max"), v2=True):
                return 2, (parent,)
        v1 = (self.root / "memory" / _GROUP, self.root / "pids" / _GROUP)
        if self._usable(v1[0], ("memory.limit_in_bytes",)) and self._usable(v1[1], ("pids.max",)):
            return 1, v1
        return 0, ()

    def _own_v2_group(self) -> Path | None:
        if not (self.root / "cgroup.controllers").is_file():
            return None
        try:
            line = Path("/proc/self/cgroup").read_text().splitlines()[0]
        except (OSError, IndexError):
            return None
        # Our own group may hold processes, so children go in a sibling subtree.
        return (self.root / line.split("::", 1)[-1].lstrip("/")).parent

    @staticmethod
    def _usable(parent: Path, files: tuple[str, ...], *, v2: bool = False) -> bool:
        try:
            parent.mkdir(exist_ok=True)
            if v2:
                (parent / "cgroup.subtree_control").write_text("+memory +pids")
            probe = parent / f"probe-{os.getpid()}"
            probe.mkdir(exist_ok=True)
            ok = all((probe / f).exists() for f in files)
            probe.rmdir()
        except OSError:
            return False
        return ok
