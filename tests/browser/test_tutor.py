"""The tutor panel in a real browser, on the shipped Module 1 (the offline tutor, receipts run
in the sandbox): a lesson question gets a verified answer whose receipt opens in a runnable
cell, the conversation survives a reload, the lab sends the learner's code and gets a hint,
Stop and an error answer are shown with a way to ask again, and the open panel passes axe
in both themes and works as a drawer on a phone. With an LLM (a fake OpenAI-compatible
server), the reply streams in and a number no tool produced is marked unverified.

The tests share one server (and so one learner) and run in order."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serve
from tests.browser.test_accessibility import AXE, audit_in
from tests.conftest import CONTENT, need
from tests.tutor.fake_openai import FakeOpenAI, Reply, fake_openai, text_reply, tool_reply

LESSON = "/modules/vectors"
LAB = "/modules/vectors/lab"
QUESTION = "What is the determinant of [[2, 1], [7, 4]]?"
#: The offline solver, then its receipt in a sandbox (a checker start on a busy machine).
ANSWER_TIMEOUT = 60_000


def panel(page: Any) -> Any:
    return page.get_by_role("complementary", name="Tutor")


def question_box(page: Any) -> Any:
    return panel(page).get_by_role("textbox", name="Your question for the tutor")


def open_panel(page: Any) -> Any:
    page.get_by_role("button", name="Ask the tutor").click()
    expect(panel(page)).to_be_visible()
    expect(question_box(page)).to_be_focused()
    return panel(page)


def replies(page: Any) -> Any:
    return panel(page).locator("li.tutor-msg-tutor:not(.tutor-draft)")


def test_a_lesson_question_gets_a_verified_answer_whose_receipt_runs_in_a_cell(
    server: str, page: Any
) -> None:
    page.goto(server + LESSON)
    page.locator("h1").wait_for()
    tutor = open_panel(page)
    # A first visit: no conversation yet, so example questions to start from.
    expect(tutor.get_by_role("list", name=re.compile("try one of these"))).to_be_visible()
    expect(tutor.get_by_role("button", name="eigenvalues of [[2, 1], [1, 2]]")).to_be_visible()

    question_box(page).fill(QUESTION)
    question_box(page).press("Enter")
    expect(question_box(page)).to_have_value("")
    expect(tutor.locator("li.tutor-msg-learner")).to_have_text(re.compile(re.escape(QUESTION)))
    reply = replies(page)
    expect(reply).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(tutor.get_by_role("button", name="Send")).to_be_visible()  # Stop is gone

    # The answer: 1, typeset as lesson math, with the Verified badge (and said politely).
    badge = reply.locator(".tutor-verdict")
    expect(badge).to_have_text("✓ Verified")
    expect(badge).to_have_attribute("data-verdict", "verified")
    expect(reply.locator(".katex").first).to_be_visible()
    assert reply.locator(".la-math:not([data-typeset])").count() == 0
    expect(reply.locator(".tutor-prose")).to_contain_text(re.compile(r"=\s*1\b"))
    live = tutor.locator("[aria-live='polite']")
    expect(live).to_contain_text("The tutor replied (Verified)")
    expect(tutor.locator(".tutor-chip")).to_have_count(0)

    # Its receipt, folded: the code that ran and what it printed, marked passed.
    receipt = reply.locator(".tutor-receipt")
    expect(receipt).to_have_count(1)
    expect(receipt).to_have_attribute("data-passed", "true")
    expect(receipt.locator("summary")).to_contain_text("passed")
    expect(receipt.get_by_role("textbox")).to_have_count(0)  # nothing rendered while folded
    receipt.locator("summary").click()
    code = receipt.locator(".tutor-receipt-code .cm-content")
    expect(code).to_contain_text("np.linalg.det")
    expect(receipt.locator(".tutor-receipt-code .tok-keyword").first).to_be_visible()  # highlighted
    output = receipt.locator(".tutor-receipt-code .code-output pre")
    expect(output).to_contain_text("verified")

    # "Open in a cell": the same code, editable, run in the page's kernel.
    receipt.get_by_role("button", name="Open in a cell").click()
    cell = receipt.locator("figure.tutor-cell")
    editor = cell.locator(".cm-content")
    expect(editor).to_be_focused()
    expect(editor).to_contain_text("np.linalg.det")
    cell.get_by_role("button", name=re.compile("^Run ")).click()
    run = cell.locator(".cell-output[data-phase='done']")
    expect(run).to_have_attribute("data-status", "ok", timeout=ANSWER_TIMEOUT)
    expect(run).to_contain_text("verified: det(A) = 1.0")
    # …and the learner may change it: an edit runs as edited.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\nprint('edited', 2 * claimed)")
    expect(cell.locator(".badge")).to_have_text("edited")
    page.keyboard.press("Shift+Enter")
    expect(cell.locator(".cell-output")).to_contain_text("edited 2.0", timeout=ANSWER_TIMEOUT)
    screenshot(page, "tutor-lesson-light", animations="disabled")

    # The conversation is stored: after a reload the panel opens on it again.
    page.reload()
    page.locator("h1").wait_for()
    tutor = open_panel(page)
    reply = replies(page)
    expect(reply).to_have_count(1)
    expect(reply.locator(".tutor-verdict")).to_have_text("✓ Verified")
    expect(tutor.locator("li.tutor-msg-learner")).to_contain_text(QUESTION)
    history = tutor.locator(".tutor-history")
    expect(history.locator("summary")).to_have_text("Conversations on this module (1)")

    # Escape closes the panel and gives the focus back to the button that opened it.
    page.keyboard.press("Escape")
    expect(panel(page)).to_have_count(0)
    expect(page.get_by_role("button", name="Ask the tutor")).to_be_focused()


def test_the_a_key_opens_the_panel_and_new_conversation_starts_afresh(
    server: str, page: Any
) -> None:
    page.goto(server + LESSON)
    page.locator("h1").click()
    page.keyboard.press("a")
    tutor = panel(page)
    expect(question_box(page)).to_be_focused()
    expect(replies(page)).to_have_count(1)
    tutor.get_by_role("button", name="New conversation").click()
    expect(replies(page)).to_have_count(0)
    expect(tutor.locator(".tutor-chip")).to_have_count(3)
    # The shortcut is in the shortcuts dialog.
    page.get_by_role("button", name="Close the tutor").click()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog.get_by_role("row").filter(has_text="Ask the tutor")).to_contain_text("a")


def test_stop_and_an_error_answer_keep_the_question_for_another_try(server: str, page: Any) -> None:
    page.goto(server + LESSON)
    page.locator("h1").wait_for()
    tutor = open_panel(page)
    tutor.get_by_role("button", name="New conversation").click()

    # While the tutor works, Stop ends the request; the question stays to ask again.
    held: list[Any] = []
    page.route("**/api/tutor/ask", lambda route: held.append(route))
    question_box(page).fill("eigenvalues of [[2, 1], [1, 2]]")
    question_box(page).press("Enter")
    stop = tutor.get_by_role("button", name="Stop")
    expect(stop).to_be_visible()
    expect(tutor.get_by_role("status")).to_contain_text("Thinking…")
    assert len(held) == 1
    stop.click()
    expect(tutor.locator(".tutor-failure")).to_contain_text("You stopped this answer.")
    expect(tutor.get_by_role("button", name="Send")).to_be_visible()
    page.unroute("**/api/tutor/ask")
    with contextlib.suppress(Exception):  # the browser has dropped the request already
        held[0].abort()

    # An `error` event is shown where the answer would be, with Retry (which really asks).
    page.route(
        "**/api/tutor/ask",
        lambda route: route.fulfill(
            status=200,
            content_type="text/event-stream",
            body='event: status\ndata: {"text": "Solving…"}\n\n'
            'event: error\ndata: {"detail": "The sandbox is not available."}\n\n',
        ),
    )
    tutor.get_by_role("button", name="Ask again").click()
    alert = tutor.get_by_role("alert")
    expect(alert).to_contain_text("The sandbox is not available.")
    page.unroute("**/api/tutor/ask")
    alert.get_by_role("button", name="Retry").click()
    reply = replies(page)
    expect(reply).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(reply.locator(".tutor-verdict")).to_have_text("✓ Verified")
    expect(reply).to_contain_text("3")
    expect(tutor.get_by_role("alert")).to_have_count(0)


def test_the_lab_tutor_reads_the_learners_code_and_gives_a_hint(server: str, page: Any) -> None:
    page.goto(server + LAB)
    editor = page.locator(".lab-editor .cm-content")
    expect(editor).to_contain_text("def dot")
    page.get_by_role("button", name="Run file").click()
    expect(page.locator(".lab-file-output .cell-output[data-phase='done']")).to_be_visible(
        timeout=ANSWER_TIMEOUT
    )
    tutor = open_panel(page)
    # The lesson's conversation is in the history, but the lab starts its own.
    expect(tutor.locator(".tutor-history summary")).to_have_text(
        re.compile(r"Conversations on this module \(\d+\)")
    )
    expect(tutor.get_by_role("button", name="Why does my check fail?")).to_be_visible()
    with page.expect_request("**/api/tutor/ask") as asked:
        tutor.get_by_role("button", name="Give me a hint").click()
    body = json.loads(asked.value.post_data)
    assert body["question"] == "Give me a hint"
    assert body["conversation_id"] is None
    context = body["context"]
    assert context["page"] == "lab"
    assert context["module_id"] == "vectors"
    assert "def most_similar" in context["code"]
    ran = page.locator(".lab-file-output pre").first.inner_text()
    assert ran.strip()
    assert ran.strip() in context["output"]

    reply = replies(page)
    expect(reply).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(reply).to_have_attribute("data-status", "hint")
    expect(reply.locator(".tutor-verdict")).to_have_text("Hint")
    screenshot(page, "tutor-lab-hint", animations="disabled")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_open_panel_has_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def open_the_tutor(page: Any) -> None:
        open_panel(page)
        reply = replies(page).first
        expect(reply).to_be_visible()
        reply.locator(".tutor-receipt summary").click()
        reply.locator(".tutor-receipt-code .code-output").wait_for()
        panel(page).locator(".tutor-history summary").click()
        page.wait_for_timeout(300)
        screenshot(page, f"tutor-panel-{theme}", animations="disabled")

    violations = audit_in(browser, server + LESSON, theme, open_the_tutor)
    assert violations == [], "\n".join(violations)


def test_on_a_phone_the_panel_is_a_full_screen_drawer(server: str, browser: Any) -> None:
    # Reduced motion: the drawer is measured where it ends, not half-way through sliding in.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, reduced_motion="reduce"
    )
    try:
        page = context.new_page()
        page.goto(server + LESSON)
        page.locator("h1").wait_for()
        launcher = page.get_by_role("button", name="Ask the tutor")
        expect(launcher).to_be_in_viewport()
        tutor = open_panel(page)
        box = tutor.bounding_box()
        assert box is not None
        assert (box["x"], box["y"]) == (0, 0), box
        assert (box["width"], box["height"]) == (390, 844), box
        expect(question_box(page)).to_be_in_viewport()
        send = tutor.get_by_role("button", name="Send")
        expect(send).to_be_in_viewport()
        # Nothing in the drawer is wider than the phone.
        scroll = tutor.locator(".tutor-log").evaluate("e => e.scrollWidth - e.clientWidth")
        assert scroll == 0, scroll
        screenshot(page, "tutor-phone", animations="disabled")
        tutor.get_by_role("button", name="Close the tutor").click()
        expect(launcher).to_be_focused()
    finally:
        context.close()


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeOpenAI]]:
    """`la4ai serve` whose tutor asks a scripted OpenAI-compatible server."""
    with fake_openai() as fake:
        served = serve(
            CONTENT,
            tmp_path_factory.mktemp("tutor-llm-data"),
            LA4AI_TUTOR_PROVIDER="openai",
            LA4AI_TUTOR_BASE_URL=fake.base_url,
            LA4AI_TUTOR_MODEL="fake-model",
        )
        url = next(served)
        yield url, fake
        next(served, None)  # stops the server


def test_with_an_llm_the_reply_streams_and_unbacked_numbers_are_marked_unverified(
    llm_server: tuple[str, FakeOpenAI], page: Any
) -> None:
    server, fake = llm_server
    code = "import numpy as np\nprint(round(np.linalg.det(np.eye(3))))"
    text = "The determinant of $I_3$ is 2, since every diagonal entry is 1. " * 3
    streamed = text_reply(text.strip(), pieces=8)
    fake.add(tool_reply(("run_python", {"code": code})), Reply(streamed.events, pause_s=0.25))

    page.goto(server + LESSON)
    page.locator("h1").wait_for()
    tutor = open_panel(page)
    expect(tutor.locator(".tutor-mode")).to_have_text(
        "fake-model · math checked by code run in the sandbox"
    )
    question_box(page).fill("What is the determinant of the 3 by 3 identity matrix?")
    question_box(page).press("Enter")

    # The text arrives piece by piece before the stored reply replaces it.
    draft = tutor.locator("li.tutor-draft")
    expect(draft).to_contain_text("The determinant of", timeout=ANSWER_TIMEOUT)
    reply = replies(page)
    expect(reply).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(draft).to_have_count(0)

    # 2 came from no tool (the sandbox printed 1): marked, with a tooltip and a spoken label.
    marked = reply.locator(".tutor-prose .unverified")
    expect(marked.first).to_have_text("2")
    expect(marked.first).to_have_attribute("title", re.compile("^Unverified"))
    expect(reply.locator(".unverified-mark").first).to_have_text("?")
    # (the "?" is hidden from screen readers, which hear "2 (unverified)")
    expect(reply.locator(".tutor-prose")).to_contain_text("is 2? (unverified), since")
    expect(reply.locator(".unverified-mark").first).to_have_attribute("aria-hidden", "true")
    assert reply.locator(".tutor-prose .unverified").filter(has_text=re.compile("^1$")).count() == 0
    expect(tutor.locator(".tutor-legend")).to_contain_text("unverified")
    expect(reply.locator(".tutor-verdict")).to_have_text("? Partly verified")
    receipt = reply.locator(".tutor-receipt")
    receipt.locator("summary").click()
    expect(receipt.locator(".code-output pre")).to_have_text("1")
    screenshot(page, "tutor-llm-unverified", animations="disabled")
