"""The path page in a real browser, served with the fixture path ``tour`` (every kind of
item, prerequisites, two weeks): marking a resource done is kept across a reload and moves
"Next up" on; the toggle works from the keyboard; external links open in a new tab; the
page reads well on a phone and in both themes, and passes the accessibility audit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serve
from tests.browser.test_accessibility import AXE, audit_in
from tests.conftest import need
from tests.progress.tour import write_tour_course

VIDEO = "3Blue1Brown — Essence of Linear Algebra, chapter 1"
VECTORS = "Vectors: The Language of Data"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`la4ai serve` on the shipped course plus the fixture path, with a fresh database."""
    content = write_tour_course(tmp_path_factory.mktemp("tour"))
    yield from serve(content, tmp_path_factory.mktemp("tour-data"))


def item(page: Any, item_id: str) -> Any:
    return page.locator(f"li.path-item[data-item='{item_id}']")


def test_marking_a_resource_done_is_kept_and_next_up_moves_on(server: str, page: Any) -> None:
    page.goto(f"{server}/paths/tour")
    expect(page.get_by_role("heading", level=1)).to_have_text("A guided tour")
    weeks = page.get_by_test_id("path-week")
    expect(weeks).to_have_count(2)
    expect(weeks.nth(0).get_by_role("heading", level=2)).to_have_text("Week 1")
    expect(weeks.nth(1)).to_contain_text("2 items · 2 h 15 min")

    next_up = page.get_by_test_id("path-next-up")
    expect(next_up.get_by_test_id("path-next-title")).to_have_text(VIDEO)
    video = item(page, "essence-vectors")
    assert video.get_attribute("aria-current") == "step"
    expect(video).to_contain_text("Next up")
    link = video.get_by_role("link", name=re.compile(r"^Open the resource"))
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=fNk_zzaMoSs"
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    module = item(page, "module:vectors")
    expect(module.get_by_test_id("item-state")).to_have_text(f"Locked · Needs {VIDEO} first")
    project = item(page, "rotate-picture")
    expect(project.get_by_test_id("item-state")).to_have_text(
        "Locked · Needs Matrices that move the plane and Checkpoint: vectors in code first"
    )
    assert module.get_by_role("button").count() == 0  # modules follow progress: no toggle
    screenshot(page, "path-before-mark", full_page=True)

    toggle = video.get_by_role("button", name=f"Mark done: {VIDEO}")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    with page.expect_response(lambda r: r.request.method == "PUT" and "/done" in r.url) as put:
        toggle.click()
    assert put.value.status == 200
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("path-status")).to_have_text(
        f"Marked “{VIDEO}” done. Next up: {VECTORS}."
    )
    expect(next_up.get_by_test_id("path-next-title")).to_have_text(VECTORS)

    page.reload()
    video = item(page, "essence-vectors")
    expect(video.get_by_role("button", name=f"Mark done: {VIDEO}")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(video.get_by_test_id("item-state")).to_have_text("Done")
    expect(page.get_by_test_id("path-next-up").get_by_test_id("path-next-title")).to_have_text(
        VECTORS
    )
    module = item(page, "module:vectors")
    assert module.get_attribute("aria-current") == "step"
    expect(module.get_by_test_id("item-state")).to_have_text("Available")
    expect(page.get_by_test_id("path-summary")).to_contain_text("1 of 5 items done")
    expect(weeks.nth(0)).to_contain_text("10 min of 2 h 10 min done")
    screenshot(page, "path-after-mark", full_page=True)


def test_the_toggle_works_from_the_keyboard(server: str, page: Any) -> None:
    page.goto(f"{server}/paths/tour")
    project = item(page, "rotate-picture")
    toggle = project.get_by_role("button", name="Mark done: Rotate a picture")
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_be_focused()  # the focus stays where the learner is
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(
        item(page, "rotate-picture").get_by_role("button", name="Mark done: Rotate a picture")
    ).to_have_attribute("aria-pressed", "false")


def test_the_course_map_and_the_dashboard_lead_to_the_path(server: str, page: Any) -> None:
    page.goto(server)
    tour = page.get_by_role("region", name="A guided tour")
    expect(tour.locator("li[data-item='checkpoint:vectors']")).to_contain_text(
        "Checkpoint · Module 1"
    )
    tour.scroll_into_view_if_needed()
    screenshot(page, "path-course-map")
    tour.get_by_test_id("open-path").click()
    page.wait_for_url(f"{server}/paths/tour")
    expect(page.get_by_role("heading", level=1)).to_have_text("A guided tour")

    follow = page.get_by_test_id("path-follow")
    follow.get_by_role("button", name="Follow this path").click()
    expect(follow).to_contain_text("Your path")
    page.goto(f"{server}/dashboard")
    card = page.get_by_test_id("dash-path")
    expect(card).to_contain_text("A guided tour")
    expect(card).to_contain_text("items done")
    expect(card.get_by_test_id("next-step")).to_contain_text("Vectors: The Language of Data")
    screenshot(page, "path-dashboard")
    card.get_by_test_id("dash-open-path").click()
    page.wait_for_url(f"{server}/paths/tour")


def test_unknown_path_says_not_found(server: str, browser: Any) -> None:
    context = browser.new_context()  # the browser logs the 404: expected here
    try:
        page = context.new_page()
        page.goto(f"{server}/paths/nowhere")
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(page.locator("main")).to_contain_text("There is no such learning path here.")
    finally:
        context.close()


@pytest.mark.parametrize(("theme", "width"), [("dark", 1280), ("light", 375), ("dark", 375)])
def test_the_path_page_on_a_phone_and_in_both_themes(
    server: str, browser: Any, theme: str, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 740},
        color_scheme=theme,
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    try:
        page = context.new_page()
        page.goto(f"{server}/paths/tour")
        page.get_by_test_id("path-week").first.wait_for()
        page.wait_for_timeout(200)
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"the path page scrolls sideways by {overflow}px"
        screenshot(page, f"path-{theme}-{'phone' if width < 600 else 'wide'}", full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_path_page_passes_the_accessibility_audit(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def wait(page: Any) -> None:
        page.get_by_test_id("path-week").first.wait_for()

    violations = audit_in(browser, f"{server}/paths/tour", theme, wait)
    assert violations == [], "\n".join(violations)
