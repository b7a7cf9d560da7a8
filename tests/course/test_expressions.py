"""parse_number: what a learner may type, and the readable refusals for everything else."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from la4ai.course.expressions import ExpressionError, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3.0),
        ("  42  ", 42.0),
        ("-7", -7.0),
        ("+7", 7.0),
        ("-1.5", -1.5),
        (".25", 0.25),
        ("3/4", 0.75),
        ("-3/4", -0.75),
        ("2 + 3*4", 14.0),
        ("(2 + 3)*4", 20.0),
    ],
)
def test_parse_number_reads_integers_decimals_and_fractions(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sqrt(2)/2", math.sqrt(2) / 2),
        ("2*pi", 2 * math.pi),
        ("pi/4", math.pi / 4),
        ("e", math.e),
        ("tau", math.tau),
        ("ln(e)", 1.0),
        ("cos(0)", 1.0),
        ("arccos(0)", math.pi / 2),
        ("abs(-3)", 3.0),
        ("2**10", 1024.0),
    ],
)
def test_parse_number_reads_constants_and_functions(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("−3", -3.0),  # U+2212 minus sign
        ("–3", -3.0),  # en dash, as some keyboards produce
        ("2×π", 2 * math.pi),
        ("3·4", 12.0),
        ("6÷4", 1.5),
        ("π/2", math.pi / 2),
        ("3^2", 9.0),
        ("2^-1", 0.5),
    ],
)
def test_parse_number_accepts_unicode_math_symbols(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1e-3", 0.001), ("-1.5e-3", -0.0015), ("2.5E4", 25000.0), ("6.02e23", 6.02e23)],
)
def test_parse_number_reads_scientific_notation(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The answer is empty."),
        ("   ", "The answer is empty."),
        ("abc", "Unknown name 'abc'."),
        ("x + 1", "Unknown name 'x'."),
        ("foo(2)", "foo(…) isn't a function we can evaluate."),
        ("sqrt(2, 3)", "sqrt(…) isn't a function we can evaluate."),
        ("1,5", "Couldn't read that as a number."),
        ("3/", "Couldn't read '3/' as a number."),
        ("7 % 3", "The operator in that answer isn't supported."),
        ("'7'", "'7' is not a number."),
        ("True", "True is not a number."),
        ("1j", "1j is not a number."),
    ],
)
def test_parse_number_rejects_what_is_not_a_number(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_number(text)
    assert str(caught.value).startswith(message)


def test_parse_number_rejection_explains_what_is_accepted() -> None:
    with pytest.raises(ExpressionError, match=r"a fraction like 3/4.*sqrt\(2\)/2"):
        parse_number("three quarters")


@pytest.mark.parametrize("text", ["1/0", "5/(2-2)", "0**-1"])
def test_parse_number_rejects_division_by_zero(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"^That expression divides by zero\.$"):
        parse_number(text)


def test_parse_number_refuses_a_huge_exponent_without_computing_it() -> None:
    started = time.perf_counter()
    with pytest.raises(ExpressionError, match=r"^That exponent is too large to check\.$"):
        parse_number("9**9**9")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("text", ["1e999", "-1e999", "1e308*10", "exp(1000)", "(10**60)**60"])
def test_parse_number_rejects_infinite_results(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"has no finite real value\.$"):
        parse_number(text)


@pytest.mark.parametrize("text", ["sqrt(-1)", "log(0)", "acos(2)"])
def test_parse_number_rejects_values_outside_a_functions_domain(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"has no finite real value\.$"):
        parse_number(text)


@pytest.mark.parametrize("text", ["(-1)**0.5", "(-8)^(1/3)"])
def test_parse_number_rejects_complex_results(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"^That expression has no real value\.$"):
        parse_number(text)


def test_parse_number_rejects_overlong_input() -> None:
    with pytest.raises(ExpressionError, match=r"^That answer is longer than 200 characters\.$"):
        parse_number("1+" * 100 + "1")


def test_parse_number_accepts_input_at_the_length_limit() -> None:
    assert parse_number("1+" * 99 + "1.") == 100.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os')", "__import__(…) isn't a function we can evaluate."),
        ("eval('1')", "eval(…) isn't a function we can evaluate."),
        ("open('/etc/passwd')", "open(…) isn't a function we can evaluate."),
        ("().__class__", "Couldn't read that as a number."),
        ("math.pi", "Couldn't read that as a number."),
        ("(lambda: 1)()", "Couldn't read that as a number."),
        ("[1][0]", "Couldn't read that as a number."),
    ],
)
def test_parse_number_rejects_calls_and_attribute_access(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_number(text)
    assert str(caught.value).startswith(message)


def test_parse_number_never_runs_the_code_it_is_given(tmp_path: Path) -> None:
    target = tmp_path / "evaluated"
    attempts = [
        f"__import__('pathlib').Path({str(target)!r}).touch()",
        f"open({str(target)!r}, 'w')",
    ]
    for text in attempts:
        assert len(text) < 200  # so the refusal is about the code, not the length
        with pytest.raises(ExpressionError):
            parse_number(text)
    assert not target.exists()


def test_expression_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Unknown name 'nope'"):
        parse_number("nope")
