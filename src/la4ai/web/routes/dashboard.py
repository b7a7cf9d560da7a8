"""The learner's dashboard, time tracking heartbeats, settings, and progress export and
import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from la4ai.progress.transfer import ImportSummary
from la4ai.progress.views import DashboardView, Heartbeat, SettingsUpdate, SettingsView
from la4ai.web.deps import CurrentLearner, Dashboard, Transfer
from la4ai.web.errors import ErrorBody

router = APIRouter(tags=["dashboard"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such module or path."}
}
Offset = Annotated[
    int,
    Query(ge=-14 * 60, le=14 * 60, description="The learner's UTC offset in minutes (east +)."),
]


@router.get("/dashboard", response_model=DashboardView)
def get_dashboard(
    dashboard: Dashboard, learner: CurrentLearner, utc_offset_minutes: Offset = 0
) -> DashboardView:
    """Where to continue, the path's next step, reviews due, this week's time against the
    goal (days in the learner's time zone) and the streak."""
    return dashboard.dashboard(learner, utc_offset_minutes=utc_offset_minutes)


@router.post("/activity/heartbeat", status_code=204, responses=NOT_FOUND)
def heartbeat(body: Heartbeat, dashboard: Dashboard, learner: CurrentLearner) -> Response:
    """Count active time on a visible page (sent every ~15 s while the learner uses it)."""
    dashboard.heartbeat(learner, body)
    return Response(status_code=204)


@router.get("/settings", response_model=SettingsView)
def get_settings_view(dashboard: Dashboard, learner: CurrentLearner) -> SettingsView:
    """The learner's weekly goal and path."""
    return dashboard.settings(learner)


@router.put("/settings", response_model=SettingsView, responses=NOT_FOUND)
def save_settings(
    body: SettingsUpdate, dashboard: Dashboard, learner: CurrentLearner
) -> SettingsView:
    """Set the weekly goal (minutes, or null for none) and the path (switching keeps all
    progress: it is kept per module)."""
    return dashboard.save_settings(learner, body)


@router.get("/progress/export", response_class=JSONResponse)
def export_progress(transfer: Transfer, learner: CurrentLearner) -> JSONResponse:
    """Everything the learner has — reading, quiz and lab attempts, hints, reviews, time,
    settings and all saved code with its versions — as one JSON file to download."""
    body = transfer.export(learner)
    day = body["exported_at"][:10]
    headers = {"Content-Disposition": f'attachment; filename="la4ai-progress-{day}.json"'}
    return JSONResponse(body, headers=headers)


@router.post(
    "/progress/import",
    response_model=ImportSummary,
    responses={422: {"model": ErrorBody, "description": "Not a (valid) la4ai progress file."}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
            "description": "A file from /api/progress/export.",
        }
    },
)
async def import_progress(
    request: Request, transfer: Transfer, learner: CurrentLearner
) -> ImportSummary:
    """Replace the learner's progress and code with an exported file's, all or nothing.
    A file that is not JSON, not a progress file, of another format version or damaged is
    refused (422) and nothing changes."""
    raw = await request.body()
    return await run_in_threadpool(transfer.import_, learner, raw)
