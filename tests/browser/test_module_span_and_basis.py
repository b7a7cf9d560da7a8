"""Module 4 (span and basis) in a real browser: the lesson's math and cells, the span
explorer operated with the keyboard and the mouse, the lab completed with the reference
solution, and a quiz item answered. Screenshots of the widget go to test-artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE, audit
from tests.conftest import CONTENT, need

MODULE = "/modules/span-and-basis"
LAB_DIR = CONTENT / "modules" / "04-span-and-basis" / "lab"
CHECK_TIMEOUT = 60_000
SVG_UNITS_PER_WORLD_UNIT = 30  # SpanExplorer.tsx's UNIT
SVG_SIZE = 440


def explorer(page: Any) -> Any:
    return page.locator("figure.widget[data-widget='span-explorer']").first


def readout(widget: Any, key: str) -> Any:
    return widget.locator(f"[data-readout='{key}'] .sx-value")


def code(widget: Any) -> Any:
    return widget.locator(".sx-code")


def handle_centre(widget: Any, name: str) -> tuple[float, float]:
    box = widget.locator(f"circle[data-handle='{name}']").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page: Any, start: tuple[float, float], dx: float, dy: float) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + dx, start[1] + dy, steps=8)
    page.mouse.up()


def shoot_widget(page: Any, widget: Any, name: str) -> None:
    widget.scroll_into_view_if_needed()
    widget.screenshot(path=str(screenshot(page, name)))


def test_the_lesson_typesets_math_and_runs_a_cell(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    page.locator("h1", has_text="Vector Spaces and Subspaces").wait_for()
    assert_math_typeset(page)

    first = page.locator("figure.code-cell.runnable").first
    number = (first.get_attribute("data-cell-id") or "").removeprefix("cell-")
    expect(first.locator(".code-output")).to_contain_text("u, v, w  rank 2")
    first.get_by_role("button", name=f"Run Python cell {number}").click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=CHECK_TIMEOUT)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "u, v, w  rank 2" in printed
    assert "u, v, t  rank 3" in printed


def test_the_span_explorer_follows_the_keyboard_and_the_mouse(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    widget = explorer(page)
    widget.scroll_into_view_if_needed()
    svg = widget.locator(".sx-canvas svg")

    # Two independent vectors: a plane, rank 2.
    expect(readout(widget, "rank")).to_have_text("2")
    expect(readout(widget, "span")).to_have_text("a plane through the origin")
    expect(readout(widget, "independent")).to_have_text("yes")
    expect(code(widget)).to_contain_text("np.linalg.matrix_rank(A)  # 2")
    shoot_widget(page, widget, "span-explorer")

    # A third vector starts at u + v: it adds nothing, and the widget says how it depends.
    widget.get_by_role("button", name="Add a vector").click()
    expect(readout(widget, "rank")).to_have_text("2")
    expect(readout(widget, "relation")).to_have_text("w = u + v")
    expect(readout(widget, "independent")).to_have_text("no: rank 2 < 3 vectors")
    expect(code(widget)).to_contain_text("w = np.array([2.0, 2.0, 2.0])")
    expect(code(widget)).to_contain_text("np.column_stack([u, v]), w, rcond=None)[0]  # [1, 1]")
    expect(widget.locator(".span-explorer")).to_have_attribute("data-span", "plane")

    # Keyboard: lift w out of the plane (Page Up raises z by 0.5): all of space.
    widget.locator("circle[data-handle='w']").focus()
    page.keyboard.press("PageUp")
    expect(readout(widget, "rank")).to_have_text("3")
    expect(readout(widget, "span")).to_have_text("all of 3-D space")
    expect(readout(widget, "relation")).to_have_text("none")
    expect(code(widget)).to_contain_text("w = np.array([2.0, 2.0, 2.5])")
    expect(code(widget)).to_contain_text("np.linalg.matrix_rank(A)  # 3")
    expect(widget.locator("[aria-live='polite']")).to_contain_text("w is now (2, 2, 2.5)")
    shoot_widget(page, widget, "span-explorer-space")

    # Keyboard on the view itself: turn to the front view (yaw 0, no tilt).
    svg.focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    for _ in range(4):
        page.keyboard.press("ArrowUp")
    expect(svg).to_have_attribute("data-yaw", "0")
    expect(svg).to_have_attribute("data-pitch", "0")

    # Mouse: seen from the front, screen-down is -z, so dragging w down by half a unit
    # puts it back at u + v and the span collapses to the plane again.
    box = svg.bounding_box()
    pixels_per_unit = SVG_UNITS_PER_WORLD_UNIT * box["width"] / SVG_SIZE
    drag(page, handle_centre(widget, "w"), 0, 0.5 * pixels_per_unit)
    expect(code(widget)).to_contain_text("w = np.array([2.0, 2.0, 2.0])")
    expect(readout(widget, "rank")).to_have_text("2")
    expect(readout(widget, "relation")).to_have_text("w = u + v")

    # Mouse on the background turns the view; the math does not change.
    drag(page, (box["x"] + 20, box["y"] + box["height"] - 20), 60, -30)
    assert svg.get_attribute("data-yaw") != "0"
    assert svg.get_attribute("data-pitch") != "0"
    expect(readout(widget, "rank")).to_have_text("2")
    shoot_widget(page, widget, "span-explorer-turned")

    # The edge-on view shows the plane as a line; v made parallel to u collapses the span.
    widget.get_by_role("button", name="Edge-on view").click()
    shoot_widget(page, widget, "span-explorer-edge-on")
    widget.get_by_role("button", name="Remove w").click()
    widget.get_by_label("v x coordinate").fill("4")
    widget.get_by_label("v y coordinate").fill("2")
    widget.get_by_label("v z coordinate").fill("0")
    expect(readout(widget, "rank")).to_have_text("1")
    expect(readout(widget, "relation")).to_have_text("v = 2u")
    expect(widget.locator(".span-explorer")).to_have_attribute("data-span", "line")
    shoot_widget(page, widget, "span-explorer-line")


def test_the_coplanar_trio_is_shown_as_a_plane_in_dark_mode(server: str, page: Any) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(server + MODULE)
    page.locator("h1").wait_for()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    trio = page.locator("figure.widget[data-widget='span-explorer']").nth(1)
    trio.scroll_into_view_if_needed()
    expect(readout(trio, "rank")).to_have_text("2")
    expect(readout(trio, "relation")).to_have_text("w = u + v")
    shoot_widget(page, trio, "span-explorer-dark")


def test_the_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "span-and-basis", LAB_DIR / "solution.py")
    expect(complete).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(complete).to_contain_text(re.compile(r"(\d+) / \1 points"))
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    assert results.locator(".check-row").count() == 9
    screenshot(page, "span-lab-complete")


def test_a_quiz_item_is_answered(server: str, page: Any) -> None:
    page.goto(server + MODULE + "/quiz")
    item = page.locator("li.quiz-item[data-item='pairwise-is-not-enough']")
    item.get_by_text("Nothing yet about independence").click()
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()

    wrong = page.locator("li.quiz-item[data-item='rank-of-columns']")
    wrong.locator("input").fill("3")
    wrong.get_by_role("button", name="Check").click()
    feedback = wrong.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    expect(feedback).to_contain_text("number of columns")
    screenshot(page, "span-quiz", full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lesson_and_its_widgets_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(server + MODULE)
        widget = explorer(page)
        widget.get_by_role("button", name="Add a vector").click()
        expect(readout(widget, "relation")).to_have_text("w = u + v")
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
        widget = explorer(page)
        widget.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px"
        shoot_widget(page, widget, "span-explorer-phone")
    finally:
        context.close()
