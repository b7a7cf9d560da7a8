"""The real app in-process (httpx ASGI transport) over a temporary database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from la4ai.course import Course
from la4ai.errors import ContentInvalid
from la4ai.settings import Settings
from la4ai.web import create_app

pytestmark = pytest.mark.anyio


def response_for(course: Course, item_id: str, seed: int, *, wrong: bool = False) -> dict[str, Any]:
    """The (right or deliberately wrong) answer to an item, as the browser would send it."""
    quiz = course.module("vectors").quiz
    assert quiz is not None
    instance = quiz.instance(item_id, seed)
    answer = instance.answer
    if isinstance(answer, frozenset):
        n = len(instance.view.choices or [])
        chosen = sorted(answer) if not wrong else [next(i for i in range(n) if i not in answer)]
        return {"kind": "choice", "selected": chosen}
    value = np.asarray(answer) + (7.5 if wrong else 0.0)
    if value.ndim == 0:
        return {"kind": "numeric", "value": repr(float(value))}
    if value.ndim == 1:
        return {"kind": "vector", "values": [repr(float(x)) for x in value]}
    return {"kind": "matrix", "rows": [[repr(float(x)) for x in row] for row in value]}


def all_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


async def submit(
    client: httpx.AsyncClient, item_id: str, seed: int, response: dict[str, Any]
) -> httpx.Response:
    body = {"answers": [{"item_id": item_id, "seed": seed, "response": response}]}
    return await client.post("/api/modules/vectors/quiz/submissions", json=body)


async def test_health_reports_the_version_and_database(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/health")).json()
    assert body["status"] == "ok"
    assert body["database"] == "sqlite"
    assert body["modules"] >= 1


async def test_modules_are_listed_in_order_with_empty_progress(
    client: httpx.AsyncClient, course: Course
) -> None:
    modules = (await client.get("/api/modules")).json()
    assert [m["id"] for m in modules] == [m.id for m in course.modules]
    vectors = modules[0]
    assert vectors["number"] == 1
    assert vectors["progress"] == {
        "read_fraction": 0.0,
        "quiz_total": 12,
        "quiz_answered": 0,
        "quiz_correct": 0,
        "lesson_read": False,
        "lab_passed": False,
        "quiz_passed": False,
        "mastered": False,
    }


async def test_module_detail_has_the_lesson_blocks(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/modules/vectors")).json()
    types = {block["type"] for block in body["blocks"]}
    assert {"heading", "prose", "math", "code", "widget", "admonition"} <= types
    widget = next(b for b in body["blocks"] if b["type"] == "widget")
    assert widget["name"] == "vector-playground"
    assert body["previous"] is None


async def test_module_detail_never_contains_answers(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/modules/vectors")).json()
    keys = all_keys(body["quiz"])
    assert not keys & {"correct", "explanation", "generate", "mistakes", "feedback", "answer"}
    assert "prompt_html" in keys
    assert all(state["last_result"] is None for state in body["quiz"])


async def test_unknown_module_is_404_with_a_message(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/modules/no-such-module")
    assert response.status_code == 404
    assert response.json() == {"detail": "no module named 'no-such-module'"}


async def test_right_answer_is_correct_and_kept(client: httpx.AsyncClient, course: Course) -> None:
    response = await submit(client, "dot-product", 4242, response_for(course, "dot-product", 4242))
    body = response.json()
    assert response.status_code == 200
    assert body["results"][0]["status"] == "correct"
    assert body["progress"]["quiz_answered"] == 1
    assert body["progress"]["quiz_correct"] == 1
    detail = (await client.get("/api/modules/vectors")).json()
    state = next(s for s in detail["quiz"] if s["item"]["id"] == "dot-product")
    assert state["item"]["seed"] == 4242
    assert state["last_result"]["status"] == "correct"
    assert state["last_response"]["kind"] == "numeric"


async def test_wrong_answer_gets_feedback_and_explanation(
    client: httpx.AsyncClient, course: Course
) -> None:
    response = await submit(
        client, "normalise", 77, response_for(course, "normalise", 77, wrong=True)
    )
    result = response.json()["results"][0]
    assert result["status"] == "incorrect"
    assert result["expected"]
    assert result["explanation_html"]
    assert response.json()["progress"]["quiz_correct"] == 0


async def test_wrong_choice_explains_the_chosen_option(
    client: httpx.AsyncClient, course: Course
) -> None:
    response = await submit(
        client, "dot-is-zero", 0, response_for(course, "dot-is-zero", 0, wrong=True)
    )
    result = response.json()["results"][0]
    assert result["status"] == "incorrect"
    wrong = [f for f in result["choice_feedback"] if not f["correct"]]
    assert wrong
    assert wrong[0]["feedback_html"]


async def test_unreadable_answer_is_not_an_attempt(client: httpx.AsyncClient) -> None:
    response = await submit(client, "dot-product", 1, {"kind": "numeric", "value": "five"})
    body = response.json()
    assert body["results"][0]["status"] == "unreadable"
    assert body["results"][0]["expected"] is None
    assert body["progress"]["quiz_answered"] == 0


async def test_invalid_body_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    body = {
        "answers": [
            {"item_id": "dot-product", "seed": -1, "response": {"kind": "numeric", "value": "1"}}
        ]
    }
    response = await client.post("/api/modules/vectors/quiz/submissions", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answers", 0, "seed"]

    response = await client.post(
        "/api/modules/vectors/quiz/submissions",
        json={"answers": [{"item_id": "x", "seed": 0, "response": {"kind": "essay"}}]},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:4] == ["body", "answers", 0, "response"]


async def test_answer_of_the_wrong_kind_is_422(client: httpx.AsyncClient) -> None:
    response = await submit(client, "dot-is-zero", 0, {"kind": "numeric", "value": "1"})
    assert response.status_code == 422
    assert "takes a choice answer" in response.json()["detail"]


async def test_unknown_quiz_item_is_404(client: httpx.AsyncClient) -> None:
    response = await submit(client, "no-such-item", 0, {"kind": "numeric", "value": "1"})
    assert response.status_code == 404


async def test_fresh_item_draws_new_numbers_and_a_seed_replays_them(
    client: httpx.AsyncClient,
) -> None:
    url = "/api/modules/vectors/quiz/dot-product"
    same = [(await client.get(url, params={"seed": 99})).json() for _ in range(2)]
    assert same[0] == same[1]
    prompts = {(await client.get(url)).json()["prompt_html"] for _ in range(6)}
    assert len(prompts) > 1


async def test_reading_progress_is_kept_and_never_decreases(client: httpx.AsyncClient) -> None:
    first = await client.put("/api/modules/vectors/reading", json={"fraction": 0.5})
    second = await client.put("/api/modules/vectors/reading", json={"fraction": 0.25})
    assert first.json()["read_fraction"] == 0.5
    assert second.json()["read_fraction"] == 0.5
    bad = await client.put("/api/modules/vectors/reading", json={"fraction": 1.5})
    assert bad.status_code == 422
    modules = (await client.get("/api/modules")).json()
    assert modules[0]["progress"]["read_fraction"] == 0.5


async def test_paths_list_foundations_with_progress(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/api/paths")).json()
    foundations = next(p for p in paths if p["id"] == "foundations")
    assert foundations["items"][0]["kind"] == "module"
    assert foundations["items"][0]["module"]["id"] == "vectors"


async def test_unknown_api_route_is_json_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")


async def test_progress_survives_a_restart(settings: Settings, course: Course) -> None:
    for run in range(2):
        app = create_app(settings, course=course)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            if run == 0:
                await client.put("/api/modules/vectors/reading", json={"fraction": 0.3})
                await submit(client, "dot-product", 5, response_for(course, "dot-product", 5))
            else:
                detail = (await client.get("/api/modules/vectors")).json()
                assert detail["progress"]["read_fraction"] == 0.3
                state = next(s for s in detail["quiz"] if s["item"]["id"] == "dot-product")
                assert state["last_result"]["status"] == "correct"
        app.state.services.progress.database.dispose()


async def test_api_works_on_each_database_backend(
    database_url: str, tmp_path: Path, course: Course
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url, open_browser=False)
    app = create_app(settings, course=course)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            result = await submit(client, "dot-product", 8, response_for(course, "dot-product", 8))
            assert result.json()["results"][0]["status"] == "correct"
            detail = (await client.get("/api/modules/vectors")).json()
            assert detail["progress"]["quiz_correct"] == 1
    finally:
        app.state.services.progress.database.dispose()


def test_app_refuses_to_start_on_invalid_content(tmp_path: Path) -> None:
    (tmp_path / "modules" / "01-broken").mkdir(parents=True)
    settings = Settings(data_dir=tmp_path / "data", content_dir=tmp_path)
    with pytest.raises(ContentInvalid, match=r"01-broken/module\.yaml: missing module\.yaml"):
        create_app(settings)
