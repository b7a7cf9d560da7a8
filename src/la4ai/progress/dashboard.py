"""The dashboard: where to continue, the path's next step (from :mod:`la4ai.progress.paths`),
reviews due, this week's time against the learner's goal, and the streak. Also heartbeats
and learner settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from la4ai.course import Course
from la4ai.errors import InvalidSubmission, ModuleNotFound
from la4ai.progress.activity import local_day, streak, week_of
from la4ai.progress.paths import PathService
from la4ai.progress.service import LearnerFacts, ProgressService
from la4ai.progress.views import (
    ContinueView,
    DashboardView,
    Heartbeat,
    ModuleRef,
    ReviewSummaryView,
    SettingsUpdate,
    SettingsView,
    StreakView,
    WeekDayView,
    WeekView,
)
from la4ai.store import Database
from la4ai.store import repositories as repo

__all__ = ["DashboardService"]

_STREAK_WINDOW_DAYS = 400


def _url(module_id: str, kind: str) -> str:
    return f"/modules/{module_id}" + ("" if kind == "lesson" else f"/{kind}")


class DashboardService:
    def __init__(self, course: Course, database: Database, progress: ProgressService) -> None:
        self.course = course
        self.database = database
        self.progress = progress
        self.paths = PathService(course, database, progress)

    def _ref(self, module_id: str) -> ModuleRef:
        module = self.course.module(module_id)
        return ModuleRef(id=module.id, number=module.number, title=module.meta.title)

    def heartbeat(self, learner_id: int, beat: Heartbeat, *, now: datetime | None = None) -> None:
        """Add active time (see :mod:`la4ai.progress.activity`)."""
        now = now or datetime.now(UTC)
        if beat.kind != "review":
            module = self.course.module(beat.module_id)  # ModuleNotFound for a bad id
            if beat.kind == "lab" and module.lab is None:
                raise InvalidSubmission(f"module {beat.module_id!r} has no lab")
        module_id = "" if beat.kind == "review" else beat.module_id
        with self.database.session() as session:
            repo.add_activity(
                session,
                learner_id=learner_id,
                day=local_day(now, beat.utc_offset_minutes),
                kind=beat.kind,
                module_id=module_id,
                seconds=beat.seconds,
                at=now,
            )

    def settings(self, learner_id: int) -> SettingsView:
        with self.database.session() as session:
            stored = repo.learner_settings(session, learner_id)
        return SettingsView(weekly_goal_minutes=stored.weekly_goal_minutes, path_id=stored.path_id)

    def save_settings(self, learner_id: int, update: SettingsUpdate) -> SettingsView:
        if update.path_id is not None:
            self.course.path(update.path_id)  # PathNotFound for an unknown path
        with self.database.session() as session:
            repo.save_learner_settings(
                session,
                learner_id,
                weekly_goal_minutes=update.weekly_goal_minutes,
                path_id=update.path_id,
            )
        return self.settings(learner_id)

    def dashboard(
        self, learner_id: int, *, utc_offset_minutes: int = 0, now: datetime | None = None
    ) -> DashboardView:
        now = now or datetime.now(UTC)
        today = local_day(now, utc_offset_minutes)
        week = week_of(today)
        with self.database.session() as session:
            stored = repo.learner_settings(session, learner_id)
            path = self.paths.followed(stored.path_id)
            marks = set() if path is None else repo.path_marks(session, learner_id, path.id)
            facts = LearnerFacts.load(session, learner_id)
            due, total, upcoming = repo.review_summary(session, learner_id, now)
            by_day = repo.activity_by_day(
                session, learner_id, today - timedelta(days=_STREAK_WINDOW_DAYS), week[-1]
            )
        days = [WeekDayView(day=d, minutes=round(by_day.get(d, 0) / 60, 1)) for d in week]
        current = streak(by_day, today)
        return DashboardView(
            resume=self._resume(stored),
            path=None if path is None else self.paths.summary(path, facts, marks),
            reviews=ReviewSummaryView(due_count=due, total=total, next_due=upcoming),
            week=WeekView(
                days=days,
                minutes=round(sum(d.minutes for d in days), 1),
                goal_minutes=stored.weekly_goal_minutes,
                suggested_goal_minutes=None if path is None else path.weekly_minutes,
            ),
            streak=StreakView(
                days=current.days, today_active=current.today_active, forgiven=current.forgiven
            ),
        )

    def _resume(self, stored: repo.LearnerSettings) -> ContinueView | None:
        if stored.last_kind is None or stored.last_seen_at is None:
            return None
        if stored.last_kind == "review" or not stored.last_module_id:
            return None  # reviews are on the dashboard already
        try:
            module = self._ref(stored.last_module_id)
        except ModuleNotFound:
            return None
        kind = stored.last_kind
        return ContinueView(
            module=module,
            kind=kind,
            url=_url(module.id, kind),
            at=stored.last_seen_at,
        )
