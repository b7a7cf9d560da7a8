"""The offline tutor: no network, no key — a solver whose every answer carries a receipt.

:meth:`OfflineTutor.ask` reads the question (:mod:`la4ai.tutor.parse`); if it holds math,
solves it with steps (:mod:`la4ai.tutor.solver`) and runs the solution's independent
check in the sandbox (:mod:`la4ai.tutor.receipts`). The answer is given only when that
check passes; otherwise it is ``declined`` with the reason. A question without math is
answered from the course text (:mod:`la4ai.tutor.retrieval`) or declined.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from la4ai.course import Course
from la4ai.errors import ModuleNotFound
from la4ai.settings import Settings, get_settings
from la4ai.tutor.models import Answer, Receipt, Source, Verification
from la4ai.tutor.parse import Parsed, ParseError, parse_question
from la4ai.tutor.receipts import Verifier
from la4ai.tutor.solver import Decline, Solution, detect, solve

if TYPE_CHECKING:
    from la4ai.tutor.retrieval import CourseIndex, Passage

__all__ = ["OPERATION_MODULES", "LazyIndex", "OfflineTutor", "Outcome", "build_index"]

log = logging.getLogger(__name__)

#: Where the course teaches each operation (linked as the answer's source).
OPERATION_MODULES = {
    "determinant": "determinants",
    "inverse": "determinants",
    "invertible": "determinants",
    "transpose": "transformations",
    "trace": "eigenvectors",
    "product": "transformations",
    "power": "transformations",
    "rank": "span-and-basis",
    "rref": "gaussian-elimination",
    "solve": "gaussian-elimination",
    "least_squares": "pca",
    "nullspace": "kernel-and-image",
    "nullity": "kernel-and-image",
    "colspace": "kernel-and-image",
    "rowspace": "span-and-basis",
    "independent": "span-and-basis",
    "span": "span-and-basis",
    "eigenvalues": "eigenvectors",
    "eigenvectors": "eigenvectors",
    "charpoly": "eigenvectors",
    "diagonalizable": "eigenvectors",
    "dot": "vectors",
    "norm": "vectors",
    "distance": "vectors",
    "cosine": "vectors",
    "angle": "vectors",
    "normalize": "vectors",
    "projection": "vectors",
    "orthogonal": "vectors",
}

EXAMPLES = (
    "determinant of [[2, 1], [7, 4]] · eigenvalues of [1 2; 2 1] · "
    "solve 2x - y = 3 and x + y = 6 · null space of [[1, 1], [2, 2]] · "
    "cosine similarity of (1, 2, 3) and (2, 0, 1)"
)


class Outcome:
    """An answer together with the receipt that backs it (None when declined)."""

    def __init__(self, answer: Answer, receipt: Receipt | None, operation: str | None) -> None:
        self.answer = answer
        self.receipt = receipt
        self.operation = operation


def _declined(question: str, reason: str, suggestion: str = "") -> Answer:
    text = f"I can't answer this with verified math: {reason.rstrip('.')}."
    if suggestion:
        text += f"\n\n{suggestion}"
    return Answer(question=question, status="declined", text=text)


class OfflineTutor:
    """Answers questions with the solver and course retrieval; thread-safe."""

    def __init__(
        self,
        verifier: Verifier,
        index: LazyIndex | None = None,
        course: Course | None = None,
    ) -> None:
        self.verifier = verifier
        self.index = index
        self.course = course

    @classmethod
    @contextmanager
    def open(
        cls,
        settings: Settings | None = None,
        *,
        course: Course | None = None,
        pool_size: int = 2,
    ) -> Iterator[OfflineTutor]:
        """A tutor over ``course`` (the installed course by default) with its own
        pre-started sandbox processes, closed on exit."""
        settings = settings or get_settings()
        if course is None:
            from la4ai.course import load_course

            course = load_course(settings.content_dir)
        verifier = Verifier.from_settings(settings, pool_size=pool_size)
        verifier.start()
        try:
            yield cls(verifier, build_index(course), course)
        finally:
            verifier.close()

    def ask(self, question: str, *, verify: bool = True) -> Answer:
        return self.answer(question, verify=verify).answer

    def answer(self, question: str, *, verify: bool = True) -> Outcome:
        """The answer with its receipt. ``verify=False`` skips running the receipt (for
        measuring what receipts cost only: such answers are never shown)."""
        question = question.strip()
        if not question:
            return Outcome(_declined(question, "the question is empty"), None, None)
        try:
            parsed = parse_question(question)
        except ParseError as exc:
            return Outcome(
                _declined(question, f"I could not read the math in it — {exc}", _example_hint()),
                None,
                None,
            )
        if not _has_math(parsed):
            return Outcome(self._course_answer(question), None, None)
        try:
            solution = solve(parsed)
        except Decline as exc:
            suggestion = exc.suggestion or _example_hint()
            return Outcome(_declined(question, exc.reason, suggestion), None, detect(parsed))
        except (ArithmeticError, ValueError, TypeError, NotImplementedError) as exc:
            log.warning("solver failed on %r: %s", question, exc)
            return Outcome(
                _declined(question, "this computation went beyond what I can do reliably"),
                None,
                None,
            )
        return self._verified(question, solution, verify=verify)

    def _verified(self, question: str, solution: Solution, *, verify: bool) -> Outcome:
        if not verify:
            answer = Answer(
                question=question, status="answered", text=solution.text, result=solution.result
            )
            return Outcome(answer, None, solution.operation)
        receipt = self.verifier.receipt(
            f"Check: {solution.operation.replace('_', ' ')}", solution.check
        )
        verification = Verification(code=receipt.code, output=receipt.output, passed=receipt.passed)
        if not receipt.passed:
            log.warning("receipt failed for %r: %s", question, receipt.output[-500:])
            answer = _declined(
                question,
                "I computed an answer, but independent code did not confirm it, so I will "
                "not state it",
            )
            answer.verification = verification
            return Outcome(answer, receipt, solution.operation)
        text = (
            solution.text
            + "\n\n✔ **Verified**: independent NumPy code, run in the sandbox, confirms this "
            "(see the receipt)."
        )
        answer = Answer(
            question=question,
            status="answered",
            text=text,
            result=solution.result,
            verification=verification,
            sources=self._sources_for(solution.operation),
        )
        return Outcome(answer, receipt, solution.operation)

    def _sources_for(self, operation: str) -> list[Source]:
        module_id = OPERATION_MODULES.get(operation)
        if module_id is None or self.course is None:
            return []
        try:
            module = self.course.module(module_id)
        except ModuleNotFound:  # not published in this course
            return []
        return [Source(module=module_id, title=module.meta.title, url=f"/modules/{module_id}")]

    def _course_answer(self, question: str) -> Answer:
        if self.index is not None:
            found = self.index.answer(question)
            if found is not None:
                return found
        return _declined(
            question,
            "I found no computation in it and nothing in the course that answers it",
            "I answer linear-algebra computations (for example: "
            + EXAMPLES
            + ") and questions about what the course teaches.",
        )


def _has_math(parsed: Parsed) -> bool:
    if parsed.objects or parsed.equations:
        return True
    return bool(parsed.dims or parsed.assignments or parsed.loose) and detect(parsed) == "lora"


def _example_hint() -> str:
    return "Questions I can check look like: " + EXAMPLES + "."


class LazyIndex:
    """The course's retrieval index, built on first use or in the background by
    :meth:`warm` (with the ``ai`` extra, embedding the course takes seconds: the app must
    not wait for it to start)."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self._index: CourseIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> CourseIndex:
        with self._lock:
            if self._index is None:
                from la4ai.tutor.retrieval import CourseIndex

                self._index = CourseIndex.build(self.course)
            return self._index

    def warm(self) -> None:
        threading.Thread(target=self.get, name="course-index", daemon=True).start()

    def answer(self, question: str) -> Answer | None:
        return self.get().answer(question)

    def search(self, query: str, k: int = 3) -> list[Passage]:
        return self.get().search(query, k)


def build_index(course: Course) -> LazyIndex:
    """The course's retrieval index (built when first needed)."""
    return LazyIndex(course)
