"""Starting a program where learner code runs: inside the sandbox, or (``local``) as a
plain process with the same limits. Kernels, one-shot runs and checkers all start here."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from la4ai.runtime.cgroups import Cgroup, CgroupFactory
from la4ai.runtime.sandbox import (
    SANDBOX_RUN,
    SANDBOX_WORKSPACE,
    SandboxSpec,
    bwrap_command,
    limit_process,
    sandbox_environment,
    sandbox_fds,
)

__all__ = ["Isolation", "Launched", "Spawned", "launch_program", "spawn_program"]

Isolation = Literal["sandbox", "local"]


@dataclass
class Launched:
    """A started program: the process, and the cgroup that caps it (if any)."""

    process: asyncio.subprocess.Process
    cgroup: Cgroup | None
    isolation: Isolation

    async def kill(self) -> None:
        """Kill the program and everything it started; safe to call twice."""
        # Always the whole process group (a new session was started for it, so the group is
        # its own): children may outlive the main process.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.wait(), timeout=10)
        if self.cgroup is not None:
            self.cgroup.destroy()

    def oom_killed(self) -> bool:
        return self.cgroup is not None and self.cgroup.oom_killed()


def _local_paths(spec: SandboxSpec, env: dict[str, str]) -> dict[str, str]:
    """Unsandboxed, the in-sandbox paths of the environment point at the real directories."""
    mapped = {SANDBOX_WORKSPACE: str(spec.workspace)}
    mapped.update({target: str(source) for target, source in spec.read_only.items()})
    if spec.run_dir is not None:
        mapped[SANDBOX_RUN] = str(spec.run_dir)
    home = spec.workspace / ".home"
    home.mkdir(exist_ok=True)
    out = dict(env)
    for key, value in env.items():
        if value.startswith("/tmp"):
            out[key] = str(home) + value.removeprefix("/tmp")
        for inside, outside in mapped.items():
            if value.startswith(inside):
                out[key] = outside + value.removeprefix(inside)
    return out


def _local_argv(spec: SandboxSpec, argv: list[str]) -> list[str]:
    mapped = {SANDBOX_WORKSPACE: str(spec.workspace)}
    if spec.run_dir is not None:
        mapped[SANDBOX_RUN] = str(spec.run_dir)
    out: list[str] = []
    for arg in argv:
        for inside, outside in mapped.items():
            if arg.startswith(inside):
                arg = outside + arg.removeprefix(inside)
        out.append(arg)
    return out


@dataclass(frozen=True)
class _Command:
    argv: list[str]
    cgroup: Cgroup | None
    #: What Popen and asyncio's subprocess functions take beside argv and the pipes.
    options: dict[str, Any]


@contextlib.contextmanager
def _command(
    spec: SandboxSpec,
    argv: list[str],
    isolation: Isolation,
    env: dict[str, str] | None,
    cgroups: CgroupFactory,
) -> Iterator[_Command]:
    """How to start ``argv`` under ``spec``: the command line, a cgroup (destroyed if the
    start fails) and the process options; the pipes bwrap reads are closed afterwards."""
    environment = sandbox_environment(spec, extra=env)
    cgroup = cgroups.create(memory_bytes=spec.limits.memory_bytes, processes=spec.limits.processes)
    options: dict[str, Any] = {
        "preexec_fn": limit_process(spec.limits, cgroup),
        "start_new_session": True,
    }
    fds = sandbox_fds() if isolation == "sandbox" else None
    try:
        if fds is None:
            options.update(cwd=spec.workspace, env=_local_paths(spec, environment))
            yield _Command(_local_argv(spec, argv), cgroup, options)
        else:
            options.update(env={}, pass_fds=fds.all())
            yield _Command(bwrap_command(spec, argv, env=environment, fds=fds), cgroup, options)
    except BaseException:
        if cgroup is not None:
            cgroup.destroy()
        raise
    finally:
        if fds is not None:
            fds.close()


async def launch_program(
    spec: SandboxSpec,
    argv: list[str],
    *,
    isolation: Isolation,
    cgroups: CgroupFactory,
    env: dict[str, str] | None = None,
    capture: bool = True,
) -> Launched:
    """Start ``argv`` (paths as seen inside the sandbox) under ``spec``'s walls and limits."""
    pipe = asyncio.subprocess.PIPE if capture else asyncio.subprocess.DEVNULL
    with _command(spec, argv, isolation, env, cgroups) as command:
        process = await asyncio.create_subprocess_exec(
            *command.argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=pipe,
            stderr=pipe,
            **command.options,
        )
    return Launched(process=process, cgroup=command.cgroup, isolation=isolation)


@dataclass
class Spawned:
    """A program started with :func:`spawn_program`: pipes on stdin, stdout and stderr, for
    callers that talk to it synchronously (the grader's checker processes)."""

    process: subprocess.Popen[bytes]
    cgroup: Cgroup | None
    isolation: Isolation

    def kill(self) -> None:
        """Kill the program and everything it started, close its pipes; safe to call twice."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if self.cgroup is not None:
            self.cgroup.destroy()
            self.cgroup = None

    def oom_killed(self) -> bool:
        return self.cgroup is not None and self.cgroup.oom_killed()


def spawn_program(
    spec: SandboxSpec,
    argv: list[str],
    *,
    isolation: Isolation,
    cgroups: CgroupFactory,
    env: dict[str, str] | None = None,
) -> Spawned:
    """Like :func:`launch_program`, without an event loop, with a pipe on stdin too."""
    pipe = subprocess.PIPE
    with _command(spec, argv, isolation, env, cgroups) as command:
        process = subprocess.Popen(
            command.argv, stdin=pipe, stdout=pipe, stderr=pipe, **command.options
        )
    return Spawned(process=process, cgroup=command.cgroup, isolation=isolation)
