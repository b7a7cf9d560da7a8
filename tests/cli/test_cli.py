"""The command line, run for real (click's runner in-process; a subprocess for `serve`)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from la4ai.cli.main import cli
from tests.conftest import CONTENT, free_port, wait_for
from tests.conftest import server_env as make_server_env


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def broken_course(root: Path) -> Path:
    module = root / "modules" / "01-vectors"
    module.mkdir(parents=True)
    (module / "module.yaml").write_text(
        "id: vectors\ntitle: V\ntagline: t\nminutes: 5\nobjectives: [a]\ncolour: blue\n"
    )
    (module / "lesson.md").write_text("## A\n\n:::{widget} no-such-widget\n:::\n")
    return root


def test_validate_accepts_the_shipped_content() -> None:
    code, out, _ = run("content", "validate", "--content-dir", str(CONTENT))
    assert code == 0
    published = [
        d
        for d in (CONTENT / "modules").iterdir()
        if d.is_dir() and not d.name.startswith(("_", "."))
    ]
    assert out.startswith(f"content OK: {len(published)} modules")


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    code, out, err = run("content", "validate", "--content-dir", str(broken_course(tmp_path)))
    assert code == 1
    assert out == ""
    assert "modules/01-vectors/module.yaml:6: unknown key 'colour'" in err
    assert "modules/01-vectors/lesson.md:3: unknown widget 'no-such-widget'" in err
    assert "2 problems" in err
    assert "Traceback" not in err


def test_cells_reports_a_cell_whose_output_drifted(tmp_path: Path) -> None:
    module = tmp_path / "modules" / "01-tiny"
    module.mkdir(parents=True)
    (module / "module.yaml").write_text(
        "id: tiny\ntitle: T\ntagline: t\nminutes: 5\nobjectives: [a]\n"
    )
    (module / "lesson.md").write_text("## A\n\n```python\nprint(1 + 1)\n```\n\n```output\n3\n```\n")
    code, out, err = run("content", "cells", "--content-dir", str(tmp_path))
    assert code == 1
    assert "lesson.md:3: cell-1 printed something else" in out
    assert "1 failing cell" in err


def test_db_upgrade_creates_the_database(tmp_path: Path) -> None:
    code, out, _ = run("db", "upgrade", env={"LA4AI_DATA_DIR": str(tmp_path)})
    assert code == 0
    assert out.startswith("database is at revision")
    assert (tmp_path / "la4ai.db").is_file()


def test_doctor_reports_settings_and_capabilities(tmp_path: Path) -> None:
    code, out, _ = run(
        "doctor",
        env={
            "LA4AI_DATA_DIR": str(tmp_path),
            "LA4AI_DATABASE_URL": "sqlite:///" + str(tmp_path / "d.db"),
        },
    )
    assert code == 0
    for section in (
        "settings:",
        "sandbox for learner code:",
        "optional extras:",
        "database:",
        "content:",
        "tutor:",
    ):
        assert section in out
    assert "LA4AI_DATA_DIR" in out
    assert "(set)" in out
    assert "[ai]" in out


@pytest.fixture(name="server_env")
def server_env_fixture(tmp_path: Path) -> dict[str, str]:
    return make_server_env(data_dir=tmp_path / "data")


def fake_browser(tmp_path: Path) -> tuple[Path, Path]:
    """A BROWSER command (Python's webbrowser honours it) that records the URL it is given."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    return browser, opened


def test_serve_answers_and_opens_the_browser(tmp_path: Path, server_env: dict[str, str]) -> None:
    browser, opened = fake_browser(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "la4ai", "serve", "--port", str(port)],
        env={**server_env, "BROWSER": str(browser)},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        response = wait_for(f"http://127.0.0.1:{port}/api/modules", process)
        assert response.json()[0]["id"] == "vectors"
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text().strip() == f"http://localhost:{port}/"
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_serve_no_open_leaves_the_browser_alone(tmp_path: Path, server_env: dict[str, str]) -> None:
    browser, opened = fake_browser(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)],
        env={**server_env, "BROWSER": str(browser)},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/api/health", process).status_code == 200
        time.sleep(0.5)
        assert not opened.exists()
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert f"la4ai is running at http://localhost:{port}/" in err


def test_serve_refuses_invalid_content_with_the_validator_messages(
    tmp_path: Path, server_env: dict[str, str]
) -> None:
    content = broken_course(tmp_path / "content")
    result = subprocess.run(
        [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(free_port())],
        env={**server_env, "LA4AI_CONTENT_DIR": str(content)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "module.yaml:6: unknown key 'colour'" in result.stderr
    assert "lesson.md:3: unknown widget 'no-such-widget'" in result.stderr
    assert "Traceback" not in result.stderr


def test_acknowledged_answers_survive_kill_9(server_env: dict[str, str]) -> None:
    body = {
        "answers": [
            {"item_id": "dot-is-zero", "seed": 0, "response": {"kind": "choice", "selected": [0]}}
        ]
    }
    port = free_port()
    command = [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)]
    first = subprocess.Popen(
        command, env=server_env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/health", first)
        base = f"http://127.0.0.1:{port}/api/modules/vectors"
        answered = httpx.post(f"{base}/quiz/submissions", json=body, timeout=10)
        assert answered.json()["results"][0]["status"] == "correct"
        httpx.put(f"{base}/reading", json={"fraction": 0.4}, timeout=10).raise_for_status()
    finally:
        first.kill()  # SIGKILL: no shutdown handlers, no flushing
        first.wait(timeout=10)
    second = subprocess.Popen(
        command, env=server_env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        detail = wait_for(f"http://127.0.0.1:{port}/api/modules/vectors", second).json()
    finally:
        second.terminate()
        second.wait(timeout=10)
    assert detail["progress"]["read_fraction"] == 0.4
    state = next(s for s in detail["quiz"] if s["item"]["id"] == "dot-is-zero")
    assert state["last_result"]["status"] == "correct"
