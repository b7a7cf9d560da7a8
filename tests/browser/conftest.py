"""A real server (``la4ai serve`` in a subprocess, fresh data directory) and Debian's
Chromium driven by Playwright. Screenshots go to test-artifacts/ for a human to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from la4ai.web.spa import STATIC_DIR
from tests.conftest import CONTENT, REPO, free_port, need, server_env, wait_for

ARTIFACTS = REPO / "test-artifacts"
BROWSER_COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "browser-course"
CHROMIUM = os.environ.get("LA4AI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve(content: Path, data: Path, **settings: str) -> Iterator[str]:
    """`la4ai serve` on ``content`` with a fresh data directory; ``settings`` are extra
    LA4AI_* variables (e.g. ``LA4AI_TIME_LIMIT_S="3"``)."""
    need((STATIC_DIR / "index.html").is_file(), "the built front end (make frontend)")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)],
        env={**server_env(data_dir=data, content_dir=content), **settings},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/api/health", process)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`la4ai serve` on the shipped course and a fresh database."""
    yield from serve(CONTENT, tmp_path_factory.mktemp("browser-data"))


@pytest.fixture(scope="module")
def grid_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`la4ai serve` on a test course whose quiz takes matrix and vector answers."""
    yield from serve(BROWSER_COURSE, tmp_path_factory.mktemp("grid-data"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(shutil.which(CHROMIUM) is not None or Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors


def screenshot(page: Any, name: str, **kwargs: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)
    return path


#: Grading a lab in a real browser: saving, a checker start on a busy machine, the checks.
LAB_CHECK_TIMEOUT_MS = 60_000


def submit_solution(page: Any, server: str, module_id: str, solution: Path) -> Any:
    """Open the module's lab, replace the editor's text with ``solution``, press "Check my
    code" and wait for the "Lab complete" region, which it returns."""
    from playwright.sync_api import expect

    page.goto(f"{server}/modules/{module_id}/lab")
    editor = page.locator(".lab-editor .cm-content")
    expect(editor).to_contain_text("def ")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(solution.read_text("utf-8"))
    page.get_by_role("button", name="Check my code").click()
    complete = page.get_by_role("region", name="Lab complete")
    expect(complete).to_be_visible(timeout=LAB_CHECK_TIMEOUT_MS)
    return complete


def assert_math_typeset(page: Any, *, at_least: int = 20) -> None:
    """The page's math is typeset by KaTeX, with MathML for screen readers, and none is
    left as TeX."""
    assert page.locator(".katex").count() > at_least
    assert page.locator(".katex-mathml math").count() > at_least
    assert page.locator(".la-math:not([data-typeset])").count() == 0
