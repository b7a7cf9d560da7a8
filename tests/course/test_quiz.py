"""CompiledQuiz: drawing items from seeds, filling placeholders, and compile-time problems.

Quizzes are built from YAML text through the loader's own quiz reader, so the item lines in
problems are the lines an author sees in quiz.yaml.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from la4ai.course.loader import _load_quiz
from la4ai.course.quiz import CompiledQuiz, format_value
from la4ai.errors import ContentProblem

QUIZ = r"""
items:
  - id: pick-a-number
    kind: numeric
    prompt: Type ${{ a }}$.
    generate: |
      a = int(rng.integers(0, 10**6))
      answer = a
    explanation: It was ${{ answer }}$.

  - id: scale
    kind: vector
    prompt: Compute $2u$ for $u = {{ u | col }}$.
    generate: |
      u = np.array([3, -1])
      answer = 2 * u
      halved = u / 2
    mistakes:
      - value: halved
        message: You divided ${{ u }}$ by 2.
    explanation: Double each entry of ${{ u | row }}$ to get ${{ answer | list }}$.

  - id: big-static
    kind: numeric
    prompt: What is the total?
    answer: 12345.678
    explanation: The zebra-striped total.
    mistakes:
      - value: 10
        message: A distinctive giraffe mistake.

  - id: half-root
    kind: numeric
    prompt: What is $\cos 45^\circ$?
    answer: "sqrt(2)/2"
    explanation: A unit vector at 45 degrees.

  - id: transpose
    kind: matrix
    prompt: Transpose it.
    answer: [[1, 3], [2, 4]]
    explanation: Rows become columns.

  - id: pick-one
    kind: choice
    prompt: Which one?
    explanation: The first.
    choices:
      - text: The *first*
        correct: true
      - text: The second
"""


def build_quiz(tmp_path: Path, text: str) -> tuple[CompiledQuiz | None, list[ContentProblem]]:
    path = tmp_path / "quiz.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    problems: list[ContentProblem] = []
    quiz = _load_quiz(path, problems)
    assert all(p.file == path for p in problems)
    return quiz, problems


def problems_in(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    quiz, problems = build_quiz(tmp_path, text)
    assert quiz is None
    return [(p.line, p.message) for p in problems]


@pytest.fixture
def quiz(tmp_path: Path) -> CompiledQuiz:
    compiled, problems = build_quiz(tmp_path, QUIZ)
    assert problems == []
    assert compiled is not None
    return compiled


# --- drawing items ------------------------------------------------------------------------


def test_same_seed_draws_the_same_numbers(tmp_path: Path, quiz: CompiledQuiz) -> None:
    (tmp_path / "again").mkdir()
    again, _ = build_quiz(tmp_path / "again", QUIZ)
    assert again is not None
    first, second = quiz.instance("pick-a-number", 1234), again.instance("pick-a-number", 1234)
    assert first is not second
    assert first.answer == second.answer
    assert first.view == second.view
    assert first.explanation_html == second.explanation_html


def test_different_seeds_draw_different_numbers(quiz: CompiledQuiz) -> None:
    answers = {quiz.instance("pick-a-number", seed).answer for seed in range(1, 6)}
    assert len(answers) >= 2


def test_drawn_numbers_fill_the_prompt_and_explanation(quiz: CompiledQuiz) -> None:
    instance = quiz.instance("pick-a-number", 42)
    assert isinstance(instance.answer, float)
    drawn = format_value(instance.answer)
    assert instance.view.prompt_html == f'<p>Type <span class="la-math">{drawn}</span>.</p>\n'
    assert instance.explanation_html == f'<p>It was <span class="la-math">{drawn}</span>.</p>\n'
    assert (instance.seed, instance.view.seed, instance.view.randomized) == (42, 42, True)


def test_static_items_ignore_the_seed(quiz: CompiledQuiz) -> None:
    instance = quiz.instance("big-static", 987)
    assert (instance.seed, instance.view.seed, instance.view.randomized) == (0, 0, False)
    assert instance.answer == 12345.678


def test_placeholders_and_filters_fill_every_text(quiz: CompiledQuiz) -> None:
    instance = quiz.instance("scale", 5)
    assert "$2u$ for $u = {{" not in instance.view.prompt_html
    assert r"u = \begin{bmatrix} 3 \\ -1 \end{bmatrix}" in instance.view.prompt_html
    assert instance.explanation_html == (
        '<p>Double each entry of <span class="la-math">\\begin{bmatrix} 3 &amp; -1 '
        '\\end{bmatrix}</span> to get <span class="la-math">[6, -2]</span>.</p>\n'
    )
    [(value, message)] = instance.mistakes
    assert isinstance(value, np.ndarray)
    assert value.tolist() == [1.5, -0.5]
    assert message == "You divided $(3, -1)$ by 2."


def test_answer_shape_is_in_the_view(quiz: CompiledQuiz) -> None:
    assert quiz.instance("scale", 1).view.shape == [2]
    assert quiz.instance("transpose", 1).view.shape == [2, 2]
    assert quiz.instance("big-static", 1).view.shape is None


def test_choice_view_lists_rendered_choices(quiz: CompiledQuiz) -> None:
    view = quiz.instance("pick-one", 3).view
    assert view.choices is not None
    assert [(c.index, c.html) for c in view.choices] == [
        (0, "The <em>first</em>"),
        (1, "The second"),
    ]
    assert view.multiple is False


def test_view_never_contains_the_answer_or_explanation(quiz: CompiledQuiz) -> None:
    instance = quiz.instance("big-static", 0)
    sent = instance.view.model_dump_json()
    assert json.loads(sent)["prompt_html"] == "<p>What is the total?</p>\n"
    for secret in ("12345", "zebra", "giraffe"):
        assert secret not in sent


def test_choice_view_never_marks_the_correct_choice(quiz: CompiledQuiz) -> None:
    sent = quiz.instance("pick-one", 0).view.model_dump_json()
    assert "correct" not in sent
    assert "The first." not in sent


@pytest.mark.parametrize(
    ("item_id", "expected_tex"),
    [
        ("big-static", "12345.678"),
        ("half-root", r"\mathtt{sqrt(2)/2} \approx 0.7071"),
        ("scale", r"\begin{bmatrix} 6 \\ -2 \end{bmatrix}"),
        ("transpose", r"\begin{bmatrix} 1 & 3 \\ 2 & 4 \end{bmatrix}"),
        ("pick-one", None),
    ],
)
def test_expected_answer_is_shown_as_tex(
    quiz: CompiledQuiz, item_id: str, expected_tex: str | None
) -> None:
    assert quiz.instance(item_id, 1).expected_tex == expected_tex


def test_items_are_found_by_id_with_their_lines(quiz: CompiledQuiz) -> None:
    assert quiz.item("transpose") is not None
    assert quiz.item("missing") is None
    assert quiz.line_of("pick-a-number") == 2
    assert quiz.line_of("scale") == 10


# --- format_value -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3, "3"),
        (3.0, "3"),
        (np.int64(-12), "-12"),
        (2.5, "2.5"),
        (1 / 3, "0.3333"),
        (2 / 3, "0.6667"),
        (-1.23456, "-1.2346"),
        (-0.0, "0"),
        (-0.00001, "0"),
        (0.00004, "0"),
        (1e20, "100000000000000000000"),
        ("already text", "already text"),
    ],
)
def test_format_value_shows_numbers_with_at_most_four_decimals(value: Any, text: str) -> None:
    assert format_value(value) == text


@pytest.mark.parametrize(
    ("filter_name", "text"),
    [
        (None, "(3, -1, 0.5)"),
        ("tuple", "(3, -1, 0.5)"),
        ("col", r"\begin{bmatrix} 3 \\ -1 \\ 0.5 \end{bmatrix}"),
        ("row", r"\begin{bmatrix} 3 & -1 & 0.5 \end{bmatrix}"),
        ("list", "[3, -1, 0.5]"),
    ],
)
def test_format_value_shows_vectors_per_filter(filter_name: str | None, text: str) -> None:
    assert format_value(np.array([3, -1, 0.5]), filter_name) == text
    assert format_value([3, -1, 0.5], filter_name) == text


@pytest.mark.parametrize(
    ("filter_name", "text"),
    [
        (None, r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"),
        ("bmatrix", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"),
        ("list", "[[1, 2], [3, 4]]"),
    ],
)
def test_format_value_shows_matrices_per_filter(filter_name: str | None, text: str) -> None:
    assert format_value([[1, 2], [3, 4]], filter_name) == text


# --- compile() problems, each with its line -----------------------------------------------


def test_generate_syntax_error_points_at_the_offending_code_line(tmp_path: Path) -> None:
    text = """
    items:
      - id: broken
        kind: numeric
        prompt: p
        generate: |
          a = 1
          b = = 2
          answer = a
        explanation: e
    """
    assert problems_in(tmp_path, text) == [(7, "item 'broken': generate: invalid syntax")]


def test_generate_syntax_error_on_one_line_generate_points_at_the_key(tmp_path: Path) -> None:
    text = """
    items:
      - id: broken
        kind: numeric
        prompt: p
        generate: "answer = (1"
        explanation: e
    """
    assert problems_in(tmp_path, text) == [(5, "item 'broken': generate: '(' was never closed")]


def test_generate_that_raises_is_reported_on_the_item(tmp_path: Path) -> None:
    text = """
    items:
      - id: fine
        kind: numeric
        prompt: p
        answer: 1
        explanation: e
      - id: divides
        kind: numeric
        prompt: p
        generate: |
          answer = 1 / 0
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (7, "item 'divides': generate raised ZeroDivisionError: division by zero (seed 0)")
    ]


def test_generate_is_drawn_for_several_seeds(tmp_path: Path) -> None:
    text = """
    items:
      - id: unlucky
        kind: numeric
        prompt: p
        generate: |
          if rng.integers(0, 4) == 1:
              raise ValueError("unlucky draw")
          answer = 1
        explanation: e
    """
    [(line, message)] = problems_in(tmp_path, text)
    assert line == 2
    assert re.fullmatch(
        r"item 'unlucky': generate raised ValueError: unlucky draw \(seed [1-5]\)", message
    )


def test_generate_must_set_answer(tmp_path: Path) -> None:
    text = """
    items:
      - id: forgetful
        kind: numeric
        prompt: p
        generate: |
          result = 3
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'forgetful': generate must set a variable named `answer`")
    ]


def test_vector_item_whose_generate_sets_a_number_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: flat
        kind: vector
        prompt: p
        generate: |
          answer = 3
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'flat': a vector item needs a vector (1-D) as its answer; got shape ()")
    ]


def test_numeric_item_whose_generate_sets_a_vector_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: too-many
        kind: numeric
        prompt: p
        generate: |
          answer = np.array([1, 2])
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'too-many': a numeric item needs a single number as its answer; got shape (2,)")
    ]


def test_matrix_item_with_ragged_static_rows_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: ragged
        kind: matrix
        prompt: p
        answer: [[1, 2], [3]]
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "items[0]: answer rows must all have the same length (got 2, 1)")
    ]


def test_non_finite_generated_answer_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: nan
        kind: numeric
        prompt: p
        generate: |
          answer = float("nan")
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'nan': the answer must be finite and non-empty")
    ]


@pytest.mark.parametrize("where", ["prompt", "explanation"])
def test_undefined_placeholder_is_rejected(tmp_path: Path, where: str) -> None:
    texts = {"prompt": "Add $u = {{ u }}$.", "explanation": "Add."}
    texts[where] = "Add $w = {{ w }}$."
    text = f"""
    items:
      - id: typo
        kind: vector
        prompt: {texts["prompt"]}
        generate: |
          u = np.array([1, 2])
          answer = u
        explanation: {texts["explanation"]}
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'typo': placeholder {{ w }} names no variable of `generate`")
    ]


def test_placeholder_in_a_static_item_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: static
        kind: numeric
        prompt: What is {{ x }}?
        answer: 1
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'static': placeholder {{ x }} names no variable of `generate`")
    ]


def test_unknown_filter_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: fancy
        kind: numeric
        prompt: Show ${{ answer | fancy }}$.
        generate: |
          answer = 3
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'fancy': unknown filter 'fancy' (known: tuple, col, row, list, bmatrix)")
    ]


def test_mistake_naming_an_undefined_variable_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: dot
        kind: numeric
        prompt: p
        generate: |
          answer = 3
          added = 4
        mistakes:
          - value: addded
            message: You added.
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (2, "item 'dot': mistake value 'addded' names no variable of `generate`")
    ]


def test_mistake_of_the_wrong_shape_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: vec
        kind: vector
        prompt: p
        answer: [1, 2]
        mistakes:
          - value: 3
            message: m
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (
            2,
            "item 'vec': mistake 3.0: a vector item needs a vector (1-D) as its answer; "
            "got shape ()",
        )
    ]


def test_unparseable_static_answer_is_rejected(tmp_path: Path) -> None:
    text = """
    items:
      - id: fine
        kind: numeric
        prompt: p
        answer: "3/4"
        explanation: e
      - id: unclosed
        kind: numeric
        prompt: p
        answer: "sqrt(2"
        explanation: e
    """
    assert problems_in(tmp_path, text) == [
        (
            7,
            "item 'unclosed': Couldn't read 'sqrt(2' as a number. Use digits, a fraction like "
            "3/4, or an expression such as sqrt(2)/2 or 2*pi.",
        )
    ]


def test_every_broken_item_is_reported(tmp_path: Path) -> None:
    text = """
    items:
      - id: one
        kind: numeric
        prompt: p
        generate: |
          result = 1
        explanation: e
      - id: two
        kind: numeric
        prompt: p
        answer: "nope"
        explanation: e
    """
    assert [line for line, _ in problems_in(tmp_path, text)] == [2, 8]
