"""Time tracking, streaks, mastery and the dashboard — the rules, then the service on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from la4ai.course import Course
from la4ai.errors import ModuleNotFound, PathNotFound
from la4ai.progress import ProgressService
from la4ai.progress.activity import ACTIVE_DAY_SECONDS, local_day, streak, week_of
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.mastery import Mastery, mastery, reading_seconds_needed
from la4ai.progress.views import Heartbeat, QuizSubmission, SettingsUpdate
from la4ai.store import Database
from la4ai.store import repositories as repo
from tests.web.test_api import response_for

NOW = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)  # a Monday evening in UTC
ACTIVE = ACTIVE_DAY_SECONDS


def test_the_local_day_follows_the_learners_offset() -> None:
    assert local_day(NOW, 0) == date(2026, 11, 23)
    assert local_day(NOW, 120) == date(2026, 11, 24)  # already Tuesday in UTC+2
    assert local_day(NOW, -600) == date(2026, 11, 23)


def test_a_week_runs_monday_to_sunday() -> None:
    week = week_of(date(2026, 11, 26))  # a Thursday
    assert week[0] == date(2026, 11, 23)
    assert week[-1] == date(2026, 11, 29)
    assert len(week) == 7


def days_back(*offsets: int, seconds: int = ACTIVE) -> dict[date, int]:
    today = date(2026, 11, 23)
    return {today - timedelta(days=n): seconds for n in offsets}


def test_the_streak_counts_active_days_and_forgives_one_missed_day() -> None:
    today = date(2026, 11, 23)
    assert streak({}, today).days == 0
    assert streak(days_back(0, 1, 2), today).days == 3
    young = streak(days_back(1, 2), today)  # nothing yet today: yesterday's streak stands
    assert (young.days, young.today_active) == (2, False)
    forgiving = streak(days_back(0, 2, 3), today)  # day 1 missed, once
    assert (forgiving.days, forgiving.forgiven) == (3, 1)
    assert streak(days_back(0, 3, 4), today).days == 1  # two missed days in a row end it
    assert streak(days_back(0, 1, seconds=ACTIVE - 1), today).days == 0  # too little to count


def test_mastery_needs_real_reading_the_lab_and_eighty_percent() -> None:
    needed = reading_seconds_needed(2800)
    assert needed == 420  # half of 14 minutes at 200 words a minute
    assert reading_seconds_needed(100_000) == 600  # capped at 10 minutes

    def state(fraction: float, seconds: int, correct: int) -> Mastery:
        return mastery(
            read_fraction=fraction,
            active_seconds=seconds,
            words=2800,
            has_lab=True,
            lab_passed=True,
            quiz_total=10,
            quiz_correct=correct,
        )

    scrolled_only = state(1.0, 30, 10)
    assert not scrolled_only.lesson_read
    assert not scrolled_only.mastered
    assert state(0.95, needed, 8).mastered
    low_quiz = state(1.0, needed, 7)
    assert low_quiz.quiz_passed is False
    assert not low_quiz.mastered
    no_lab = mastery(
        read_fraction=1.0,
        active_seconds=needed,
        words=2800,
        has_lab=False,
        lab_passed=False,
        quiz_total=0,
        quiz_correct=0,
    )
    assert (no_lab.lab_passed, no_lab.quiz_passed, no_lab.mastered) == (None, None, True)


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


@pytest.fixture
def progress(course: Course, database: Database) -> ProgressService:
    return ProgressService(course, database)


@pytest.fixture
def board(course: Course, database: Database, progress: ProgressService) -> DashboardService:
    return DashboardService(course, database, progress)


def beat(kind: str, module_id: str = "vectors", seconds: int = 60, offset: int = 0) -> Heartbeat:
    return Heartbeat.model_validate(
        {"kind": kind, "module_id": module_id, "seconds": seconds, "utc_offset_minutes": offset}
    )


def test_heartbeats_add_up_per_local_day_and_week(board: DashboardService, learner: int) -> None:
    for _ in range(3):
        board.heartbeat(learner, beat("lesson"), now=NOW)  # Monday 22:30 UTC
    board.heartbeat(learner, beat("lab", offset=120), now=NOW)  # Tuesday 00:30 in UTC+2
    view = board.dashboard(learner, utc_offset_minutes=0, now=NOW)
    minutes = {d.day: d.minutes for d in view.week.days}
    assert minutes[date(2026, 11, 23)] == 3.0
    assert minutes[date(2026, 11, 24)] == 1.0
    assert view.week.minutes == 4.0
    assert [d.day.weekday() for d in view.week.days] == list(range(7))
    assert view.resume is not None
    assert (view.resume.kind, view.resume.url) == ("lab", "/modules/vectors/lab")


def test_heartbeats_for_unknown_places_are_refused(board: DashboardService, learner: int) -> None:
    with pytest.raises(ModuleNotFound):
        board.heartbeat(learner, beat("lesson", module_id="nope"))
    board.heartbeat(learner, beat("review", module_id=""), now=NOW)  # the Review page
    assert board.dashboard(learner, now=NOW).resume is None  # reviews are on the dashboard


def test_the_next_step_moves_from_lesson_to_lab_to_quiz_to_mastered(
    board: DashboardService,
    progress: ProgressService,
    database: Database,
    course: Course,
    learner: int,
) -> None:
    def next_kind() -> str | None:
        path = board.dashboard(learner, now=NOW).path
        assert path is not None
        return None if path.next_up is None else path.next_up.kind

    assert next_kind() == "lesson"
    progress.record_reading(learner, "vectors", 1.0)
    assert next_kind() == "lesson"  # scrolling to the end is not reading it
    for _ in range(10):  # ten minutes of active reading
        board.heartbeat(learner, beat("lesson"), now=NOW)
    assert next_kind() == "lab"
    with database.session() as session:
        repo.add_lab_attempt(
            session,
            learner_id=learner,
            module_id="vectors",
            code="…",
            seed=1,
            passed=True,
            score=14,
            max_score=14,
            result={},
        )
    assert next_kind() == "quiz"
    quiz = course.module("vectors").quiz
    assert quiz is not None
    answers = [
        {"item_id": item.id, "seed": 3, "response": response_for(course, item.id, 3)}
        for item in quiz.items
    ]
    progress.submit_quiz(learner, "vectors", QuizSubmission.model_validate({"answers": answers}))
    path = board.dashboard(learner, now=NOW).path
    assert path is not None
    assert path.modules_mastered >= 1
    detail = progress.module_detail(learner, "vectors")
    assert detail.progress.mastered
    assert board.dashboard(learner, now=NOW).reviews.total == len(quiz.items)


def test_settings_round_trip_and_unknown_paths_are_refused(
    board: DashboardService, learner: int
) -> None:
    assert board.settings(learner).weekly_goal_minutes is None
    saved = board.save_settings(
        learner, SettingsUpdate(weekly_goal_minutes=330, path_id="foundations")
    )
    assert (saved.weekly_goal_minutes, saved.path_id) == (330, "foundations")
    assert board.dashboard(learner, now=NOW).week.goal_minutes == 330
    with pytest.raises(PathNotFound):
        board.save_settings(learner, SettingsUpdate(path_id="nope"))
