"""Module 6 end to end in a real browser: the lesson (typeset math, a code cell run against a
real kernel, the kernel-and-image figure operated with the mouse and with the keyboard),
the lab completed with the reference solution, and quiz items answered."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import assert_math_typeset, screenshot, submit_solution
from tests.browser.test_accessibility import AXE
from tests.conftest import CONTENT, need

MODULE = "/modules/kernel-and-image"
LAB_DIR = CONTENT / "modules" / "06-kernel-and-image" / "lab"
CHECK_TIMEOUT = 60_000


def widget(page: Any) -> Any:
    return page.locator("figure.widget[data-widget='kernel-image']")


def readout(page: Any, key: str) -> str:
    return str(widget(page).locator(f"[data-readout='{key}']").first.inner_text())


def code_line(page: Any, key: str) -> str:
    return str(widget(page).locator(f"[data-code='{key}']").inner_text())


def drawn_numbers(item: Any) -> tuple[int, ...]:
    """The numbers of this draw of the prompt, read from the TeX KaTeX keeps for each piece
    of math: "A matrix $A$ has $m$ rows, $n$ columns and rank $r$"."""
    tex = item.locator(".quiz-prompt annotation").all_text_contents()
    numbers = tuple(int(t) for t in tex if t.strip().isdigit())
    assert len(numbers) == 3, tex
    return numbers


def shoot_widget(page: Any, name: str) -> None:
    widget(page).scroll_into_view_if_needed()
    widget(page).screenshot(path=str(screenshot(page, f"{name}-page").with_name(f"{name}.png")))


def test_the_lesson_typesets_math_and_runs_a_cell(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    page.locator("h1", has_text="Linear Transformations: Kernel and Image").wait_for()
    assert_math_typeset(page, at_least=30)

    first = page.locator("figure.code-cell.runnable").first
    assert "nullity = n - rank = 2" in first.locator(".code-output").inner_text()
    first.get_by_role("button", name=re.compile(r"^Run Python cell")).click()
    output = first.locator(".cell-output[data-phase='done']")
    output.wait_for(timeout=60_000)
    assert output.get_attribute("data-status") == "ok", output.inner_text()
    printed = "\n".join(output.locator(".output-stdout").all_text_contents())
    assert "rank = 2" in printed
    assert "nullity = n - rank = 2" in printed


def test_the_figure_follows_the_mouse_and_the_keyboard(server: str, page: Any) -> None:
    page.goto(server + MODULE)
    figure = widget(page)
    figure.scroll_into_view_if_needed()
    # The starting matrix: column 3 = column 1 + column 2, so rank 2 and a kernel line.
    assert readout(page, "rank") == "2"
    assert readout(page, "nullity") == "1"
    assert "a line through 0, spanned by (-1, -1, 1)" in readout(page, "kernel")
    assert "a plane through 0, spanned by a₁ and a₂" in readout(page, "image")
    assert "# 2" in code_line(page, "rank")
    assert "# array([0, 0, 0])" in code_line(page, "kernel-0")
    assert figure.locator("[data-view='input'] [data-subspace='kernel'].ki-line").count() == 1
    shoot_widget(page, "kernel-image-widget")

    # Mouse: pick the rank-1 example; the kernel becomes a plane, the image a line.
    figure.get_by_role("button", name="Rank 1").click()
    assert readout(page, "rank") == "1"
    assert readout(page, "nullity") == "2"
    assert readout(page, "kernel").startswith("a plane through 0")
    assert readout(page, "image") == "a line through 0, spanned by a₁"
    assert "A = np.array([[1, 2, -1], [2, 4, -2], [-1, -2, 1]])" in code_line(page, "matrix")
    assert "(1 + 2 = 3)" in code_line(page, "nullity")
    assert figure.locator("[data-view='input'] [data-subspace='kernel'] polygon").count() == 1

    # Mouse: drag the input view to turn it; both 3-D views turn together.
    scene = figure.locator("[data-view='input'] svg")
    yaw_before = int(scene.get_attribute("data-yaw"))
    box = scene.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()
    yaw_after = int(scene.get_attribute("data-yaw"))
    assert yaw_after - yaw_before > 30
    assert figure.locator("[data-view='output'] svg").get_attribute("data-yaw") == str(yaw_after)
    shoot_widget(page, "kernel-image-widget-rank-one")

    # Keyboard: back to rank 2, then raise entry (3, 3) from 2 to 3 with the arrow key.
    figure.get_by_role("button", name="Rank 2").click()
    entry = figure.get_by_label("A row 3, column 3")
    entry.focus()
    page.keyboard.press("ArrowUp")
    expect(entry).to_have_value("3")
    assert readout(page, "rank") == "3"
    assert readout(page, "nullity") == "0"
    assert readout(page, "kernel") == "just the zero vector"
    assert readout(page, "image") == "all of ℝ³, spanned by a₁, a₂ and a₃"
    assert "A = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 3]])" in code_line(page, "matrix")
    assert "# 3" in code_line(page, "rank")
    expect(figure.get_by_role("slider")).to_be_disabled()
    page.keyboard.press("ArrowDown")
    assert readout(page, "nullity") == "1"

    # Keyboard: slide x along the kernel; the input moves, its output stays put.
    before = readout(page, "Ax")
    assert before == "(1, 1, 0.5) → (1.5, 1.5, 3)"
    figure.get_by_role("slider").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    after = readout(page, "Ax")
    assert after.split(" → ")[0] != "(1, 1, 0.5)"
    assert after.endswith("→ (1.5, 1.5, 3)")
    assert "# array([1.5, 1.5, 3])" in code_line(page, "x")

    # Keyboard: turn the view with the arrow keys.
    scene.focus()
    yaw = int(scene.get_attribute("data-yaw"))
    page.keyboard.press("ArrowLeft")
    assert yaw - 8 <= int(scene.get_attribute("data-yaw")) <= yaw - 6
    shoot_widget(page, "kernel-image-widget-keyboard")

    # The 2 × 3 example: a flat output plane, filled by the image.
    figure.get_by_role("button", name="ℝ³ → ℝ²").click()
    assert readout(page, "image") == "all of ℝ², spanned by a₁ and a₂"
    assert readout(page, "kernel") == "a line through 0, spanned by (1, 1, 1)"
    assert figure.locator("[data-view='output'] svg").get_attribute("tabindex") is None
    shoot_widget(page, "kernel-image-widget-wide")


def test_the_figure_reads_well_in_the_dark_theme(server: str, browser: Any) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(
        bypass_csp=True, color_scheme="dark", viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(server + MODULE)
        page.locator("h1").wait_for()
        widget(page).scroll_into_view_if_needed()
        widget(page).get_by_role("button", name="Rank 1").click()
        page.wait_for_timeout(300)
        shoot_widget(page, "kernel-image-widget-dark")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run(document.querySelector(\"figure.widget[data-widget='kernel-image']\"),"
            " {resultTypes: ['violations']})"
        )
        serious = [
            f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], "\n".join(serious)
    finally:
        context.close()


def test_the_reference_solution_completes_the_lab(server: str, page: Any) -> None:
    complete = submit_solution(page, server, "kernel-and-image", LAB_DIR / "solution.py")
    expect(complete.get_by_role("heading", name="Lab complete")).to_be_visible(
        timeout=CHECK_TIMEOUT
    )
    expect(complete).to_contain_text("16 / 16 points")
    results = page.get_by_role("region", name="Check results")
    expect(results.locator(".check-row[data-passed='false']")).to_have_count(0)
    expect(results.locator(".check-row")).to_have_count(12)
    screenshot(page, "kernel-image-lab-complete", animations="disabled")


def test_quiz_items_are_marked(server: str, page: Any) -> None:
    page.goto(server + MODULE + "/quiz")
    wide = page.locator("li.quiz-item[data-item='wide-kernel']")
    wide.get_by_text("No. Its rank is at most 2").click()
    wide.get_by_role("button", name="Check").click()
    wide.locator(".feedback[data-status='correct']").wait_for()

    # A randomized item: read this draw's numbers and answer with rank–nullity.
    item = page.locator("li.quiz-item[data-item='nullity-from-shape']")
    rows, cols, rank = drawn_numbers(item)
    item.locator("input").fill(str(rows - rank))  # the rows instead of the columns
    item.get_by_role("button", name="Check").click()
    wrong = item.locator(".feedback[data-status='incorrect']")
    wrong.wait_for()
    assert "one dimension per column" in wrong.inner_text()
    item.get_by_role("button", name="Try again with new numbers").click()
    item.get_by_role("button", name="Check").wait_for()
    rows, cols, rank = drawn_numbers(item)
    item.locator("input").fill(str(cols - rank))
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()
    screenshot(page, "kernel-image-quiz", full_page=True)
