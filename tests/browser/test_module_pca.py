"""Module 8 (PCA) end to end in a real browser: the lesson's math and a code cell, the PCA
projection widget turned with the mouse and the keyboard and snapped to PC1 (the numbers and
the NumPy lines follow, checked against NumPy on the same Iris data), the lab completed with
the reference solution, and a quiz item answered."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import expect
from sklearn.datasets import load_iris  # type: ignore[import-untyped]

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE, audit_in
from tests.conftest import CONTENT, need

LESSON = "/modules/pca"
LAB_DIR = CONTENT / "modules" / "08-pca" / "lab"
CHECK_TIMEOUT = 90_000

# The widget's cloud: sepal length and petal length of the 150 flowers, centred.
PAIR = load_iris().data[:, [0, 2]]
CENTRED = PAIR - PAIR.mean(axis=0)
COVARIANCE = CENTRED.T @ CENTRED / (len(PAIR) - 1)


def js_number(x: float, digits: int = 3) -> str:
    """What the widget prints: `Number(x.toFixed(digits))` as a string (no trailing zeros)."""
    rounded = float(f"{x:.{digits}f}")
    return "0" if rounded == 0 else f"{rounded:g}"


def variance_at(degrees: float) -> float:
    w = np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))])
    return float(np.var(CENTRED @ w, ddof=1))


def readout(widget: Any, key: str) -> Any:
    return widget.locator(f"[data-readout='{key}'] .pp-value")


def shoot_widget(page: Any, widget: Any, name: str) -> None:
    """A screenshot of the widget as a learner sees it: scrolled just below the sticky
    header and kernel bar (which an element screenshot would paint over its top)."""
    widget.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 150)")
    screenshot(page, name, clip=widget.bounding_box(), animations="disabled")


def drag_handle_to(page: Any, widget: Any, x: float, y: float) -> None:
    """Drag the direction's handle to the world point (x, y) of the scatter plot (cm)."""
    svg = widget.locator("svg.pp-scatter")
    box = svg.bounding_box()
    half = float(svg.get_attribute("data-range"))
    handle = widget.locator("[data-handle='w']").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(
        box["x"] + (x + half) / (2 * half) * box["width"],
        box["y"] + (half - y) / (2 * half) * box["height"],
        steps=10,
    )
    page.mouse.up()


def test_the_lesson_typesets_runs_and_its_widget_turns(server: str, page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 1200})  # the whole widget in view
    page.goto(server + LESSON)
    page.locator("h1", has_text="PCA: Dimensionality Reduction").wait_for()
    assert_math_typeset(page, at_least=30)

    # The first cell loads the real Iris data in the kernel and prints what the lesson says.
    first = page.locator("figure.code-cell[data-cell-id='cell-1']")
    first.get_by_role("button", name="Run Python cell 1").click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=90_000)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "X shape: (150, 4)" in printed
    assert "first flower: [5.1 3.5 1.4 0.2]" in printed

    widget = page.locator("figure.widget[data-widget='pca-projection']")
    widget.scroll_into_view_if_needed()
    code = widget.locator(".pp-code")
    # At 0° the shadows are the sepal lengths: the covariance matrix's first diagonal entry.
    expect(readout(widget, "angle")).to_have_text("0°")
    expect(readout(widget, "kept")).to_have_text(js_number(COVARIANCE[0, 0]))
    expect(readout(widget, "total")).to_have_text(js_number(np.trace(COVARIANCE)))
    expect(code.locator("[data-code='cov']")).to_contain_text("[[0.686, 1.274], [1.274, 3.116]]")
    expect(code.locator("[data-code='w']")).to_contain_text("w = np.array([1, 0])")
    shoot_widget(page, widget, "pca-start")

    # The mouse: drag w straight up, to 90°, where the shadows are the petal lengths.
    drag_handle_to(page, widget, 0.0, 2.5)
    expect(readout(widget, "angle")).to_have_text("90°")
    expect(readout(widget, "kept")).to_have_text(js_number(variance_at(90)))
    expect(readout(widget, "lost")).to_have_text(js_number(variance_at(0)))
    expect(code.locator("[data-code='w']")).to_contain_text("w = np.array([0, 1])")

    # The keyboard: 20° back with Page Down twice, 3° more with the arrow keys: 67°.
    handle = widget.locator("[data-handle='w']")
    handle.focus()
    for key in ["PageDown", "PageDown", "ArrowLeft", "ArrowDown", "ArrowLeft"]:
        page.keyboard.press(key)
    expect(readout(widget, "angle")).to_have_text("67°")
    expect(readout(widget, "kept")).to_have_text(js_number(variance_at(67)))
    w = np.array([np.cos(np.radians(67)), np.sin(np.radians(67))])
    expect(code.locator("[data-code='w']")).to_contain_text(
        f"w = np.array([{js_number(w[0])}, {js_number(w[1])}])"
    )
    expect(code.locator("[data-code='variance']")).to_contain_text(js_number(variance_at(67)))
    expect(handle).to_have_attribute("aria-valuenow", "67")
    page.keyboard.press("Shift+ArrowRight")  # a tenth of a degree
    expect(readout(widget, "angle")).to_have_text("67.1°")

    # Snap to PC1: the top eigenvector of the covariance matrix, the curve's peak.
    eigenvalues, eigenvectors = np.linalg.eigh(COVARIANCE)
    pc1 = eigenvectors[:, -1] * np.sign(eigenvectors[1, -1])  # the arrow nearest to 67°
    pc1_degrees = float(np.degrees(np.arctan2(pc1[1], pc1[0])))
    widget.get_by_role("button", name="Snap to PC1").click()
    expect(readout(widget, "angle")).to_have_text(f"{js_number(pc1_degrees, 1)}°")
    expect(readout(widget, "kept")).to_have_text(js_number(eigenvalues[-1]))
    expect(readout(widget, "lost")).to_have_text(js_number(eigenvalues[0]))
    expect(readout(widget, "share")).to_have_text(
        f"{js_number(100 * eigenvalues[-1] / eigenvalues.sum(), 1)}%"
    )
    expect(code.locator("[data-code='w']")).to_contain_text(
        f"w = np.array([{js_number(pc1[0])}, {js_number(pc1[1])}])"
    )
    expect(widget.get_by_test_id("pp-pcs")).to_contain_text(f"PC1 at {js_number(pc1_degrees, 1)}°")
    shoot_widget(page, widget, "pca-pc1")


def test_the_widget_reads_well_in_dark_mode_and_on_a_phone(server: str, browser: Any) -> None:
    context = browser.new_context(
        color_scheme="dark", viewport={"width": 390, "height": 1700}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(server + LESSON)
        page.locator("h1").wait_for()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        widget = page.locator("figure.widget[data-widget='pca-projection']")
        widget.scroll_into_view_if_needed()
        widget.get_by_role("button", name="Snap to PC2").click()
        expect(widget.get_by_test_id("pp-pcs")).to_be_visible()
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px"
        shoot_widget(page, widget, "pca-dark-phone")
    finally:
        context.close()


def test_the_reference_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "pca", LAB_DIR / "solution.py")
    expect(complete).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(complete).to_contain_text(re.compile(r"(\d+) / \1 points"))
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-headline")).to_have_text("Every check passed")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    screenshot(page, "pca-lab-complete")


def test_a_quiz_item_is_answered_and_a_mistake_is_named(server: str, page: Any) -> None:
    page.goto(f"{server}{LESSON}/quiz")
    item = page.locator("li.quiz-item[data-item='eigh-column']")
    item.get_by_text("vectors[:, -1]").click()
    item.get_by_role("button", name="Check").click()
    expect(item.locator(".feedback[data-status='correct']")).to_be_visible()

    # A randomized item: dividing by the kept eigenvalues only always gives 1, and is named.
    ratio = page.locator("li.quiz-item[data-item='explained-ratio']")
    ratio.locator("input").fill("1")
    ratio.get_by_role("button", name="Check").click()
    feedback = ratio.locator(".feedback[data-status='incorrect']")
    expect(feedback).to_contain_text("divided the kept eigenvalues by their own sum")
    screenshot(page, "pca-quiz", full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lesson_and_quiz_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def snap(page: Any) -> None:
        widget = page.locator("figure.widget[data-widget='pca-projection']")
        widget.get_by_role("button", name="Snap to PC1").click()
        expect(widget.get_by_test_id("pp-pcs")).to_be_visible()

    assert audit_in(browser, server + LESSON, theme, snap) == []
    assert audit_in(browser, f"{server}{LESSON}/quiz", theme, lambda _: None) == []
