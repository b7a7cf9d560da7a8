"""Module 1 end to end in a real browser: course map → lesson (math, code, widget) → quiz →
reload, the attempt is still there."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import assert_math_typeset, screenshot


def drag_handle_to(page: Any, which: str, x: float, y: float) -> None:
    """Drag a vector playground handle to world coordinates (x, y) with the mouse."""
    svg = page.locator("figure.widget svg").first.bounding_box()
    handle = page.locator(f"circle[data-handle='{which}']").first.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    target_x = svg["x"] + (x + 6) / 12 * svg["width"]
    target_y = svg["y"] + (6 - y) / 12 * svg["height"]
    page.mouse.move(target_x, target_y, steps=8)
    page.mouse.up()


def readout(page: Any, key: str) -> str:
    return str(page.locator(f"[data-readout='{key}'] .vp-value").first.inner_text())


def test_a_learner_reads_module_one_and_takes_the_quiz(server: str, page: Any) -> None:
    page.goto(server)
    card = page.locator("li.module-card[data-module='vectors']")
    card.wait_for()
    assert "Vectors: The Language of Data" in card.inner_text()
    assert "Quiz 0 / 12 correct" in card.inner_text()
    screenshot(page, "course-map")

    card.get_by_role("link", name="Vectors: The Language of Data").click()
    page.wait_for_url(f"{server}/modules/vectors")
    page.locator("h1", has_text="Vectors: The Language of Data").wait_for()
    # KaTeX typeset the math, with MathML for screen readers.
    assert_math_typeset(page)
    # Code cells are highlighted, with their output shown.
    first_cell = page.locator("figure.code-cell.runnable").first
    assert first_cell.locator(".tok-keyword").count() > 0
    assert "u + v = [4 3]" in first_cell.locator(".code-output").inner_text()

    # The widget: drag u to (-2, 1): now u ⟂ v = (1, 2), so the dot product is 0.
    widget = page.locator("figure.widget[data-widget='vector-playground']")
    widget.scroll_into_view_if_needed()
    assert readout(page, "dot") == "5"
    assert readout(page, "cosine") == "0.707"
    drag_handle_to(page, "u", -2, 1)
    assert readout(page, "dot") == "0"
    assert readout(page, "angle") == "90°"
    assert "u = np.array([-2.0, 1.0])" in widget.locator(".vp-code").inner_text()
    # …and from the keyboard: v one step right, (1.5, 2): u·v = -3 + 2 = -1.
    page.locator("circle[data-handle='v']").focus()
    page.keyboard.press("ArrowRight")
    assert readout(page, "dot") == "-1"
    widget.screenshot(path=str(screenshot(page, "lesson-top").with_name("widget.png")))

    # On to the quiz with the keyboard shortcut.
    page.keyboard.press("q")
    page.wait_for_url(f"{server}/modules/vectors/quiz")
    item = page.locator("li.quiz-item[data-item='dot-is-zero']")
    item.get_by_text("They are orthogonal").click()
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback[data-status='correct']").wait_for()
    wrong = page.locator("li.quiz-item[data-item='dot-product']")
    wrong.locator("input").fill("1000")
    wrong.get_by_role("button", name="Check").click()
    feedback = wrong.locator(".feedback[data-status='incorrect']")
    feedback.wait_for()
    assert "Expected" in feedback.inner_text()
    assert page.get_by_test_id("quiz-score").inner_text() == "1 of 12 correct"
    screenshot(page, "quiz-feedback", full_page=True)

    page.reload()
    kept = page.locator("li.quiz-item[data-item='dot-is-zero']")
    kept.locator(".feedback[data-status='correct']").wait_for()
    assert kept.locator("input[type='radio']:checked").count() == 1
    assert page.locator("li.quiz-item[data-item='dot-product'] input").input_value() == "1000"
    assert page.get_by_test_id("quiz-score").inner_text() == "1 of 12 correct"


def test_an_unreadable_answer_is_explained_and_not_counted(server: str, page: Any) -> None:
    page.goto(f"{server}/modules/vectors/quiz")
    item = page.locator("li.quiz-item[data-item='cosine-similarity']")
    item.locator("input").fill("two thirds")
    item.get_by_role("button", name="Check").click()
    feedback = item.locator(".feedback[data-status='unreadable']")
    feedback.wait_for()
    assert "Couldn't read" in feedback.inner_text()
    assert item.get_by_role("button", name="Check").is_visible()


def test_randomized_items_draw_new_numbers_on_retry(server: str, page: Any) -> None:
    page.goto(f"{server}/modules/vectors/quiz")
    item = page.locator("li.quiz-item[data-item='normalise']")
    before = item.get_attribute("data-seed")
    for box in item.locator("input").all():
        box.fill("0")
    item.get_by_role("button", name="Check").click()
    item.locator(".feedback").wait_for()
    item.get_by_role("button", name="Try again with new numbers").click()
    item.get_by_role("button", name="Check").wait_for()
    assert item.locator(".feedback").count() == 0
    assert all(box.input_value() == "" for box in item.locator("input").all())
    # A new draw: a new seed (two small integer vectors may still coincide by chance).
    assert item.get_attribute("data-seed") != before


def test_theme_toggle_and_reading_progress(server: str, page: Any) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{server}/modules/vectors")
    page.locator("h1").wait_for()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.keyboard.press("t")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    screenshot(page, "lesson-dark")
    with page.expect_response(
        lambda r: (
            r.url.endswith("/reading")
            and r.request.method == "PUT"
            and r.request.post_data_json == {"fraction": 1}
        )
    ):
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.goto(server)
    card = page.locator("li.module-card[data-module='vectors']")
    card.wait_for()
    assert "Lesson read 100%" in card.inner_text()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


def test_pages_fit_a_phone_screen(server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        for path in ("/", "/modules/vectors", "/modules/vectors/quiz"):
            page.goto(server + path)
            page.locator("h1").wait_for()
            page.wait_for_timeout(300)
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        screenshot(page, "phone-quiz")
    finally:
        context.close()


def test_unknown_pages_say_not_found(server: str, browser: Any) -> None:
    context = browser.new_context()  # the API's 404 is logged by the browser: expected here
    page = context.new_page()
    try:
        page.goto(f"{server}/modules/no-such-module")
        page.get_by_role("heading", name="Not found").wait_for()
        page.get_by_role("link", name="Back to the course map").click()
        page.wait_for_url(f"{server}/")
    finally:
        context.close()
