"""Module 5 (determinants) end to end in a real browser: the lesson (math, a code cell run
against the kernel, the determinant-area widget by mouse, keyboard and slider), the lab
completed with the reference solution, and quiz items answered."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE, audit_in
from tests.conftest import CONTENT, need

LESSON = "/modules/determinants"
LAB_DIR = CONTENT / "modules" / "05-determinants" / "lab"
RANGE = 4  # the widget's grid shows -4…4 on both axes
CHECK_TIMEOUT = 60_000


def widget(page: Any) -> Any:
    return page.locator("figure.widget[data-widget='determinant-area']")


def readout(page: Any, key: str) -> str:
    return str(widget(page).locator(f"[data-readout='{key}'] .da-value").inner_text())


def code_line(page: Any, key: str) -> str:
    return str(widget(page).locator(f"[data-code='{key}']").inner_text()).strip()


def drag_column_to(page: Any, which: str, x: float, y: float) -> None:
    """Drag the tip of column `which` ("a1" or "a2") to world coordinates (x, y)."""
    svg = widget(page).locator("svg").bounding_box()
    handle = widget(page).locator(f"circle[data-handle='{which}']").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    target_x = svg["x"] + (x + RANGE) / (2 * RANGE) * svg["width"]
    target_y = svg["y"] + (RANGE - y) / (2 * RANGE) * svg["height"]
    page.mouse.move(target_x, target_y, steps=8)
    page.mouse.up()


def shoot_widget(page: Any, name: str) -> None:
    """The page, then (at the same path) the widget alone, as a learner sees it."""
    widget(page).screenshot(path=str(screenshot(page, name)))


def test_the_lesson_typesets_math_and_runs_a_cell(server: str, page: Any) -> None:
    page.goto(server + LESSON)
    page.locator("h1", has_text="Determinants and Inverses").wait_for()
    assert_math_typeset(page, at_least=40)

    first = page.locator("figure.code-cell.runnable").first
    assert "rotate 30°" in first.locator(".code-output").inner_text()
    first.get_by_role("button", name="Run Python cell 1").click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=CHECK_TIMEOUT)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "mirror in y=x  ad - bc = -1.000   np.linalg.det = -1.000" in printed
    assert "squash         ad - bc =  0.000" in printed


def test_the_widget_follows_the_mouse_the_keyboard_and_the_slider(server: str, page: Any) -> None:
    page.goto(server + LESSON)
    figure = widget(page)
    figure.scroll_into_view_if_needed()
    # The lesson's starting matrix: columns (2, 1) and (0.5, 1.5), det = 3 - 0.5.
    assert readout(page, "det") == "2.5"
    assert readout(page, "orientation") == "kept"
    assert code_line(page, "matrix") == "A = np.array([[2.0, 0.5], [1.0, 1.5]])"
    assert code_line(page, "det") == "round(np.linalg.det(A), 2)  # 2.5"
    assert "array([[0.6, -0.2], [-0.4, 0.8]])" in code_line(page, "inv")
    assert figure.locator(".da-shape").get_attribute("data-orientation") == "kept"
    shoot_widget(page, "determinant-widget")

    # Mouse: a2 onto the line of a1, (1, 0.5): the parallelogram is flat, no inverse.
    drag_column_to(page, "a2", 1, 0.5)
    assert code_line(page, "matrix") == "A = np.array([[2.0, 1.0], [1.0, 0.5]])"
    assert readout(page, "det") == "0"
    assert readout(page, "orientation") == "flat"
    assert readout(page, "inverse") == "none"
    assert code_line(page, "inv").endswith("# LinAlgError: Singular matrix")
    # …and past it, to (2, -1): det = 2·(-1) - 2·1 = -4, the picture is mirrored.
    drag_column_to(page, "a2", 2, -1)
    assert readout(page, "det") == "-4"
    assert readout(page, "area") == "4"
    assert readout(page, "orientation") == "flipped"
    assert figure.locator(".da-shape").get_attribute("data-orientation") == "flipped"
    shoot_widget(page, "determinant-widget-flipped")

    # Keyboard: a1 one step (0.5) up, to (2, 1.5): det = 2·(-1) - 2·1.5 = -5.
    page.locator("circle[data-handle='a1']").focus()
    page.keyboard.press("ArrowUp")
    assert code_line(page, "matrix") == "A = np.array([[2.0, 2.0], [1.5, -1.0]])"
    assert readout(page, "det") == "-5"
    assert code_line(page, "det") == "round(np.linalg.det(A), 2)  # -5"
    # Shift + arrow is a fine step: a1 to (1.9, 1.5): det = 1.9·(-1) - 2·1.5 = -4.9.
    page.keyboard.press("Shift+ArrowLeft")
    assert readout(page, "det") == "-4.9"

    # The slider, by keyboard: from the starting matrix, det shrinks as (1 - t)·2.5.
    figure.get_by_role("button", name="Reset").click()
    assert readout(page, "det") == "2.5"
    slider = figure.get_by_role("slider")
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert figure.locator("[data-readout='t']").inner_text() == "t = 0.5"
    assert readout(page, "det") == "1.25"
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert readout(page, "det") == "0"
    assert readout(page, "orientation") == "flat"
    shoot_widget(page, "determinant-widget-singular")
    page.keyboard.press("End")  # t = 2: a2 comes out mirrored across the line of a1
    assert readout(page, "det") == "-2.5"
    assert code_line(page, "matrix") == "A = np.array([[2.0, 1.5], [1.0, -0.5]])"
    assert readout(page, "orientation") == "flipped"

    # A preset and a typed entry.
    figure.get_by_role("button", name="Shear").click()
    assert readout(page, "det") == "1"
    figure.get_by_label("Entry d of A (row 2, column 2)").fill("3")
    assert readout(page, "det") == "3"
    shoot_widget(page, "determinant-widget-after")

    page.emulate_media(color_scheme="dark")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    drag_column_to(page, "a2", -2, 1)  # columns (1, 0) and (-2, 1): det = 1
    assert readout(page, "det") == "1"
    page.locator("circle[data-handle='a2']").focus()
    for _ in range(4):
        page.keyboard.press("ArrowDown")  # a2 = (-2, -1): det = 1·(-1) - (-2)·0 = -1
    assert readout(page, "det") == "-1"
    shoot_widget(page, "determinant-widget-dark")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("preset", "state"), [("Mirror", "flipped"), ("Squash", "flat")])
def test_the_lesson_and_widget_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str, preset: str, state: str
) -> None:
    """Audited with the widget flipped or singular: the states with the most colour."""
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def choose(page: Any) -> None:
        widget(page).get_by_role("button", name=preset).click()
        assert readout(page, "orientation") == state

    violations = audit_in(browser, server + LESSON, theme, choose)
    assert violations == [], "\n".join(violations)


def test_the_lesson_fits_a_phone_screen(server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(server + LESSON)
        page.locator("h1").wait_for()
        widget(page).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px"
        assert readout(page, "det") == "2.5"
        shoot_widget(page, "determinant-widget-phone")
    finally:
        context.close()


def test_the_reference_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "determinants", LAB_DIR / "solution.py")
    expect(complete.get_by_role("heading", name="Lab complete")).to_be_visible(
        timeout=CHECK_TIMEOUT
    )
    expect(complete).to_contain_text("17 / 17 points")
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    expect(results).to_contain_text("det is fast enough for a 200×200 matrix")
    screenshot(page, "determinants-lab-complete", animations="disabled")


def test_quiz_items_are_checked_with_their_misconceptions(server: str, page: Any) -> None:
    page.goto(server + LESSON + "/quiz")
    choice = page.locator("li.quiz-item[data-item='zero-determinant']")
    choice.get_by_text("It squashes the whole plane").click()
    choice.get_by_role("button", name="Check").click()
    choice.locator(".feedback[data-status='correct']").wait_for()

    # A randomized item: read the drawn matrix from the prompt's TeX.
    item = page.locator("li.quiz-item[data-item='det-2x2']")
    tex = item.locator(".quiz-prompt annotation").last.text_content() or ""
    a, b, c, d = (int(x) for x in re.findall(r"-?\d+", tex.split("bmatrix", 1)[1])[:4])
    item.locator("input").fill(str(a * d + b * c))  # the classic slip: adding the products
    item.get_by_role("button", name="Check").click()
    feedback = item.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    assert "You added the two products" in feedback.inner_text()
    before = item.get_attribute("data-seed")
    item.get_by_role("button", name="Try again with new numbers").click()
    expect(item).not_to_have_attribute("data-seed", before or "")
    item.get_by_role("button", name="Check").wait_for()
    expect(item.locator(".la-math:not([data-typeset])")).to_have_count(0)
    tex = item.locator(".quiz-prompt annotation").last.text_content() or ""
    a, b, c, d = (int(x) for x in re.findall(r"-?\d+", tex.split("bmatrix", 1)[1])[:4])
    item.locator("input").fill(str(a * d - b * c))
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "determinants-quiz", full_page=True, animations="disabled")
