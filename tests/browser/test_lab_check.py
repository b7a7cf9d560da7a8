"""Checking a lab in a real browser, on the shipped Module 1 lab: "Check my code" grades
the editor's file and lists every check (failures first, with what went wrong), the hint
ladder opens a rung per failed check and keeps revealed hints across a reload, a file
that passes every check is celebrated once ("Lab complete") and marked completed, and a
file that does not load shows its error (with the line) instead of ten "Not run" rows.

The tests share one server (and so one learner) and run in order."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import AXE, audit
from tests.conftest import CONTENT, need

LAB = "/modules/vectors/lab"
LAB_DIR = CONTENT / "modules" / "01-vectors" / "lab"
HINTS: dict[str, list[str]] = yaml.safe_load((LAB_DIR / "hints.yaml").read_text())
CHECK_TIMEOUT = 60_000


def editor(page: Any) -> Any:
    return page.locator(".lab-editor .cm-content")


def replace_code(page: Any, text: str) -> None:
    editor(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)


def results(page: Any) -> Any:
    return page.get_by_role("region", name="Check results")


def hints(page: Any) -> Any:
    return page.get_by_role("region", name="Hints")


def shoot(page: Any, name: str, *, full_page: bool = True) -> None:
    """A screenshot as a learner sees it: no animation half-way, no sticky bar mid-page."""
    if full_page:
        page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name, full_page=full_page, animations="disabled")


def check(page: Any) -> Any:
    """Press "Check my code" and wait for the results of this attempt."""
    before = page.locator("[data-testid='check-results'] .check-attempt").all_inner_texts()
    page.get_by_role("button", name="Check my code").click()
    region = results(page)
    if before:
        expect(region.locator(".check-attempt")).not_to_have_text(before[0], timeout=CHECK_TIMEOUT)
    expect(region).to_have_attribute("aria-busy", "false", timeout=CHECK_TIMEOUT)
    return region


def test_checking_the_starter_lists_the_failures_and_opens_hints(server: str, page: Any) -> None:
    page.goto(server + LAB)
    expect(editor(page)).to_contain_text("def most_similar")
    replace_code(page, (LAB_DIR / "starter.py").read_text())
    # Before any check: no results, and the hint ladder says how hints open.
    expect(results(page)).to_have_count(0)
    expect(hints(page)).to_contain_text("Hints open one at a time")
    expect(page.get_by_test_id("lab-progress")).to_have_count(0)

    # While the check runs the button says so and cannot be pressed twice.
    held: list[Any] = []
    page.route("**/api/labs/vectors/attempts", lambda route: held.append(route))
    button = page.get_by_role("button", name="Check my code")
    button.click()
    busy = page.get_by_role("button", name="Checking…")
    expect(busy).to_be_disabled()
    expect(busy).to_have_attribute("aria-busy", "true")
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/api/labs/vectors/attempts")

    region = results(page)
    heading = region.get_by_role("heading", name="Check results")
    expect(heading).to_be_focused(timeout=CHECK_TIMEOUT)  # focus follows the result
    expect(button).to_be_enabled()
    expect(region).to_contain_text("Attempt 1")
    expect(region.locator(".check-summary")).to_contain_text(re.compile(r"\d+ / 14 points"))
    headline = region.locator(".check-headline")
    expect(headline).to_have_text(re.compile(r"^(\d+ of \d+|All \d+) checks failed$"))
    rows = region.locator(".check-row")
    total = rows.count()
    failed = region.locator(".check-row[data-passed='false']").count()
    assert total >= 8, total
    assert failed > 0, failed
    said = f"{failed} of {total} checks failed" if failed < total else f"All {total} checks failed"
    expect(headline).to_have_text(said)
    expect(page.get_by_role("status").filter(has_text="Attempt 1:")).to_contain_text(said)

    # One row per check, failures first, marked by sign and text, not colour alone.
    marks = [rows.nth(i).get_attribute("data-passed") for i in range(total)]
    assert marks == ["false"] * failed + ["true"] * (total - failed), marks
    first = rows.first
    expect(first.locator(".check-mark")).to_have_text("✗")
    expect(first).to_contain_text("Failed:")
    expect(first).to_contain_text("0 points")
    expect(first.locator(".check-message")).to_contain_text("NotImplementedError")
    expect(
        region.locator(".check-message").filter(has_text="Reproduce with seed").first
    ).to_be_visible()
    if failed < total:
        expect(rows.last.locator(".check-mark")).to_have_text("✓")
        expect(rows.last).to_contain_text("Passed:")
        expect(rows.last.locator(".check-message")).to_have_count(0)
    expect(region).to_contain_text(re.compile(r"Random inputs from seed \d+"))

    # A failed function offers its first hint beside its first failed check.
    offer = region.get_by_role("button", name="Need a hint? Show hint 1 of 3 for dot")
    expect(offer).to_have_count(1)
    offer.click()
    ladder = hints(page)
    rung = ladder.locator("[data-function='dot'] .hint-rung")
    expect(rung).to_have_count(1)
    expect(rung).to_contain_text(f"Hint 1 of 3: {HINTS['dot'][0]}")
    expect(rung).to_be_focused()
    # The next rung waits for another failed check; the other functions' first hints are open.
    expect(ladder.locator("[data-function='dot']")).to_contain_text(
        "Another hint opens after your next check"
    )
    expect(ladder.get_by_role("button", name="Show hint 2 of 3 for dot")).to_have_count(0)
    expect(region.get_by_role("button", name=re.compile("for dot$"))).to_have_count(0)
    expect(ladder.get_by_role("button", name="Show hint 1 of 2 for norm")).to_be_visible()
    shoot(page, "lab-check-failures")

    # Revealed hints are the server's record: they survive a reload.
    page.reload()
    expect(editor(page)).to_contain_text("def most_similar")
    rung = hints(page).locator("[data-function='dot'] .hint-rung")
    expect(rung).to_have_count(1)
    expect(rung).to_contain_text(f"Hint 1 of 3: {HINTS['dot'][0]}")
    expect(page.get_by_test_id("lab-progress")).to_have_text(
        re.compile(r"^1 check so far · best \d+ / 14 points$")
    )
    expect(page.get_by_test_id("lab-completed-badge")).to_have_count(0)
    # The last attempt's results come back too, without taking the focus on page open.
    restored = page.get_by_role("region", name="Check results")
    expect(restored).to_contain_text("Attempt 1")
    expect(restored.locator(".check-row[data-passed='false']").first).to_be_visible()
    assert page.evaluate("document.activeElement === document.body")


def test_the_ladder_reveals_the_next_open_rung(server: str, page: Any) -> None:
    page.goto(server + LAB)
    ladder = hints(page)
    ladder.get_by_role("button", name="Show hint 1 of 2 for norm").click()
    rung = ladder.locator("[data-function='norm'] .hint-rung")
    expect(rung).to_have_count(1)
    expect(rung).to_contain_text("Hint 1 of 2: The length of v is the square root of v · v")
    expect(rung).to_be_focused()


def test_a_file_with_a_syntax_error_shows_the_error_and_its_line(server: str, page: Any) -> None:
    page.goto(server + LAB)
    expect(editor(page)).to_contain_text("def most_similar")
    code = (LAB_DIR / "starter.py").read_text().rstrip("\n") + "\n\ndef broken(:\n    pass\n"
    line = code.splitlines().index("def broken(:") + 1
    replace_code(page, code)
    region = check(page)
    expect(region.get_by_role("heading", name="Check results")).to_be_focused()
    expect(region.locator(".check-headline")).to_have_text(
        "Your file did not load, so no check ran"
    )
    expect(region.locator(".check-error")).to_contain_text(
        re.compile(rf"syntax error on line {line}\b")
    )
    # One error, not a "Not run" message per check; the checks are listed, folded.
    expect(region.locator(".check-row")).to_have_count(0)
    expect(region).not_to_contain_text("Not run")
    expect(region.locator(".check-not-run summary")).to_contain_text(re.compile(r"The \d+ checks"))
    expect(region.locator(".check-score")).to_have_count(0)
    shoot(page, "lab-check-syntax-error", full_page=False)


def test_the_solution_completes_the_lab(server: str, page: Any) -> None:
    page.goto(server + LAB)
    expect(editor(page)).to_contain_text("def most_similar")
    expect(page.get_by_test_id("lab-completed-badge")).to_have_count(0)
    replace_code(page, (LAB_DIR / "solution.py").read_text())
    region = check(page)

    complete = page.get_by_role("region", name="Lab complete")
    heading = complete.get_by_role("heading", name="Lab complete")
    expect(heading).to_be_focused()
    expect(complete).to_contain_text("14 / 14 points")
    expect(complete.get_by_role("link", name=re.compile(r"^Take the quiz"))).to_have_attribute(
        "href", "/modules/vectors/quiz"
    )
    expect(complete.get_by_role("link", name=re.compile(r"Back to the lesson"))).to_have_attribute(
        "href", "/modules/vectors"
    )
    expect(region.locator(".check-headline")).to_have_text("Every check passed")
    expect(region.locator(".check-score")).to_have_text("14 / 14 points")
    rows = region.locator(".check-row")
    assert rows.count() > 0
    expect(region.locator(".check-row[data-passed='false']")).to_have_count(0)
    for mark in region.locator(".check-mark").all():
        expect(mark).to_have_text("✓")
    expect(page.get_by_role("status").filter(has_text="Lab complete!")).to_have_count(1)
    expect(page.get_by_test_id("lab-completed-badge")).to_have_text("✓ Completed")
    shoot(page, "lab-check-complete", full_page=False)  # where focus took the learner
    shoot(page, "lab-check-complete-page")

    # Completed stays (a badge by the title); the celebration is for the first pass only.
    page.reload()
    expect(page.get_by_test_id("lab-completed-badge")).to_have_text("✓ Completed")
    expect(page.get_by_test_id("lab-progress")).to_contain_text("best 14 / 14 points")
    region = check(page)
    expect(region.locator(".check-headline")).to_have_text("Every check passed")
    expect(page.get_by_role("region", name="Lab complete")).to_have_count(0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_results_and_hints_have_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    context = browser.new_context(
        bypass_csp=True, color_scheme=theme, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(server + LAB)
        expect(editor(page)).to_contain_text("def most_similar")
        replace_code(page, (LAB_DIR / "starter.py").read_text())
        region = check(page)
        expect(region.locator(".check-row").first).to_be_visible()
        region.locator(".hint-button").first.click()
        expect(hints(page).locator(".hint-rung-new")).to_be_visible()
        page.wait_for_timeout(700)  # let the highlight settle before measuring contrast
        shoot(page, f"lab-check-{theme}", full_page=False)
        violations = audit(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
