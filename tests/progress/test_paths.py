"""The path engine: item states, locks, next up and weeks — the rules on their own, then the
service on SQLite and PostgreSQL with the fixture path ``tour`` (every kind of item,
prerequisites, two weeks) beside the shipped Foundations, including switching between them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from la4ai.course import Course
from la4ai.errors import PathItemNotFound, PathItemNotMarkable, PathNotFound
from la4ai.progress import ProgressService
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.paths import PathService, next_up, walk
from la4ai.progress.views import Heartbeat, PathDetailView, QuizSubmission, SettingsUpdate
from la4ai.store import Database
from la4ai.store import repositories as repo
from tests.web.test_api import response_for

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


# --- the rules ----------------------------------------------------------------------------


def states(course: Course, *done: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {s.item.item_id: (s.state, s.missing) for s in walk(course.path("tour"), set(done))}


def test_nothing_done_leaves_items_without_prerequisites_available(tour_course: Course) -> None:
    assert states(tour_course) == {
        "essence-vectors": ("available", ()),
        "module:vectors": ("locked", ("essence-vectors",)),
        "checkpoint:vectors": ("locked", ("module:vectors",)),
        "lab:transformations": ("available", ()),
        "rotate-picture": ("locked", ("lab:transformations", "checkpoint:vectors")),
    }


def test_an_item_unlocks_when_all_its_prerequisites_are_done(tour_course: Course) -> None:
    after_video = states(tour_course, "essence-vectors")
    assert after_video["module:vectors"] == ("available", ())
    assert after_video["checkpoint:vectors"] == ("locked", ("module:vectors",))
    half = states(tour_course, "lab:transformations")["rotate-picture"]
    assert half == ("locked", ("checkpoint:vectors",))  # one of two is not enough
    both = states(tour_course, "lab:transformations", "checkpoint:vectors")
    assert both["rotate-picture"] == ("available", ())


def test_a_done_item_stays_done_whatever_its_prerequisites(tour_course: Course) -> None:
    # The learner went ahead: the checkpoint is passed before the module is mastered.
    assert states(tour_course, "checkpoint:vectors")["checkpoint:vectors"] == ("done", ())


def test_next_up_is_the_first_available_item_in_path_order(tour_course: Course) -> None:
    path = tour_course.path("tour")

    def upcoming(*done: str) -> str | None:
        found = next_up(walk(path, set(done)))
        return None if found is None else found.item.item_id

    assert upcoming() == "essence-vectors"
    assert upcoming("essence-vectors") == "module:vectors"
    # The locked checkpoint is skipped for the lab of week 2, which needs nothing.
    assert upcoming("essence-vectors", "module:vectors", "checkpoint:vectors") == (
        "lab:transformations"
    )
    assert upcoming("essence-vectors", "module:vectors") == "checkpoint:vectors"
    everything = [item.item_id for item in path.items]
    assert upcoming(*everything) is None


def test_items_without_a_week_stay_in_the_week_before(tour_course: Course) -> None:
    assert tour_course.path("tour").weeks() == [1, 1, 1, 2, 2]
    assert tour_course.path("foundations").weeks() == [None] * 8


# --- the service --------------------------------------------------------------------------


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


@pytest.fixture
def progress(tour_course: Course, database: Database) -> ProgressService:
    return ProgressService(tour_course, database)


@pytest.fixture
def board(tour_course: Course, database: Database, progress: ProgressService) -> DashboardService:
    return DashboardService(tour_course, database, progress)


@pytest.fixture
def paths(board: DashboardService) -> PathService:
    return board.paths


def item_states(view: PathDetailView) -> dict[str, str]:
    return {item.id: item.state for week in view.weeks for item in week.items}


def pass_lab(database: Database, learner: int, module_id: str) -> None:
    with database.session() as session:
        repo.add_lab_attempt(
            session,
            learner_id=learner,
            module_id=module_id,
            code="…",
            seed=1,
            passed=True,
            score=1,
            max_score=1,
            result={},
        )


def pass_quiz(course: Course, progress: ProgressService, learner: int) -> None:
    quiz = course.module("vectors").quiz
    assert quiz is not None
    answers = [
        {"item_id": item.id, "seed": 3, "response": response_for(course, item.id, 3)}
        for item in quiz.items
    ]
    progress.submit_quiz(learner, "vectors", QuizSubmission.model_validate({"answers": answers}))


def read_lesson(progress: ProgressService, board: DashboardService, learner: int) -> None:
    progress.record_reading(learner, "vectors", 1.0)
    for _ in range(10):  # ten minutes of active reading
        beat = Heartbeat(kind="lesson", module_id="vectors", seconds=60)
        board.heartbeat(learner, beat, now=NOW)


def test_a_fresh_learner_sees_the_weeks_minutes_and_next_up(
    paths: PathService, learner: int
) -> None:
    view = paths.path(learner, "tour")
    assert [(w.week, w.minutes, w.done_minutes) for w in view.weeks] == [(1, 130, 0), (2, 135, 0)]
    assert (view.items_total, view.items_done, view.minutes, view.done_minutes) == (5, 0, 265, 0)
    assert view.next_up == "essence-vectors"
    assert view.weekly_minutes == 150
    assert not view.chosen  # the learner follows the first path until they choose

    video, module, checkpoint = view.weeks[0].items
    assert (video.kind, video.markable, video.external) == ("resource", True, True)
    assert video.url == "https://www.youtube.com/watch?v=fNk_zzaMoSs"
    assert video.note == "Watch it before the first lesson."
    assert (module.kind, module.state, module.minutes) == ("module", "locked", 90)
    assert [(n.id, n.title) for n in module.needs] == [
        ("essence-vectors", "3Blue1Brown — Essence of Linear Algebra, chapter 1")
    ]
    assert (module.url, module.step, module.markable) == ("/modules/vectors", "lesson", False)
    assert module.module is not None
    assert module.module.number == 1
    assert (checkpoint.title, checkpoint.url) == (
        "Checkpoint: vectors in code",
        "/modules/vectors/lab",
    )
    lab, project = view.weeks[1].items
    assert (lab.kind, lab.state, lab.step, lab.minutes) == ("lab", "available", "lab", 45)
    transformations_lab = paths.course.module("transformations").lab
    assert transformations_lab is not None
    assert lab.title == transformations_lab.meta.title
    assert (project.kind, project.state, project.external) == ("project", "locked", True)
    assert project.description is not None
    assert [r.id for r in project.requires] == ["lab:transformations", "checkpoint:vectors"]
    assert [n.id for n in project.needs] == ["lab:transformations", "checkpoint:vectors"]


def test_a_path_without_weeks_is_one_group(paths: PathService, learner: int) -> None:
    view = paths.path(learner, "foundations")
    [group] = view.weeks
    assert group.week is None
    assert [item.id for item in group.items][:2] == ["module:vectors", "module:transformations"]
    assert view.chosen
    assert view.next_up == "module:vectors"


def test_marking_a_resource_done_unlocks_and_advances_next_up(
    paths: PathService, learner: int
) -> None:
    marked = paths.mark(learner, "tour", "essence-vectors", done=True)
    assert item_states(marked)["essence-vectors"] == "done"
    assert item_states(marked)["module:vectors"] == "available"
    assert marked.next_up == "module:vectors"
    assert (marked.weeks[0].done_minutes, marked.done_minutes, marked.items_done) == (10, 10, 1)
    assert paths.mark(learner, "tour", "essence-vectors", done=True) == marked  # again: same

    unmarked = paths.mark(learner, "tour", "essence-vectors", done=False)
    assert item_states(unmarked)["essence-vectors"] == "available"
    assert unmarked.next_up == "essence-vectors"
    assert paths.mark(learner, "tour", "essence-vectors", done=False) == unmarked


def test_only_resources_and_projects_are_marked_by_hand(paths: PathService, learner: int) -> None:
    with pytest.raises(PathItemNotMarkable, match="a module is done when it is mastered"):
        paths.mark(learner, "tour", "module:vectors", done=True)
    with pytest.raises(PathItemNotMarkable, match="a lab is done when it is passed"):
        paths.mark(learner, "tour", "lab:transformations", done=True)
    with pytest.raises(PathItemNotMarkable, match="its quiz is at 80 %"):
        paths.mark(learner, "tour", "checkpoint:vectors", done=False)
    with pytest.raises(PathItemNotFound, match="learning path 'tour' has no item 'nothing'"):
        paths.mark(learner, "tour", "nothing", done=True)
    with pytest.raises(PathNotFound):
        paths.mark(learner, "nowhere", "essence-vectors", done=True)
    with pytest.raises(PathNotFound):
        paths.path(learner, "nowhere")
    assert paths.path(learner, "tour").items_done == 0


def test_labs_and_checkpoints_follow_the_learners_progress(
    paths: PathService,
    progress: ProgressService,
    database: Database,
    tour_course: Course,
    learner: int,
) -> None:
    pass_lab(database, learner, "transformations")
    view = paths.path(learner, "tour")
    assert item_states(view)["lab:transformations"] == "done"
    project = view.weeks[1].items[1]
    assert [n.id for n in project.needs] == ["checkpoint:vectors"]

    pass_lab(database, learner, "vectors")
    checkpoint = paths.path(learner, "tour").weeks[0].items[2]
    assert (checkpoint.state, checkpoint.step, checkpoint.url) == (
        "locked",
        "quiz",  # the lab is passed: the quiz is what is left
        "/modules/vectors/quiz",
    )
    pass_quiz(tour_course, progress, learner)
    view = paths.path(learner, "tour")
    states_now = item_states(view)
    # The checkpoint is done although the module it requires is not (its lesson is unread).
    assert states_now["checkpoint:vectors"] == "done"
    assert states_now["module:vectors"] == "locked"
    assert states_now["rotate-picture"] == "available"
    assert view.next_up == "essence-vectors"


def test_the_dashboard_follows_the_engine(
    paths: PathService, board: DashboardService, learner: int
) -> None:
    board.save_settings(learner, SettingsUpdate(path_id="tour"))
    summary = board.dashboard(learner, now=NOW).path
    assert summary is not None
    assert (summary.id, summary.items_total, summary.items_done) == ("tour", 5, 0)
    assert (summary.modules_total, summary.modules_mastered, summary.minutes) == (1, 0, 265)
    assert summary.next_item is not None
    assert (summary.next_item.id, summary.next_item.kind) == ("essence-vectors", "resource")
    # The next step inside a module: the first module item that is available.
    assert summary.next_up is not None
    assert (summary.next_up.module.id, summary.next_up.kind) == ("transformations", "lab")
    assert summary.next_up.url == "/modules/transformations/lab"

    paths.mark(learner, "tour", "essence-vectors", done=True)
    summary = board.dashboard(learner, now=NOW).path
    assert summary is not None
    assert summary.next_item is not None
    assert summary.next_item.id == "module:vectors"
    assert summary.next_up is not None
    assert (summary.next_up.module.id, summary.next_up.kind) == ("vectors", "lesson")
    assert (summary.items_done, summary.done_minutes) == (1, 10)


def test_switching_paths_keeps_progress_and_marks(
    paths: PathService,
    board: DashboardService,
    progress: ProgressService,
    database: Database,
    tour_course: Course,
    learner: int,
) -> None:
    # Under Foundations: master vectors.
    board.save_settings(learner, SettingsUpdate(path_id="foundations"))
    read_lesson(progress, board, learner)
    pass_lab(database, learner, "vectors")
    pass_quiz(tour_course, progress, learner)
    foundations = board.dashboard(learner, now=NOW).path
    assert foundations is not None
    assert (foundations.id, foundations.modules_mastered) == ("foundations", 1)
    assert foundations.next_up is not None
    assert foundations.next_up.module.id == "transformations"

    # Switch to the tour: the same module is done there, and so is its checkpoint.
    board.save_settings(learner, SettingsUpdate(path_id="tour"))
    tour = board.dashboard(learner, now=NOW).path
    assert tour is not None
    assert (tour.id, tour.modules_mastered, tour.items_done) == ("tour", 1, 2)
    assert item_states(paths.path(learner, "tour"))["module:vectors"] == "done"
    paths.mark(learner, "tour", "essence-vectors", done=True)
    assert paths.path(learner, "tour").chosen

    # Away and back: the mark waits on the tour, and Foundations is as it was.
    board.save_settings(learner, SettingsUpdate(path_id="foundations"))
    assert board.dashboard(learner, now=NOW).path == foundations
    assert not paths.path(learner, "tour").chosen
    board.save_settings(learner, SettingsUpdate(path_id="tour"))
    back = board.dashboard(learner, now=NOW).path
    assert back is not None
    assert back.items_done == 3
    assert item_states(paths.path(learner, "tour"))["essence-vectors"] == "done"


def test_marks_belong_to_their_learner(
    paths: PathService, database: Database, learner: int
) -> None:
    with database.session() as session:
        other = repo.add_learner(session, "other", "Other")
    paths.mark(learner, "tour", "rotate-picture", done=True)
    assert item_states(paths.path(learner, "tour"))["rotate-picture"] == "done"
    assert item_states(paths.path(other, "tour"))["rotate-picture"] == "locked"


def test_the_course_map_lists_every_kind_of_item(paths: PathService, learner: int) -> None:
    listed = {path.id: path for path in paths.paths(learner)}
    assert list(listed) == ["foundations", "tour"]
    items = listed["tour"].items
    assert [(item.kind, item.id) for item in items] == [
        ("resource", "essence-vectors"),
        ("module", "module:vectors"),
        ("checkpoint", "checkpoint:vectors"),
        ("lab", "lab:transformations"),
        ("project", "rotate-picture"),
    ]
    assert listed["foundations"].items[0].kind == "module"
