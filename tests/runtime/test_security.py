"""Hostile learner programs against the code-execution paths (reference/sandbox-abuse-cases.md).

Every hostile program prints ``STARTED`` first and reports what happened on ``RESULT …``
lines; a test passes only when the marker was seen *and* the outcome is the safe one, and a
fresh sandbox still runs ``print(1+1)`` afterwards. Programs run the way learner code does:
through :func:`run_source` (the one-shot path of ``la4ai sandbox run`` and the grader),
through :func:`launch_program` when they need a prepared workspace, through
:func:`run_cell` on a real kernel, and through the :class:`SessionManager`.

``sandbox`` (bubblewrap) runs every case. ``local`` (plain processes with the same rlimits
and cgroups, no namespaces) runs the cases whose control exists there: time, memory,
processes, file size, open files, output, environment, recursion, bombs. Network,
filesystem and /proc cases do not apply to it, and several would harm the host unsandboxed
(``os.kill(-1, 9)`` as root), so hostile programs that could do damage check first that
they run in a PID namespace of their own and stop otherwise. What the server does the same
for every backend (the session's quota watcher and kernel caps, culling, the interrupt
then restart path, taking in kernel messages) is shown on the sandbox only, to keep the
file fast.

Several tests here first failed against the sandbox and led to fixes; docs/sandbox.md
lists them ("Gaps the security tests found").

Cases covered elsewhere:

* 21 (monkeypatching the grader): issue 4, the grader's own tests.
* 23 (HTML/JS output): tests/browser/test_runnable_cells.py::
  test_html_output_cannot_reach_the_page.
* 24 (saving ``../../x``): tests/workspaces/test_saves.py::
  test_names_the_lesson_or_lab_does_not_have_are_refused and
  test_the_refusal_names_the_files_there_are; tests/web/test_workspaces_api.py::
  test_names_outside_the_lesson_or_lab_are_refused_with_422.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pytest

from la4ai.runtime.cgroups import Cgroup, CgroupFactory
from la4ai.runtime.events import (
    CellDone,
    CellError,
    InterruptRequest,
    LimitNotice,
    RunRequest,
    ServerEvent,
    StreamOutput,
)
from la4ai.runtime.execution import CellOutcome, run_cell
from la4ai.runtime.kernel import Kernel, Message, ProcessKernel, start_process_kernel
from la4ai.runtime.launch import Isolation, launch_program
from la4ai.runtime.limits import MIB, Limits
from la4ai.runtime.oneshot import RunResult, run_source
from la4ai.runtime.pool import KernelPool
from la4ai.runtime.provisioners import ProcessProvisioner
from la4ai.runtime.sandbox import (
    SANDBOX_WORKSPACE,
    SandboxSpec,
    bubblewrap_problem,
    sandbox_environment,
)
from la4ai.runtime.sessions import Session, SessionKey, SessionManager
from la4ai.runtime.workspace import Workspaces, usage_bytes
from la4ai.settings import default_content_dir
from tests.conftest import need
from tests.runtime.conftest import TEST_LIMITS

pytestmark = pytest.mark.anyio

# The runtime tests' small limits, tighter where a hostile program should hit them sooner.
LIMITS = replace(
    TEST_LIMITS, time_s=2.0, memory_bytes=256 * MIB, open_files=256, workspace_bytes=16 * MIB
)
# A kernel imports NumPy and Matplotlib before its first cell: it needs more room.
KERNEL_LIMITS = replace(LIMITS, memory_bytes=512 * MIB)
SECRET = "topsecret-9f3b2c"
# Stops a program unless it runs in a PID namespace of its own (where it is pid 2).
GUARD = """\
import os, sys
if os.getpid() > 10:
    print("RESULT NOT ISOLATED", flush=True)
    sys.exit(3)
"""


def hostile(body: str) -> str:
    """A hostile program: the ``STARTED`` marker, then ``body``."""
    return 'print("STARTED", flush=True)\n' + body


def outcome(stdout: str) -> list[str]:
    """The program's RESULT lines, after checking that it started."""
    lines = stdout.splitlines()
    assert lines[:1] == ["STARTED"], f"the hostile program did not start: {stdout[:500]!r}"
    return [line.removeprefix("RESULT ") for line in lines if line.startswith("RESULT ")]


async def run(
    source: str,
    *,
    isolation: Isolation,
    limits: Limits = LIMITS,
    name: str = "main.py",
    cgroups: CgroupFactory | None = None,
) -> RunResult:
    return await run_source(source, limits=limits, isolation=isolation, name=name, cgroups=cgroups)


async def assert_fresh_sandbox_works(isolation: Isolation) -> None:
    result = await run("print(1+1)", isolation=isolation)
    assert (result.status, result.stdout) == ("ok", "2\n"), result


@dataclass(frozen=True)
class Ran:
    stdout: str
    stderr: str
    returncode: int | None
    oom: bool


async def run_in(
    workspace: Path, source: str, *, isolation: Isolation, limits: Limits = LIMITS
) -> Ran:
    """Run ``source`` as main.py in a prepared ``workspace`` (kept afterwards)."""
    (workspace / "main.py").write_text(source)
    spec = SandboxSpec(workspace=workspace, limits=limits)
    argv = [sys.executable, "-I", f"{SANDBOX_WORKSPACE}/main.py"]
    launched = await launch_program(spec, argv, isolation=isolation, cgroups=CgroupFactory())
    try:
        out, err = await asyncio.wait_for(launched.process.communicate(), limits.time_s + 10)
    finally:
        oom = launched.oom_killed()
        await launched.kill()
    return Ran(
        out.decode(errors="replace"), err.decode(errors="replace"), launched.process.returncode, oom
    )


class RecordingCgroups(CgroupFactory):
    """A CgroupFactory that remembers the groups it made."""

    def __init__(self) -> None:
        super().__init__()
        self.created: list[Cgroup] = []

    def create(self, *, memory_bytes: int, processes: int) -> Cgroup | None:
        group = super().create(memory_bytes=memory_bytes, processes=processes)
        if group is not None:
            self.created.append(group)
        return group


def processes_with(token: str) -> list[int]:
    """Host processes whose command line contains ``token``."""
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if token.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def processes_left(token: str, timeout: float = 2.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := processes_with(token)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)


# -- fixtures -------------------------------------------------------------------------------


def _need_sandbox() -> None:
    need(bubblewrap_problem() is None, f"the bubblewrap sandbox ({bubblewrap_problem()})")


@pytest.fixture(params=["sandbox", "local"])
def isolation(request: pytest.FixtureRequest) -> Isolation:
    """Both backends: for controls that exist in both (rlimits, cgroups, environment)."""
    if request.param == "sandbox":
        _need_sandbox()
        return "sandbox"
    return "local"


@pytest.fixture
def sandbox() -> Isolation:
    """The sandbox only: for controls made of namespaces and mounts."""
    _need_sandbox()
    return "sandbox"


def need_process_cap() -> None:
    # As root, RLIMIT_NPROC binds nothing: without the pids cgroup a fork bomb is unbounded.
    need(
        CgroupFactory().available or os.getuid() != 0,
        "a process cap (writable cgroups, or a server that is not root)",
    )


@pytest.fixture(scope="module")
def run_root() -> Iterator[Path]:
    """A short directory for kernel IPC sockets (a socket path must stay under ~100 bytes)."""
    root = Path(tempfile.mkdtemp(prefix="la4ai-t-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@dataclass
class KernelBox:
    """A kernel under KERNEL_LIMITS that a test may restart."""

    kernel: ProcessKernel
    workspace: Path
    run_root: Path
    isolation: Isolation
    runs: int = 0
    largest_message: int = 0

    @classmethod
    async def start(cls, isolation: Isolation, workspace: Path, run_root: Path) -> KernelBox:
        workspace.mkdir(exist_ok=True)
        kernel = await start_process_kernel(
            workspace=workspace,
            run_root=run_root,
            limits=KERNEL_LIMITS,
            isolation=isolation,
            cgroups=CgroupFactory(),
        )
        return cls(kernel, workspace, run_root, isolation)

    async def restart(self) -> None:
        old = self.kernel
        await old.shutdown()
        assert old.poll() is not None
        fresh = await KernelBox.start(self.isolation, self.workspace, self.run_root)
        self.kernel = fresh.kernel

    async def run(self, code: str) -> tuple[CellOutcome, list[ServerEvent]]:
        self.runs += 1
        events: list[ServerEvent] = []

        async def emit(event: ServerEvent) -> None:
            events.append(event)

        recording = RecordingKernel(self.kernel)
        done = await run_cell(
            recording, cell_id=f"c{self.runs}", code=code, limits=KERNEL_LIMITS, emit=emit
        )
        self.largest_message = max(self.largest_message, recording.largest)
        return done, events

    async def assert_usable(self) -> None:
        done, events = await self.run("print(1+1)")
        assert (done.done.status, streamed(events)) == ("ok", "2\n")


class RecordingKernel(Kernel):
    """A kernel as the server sees it, noting the largest message the server received."""

    def __init__(self, inner: Kernel) -> None:
        self.inner = inner
        self.kernel_id, self.backend, self.workspace = inner.kernel_id, inner.backend, None
        self.largest = 0

    async def execute(self, code: str) -> str:
        return await self.inner.execute(code)

    async def next_message(self, timeout: float) -> Message | None:
        msg = await self.inner.next_message(timeout)
        if msg is not None:
            self.largest = max(self.largest, len(json.dumps(msg["content"])))
        return msg

    async def interrupt(self) -> None:
        await self.inner.interrupt()

    def poll(self) -> int | None:
        return self.inner.poll()

    def oom_killed(self) -> bool:
        return self.inner.oom_killed()

    async def shutdown(self) -> None:
        await self.inner.shutdown()


@pytest.fixture
async def kernel(isolation: Isolation, tmp_path: Path, run_root: Path) -> AsyncIterator[KernelBox]:
    """A kernel on each backend."""
    box = await KernelBox.start(isolation, tmp_path / "workspace", run_root)
    try:
        yield box
    finally:
        await box.kernel.shutdown()


@pytest.fixture
async def sandbox_kernel(
    sandbox: Isolation, tmp_path: Path, run_root: Path
) -> AsyncIterator[KernelBox]:
    """A sandboxed kernel, for what the server does the same whatever the backend."""
    box = await KernelBox.start(sandbox, tmp_path / "workspace", run_root)
    try:
        yield box
    finally:
        await box.kernel.shutdown()


def streamed(events: list[ServerEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, StreamOutput))


def notices(events: list[ServerEvent], limit: str) -> list[str]:
    return [e.message for e in events if isinstance(e, LimitNotice) and e.limit == limit]


@dataclass
class Watched:
    """A session and every event broadcast to it."""

    session: Session
    events: list[ServerEvent] = field(default_factory=list)


@dataclass
class SessionRig:
    manager: SessionManager
    workspaces: Workspaces
    culled: list[tuple[SessionKey, dict[str, str], bool]] = field(default_factory=list)

    def open(self, learner: int, module_id: str) -> Watched:
        watched = Watched(self.manager.open(SessionKey(learner, "lab", module_id)))

        async def collect(event: ServerEvent) -> None:
            watched.events.append(event)

        watched.session.subscribers.add(collect)
        return watched

    async def submit(self, watched: Watched, code: str) -> str:
        cell_id = uuid.uuid4().hex[:8]
        await self.manager.submit(watched.session, RunRequest(cell_id=cell_id, code=code))
        return cell_id

    async def run(self, watched: Watched, code: str, timeout: float = 60) -> CellDone:
        return await wait_done(watched, await self.submit(watched, code), timeout)


async def wait_done(watched: Watched, cell_id: str, timeout: float = 60) -> CellDone:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for event in watched.events:
            if isinstance(event, CellDone) and event.cell_id == cell_id:
                return event
        await asyncio.sleep(0.05)
    raise AssertionError(f"cell {cell_id} did not finish in {timeout} s: {watched.events}")


@contextlib.asynccontextmanager
async def session_rig(
    tmp_path: Path,
    isolation: Isolation,
    *,
    limits: Limits = KERNEL_LIMITS,
    kernels_per_learner: int = 3,
    idle_timeout_s: float = 3600,
) -> AsyncIterator[SessionRig]:
    provisioner = ProcessProvisioner(isolation, limits, CgroupFactory())
    workspaces = Workspaces(tmp_path / "workspaces")
    manager = SessionManager(
        provisioner,
        KernelPool(provisioner, workspaces, size=0),
        workspaces,
        limits,
        kernels_per_learner=kernels_per_learner,
        idle_timeout_s=idle_timeout_s,
    )
    rig = SessionRig(manager, workspaces)

    async def on_cull(key: SessionKey, code: dict[str, str]) -> None:
        kernel = manager.sessions[key].kernel
        rig.culled.append((key, code, kernel is not None and kernel.alive))

    manager.on_cull = on_cull
    try:
        yield rig
    finally:
        await manager.close()


# -- 1, 2: time ------------------------------------------------------------------------------


async def test_01_busy_loop_stops_at_the_time_limit(isolation: Isolation) -> None:
    result = await run(hostile("while True:\n    pass\n"), isolation=isolation)
    outcome(result.stdout)
    assert result.status == "timeout"
    assert result.message == "The program ran longer than 2 s and was stopped."
    assert result.duration_ms < (LIMITS.time_s + 3) * 1000
    await assert_fresh_sandbox_works(isolation)


async def test_01_busy_cell_is_interrupted_at_the_time_limit(kernel: KernelBox) -> None:
    done, events = await kernel.run(hostile("while True:\n    pass\n"))
    assert streamed(events).startswith("STARTED")
    assert done.done.status == "timeout"
    assert notices(events, "time") == ["This cell ran longer than 2 s and was stopped."]
    assert not done.needs_restart
    await kernel.assert_usable()


async def test_01_cell_ignoring_the_interrupt_gets_a_new_kernel(
    sandbox_kernel: KernelBox,
) -> None:
    kernel = sandbox_kernel
    code = "while True:\n    try:\n        while True:\n            pass\n"
    code += "    except KeyboardInterrupt:\n        pass\n"
    done, events = await kernel.run(hostile(code))
    assert streamed(events).startswith("STARTED")
    assert (done.done.status, done.needs_restart, done.restart_reason) == ("timeout", True, "time")
    assert notices(events, "time") == [KERNEL_LIMITS.time_message()]
    await kernel.restart()
    await kernel.assert_usable()


@pytest.mark.parametrize(
    ("body", "status"),
    [("import time\ntime.sleep(10**6)\n", "timeout"), ("input()\n", "error")],
    ids=["sleep", "input"],
)
async def test_02_sleeping_or_waiting_for_input_stops_at_the_wall_clock_limit(
    isolation: Isolation, body: str, status: str
) -> None:
    result = await run(hostile(body), isolation=isolation)
    outcome(result.stdout)
    assert result.status == status
    assert result.duration_ms < (LIMITS.time_s + 3) * 1000
    if status == "error":  # stdin is empty: input() fails at once instead of hanging
        assert "EOFError" in result.stderr
    await assert_fresh_sandbox_works(isolation)


async def test_02_sleeping_cell_is_interrupted_and_input_fails_at_once(kernel: KernelBox) -> None:
    done, events = await kernel.run(hostile("import time\ntime.sleep(10**6)\n"))
    assert streamed(events).startswith("STARTED")
    assert (done.done.status, done.needs_restart) == ("timeout", False)
    assert notices(events, "time") == [KERNEL_LIMITS.time_message()]
    done, events = await kernel.run(hostile("input()\n"))
    assert streamed(events).startswith("STARTED")
    assert done.done.status == "error"
    assert [e.ename for e in events if isinstance(e, CellError)] == ["StdinNotImplementedError"]
    assert done.done.duration_ms < KERNEL_LIMITS.time_s * 1000
    await kernel.assert_usable()


# -- 3: memory -------------------------------------------------------------------------------

MEMORY_HOG = hostile("chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 2**20))\n")


async def test_03_memory_hog_is_stopped_at_the_memory_limit(isolation: Isolation) -> None:
    result = await run(MEMORY_HOG, isolation=isolation)
    outcome(result.stdout)
    assert result.status == "memory"
    assert result.message == "The program used more than 256 MiB of memory."
    await assert_fresh_sandbox_works(isolation)


async def test_03_memory_hog_cell_is_explained_and_the_kernel_restarted(
    kernel: KernelBox,
) -> None:
    done, events = await kernel.run(MEMORY_HOG)
    assert streamed(events).startswith("STARTED")
    assert (done.done.status, done.needs_restart, done.restart_reason) == (
        "memory",
        True,
        "memory",
    )
    assert notices(events, "memory") == [
        "Your code used more than 512 MiB of memory; the kernel was restarted."
    ]
    await kernel.restart()
    await kernel.assert_usable()


# -- 4, 5: processes and threads -------------------------------------------------------------

FORK_BOMB = hostile("""\
import os, time
root = os.getpid()
try:
    while True:
        os.fork()
except OSError as exc:
    if os.getpid() == root:
        print("RESULT", type(exc).__name__, flush=True)
        time.sleep(0.3)
        os._exit(0)
    time.sleep(30)
    os._exit(0)
""")

THREAD_BOMB = hostile("""\
import threading
hold = threading.Event()
started = 0
try:
    while True:
        threading.Thread(target=hold.wait, daemon=True).start()
        started += 1
except RuntimeError as exc:
    print("RESULT", started, exc, flush=True)
""")


@pytest.mark.parametrize("program", [FORK_BOMB, THREAD_BOMB], ids=["04-fork", "05-threads"])
async def test_04_05_fork_and_thread_bombs_stop_at_the_process_cap_and_leave_nothing(
    isolation: Isolation, program: str
) -> None:
    need_process_cap()
    token = f"bomb_{uuid.uuid4().hex[:10]}"
    cgroups = RecordingCgroups()
    limits = replace(LIMITS, memory_bytes=512 * MIB)  # room for 64 thread stacks
    try:
        result = await run(
            program, isolation=isolation, limits=limits, name=f"{token}.py", cgroups=cgroups
        )
        (line,) = outcome(result.stdout)
        if program is FORK_BOMB:
            assert line == "BlockingIOError"  # EAGAIN from fork at the cap
        else:
            started, _, message = line.partition(" ")
            assert 10 < int(started) < LIMITS.processes
            assert message == "can't start new thread"
        # Unsandboxed, the fork bomb's children hold stdout open until the time limit.
        assert result.status == (
            "timeout" if program is FORK_BOMB and isolation == "local" else "ok"
        )
        assert processes_left(token) == []
        assert all(not d.exists() for group in cgroups.created for d in group.dirs)
    finally:
        kill_all(processes_with(token))
    await assert_fresh_sandbox_works(isolation)


async def test_04_children_left_behind_are_killed_even_without_cgroups(
    isolation: Isolation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The program exits and leaves a child (in its process group) running."""
    monkeypatch.setenv("LA4AI_NO_CGROUPS", "1")
    cgroups = CgroupFactory()
    assert not cgroups.available
    token = f"orphan_{uuid.uuid4().hex[:10]}"
    program = hostile(
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.close(1); os.close(2)\n"
        "    time.sleep(30)\n"
        "    os._exit(0)\n"
        'print("RESULT forked", flush=True)\n'
    )
    try:
        result = await run(program, isolation=isolation, name=f"{token}.py", cgroups=cgroups)
        assert outcome(result.stdout) == ["forked"]
        left = processes_left(token)
        assert left == [], f"the program's child is still running after the run: {left}"
    finally:
        kill_all(processes_with(token))


# -- 6, 7, 8: files ---------------------------------------------------------------------------


async def test_06_a_growing_file_stops_at_the_file_size_limit(isolation: Isolation) -> None:
    program = hostile("""\
import errno
written = 0
try:
    with open("big.bin", "wb") as f:
        while True:
            f.write(b"x" * 2**20)
            f.flush()
            written += 1
except OSError as exc:
    print("RESULT", written, errno.errorcode[exc.errno], flush=True)
""")
    result = await run(program, isolation=isolation)
    assert outcome(result.stdout) == [f"{LIMITS.file_size_bytes // MIB} EFBIG"]
    await assert_fresh_sandbox_works(isolation)


def file_writer(directory: str, *, catch_interrupt: bool = False, files: int = 120) -> str:
    """1 MiB files into ``directory`` at about 20 MiB/s, up to ``files`` MiB; prints the
    count after each file. Optionally swallows KeyboardInterrupt and carries on."""
    step = 'with open(f"{d}/f{n}", "wb") as f:\n        f.write(b"x" * 2**20)\n    n += 1\n'
    step += '    print("W", n, flush=True)\n    time.sleep(0.05)\n'
    if catch_interrupt:
        loop = "while n < total:\n    try:\n        " + step.replace("\n    ", "\n        ")
        loop += '    except KeyboardInterrupt:\n        print("RESULT caught", flush=True)\n'
    else:
        loop = "while n < total:\n    " + step
    return hostile(f"import time\nd, n, total = {directory!r}, 0, {files}\n{loop}")


# The quota plus 4 s of the writer's 20 MiB/s: time to notice (the session's watcher polls
# every 0.5 s), to interrupt, and to kill a cell that ignores the interrupt (the time limit
# waits 3 s for that).
QUOTA_BOUND_MIB = 16 + 4 * 20


def written_mib(text: str) -> int:
    counts = [int(line[2:]) for line in text.splitlines() if line.startswith("W ")]
    return max(counts, default=0)


async def test_06_many_small_files_stop_at_the_workspace_quota(sandbox: Isolation) -> None:
    """Each file is under the file-size limit; together they pass the workspace quota."""
    limits = replace(LIMITS, time_s=10.0)
    result = await run(file_writer("."), isolation=sandbox, limits=limits)
    outcome(result.stdout)
    written = written_mib(result.stdout)
    assert written >= LIMITS.workspace_bytes // MIB, "the program never reached the quota"
    assert result.status != "ok", f"wrote {written} MiB with a 16 MiB workspace quota"
    assert written <= QUOTA_BOUND_MIB
    await assert_fresh_sandbox_works(sandbox)


async def fill_workspace_in_a_cell(
    tmp_path: Path, isolation: Isolation, *, catch_interrupt: bool
) -> None:
    limits = replace(KERNEL_LIMITS, time_s=15.0)
    async with session_rig(tmp_path, isolation, limits=limits) as rig:
        watched = rig.open(1, "quota")
        done = await rig.run(watched, file_writer(".", catch_interrupt=catch_interrupt))
        text = streamed(watched.events)
        outcome(text)
        written = written_mib(text)
        assert notices(watched.events, "workspace") == [limits.workspace_message()]
        assert done.status != "ok", f"the cell wrote {written} MiB and finished"
        assert written <= QUOTA_BOUND_MIB, f"wrote {written} MiB"
        assert (await rig.run(watched, "print(1+1)")).status == "ok"


async def test_06_a_cell_filling_the_workspace_is_stopped_at_the_quota(
    isolation: Isolation, tmp_path: Path
) -> None:
    await fill_workspace_in_a_cell(tmp_path, isolation, catch_interrupt=False)


async def test_06_a_cell_swallowing_the_interrupt_is_still_stopped_at_the_quota(
    sandbox: Isolation, tmp_path: Path
) -> None:
    """The quota watcher interrupts the cell; learner code may catch KeyboardInterrupt."""
    await fill_workspace_in_a_cell(tmp_path, sandbox, catch_interrupt=True)


async def test_06_the_kernel_run_directory_is_no_way_around_the_quota(
    sandbox: Isolation, tmp_path: Path
) -> None:
    """/run/kernel (the IPC sockets) is writable too, and lives on the host's disk."""
    limits = replace(KERNEL_LIMITS, time_s=15.0)
    async with session_rig(tmp_path, sandbox, limits=limits) as rig:
        watched = rig.open(1, "rundir")
        program = file_writer("/run/kernel").replace(
            'print("STARTED", flush=True)\n',
            'print("STARTED", flush=True)\ntry:\n    open("/run/kernel/probe", "w").close()\n'
            "except OSError:\n"
            '    print("RESULT refused", flush=True)\n'
            "    raise SystemExit\n",
        )
        await rig.run(watched, program)
        text = streamed(watched.events)
        if outcome(text)[:1] != ["refused"]:  # else: writing there is refused: safe
            assert notices(watched.events, "workspace") == [limits.workspace_message()]
            assert written_mib(text) <= QUOTA_BOUND_MIB, f"wrote {written_mib(text)} MiB"


FILL_TMP = """\
import errno
written = 0
try:
    while written < 64:
        with open(f"DIR/f{written}", "wb") as f:
            f.write(b"x" * 2**20)
        written += 1
    print("RESULT", written, None, flush=True)
except OSError as exc:
    print("RESULT", written, errno.errorcode[exc.errno], flush=True)
"""


@pytest.mark.parametrize("directory", ["/tmp", "/dev/shm", "/", "/dev"])
async def test_07_filling_tmp_stops_at_the_tmpfs_size(sandbox: Isolation, directory: str) -> None:
    """/tmp and /dev/shm are bounded tmpfs; the other in-memory directories of the sandbox
    (its root and /dev) must be read-only or as small."""
    program = hostile(FILL_TMP.replace("DIR", directory.rstrip("/")))
    result = await run(program, isolation=sandbox)
    assert result.status == "ok", result
    (line,) = outcome(result.stdout)
    written, _, error = line.partition(" ")
    assert error in ("ENOSPC", "EROFS", "EACCES"), f"{directory}: wrote {written} MiB, {error}"
    assert int(written) <= LIMITS.tmp_bytes // MIB
    await assert_fresh_sandbox_works(sandbox)


async def test_08_opening_many_files_stops_at_the_open_files_limit(isolation: Isolation) -> None:
    program = hostile("""\
import errno
files = []
try:
    for _ in range(10_000):
        files.append(open("main.py"))
    print("RESULT", len(files), None)
except OSError as exc:
    print("RESULT", len(files), errno.errorcode[exc.errno])
""")
    result = await run(program, isolation=isolation)
    (line,) = outcome(result.stdout)
    opened, _, error = line.partition(" ")
    assert error == "EMFILE"
    assert 200 < int(opened) < LIMITS.open_files
    await assert_fresh_sandbox_works(isolation)


# -- 9: output --------------------------------------------------------------------------------

FLOOD = hostile('while True:\n    print("x" * 65536)\n')


async def test_09_printing_forever_is_cut_at_the_output_limit(isolation: Isolation) -> None:
    result = await run(FLOOD, isolation=isolation)
    outcome(result.stdout)
    assert result.truncated
    assert result.stdout.endswith("[output truncated: more than 65536 bytes]\n")
    kept = len(result.stdout.encode()) + len(result.stderr.encode())
    assert kept <= LIMITS.output_bytes + 100
    assert result.status == "timeout"
    await assert_fresh_sandbox_works(isolation)


async def test_09_a_flooding_cell_is_cut_with_a_notice_and_stopped(kernel: KernelBox) -> None:
    done, events = await kernel.run(FLOOD)
    assert streamed(events).startswith("STARTED")
    assert len(streamed(events).encode()) <= KERNEL_LIMITS.output_bytes
    assert len(events) < 50
    # Cut with the output notice and interrupted. The kernel's own stdout buffer (flushed
    # every 0.2 s) may outgrow the memory limit first: the kernel is then OOM-killed (memory
    # notice) or dies on a failed allocation (died), and is replaced.
    if done.done.status == "interrupted":
        assert KERNEL_LIMITS.output_message() in notices(events, "output")
        assert not done.needs_restart
    else:
        assert done.done.status in ("memory", "died")
        assert done.needs_restart
        await kernel.restart()
    await kernel.assert_usable()


async def test_09_a_giant_message_from_the_kernel_never_reaches_the_server(
    sandbox_kernel: KernelBox,
) -> None:
    """Learner code owns its kernel process, so it can skip print() and send one huge
    message on the kernel's own socket; the server must not take it in whole."""
    kernel = sandbox_kernel
    program = hostile("""\
kernel = get_ipython().kernel
text = "x" * (64 * 2**20)
kernel.session.send(kernel.iopub_socket, "stream", {"name": "stdout", "text": text},
                    parent=kernel.get_parent("shell"))
""")
    done, events = await kernel.run(program)
    assert streamed(events).startswith("STARTED")
    assert len(streamed(events).encode()) <= KERNEL_LIMITS.output_bytes
    assert kernel.largest_message <= 16 * MIB, f"the server took in {kernel.largest_message} bytes"
    if done.needs_restart:
        await kernel.restart()
    await kernel.assert_usable()


# -- 10, 11, 12: network ----------------------------------------------------------------------


async def test_10_there_is_no_network(sandbox: Isolation) -> None:
    program = hostile("""\
import errno, socket
for host in ("1.1.1.1", "2606:4700:4700::1111"):
    try:
        with socket.create_connection((host, 80), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
            print("RESULT connected", host, s.recv(100), flush=True)
    except OSError as exc:
        print("RESULT failed", host, errno.errorcode.get(exc.errno or 0), flush=True)
""")
    result = await run(program, isolation=sandbox)
    lines = outcome(result.stdout)
    assert len(lines) == 2
    for line in lines:
        verdict, _, error = line.rpartition(" ")
        assert verdict.startswith("failed"), line
        assert error in ("ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"), line
    await assert_fresh_sandbox_works(sandbox)


async def test_11_the_hosts_loopback_services_are_unreachable(sandbox: Isolation) -> None:
    abstract = f"\0la4ai-test-{uuid.uuid4().hex}"
    with (
        socket.socket() as server,
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix_server,
    ):
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        unix_server.bind(abstract)
        unix_server.listen()
        unix_server.setblocking(False)
        port = server.getsockname()[1]
        program = hostile(f"""\
import socket
for family, address in ((socket.AF_INET, ("127.0.0.1", {port})), (socket.AF_UNIX, {abstract!r})):
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(address)
            s.sendall(b"hello")
            print("RESULT connected", family.name, flush=True)
    except OSError as exc:
        print("RESULT failed", family.name, type(exc).__name__, flush=True)
""")
        result = await run(program, isolation=sandbox)
        assert outcome(result.stdout) == [
            "failed AF_INET ConnectionRefusedError",
            "failed AF_UNIX ConnectionRefusedError",
        ]
        for listener in (server, unix_server):
            with pytest.raises(BlockingIOError):
                listener.accept()  # nobody ever connected
    await assert_fresh_sandbox_works(sandbox)


async def test_12_names_do_not_resolve(sandbox: Isolation) -> None:
    program = hostile("""\
import socket
for name in ("pypi.org", "example.com"):
    try:
        print("RESULT resolved", name, socket.getaddrinfo(name, 443)[0][4], flush=True)
    except OSError as exc:
        print("RESULT failed", name, type(exc).__name__, flush=True)
""")
    result = await run(program, isolation=sandbox)
    assert outcome(result.stdout) == ["failed pypi.org gaierror", "failed example.com gaierror"]
    await assert_fresh_sandbox_works(sandbox)


# -- 13, 14, 15, 22: the filesystem ------------------------------------------------------------


async def test_13_host_secrets_are_absent(
    sandbox: Isolation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LA4AI_SESSION_SECRET", SECRET)
    database = tmp_path / "data" / "la4ai.db"
    database.parent.mkdir()
    database.write_text(f"database holding {SECRET}")
    ssh = Path.home() / ".ssh"
    files = ["/etc/shadow", str(ssh / "id_rsa"), str(ssh / "id_ed25519"), str(database)]
    directories = [str(ssh), str(database.parent)]
    program = hostile(f"""\
import os
for path in {files!r}:
    try:
        with open(path, "rb") as f:
            print("RESULT read", path, f.read(200), flush=True)
    except OSError as exc:
        print("RESULT refused", path, type(exc).__name__, flush=True)
for path in {directories!r}:
    try:
        print("RESULT listed", path, os.listdir(path), flush=True)
    except OSError as exc:
        print("RESULT refused", path, type(exc).__name__, flush=True)
print("RESULT init", open("/proc/1/cmdline", "rb").read().split(b"\\0")[0].decode(), flush=True)
print("DUMP", open("/proc/1/environ", "rb").read(), open("/proc/self/environ", "rb").read())
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    for name in ("environ", "cmdline"):
        try:
            print("DUMP", pid, name, open(f"/proc/{{pid}}/{{name}}", "rb").read())
        except OSError as exc:
            print("DUMP", pid, name, repr(exc))
""")
    result = await run(program, isolation=sandbox)
    lines = outcome(result.stdout)
    for line in lines[:-1]:
        verdict, _, error = line.split(" ")
        assert (verdict, error) in {
            ("refused", "FileNotFoundError"),
            ("refused", "PermissionError"),
        }
    host_init = Path("/proc/1/cmdline").read_bytes().split(b"\0")[0].decode()
    assert lines[-1] == "init bwrap"  # pid 1 is the sandbox's own init
    assert host_init != "bwrap"
    assert "PATH=" in result.stdout  # the dump did read the environments
    assert SECRET not in result.stdout + result.stderr
    await assert_fresh_sandbox_works(sandbox)


async def test_14_other_learners_workspaces_are_invisible(
    sandbox: Isolation, tmp_path: Path
) -> None:
    workspaces = Workspaces(tmp_path / "workspaces")
    mine = workspaces.ensure(workspaces.path(1, "lab", "m1"))
    theirs = workspaces.ensure(workspaces.path(2, "lab", "m1"))
    (theirs / "lab.py").write_text(f"answer = {SECRET!r}\n")
    program = hostile(f"""\
import os
for path in ({str(workspaces.root)!r}, {str(theirs)!r}, "/workspace/..", "/workspace"):
    try:
        print("RESULT listed", path, sorted(os.listdir(path)), flush=True)
    except OSError as exc:
        print("RESULT refused", path, type(exc).__name__, flush=True)
try:
    print("RESULT read", open({str(theirs / "lab.py")!r}).read(), flush=True)
except OSError as exc:
    print("RESULT refused read", type(exc).__name__, flush=True)
""")
    ran = await run_in(mine, program, isolation=sandbox)
    lines = outcome(ran.stdout)
    assert lines[0] == f"refused {workspaces.root} FileNotFoundError"
    assert lines[1] == f"refused {theirs} FileNotFoundError"
    assert lines[2].startswith("listed /workspace/.. [")
    for name in ("'1'", "'2'", "workspaces"):
        assert name not in lines[2]
    assert lines[3] == "listed /workspace ['main.py']"
    assert lines[4] == "refused read FileNotFoundError"
    assert SECRET not in ran.stdout + ran.stderr
    await assert_fresh_sandbox_works(sandbox)


async def test_15_the_environment_system_and_content_are_read_only(sandbox: Isolation) -> None:
    site = Path(np.__file__).resolve().parents[1]  # the venv's site-packages
    targets = [
        site / "la4ai_evil.pth",
        Path(sys.base_prefix) / "lib" / "la4ai_evil.py",
        Path("/usr/lib/la4ai_evil.txt"),
        Path("/usr/bin/la4ai_evil"),
        default_content_dir() / "la4ai_evil.md",
        Path(np.__file__),  # an existing file: append to it
    ]
    program = hostile(f"""\
import errno
for path in {[str(t) for t in targets]!r}:
    try:
        with open(path, "a") as f:
            f.write("import os; os.system('echo owned')\\n")
        print("RESULT wrote", path, flush=True)
    except OSError as exc:
        print("RESULT refused", path, errno.errorcode[exc.errno], flush=True)
""")
    before = hashlib.sha256(Path(np.__file__).read_bytes()).hexdigest()
    result = await run(program, isolation=sandbox)
    lines = outcome(result.stdout)
    assert len(lines) == len(targets)
    for line, target in zip(lines, targets, strict=True):
        verdict, path, error = line.split(" ")
        assert (verdict, path) == ("refused", str(target)), line
        # Read-only; or, for the course content, not there at all.
        assert error in ("EROFS", "EACCES", "ENOENT"), line
    assert not any(t.exists() for t in targets[:-1])
    assert hashlib.sha256(Path(np.__file__).read_bytes()).hexdigest() == before
    await assert_fresh_sandbox_works(sandbox)


async def test_15_host_kernel_settings_cannot_be_changed(sandbox: Isolation) -> None:
    """/proc/sys holds host-wide settings (core_pattern runs a program as host root on any
    crash). Opening for writing is enough to show the hole; nothing is written."""
    program = hostile("""\
import errno, os
for path in ("/proc/sys/kernel/core_pattern", "/proc/sys/vm/drop_caches",
             "/proc/sys/kernel/modprobe", "/proc/sysrq-trigger"):
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as exc:
        print("RESULT refused", path, errno.errorcode[exc.errno], flush=True)
    else:
        os.close(fd)
        print("RESULT writable", path, flush=True)
""")
    result = await run(program, isolation=sandbox)
    lines = outcome(result.stdout)
    assert len(lines) == 4
    writable = [line for line in lines if not line.startswith("refused")]
    assert writable == [], f"the sandbox may change host kernel settings: {writable}"
    await assert_fresh_sandbox_works(sandbox)


async def test_22_the_course_content_with_solutions_is_not_in_the_sandbox(
    sandbox: Isolation,
) -> None:
    content = default_content_dir()
    assert (content / "modules").is_dir()  # it is there on the host
    program = hostile(f"""\
import os
print("RESULT content", os.path.exists({str(content)!r}), flush=True)
parent = {str(content.parent)!r}
print("RESULT repo", sorted(os.listdir(parent)) if os.path.isdir(parent) else None, flush=True)
""")
    result = await run(program, isolation=sandbox)
    content_line, repo_line = outcome(result.stdout)
    assert content_line == "content False"
    # At most the virtual environment shows through from the repository (read-only).
    assert repo_line in ("repo None", "repo []", "repo ['.venv']"), repo_line
    await assert_fresh_sandbox_works(sandbox)


# -- 16, 17, 18: processes, privileges, environment --------------------------------------------


async def test_16_only_the_sandbox_is_visible_and_the_server_survives_kills(
    sandbox: Isolation,
) -> None:
    sentinel = subprocess.Popen(["sleep", "60"])  # another host process the server owns
    program = hostile(
        GUARD
        + """\
import time
pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
names = [open(f"/proc/{p}/cmdline", "rb").read().split(b"\\0")[0].decode() for p in pids]
print("RESULT pids", pids, names, os.getppid(), flush=True)
os.kill(os.getppid(), 9)
try:
    os.kill(-1, 9)
except OSError as exc:
    print("RESULT kill-all", type(exc).__name__, flush=True)
time.sleep(0.2)
print("RESULT alive", flush=True)
"""
    )
    try:
        result = await run(program, isolation=sandbox)
        lines = outcome(result.stdout)
        assert lines[0] == f"pids [1, 2] ['bwrap', '{sys.executable}'] 1"
        assert lines[-1] == "alive"
        assert sentinel.poll() is None
        os.kill(os.getpid(), 0)  # the server (this process) is alive too
    finally:
        sentinel.kill()
        sentinel.wait()
    await assert_fresh_sandbox_works(sandbox)


PRIVILEGED = {
    "mount": 'libc.mount(b"none", b"/workspace", b"tmpfs", 0, None)',
    "unshare-user": "libc.unshare(0x10000000)",  # CLONE_NEWUSER
    "ptrace-init": "libc.ptrace(16, 1, None, None)",  # PTRACE_ATTACH to pid 1
}


@pytest.mark.parametrize("attempt", sorted(PRIVILEGED))
async def test_17_mount_unshare_and_ptrace_are_refused(sandbox: Isolation, attempt: str) -> None:
    program = hostile(
        GUARD
        + f"""\
import ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_void_p]
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
if {PRIVILEGED[attempt]} == 0:
    print("RESULT allowed", flush=True)
    if {attempt!r} == "ptrace-init":  # let go again, or the sandbox cannot end
        os.waitpid(1, 0x40000000)
        libc.ptrace(17, 1, None, None)
else:
    print("RESULT refused", errno.errorcode[ctypes.get_errno()], flush=True)
"""
    )
    result = await run(program, isolation=sandbox)
    (line,) = outcome(result.stdout)
    verdict, _, error = line.partition(" ")
    assert verdict == "refused", f"{attempt} was allowed inside the sandbox"
    assert error in ("EPERM", "ENOSPC", "EACCES")
    await assert_fresh_sandbox_works(sandbox)


async def test_18_only_a_whitelisted_environment_reaches_learner_code(
    isolation: Isolation, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LA4AI_SESSION_SECRET", "LA4AI_DATABASE_URL", "OPENAI_API_KEY"):
        monkeypatch.setenv(name, f"{name}={SECRET}")
    program = hostile("import json, os\nprint('RESULT', json.dumps(dict(os.environ)))\n")
    result = await run(program, isolation=isolation)
    (line,) = outcome(result.stdout)
    environment: dict[str, str] = json.loads(line)
    whitelist = set(sandbox_environment(SandboxSpec(workspace=Path("/x"), limits=LIMITS)))
    assert set(environment) <= whitelist | {"PWD"}, set(environment) - whitelist
    assert "PATH" in environment
    assert len(whitelist) <= 20
    for key in whitelist:
        assert not any(word in key for word in ("SECRET", "KEY", "TOKEN", "PASSWORD", "URL"))
    assert "PYTEST_CURRENT_TEST" not in environment  # nothing inherited from the server
    assert SECRET not in result.stdout + result.stderr
    await assert_fresh_sandbox_works(isolation)


# -- 19: symlinks -------------------------------------------------------------------------------


async def test_19_links_out_of_the_workspace_are_never_followed(
    sandbox: Isolation, tmp_path: Path
) -> None:
    """No server code reads files from a workspace (saved code lives in the database); what
    touches workspaces is the quota's ``usage_bytes``, ``Workspaces.adopt`` (a pre-started
    kernel's directory becomes the learner's) and ``Workspaces.discard``."""
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "keep.txt").write_text("precious")
    passwd = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    workspaces = Workspaces(tmp_path / "workspaces")
    pooled = workspaces.fresh()
    program = hostile(f"""\
import os
os.symlink("/etc/passwd", "result.json")
os.symlink("/usr", "outputs")
os.symlink({str(canary)!r}, "canary")
print("RESULT linked", sorted(os.listdir(".")), flush=True)
""")
    ran = await run_in(pooled, program, isolation=sandbox)
    assert outcome(ran.stdout) == ["linked ['canary', 'main.py', 'outputs', 'result.json']"]
    assert usage_bytes(pooled) < 64 * 1024  # /usr alone is hundreds of MiB

    target = workspaces.path(7, "lab", "m1")
    workspaces.ensure(target)
    (target / "lab.py").write_text("x = 1\n")
    (target / "canary").symlink_to(canary)  # an older link of the same name, replaced
    adopted = workspaces.adopt(pooled, target)
    assert {p.name: str(p.readlink()) for p in adopted.iterdir() if p.is_symlink()} == {
        "result.json": "/etc/passwd",
        "outputs": "/usr",
        "canary": str(canary),
    }
    assert (adopted / "lab.py").read_text() == "x = 1\n"

    doomed = workspaces.fresh()
    for name in ("canary", "outputs"):
        (doomed / name).symlink_to(adopted / name)
    workspaces.discard(doomed)
    assert not doomed.exists()
    assert (canary / "keep.txt").read_text() == "precious"
    assert Path("/usr/bin").is_dir()
    assert hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest() == passwd
    await assert_fresh_sandbox_works(sandbox)


# -- 20: recursion --------------------------------------------------------------------------------


async def test_20_unbounded_recursion_is_a_contained_crash(isolation: Isolation) -> None:
    program = hostile(
        "import sys\nsys.setrecursionlimit(10**6)\n"
        "def deeper(n):\n    return deeper(n + 1) + 1\ndeeper(0)\n"
    )
    limits = replace(LIMITS, time_s=8.0, memory_bytes=128 * MIB)
    result = await run(program, isolation=isolation, limits=limits)
    outcome(result.stdout)
    assert result.status in ("memory", "killed", "error")
    if result.status == "error":
        assert "RecursionError" in result.stderr or "MemoryError" in result.stderr
    else:
        assert result.message in (
            "The program used more than 128 MiB of memory.",
            "The program was killed by SIGSEGV.",
        )
    await assert_fresh_sandbox_works(isolation)


# -- 25, 26: kernels per learner, idle kernels ---------------------------------------------------


async def test_25_a_learners_kernels_are_capped_and_others_are_unaffected(
    sandbox: Isolation, tmp_path: Path
) -> None:
    async with session_rig(tmp_path, sandbox, kernels_per_learner=3) as rig:
        other = rig.open(2, "other")
        assert (await rig.run(other, hostile("x = 42"))).status == "ok"
        other_kernel = other.session.kernel
        a, b, c, d = (rig.open(1, name) for name in ("a", "b", "c", "d"))
        for watched in (a, b, c):
            assert (await rig.run(watched, hostile("v = 1"))).status == "ok"
        oldest = a.session.kernel
        assert oldest is not None

        # A 4th kernel: the least recently used idle one (a) is stopped, its code saved.
        assert (await rig.run(d, hostile("v = 4"))).status == "ok"
        assert a.session.kernel is None
        assert oldest.poll() is not None
        assert [key.module_id for key, _, _ in rig.culled] == ["a"]
        assert "opened more than 3 lessons or labs" in notices(a.events, "kernels")[0]

        # All three busy: a 4th is refused with a message, nothing is stopped.
        busy = [(w, await rig.submit(w, "import time\ntime.sleep(60)")) for w in (b, c, d)]
        while any(w.session.busy_cell is None for w, _ in busy):
            await asyncio.sleep(0.05)
        refused = await rig.run(a, "v = 2")
        assert refused.status == "skipped"
        assert "You already have 3 kernels running code" in notices(a.events, "kernels")[-1]
        for watched, cell_id in busy:
            await rig.manager.submit(watched.session, InterruptRequest())
            assert (await wait_done(watched, cell_id)).status == "interrupted"

        # The other learner's kernel was never touched.
        assert other.session.kernel is other_kernel
        assert (await rig.run(other, "print(x)")).status == "ok"
        assert streamed(other.events).endswith("42\n")
    await assert_fresh_sandbox_works(sandbox)


async def test_26_an_idle_kernel_is_culled_after_its_code_is_saved(
    sandbox: Isolation, tmp_path: Path
) -> None:
    async with session_rig(tmp_path, sandbox, idle_timeout_s=600) as rig:
        idle, recent = rig.open(1, "idle"), rig.open(2, "recent")
        first = await rig.submit(idle, hostile("x = 1"))
        await wait_done(idle, first)
        second = await rig.submit(idle, "y = 2")
        await wait_done(idle, second)
        assert (await rig.run(recent, "z = 3")).status == "ok"
        kernel = idle.session.kernel
        assert kernel is not None
        now = idle.session.last_active + 600 + 1
        recent.session.last_active = now - 60  # used a minute "ago": not idle

        culled = await rig.manager.cull_idle(now=now)

        assert culled == [idle.session.key]
        code = {first: hostile("x = 1"), second: "y = 2"}
        assert rig.culled == [(idle.session.key, code, True)]  # saved while still running
        assert idle.session.kernel is None
        assert kernel.poll() is not None
        assert "idle for more than 10 minutes" in notices(idle.events, "kernels")[0]
        assert recent.session.kernel is not None
        assert recent.session.kernel.alive
    await assert_fresh_sandbox_works(sandbox)


# -- 27: bombs in the workspace ------------------------------------------------------------------


def npy_bomb() -> bytes:
    """A .npy header promising 2 GiB of float64, followed by 64 bytes."""
    buffer = io.BytesIO()
    header = {"descr": "<f8", "fortran_order": False, "shape": (2**14, 2**14)}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + bytes(64)


def zip_bomb(path: Path, mib: int = 512) -> None:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("zeros.bin", "w", force_zip64=True) as member,
    ):
        chunk = bytes(MIB)
        for _ in range(mib):
            member.write(chunk)


async def test_27_npy_and_zip_bombs_are_bounded(isolation: Isolation, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "bomb.npy").write_bytes(npy_bomb())
    zip_bomb(workspace / "bomb.zip")
    assert (workspace / "bomb.zip").stat().st_size < 4 * MIB
    program = hostile("""\
import errno, zipfile
import numpy as np
try:
    print("RESULT npy loaded", np.load("bomb.npy").shape, flush=True)
except (MemoryError, ValueError) as exc:
    print("RESULT npy", type(exc).__name__, flush=True)
with zipfile.ZipFile("bomb.zip") as archive:
    try:
        archive.extractall("out")
        print("RESULT extracted", flush=True)
    except OSError as exc:
        print("RESULT extract", errno.errorcode[exc.errno], flush=True)
    try:
        print("RESULT read", len(archive.read("zeros.bin")), flush=True)
    except MemoryError:
        print("RESULT read MemoryError", flush=True)
""")
    ran = await run_in(workspace, program, isolation=isolation)
    lines = outcome(ran.stdout)
    assert lines[:2] == ["npy MemoryError", "extract EFBIG"]
    # Reading it whole fails with MemoryError, or the memory cap kills the program.
    assert lines[2:] == ["read MemoryError"] or (lines[2:] == [] and ran.oom), (lines, ran)
    assert (workspace / "out" / "zeros.bin").stat().st_size <= LIMITS.file_size_bytes
    assert usage_bytes(workspace) < 16 * MIB
    await assert_fresh_sandbox_works(isolation)


# -- 28: pip ------------------------------------------------------------------------------------


async def test_28_pip_install_fails_with_a_clear_message(sandbox: Isolation) -> None:
    """No index and no network for a download; a read-only environment for a local wheel."""
    program = hostile("""\
import os, subprocess, sys, zipfile
def pip(*args, env=None):
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--retries", "0",
                           "--timeout", "2", *args], capture_output=True, text=True, env=env)
    error = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    print("RESULT", done.returncode, error[-1] if error else done.stdout[-200:], flush=True)
pip("cowsay")
pip("cowsay", env={k: v for k, v in os.environ.items() if k != "PIP_NO_INDEX"})
wheel = "/workspace/evil-0.1-py3-none-any.whl"
with zipfile.ZipFile(wheel, "w") as w:
    w.writestr("evil.py", "X = 1\\n")
    w.writestr("evil-0.1.dist-info/METADATA",
               "Metadata-Version: 2.1\\nName: evil\\nVersion: 0.1\\n")
    w.writestr("evil-0.1.dist-info/WHEEL",
               "Wheel-Version: 1.0\\nGenerator: x\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    w.writestr("evil-0.1.dist-info/RECORD", "")
pip("--no-index", wheel)
""")
    result = await run(program, isolation=sandbox, limits=replace(LIMITS, time_s=20.0))
    lines = outcome(result.stdout)
    assert len(lines) == 3
    for line in lines[:2]:
        assert line.startswith("1 ERROR: "), line
        assert "No matching distribution found for cowsay" in line
    assert lines[2].startswith("1 ERROR: Could not install packages due to an OSError")
    assert "Read-only file system" in lines[2]
    site = Path(np.__file__).resolve().parents[1]
    assert not (site / "evil.py").exists()
    await assert_fresh_sandbox_works(sandbox)
