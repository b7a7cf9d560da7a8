"""The learner's dashboard, time tracking heartbeats and settings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from la4ai.progress.views import DashboardView, Heartbeat, SettingsUpdate, SettingsView
from la4ai.web.deps import CurrentLearner, Dashboard
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
