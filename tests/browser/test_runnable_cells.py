"""Module 1's cells run in a real browser against a real kernel: Run all with the lesson's
expected output, figures, edits that survive a reload, the time limit, HTML output that
cannot reach the page, and the warning shown when code runs without a sandbox."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from la4ai.course.cellrun import normalise_output
from tests.browser.conftest import screenshot, serve
from tests.conftest import CONTENT

LESSON = "/modules/vectors"
TIME_LIMIT_S = 3


@pytest.fixture(scope="module")
def lesson_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped course with a short time limit, so that a runaway cell is stopped fast."""
    yield from serve(
        CONTENT, tmp_path_factory.mktemp("cells-data"), LA4AI_TIME_LIMIT_S=str(TIME_LIMIT_S)
    )


def runnable_cells(server: str) -> list[dict[str, Any]]:
    module = httpx.get(f"{server}/api/modules/vectors", timeout=10).json()
    blocks = [
        inner
        for block in module["blocks"]
        for inner in (block["blocks"] if block["type"] == "admonition" else [block])
    ]
    return [b for b in blocks if b["type"] == "code" and b["runnable"]]


def cell(page: Any, cell_id: str) -> Any:
    return page.locator(f"figure.code-cell[data-cell-id='{cell_id}']")


def finished(figure: Any, timeout: float = 60_000) -> Any:
    """The cell's output once its run has ended."""
    output = figure.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=timeout)
    return output


def replace_code(page: Any, figure: Any, code: str) -> None:
    figure.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def printed(output: Any) -> str:
    return "\n".join(output.locator(".output-stdout").all_text_contents())


def test_run_all_gives_every_cell_of_module_one_its_expected_output(
    lesson_server: str, page: Any
) -> None:
    cells = runnable_cells(lesson_server)
    assert len(cells) >= 10
    page.goto(lesson_server + LESSON)
    page.locator("h1").wait_for()
    expect(page.locator(".kernel-state")).to_have_text("Kernel: not started")
    page.get_by_role("button", name="Run all").click()
    expect(page.locator(".kernel-state")).not_to_have_text("Kernel: not started")

    for block in cells:
        figure = cell(page, block["id"])
        output = finished(figure)
        status = output.get_attribute("data-status")
        if block["raises"]:
            # Shown as an error, and Run all went on past it.
            assert status == "error", (block["id"], output.inner_text())
            error = output.locator(f".output-error[data-ename='{block['raises']}']")
            assert error.count() == 1
            assert block["raises"] in error.locator(".output-error-head").inner_text()
        else:
            assert status == "ok", (block["id"], output.inner_text())
        if block["expected_output"] is not None:
            assert normalise_output(printed(output)) == normalise_output(
                block["expected_output"]
            ), block["id"]
        if "plt." in block["source"]:
            number = block["id"].removeprefix("cell-")
            assert output.locator(f"img[alt='Figure from cell {number}']").count() >= 1

    expect(page.locator(".kernel-state")).to_have_text("Kernel: idle")
    # An error shows the plain explanation and a folded traceback.
    raising = next(b for b in cells if b["raises"])
    error = cell(page, raising["id"]).locator(".output-error")
    error.scroll_into_view_if_needed()
    assert error.locator(".output-error-help").is_visible()
    traceback = error.locator("details.output-traceback")
    assert traceback.get_attribute("open") is None
    traceback.locator("summary").click()
    assert raising["raises"] in traceback.locator("pre").inner_text()
    screenshot(page, "cells-error")


def test_a_matplotlib_figure_is_shown_as_an_image(lesson_server: str, page: Any) -> None:
    page.goto(lesson_server + LESSON)
    figure = cell(page, "cell-12")
    replace_code(
        page,
        figure,
        "import matplotlib.pyplot as plt\n"
        "plt.plot([0, 3], [0, 1], label='u')\n"
        "plt.plot([0, 1], [0, 2], label='v')\n"
        "plt.legend()\n"
        "plt.show()\n",
    )
    page.keyboard.press("Shift+Enter")
    output = finished(figure)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    image = output.locator("img[alt='Figure from cell 12']")
    expect(image).to_have_count(1)
    assert (image.get_attribute("src") or "").startswith("data:image/png;base64,")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 100
    figure.scroll_into_view_if_needed()
    screenshot(page, "cells-figure")
    figure.get_by_role("button", name=re.compile("^Reset")).click()
    expect(figure.locator(".cm-content")).not_to_contain_text("matplotlib")


def test_an_edit_survives_a_reload_and_reset_restores_the_lesson_code(
    lesson_server: str, page: Any
) -> None:
    original = next(b for b in runnable_cells(lesson_server) if b["id"] == "cell-2")["source"]
    page.goto(lesson_server + LESSON)
    figure = cell(page, "cell-2")
    reset = figure.get_by_role("button", name="Reset Python cell 2 to the lesson's code")
    expect(reset).to_be_disabled()
    replace_code(page, figure, "print('edited in the browser')\n")
    expect(figure.locator(".cell-save")).to_have_text("Saved")
    expect(reset).to_be_enabled()

    page.reload()
    figure = cell(page, "cell-2")
    expect(figure.locator(".cm-content")).to_have_text("print('edited in the browser')")
    expect(figure.locator(".badge", has_text="edited")).to_be_visible()
    # The expected output belongs to the lesson's code, not to the edit.
    assert figure.locator(".code-output").count() == 0
    figure.get_by_role("button", name="Run Python cell 2").click()
    assert printed(finished(figure)) == "edited in the browser"

    reset = figure.get_by_role("button", name="Reset Python cell 2 to the lesson's code")
    reset.click()
    first_line = original.splitlines()[0]
    expect(figure.locator(".cm-content")).to_contain_text(first_line)
    expect(reset).to_be_disabled()
    saved = httpx.get(f"{lesson_server}/api/workspaces/lesson/vectors", timeout=10).json()
    assert next(f for f in saved["files"] if f["name"] == "cell-2")["content"] == original
    page.reload()
    expect(cell(page, "cell-2").locator(".cm-content")).to_contain_text(first_line)
    expect(cell(page, "cell-2").locator(".badge", has_text="edited")).to_have_count(0)


def test_an_endless_loop_is_stopped_at_the_time_limit_and_the_next_cell_runs(
    lesson_server: str, page: Any
) -> None:
    page.goto(lesson_server + LESSON)
    looping = cell(page, "cell-4")
    replace_code(page, looping, "print('looping', flush=True)\nwhile True:\n    pass\n")
    after = cell(page, "cell-5")
    replace_code(page, after, "print('still here:', 6 * 7)\n")

    looping.get_by_role("button", name="Run Python cell 4").click()
    expect(looping).to_have_attribute("aria-busy", "true")
    expect(looping.get_by_role("button", name="Interrupt Python cell 4")).to_be_visible()
    expect(looping.locator(".output-stdout")).to_have_text("looping")
    after.get_by_role("button", name="Run Python cell 5").click()  # queued behind the loop
    expect(after.locator(".cell-output")).to_have_attribute("data-phase", "queued")
    screenshot(page, "cells-running")

    output = finished(looping, timeout=(TIME_LIMIT_S + 20) * 1000)
    assert output.get_attribute("data-status") == "timeout"
    alert = output.locator(".output-limit[data-limit='time']")
    expect(alert).to_have_attribute("role", "alert")
    assert f"longer than {TIME_LIMIT_S}" in alert.inner_text()
    expect(looping).to_have_attribute("aria-busy", "false")

    # Like an error, a timeout drops what was queued behind it; run again, the cell runs.
    queued = finished(after)
    assert queued.get_attribute("data-status") == "skipped"
    assert "Skipped" in queued.inner_text()
    after.get_by_role("button", name="Run Python cell 5").click()
    next_output = finished(after, timeout=60_000)
    assert next_output.get_attribute("data-status") == "ok", next_output.inner_text()
    assert printed(next_output) == "still here: 42"
    screenshot(page, "cells-time-limit")


def test_interrupt_stops_a_running_cell_and_restart_forgets_variables(
    lesson_server: str, page: Any
) -> None:
    page.goto(lesson_server + LESSON)
    toolbar = page.get_by_role("group", name="Python kernel")
    sleeping = cell(page, "cell-6")
    replace_code(
        page,
        sleeping,
        "import time\nremembered = 1\nprint('sleeping', flush=True)\ntime.sleep(60)\n",
    )
    sleeping.get_by_role("button", name="Run Python cell 6").click()
    expect(sleeping.locator(".output-stdout")).to_have_text("sleeping")
    expect(page.locator(".kernel-state")).to_have_text("Kernel: busy")
    toolbar.get_by_role("button", name="Interrupt").click()
    output = finished(sleeping, timeout=20_000)
    assert output.get_attribute("data-status") == "interrupted"
    assert "Interrupted" in output.inner_text()
    expect(page.locator(".kernel-state")).to_have_text("Kernel: idle")

    probe = cell(page, "cell-7")
    replace_code(page, probe, "print(remembered)\n")
    probe.get_by_role("button", name="Run Python cell 7").click()
    assert printed(finished(probe)) == "1"
    toolbar.get_by_role("button", name="Restart kernel").click()
    expect(page.locator(".kernel-state")).to_have_text("Kernel: idle", timeout=60_000)
    probe.get_by_role("button", name="Run Python cell 7").click()
    output = finished(probe)
    assert output.get_attribute("data-status") == "error"
    expect(output.locator(".output-error")).to_have_attribute("data-ename", "NameError")


def test_a_flood_of_output_is_cut_and_the_page_stays_responsive(
    lesson_server: str, page: Any
) -> None:
    page.goto(lesson_server + LESSON)
    flood = cell(page, "cell-8")
    replace_code(page, flood, "for i in range(400_000):\n    print('line', i)\n")
    flood.get_by_role("button", name="Run Python cell 8").click()
    output = finished(flood, timeout=60_000)
    expect(output.locator(".output-limit[data-limit='output']")).to_be_visible()
    shown = sum(len(t) for t in output.locator(".output-stream").all_text_contents())
    assert 10_000 < shown <= 100_000
    expect(output.locator(".output-truncated")).to_contain_text("more characters are not shown")
    # Still usable: another cell runs and the editor takes typing.
    other = cell(page, "cell-1")
    other.get_by_role("button", name="Run Python cell 1").click()
    assert finished(other).get_attribute("data-status") == "ok"
    flood.scroll_into_view_if_needed()
    screenshot(page, "cells-flood")


HOSTILE_HTML = '''from IPython.display import HTML, display
display(HTML("""<p id="marker">frame content</p>
<script>
(async () => {
  const tried = { origin: self.origin };
  try { tried.cookie = parent.document.cookie; } catch (e) { tried.cookie = e.name; }
  try { parent.document.body.innerHTML = "pwned"; tried.write = "wrote"; }
  catch (e) { tried.write = e.name; }
  try { const r = await fetch("/api/modules"); tried.fetch = r.status; }
  catch (e) { tried.fetch = e.name; }
  try { parent.postMessage({stolen: document.cookie}, "*"); } catch (e) {}
  document.getElementById("marker").textContent = "script ran " + JSON.stringify(tried);
})();
</script>"""))
'''


def test_html_output_cannot_reach_the_page(lesson_server: str, browser: Any) -> None:
    # Its own context, so that console errors are this test's alone.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(lesson_server + LESSON)
        page.locator("h1").wait_for()
        page.evaluate("document.cookie = 'la4ai_secret=do-not-leak; path=/'")
        page.evaluate(
            "window.stolen = []; addEventListener('message', e => window.stolen.push(e.data))"
        )
        title = page.title()
        body_children = page.evaluate("document.body.childElementCount")
        figure = cell(page, "cell-7")
        replace_code(page, figure, HOSTILE_HTML)
        page.keyboard.press("Shift+Enter")
        output = finished(figure)
        assert output.get_attribute("data-status") == "ok", output.inner_text()

        iframe = output.locator("iframe.output-html")
        expect(iframe).to_have_attribute("sandbox", "allow-scripts")
        assert "allow-same-origin" not in (iframe.get_attribute("sandbox") or "")
        assert iframe.get_attribute("title") == "HTML output of cell 7"
        frame = iframe.content_frame
        # The output's own script ran (the frame's policy allows inline scripts) and every
        # escape it tried was refused: opaque origin, no parent DOM, no requests at all.
        expect(frame.locator("#marker")).to_have_text(re.compile("^script ran "))
        tried = json.loads(frame.locator("#marker").inner_text().removeprefix("script ran "))
        assert tried == {
            "origin": "null",
            "cookie": "SecurityError",
            "write": "SecurityError",
            "fetch": "TypeError",
        }
        page.wait_for_timeout(500)
        assert page.title() == title
        assert page.locator("h1").inner_text() == "Vectors: The Language of Data"
        assert page.evaluate("document.body.childElementCount") == body_children
        assert page.locator("#root .lesson figure.code-cell").count() > 10
        # Reading document.cookie in an opaque origin throws, so nothing was ever posted.
        stolen = page.evaluate(
            "window.stolen.filter(m => m && typeof m === 'object' && 'stolen' in m)"
        )
        assert stolen == []
        # Only the refusals themselves may be logged: the frame policy's refusal of the fetch.
        refusals = ("Content Security Policy", "Access-Control-Allow-Origin", "net::ERR_FAILED")
        assert all(any(r in e for r in refusals) for e in errors), errors
        figure.scroll_into_view_if_needed()
        screenshot(page, "cells-html-output")
    finally:
        context.close()


@pytest.fixture(scope="module")
def unsandboxed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(
        CONTENT, tmp_path_factory.mktemp("local-data"), LA4AI_EXECUTION_BACKEND="local"
    )


def test_code_without_a_sandbox_is_announced_with_a_persistent_warning(
    unsandboxed_server: str, page: Any
) -> None:
    page.goto(unsandboxed_server + LESSON)
    page.locator("h1").wait_for()
    assert page.get_by_test_id("sandbox-warning").count() == 0
    figure = cell(page, "cell-1")
    figure.get_by_role("button", name="Run Python cell 1").click()
    finished(figure)
    warning = page.get_by_test_id("sandbox-warning")
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("Code runs on this computer without a sandbox")
    expect(warning).to_contain_text("Install bubblewrap")  # the server's notice
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "cells-unsandboxed")
    # Further down the page, the kernel toolbar (which stays in view) keeps saying so.
    cell(page, "cell-8").scroll_into_view_if_needed()
    expect(page.get_by_test_id("unsandboxed-badge")).to_be_in_viewport()
    expect(warning).to_be_attached()
