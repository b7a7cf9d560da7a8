"""Spaced review: every quiz item a learner has answered comes back on an FSRS schedule.

An item enters the learner's queue at its first attempt (on the quiz page); from then on
each answer, on the quiz page or the Review page, is a review that moves its due date as
FSRS says. The rating follows from the answer: wrong is *Again*; right is *Easy* when it
took at most ``EASY_SECONDS``, *Good* up to ``HARD_SECONDS`` and *Hard* beyond (or *Good*
when the time is unknown). Randomized items are drawn with a fresh seed every time they
are served, so a review never repeats the same numbers.

A wrong answer brings the item back after ``RELEARN`` (10 minutes: once more in the same
sitting, while the explanation is fresh); a right one lets it graduate to FSRS's day-scale
intervals. No fuzzing: the same answers give the same schedule (tests rely on it).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from fsrs import Card, Rating, Scheduler
from sqlalchemy.orm import Session

from la4ai.course import Course
from la4ai.course.answers import check_response
from la4ai.course.quiz import fresh_seed
from la4ai.course.views import ItemResult
from la4ai.errors import QuizItemNotFound
from la4ai.progress.views import (
    ModuleRef,
    RatingName,
    ReviewAnswer,
    ReviewItem,
    ReviewOutcome,
    ReviewQueue,
)
from la4ai.store import Database
from la4ai.store import repositories as repo

__all__ = [
    "EASY_SECONDS",
    "HARD_SECONDS",
    "RELEARN",
    "SCHEDULER",
    "ReviewService",
    "rating_for",
    "record_review",
]

EASY_SECONDS = 20.0
HARD_SECONDS = 90.0
RELEARN = timedelta(minutes=10)
SCHEDULER = Scheduler(learning_steps=(RELEARN,), relearning_steps=(RELEARN,), enable_fuzzing=False)
_NAMES: dict[Rating, RatingName] = {
    Rating.Again: "again",
    Rating.Hard: "hard",
    Rating.Good: "good",
    Rating.Easy: "easy",
}


def rating_for(correct: bool, seconds: float | None) -> Rating:
    """The FSRS rating of one answer, from whether it was right and how long it took."""
    if not correct:
        return Rating.Again
    if seconds is None:
        return Rating.Good
    if seconds <= EASY_SECONDS:
        return Rating.Easy
    return Rating.Good if seconds <= HARD_SECONDS else Rating.Hard


def record_review(
    session: Session,
    *,
    learner_id: int,
    module_id: str,
    item_id: str,
    correct: bool,
    seconds: float | None,
    source: Literal["quiz", "review"],
    now: datetime,
) -> tuple[Rating, datetime]:
    """Schedule the item after one answer (creating its card at the first); the rating and
    the new due date. Runs inside the caller's unit of work."""
    stored = repo.review_card(session, learner_id, module_id, item_id)
    card = Card() if stored is None else Card.from_dict(stored.card)  # type: ignore[arg-type]
    rating = rating_for(correct, seconds)
    card, _ = SCHEDULER.review_card(card, rating, now.astimezone(UTC))
    repo.save_review_card(
        session,
        learner_id=learner_id,
        module_id=module_id,
        item_id=item_id,
        card=dict(card.to_dict()),
        due=card.due,
    )
    repo.add_review_log(
        session,
        learner_id=learner_id,
        module_id=module_id,
        item_id=item_id,
        rating=int(rating),
        correct=correct,
        seconds=seconds,
        source=source,
        reviewed_at=now,
    )
    return rating, card.due


class ReviewService:
    """The Review page: what is due, and answering it. ``now`` is injectable for tests."""

    def __init__(self, course: Course, database: Database) -> None:
        self.course = course
        self.database = database

    def _exists(self, module_id: str, item_id: str) -> bool:
        try:
            quiz = self.course.module(module_id).quiz
        except Exception:
            return False
        return quiz is not None and quiz.item(item_id) is not None

    def queue(
        self, learner_id: int, *, now: datetime | None = None, limit: int = 20
    ) -> ReviewQueue:
        """Items due now (most overdue first), each drawn afresh, and what comes later."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            cards = repo.due_review_cards(session, learner_id, now, limit=limit)
            due, total, upcoming = repo.review_summary(session, learner_id, now)
        items: list[ReviewItem] = []
        for card in cards:
            if not self._exists(card.module_id, card.item_id):
                continue  # the item left the course; its card simply stops coming back
            module = self.course.module(card.module_id)
            assert module.quiz is not None
            instance = module.quiz.instance(card.item_id, fresh_seed())
            items.append(
                ReviewItem(
                    module=ModuleRef(id=module.id, number=module.number, title=module.meta.title),
                    item=instance.view,
                    due=card.due,
                    reviews=card.reviews,
                )
            )
        return ReviewQueue(items=items, due_count=due, total=total, next_due=upcoming)

    def answer(
        self,
        learner_id: int,
        module_id: str,
        answer: ReviewAnswer,
        *,
        now: datetime | None = None,
    ) -> ReviewOutcome:
        """Check a review answer and reschedule the item (an unreadable answer changes
        nothing)."""
        now = now or datetime.now(UTC)
        if not self._exists(module_id, answer.item_id):
            raise QuizItemNotFound(module_id, answer.item_id)
        quiz = self.course.module(module_id).quiz
        assert quiz is not None
        result: ItemResult = check_response(
            quiz.instance(answer.item_id, answer.seed), answer.response
        )
        if result.status == "unreadable":
            return ReviewOutcome(result=result, rating=None, next_due=None, due_count=None)
        correct = result.status == "correct"
        with self.database.session() as session:
            rating, due = record_review(
                session,
                learner_id=learner_id,
                module_id=module_id,
                item_id=answer.item_id,
                correct=correct,
                seconds=answer.seconds,
                source="review",
                now=now,
            )
            repo.add_quiz_attempt(
                session,
                learner_id=learner_id,
                module_id=module_id,
                item_id=answer.item_id,
                seed=answer.seed,
                response=answer.response.model_dump(mode="json"),
                correct=correct,
            )
            remaining, _, _ = repo.review_summary(session, learner_id, now)
        return ReviewOutcome(
            result=result, rating=_NAMES[rating], next_due=due, due_count=remaining
        )
