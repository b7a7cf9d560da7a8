"""Module 7 end to end in a real browser: the lesson (math typeset, a cell run on a real
kernel), the eigen-directions widget driven with the mouse and the keyboard, the lab
completed with the reference solution, and a quiz item answered."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot
from tests.browser.test_accessibility import AXE, audit
from tests.browser.test_lab_check import check, editor, replace_code
from tests.conftest import CONTENT, need

LESSON = "/modules/eigenvectors"
LAB_DIR = CONTENT / "modules" / "07-eigenvectors" / "lab"
WIDGET = "figure.widget[data-widget='eigen-directions']"


def readout(page: Any, key: str) -> str:
    return str(page.locator(f"{WIDGET} [data-readout='{key}'] .ed-value").inner_text())


def status(page: Any) -> str:
    return str(page.locator(f"{WIDGET} [data-readout='status']").inner_text())


def code(page: Any, key: str) -> str:
    return str(page.locator(f"{WIDGET} [data-code='{key}']").inner_text()).strip()


def drag_x_towards(page: Any, degrees: float, *, world_range: float) -> None:
    """Drag the probe's handle with the mouse to a point in the direction `degrees`."""
    svg = page.locator(f"{WIDGET} svg").bounding_box()
    handle = page.locator(f"{WIDGET} circle[data-handle='x']").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    radius = 1.5 / (2 * world_range) * svg["width"]  # 1.5 world units from the origin
    centre_x, centre_y = svg["x"] + svg["width"] / 2, svg["y"] + svg["height"] / 2
    angle = math.radians(degrees)
    page.mouse.move(
        centre_x + radius * math.cos(angle), centre_y - radius * math.sin(angle), steps=10
    )
    page.mouse.up()


def shoot_widget(page: Any, name: str) -> None:
    widget = page.locator(WIDGET)
    widget.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 90)")
    page.wait_for_timeout(150)
    widget.screenshot(path=str(screenshot(page, "eigenvectors-page").with_name(f"{name}.png")))


def test_a_learner_reads_module_seven_and_plays_with_eigenvectors(server: str, page: Any) -> None:
    page.goto(server + LESSON)
    page.locator("h1", has_text="Eigenvalues and Eigenvectors").wait_for()
    assert_math_typeset(page)

    # Run the first cell on a real kernel: it prints the eigenvalues found by hand.
    first = page.locator("figure.code-cell.runnable").first
    assert "eigenvalues: 3.0 and 1.0" in first.locator(".code-output").inner_text()
    first.get_by_role("button", name=re.compile(r"^Run Python cell")).click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=60_000)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "eigenvalues: 3.0 and 1.0" in printed
    assert "A @ x  = [2. 1.]" in printed

    # The widget starts on A = [[2, 1], [1, 2]] with x at 20°, which A turns.
    widget = page.locator(WIDGET)
    widget.scroll_into_view_if_needed()
    assert readout(page, "eigenvalues") == "3 and 1"
    assert readout(page, "x") == "(0.94, 0.34) at 20°"
    assert readout(page, "turn") == "16.2°"
    assert "not an eigenvector" in status(page)
    assert "array([3., 1.])" in code(page, "eig")
    shoot_widget(page, "eigenvectors-widget")

    # Mouse: drag x near the diagonal; it snaps onto the eigenvector line of λ = 3.
    drag_x_towards(page, 44, world_range=3.5)
    assert readout(page, "x") == "(0.71, 0.71) at 45°"
    assert readout(page, "turn") == "0°"
    assert readout(page, "stretch") == "3"
    assert "A x = 3 x" in status(page)
    assert code(page, "x") == "x = np.array([0.707, 0.707])"
    assert "array([2.121, 2.121])" in code(page, "ax")

    # Keyboard: one step (5°) off the line turns x; 18 steps reach the other line, λ = 1.
    handle = page.locator(f"{WIDGET} circle[data-handle='x']")
    handle.focus()
    page.keyboard.press("ArrowRight")
    assert readout(page, "x").endswith("at 50°")
    assert readout(page, "turn") != "0°"
    assert "not an eigenvector" in status(page)
    for _ in range(17):
        page.keyboard.press("ArrowRight")
    assert readout(page, "x") == "(-0.71, 0.71) at 135°"
    assert readout(page, "turn") == "0°"
    assert "A x = 1 x" in status(page)
    assert "array([-0.707, 0.707])" in code(page, "ax")
    shoot_widget(page, "eigenvectors-widget-on-eigenvector")

    # The slider, by keyboard: t = 0 is the identity, and the picture's matrix is written out.
    slider = widget.locator("input[data-control='t']")
    slider.focus()
    page.keyboard.press("Home")
    expect(widget.locator(".ed-slider-value")).to_have_text("0.00")
    assert code(page, "t").startswith("M = (1 - 0.0) * np.eye(2) + 0.0 * A")
    page.keyboard.press("End")
    expect(widget.locator(".ed-slider-value")).to_have_text("1.00")
    expect(widget.locator("[data-code='t']")).to_have_count(0)

    # Typing an entry: a12 = 0 leaves one eigenvalue, 2, twice, with one line (a shear).
    widget.locator("input[data-entry='12']").fill("0")
    assert code(page, "matrix") == "A = np.array([[2.0, 0.0], [1.0, 2.0]])"
    assert readout(page, "eigenvalues") == "2, twice"
    assert readout(page, "eigenvectors") == "only (0, 1)"

    # A rotation has complex eigenvalues, and the widget says so plainly.
    widget.locator("[data-preset='rotation']").click()
    expect(widget.locator("[data-preset='rotation']")).to_have_attribute("aria-pressed", "true")
    assert readout(page, "eigenvalues") == "0.87 ± 0.5i (complex)"
    assert readout(page, "eigenvectors") == "none that are real"
    assert readout(page, "turn") == "30°"
    assert "are complex" in status(page)
    assert "0.866+0.5j, 0.866-0.5j" in code(page, "eig")
    shoot_widget(page, "eigenvectors-widget-rotation")

    # Half-way there, in the dark theme: the eigenvector lines are already in place.
    page.emulate_media(color_scheme="dark")
    page.reload()
    widget = page.locator(WIDGET)
    widget.wait_for()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    slider = widget.locator("input[data-control='t']")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(50):
        page.keyboard.press("ArrowRight")
    expect(widget.locator(".ed-slider-value")).to_have_text("0.50")
    assert "M = (1 - 0.5) * np.eye(2) + 0.5 * A" in code(page, "t")
    assert readout(page, "eigenvalues") == "3 and 1"  # the readouts describe A itself
    shoot_widget(page, "eigenvectors-widget-dark-halfway")


def test_the_solution_completes_the_eigenvectors_lab(server: str, page: Any) -> None:
    page.goto(f"{server}{LESSON}/lab")
    expect(editor(page)).to_contain_text("def power_iteration")
    replace_code(page, (LAB_DIR / "solution.py").read_text())
    region = check(page)
    complete = page.get_by_role("region", name="Lab complete")
    expect(complete.get_by_role("heading", name="Lab complete")).to_be_focused()
    expect(region.locator(".check-headline")).to_have_text("Every check passed")
    expect(region.locator(".check-score")).to_have_text("18 / 18 points")
    expect(region.locator(".check-row[data-passed='false']")).to_have_count(0)
    screenshot(page, "eigenvectors-lab-complete", animations="disabled")


def test_a_quiz_item_on_eigenvectors_is_answered(server: str, page: Any) -> None:
    page.goto(f"{server}{LESSON}/quiz")
    item = page.locator("li.quiz-item[data-item='rotation-eigenvalues']")
    item.get_by_text("a complex pair").click()
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()

    columns = page.locator("li.quiz-item[data-item='eig-columns']")
    columns.get_by_text("vectors[1]", exact=True).click()
    columns.get_by_role("button", name="Check").click()
    feedback = columns.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    assert "columns" in feedback.inner_text()
    screenshot(page, "eigenvectors-quiz", full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lesson_and_its_widget_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(server + LESSON)
        page.locator(WIDGET).wait_for()
        page.locator(f"{WIDGET} [data-preset='rotation']").click()  # the longest readouts
        page.wait_for_timeout(300)
        violations = audit(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
