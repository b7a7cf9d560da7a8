"""axe-core (the engine behind most accessibility audits) on every page, in both themes:
no serious or critical violations (contrast, labels, names, roles, landmarks)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import REPO, need

AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/modules/vectors", "/modules/vectors/quiz", "/dashboard", "/review"]


def audit(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(
    server: str, browser: Any, path: str, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")
    # The app's CSP rightly blocks injected scripts; the audit needs to inject axe.
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(server + path)
        page.locator("h1").wait_for()
        page.wait_for_timeout(300)
        violations = audit(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


def audit_in(browser: Any, url: str, theme: str, act: Any) -> list[str]:
    """Open ``url`` in ``theme``, do ``act(page)``, then audit the page as it is."""
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("h1").wait_for()
        act(page)
        page.wait_for_timeout(300)
        return audit(page)
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_lesson_with_outputs_has_no_serious_accessibility_violations(
    server: str, browser: Any, theme: str
) -> None:
    """Run cells that print, warn and fail, and one that draws: the outputs are audited too."""
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def run_cells(page: Any) -> None:
        page.get_by_role("button", name="Run all").click()
        for figure in page.locator("figure.code-cell.runnable").all():
            figure.locator(".cell-output[data-phase='done']").wait_for(timeout=60_000)
        stderr = page.locator("figure.code-cell[data-cell-id='cell-1']")
        stderr.locator(".cm-content").click()
        page.keyboard.press("Control+End")
        page.keyboard.insert_text(
            "\nimport warnings; warnings.warn('a warning on stderr')\n"
            "print('\\n'.join(map(str, range(80))))\n"  # long enough to scroll
        )
        page.keyboard.press("Shift+Enter")
        stderr.locator(".output-stderr").wait_for()
        page.screenshot(path=str(REPO / "test-artifacts" / f"a11y-outputs-{theme}.png"))
        page.locator("figure.code-cell .output-error details summary").first.click()

    try:
        violations = audit_in(browser, f"{server}/modules/vectors", theme, run_cells)
    finally:
        httpx.post(f"{server}/api/workspaces/lesson/vectors/files/cell-1/reset", timeout=10)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lab_page_has_no_serious_accessibility_violations(
    grid_server: str, browser: Any, theme: str
) -> None:
    need(AXE.is_file(), "axe-core in frontend/node_modules")

    def use_the_lab(page: Any) -> None:
        page.locator(".lab-editor .cm-content").wait_for()
        page.get_by_role("button", name="Run file").click()
        page.locator(".lab-file-output .cell-output[data-phase='done']").wait_for(timeout=60_000)
        console = page.get_by_label("Python console input")
        console.fill("transpose([[1, 2]])")
        console.press("Enter")
        page.locator("li.console-entry .output-error").wait_for()
        page.get_by_role("button", name="Versions").click()
        page.get_by_role("region", name="Versions of lab.py").wait_for()

    violations = audit_in(browser, f"{grid_server}/modules/grids/lab", theme, use_the_lab)
    assert violations == [], "\n".join(violations)

    def open_the_dialog(page: Any) -> None:
        page.get_by_role("button", name="Reset to starter").click()
        page.get_by_role("dialog", name="Reset to the starter code?").wait_for()

    violations = audit_in(browser, f"{grid_server}/modules/grids/lab", theme, open_the_dialog)
    assert violations == [], "\n".join(violations)
