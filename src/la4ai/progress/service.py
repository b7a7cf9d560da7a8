"""The course seen by one learner: module pages with their progress, quiz submissions and
reading progress (paths are :mod:`la4ai.progress.paths`). Route handlers call one method
each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from la4ai.course import Course, Module
from la4ai.course.answers import check_response
from la4ai.course.quiz import CompiledQuiz, fresh_seed
from la4ai.course.views import ItemResult, QuizItemView, Response
from la4ai.errors import InvalidSubmission, QuizItemNotFound
from la4ai.progress.mastery import mastery
from la4ai.progress.review import record_review
from la4ai.progress.views import (
    LabView,
    ModuleDetail,
    ModuleProgress,
    ModuleRef,
    ModuleSummary,
    QuizAnswer,
    QuizItemState,
    QuizSubmission,
    QuizSubmissionResult,
)
from la4ai.store import Database
from la4ai.store import repositories as repo

__all__ = ["LearnerFacts", "ProgressService"]

_RESPONSE = TypeAdapter[Response](Response)


@dataclass(frozen=True)
class LearnerFacts:
    """What the store knows of one learner, for progress and mastery."""

    reading: dict[str, float]
    active: dict[str, int]
    quiz: dict[str, dict[str, bool]]
    labs_passed: set[str]

    @classmethod
    def load(cls, session: Session, learner_id: int) -> LearnerFacts:
        return cls(
            reading=repo.lesson_progress(session, learner_id),
            active=repo.lesson_active_seconds(session, learner_id),
            quiz=repo.quiz_item_status(session, learner_id),
            labs_passed=repo.lab_passed_modules(session, learner_id),
        )


class ProgressService:
    def __init__(self, course: Course, database: Database) -> None:
        self.course = course
        self.database = database
        self._words = {m.id: _lesson_words(m) for m in course.modules}

    def local_learner(self) -> int:
        with self.database.session() as session:
            return repo.local_learner_id(session)

    # -- reading -------------------------------------------------------------------------

    def module_summaries(self, learner_id: int) -> list[ModuleSummary]:
        with self.database.session() as session:
            facts = LearnerFacts.load(session, learner_id)
        return [self._summary(m, facts) for m in self.course.modules]

    def module_detail(self, learner_id: int, module_id: str) -> ModuleDetail:
        module = self.course.module(module_id)
        with self.database.session() as session:
            facts = LearnerFacts.load(session, learner_id)
            attempts = repo.latest_quiz_attempts(session, learner_id, module_id)
        states: list[QuizItemState] = []
        for item in module.quiz.items if module.quiz else []:
            states.append(self._item_state(module, item.id, attempts.get(item.id)))
        before, after = self.course.neighbours(module_id)
        summary = self._summary(module, facts)
        return ModuleDetail(
            **summary.model_dump(),
            objectives=list(module.meta.objectives),
            prerequisites=[_ref(self.course.module(p)) for p in module.meta.prerequisites],
            blocks=module.lesson.blocks,
            quiz=states,
            previous=_ref(before) if before else None,
            next=_ref(after) if after else None,
            lab=_lab_view(module),
        )

    def record_reading(self, learner_id: int, module_id: str, fraction: float) -> ModuleProgress:
        module = self.course.module(module_id)
        with self.database.session() as session:
            repo.record_reading(session, learner_id, module_id, fraction)
            facts = LearnerFacts.load(session, learner_id)
        return self.progress_of(module, facts)

    # -- quizzes -------------------------------------------------------------------------

    def quiz_item(self, module_id: str, item_id: str, seed: int | None) -> QuizItemView:
        """An item drawn with ``seed`` (a fresh one when ``None``)."""
        quiz = self._quiz(module_id, item_id)
        return quiz.instance(item_id, fresh_seed() if seed is None else seed).view

    def submit_quiz(
        self, learner_id: int, module_id: str, submission: QuizSubmission
    ) -> QuizSubmissionResult:
        """Check each answer and keep every readable one; unreadable ones are not attempts."""
        module = self.course.module(module_id)
        checked: list[tuple[ItemResult, QuizAnswer]] = []
        for answer in submission.answers:
            quiz = self._quiz(module_id, answer.item_id)
            instance = quiz.instance(answer.item_id, answer.seed)
            checked.append((check_response(instance, answer.response), answer))
        now = datetime.now(UTC)
        with self.database.session() as session:
            for result, answer in checked:
                if result.status == "unreadable":
                    continue
                correct = result.status == "correct"
                repo.add_quiz_attempt(
                    session,
                    learner_id=learner_id,
                    module_id=module_id,
                    item_id=result.item_id,
                    seed=result.seed,
                    response=answer.response.model_dump(mode="json"),
                    correct=correct,
                )
                # From its first attempt on, the item is in the learner's review queue.
                record_review(
                    session,
                    learner_id=learner_id,
                    module_id=module_id,
                    item_id=result.item_id,
                    correct=correct,
                    seconds=answer.seconds,
                    source="quiz",
                    now=now,
                )
            facts = LearnerFacts.load(session, learner_id)
        return QuizSubmissionResult(
            results=[r for r, _ in checked], progress=self.progress_of(module, facts)
        )

    # -- helpers -------------------------------------------------------------------------

    def _quiz(self, module_id: str, item_id: str) -> CompiledQuiz:
        quiz = self.course.module(module_id).quiz
        if quiz is None or quiz.item(item_id) is None:
            raise QuizItemNotFound(module_id, item_id)
        return quiz

    def _item_state(
        self, module: Module, item_id: str, attempt: repo.QuizAttempt | None
    ) -> QuizItemState:
        assert module.quiz is not None
        if attempt is not None:
            try:
                response = _RESPONSE.validate_python(attempt.response)
                instance = module.quiz.instance(item_id, attempt.seed)
                result = check_response(instance, response)
                return QuizItemState(item=instance.view, last_response=response, last_result=result)
            except (ValidationError, InvalidSubmission):
                pass  # the item changed since that attempt: start it afresh
        return QuizItemState(item=module.quiz.instance(item_id, fresh_seed()).view)

    def _summary(self, module: Module, facts: LearnerFacts) -> ModuleSummary:
        return ModuleSummary(
            **_ref(module).model_dump(),
            tagline=module.meta.tagline,
            minutes=module.meta.minutes,
            summary=module.meta.summary,
            progress=self.progress_of(module, facts),
        )

    def progress_of(self, module: Module, facts: LearnerFacts) -> ModuleProgress:
        ids = {item.id for item in module.quiz.items} if module.quiz else set()
        current = {k: v for k, v in facts.quiz.get(module.id, {}).items() if k in ids}
        correct = sum(current.values())
        state = mastery(
            read_fraction=facts.reading.get(module.id, 0.0),
            active_seconds=facts.active.get(module.id, 0),
            words=self._words[module.id],
            has_lab=module.lab is not None,
            lab_passed=module.id in facts.labs_passed,
            quiz_total=len(ids),
            quiz_correct=correct,
        )
        return ModuleProgress(
            read_fraction=facts.reading.get(module.id, 0.0),
            quiz_total=len(ids),
            quiz_answered=len(current),
            quiz_correct=correct,
            lesson_read=state.lesson_read,
            lab_passed=state.lab_passed,
            quiz_passed=state.quiz_passed,
            mastered=state.mastered,
        )


def _ref(module: Module) -> ModuleRef:
    return ModuleRef(id=module.id, number=module.number, title=module.meta.title)


def _lesson_words(module: Module) -> int:
    path = module.dir / "lesson.md"
    return len(path.read_text("utf-8").split()) if path.is_file() else 0


LAB_FILE_NAME = "lab.py"


def _lab_view(module: Module) -> LabView | None:
    if module.lab is None:
        return None
    meta = module.lab.meta
    return LabView(
        title=meta.title,
        functions=list(meta.functions),
        file_name=LAB_FILE_NAME,
        task=module.lab.task_blocks,
    )
