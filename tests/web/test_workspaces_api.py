"""The saved-code API, in-process over the fixture course (module `grids`: two runnable cells
and a lab), and a real `la4ai serve` killed with SIGKILL mid-session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from la4ai.course import Course, load_course
from la4ai.settings import Settings
from la4ai.store import repositories as repo
from la4ai.web.openapi import openapi_document
from la4ai.workspaces.views import WorkspaceKind
from tests.conftest import FIXTURES, free_port, server_env, wait_for

pytestmark = pytest.mark.anyio

GRIDS = FIXTURES / "browser-course"
LAB = "/api/workspaces/lab/grids"
LESSON = "/api/workspaces/lesson/grids"


@pytest.fixture(scope="module")
def course() -> Course:
    """Overrides the shipped course: this module's tests need a lab."""
    return load_course(GRIDS)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data", content_dir=GRIDS, open_browser=False, kernel_pool_size=0
    )


def starter(course: Course) -> str:
    lab = course.module("grids").lab
    assert lab is not None
    return lab.starter


async def save(
    client: httpx.AsyncClient, content: str, base: int | None = None, *, path: str = LAB
) -> httpx.Response:
    name = "lab.py" if path == LAB else "cell-1"
    return await client.put(f"{path}/files/{name}", json={"content": content, "base_version": base})


async def test_a_lab_never_saved_is_its_starter_at_version_0(
    client: httpx.AsyncClient, course: Course
) -> None:
    response = await client.get(LAB)
    assert response.status_code == 200
    assert response.json() == {
        "kind": "lab",
        "module_id": "grids",
        "files": [
            {
                "name": "lab.py",
                "content": starter(course),
                "original": starter(course),
                "version": 0,
                "saved_at": None,
            }
        ],
    }
    assert (await client.get(f"{LAB}/files/lab.py/versions")).json() == []


async def test_a_lesson_has_one_file_per_runnable_cell(
    client: httpx.AsyncClient, course: Course
) -> None:
    body = (await client.get(LESSON)).json()
    cells = course.module("grids").lesson.cells
    assert [(f["name"], f["original"]) for f in body["files"]] == [
        ("cell-1", cells[0].source),
        ("cell-2", cells[1].source),
    ]
    assert "print(A.T.shape)" in body["files"][1]["content"]


async def test_saves_are_acknowledged_with_the_new_version(
    client: httpx.AsyncClient, course: Course
) -> None:
    first = await save(client, "def transpose(a):\n    return a\n", base=0)
    assert first.status_code == 200
    assert first.json()["version"] == 1
    assert first.json()["original"] == starter(course)
    assert first.json()["saved_at"] is not None
    second = (await save(client, "def transpose(a):\n    return a.T\n", base=1)).json()
    assert second["version"] == 2
    cell = (await save(client, "print('mine')\n", path=LESSON)).json()
    assert (cell["name"], cell["version"]) == ("cell-1", 1)
    files = (await client.get(LAB)).json()["files"]
    assert (files[0]["content"], files[0]["version"]) == ("def transpose(a):\n    return a.T\n", 2)
    lesson = (await client.get(LESSON)).json()["files"]
    assert [(f["content"], f["version"]) for f in lesson] == [
        ("print('mine')\n", 1),
        (course.module("grids").lesson.cells[1].source, 0),
    ]


async def test_a_stale_save_is_409_with_the_current_file(client: httpx.AsyncClient) -> None:
    await save(client, "from tab one\n", base=0)
    response = await save(client, "from tab two\n", base=0)
    assert response.status_code == 409
    body = response.json()
    assert "you edited version 0, the current version is 1" in body["detail"]
    assert body["current"]["content"] == "from tab one\n"
    assert body["current"]["version"] == 1
    assert (await client.get(LAB)).json()["files"][0]["content"] == "from tab one\n"
    forced = await save(client, "from tab two\n", base=None)
    assert forced.json()["version"] == 2


async def test_versions_are_listed_newest_first_and_read_back_whole(
    client: httpx.AsyncClient,
) -> None:
    texts = ["# one\nx = 1\n", "# two\nx = 2\n", "# three\nx = 3\n"]
    for text in texts:
        await save(client, text)
    listed = (await client.get(f"{LAB}/files/lab.py/versions")).json()
    assert [(v["version"], v["reason"], v["preview"]) for v in listed] == [
        (3, "save", "# three"),
        (2, "save", "# two"),
        (1, "save", "# one"),
    ]
    assert listed[0]["size"] == len(texts[2].encode())
    one = (await client.get(f"{LAB}/files/lab.py/versions/1")).json()
    assert (one["version"], one["content"], one["reason"]) == (1, texts[0], "save")
    assert one["created_at"] == listed[2]["created_at"]
    missing = await client.get(f"{LAB}/files/lab.py/versions/9")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "'lab.py' has no saved version 9"}


async def test_restore_and_reset_add_versions(client: httpx.AsyncClient, course: Course) -> None:
    await save(client, "good\n")
    await save(client, "broken\n")
    restored = await client.post(f"{LAB}/files/lab.py/versions/1/restore")
    assert restored.status_code == 200
    assert (restored.json()["version"], restored.json()["content"]) == (3, "good\n")
    reset = (await client.post(f"{LAB}/files/lab.py/reset")).json()
    assert (reset["version"], reset["content"]) == (4, starter(course))
    reasons = [v["reason"] for v in (await client.get(f"{LAB}/files/lab.py/versions")).json()]
    assert reasons == ["reset", "restore", "save", "save"]
    assert (await client.post(f"{LAB}/files/lab.py/versions/42/restore")).status_code == 404


@pytest.mark.parametrize(
    ("path", "name", "shown"),
    [
        (LAB, "..%2F..%2Fx", "'../../x'"),
        (LAB, "%2Fetc%2Fpasswd", "'/etc/passwd'"),
        (LAB, "%2E%2E", "'..'"),
        (LAB, "solution.py", "'solution.py'"),
        (LAB, "cell-1", "'cell-1'"),
        (LESSON, "cell-999", "'cell-999'"),
        (LESSON, "lab.py", "'lab.py'"),
    ],
)
async def test_names_outside_the_lesson_or_lab_are_refused_with_422(
    client: httpx.AsyncClient, path: str, name: str, shown: str
) -> None:
    response = await client.put(f"{path}/files/{name}", json={"content": "x = 1\n"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{shown} is not a file of the ")
    versions = await client.get(f"{path}/files/{name}/versions")
    assert versions.status_code == 422
    files = (await client.get(path)).json()["files"]
    assert all(f["version"] == 0 for f in files)


async def test_oversize_and_binary_content_are_refused_with_422(
    client: httpx.AsyncClient,
) -> None:
    big = await save(client, "#" * (256 * 1024 + 1))
    assert big.status_code == 422
    assert big.json()["detail"] == (
        "lab.py is 262,145 bytes; a saved file may hold at most 256 KiB (262,144 bytes)"
    )
    nul = await save(client, "x = 1\x00")
    assert nul.status_code == 422
    assert "NUL" in nul.json()["detail"]
    assert (await client.get(f"{LAB}/files/lab.py/versions")).json() == []


async def test_unknown_modules_and_kinds_are_refused(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/workspaces/lab/no-such-module")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no module named 'no-such-module'"}
    kind = await client.get("/api/workspaces/notebook/grids")
    assert kind.status_code == 422
    assert kind.json()["detail"][0]["loc"] == ["path", "kind"]


async def test_another_learners_saves_stay_out_of_this_workspace(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    services = app.state.services
    with services.progress.database.session() as session:
        other = repo.add_learner(session, "grace", "Grace")
    services.saves.save(other, WorkspaceKind.LAB, module_id="grids", name="lab.py", content="hers")
    await save(client, "mine\n")
    files = (await client.get(LAB)).json()["files"]
    assert (files[0]["content"], files[0]["version"]) == ("mine\n", 1)
    listed = (await client.get(f"{LAB}/files/lab.py/versions")).json()
    assert [v["preview"] for v in listed] == ["mine"]
    theirs = services.saves.workspace(other, WorkspaceKind.LAB, module_id="grids").files[0]
    assert (theirs.content, theirs.version) == ("hers", 1)


def test_the_operations_have_the_documented_ids() -> None:
    operations = {
        (method, path): op["operationId"]
        for path, methods in openapi_document()["paths"].items()
        if path.startswith("/api/workspaces")
        for method, op in methods.items()
    }
    base = "/api/workspaces/{kind}/{module_id}"
    assert operations == {
        ("get", base): "get_workspace",
        ("put", f"{base}/files/{{name}}"): "save_file",
        ("get", f"{base}/files/{{name}}/versions"): "list_versions",
        ("get", f"{base}/files/{{name}}/versions/{{version}}"): "get_version",
        ("post", f"{base}/files/{{name}}/versions/{{version}}/restore"): "restore_version",
        ("post", f"{base}/files/{{name}}/reset"): "reset_file",
    }


def test_acknowledged_saves_survive_kill_9(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}{LAB}"
    command = [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", str(port)]
    env = server_env(data_dir=tmp_path / "data", content_dir=GRIDS)
    acknowledged: dict[int, str] = {}

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            command, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    first = start()
    try:
        wait_for(f"http://127.0.0.1:{port}/api/health", first)
        for n in range(1, 7):
            text = f"# attempt {n}\ndef transpose(a):\n    return {'a.T' if n % 2 else 'a'}\n"
            body: dict[str, Any] = {"content": text, "base_version": n - 1}
            answer = httpx.put(f"{url}/files/lab.py", json=body, timeout=10)
            assert answer.json()["version"] == n
            acknowledged[n] = text
        restored = httpx.post(f"{url}/files/lab.py/versions/2/restore", timeout=10).json()
        acknowledged[restored["version"]] = restored["content"]
        cell = httpx.put(
            f"http://127.0.0.1:{port}{LESSON}/files/cell-2", json={"content": "x = 2\n"}, timeout=10
        )
        assert cell.json()["version"] == 1
        before = httpx.get(f"{url}/files/lab.py/versions", timeout=10).json()
    finally:
        first.kill()  # SIGKILL: no shutdown handlers, no flushing
        first.wait(timeout=10)
    assert first.returncode == -9

    second = start()
    try:
        workspace = wait_for(url, second).json()
        after = httpx.get(f"{url}/files/lab.py/versions", timeout=10).json()
        contents = {
            n: httpx.get(f"{url}/files/lab.py/versions/{n}", timeout=10).json()["content"]
            for n in acknowledged
        }
        lesson = httpx.get(f"http://127.0.0.1:{port}{LESSON}", timeout=10).json()
    finally:
        second.terminate()
        second.wait(timeout=10)
    assert restored["version"] == 7
    assert workspace["files"][0]["version"] == 7
    assert workspace["files"][0]["content"] == acknowledged[2]
    assert after == before
    assert [v["version"] for v in after] == [7, 6, 5, 4, 3, 2, 1]
    assert after[0]["reason"] == "restore"
    assert contents == acknowledged
    assert [(f["name"], f["version"], f["content"]) for f in lesson["files"]][1] == (
        "cell-2",
        1,
        "x = 2\n",
    )


async def test_a_page_on_another_site_cannot_change_saved_code(client: httpx.AsyncClient) -> None:
    url = f"{LAB}/files/lab.py"
    foreign = {"origin": "https://evil.example"}
    refused = await client.put(url, json={"content": "x = 1"}, headers=foreign)
    assert refused.status_code == 403
    reset = await client.post(f"{url}/reset", headers=foreign)
    assert reset.status_code == 403
    state = await client.get(LAB)
    assert [f["version"] for f in state.json()["files"]] == [0]
    own = {"origin": "http://la4ai.test"}
    accepted = await client.put(url, json={"content": "x = 1"}, headers=own)
    assert accepted.status_code == 200
    assert accepted.json()["version"] == 1
