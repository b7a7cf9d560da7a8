"""Cells on real kernels: events, rich output, errors with explanations, limits."""

from __future__ import annotations

import base64

import pytest

from la4ai.runtime.events import (
    CellDone,
    CellError,
    DisplayOutput,
    LimitNotice,
    ServerEvent,
    StreamOutput,
)
from la4ai.runtime.execution import CellOutcome, run_cell
from la4ai.runtime.kernel import ProcessKernel
from la4ai.runtime.limits import Limits
from tests.runtime.conftest import TEST_LIMITS

pytestmark = pytest.mark.anyio


async def run(
    kernel: ProcessKernel, code: str, limits: Limits = TEST_LIMITS
) -> tuple[CellOutcome, list[ServerEvent]]:
    events: list[ServerEvent] = []

    async def emit(event: ServerEvent) -> None:
        events.append(event)

    outcome = await run_cell(kernel, cell_id="c1", code=code, limits=limits, emit=emit)
    return outcome, events


def text(events: list[ServerEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, StreamOutput))


async def test_a_cell_prints_and_returns_a_value(kernel: ProcessKernel) -> None:
    outcome, events = await run(kernel, "print('hello')\n6 * 7")
    assert outcome.done.status == "ok"
    assert outcome.done.execution_count == 1
    assert text(events) == "hello\n"
    results = [e for e in events if isinstance(e, DisplayOutput)]
    assert results[0].data["text/plain"] == "42"
    assert results[0].execution_count == 1


async def test_state_persists_between_cells(kernel: ProcessKernel) -> None:
    await run(kernel, "import numpy as np\nv = np.array([3.0, 4.0])")
    _, events = await run(kernel, "print(np.linalg.norm(v))")
    assert text(events) == "5.0\n"


async def test_a_matplotlib_figure_arrives_as_png(kernel: ProcessKernel) -> None:
    code = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.show()"
    outcome, events = await run(kernel, code)
    assert outcome.done.status == "ok"
    pngs = [
        e.data["image/png"]
        for e in events
        if isinstance(e, DisplayOutput) and "image/png" in e.data
    ]
    assert len(pngs) == 1
    assert base64.b64decode(pngs[0]).startswith(b"\x89PNG")


async def test_html_output_is_passed_on_for_the_sandboxed_iframe(kernel: ProcessKernel) -> None:
    code = "from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))"
    _, events = await run(kernel, code)
    html = [e.data["text/html"] for e in events if isinstance(e, DisplayOutput)]
    assert html == ["<b>bold</b>"]


async def test_a_shape_mismatch_is_explained_as_inner_dimensions(kernel: ProcessKernel) -> None:
    outcome, events = await run(kernel, "import numpy as np\nnp.ones((2, 3)) @ np.ones((2, 3))")
    assert outcome.done.status == "error"
    (error,) = [e for e in events if isinstance(e, CellError)]
    assert error.ename == "ValueError"
    assert error.explanation is not None
    assert "inner dimensions" in error.explanation
    assert "A has 3 columns but B has 2 rows" in error.explanation
    assert not any("\x1b[" in line for line in error.traceback)
    assert any("ValueError" in line for line in error.traceback)


async def test_an_error_without_a_known_cause_has_no_made_up_explanation(
    kernel: ProcessKernel,
) -> None:
    _, events = await run(kernel, "raise KeyError('k')")
    (error,) = [e for e in events if isinstance(e, CellError)]
    assert error.ename == "KeyError"
    assert error.explanation is None


async def test_an_endless_loop_stops_at_the_time_limit_and_the_kernel_still_works(
    kernel: ProcessKernel,
) -> None:
    outcome, events = await run(kernel, "print('STARTED', flush=True)\nwhile True: pass")
    assert text(events).startswith("STARTED")
    assert outcome.done.status == "timeout"
    notices = [e for e in events if isinstance(e, LimitNotice)]
    assert [n.message for n in notices] == ["This cell ran longer than 3 s and was stopped."]
    assert not outcome.needs_restart  # the interrupt worked
    again, later = await run(kernel, "print('still here')")
    assert again.done.status == "ok"
    assert text(later) == "still here\n"


async def test_output_is_cut_at_the_limit_with_one_notice(kernel: ProcessKernel) -> None:
    code = "print('STARTED')\nfor i in range(300):\n    print('x' * 1023)"
    outcome, events = await run(kernel, code)
    assert outcome.done.status == "ok"
    shown = text(events)
    assert shown.startswith("STARTED")
    assert len(shown.encode()) <= TEST_LIMITS.output_bytes
    assert len(shown.encode()) > TEST_LIMITS.output_bytes - 2048
    notices = [e for e in events if isinstance(e, LimitNotice)]
    assert len(notices) == 1
    assert notices[0].limit == "output"


async def test_text_is_coalesced_into_few_messages(kernel: ProcessKernel) -> None:
    code = "for i in range(2000):\n    print(i)"
    _, events = await run(kernel, code)
    streams = [e for e in events if isinstance(e, StreamOutput)]
    assert text(events) == "".join(f"{i}\n" for i in range(2000))
    assert len(streams) < 100


async def test_a_memory_error_names_the_limit_and_restarts(kernel: ProcessKernel) -> None:
    code = "print('STARTED', flush=True)\nx = []\nwhile True:\n    x.append(bytearray(50 * 2**20))"
    outcome, events = await run(kernel, code)
    assert text(events).startswith("STARTED")
    assert outcome.done.status == "memory"
    assert outcome.needs_restart
    (notice,) = [e for e in events if isinstance(e, LimitNotice)]
    assert notice.message == "Your code used more than 512 MiB of memory; the kernel was restarted."


async def test_a_crashed_kernel_is_reported_as_died(kernel: ProcessKernel) -> None:
    outcome, events = await run(kernel, "import os\nos._exit(3)")
    assert outcome.done.status == "died"
    assert outcome.needs_restart
    assert any(isinstance(e, CellError) and e.ename == "KernelDied" for e in events)
    assert isinstance(outcome.done, CellDone)
