"""The lab grading API over the shipped course's `vectors` lab: a check of the code, stored
attempts, the hint ladder, and clear errors — results validated against the contract."""

from __future__ import annotations

import json

import httpx
import jsonschema
import pytest

from la4ai.grading.views import MAX_SUBMISSION_CHARS
from tests.conftest import CONTENT, REPO
from tests.runtime.conftest import need_isolation

pytestmark = pytest.mark.anyio

SCHEMA = json.loads((REPO / "tests" / "contracts" / "check.schema.json").read_text())
LAB = CONTENT / "modules" / "01-vectors" / "lab"
BASE = "/api/labs/vectors"


@pytest.fixture(autouse=True)
def _sandbox() -> None:
    need_isolation("sandbox")


async def submit(client: httpx.AsyncClient, code: str) -> httpx.Response:
    return await client.post(f"{BASE}/attempts", json={"code": code})


async def test_a_check_stores_an_attempt_with_its_result(client: httpx.AsyncClient) -> None:
    starter = (LAB / "starter.py").read_text("utf-8")
    response = await submit(client, starter)
    assert response.status_code == 200
    body = response.json()
    jsonschema.validate(body["attempt"]["result"], SCHEMA)
    assert body["attempt"]["number"] == 1
    assert body["attempt"]["code"] == starter
    assert body["attempt"]["passed"] is False
    assert body["completed_now"] is False
    assert all(f["next_available"] for f in body["hints"]["functions"])

    status = (await client.get(BASE)).json()
    assert status["completed"] is False
    assert [a["number"] for a in status["attempts"]] == [1]
    assert status["max_score"] == 14

    attempt = (await client.get(f"{BASE}/attempts/1")).json()
    assert attempt["result"] == body["attempt"]["result"]


async def test_the_solution_completes_the_lab(client: httpx.AsyncClient) -> None:
    body = (await submit(client, (LAB / "solution.py").read_text("utf-8"))).json()
    assert body["attempt"]["passed"] is True
    assert body["completed_now"] is True
    assert body["attempt"]["result"]["score"] == 14
    assert (await client.get(BASE)).json()["completed"] is True


async def test_hints_open_after_a_failed_check_and_are_recorded(
    client: httpx.AsyncClient,
) -> None:
    early = await client.post(f"{BASE}/hints/dot")
    assert early.status_code == 409
    assert "another checked attempt" in early.json()["detail"]

    await submit(client, (LAB / "starter.py").read_text("utf-8"))
    revealed = await client.post(f"{BASE}/hints/dot")
    assert revealed.status_code == 200
    dot = next(f for f in revealed.json()["functions"] if f["function"] == "dot")
    assert dot["revealed"] == [
        "The dot product multiplies matching entries and adds the products up."
    ]
    again = (await client.get(f"{BASE}/hints")).json()
    assert (
        next(f for f in again["functions"] if f["function"] == "dot")["revealed"]
        == (dot["revealed"])
    )


async def test_errors_are_clear(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/labs/nope/attempts", json={"code": ""})).status_code == 404
    assert (await client.get(f"{BASE}/attempts/3")).status_code == 404
    assert (await client.get(f"{BASE}/attempts/0")).status_code == 422
    unknown = await client.post(f"{BASE}/hints/transpose")
    assert unknown.status_code == 422
    assert "has no function 'transpose'" in unknown.json()["detail"]
    too_big = await submit(client, "#" * (MAX_SUBMISSION_CHARS + 1))
    assert too_big.status_code == 422


async def test_a_file_that_crashes_on_load_is_a_result(client: httpx.AsyncClient) -> None:
    body = (await submit(client, "import no_such_module\n")).json()
    result = body["attempt"]["result"]
    jsonschema.validate(result, SCHEMA)
    assert "ModuleNotFoundError on line 1" in result["error"]
    assert result["passed"] is False
