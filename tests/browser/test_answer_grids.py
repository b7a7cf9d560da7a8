"""Matrix and vector answers are typed into grids shaped like the answer."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import screenshot


def test_a_matrix_answer_is_diagnosed_then_accepted(grid_server: str, page: Any) -> None:
    page.goto(f"{grid_server}/modules/grids/quiz")
    item = page.locator("li.quiz-item[data-item='transpose']")
    boxes = item.locator("input")
    boxes.first.wait_for()
    assert boxes.count() == 6
    assert item.get_by_label("row 3, column 2").count() == 1
    # Row by row 1..6: only (1,1) = 1 and (3,2) = 6 are right.
    for box, value in zip(boxes.all(), "123456", strict=True):
        box.fill(value)
    item.get_by_role("button", name="Check").click()
    feedback = item.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    assert (
        "2 of 6 entries are right. Check row 1, column 2; row 2, column 1" in feedback.inner_text()
    )
    screenshot(page, "matrix-feedback")

    item.get_by_role("button", name="Try again").click()
    for box, value in zip(boxes.all(), "142536", strict=True):
        box.fill(value)
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()


def test_a_vector_answer_accepts_expressions_and_explains_typos(
    grid_server: str, page: Any
) -> None:
    page.goto(f"{grid_server}/modules/grids/quiz")
    item = page.locator("li.quiz-item[data-item='scaled']")
    tex = item.locator("annotation[encoding='application/x-tex']").nth(0).text_content()
    v = [int(x) for x in re.findall(r"-?\d+", tex.split("(", 1)[1])]
    boxes = item.locator("input").all()
    assert len(boxes) == 3
    boxes[0].fill("two")
    for box, x in zip(boxes[1:], v[1:], strict=True):
        box.fill(str(2 * x))
    item.get_by_role("button", name="Check").click()
    unreadable = item.locator(".feedback[data-status='unreadable']")
    unreadable.wait_for()
    assert unreadable.inner_text().count("Entry 1") == 1
    boxes[0].fill(f"{v[0]}*2")
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()
