"""check_response: right, wrong, and what exactly went wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from la4ai.course.answers import check_response
from la4ai.course.models import QuizFile
from la4ai.course.quiz import CompiledQuiz, QuizInstance
from la4ai.course.views import (
    ChoiceResponse,
    ItemResult,
    MatrixResponse,
    NumericResponse,
    VectorResponse,
)
from la4ai.errors import InvalidSubmission

NOT_QUITE = "Not quite. Work through it again, or read the explanation."
CLOSE = "Close, but not within the accepted tolerance: keep more decimal places."
FLIPPED = "The size is right but the sign is flipped."
TRANSPOSED = "You entered the transpose: rows and columns are swapped."
RIGHT_LINE = (
    "Your vector lies on the right line but its length is off: look for a missing or extra "
    "scale factor."
)
UNKNOWN_X = (
    "Unknown name 'x'. Use digits, a fraction like 3/4, or an expression such as sqrt(2)/2 or 2*pi."
)


def draw(item: dict[str, Any], seed: int = 0) -> QuizInstance:
    """One drawn instance of a quiz item given as the dict its YAML would load to."""
    item = {"id": "item", "prompt": "p", "explanation": "The worked *answer*.", **item}
    quiz = CompiledQuiz(Path("quiz.yaml"), QuizFile.model_validate({"items": [item]}), {"item": 2})
    assert quiz.compile() == []
    return quiz.instance("item", seed)


def numeric_item(answer: Any, **extra: Any) -> QuizInstance:
    return draw({"kind": "numeric", "answer": answer, **extra})


def vector_item(answer: list[Any], **extra: Any) -> QuizInstance:
    return draw({"kind": "vector", "answer": answer, **extra})


def matrix_item(answer: list[list[Any]], **extra: Any) -> QuizInstance:
    return draw({"kind": "matrix", "answer": answer, **extra})


def typed(value: str) -> NumericResponse:
    return NumericResponse(kind="numeric", value=value)


def vector(*values: str) -> VectorResponse:
    return VectorResponse(kind="vector", values=list(values))


def matrix(*rows: list[str]) -> MatrixResponse:
    return MatrixResponse(kind="matrix", rows=list(rows))


def chosen(*indices: int) -> ChoiceResponse:
    return ChoiceResponse(kind="choice", selected=list(indices))


def verdict(result: ItemResult) -> tuple[str, str]:
    return result.status, result.message


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["11", "11.0", "22/2", "11.0009", "10.9991", " 11 "])
def test_check_accepts_a_number_within_tolerance(given: str) -> None:
    result = check_response(numeric_item(11), typed(given))
    assert verdict(result) == ("correct", "Correct.")
    assert result.expected == "11"
    assert result.explanation_html == "<p>The worked <em>answer</em>.</p>\n"
    assert (result.item_id, result.seed) == ("item", 0)


def test_check_accepts_an_exact_expression_for_an_expression_answer() -> None:
    item = numeric_item("sqrt(2)/2")
    assert check_response(item, typed("1/sqrt(2)")).status == "correct"
    assert check_response(item, typed("0.7071")).status == "correct"


def test_check_tolerance_grows_with_big_answers() -> None:
    item = numeric_item(12345.678)  # accepted: |given - answer| <= 0.001 * 12345.678 ≈ 12.35
    assert check_response(item, typed("12357")).status == "correct"
    assert check_response(item, typed("12334")).status == "correct"
    assert verdict(check_response(item, typed("12359"))) == ("incorrect", CLOSE)


def test_check_tolerance_is_absolute_for_answers_below_one() -> None:
    item = numeric_item(0.5)  # max(1, 0.5) = 1, so the accepted error is 0.001, not 0.0005
    assert check_response(item, typed("0.5009")).status == "correct"
    assert check_response(item, typed("0.4991")).status == "correct"
    assert check_response(item, typed("0.5011")).status == "incorrect"


def test_check_uses_the_items_own_tolerance() -> None:
    item = numeric_item(2, tolerance=0.05)  # accepted error 0.1
    assert check_response(item, typed("2.09")).status == "correct"
    assert check_response(item, typed("2.11")).status == "incorrect"


def test_check_says_close_just_outside_the_tolerance() -> None:
    assert verdict(check_response(numeric_item(2), typed("2.003"))) == ("incorrect", CLOSE)


def test_check_says_not_quite_far_outside_the_tolerance() -> None:
    result = check_response(numeric_item(2), typed("2.1"))
    assert verdict(result) == ("incorrect", NOT_QUITE)
    assert result.expected == "2"


@pytest.mark.parametrize(("answer", "given"), [(11, "-11"), ("-3/4", "0.75"), (-2.5, "2.5")])
def test_check_spots_a_flipped_sign(answer: Any, given: str) -> None:
    assert verdict(check_response(numeric_item(answer), typed(given))) == ("incorrect", FLIPPED)


def test_check_does_not_call_a_wrong_answer_to_zero_a_flipped_sign() -> None:
    assert verdict(check_response(numeric_item(0), typed("5"))) == ("incorrect", NOT_QUITE)


# --- vectors and matrices -----------------------------------------------------------------


def test_check_accepts_a_vector_within_tolerance() -> None:
    result = check_response(vector_item([1, "1/3", 3]), vector("1", "0.3333", "3.0004"))
    assert verdict(result) == ("correct", "Correct.")
    assert result.expected == r"\begin{bmatrix} 1 \\ 0.3333 \\ 3 \end{bmatrix}"


def test_check_spots_a_flipped_vector() -> None:
    result = check_response(vector_item([1, -2, 3]), vector("-1", "2", "-3"))
    assert verdict(result) == ("incorrect", FLIPPED)


@pytest.mark.parametrize("given", [("2", "4", "6"), ("0.5", "1", "1.5"), ("-2", "-4", "-6")])
def test_check_spots_a_vector_on_the_right_line_with_the_wrong_length(
    given: tuple[str, ...],
) -> None:
    result = check_response(vector_item([1, 2, 3]), vector(*given))
    assert verdict(result) == ("incorrect", RIGHT_LINE)


def test_check_names_the_wrong_vector_entries() -> None:
    result = check_response(vector_item([1, 2, 3]), vector("1", "5", "3"))
    assert verdict(result) == ("incorrect", "2 of 3 entries are right. Check entry 2.")


def test_check_names_at_most_three_wrong_entries() -> None:
    result = check_response(vector_item([1, 2, 3, 4, 5]), vector("1", "0", "0", "0", "0"))
    assert result.message == "1 of 5 entries are right. Check entry 2; entry 3; entry 4 and 1 more."


def test_check_names_the_wrong_matrix_entries() -> None:
    result = check_response(matrix_item([[1, 2], [3, 4]]), matrix(["1", "2"], ["5", "4"]))
    assert verdict(result) == ("incorrect", "3 of 4 entries are right. Check row 2, column 1.")


def test_check_rejects_transposed_square_matrix() -> None:
    result = check_response(matrix_item([[1, 2], [3, 4]]), matrix(["1", "3"], ["2", "4"]))
    assert verdict(result) == ("incorrect", TRANSPOSED)


def test_check_rejects_transposed_non_square_matrix() -> None:
    item = matrix_item([[1, 2, 3], [4, 5, 6]])
    result = check_response(item, matrix(["1", "4"], ["2", "5"], ["3", "6"]))
    assert verdict(result) == ("incorrect", TRANSPOSED)


def test_check_spots_a_flipped_matrix() -> None:
    result = check_response(matrix_item([[1, 2], [3, 4]]), matrix(["-1", "-2"], ["-3", "-4"]))
    assert verdict(result) == ("incorrect", FLIPPED)


def test_check_accepts_a_matrix_within_tolerance() -> None:
    result = check_response(matrix_item([[1, 2], [3, 4]]), matrix(["1", "2.0005"], ["3", "4"]))
    assert verdict(result) == ("correct", "Correct.")


@pytest.mark.parametrize(
    ("item", "response", "message"),
    [
        (
            vector_item([1, 2, 3]),
            vector("1", "2"),
            "The answer should have 3 entries; yours has 2 entries.",
        ),
        (
            vector_item([7]),
            vector("7", "0"),
            "The answer should have 1 entry; yours has 2 entries.",
        ),
        (
            matrix_item([[1, 2], [3, 4]]),
            matrix(["1", "2", "0"], ["3", "4", "0"]),
            "The answer should have a 2×2 matrix; yours has a 2×3 matrix.",
        ),
        (
            matrix_item([[1, 2, 3], [4, 5, 6]]),
            matrix(["1", "2"], ["3", "4"], ["5", "6"]),
            "The answer should have a 2×3 matrix; yours has a 3×2 matrix.",
        ),
    ],
    ids=["vector-short", "vector-one-entry", "matrix-wide", "matrix-same-size-not-transpose"],
)
def test_check_names_a_wrong_shape(
    item: QuizInstance, response: VectorResponse | MatrixResponse, message: str
) -> None:
    assert verdict(check_response(item, response)) == ("incorrect", message)


# --- authored mistakes --------------------------------------------------------------------


def test_check_returns_the_message_of_a_static_mistake() -> None:
    item = numeric_item(11, mistakes=[{"value": 10, "message": "Check $2 \\cdot 4$."}])
    result = check_response(item, typed("10.0004"))
    assert verdict(result) == ("incorrect", "Check $2 \\cdot 4$.")
    assert result.expected == "11"


def test_authored_mistakes_come_before_the_built_in_diagnosis() -> None:
    item = numeric_item(11, mistakes=[{"value": -11, "message": "You subtracted."}])
    assert verdict(check_response(item, typed("-11"))) == ("incorrect", "You subtracted.")


def test_check_returns_the_message_of_a_randomized_mistake() -> None:
    item = draw(
        {
            "kind": "numeric",
            "generate": "u = rng.integers(1, 6, size=2)\n"
            "v = rng.integers(1, 6, size=2)\n"
            "answer = int(u @ v)\n"
            "added = int((u + v).sum())\n",
            "mistakes": [{"value": "added", "message": "You added {{ u }} and {{ v }}."}],
        },
        seed=17,
    )
    [(added, message)] = item.mistakes
    assert isinstance(added, float)
    assert added != item.answer
    result = check_response(item, typed(str(added)))
    assert result.status == "incorrect"
    assert result.message == message
    assert result.message.startswith("You added (")
    assert result.seed == 17


def test_check_returns_the_message_of_a_vector_mistake() -> None:
    item = vector_item([1, 2], mistakes=[{"value": [2, 1], "message": "Swapped entries."}])
    assert verdict(check_response(item, vector("2", "1"))) == ("incorrect", "Swapped entries.")


# --- unreadable input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "response", "message"),
    [
        (numeric_item(11), typed("x"), UNKNOWN_X),
        (numeric_item(11), typed("1/0"), "That expression divides by zero."),
        (vector_item([1, 2]), vector("1", "x"), "Entry 2: " + UNKNOWN_X),
        (
            matrix_item([[1, 2], [3, 4]]),
            matrix(["1", "2"], ["x", "4"]),
            "Row 2, column 1: " + UNKNOWN_X,
        ),
        (
            matrix_item([[1, 2], [3, 4]]),
            matrix(["1", "2"], ["3"]),
            "The rows of that matrix have different lengths.",
        ),
    ],
    ids=["numeric-name", "numeric-zero-division", "vector-entry", "matrix-entry", "ragged"],
)
def test_unreadable_input_gets_the_parsers_message_and_no_answer(
    item: QuizInstance, response: NumericResponse | VectorResponse | MatrixResponse, message: str
) -> None:
    result = check_response(item, response)
    assert verdict(result) == ("unreadable", message)
    assert result.expected is None
    assert result.explanation_html is None
    assert result.choice_feedback == []


# --- choices ------------------------------------------------------------------------------

SINGLE = {
    "kind": "choice",
    "choices": [
        {"text": "Orthogonal", "correct": True},
        {"text": "Opposite", "feedback": "Opposite vectors give *minus* the lengths."},
        {"text": "Equal"},
    ],
}
MULTIPLE = {
    "kind": "choice",
    "multiple": True,
    "choices": [
        {"text": "a", "correct": True},
        {"text": "b", "correct": True},
        {"text": "c", "feedback": "c is wrong."},
        {"text": "d"},
    ],
}


def feedback_of(result: ItemResult) -> list[tuple[int, bool, str | None]]:
    return [(f.index, f.correct, f.feedback_html) for f in result.choice_feedback]


def test_check_accepts_the_correct_single_choice() -> None:
    result = check_response(draw(SINGLE), chosen(0))
    assert verdict(result) == ("correct", "Correct.")
    assert feedback_of(result) == [(0, True, None)]
    assert result.explanation_html == "<p>The worked <em>answer</em>.</p>\n"
    assert result.expected is None


def test_check_gives_per_choice_feedback_for_a_wrong_single_choice() -> None:
    result = check_response(draw(SINGLE), chosen(1))
    assert verdict(result) == ("incorrect", "Not quite: see why below.")
    assert feedback_of(result) == [
        (0, True, None),
        (1, False, "<p>Opposite vectors give <em>minus</em> the lengths.</p>\n"),
    ]


def test_check_accepts_every_right_option_of_a_multiple_choice() -> None:
    assert verdict(check_response(draw(MULTIPLE), chosen(1, 0))) == ("correct", "Correct.")


@pytest.mark.parametrize(
    ("selected", "message"),
    [
        ((0,), "You picked 1 of the 2 right options."),
        ((0, 2), "You picked 1 of the 2 right options and 1 wrong one."),
        ((0, 1, 2, 3), "You picked 2 of the 2 right options and 2 wrong ones."),
        ((3,), "You picked 0 of the 2 right options and 1 wrong one."),
    ],
)
def test_check_gives_partial_credit_for_multiple_choice(
    selected: tuple[int, ...], message: str
) -> None:
    assert verdict(check_response(draw(MULTIPLE), chosen(*selected))) == ("incorrect", message)


def test_multiple_choice_feedback_covers_picked_and_right_options() -> None:
    result = check_response(draw(MULTIPLE), chosen(0, 2))
    assert feedback_of(result) == [
        (0, True, None),
        (1, True, None),
        (2, False, "<p>c is wrong.</p>\n"),
    ]


def test_empty_selection_is_unreadable() -> None:
    result = check_response(draw(MULTIPLE), chosen())
    assert verdict(result) == ("unreadable", "Pick an answer first.")
    assert result.explanation_html is None
    assert result.choice_feedback == []


@pytest.mark.parametrize("index", [3, 99, -1])
def test_choice_out_of_range_is_an_invalid_submission(index: int) -> None:
    with pytest.raises(InvalidSubmission, match=r"^quiz item 'item' has choices 0 to 2$"):
        check_response(draw(SINGLE), chosen(index))


def test_several_choices_for_a_single_choice_item_is_an_invalid_submission() -> None:
    with pytest.raises(InvalidSubmission, match=r"^quiz item 'item' takes exactly one choice$"):
        check_response(draw(SINGLE), chosen(0, 1))


@pytest.mark.parametrize(
    ("item", "response", "message"),
    [
        (numeric_item(1), vector("1"), "takes a numeric answer, not a vector one"),
        (vector_item([1]), typed("1"), "takes a vector answer, not a numeric one"),
        (matrix_item([[1]]), vector("1"), "takes a matrix answer, not a vector one"),
        (draw(SINGLE), typed("0"), "takes a choice answer, not a numeric one"),
        (numeric_item(1), chosen(0), "takes a numeric answer, not a choice one"),
    ],
)
def test_response_of_another_kind_is_an_invalid_submission(
    item: QuizInstance,
    response: NumericResponse | VectorResponse | MatrixResponse | ChoiceResponse,
    message: str,
) -> None:
    with pytest.raises(InvalidSubmission, match=f"^quiz item 'item' {message}$"):
        check_response(item, response)


def test_an_authors_mistake_message_is_rendered_with_its_math() -> None:
    item = numeric_item(
        "12",
        mistakes=[
            {"value": 6, "message": "You halved $\\mathbf{v} \\cdot \\mathbf{v}$ — *twice*."}
        ],
    )
    result = check_response(item, typed("6"))
    assert result.status == "incorrect"
    assert result.message.startswith("You halved $")  # the words as written, for plain text
    assert result.message_html is not None
    assert "$" not in result.message_html  # the math is typeset, not shown as TeX
    assert "<em>twice</em>" in result.message_html
    generic = check_response(item, typed("-12"))
    assert generic.message_html is None  # la4ai's own words stay plain text
