"""Reading questions: every notation, equations, names, and clear errors for bad math."""

from __future__ import annotations

import pytest
import sympy as sp

from la4ai.tutor.parse import ParseError, parse_expression, parse_question

R = sp.Rational


@pytest.mark.parametrize(
    "text",
    [
        "det of [[1, 2], [3, 4]]",
        "det of [1 2; 3 4]",
        "det of [1, 2; 3, 4]",
        r"det of \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
        r"det of \begin{bmatrix}1&2\\3&4\end{bmatrix}",
        r"det of \left[\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}\right]",
    ],
)
def test_the_three_matrix_notations_read_the_same(text: str) -> None:
    parsed = parse_question(text)
    assert len(parsed.objects) == 1
    assert parsed.objects[0].kind == "matrix"
    assert parsed.objects[0].rows == [[1, 2], [3, 4]]


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("norm of (1, 2, 3)", [1, 2, 3]),
        ("norm of [1, 2, 3]", [1, 2, 3]),
        ("norm of [1 -2 3]", [1, -2, 3]),
        ("norm of [1; 2; 3]", [1, 2, 3]),
        (r"norm of \begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}", [1, 2, 3]),
        ("norm of (1/2, -0.25, 3)", [R(1, 2), R(-1, 4), 3]),
        (r"norm of (\frac{1}{2}, \sqrt{2})", [R(1, 2), sp.sqrt(2)]),
    ],
)
def test_vectors_in_every_notation(text: str, entries: list[sp.Expr]) -> None:
    (vector,) = parse_question(text).objects
    assert vector.as_vector() == entries


def test_matlab_spacing_decides_between_one_entry_and_two() -> None:
    (matrix,) = parse_question("[1 -2; 3 - 1 4]").objects
    assert matrix.rows == [[1, -2], [2, 4]]


def test_decimals_are_exact_rationals() -> None:
    (matrix,) = parse_question("[[0.1, 0.25], [1e-3, 2]]").objects
    assert matrix.rows[0] == [R(1, 10), R(1, 4)]
    assert matrix.rows[1][0] == R(1, 1000)


def test_equations_and_the_unknowns_asked_for() -> None:
    parsed = parse_question("Solve -4*a + 3*b = 11, 2*a - b = -5 for a.")
    a, b = sp.symbols("a b")
    assert [(e.lhs, e.rhs) for e in parsed.equations] == [(-4 * a + 3 * b, 11), (2 * a - b, -5)]
    assert parsed.unknowns == ["a"]
    x, y = sp.symbols("x y")
    parsed = parse_question("Solve 2x − y = 3 and x + y = 6")  # a Unicode minus
    assert [(e.lhs, e.rhs) for e in parsed.equations] == [(2 * x - y, 3), (x + y, 6)]
    assert parsed.unknowns == []
    assert parse_question("Find y: 0.5x + 1.5y = 4, x - y = 0").unknowns == ["y"]


def test_names_suffixes_and_operators() -> None:
    parsed = parse_question("Solve Ax = b for A = [[1, 2], [3, 4]] and b = [5, 6]")
    assert parsed.named("A") is not None
    assert parsed.named("b") is not None
    assert parsed.matrix_equation == ("A", "x", "b")
    (matrix,) = parse_question("What is A^{-1} for A = [[4, 7], [2, 6]]?").objects
    assert matrix.exponent == -1
    (matrix,) = parse_question("[[1, 1], [0, 1]]^5").objects
    assert matrix.exponent == 5
    (matrix,) = parse_question("[1 2; 3 4]^T").objects
    assert matrix.transposed
    assert parse_question("[2, -1] · [3, 4]").operators == [(0, "*", 1)]
    assert parse_question("Compute BA for A = [[1]] and B = [[2]]").product_names == ["B", "A"]


def test_numbers_in_prose() -> None:
    parsed = parse_question("LoRA with r = 16 on a 768 × 3072 weight")
    assert parsed.assignments == {"r": 16}
    assert parsed.dims == [(768, 3072)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("inverse of [[1, 2], [3]]", "different lengths"),
        ("det of [[1, 2], [3, 4]", "never closed"),
        (r"det of \begin{pmatrix} 1 & 2 \\ 3 & 4", "not closed"),
        ("det of [[1, x], [3, 4]]", "must be a number"),
        ("det of [[1, 2/0], [3, 4]]", "division by zero"),
    ],
)
def test_unreadable_math_is_an_error_that_says_why(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "[[__import__('os').system('true'), 1], [1, 1]]",
        "[[(lambda: 1)(), 2], [3, 4]]",
        "[[1 if 1 else 2, 2], [3, 4]]",
        "[['a', 2], [3, 4]]",
    ],
)
def test_entries_are_parsed_never_evaluated(text: str) -> None:
    with pytest.raises(ParseError):
        parse_question(f"det of {text}")


def test_expressions_are_built_from_tokens() -> None:
    assert parse_expression("2^3 - 1/2") == R(15, 2)
    assert parse_expression(r"\frac{3}{4} + \sqrt{9}") == R(15, 4)
    x = sp.Symbol("x")
    assert parse_expression("3(x + 1)", allow_symbols=True) == 3 * x + 3
    with pytest.raises(ParseError):
        parse_expression("2^x", allow_symbols=True)
