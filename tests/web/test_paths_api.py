"""The paths API on a course with the fixture path ``tour`` (every kind of item,
prerequisites, weeks): a path with the learner's item states, marking resources and
projects done and taking the mark back, and the errors for what cannot be marked."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from la4ai.course import Course, load_course
from la4ai.settings import Settings
from la4ai.web import create_app
from tests.progress.tour import write_tour_course

pytestmark = pytest.mark.anyio

DONE = "/api/paths/tour/items/{}/done"


@pytest.fixture(scope="module")
def tour_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_course(write_tour_course(tmp_path_factory.mktemp("tour")))


@pytest.fixture
def tour_app(settings: Settings, tour_course: Course) -> Iterator[FastAPI]:
    application = create_app(settings, course=tour_course)
    yield application
    application.state.services.progress.database.dispose()


@pytest.fixture
async def client(tour_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=tour_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://la4ai.test") as c:
        yield c


def states(path: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["state"] for week in path["weeks"] for item in week["items"]}


async def test_a_path_comes_with_weeks_states_and_next_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/paths/tour")
    assert response.status_code == 200
    path = response.json()
    assert path["id"] == "tour"
    assert [(w["week"], w["minutes"], w["done_minutes"]) for w in path["weeks"]] == [
        (1, 130, 0),
        (2, 135, 0),
    ]
    assert path["next_up"] == "essence-vectors"
    assert states(path) == {
        "essence-vectors": "available",
        "module:vectors": "locked",
        "checkpoint:vectors": "locked",
        "lab:transformations": "available",
        "rotate-picture": "locked",
    }
    video, module = path["weeks"][0]["items"][:2]
    assert video == {
        "id": "essence-vectors",
        "kind": "resource",
        "title": "3Blue1Brown — Essence of Linear Algebra, chapter 1",
        "state": "available",
        "requires": [],
        "needs": [],
        "minutes": 10,
        "week": 1,
        "url": "https://www.youtube.com/watch?v=fNk_zzaMoSs",
        "external": True,
        "markable": True,
        "module": None,
        "step": None,
        "note": "Watch it before the first lesson.",
        "description": None,
    }
    assert module["needs"] == [
        {"id": "essence-vectors", "title": "3Blue1Brown — Essence of Linear Algebra, chapter 1"}
    ]
    assert (module["url"], module["markable"]) == ("/modules/vectors", False)


async def test_marking_a_resource_done_is_kept_and_advances_next_up(
    client: httpx.AsyncClient,
) -> None:
    marked = await client.put(DONE.format("essence-vectors"))
    assert marked.status_code == 200
    assert marked.json()["next_up"] == "module:vectors"
    again = (await client.get("/api/paths/tour")).json()
    assert states(again)["essence-vectors"] == "done"
    assert states(again)["module:vectors"] == "available"
    assert again["done_minutes"] == 10
    assert (await client.put(DONE.format("essence-vectors"))).json() == again  # no change

    unmarked = await client.delete(DONE.format("essence-vectors"))
    assert unmarked.status_code == 200
    assert unmarked.json()["next_up"] == "essence-vectors"
    assert states((await client.get("/api/paths/tour")).json())["essence-vectors"] == "available"
    assert (await client.delete(DONE.format("essence-vectors"))).status_code == 200


@pytest.mark.parametrize(
    ("item", "detail"),
    [
        ("module:vectors", "a module is done when it is mastered"),
        ("module%3Avectors", "a module is done when it is mastered"),
        ("lab:transformations", "a lab is done when it is passed"),
        ("checkpoint:vectors", "its lab is passed and its quiz is at 80 %"),
    ],
)
async def test_items_about_a_module_cannot_be_marked(
    client: httpx.AsyncClient, item: str, detail: str
) -> None:
    for method in ("PUT", "DELETE"):
        response = await client.request(method, DONE.format(item))
        assert response.status_code == 422
        assert response.json()["detail"].startswith(f"item '{item.replace('%3A', ':')}' cannot")
        assert detail in response.json()["detail"]


async def test_unknown_paths_and_items_are_404(client: httpx.AsyncClient) -> None:
    unknown_path = await client.get("/api/paths/nowhere")
    assert unknown_path.status_code == 404
    assert unknown_path.json() == {"detail": "no learning path named 'nowhere'"}
    assert (await client.put("/api/paths/nowhere/items/essence-vectors/done")).status_code == 404
    unknown_item = await client.put(DONE.format("nothing"))
    assert unknown_item.status_code == 404
    assert unknown_item.json() == {"detail": "learning path 'tour' has no item 'nothing'"}
    too_long = await client.put(DONE.format("x" * 81))
    assert too_long.status_code == 422


async def test_the_list_keeps_its_shape_and_names_every_item(client: httpx.AsyncClient) -> None:
    listed = {p["id"]: p for p in (await client.get("/api/paths")).json()}
    foundations = listed["foundations"]["items"][0]
    assert (foundations["kind"], foundations["id"]) == ("module", "module:vectors")
    assert foundations["module"]["id"] == "vectors"
    assert "progress" in foundations["module"]
    tour = listed["tour"]["items"]
    assert [i["kind"] for i in tour] == ["resource", "module", "checkpoint", "lab", "project"]
    assert tour[2]["module"]["id"] == "vectors"
    assert tour[4]["url"] == "https://numpy.org/doc/stable/user/absolute_beginners.html"


async def test_the_dashboard_follows_the_chosen_path_and_switching_keeps_marks(
    client: httpx.AsyncClient,
) -> None:
    board = (await client.get("/api/dashboard")).json()
    assert board["path"]["id"] == "foundations"
    assert board["path"]["next_item"]["id"] == "module:vectors"
    assert board["path"]["next_up"]["kind"] == "lesson"  # the field it always had

    await client.put("/api/settings", json={"weekly_goal_minutes": None, "path_id": "tour"})
    await client.put(DONE.format("essence-vectors"))
    board = (await client.get("/api/dashboard")).json()["path"]
    assert (board["id"], board["items_done"], board["items_total"]) == ("tour", 1, 5)
    assert board["next_item"]["id"] == "module:vectors"
    assert (await client.get("/api/paths/tour")).json()["chosen"] is True

    await client.put("/api/settings", json={"weekly_goal_minutes": None, "path_id": "foundations"})
    assert (await client.get("/api/dashboard")).json()["path"]["id"] == "foundations"
    await client.put("/api/settings", json={"weekly_goal_minutes": None, "path_id": "tour"})
    board = (await client.get("/api/dashboard")).json()["path"]
    assert board["items_done"] == 1
    assert states((await client.get("/api/paths/tour")).json())["essence-vectors"] == "done"


async def test_marks_work_on_each_database_backend(
    database_url: str, tmp_path: Path, tour_course: Course
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url, open_browser=False)
    app = create_app(settings, course=tour_course)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.put(DONE.format("rotate-picture"))).status_code == 200
            path = (await client.get("/api/paths/tour")).json()
            assert states(path)["rotate-picture"] == "done"
            assert path["weeks"][1]["done_minutes"] == 90
    finally:
        app.state.services.progress.database.dispose()
