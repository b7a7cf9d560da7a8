""" "Do not use X" rules follow the learner's helpers: a forbidden call moved into a function
that the checked one calls is still found, and named with the helper it hides in."""

from __future__ import annotations

import pytest

from la4ai.labkit.callgraph import assert_no_forbidden_calls_reached, functions_reached
from la4ai.labkit.failures import CheckFailed

FORBIDDEN = ["numpy.linalg.solve", "numpy.linalg.inv"]

HELPERS = """
import numpy as np

def _pivot(a, k):
    return k

def _eliminate(a, b):
    k = _pivot(a, 0)
    return a, b

def solve(a, b):
    a, b = _eliminate(a, b)
    return b

def unrelated(a):
    return np.linalg.inv(a)
"""


def test_functions_reached_follows_calls_and_helpers_passed_by_name() -> None:
    assert functions_reached(HELPERS, "solve") == ["solve", "_eliminate", "_pivot"]
    passed = "def helper(x):\n    return x\ndef solve(a):\n    f = helper\n    return f(a)\n"
    assert functions_reached(passed, "solve") == ["solve", "helper"]


def test_functions_reached_survives_recursion() -> None:
    source = "def a(n):\n    return b(n)\ndef b(n):\n    return a(n - 1) if n else 0\n"
    assert functions_reached(source, "a") == ["a", "b"]


def test_functions_reached_needs_the_function() -> None:
    with pytest.raises(ValueError, match="no function named `solve`"):
        functions_reached("x = 1\n", "solve")


def test_accepts_code_whose_forbidden_calls_are_out_of_reach() -> None:
    assert_no_forbidden_calls_reached(HELPERS, "solve", FORBIDDEN)


def test_finds_a_forbidden_call_in_the_function_itself() -> None:
    source = "import numpy as np\ndef solve(a, b):\n    return np.linalg.solve(a, b)\n"
    with pytest.raises(CheckFailed, match=r"^`solve` may not call numpy.linalg.solve: do it$"):
        assert_no_forbidden_calls_reached(source, "solve", FORBIDDEN, advice="do it")


def test_finds_a_forbidden_call_hidden_in_a_helper_of_a_helper() -> None:
    source = HELPERS.replace("    return k\n", "    return np.linalg.inv(a)\n")
    with pytest.raises(
        CheckFailed, match=r"^`_pivot`, which `solve` uses, may not call numpy.linalg.inv\.$"
    ):
        assert_no_forbidden_calls_reached(source, "solve", FORBIDDEN)


def test_finds_an_aliased_call_in_a_helper() -> None:
    source = (
        "from numpy.linalg import solve as np_solve\n"
        "def _inner(a, b):\n    return np_solve(a, b)\n"
        "def solve(a, b):\n    return _inner(a, b)\n"
    )
    with pytest.raises(CheckFailed, match="`_inner`, which `solve` uses, may not call"):
        assert_no_forbidden_calls_reached(source, "solve", FORBIDDEN)


def test_reports_unreadable_code_and_a_missing_function() -> None:
    with pytest.raises(CheckFailed, match=r"could not be read \(line 1"):
        assert_no_forbidden_calls_reached("def solve(:\n", "solve", FORBIDDEN)
    with pytest.raises(CheckFailed, match="has no function named `solve`"):
        assert_no_forbidden_calls_reached("def other():\n    pass\n", "solve", FORBIDDEN)
