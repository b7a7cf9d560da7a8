"""Shared fixtures. ``LA4AI_STRICT=1`` (set by ``make test`` in CI) turns every skip for a
missing system component (PostgreSQL, Chromium, the built front end, Node) into a failure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from la4ai.course import Course, load_course
from la4ai.settings import Settings
from la4ai.store import Database
from la4ai.store.migrate import upgrade
from la4ai.web import create_app

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRICT = os.environ.get("LA4AI_STRICT") == "1"


def need(available: bool, what: str) -> None:
    """Skip the test when ``what`` is missing — or fail it, in strict mode."""
    if available:
        return
    if STRICT:
        pytest.fail(f"{what} is required in strict mode (LA4AI_STRICT=1)")
    pytest.skip(f"{what} is not available")


def need_command(name: str) -> str:
    path = shutil.which(name)
    need(path is not None, f"the `{name}` command")
    assert path is not None
    return path


def run_frontend_script(script: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run one of frontend/scripts with Node (needs `npm ci` to have run)."""
    node = need_command("node")
    frontend = REPO / "frontend"
    need((frontend / "node_modules").is_dir(), "the front end's node_modules (npm ci)")
    return subprocess.run(
        [node, f"scripts/{script}"],
        cwd=frontend,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(*, data_dir: Path, content_dir: Path = CONTENT) -> dict[str, str]:
    """The environment for a `la4ai serve` subprocess: no inherited LA4AI_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    env.update(
        LA4AI_DATA_DIR=str(data_dir), LA4AI_CONTENT_DIR=str(content_dir), LA4AI_KERNEL_POOL_SIZE="1"
    )
    return env


def wait_for(url: str, process: subprocess.Popen[Any], timeout: float = 30) -> httpx.Response:
    """The first answer from ``url``; fails if the server process exits or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.communicate()}")
        try:
            return httpx.get(url, timeout=1)
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("server did not answer in time")


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def course() -> Course:
    """The shipped course, loaded once."""
    return load_course(CONTENT)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a throwaway data directory (SQLite inside it) and the shipped content."""
    return Settings(
        data_dir=tmp_path / "data", content_dir=CONTENT, open_browser=False, kernel_pool_size=0
    )


@pytest.fixture
def app(settings: Settings, course: Course) -> Iterator[FastAPI]:
    application = create_app(settings, course=course)
    yield application
    application.state.services.progress.database.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://la4ai.test") as c:
        yield c


POSTGRES_URL = os.environ.get("LA4AI_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend: a SQLite file, and a new PostgreSQL database
    on the server named by LA4AI_TEST_POSTGRES_URL (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    need(POSTGRES_URL is not None, "a PostgreSQL server (LA4AI_TEST_POSTGRES_URL)")
    assert POSTGRES_URL is not None
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"la4ai_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Any, name: str) -> None:
    """Drop a test database. An autovacuum worker may hold it for a moment (and FORCE may
    not terminate a superuser's backend), so try a few times."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(20):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 19:
                raise
            time.sleep(0.25)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated, empty database on each backend (see ``database_url``)."""
    db = Database(database_url)
    upgrade(db)
    yield db
    db.dispose()
