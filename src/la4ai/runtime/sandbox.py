"""The bubblewrap sandbox learner code runs in: the command line and the process limits.

One function builds the ``bwrap`` argv for any program (a Jupyter kernel, a one-shot file
run, a grader's checker), so every path into learner code gets the same walls:

* every namespace unshared: no network (empty net namespace, its own loopback), own PID
  namespace (the server is invisible and cannot be signalled), IPC, UTS, cgroup, and a user
  namespace in which further user namespaces are disabled;
* a filesystem built from nothing: read-only ``/usr`` (and the merged-usr links), the Python
  installation and the virtual environment read-only, a synthetic ``/etc/passwd``, ``/proc``
  of the sandbox's own PID namespace, a minimal ``/dev``, size-bounded private ``/tmp`` and
  ``/dev/shm``, and exactly one writable directory: the learner's workspace;
* a cleared environment with a short whitelist (no secrets), a new session (no terminal
  injection), all capabilities dropped, no new privileges (bwrap always sets it);
* rlimits on the sandbox's processes (address space, file size, open files, processes, no
  core dumps) and, where available, a cgroup with aggregate memory and process caps.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from la4ai.runtime.cgroups import Cgroup
from la4ai.runtime.limits import MIB, Limits

__all__ = [
    "SANDBOX_HOME",
    "SANDBOX_RUN",
    "SANDBOX_WORKSPACE",
    "SandboxSpec",
    "bubblewrap_problem",
    "bwrap_command",
    "identity_files",
    "limit_process",
    "sandbox_environment",
]

SANDBOX_WORKSPACE = "/workspace"
SANDBOX_RUN = "/run/kernel"
SANDBOX_HOME = "/tmp"
SANDBOX_UID = 1000
_PASSWD = f"learner:x:{SANDBOX_UID}:{SANDBOX_UID}:learner:{SANDBOX_WORKSPACE}:/bin/sh\n"
_GROUP = f"learner:x:{SANDBOX_UID}:\n"


@dataclass(frozen=True)
class SandboxSpec:
    """What one sandbox sees: its workspace, an optional run directory (the kernel's IPC
    sockets and connection file), extra read-only directories, and its limits."""

    workspace: Path
    limits: Limits
    run_dir: Path | None = None
    read_only: dict[str, Path] = field(default_factory=dict)
    python_path: tuple[str, ...] = ()


def sandbox_environment(
    spec: SandboxSpec, *, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The whole environment learner code gets: nothing inherited from the server."""
    env = {
        "PATH": f"{sys.prefix}/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": SANDBOX_HOME,
        "USER": "learner",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "MPLCONFIGDIR": f"{SANDBOX_HOME}/.matplotlib",
        "IPYTHONDIR": f"{SANDBOX_HOME}/.ipython",
        # One BLAS thread per kernel: many learners share few cores.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PIP_NO_INDEX": "1",
        # glibc reserves 64 MiB of address space per thread arena; with RLIMIT_AS as the
        # memory cap that would count against the learner for nothing.
        "MALLOC_ARENA_MAX": "2",
    }
    if spec.python_path:
        env["PYTHONPATH"] = os.pathsep.join(spec.python_path)
    env.update(extra or {})
    return env


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "lib32", "bin", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", str(path.readlink()), f"/{name}"]
        elif path.is_dir():
            args += ["--ro-bind", str(path), f"/{name}"]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/fonts"):
        args += ["--ro-bind-try", etc, etc]
    return args


@functools.cache
def _python_dirs() -> tuple[str, ...]:
    """The Python installation and the virtual environment, outside ``/usr``."""
    dirs = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), sys.prefix}
    return tuple(sorted(d for d in dirs if not d.startswith("/usr/")))


def bwrap_command(
    spec: SandboxSpec, argv: list[str], *, env: dict[str, str], identity_fds: tuple[int, int]
) -> list[str]:
    """The full ``bwrap … -- argv`` command line for ``spec``; ``identity_fds`` are the read
    ends from :func:`identity_files` (passed to the child)."""
    cmd = [
        "bwrap",
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--uid", str(SANDBOX_UID),
        "--gid", str(SANDBOX_UID),
        "--hostname", "sandbox",
        "--die-with-parent",
        "--new-session",
        "--cap-drop", "ALL",
        "--clearenv",
    ]  # fmt: skip
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    cmd += _system_binds()
    for directory in _python_dirs():
        cmd += ["--ro-bind", directory, directory]
    for target, source in spec.read_only.items():
        cmd += ["--ro-bind", str(source), target]
    tmp = str(spec.limits.tmp_bytes)
    cmd += [
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", tmp, "--tmpfs", "/tmp",
        "--size", tmp, "--tmpfs", "/dev/shm",
        "--dir", f"{SANDBOX_HOME}/.matplotlib",
        "--perms", "0444", "--file", str(identity_fds[0]), "/etc/passwd",
        "--perms", "0444", "--file", str(identity_fds[1]), "/etc/group",
        "--bind", str(spec.workspace), SANDBOX_WORKSPACE,
    ]  # fmt: skip
    if spec.run_dir is not None:
        cmd += ["--bind", str(spec.run_dir), SANDBOX_RUN]
    cmd += ["--chdir", SANDBOX_WORKSPACE, "--", *argv]
    return cmd


def identity_files() -> tuple[int, int]:
    """Pipes carrying the sandbox's ``/etc/passwd`` and ``/etc/group`` (bwrap ``--file``).
    Returns the read ends; the caller passes them to bwrap and closes them."""
    fds: list[int] = []
    for text in (_PASSWD, _GROUP):
        read, write = os.pipe()
        os.write(write, text.encode())
        os.close(write)
        fds.append(read)
    return fds[0], fds[1]


def limit_process(limits: Limits, cgroup: Cgroup | None) -> Callable[[], None]:
    """A ``preexec_fn``: join the cgroup and set rlimits in the child before it execs."""

    def apply() -> None:
        if cgroup is not None:
            cgroup.attach(os.getpid())
        caps = {
            resource.RLIMIT_AS: limits.memory_bytes + 256 * MIB,  # room for the runtime
            resource.RLIMIT_FSIZE: limits.file_size_bytes,
            resource.RLIMIT_NOFILE: limits.open_files,
            resource.RLIMIT_NPROC: limits.processes,
            resource.RLIMIT_CORE: 0,
        }
        for which, value in caps.items():
            resource.setrlimit(which, (value, value))

    return apply


@functools.cache
def bubblewrap_problem() -> str | None:
    """``None`` when bubblewrap can build a sandbox here, else why not (for doctor/logs)."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    probe = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--ro-bind", "/", "/"]
    try:
        result = subprocess.run(
            [*probe, "--", "true"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap failed to start: {exc}"
    if result.returncode != 0:
        return f"bubblewrap cannot create namespaces here: {result.stderr.strip()}"
    return None
