"""Module 2 end to end in a real browser: the lesson (math, a cell run against the kernel),
the grid-warp widget operated with the mouse and the keyboard, the lab completed with the
reference solution, and quiz items answered."""

from __future__ import annotations

import math
import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE, audit
from tests.conftest import CONTENT, need

MODULE = "/modules/transformations"
LAB_DIR = CONTENT / "modules" / "02-transformations" / "lab"
RANGE = 4  # the widget shows -4..4 on both axes
CHECK_TIMEOUT = 60_000


def widget(page: Any) -> Any:
    return page.locator("figure.widget[data-widget='grid-warp']")


def readout(page: Any, key: str) -> str:
    return str(widget(page).locator(f"[data-readout='{key}'] .gw-value").inner_text())


def code_line(page: Any, key: str) -> Any:
    return widget(page).locator(f"[data-code='{key}']")


def drag_handle_to(page: Any, which: str, x: float, y: float) -> None:
    """Drag a grid-warp handle to world coordinates (x, y) with the mouse."""
    svg = widget(page).locator("svg").first.bounding_box()
    handle = widget(page).locator(f"circle[data-handle='{which}']").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    target_x = svg["x"] + (x + RANGE) / (2 * RANGE) * svg["width"]
    target_y = svg["y"] + (RANGE - y) / (2 * RANGE) * svg["height"]
    page.mouse.move(target_x, target_y, steps=8)
    page.mouse.up()


def shoot_widget(page: Any, name: str) -> None:
    figure = widget(page)
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(screenshot(page, "lesson-top").with_name(f"{name}.png")))


def runnable_cell_ids(server: str) -> list[str]:
    module = httpx.get(f"{server}/api/modules/transformations", timeout=10).json()
    blocks = [
        inner
        for block in module["blocks"]
        for inner in (block["blocks"] if block["type"] == "admonition" else [block])
    ]
    return [str(b["id"]) for b in blocks if b["type"] == "code" and b["runnable"]]


def test_the_lesson_typesets_math_and_runs_a_cell(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    page.locator("h1", has_text="Matrices as Transformations").wait_for()
    assert_math_typeset(page, at_least=30)

    first = runnable_cell_ids(server)[0]
    figure = page.locator(f"figure.code-cell[data-cell-id='{first}']")
    number = first.removeprefix("cell-")
    assert "A @ x  = [4. 2.]" in figure.locator(".code-output").inner_text()
    figure.get_by_role("button", name=f"Run Python cell {number}").click()
    output = figure.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=60_000)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "1*col1 + 2*col2 = [4. 2.]" in printed


def test_the_grid_warp_follows_the_mouse_and_the_keyboard(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    widget(page).scroll_into_view_if_needed()
    # The lesson's starting matrix A = [[2, 1], [0, 1]] and x = (1, 2).
    assert readout(page, "e1") == "(2, 0)"
    assert readout(page, "e2") == "(1, 1)"
    assert readout(page, "ax") == "(4, 2)"
    expect(code_line(page, "matrix")).to_have_text("A = np.array([[2.0, 1.0], [0.0, 1.0]])")
    shoot_widget(page, "grid-warp")

    # Mouse: drag the first column's tip to (1, -1), so A = [[1, 1], [-1, 1]].
    drag_handle_to(page, "e1", 1, -1)
    assert readout(page, "e1") == "(1, -1)"
    assert readout(page, "ax") == "(3, 1)"  # 1·(1, -1) + 2·(1, 1)
    assert readout(page, "area") == "2"
    expect(code_line(page, "matrix")).to_have_text("A = np.array([[1.0, 1.0], [-1.0, 1.0]])")
    expect(code_line(page, "ax")).to_contain_text("# array([3, 1])")
    entry = widget(page).locator("input[data-entry='21']")
    expect(entry).to_have_value("-1")

    # Keyboard: the second column's tip one step (0.25) up, so a22 = 1.25.
    page.locator("circle[data-handle='e2']").focus()
    page.keyboard.press("ArrowUp")
    assert readout(page, "e2") == "(1, 1.25)"
    assert readout(page, "ax") == "(3, 1.5)"
    expect(code_line(page, "matrix")).to_have_text("A = np.array([[1.0, 1.0], [-1.0, 1.25]])")
    # ...and the vector x itself, one step left: x = (0.75, 2).
    page.locator("circle[data-handle='x']").focus()
    page.keyboard.press("ArrowLeft")
    assert readout(page, "x") == "(0.75, 2)"
    assert readout(page, "ax") == "(2.75, 1.75)"

    # Typing an entry edits the matrix too.
    entry.fill("0")
    assert readout(page, "e1") == "(1, 0)"
    expect(code_line(page, "matrix")).to_have_text("A = np.array([[1.0, 1.0], [0.0, 1.25]])")

    # A preset and its slider, from the keyboard: a rotation by 30°, then 35°.
    widget(page).get_by_role("button", name="Rotation").click()
    expect(widget(page).get_by_role("button", name="Rotation")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(widget(page).locator("[data-readout='kind']")).to_have_text(
        "rotation by 30°: keeps lengths and angles"
    )
    slider = widget(page).get_by_role("slider", name="Rotation angle θ in degrees")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(widget(page).locator("[data-readout='kind']")).to_contain_text("rotation by 35°")
    c, s = math.cos(math.radians(35)), math.sin(math.radians(35))
    assert readout(page, "e1") == f"({c:.2f}, {s:.2f})"
    assert readout(page, "area") == "1"
    expect(code_line(page, "preset")).to_have_text("# in the lab: A = rotation(np.radians(35))")
    expect(code_line(page, "matrix")).to_have_text(
        f"A = np.array([[{c:.3f}, {-s:.3f}], [{s:.3f}, {c:.3f}]])"
    )
    shoot_widget(page, "grid-warp-rotated")

    # A projection flattens the plane: the square's area is 0.
    widget(page).get_by_role("button", name="Projection").click()
    assert readout(page, "area") == "0"
    expect(widget(page).locator("[data-readout='kind']")).to_contain_text("projection onto a line")
    shoot_widget(page, "grid-warp-projection")

    widget(page).get_by_role("button", name="Reset").click()
    assert readout(page, "ax") == "(4, 2)"


def test_the_grid_warp_reads_well_in_dark_mode(server: str, page: Any) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(server + MODULE)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    widget(page).get_by_role("button", name="Shear").click()
    assert readout(page, "e2") == "(1, 1)"
    shoot_widget(page, "grid-warp-dark")


def test_the_reference_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "transformations", LAB_DIR / "solution.py")
    expect(complete).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(complete).to_contain_text(re.compile(r"(\d+) / \1 points"))
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    expect(results.locator(".check-row")).to_have_count(13)
    screenshot(page, "transformations-lab-complete")


def test_quiz_items_are_answered(server: str, page: Any) -> None:
    page.goto(server + MODULE + "/quiz")
    mirror = page.locator("li.quiz-item[data-item='reflect-y-equals-x']")
    mirror.locator("input").first.wait_for()
    for box, value in zip(mirror.locator("input").all(), ["0", "1", "1", "0"], strict=True):
        box.fill(value)
    mirror.get_by_role("button", name="Check").click()
    mirror.locator(".feedback[data-status='correct']").wait_for()

    rows = page.locator("li.quiz-item[data-item='points-as-rows']")
    rows.get_by_text("X @ M", exact=True).click()
    rows.get_by_role("button", name="Check").click()
    feedback = rows.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    assert "moves each point by" in feedback.inner_text()
    screenshot(page, "transformations-quiz", full_page=True)


def test_the_lesson_and_widget_fit_a_phone_screen(server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(server + MODULE)
        page.locator("h1").wait_for()
        widget(page).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px"
        shoot_widget(page, "grid-warp-phone")
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lesson_with_a_preset_open_has_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(server + MODULE)
        page.locator("h1").wait_for()
        widget(page).get_by_role("button", name="Scaling").click()  # sliders shown too
        page.wait_for_timeout(300)
        violations = audit(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
