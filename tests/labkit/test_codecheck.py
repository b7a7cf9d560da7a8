""" "Do not use X" rules find forbidden calls inside the named function — through aliases —
and nowhere else."""

from __future__ import annotations

import pytest

from la4ai.labkit.codecheck import assert_no_forbidden_calls, find_forbidden_calls
from la4ai.labkit.failures import CheckFailed

SOLVE = ["np.linalg.solve"]


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\ndef solve(a, b):\n    return np.linalg.solve(a, b)\n",
        "import numpy\ndef solve(a, b):\n    return numpy.linalg.solve(a, b)\n",
        "import numpy as xp\ndef solve(a, b):\n    return xp.linalg.solve(a, b)\n",
        "import numpy.linalg as la\ndef solve(a, b):\n    return la.solve(a, b)\n",
        "from numpy import linalg\ndef solve(a, b):\n    return linalg.solve(a, b)\n",
        "from numpy.linalg import solve as s\ndef solve(a, b):\n    return s(a, b)\n",
        "import numpy as np\nla = np.linalg\ndef solve(a, b):\n    return la.solve(a, b)\n",
        "import numpy as np\ndef solve(a, b):\n    la = np.linalg\n    return la.solve(a, b)\n",
        "import numpy as np\ndef solve(a, b):\n    f = np.linalg.solve\n    return f(a, b)\n",
        "def solve(a, b):\n    import numpy as np\n    return np.linalg.solve(a, b)\n",
        "import numpy as np\ndef solve(a, b):\n    def inner():\n"
        "        return np.linalg.solve(a, b)\n    return inner()\n",
    ],
)
def test_finds_a_forbidden_call_through_any_alias(source: str) -> None:
    assert find_forbidden_calls(source, "solve", SOLVE) == ["np.linalg.solve"]


@pytest.mark.parametrize(
    "source",
    [
        # used outside the target function only
        "import numpy as np\ndef check(a, b):\n    return np.linalg.solve(a, b)\n"
        "def solve(a, b):\n    return a\n",
        "import numpy as np\nx = np.linalg.solve([[1]], [1])\ndef solve(a, b):\n    return b\n",
        # a different function with a similar name
        "import numpy as np\ndef solve(a, b):\n    return np.linalg.lstsq(a, b)\n",
        "import scipy.linalg as la\ndef solve(a, b):\n    return la.solve(a, b)\n",
        # the learner's own helper called solve
        "def helper(a, b):\n    return b\ndef solve(a, b):\n    solve_row = helper\n"
        "    return solve_row(a, b)\n",
    ],
)
def test_ignores_allowed_code(source: str) -> None:
    assert find_forbidden_calls(source, "solve", SOLVE) == []


def test_finds_the_matmul_operator_and_method_calls_in_source_order() -> None:
    source = (
        "import numpy as np\n"
        "def project(u, v):\n"
        "    w = u.dot(v)\n"
        "    w @= v\n"
        "    return np.dot(u, v) * (u @ v)\n"
    )
    assert find_forbidden_calls(source, "project", ["@", "np.dot", ".dot"]) == [
        ".dot",
        "@",
        "np.dot",
    ]
    assert find_forbidden_calls(source, "project", ["np.matmul"]) == []


def test_matmul_outside_the_function_is_not_flagged() -> None:
    source = "def other(a, b):\n    return a @ b\ndef dot(u, v):\n    return sum(u * v)\n"
    assert find_forbidden_calls(source, "dot", ["@", "np.dot"]) == []


def test_missing_function_and_bad_source_raise() -> None:
    with pytest.raises(ValueError, match="no function named `solve`"):
        find_forbidden_calls("x = 1\n", "solve", SOLVE)
    with pytest.raises(SyntaxError):
        find_forbidden_calls("def solve(:\n", "solve", SOLVE)


def test_assert_no_forbidden_calls_accepts_clean_code() -> None:
    assert_no_forbidden_calls("def solve(a, b):\n    return b\n", "solve", SOLVE)


def test_assert_no_forbidden_calls_names_the_call_and_gives_advice() -> None:
    source = "import numpy as np\ndef solve(a, b):\n    return np.linalg.solve(a, b)\n"
    with pytest.raises(CheckFailed) as failure:
        assert_no_forbidden_calls(source, "solve", SOLVE, advice="write the elimination yourself")
    assert str(failure.value) == (
        "`solve` may not call np.linalg.solve: write the elimination yourself"
    )


def test_assert_no_forbidden_calls_names_the_operator() -> None:
    with pytest.raises(CheckFailed, match="`matmul` may not use the `@` operator"):
        assert_no_forbidden_calls("def matmul(a, b):\n    return a @ b\n", "matmul", ["@"])


def test_assert_no_forbidden_calls_reports_unreadable_code_and_missing_functions() -> None:
    with pytest.raises(CheckFailed, match="could not be read"):
        assert_no_forbidden_calls("def solve(:\n", "solve", SOLVE)
    with pytest.raises(CheckFailed, match="no function named `solve`"):
        assert_no_forbidden_calls("x = 1\n", "solve", SOLVE)
