"""The lab workspace in a real browser, on the test course's small lab: the learner's file
is saved as they type and survives a reload (even one right after typing), its versions
can be previewed and restored, "Reset to starter" asks first, and a function defined by
"Run file" can be called from the console."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.conftest import CONTENT

LAB = "/modules/grids/lab"
SAVED = re.compile(r"^Saved · version (\d+)$")


def editor(page: Any) -> Any:
    return page.locator(".lab-editor .cm-content")


def append(page: Any, text: str) -> None:
    editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(text)


def saved_version(page: Any) -> int:
    status = page.get_by_test_id("save-status")
    expect(status).to_have_text(SAVED)
    match = SAVED.match(status.inner_text())
    assert match is not None
    return int(match.group(1))


def starter(server: str) -> str:
    workspace = httpx.get(f"{server}/api/workspaces/lab/grids", timeout=10).json()
    [lab_file] = workspace["files"]
    return str(lab_file["original"])


def test_the_lesson_links_to_its_lab(grid_server: str, page: Any) -> None:
    page.goto(f"{grid_server}/modules/grids")
    page.get_by_role("link", name=re.compile("^Open the lab")).click()
    page.wait_for_url(f"{grid_server}{LAB}")
    expect(page.locator("h1")).to_have_text("Transpose and matrix–vector products by hand")
    task = page.get_by_role("region", name="Task")
    expect(task.get_by_role("heading", name=re.compile("The task"))).to_be_visible()
    expect(task).to_contain_text("transpose(a)")
    assert task.locator(".katex-mathml").count() > 0  # the task's math is typeset


def test_typing_is_saved_and_survives_a_reload(grid_server: str, page: Any) -> None:
    page.goto(grid_server + LAB)
    expect(editor(page)).to_contain_text("raise NotImplementedError")
    append(page, "\n\nSEEN_AFTER_RELOAD = 1\n")
    expect(page.get_by_test_id("save-status")).to_have_text(re.compile("^(Saving…|Saved)"))
    version = saved_version(page)
    assert version >= 1
    page.reload()
    expect(editor(page)).to_contain_text("SEEN_AFTER_RELOAD = 1")
    assert saved_version(page) == version


def test_an_edit_made_just_before_leaving_is_kept(grid_server: str, page: Any) -> None:
    page.goto(grid_server + LAB)
    expect(editor(page)).to_contain_text("def transpose")
    append(page, "\nTYPED_JUST_BEFORE_LEAVING = 2\n")
    # No pause for the autosave: the page flushes with a keepalive request as it goes.
    page.reload()
    expect(editor(page)).to_contain_text("TYPED_JUST_BEFORE_LEAVING = 2")


def test_run_file_then_call_its_function_from_the_console(grid_server: str, page: Any) -> None:
    page.goto(grid_server + LAB)
    append(page, "\n\ndef double(x):\n    return 2 * x\n")
    saved_version(page)
    page.get_by_role("button", name="Run file").click()
    file_output = page.locator(".lab-file-output .cell-output[data-phase='done']")
    file_output.wait_for(timeout=60_000)
    assert file_output.get_attribute("data-status") == "ok", file_output.inner_text()
    expect(page.locator(".kernel-state")).to_have_text("Kernel: idle")

    console = page.get_by_label("Python console input")
    console.fill("double(21)")
    console.press("Enter")
    expect(console).to_have_value("")
    first = page.locator("li.console-entry[data-cell-id='console-1']")
    expect(first.locator(".cell-output")).to_have_attribute("data-status", "ok")
    expect(first.locator(".output-text")).to_have_text("42")

    # The starter's functions are stubs: calling one shows the error, not a crash.
    console.fill("transpose([[1, 2]])")
    console.press("Shift+Enter")
    second = page.locator("li.console-entry[data-cell-id='console-2']")
    expect(second.locator(".output-error")).to_have_attribute("data-ename", "NotImplementedError")

    # ↑ recalls earlier inputs, newest first; ↓ walks back to an empty line.
    console.press("ArrowUp")
    expect(console).to_have_value("transpose([[1, 2]])")
    console.press("ArrowUp")
    expect(console).to_have_value("double(21)")
    console.press("ArrowDown")
    console.press("ArrowDown")
    expect(console).to_have_value("")
    screenshot(page, "lab-console", full_page=True)


def test_a_saved_version_can_be_previewed_and_restored(grid_server: str, page: Any) -> None:
    page.goto(grid_server + LAB)
    append(page, "\nMARK = 'first'\n")
    before = saved_version(page)
    append(page, "MARK = 'second'\n")
    expect(page.get_by_test_id("save-status")).to_have_text(f"Saved · version {before + 1}")

    toggle = page.get_by_role("button", name="Versions")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.get_by_role("region", name="Versions of lab.py")
    item = panel.locator(f"li[data-version='{before}'] button")
    item.click()
    expect(item).to_have_attribute("aria-pressed", "true")
    preview = panel.locator(f".version-preview[data-version='{before}'] pre")
    expect(preview).to_contain_text("MARK = 'first'")
    expect(preview).not_to_contain_text("MARK = 'second'")
    screenshot(page, "lab-versions", full_page=True)

    panel.get_by_role("button", name=f"Restore version {before}").click()
    expect(page.get_by_test_id("save-status")).to_have_text(f"Saved · version {before + 2}")
    expect(editor(page)).to_contain_text("MARK = 'first'")
    expect(editor(page)).not_to_contain_text("MARK = 'second'")
    expect(panel.locator(f"li[data-version='{before + 2}']")).to_contain_text("restored")
    page.reload()
    expect(editor(page)).not_to_contain_text("MARK = 'second'")


def test_reset_to_starter_asks_first_and_escape_cancels(grid_server: str, page: Any) -> None:
    page.goto(grid_server + LAB)
    append(page, "\nKEEP_ME = 3\n")
    saved_version(page)
    reset = page.get_by_role("button", name="Reset to starter")

    reset.click()
    dialog = page.get_by_role("dialog", name="Reset to the starter code?")
    expect(dialog).to_be_visible()
    cancel = dialog.get_by_role("button", name="Cancel")
    confirm = dialog.get_by_role("button", name="Reset to starter")
    expect(cancel).to_be_focused()
    # Focus stays in the dialog.
    page.keyboard.press("Tab")
    expect(confirm).to_be_focused()
    page.keyboard.press("Tab")
    expect(cancel).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(confirm).to_be_focused()
    screenshot(page, "lab-reset-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(editor(page)).to_contain_text("KEEP_ME = 3")

    reset.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Reset to starter").click()
    expect(dialog).to_be_hidden()
    expect(editor(page)).not_to_contain_text("KEEP_ME = 3")
    expect(editor(page)).to_contain_text("raise NotImplementedError")
    version = saved_version(page)
    saved = httpx.get(f"{grid_server}/api/workspaces/lab/grids", timeout=10).json()
    assert saved["files"][0]["content"] == starter(grid_server)
    assert saved["files"][0]["version"] == version
    # The code before the reset is still in the history.
    page.get_by_role("button", name="Versions").click()
    panel = page.get_by_role("region", name="Versions of lab.py")
    expect(panel.locator(f"li[data-version='{version}']")).to_contain_text("reset")
    panel.locator(f"li[data-version='{version - 1}'] button").click()
    expect(panel.locator(".version-preview pre")).to_contain_text("KEEP_ME = 3")


def test_a_save_refused_as_stale_shows_the_newer_file_and_keeps_the_learners_text(
    grid_server: str, browser: Any
) -> None:
    # Its own context: the browser logs the refused save (409) as an error, as it should.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page, other = context.new_page(), context.new_page()
        page.goto(grid_server + LAB)
        expect(editor(page)).to_contain_text("def transpose")
        other.goto(grid_server + LAB)
        expect(editor(other)).to_contain_text("def transpose")
        append(other, "\nFROM_THE_OTHER_TAB = 1\n")
        saved_version(other)

        append(page, "\nFROM_THIS_TAB = 2\n")  # based on a version that is no longer current
        conflict = page.locator(".save-conflict")
        expect(conflict).to_have_attribute("role", "alert")
        expect(conflict).to_contain_text("changed in another tab")
        expect(editor(page)).to_contain_text("FROM_THE_OTHER_TAB = 1")
        expect(editor(page)).not_to_contain_text("FROM_THIS_TAB = 2")
        conflict.locator("summary").click()
        expect(conflict.locator("pre")).to_contain_text("FROM_THIS_TAB = 2")
        screenshot(page, "lab-conflict")

        conflict.get_by_role("button", name="Use my edit").click()
        expect(conflict).to_be_hidden()
        expect(editor(page)).to_contain_text("FROM_THIS_TAB = 2")
        saved_version(page)
        other.reload()
        expect(editor(other)).to_contain_text("FROM_THIS_TAB = 2")
        assert errors, "the refused save was not logged"
        assert all("409" in e for e in errors), errors
    finally:
        context.close()


def test_the_lab_fits_a_phone_screen(grid_server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(grid_server + LAB)
        expect(editor(page)).to_contain_text("def transpose")
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lab scrolls sideways by {overflow}px"
        screenshot(page, "lab-phone")
    finally:
        context.close()


def test_module_one_lab_ranks_real_sentences_once_the_functions_are_written(
    server: str, page: Any
) -> None:
    """The shipped Module 1 lab end to end: its data is readable in the sandbox, and a
    finished file ranks the sentences, best match first."""
    lab_dir = CONTENT / "modules" / "01-vectors" / "lab"
    page.goto(f"{server}/modules/vectors/lab")
    expect(page.locator("h1")).to_have_text("Semantic search with cosine similarity")
    expect(editor(page)).to_contain_text("def most_similar")
    page.get_by_role("button", name="Run file").click()
    output = page.locator(".lab-file-output .cell-output[data-phase='done']")
    output.wait_for(timeout=60_000)
    expect(output).to_contain_text("Fill in the four functions first")

    starter_source = (lab_dir / "starter.py").read_text()
    demo = starter_source[starter_source.index('if __name__ == "__main__":') :]
    finished = (lab_dir / "solution.py").read_text() + "\n\n" + demo
    editor(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(finished)
    saved_version(page)
    page.get_by_role("button", name="Run file").click()
    expect(output).to_contain_text(
        "1. 0.631  To change your password, open Settings", timeout=60_000
    )
    expect(output).to_contain_text("1. 0.597  Knead the dough for ten minutes")
    screenshot(page, "lab-module-one")
