"""The grading service: submissions graded in sandboxed checkers, attempts stored with the
code that was graded, and a hint ladder that opens one rung per failed attempt."""

from __future__ import annotations

from pathlib import Path

from la4ai.course import Course
from la4ai.errors import (
    AttemptNotFound,
    HintNotAvailable,
    InvalidSubmission,
    LabNotFound,
)
from la4ai.grading.grader import Grader, GradeResult
from la4ai.grading.views import (
    AttemptSummary,
    AttemptView,
    FunctionHints,
    GradeView,
    LabHints,
    LabStatus,
    SubmitResponse,
)
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.checker import CheckerPool, CheckerSpec, checker_isolation
from la4ai.runtime.limits import Limits
from la4ai.settings import Settings
from la4ai.store import Database
from la4ai.store import repositories as repo

__all__ = ["LabGrading", "checker_isolation", "grader_from_settings"]


def grader_from_settings(
    settings: Settings, course: Course, *, course_data: Path | None, pool_size: int | None = None
) -> Grader:
    """A grader for every lab of ``course``, its checkers capped by the settings' limits.
    Call ``grader.pool.start()`` to pre-start checkers (``pool_size`` overrides the
    setting; the command line uses 0 and starts one when needed)."""
    limits = Limits.from_settings(settings)
    spec = CheckerSpec(checker_isolation(settings), limits, CgroupFactory(), course_data)
    size = settings.checker_pool_size if pool_size is None else pool_size
    labs = {m.id: m.lab for m in course.modules if m.lab is not None}
    return Grader(labs, CheckerPool(spec, size=size), limits)


def grade_view(result: GradeResult) -> GradeView:
    return GradeView.model_validate(result.contract())


def _summary(attempt: repo.LabAttempt) -> AttemptSummary:
    return AttemptSummary(
        number=attempt.number,
        created_at=attempt.created_at,
        passed=attempt.passed,
        score=attempt.score,
        max_score=attempt.max_score,
    )


def _view(attempt: repo.LabAttempt) -> AttemptView:
    return AttemptView(
        **_summary(attempt).model_dump(),
        code=attempt.code,
        result=GradeView.model_validate(attempt.result),
    )


class LabGrading:
    """Submitting labs and climbing their hint ladders. Raises ``ModuleNotFound`` /
    ``LabNotFound`` for a module without a lab, ``AttemptNotFound``, and
    ``HintNotAvailable`` when the next rung is not open (yet)."""

    def __init__(self, course: Course, database: Database, grader: Grader) -> None:
        self.course = course
        self.database = database
        self.grader = grader

    def start(self) -> None:
        self.grader.pool.start()

    def close(self) -> None:
        self.grader.pool.close()

    def _hints_of(self, module_id: str) -> dict[str, list[str]]:
        lab = self.course.module(module_id).lab
        if lab is None:
            raise LabNotFound(module_id)
        return {name: lab.hints.get(name, []) for name in lab.meta.functions}

    def submit(self, learner_id: int, module_id: str, code: str) -> SubmitResponse:
        """Grade ``code`` and store it as the learner's next attempt."""
        self._hints_of(module_id)
        result = self.grader.grade(module_id, code)
        with self.database.session() as session:
            completed_before = any(
                a.passed for a in repo.lab_attempts(session, learner_id, module_id)
            )
            attempt = repo.add_lab_attempt(
                session,
                learner_id=learner_id,
                module_id=module_id,
                code=code,
                seed=result.seed,
                passed=result.passed,
                score=result.score,
                max_score=result.max_score,
                result=result.contract(),
            )
        return SubmitResponse(
            attempt=_view(attempt),
            completed_now=result.passed and not completed_before,
            hints=self.hints(learner_id, module_id),
        )

    def status(self, learner_id: int, module_id: str) -> LabStatus:
        self._hints_of(module_id)
        with self.database.session() as session:
            attempts = repo.lab_attempts(session, learner_id, module_id)
        max_score = self.grader.checks(module_id).max_score
        return LabStatus(
            completed=any(a.passed for a in attempts),
            best_score=max((a.score for a in attempts), default=0.0),
            max_score=max_score,
            attempts=[_summary(a) for a in attempts],
        )

    def attempt(self, learner_id: int, module_id: str, number: int) -> AttemptView:
        self._hints_of(module_id)
        with self.database.session() as session:
            found = repo.lab_attempt(session, learner_id, module_id, number)
        if found is None:
            raise AttemptNotFound(module_id, number)
        return _view(found)

    def hints(self, learner_id: int, module_id: str) -> LabHints:
        """Each function's ladder: the rungs revealed and whether the next is open."""
        ladders = self._hints_of(module_id)
        with self.database.session() as session:
            revealed = repo.lab_hint_rungs(session, learner_id, module_id)
            attempts = repo.lab_attempts(session, learner_id, module_id)
        failures = dict.fromkeys(ladders, 0)
        for attempt in attempts:
            result = GradeView.model_validate(attempt.result)
            failed = {c.function for c in result.checks if not c.passed}
            for function in failed & failures.keys():
                failures[function] += 1
        return LabHints(
            functions=[
                FunctionHints(
                    function=name,
                    total=len(ladder),
                    revealed=ladder[: revealed.get(name, 0)],
                    failed_attempts=failures[name],
                    next_available=revealed.get(name, 0) < min(len(ladder), failures[name]),
                )
                for name, ladder in ladders.items()
            ]
        )

    def reveal_hint(self, learner_id: int, module_id: str, function: str) -> LabHints:
        """Reveal (and record) the next rung of ``function``'s ladder."""
        ladders = self._hints_of(module_id)
        if function not in ladders:
            listing = ", ".join(ladders)
            raise InvalidSubmission(
                f"the lab of {module_id!r} has no function {function[:64]!r} (its functions: "
                f"{listing})"
            )
        state = {f.function: f for f in self.hints(learner_id, module_id).functions}[function]
        if not state.next_available:
            if len(state.revealed) >= state.total:
                raise HintNotAvailable(f"every hint for {function} is already shown")
            raise HintNotAvailable(
                f"the next hint for {function} opens after another checked attempt in which "
                f"{function} fails a check — try the last hint first"
            )
        with self.database.session() as session:
            repo.add_lab_hint(
                session,
                learner_id=learner_id,
                module_id=module_id,
                function=function,
                rung=len(state.revealed) + 1,
            )
        return self.hints(learner_id, module_id)
