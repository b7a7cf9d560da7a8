"""axe-core (the engine behind most accessibility audits) on every page, in both themes:
no serious or critical violations (contrast, labels, names, roles, landmarks)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import REPO, need

AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/modules/vectors", "/modules/vectors/quiz"]


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
