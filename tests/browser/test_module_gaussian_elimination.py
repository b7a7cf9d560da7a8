"""Module 3 (systems of linear equations) in a real browser: the lesson's math and a cell,
the row-reduction widget operated with the keyboard and the mouse (the matrix, the lines,
the solution point and the NumPy lines change together), the lab completed with the
reference solution, and quiz items answered. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE, audit
from tests.conftest import CONTENT, need

MODULE = "/modules/gaussian-elimination"
LAB_DIR = CONTENT / "modules" / "03-gaussian-elimination" / "lab"
CHECK_TIMEOUT = 60_000


def reducer(page: Any, index: int = 0) -> Any:
    return page.locator("figure.widget[data-widget='row-reduction']").nth(index)


def entry(widget: Any, row: int, column: int) -> Any:
    return widget.locator(f"[data-entry='{row}-{column}']")


def row_entries(widget: Any, row: int) -> list[str]:
    return [str(entry(widget, row, j).inner_text()) for j in range(3)]


def code(widget: Any) -> Any:
    return widget.locator(".rr-code")


def shoot_widget(page: Any, widget: Any, name: str) -> None:
    widget.scroll_into_view_if_needed()
    widget.screenshot(path=str(screenshot(page, name)), animations="disabled")


def test_the_lesson_typesets_math_and_runs_a_cell(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    page.locator("h1", has_text="Systems of Linear Equations").wait_for()
    assert_math_typeset(page)

    first = page.locator("figure.code-cell.runnable").first
    number = (first.get_attribute("data-cell-id") or "").removeprefix("cell-")
    expect(first.locator(".code-output")).to_contain_text("row picture:    A @ x = [4 5]")
    first.get_by_role("button", name=f"Run Python cell {number}").click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=CHECK_TIMEOUT)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "column picture: [4 5]" in printed
    assert "matches b: True" in printed


def test_row_operations_from_the_keyboard_and_the_mouse(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    widget = reducer(page)
    widget.scroll_into_view_if_needed()
    status = widget.locator(".rr-status")
    expect(status).to_have_text("One solution: (x, y) = (2, 1)")
    assert row_entries(widget, 1) == ["3", "−1", "5"]
    expect(code(widget)).to_contain_text("M = np.array([[1, 2, 4],")
    expect(widget.locator("[data-point='(2, 1)'] circle")).to_have_count(1)
    shoot_widget(page, widget, "row-reduction")

    # Keyboard: the multiplier slider, 12 steps of 1/4 down to -3. The preview of
    # R2 <- R2 - 3 R1 is the horizontal line y = 1, through the same crossing point.
    slider = widget.get_by_label("Multiplier c")
    slider.focus()
    for _ in range(12):
        page.keyboard.press("ArrowLeft")
    expect(widget.get_by_test_id("rr-multiplier")).to_have_text("−3")
    expect(widget.locator("[data-code-preview]")).to_contain_text("M[1] = M[1] - 3 * M[0]")
    preview = widget.locator("line[data-preview-row='1']")
    assert preview.get_attribute("y1") == preview.get_attribute("y2")  # horizontal
    assert row_entries(widget, 1) == ["3", "−1", "5"]  # nothing applied yet
    shoot_widget(page, widget, "row-reduction-preview")
    page.keyboard.press("Tab")
    apply = widget.get_by_role("button", name="Apply R2 ← R2 − 3·R1")
    expect(apply).to_be_focused()
    page.keyboard.press("Enter")
    assert row_entries(widget, 1) == ["0", "−7", "−7"]
    expect(widget.locator("tr[data-row='1'] .rr-equation")).to_have_text("−7y = −7")
    expect(code(widget)).to_contain_text("M[1] = M[1] - 3 * M[0]  # R2 ← R2 − 3·R1")
    expect(widget.get_by_test_id("rr-note")).to_contain_text("The solution is still (2, 1)")
    expect(status).to_have_text("One solution: (x, y) = (2, 1)")

    # Mouse: "Next step" clears the 2 above the second pivot, then scales R2 by -1/7.
    next_step = widget.get_by_role("button", name="Next step")
    expect(widget.get_by_test_id("rr-note")).not_to_contain_text("Next step:")
    next_step.click()
    assert row_entries(widget, 0) == ["1", "0", "2"]
    expect(code(widget)).to_contain_text("M[0] = M[0] + 2/7 * M[1]  # R1 ← R1 + 2/7·R2")
    next_step.click()
    assert row_entries(widget, 1) == ["0", "1", "1"]
    expect(code(widget)).to_contain_text("M[1] = M[1] / -7  # R2 ← −1/7·R2")
    expect(widget.get_by_test_id("rr-note")).to_contain_text("Divide R2 by its pivot −7")
    expect(next_step).to_be_disabled()
    expect(widget.locator("tr[data-row='0'] .rr-equation")).to_have_text("x = 2")
    expect(widget.locator("tr[data-row='1'] .rr-equation")).to_have_text("y = 1")
    expect(widget.locator("[data-point='(2, 1)'] circle")).to_have_count(1)
    shoot_widget(page, widget, "row-reduction-reduced")

    # Mouse on the slider: the right end of the track is c = 5; the preview follows.
    widget.get_by_text("Scale", exact=True).click()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    expect(widget.get_by_test_id("rr-multiplier")).to_have_text("5")
    expect(widget.locator("[data-code-preview]")).to_contain_text("M[1] = 5 * M[1]")
    widget.get_by_role("button", name="Apply R2 ← 5·R2").click()
    assert row_entries(widget, 1) == ["0", "5", "5"]
    expect(status).to_have_text("One solution: (x, y) = (2, 1)")  # scaling never moves a line
    widget.get_by_role("button", name="Undo").click()
    assert row_entries(widget, 1) == ["0", "1", "1"]
    widget.get_by_role("button", name="Reset").click()
    assert row_entries(widget, 1) == ["3", "−1", "5"]
    expect(widget.locator(".rr-code-line:not(.rr-code-preview)")).to_have_count(0)


def test_three_lines_without_a_common_point_end_in_a_contradiction_in_dark_mode(
    server: str, page: Any
) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(server + MODULE)
    page.locator("h1").wait_for()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    widget = reducer(page, 1)
    widget.scroll_into_view_if_needed()
    status = widget.locator(".rr-status")
    expect(status).to_have_attribute("data-verdict", "none")
    expect(widget.locator("[data-line-row]")).to_have_count(3)
    next_step = widget.get_by_role("button", name="Next step")
    for _ in range(12):
        if next_step.is_disabled():
            break
        next_step.click()
    expect(next_step).to_be_disabled()
    last = widget.locator("tr[data-row='2'] .rr-equation")
    expect(last).to_contain_text(re.compile(r"^0 = −?\d"))
    expect(last).to_contain_text("no point satisfies it")
    expect(widget.locator("[data-line-row]")).to_have_count(2)  # 0 = c draws no line
    expect(widget.locator(".rr-point")).to_have_count(0)
    shoot_widget(page, widget, "row-reduction-dark-contradiction")


def test_the_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "gaussian-elimination", LAB_DIR / "solution.py")
    expect(complete).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(complete).to_contain_text("17 / 17 points")
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    assert results.locator(".check-row").count() == 13
    screenshot(page, "gaussian-lab-complete")


def test_quiz_items_are_answered(server: str, page: Any) -> None:
    page.goto(server + MODULE + "/quiz")
    item = page.locator("li.quiz-item[data-item='contradiction-row']")
    item.get_by_text("The system has no solution.").click()
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()

    wrong = page.locator("li.quiz-item[data-item='partial-pivoting']")
    wrong.get_by_text("The third row, whose entry is 2.").click()
    wrong.get_by_role("button", name="Check").click()
    feedback = wrong.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    expect(feedback).to_contain_text("largest absolute value")
    screenshot(page, "gaussian-quiz", full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lesson_and_its_widgets_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(server + MODULE)
        widget = reducer(page)
        widget.get_by_role("button", name="Next step").click()
        expect(widget.locator(".rr-code-line[data-code-line='0']")).to_have_count(1)
        page.wait_for_timeout(300)
        violations = audit(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


def test_the_lesson_fits_a_phone_screen(server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(server + MODULE)
        widget = reducer(page)
        widget.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px"
        shoot_widget(page, widget, "row-reduction-phone")
    finally:
        context.close()
