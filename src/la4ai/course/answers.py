"""Checking a learner's answer against a drawn quiz item, and saying what went wrong.

Numbers are compared by value within the item's tolerance. Beyond right/wrong, the common
wrong forms are recognised and named: an author's listed mistakes first, then a flipped
sign, a transposed matrix, a vector along the right line with the wrong length, a value
that is close but not within tolerance, and which entries are off.
"""

from __future__ import annotations

import numpy as np

from la4ai.course.expressions import ExpressionError, parse_number
from la4ai.course.markdown import render, render_inline
from la4ai.course.models import ChoiceItem
from la4ai.course.quiz import Answer, QuizInstance
from la4ai.course.views import (
    ChoiceFeedback,
    ChoiceResponse,
    ItemResult,
    MatrixResponse,
    NumericResponse,
    Response,
    ResultStatus,
    VectorResponse,
)
from la4ai.errors import InvalidSubmission

__all__ = ["check_response"]


def check_response(instance: QuizInstance, response: Response) -> ItemResult:
    """The verdict on ``response`` for ``instance``. Raises :class:`InvalidSubmission` when
    the response is for another kind of item (a client bug, not a learner mistake)."""
    item = instance.item
    if response.kind != item.kind:
        raise InvalidSubmission(
            f"quiz item {item.id!r} takes a {item.kind} answer, not a {response.kind} one"
        )
    if isinstance(response, ChoiceResponse):
        return _check_choice(instance, response)
    try:
        given = _read(response)
    except ExpressionError as exc:
        return ItemResult(
            item_id=item.id, seed=instance.seed, status="unreadable", message=str(exc)
        )
    tolerance: float = getattr(item, "tolerance", 1e-3)
    answer = instance.answer
    assert not isinstance(answer, frozenset)
    if _close(given, answer, tolerance):
        return _result(instance, "correct", "Correct.")
    for value, message in instance.mistakes:
        assert not isinstance(value, frozenset)
        if _close(given, value, tolerance):  # an author's words: Markdown and math
            return _result(instance, "incorrect", message, html=render_inline(message))
    return _result(instance, "incorrect", _diagnose(given, answer, tolerance))


def _read(response: Response) -> Answer:
    if isinstance(response, NumericResponse):
        return parse_number(response.value)
    if isinstance(response, VectorResponse):
        return np.array([_entry(v, f"entry {i + 1}") for i, v in enumerate(response.values)])
    if isinstance(response, MatrixResponse):
        if len({len(row) for row in response.rows}) > 1:
            raise ExpressionError("The rows of that matrix have different lengths.")
        return np.array(
            [
                [_entry(v, f"row {i + 1}, column {j + 1}") for j, v in enumerate(row)]
                for i, row in enumerate(response.rows)
            ]
        )
    raise AssertionError(response)  # pragma: no cover - choices are handled before


def _entry(text: str, where: str) -> float:
    try:
        return parse_number(text)
    except ExpressionError as exc:
        raise ExpressionError(f"{where.capitalize()}: {exc}") from None


def _close(given: Answer, answer: Answer, tolerance: float) -> bool:
    g, a = np.asarray(given, dtype=float), np.asarray(answer, dtype=float)
    if g.shape != a.shape:
        return False
    return bool(np.all(np.abs(g - a) <= tolerance * np.maximum(1.0, np.abs(a))))


def _result(
    instance: QuizInstance, status: ResultStatus, message: str, *, html: str | None = None
) -> ItemResult:
    return ItemResult(
        item_id=instance.item.id,
        seed=instance.seed,
        status=status,
        message=message,
        message_html=html,
        expected=instance.expected_tex,
        explanation_html=instance.explanation_html,
    )


def _shape_words(shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        return f"{shape[0]} entr{'y' if shape[0] == 1 else 'ies'}"
    return f"a {shape[0]}×{shape[1]} matrix"


def _diagnose(given: Answer, answer: Answer, tolerance: float) -> str:
    g, a = np.asarray(given, dtype=float), np.asarray(answer, dtype=float)
    if g.shape != a.shape:
        if g.ndim == 2 and g.shape == a.T.shape and _close(g, a.T, tolerance):
            return "You entered the transpose: rows and columns are swapped."
        return f"The answer should have {_shape_words(a.shape)}; yours has {_shape_words(g.shape)}."
    if np.any(a != 0) and _close(g, -a, tolerance):
        return "The size is right but the sign is flipped."
    if a.ndim == 2 and a.shape[0] == a.shape[1] and _close(g, a.T, tolerance):
        return "You entered the transpose: rows and columns are swapped."
    if a.ndim == 0:
        if _close(g, a, 20 * tolerance):
            return "Close, but not within the accepted tolerance: keep more decimal places."
        return "Not quite. Work through it again, or read the explanation."
    if a.ndim == 1 and np.linalg.norm(a) > 0 and np.linalg.norm(g) > 0:
        cos = float(g @ a / (np.linalg.norm(g) * np.linalg.norm(a)))
        if abs(cos) > 1 - 1e-9:
            return (
                "Your vector lies on the right line but its length is off: look for a "
                "missing or extra scale factor."
            )
    wrong = np.argwhere(np.abs(g - a) > tolerance * np.maximum(1.0, np.abs(a)))
    places = [
        f"entry {i + 1}" if a.ndim == 1 else f"row {i + 1}, column {j + 1}"
        for i, *rest in wrong.tolist()
        for j in (rest or [0])
    ]
    right = a.size - len(places)
    more = len(places) - 3
    shown = "; ".join(places[:3]) + (f" and {more} more" if more > 0 else "")
    return f"{right} of {a.size} entries are right. Check {shown}."


def _check_choice(instance: QuizInstance, response: ChoiceResponse) -> ItemResult:
    item = instance.item
    assert isinstance(item, ChoiceItem)
    n = len(item.choices)
    selected = set(response.selected)
    if any(not 0 <= i < n for i in selected):
        raise InvalidSubmission(f"quiz item {item.id!r} has choices 0 to {n - 1}")
    if not selected:
        return ItemResult(
            item_id=item.id,
            seed=instance.seed,
            status="unreadable",
            message="Pick an answer first.",
        )
    if len(selected) > 1 and not item.multiple:
        raise InvalidSubmission(f"quiz item {item.id!r} takes exactly one choice")
    correct = {i for i, c in enumerate(item.choices) if c.correct}
    feedback = [
        ChoiceFeedback(
            index=i,
            correct=item.choices[i].correct,
            feedback_html=render(item.choices[i].feedback or "") or None,
        )
        for i in sorted(selected | correct)
    ]
    status: ResultStatus
    if selected == correct:
        message, status = "Correct.", "correct"
    elif item.multiple:
        hits, extra = len(selected & correct), len(selected - correct)
        message = f"You picked {hits} of the {len(correct)} right options"
        message += f" and {extra} wrong one{'s' * (extra != 1)}." if extra else "."
        status = "incorrect"
    else:
        message, status = "Not quite: see why below.", "incorrect"
    return ItemResult(
        item_id=item.id,
        seed=instance.seed,
        status=status,
        message=message,
        expected=None,
        explanation_html=instance.explanation_html,
        choice_feedback=feedback,
    )
