"""The dashboard API: heartbeats count time, the dashboard sums it with the goal, and
settings round-trip."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio


async def test_heartbeats_show_on_the_dashboard(client: httpx.AsyncClient) -> None:
    body = {"kind": "lesson", "module_id": "vectors", "seconds": 45, "utc_offset_minutes": 60}
    for _ in range(4):
        assert (await client.post("/api/activity/heartbeat", json=body)).status_code == 204
    board = (await client.get("/api/dashboard", params={"utc_offset_minutes": 60})).json()
    assert board["week"]["minutes"] == 3.0
    assert len(board["week"]["days"]) == 7
    assert board["resume"]["url"] == "/modules/vectors"
    assert board["path"]["id"] == "foundations"
    assert board["path"]["next_up"]["kind"] == "lesson"
    assert board["reviews"] == {"due_count": 0, "total": 0, "next_due": None}
    assert board["streak"] == {"days": 0, "today_active": False, "forgiven": 0}  # < 5 minutes


async def test_bad_heartbeats_are_refused(client: httpx.AsyncClient) -> None:
    unknown = {"kind": "lesson", "module_id": "nope", "seconds": 15}
    assert (await client.post("/api/activity/heartbeat", json=unknown)).status_code == 404
    too_long = {"kind": "lesson", "module_id": "vectors", "seconds": 3600}
    assert (await client.post("/api/activity/heartbeat", json=too_long)).status_code == 422


async def test_settings_round_trip(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/settings")).json() == {
        "weekly_goal_minutes": None,
        "path_id": None,
    }
    saved = await client.put("/api/settings", json={"weekly_goal_minutes": 300, "path_id": None})
    assert saved.json()["weekly_goal_minutes"] == 300
    board = (await client.get("/api/dashboard")).json()
    assert board["week"]["goal_minutes"] == 300
    unknown = await client.put("/api/settings", json={"path_id": "nope"})
    assert unknown.status_code == 404


async def test_progress_downloads_and_uploads(client: httpx.AsyncClient) -> None:
    await client.put("/api/settings", json={"weekly_goal_minutes": 240, "path_id": None})
    exported = await client.get("/api/progress/export")
    assert exported.status_code == 200
    assert exported.headers["content-disposition"].startswith(
        'attachment; filename="la4ai-progress-'
    )
    document = exported.json()
    assert document["data"]["settings"][0]["weekly_goal_minutes"] == 240

    await client.put("/api/settings", json={"weekly_goal_minutes": 60, "path_id": None})
    restored = await client.post("/api/progress/import", content=exported.content)
    assert restored.status_code == 200
    assert restored.json()["imported"]["settings"] == 1
    assert (await client.get("/api/settings")).json()["weekly_goal_minutes"] == 240

    broken = await client.post("/api/progress/import", content=b"{not json")
    assert broken.status_code == 422
    assert "not JSON" in broken.json()["detail"]
