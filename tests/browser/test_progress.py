"""Learner progress end to end in a real browser: quiz answers join the review queue, a
review session on /review, time tracking heartbeats, the dashboard (week, goal, streak),
mastery on the course map, and exporting then importing progress through the UI.

The review queue depends on the clock (a wrong answer comes back after 10 minutes), so the
test moves due dates into the past directly in the server's SQLite database."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serve
from tests.browser.test_accessibility import AXE, audit_in
from tests.conftest import CONTENT, need

WRONG = "1000"  # |u · v| ≤ 75 for the dot-product item's small integer vectors


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("progress-data")


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[str]:
    """`la4ai serve` on the shipped course; this module's tests reach into its database."""
    yield from serve(CONTENT, data_dir)


def make_due(data_dir: Path, *item_ids: str) -> None:
    """Move review cards' due dates into the past (as if their time had come)."""
    marks = ",".join("?" for _ in item_ids)
    with sqlite3.connect(data_dir / "la4ai.db") as db:
        updated = db.execute(
            f"UPDATE review_cards SET due = '2000-01-01 00:00:00' WHERE item_id IN ({marks})",
            item_ids,
        ).rowcount
    assert updated == len(item_ids)


def answer_on_quiz_page(page: Any, item_id: str) -> dict[str, Any]:
    """Answer one vectors quiz item (right for the choice, wrong for the dot product); the
    submission as sent."""
    item = page.locator(f"li.quiz-item[data-item='{item_id}']")
    with page.expect_request(
        lambda r: r.url.endswith("/quiz/submissions") and r.method == "POST"
    ) as request:
        if item_id == "dot-is-zero":
            item.get_by_text("They are orthogonal").click()
            item.get_by_role("button", name="Check").click()
        else:
            item.locator("input").fill(WRONG)
            item.get_by_role("button", name="Check").click()
    item.locator(".feedback").wait_for()
    return dict(request.value.post_data_json)


def answer_review_item(page: Any) -> str:
    """Answer the review item on screen (the choice right, the dot product wrong); its id."""
    card = page.locator("article.review-item")
    item_id = str(card.get_attribute("data-item"))
    if item_id == "dot-is-zero":
        card.get_by_text("They are orthogonal").click()
    else:
        card.locator("input").fill(WRONG)
    card.get_by_role("button", name="Check").click()
    card.locator(".feedback").wait_for()
    return item_id


def test_quiz_answers_come_back_for_review(server: str, data_dir: Path, page: Any) -> None:
    page.goto(f"{server}/modules/vectors/quiz")
    sent = answer_on_quiz_page(page, "dot-is-zero")
    seconds = sent["answers"][0]["seconds"]
    assert isinstance(seconds, int | float), sent  # the time taken goes along
    assert 0 <= seconds < 120, sent

    # One item in the queue, not due yet.
    page.goto(f"{server}/dashboard")
    reviews = page.get_by_test_id("dash-reviews")
    expect(reviews).to_contain_text("All caught up.")
    expect(reviews).to_contain_text("1 item in your review queue.")
    expect(reviews).to_contain_text(re.compile(r"The next review is due in \d+ days?\."))
    page.get_by_role("navigation", name="App").get_by_role("link", name="Review").click()
    page.wait_for_url(f"{server}/review")
    expect(page.get_by_test_id("review-caught-up")).to_contain_text(
        re.compile(r"All caught up\s+The next review is due in \d+ days?\. 1 item in your queue\."),
        use_inner_text=True,
    )

    # A wrong answer comes back in 10 minutes: make it (and the first) due now.
    page.goto(f"{server}/modules/vectors/quiz")
    quiz_seed = page.locator("li.quiz-item[data-item='dot-product']").get_attribute("data-seed")
    answer_on_quiz_page(page, "dot-product")
    make_due(data_dir, "dot-product", "dot-is-zero")

    page.goto(f"{server}/dashboard")
    reviews = page.get_by_test_id("dash-reviews")
    expect(reviews).to_contain_text("2 items due today")
    reviews.get_by_role("link", name="Start reviewing").click()
    page.wait_for_url(f"{server}/review")

    # A session: one item at a time, the verdict, when it comes back, then Next.
    expect(page.get_by_test_id("review-due")).to_contain_text("2 items due · 2 items in your queue")
    seen: list[str] = []
    for number in (1, 2):
        card = page.locator("article.review-item")
        heading = card.get_by_role("heading", name=f"Question {number} of 2")
        heading.wait_for()
        if number == 2:
            expect(heading).to_be_focused()  # focus moved to the new item
        if card.get_attribute("data-item") == "dot-product":
            # Drawn afresh: new numbers, not the quiz page's.
            assert card.get_attribute("data-seed") != quiz_seed
            assert card.get_by_text("fresh numbers").is_visible()
        item_id = answer_review_item(page)
        seen.append(item_id)
        comes_back = card.get_by_test_id("comes-back").inner_text()
        if item_id == "dot-product":
            assert card.locator(".feedback[data-status='incorrect']").is_visible()
            assert "Explanation" in card.inner_text()
            assert "Comes back in 10 minutes" in comes_back, comes_back
            page.evaluate("window.scrollTo(0, 0)")
            screenshot(page, "review-verdict-light", full_page=True)
        else:
            assert card.locator(".feedback[data-status='correct']").is_visible()
            assert re.search(r"Comes back in \d+ (days?|months?)\.", comes_back), comes_back
        expect(card.get_by_role("button", name="Next")).to_be_focused()
        page.keyboard.press("Enter")
    assert sorted(seen) == ["dot-is-zero", "dot-product"]

    caught_up = page.get_by_test_id("review-caught-up")
    expect(caught_up).to_contain_text(
        re.compile(
            r"All caught up\s+The next review is due in 10 minutes\. 2 items in your queue\."
        ),
        use_inner_text=True,
    )
    expect(caught_up.get_by_role("heading", name="All caught up")).to_be_focused()
    screenshot(page, "review-caught-up-light")


def test_the_page_sends_heartbeats_and_the_dashboard_shows_the_week(server: str, page: Any) -> None:
    beats: list[dict[str, Any]] = []

    def observe(route: Any) -> None:
        beats.append(route.request.post_data_json)
        route.continue_()

    page.route("**/api/activity/heartbeat", observe)
    page.clock.install()
    page.goto(f"{server}/modules/vectors")
    page.locator("h1").wait_for()
    page.mouse.move(200, 300)  # the learner is here…
    page.mouse.wheel(0, 400)
    with page.expect_response("**/api/activity/heartbeat") as response:
        page.clock.run_for(16_000)  # …for one heartbeat interval
    assert response.value.status == 204
    assert beats[0]["kind"] == "lesson"
    assert beats[0]["module_id"] == "vectors"
    assert 14 <= beats[0]["seconds"] <= 16
    assert isinstance(beats[0]["utc_offset_minutes"], int)

    # A minute after the last interaction (the wheel's scroll events may trail it a little)
    # the page is idle: it stops counting.
    page.clock.run_for(3 * 60_000)
    page.wait_for_timeout(500)  # (route handlers run asynchronously)
    count = len(beats)
    assert 4 <= count <= 6, beats  # every 15 s for about a minute
    assert {b["seconds"] for b in beats} == {15}
    page.clock.run_for(3 * 60_000)
    page.wait_for_timeout(500)
    assert len(beats) == count, "an idle page sends no heartbeats"
    page.unroute_all(behavior="ignoreErrors")

    # Ten more minutes of reading, sent directly (no need to wait for them).
    offset = page.evaluate("-new Date().getTimezoneOffset()")
    for _ in range(10):
        answer = page.request.post(
            f"{server}/api/activity/heartbeat",
            data={
                "kind": "lesson",
                "module_id": "vectors",
                "seconds": 60,
                "utc_offset_minutes": offset,
            },
        )
        assert answer.status == 204

    page.goto(f"{server}/dashboard")
    expect(page.get_by_test_id("week-total")).to_have_text(re.compile(r"1\d min this week"))
    today = page.locator("[data-testid='week-day'][data-today='true']")
    expect(today).to_contain_text(re.compile(r"\(today\): 1\d min"))
    assert page.locator("[data-testid='week-day']").count() == 7
    resume = page.get_by_test_id("dash-resume")
    assert "Continue where you left off" in resume.inner_text()
    link = resume.get_by_role("link", name=re.compile(r"Vectors.*Lesson"))
    assert link.get_attribute("href") == "/modules/vectors"
    streak = page.get_by_test_id("dash-streak").inner_text()
    assert "1-day streak" in streak
    assert "today counts already." in streak


def test_the_weekly_goal_is_set_inline_and_kept(server: str, page: Any) -> None:
    page.goto(f"{server}/dashboard")
    goal = page.get_by_test_id("weekly-goal")
    expect(goal).to_contain_text("No weekly goal yet. We suggest 3 h a week.")
    goal.get_by_role("button", name="Set my own").click()
    field = page.get_by_role("textbox", name="Weekly goal")
    expect(field).to_be_focused()
    field.fill("half an hour")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("alert")).to_contain_text("Type a number of hours")
    field.fill("2.5")
    field.press("Enter")
    expect(page.get_by_test_id("weekly-goal")).to_contain_text("Weekly goal: 2 h 30 min")
    expect(page.get_by_test_id("week-total")).to_contain_text("of your 2 h 30 min goal")
    assert page.locator(".week-pace").count() == 7  # the goal's daily pace across the chart

    page.reload()
    expect(page.get_by_test_id("weekly-goal")).to_contain_text("Weekly goal: 2 h 30 min")
    screenshot(page, "dashboard-light", full_page=True)


def test_progress_is_exported_and_imported_through_the_ui(
    server: str, page: Any, tmp_path: Path
) -> None:
    page.goto(f"{server}/dashboard")
    data = page.get_by_test_id("dash-data")
    with page.expect_download() as download:
        data.get_by_role("link", name="Export my progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert re.fullmatch(r"la4ai-progress-\d{4}-\d{2}-\d{2}\.json", exported.name)
    document = json.loads(exported.read_text())
    assert document["format"] == "la4ai-progress"
    assert len(document["data"]["review_cards"]) == 2

    # Change something, then bring the file back: the change is undone.
    page.get_by_role("button", name="Edit goal").click()
    page.get_by_role("textbox", name="Weekly goal").fill("5")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_test_id("weekly-goal")).to_contain_text("Weekly goal: 5 h")

    data.get_by_test_id("import-file").set_input_files(str(exported))
    dialog = page.get_by_role("dialog", name="Replace all your progress?")
    dialog.wait_for()
    assert "replaces everything" in dialog.inner_text()
    assert exported.name in dialog.inner_text()
    screenshot(page, "dashboard-import-dialog")
    dialog.get_by_role("button", name="Replace my progress").click()
    result = page.get_by_test_id("import-result")
    expect(result).to_contain_text("Progress imported:")
    expect(result).to_contain_text("2 items to review")
    screenshot(page, "dashboard-imported")
    expect(page.get_by_test_id("weekly-goal")).to_contain_text("Weekly goal: 2 h 30 min")

    # Cancelling changes nothing.
    data.get_by_test_id("import-file").set_input_files(str(exported))
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(result).to_contain_text("Progress imported:")


def test_a_bad_file_is_refused_with_the_servers_message(
    server: str, browser: Any, tmp_path: Path
) -> None:
    context = browser.new_context()  # the browser logs the 422: expected here
    page = context.new_page()
    try:
        bad = tmp_path / "notes.json"
        bad.write_text('{"hello": "world"}')
        page.goto(f"{server}/dashboard")
        page.get_by_test_id("import-file").set_input_files(str(bad))
        page.get_by_role("button", name="Replace my progress").click()
        error = page.get_by_test_id("import-error")
        expect(error).to_contain_text("this is not a la4ai progress file")
        expect(error).to_contain_text("Nothing was changed")
        expect(page.get_by_test_id("weekly-goal")).to_contain_text("Weekly goal: 2 h 30 min")
    finally:
        context.close()


def test_mastery_is_shown_on_the_course_map_and_the_module_page(server: str, page: Any) -> None:
    page.goto(server)
    card = page.locator("li.module-card[data-module='vectors']")
    card.wait_for()
    # 1 of 12 quiz answers right, no lab check, the lesson barely scrolled: nothing done yet.
    parts = card.get_by_role("list", name="Vectors: The Language of Data: mastery, 0 of 3 done")
    items = parts.locator("li")
    expect(items).to_have_count(3)
    for i, label in enumerate(["Lesson read", "Lab passed", "Quiz ≥ 80 %"]):
        expect(items.nth(i)).to_contain_text(label)
        expect(items.nth(i)).to_contain_text("(not yet)")  # in words, not only a colour
        assert items.nth(i).get_attribute("data-done") == "false"
    assert card.get_by_test_id("mastered-badge").count() == 0
    screenshot(page, "course-map-progress", full_page=True)
    strip = page.get_by_test_id("progress-strip")
    assert "this week" in strip.inner_text()
    strip.get_by_role("link", name="Your dashboard").click()
    page.wait_for_url(f"{server}/dashboard")

    page.goto(f"{server}/modules/vectors")
    mastery = page.get_by_role("region", name="Your progress on this module")
    expect(mastery).to_contain_text("To master this module")
    screenshot(page, "lesson-mastery")
    mastery.get_by_role("link", name="Quiz ≥ 80 %").click()
    page.wait_for_url(f"{server}/modules/vectors/quiz")


@pytest.mark.parametrize(
    ("theme", "width"), [("dark", 1280), ("light", 375), ("dark", 375)], ids=str
)
def test_dashboard_and_review_screenshots(
    server: str, data_dir: Path, browser: Any, theme: str, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 740},
        color_scheme=theme,
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    page = context.new_page()
    name = f"{theme}-{'phone' if width < 600 else 'wide'}"
    try:
        make_due(data_dir, "dot-product")
        page.goto(f"{server}/dashboard")
        page.get_by_test_id("dash-week").wait_for()
        page.wait_for_timeout(200)
        screenshot(page, f"dashboard-{name}", full_page=True)
        for path in ("/dashboard", "/review"):
            page.goto(server + path)
            page.locator("h1").wait_for()
            page.wait_for_timeout(200)
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        page.locator("article.review-item").wait_for()
        screenshot(page, f"review-item-{name}", full_page=True)
        answer_review_item(page)
        page.evaluate("window.scrollTo(0, 0)")  # (a sticky header mid-page is a full-page artefact)
        screenshot(page, f"review-verdict-{name}", full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_review_verdict_and_the_import_dialog_pass_the_accessibility_audit(
    server: str, data_dir: Path, browser: Any, theme: str, tmp_path: Path
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    make_due(data_dir, "dot-product")

    def answer(page: Any) -> None:
        page.locator("article.review-item").wait_for()
        answer_review_item(page)

    violations = audit_in(browser, f"{server}/review", theme, answer)
    assert violations == [], "\n".join(violations)

    progress_file = tmp_path / "progress.json"
    progress_file.write_text("{}")

    def open_the_dialog(page: Any) -> None:
        page.get_by_test_id("import-file").set_input_files(str(progress_file))
        page.get_by_role("dialog", name="Replace all your progress?").wait_for()

    violations = audit_in(browser, f"{server}/dashboard", theme, open_the_dialog)
    assert violations == [], "\n".join(violations)
