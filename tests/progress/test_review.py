"""Spaced review: quiz items enter the queue at their first attempt and come back when FSRS
says — later after good answers, sooner after wrong ones — with fresh numbers each time.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fsrs import Rating
from pydantic import TypeAdapter

from la4ai.course import Course
from la4ai.course.views import Response
from la4ai.errors import QuizItemNotFound
from la4ai.progress import ProgressService
from la4ai.progress.review import (
    EASY_SECONDS,
    HARD_SECONDS,
    RELEARN,
    ReviewService,
    rating_for,
)
from la4ai.progress.views import QuizSubmission, ReviewAnswer
from la4ai.store import Database
from la4ai.store import repositories as repo
from tests.web.test_api import response_for

RESPONSE = TypeAdapter[Response](Response)
RANDOMIZED = "dot-product"  # drawn with fresh numbers every time
FIXED = "dot-is-zero"  # a multiple-choice item


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


@pytest.fixture
def progress(course: Course, database: Database) -> ProgressService:
    return ProgressService(course, database)


@pytest.fixture
def review(course: Course, database: Database) -> ReviewService:
    return ReviewService(course, database)


def answer(course: Course, item_id: str, seed: int, *, wrong: bool = False) -> Any:
    return RESPONSE.validate_python(response_for(course, item_id, seed, wrong=wrong))


def quiz_attempt(
    progress: ProgressService, course: Course, learner: int, item_id: str, *, wrong: bool = False
) -> None:
    submission = QuizSubmission.model_validate(
        {
            "answers": [
                {
                    "item_id": item_id,
                    "seed": 5,
                    "response": response_for(course, item_id, 5, wrong=wrong),
                    "seconds": 40,
                }
            ]
        }
    )
    progress.submit_quiz(learner, "vectors", submission)


def due_of(database: Database, learner: int, item_id: str) -> datetime:
    with database.session() as session:
        card = repo.review_card(session, learner, "vectors", item_id)
    assert card is not None
    return card.due


def test_ratings_follow_correctness_and_time() -> None:
    assert rating_for(False, 3) == Rating.Again
    assert rating_for(True, EASY_SECONDS) == Rating.Easy
    assert rating_for(True, EASY_SECONDS + 1) == Rating.Good
    assert rating_for(True, HARD_SECONDS + 1) == Rating.Hard
    assert rating_for(True, None) == Rating.Good


def test_an_item_enters_the_queue_at_its_first_attempt(
    progress: ProgressService, review: ReviewService, course: Course, learner: int
) -> None:
    assert review.queue(learner).total == 0
    quiz_attempt(progress, course, learner, FIXED)
    queue = review.queue(learner)
    assert queue.total == 1
    assert queue.due_count == 0  # a right answer is not due again at once
    assert queue.next_due is not None
    assert queue.next_due > datetime.now(UTC) + timedelta(hours=12)


def test_good_answers_push_the_item_out_and_a_wrong_one_brings_it_back(
    progress: ProgressService,
    review: ReviewService,
    database: Database,
    course: Course,
    learner: int,
) -> None:
    quiz_attempt(progress, course, learner, FIXED)
    first_due = due_of(database, learner, FIXED)

    # Not served before it is due; served once it is.
    assert review.queue(learner, now=first_due - timedelta(minutes=1)).items == []
    [served] = review.queue(learner, now=first_due).items
    assert served.item.id == FIXED
    assert served.reviews == 1

    intervals = []
    now = first_due
    for _ in range(3):  # three right answers in a row, each when due
        outcome = review.answer(
            learner,
            "vectors",
            ReviewAnswer(item_id=FIXED, seed=5, response=answer(course, FIXED, 5), seconds=40),
            now=now,
        )
        assert outcome.result.status == "correct"
        assert outcome.rating == "good"
        assert outcome.next_due is not None
        intervals.append(outcome.next_due - now)
        now = outcome.next_due
    assert intervals[0] < intervals[1] < intervals[2]  # the gaps grow, as FSRS says

    wrong = review.answer(
        learner,
        "vectors",
        ReviewAnswer(
            item_id=FIXED, seed=5, response=answer(course, FIXED, 5, wrong=True), seconds=10
        ),
        now=now,
    )
    assert wrong.result.status == "incorrect"
    assert wrong.rating == "again"
    assert wrong.next_due is not None
    assert wrong.next_due - now == RELEARN  # a lapse comes back in the same sitting


def test_a_wrong_first_attempt_is_due_sooner_than_a_right_one(
    progress: ProgressService, database: Database, course: Course, learner: int
) -> None:
    quiz_attempt(progress, course, learner, FIXED)
    quiz_attempt(progress, course, learner, RANDOMIZED, wrong=True)
    assert due_of(database, learner, RANDOMIZED) < due_of(database, learner, FIXED)


def test_randomized_items_come_back_with_fresh_numbers(
    progress: ProgressService,
    review: ReviewService,
    database: Database,
    course: Course,
    learner: int,
) -> None:
    quiz_attempt(progress, course, learner, RANDOMIZED, wrong=True)
    due = due_of(database, learner, RANDOMIZED)
    seeds = {review.queue(learner, now=due).items[0].item.seed for _ in range(5)}
    assert len(seeds) > 1
    prompts = {review.queue(learner, now=due).items[0].item.prompt_html for _ in range(8)}
    assert len(prompts) > 1  # different numbers, not just a different seed


def test_an_unreadable_answer_changes_nothing(
    progress: ProgressService,
    review: ReviewService,
    database: Database,
    course: Course,
    learner: int,
) -> None:
    quiz_attempt(progress, course, learner, RANDOMIZED)
    before = due_of(database, learner, RANDOMIZED)
    unreadable = RESPONSE.validate_python({"kind": "numeric", "value": "not a number"})
    outcome = review.answer(
        learner, "vectors", ReviewAnswer(item_id=RANDOMIZED, seed=3, response=unreadable)
    )
    assert outcome.result.status == "unreadable"
    assert outcome.rating is None
    assert due_of(database, learner, RANDOMIZED) == before


def test_unknown_items_are_refused(review: ReviewService, course: Course, learner: int) -> None:
    with pytest.raises(QuizItemNotFound):
        review.answer(
            learner,
            "vectors",
            ReviewAnswer(item_id="nope", seed=1, response=answer(course, FIXED, 1)),
        )
