"""Serving the built front end: pages fall back to index.html, assets are files, nothing
outside the build directory is reachable, and every page carries security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from la4ai.course import Course
from la4ai.settings import Settings
from la4ai.web import create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
async def spa_client(
    tmp_path: Path, settings: Settings, course: Course
) -> AsyncIterator[httpx.AsyncClient]:
    static = tmp_path / "static"
    (static / "assets").mkdir(parents=True)
    (static / "index.html").write_text("<!doctype html><title>app</title>")
    (static / "assets" / "app-1234.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("do not serve")
    app = create_app(settings, course=course, static_dir=static)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        yield client
    app.state.services.progress.database.dispose()


async def test_pages_fall_back_to_the_app(spa_client: httpx.AsyncClient) -> None:
    for page in ("/", "/modules/vectors", "/modules/vectors/quiz"):
        response = await spa_client.get(page)
        assert response.status_code == 200
        assert "<title>app</title>" in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_assets_are_served_as_immutable_files(spa_client: httpx.AsyncClient) -> None:
    response = await spa_client.get("/assets/app-1234.js")
    assert response.text == "console.log(1)"
    assert "immutable" in response.headers["cache-control"]


async def test_files_outside_the_build_are_not_reachable(spa_client: httpx.AsyncClient) -> None:
    for attempt in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        response = await spa_client.get(attempt)
        assert "do not serve" not in response.text


async def test_unbuilt_front_end_explains_how_to_build(
    tmp_path: Path, settings: Settings, course: Course
) -> None:
    app = create_app(settings, course=course, static_dir=tmp_path / "nothing")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        response = await client.get("/")
    app.state.services.progress.database.dispose()
    assert response.status_code == 503
    assert "make run" in response.text
