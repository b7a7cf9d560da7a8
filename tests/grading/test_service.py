"""LabGrading: attempts stored with the code that was graded, the hint ladder opening one
rung per failed attempt, and the "lab complete" moment — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from la4ai.course import Course, load_course
from la4ai.errors import AttemptNotFound, HintNotAvailable, InvalidSubmission, ModuleNotFound
from la4ai.grading import Grader, LabGrading
from la4ai.grading.views import FunctionHints
from la4ai.store import Database
from la4ai.store import repositories as repo
from tests.conftest import FIXTURES
from tests.grading.conftest import make_grader

MODULE = "grids"


@pytest.fixture(scope="module")
def grids_course() -> Course:
    return load_course(FIXTURES / "browser-course")


@pytest.fixture(scope="module")
def grids_grader(grids_course: Course) -> Iterator[Grader]:
    labs = {m.id: m.lab for m in grids_course.modules if m.lab is not None}
    with make_grader(labs, pool_size=2) as grader:
        yield grader


@pytest.fixture
def grading(grids_course: Course, database: Database, grids_grader: Grader) -> LabGrading:
    return LabGrading(grids_course, database, grids_grader)


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


def lab_file(course: Course, name: str) -> str:
    lab = course.module(MODULE).lab
    assert lab is not None
    return (lab.dir / name).read_text("utf-8")


def test_attempts_are_numbered_and_keep_the_code_as_graded(
    grading: LabGrading, grids_course: Course, learner: int
) -> None:
    starter = lab_file(grids_course, "starter.py")
    first = grading.submit(learner, MODULE, starter)
    assert first.attempt.number == 1
    assert not first.attempt.passed
    assert first.attempt.code == starter
    assert first.completed_now is False
    assert first.attempt.result.max_score == first.attempt.max_score > 0

    solution = lab_file(grids_course, "solution.py")
    second = grading.submit(learner, MODULE, solution)
    assert second.attempt.number == 2
    assert second.attempt.passed
    assert second.completed_now is True
    assert second.attempt.score == second.attempt.max_score

    third = grading.submit(learner, MODULE, solution)
    assert third.completed_now is False  # the moment happens once

    status = grading.status(learner, MODULE)
    assert status.completed
    assert [a.number for a in status.attempts] == [1, 2, 3]
    assert status.best_score == status.max_score
    stored = grading.attempt(learner, MODULE, 1)
    assert stored.code == starter
    assert stored.result == first.attempt.result


def test_the_hint_ladder_opens_one_rung_per_failed_attempt(
    grading: LabGrading, grids_course: Course, learner: int
) -> None:
    def transpose() -> FunctionHints:
        [state] = [f for f in grading.hints(learner, MODULE).functions if f.function == "transpose"]
        return state

    before = transpose()
    assert before.revealed == []
    assert before.next_available is False  # nothing tried yet
    with pytest.raises(HintNotAvailable, match="opens after another checked attempt"):
        grading.reveal_hint(learner, MODULE, "transpose")

    starter = lab_file(grids_course, "starter.py")
    response = grading.submit(learner, MODULE, starter)
    offered = {f.function: f.next_available for f in response.hints.functions}
    assert offered == {"transpose": True, "matvec": True}

    hints = grading.reveal_hint(learner, MODULE, "transpose")
    [state] = [f for f in hints.functions if f.function == "transpose"]
    assert state.revealed == ["The result has as many rows as A has columns."]
    assert state.total == 2
    assert state.next_available is False
    with pytest.raises(HintNotAvailable):
        grading.reveal_hint(learner, MODULE, "transpose")

    grading.submit(learner, MODULE, starter)
    grading.reveal_hint(learner, MODULE, "transpose")
    assert len(transpose().revealed) == 2
    grading.submit(learner, MODULE, starter)
    with pytest.raises(HintNotAvailable, match="every hint for transpose is already shown"):
        grading.reveal_hint(learner, MODULE, "transpose")

    assert hint_rows(grading) == [("transpose", 1), ("transpose", 2)]  # hint use is recorded


def hint_rows(grading: LabGrading) -> list[tuple[str, int]]:
    from sqlalchemy import select

    from la4ai.store.models import LabHintRow

    with grading.database.session() as session:
        rows = session.execute(
            select(LabHintRow.function, LabHintRow.rung).order_by(LabHintRow.rung)
        )
        return [(function, rung) for function, rung in rows]


def test_a_passed_function_opens_no_more_hints(
    grading: LabGrading, grids_course: Course, learner: int
) -> None:
    grading.submit(learner, MODULE, lab_file(grids_course, "solution.py"))
    states = {f.function: f for f in grading.hints(learner, MODULE).functions}
    assert all(s.failed_attempts == 0 and not s.next_available for s in states.values())


def test_learners_do_not_see_each_others_attempts(
    grading: LabGrading, grids_course: Course, database: Database, learner: int
) -> None:
    with database.session() as session:
        other = repo.add_learner(session, "other", "Other")
    grading.submit(learner, MODULE, lab_file(grids_course, "starter.py"))
    assert grading.status(other, MODULE).attempts == []
    with pytest.raises(AttemptNotFound):
        grading.attempt(other, MODULE, 1)
    assert grading.submit(other, MODULE, "x = 1\n").attempt.number == 1


def test_unknown_modules_functions_and_attempts_are_refused(
    grading: LabGrading, learner: int
) -> None:
    with pytest.raises(ModuleNotFound):
        grading.submit(learner, "nope", "x = 1")
    with pytest.raises(AttemptNotFound, match="no attempt 5"):
        grading.attempt(learner, MODULE, 5)
    with pytest.raises(InvalidSubmission, match="has no function 'rm -rf'"):
        grading.reveal_hint(learner, MODULE, "rm -rf")


def test_a_file_that_does_not_load_is_an_attempt_with_an_error(
    grading: LabGrading, learner: int
) -> None:
    response = grading.submit(learner, MODULE, "def transpose(:\n")
    assert response.attempt.result.error is not None
    assert "syntax error on line 1" in response.attempt.result.error
    assert not response.attempt.passed


def test_concurrent_submissions_each_get_their_own_number(
    grading: LabGrading, grids_course: Course, learner: int
) -> None:
    solution = lab_file(grids_course, "solution.py")
    numbers: list[int] = []
    lock = threading.Lock()

    def submit() -> None:
        number = grading.submit(learner, MODULE, solution).attempt.number
        with lock:
            numbers.append(number)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(numbers) == [1, 2, 3, 4]
