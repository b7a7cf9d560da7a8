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

import la4ai.labkit
from la4ai.runtime.cgroups import Cgroup
from la4ai.runtime.limits import MIB, Limits
from la4ai.runtime.seccomp import seccomp_program

__all__ = [
    "SANDBOX_COURSE_DATA",
    "SANDBOX_HOME",
    "SANDBOX_LABKIT_ROOT",
    "SANDBOX_RUN",
    "SANDBOX_WORKSPACE",
    "SandboxFds",
    "SandboxSpec",
    "bubblewrap_problem",
    "bwrap_command",
    "labkit_binds",
    "limit_process",
    "sandbox_environment",
    "sandbox_fds",
]

SANDBOX_WORKSPACE = "/workspace"
SANDBOX_RUN = "/run/kernel"
SANDBOX_HOME = "/tmp"
#: Where the course's public lab data (never solutions or checks) is bound, read-only.
SANDBOX_COURSE_DATA = "/data"
#: Where the ``la4ai.labkit`` package is bound (read-only) and put on ``PYTHONPATH``: the
#: checks' toolkit, importable in learner code; ``la4ai`` there holds nothing else.
SANDBOX_LABKIT_ROOT = "/opt/la4ai"
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
    #: False for checker processes: then only the bounded /tmp and /dev/shm are writable.
    writable_workspace: bool = True


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
    if SANDBOX_COURSE_DATA in spec.read_only:
        env["LA4AI_COURSE_DATA"] = SANDBOX_COURSE_DATA
    if any(target.startswith(f"{SANDBOX_LABKIT_ROOT}/") for target in spec.read_only):
        env["PYTHONPATH"] = SANDBOX_LABKIT_ROOT
    env.update(extra or {})
    return env


def labkit_binds() -> dict[str, Path]:
    """The read-only bind that makes ``la4ai.labkit`` (and only it) importable inside."""
    package = Path(la4ai.labkit.__file__).parent
    return {f"{SANDBOX_LABKIT_ROOT}/la4ai/labkit": package}


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
    spec: SandboxSpec, argv: list[str], *, env: dict[str, str], fds: SandboxFds
) -> list[str]:
    """The full ``bwrap … -- argv`` command line for ``spec``; ``fds`` are the pipes from
    :func:`sandbox_fds` (passed to the child)."""
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
    if fds.seccomp is not None:
        cmd += ["--seccomp", str(fds.seccomp)]
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    tmp = str(spec.limits.tmp_bytes)
    # /tmp first: the Python installation or the virtual environment may live under the
    # host's /tmp (a fresh checkout), and a later tmpfs would hide their binds.
    cmd += ["--size", tmp, "--tmpfs", "/tmp"]
    cmd += _system_binds()
    for directory in _python_dirs():
        cmd += ["--ro-bind", directory, directory]
    for target, source in spec.read_only.items():
        cmd += ["--ro-bind", str(source), target]
    cmd += [
        "--proc", "/proc",
        # bwrap covers these only when it judges them writable, which it gets wrong when the
        # sandbox user maps to host root: cover them always (host kernel settings!).
        "--ro-bind", "/proc/sys", "/proc/sys",
        "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger",
        "--ro-bind-try", "/proc/irq", "/proc/irq",
        "--ro-bind-try", "/proc/bus", "/proc/bus",
        "--dev", "/dev",
        "--size", tmp, "--tmpfs", "/dev/shm",
        "--dir", f"{SANDBOX_HOME}/.matplotlib",
        "--perms", "0444", "--file", str(fds.passwd), "/etc/passwd",
        "--perms", "0444", "--file", str(fds.group), "/etc/group",
    ]  # fmt: skip
    workspace_bind = "--bind" if spec.writable_workspace else "--ro-bind"
    cmd += [workspace_bind, str(spec.workspace), SANDBOX_WORKSPACE]
    if spec.run_dir is not None:
        cmd += ["--bind", str(spec.run_dir), SANDBOX_RUN]
    # The root and /dev are memory-backed: nothing may grow them (only /tmp, /dev/shm, the
    # workspace and the run directory are writable, each bounded).
    cmd += ["--remount-ro", "/dev", "--remount-ro", "/"]
    cmd += ["--chdir", SANDBOX_WORKSPACE, "--", *argv]
    return cmd


@dataclass(frozen=True)
class SandboxFds:
    """Pipes bwrap reads at start: the sandbox's /etc/passwd and /etc/group, and the seccomp
    program (None where there is none)."""

    passwd: int
    group: int
    seccomp: int | None

    def all(self) -> tuple[int, ...]:
        return tuple(fd for fd in (self.passwd, self.group, self.seccomp) if fd is not None)

    def close(self) -> None:
        for fd in self.all():
            os.close(fd)


def _pipe_with(data: bytes) -> int:
    read, write = os.pipe()
    try:
        os.write(write, data)  # all small enough for the pipe buffer
    finally:
        os.close(write)
    return read


def sandbox_fds() -> SandboxFds:
    """Fresh pipes for one sandbox; pass ``all()`` to the child, then ``close()``."""
    program = seccomp_program()
    return SandboxFds(
        passwd=_pipe_with(_PASSWD.encode()),
        group=_pipe_with(_GROUP.encode()),
        seccomp=None if program is None else _pipe_with(program),
    )


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
