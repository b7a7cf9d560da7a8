"""The solver: answers against NumPy computed here, worked steps, declines — and receipt
code that passes for the solver's answer and fails for a wrong one.

Receipt code is run here in-process (it is the solver's own generated code); that the
tutor runs it in the sandbox is tested in test_receipts.py.
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import Any

import numpy as np
import pytest

from la4ai.tutor.parse import parse_question
from la4ai.tutor.solver import Decline, Solution, solve


def answer(question: str) -> Solution:
    return solve(parse_question(question))


def run_check(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<receipt>", "exec"), {"__name__": "receipt"})
    return out.getvalue()


def tamper(code: str, prefix: str) -> str:
    """The check code with the claimed answer changed: the first number on the line that
    starts with ``prefix`` gets 1 added (or True/False flipped on assert lines)."""
    lines = code.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith(prefix):
            continue
        if "True" in line or "False" in line:
            lines[index] = line.replace("True", "@").replace("False", "True").replace("@", "False")
            return "\n".join(lines)
        match = re.search(r"-?\d+\.\d+(?:e-?\d+)?", line)
        assert match is not None, line
        wrong = float(match.group()) + 1
        lines[index] = line[: match.start()] + repr(wrong) + line[match.end() :]
        return "\n".join(lines)
    raise AssertionError(f"no line starts with {prefix!r}")


A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]])

CASES: list[tuple[str, str, Any, str]] = [
    # question, result type, expected value (computed here with NumPy), line to tamper
    ("determinant of [[2, 1, 0], [1, 3, 1], [0, 1, 4]]", "scalar", np.linalg.det(A), "claimed ="),
    (
        "det of [1 2 0 1; 0 1 3 2; 2 0 1 0; 1 1 1 1]",
        "scalar",
        np.linalg.det([[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 0], [1, 1, 1, 1]]),
        "claimed =",
    ),
    ("inverse of [[2, 1, 0], [1, 3, 1], [0, 1, 4]]", "matrix", np.linalg.inv(A), "A_inv ="),
    ("trace of [[2, 1, 0], [1, 3, 1], [0, 1, 4]]", "scalar", 9.0, "claimed ="),
    ("rank of [[1, 2, 3], [2, 4, 6], [1, 0, 1]]", "scalar", 2.0, "assert svd_rank =="),
    (
        "[[1, 2], [3, 4]] times [[0, 1], [1, 0]]",
        "matrix",
        np.array([[1, 2], [3, 4]]) @ np.array([[0, 1], [1, 0]]),
        "claimed =",
    ),
    ("[[1, 1], [0, 1]]^5", "matrix", [[1, 5], [0, 1]], "claimed ="),
    ("eigenvalues of [[2, 1], [1, 2]]", "multiset", [1.0, 3.0], "claimed ="),
    ("eigenvalues of [[0, -1], [1, 0]]", "multiset", [[0.0, -1.0], [0.0, 1.0]], "claimed ="),
    (
        "characteristic polynomial of [[1, 2], [3, 4]]",
        "polynomial",
        np.poly([[1, 2], [3, 4]]),
        "claimed =",
    ),
    ("singular values of [[3, 0], [0, 4]]", "multiset", [4.0, 3.0], "claimed ="),
    ("condition number of [[1, 0], [0, 10]]", "scalar", 10.0, "claimed ="),
    ("dot product of (1, 2, 3) and (4, -5, 6)", "scalar", 12.0, "claimed ="),
    ("cross product of (1, 0, 0) and (0, 1, 0)", "vector", [0, 0, 1], "w ="),
    ("norm of (3, 4)", "scalar", 5.0, "claimed ="),
    ("L1 norm of (3, -4)", "scalar", 7.0, "claimed ="),
    ("distance between (1, 1) and (4, 5)", "scalar", 5.0, "claimed ="),
    ("cosine similarity of (1, 0) and (1, 1)", "scalar", 1 / np.sqrt(2), "claimed ="),
    ("angle between (1, 0) and (1, 1)", "scalar", 45.0, "claimed ="),
    ("angle between (1, 0) and (0, 1) in radians", "scalar", np.pi / 2, "claimed ="),
    ("normalize (3, 4)", "vector", [0.6, 0.8], "u ="),
    ("project (2, 3) onto (1, 0)", "vector", [2.0, 0.0], "p ="),
    ("softmax of [1, 2, 3]", "vector", np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum(), "claimed ="),
    (
        "How many parameters does LoRA of rank 8 add to a 4096 x 4096 weight?",
        "scalar",
        65536.0,
        "assert count ==",
    ),
    ("symmetric int8 absmax scale for [0.5, -1.27, 0.8]", "scalar", 0.01, "scale ="),
]


@pytest.mark.parametrize(("question", "kind", "expected", "claim"), CASES)
def test_answers_match_numpy_and_the_receipt_catches_a_wrong_one(
    question: str, kind: str, expected: Any, claim: str
) -> None:
    solution = answer(question)
    assert solution.result.type == kind
    got = solution.result.value
    if kind == "multiset":

        def key(v: Any) -> tuple[float, float]:
            return (v[0], v[1]) if isinstance(v, list) else (v, 0.0)

        assert np.allclose(sorted(map(key, got)), sorted(map(key, expected)))
    else:
        assert np.allclose(np.array(got, dtype=float), np.array(expected, dtype=float))
    assert "verified" in run_check(solution.check)
    with pytest.raises(AssertionError):
        run_check(tamper(solution.check, claim))


BOOLEANS = [
    ("Are (1, 1) and (1, -1) orthogonal?", True),
    ("Are (1, 2) and (2, 1) orthogonal?", False),
    ("Are (1, 2, 3), (2, 4, 6) linearly independent?", False),
    ("Are (1, 0, 0), (0, 1, 0), (1, 1, 1) linearly independent?", True),
    ("Are (1, 2, 3), (2, 4, 6) linearly dependent?", True),
    ("Is (1, 2, 3) in the span of (1, 0, 0) and (0, 1, 0)?", False),
    ("Is (2, 4, 6) a linear combination of (1, 2, 3) and (0, 1, 0)?", True),
    ("Is b = [5 6] in the column space of [1 2; 2 4]?", False),
    ("Is [[2, -1], [-1, 2]] positive definite?", True),
    ("Is [[1, 2], [2, 1]] positive definite?", False),
    ("Is [[1, 2], [2, 4]] invertible?", False),
    ("Is [[1, 2], [3, 4]] singular?", False),
    ("Is [[1, 1], [0, 1]] diagonalizable?", False),
    ("Is [[2, 0, 0], [0, 2, 0], [0, 0, 3]] diagonalizable?", True),
]


@pytest.mark.parametrize(("question", "expected"), BOOLEANS)
def test_yes_no_questions(question: str, expected: bool) -> None:
    solution = answer(question)
    assert solution.result.type == "boolean"
    assert solution.result.value is expected
    assert "verified" in run_check(solution.check)
    with pytest.raises(AssertionError):
        run_check(tamper(solution.check, "assert"))


def test_systems_unique_none_and_infinitely_many() -> None:
    unique = answer("Solve 2x - y = 3 and x + y = 6")
    assert unique.result.value == {"x": 3.0, "y": 3.0}
    assert "R_{2}" in unique.text  # named row operations
    with pytest.raises(AssertionError):
        run_check(tamper(unique.check, "x = np.array("))
    assert answer("Solve x + y = 1 and x + y = 3").result.type == "no_solution"
    assert answer("Solve x + y = 1 and 2x + 2y = 2").result.type == "infinite_solutions"
    only_a = answer("Solve -4*a + 3*b = 11, 2*a - b = -5 for a.")
    assert only_a.result.value == {"a": -2.0}
    as_matrix = answer("Solve Ax = b for A = [[1, 2], [3, 4]] and b = [5, 6]")
    assert as_matrix.result.value == {"x": [-4.0, 4.5]}
    assert as_matrix.result.exact == {"x": ["-4", "9/2"]}


def test_subspaces_and_factorisations_check_out() -> None:
    M = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
    null = answer("basis for the null space of [[1, 2, 3], [2, 4, 6]]")
    basis = np.array(null.result.value)
    assert basis.shape == (2, 3)
    assert np.allclose(M @ basis.T, 0)
    col = answer("column space of [[1, 2, 3], [2, 4, 6]]")
    assert np.linalg.matrix_rank(np.column_stack([M, np.array(col.result.value).T])) == 1
    qr = answer("QR decomposition of [[1, 1], [1, 0], [0, 1]]")
    Q, R = np.array(qr.result.value["Q"]), np.array(qr.result.value["R"])
    assert np.allclose(Q @ R, [[1, 1], [1, 0], [0, 1]])
    assert np.allclose(Q.T @ Q, np.eye(2))
    pairs = answer("eigenvectors of [[2, 0], [0, 3]]").result.value
    assert [p["eigenvalue"] for p in pairs] == [2.0, 3.0]
    rref = answer("rref of [[1, 2], [2, 4]]")
    assert rref.result.value == [[1.0, 2.0], [0.0, 0.0]]
    with pytest.raises(AssertionError):
        run_check(tamper(rref.check, "R = np.array("))


def test_steps_show_the_work() -> None:
    assert "ad - bc" in answer("det [[1, 2], [3, 4]]").text
    assert "Expanding along the first row" in answer("det [[1, 2, 0], [0, 1, 1], [1, 0, 1]]").text
    assert "\\det(\\lambda I - A)" in answer("eigenvalues of [[2, 1], [1, 2]]").text
    gram_schmidt = answer("Gram-Schmidt on (1, 1, 0) and (1, 0, 1)").text
    assert "q_{1}" in gram_schmidt
    assert "q_{2}" in gram_schmidt
    assert "[A \\mid I]" in answer("inverse of [[2, 1], [1, 1]]").text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("determinant of [[1, 2, 3], [4, 5, 6]]", "square"),
        ("multiply [[1, 2], [3, 4]] by [[1, 2, 3]]", "shapes do not fit"),
        ("Solve x*y = 2 and x + y = 3", "not linear"),
        ("condition number of [[1, 2], [2, 4]]", "singular"),
        ("cross product of (1, 2) and (3, 4)", "3-D"),
        ("cosine similarity of (0, 0) and (1, 1)", "zero vector"),
        ("Is [[1, 2], [3, 4]] positive definite?", "not symmetric"),
        ("How many parameters does LoRA add?", "rank"),
    ],
)
def test_ill_posed_questions_are_declined_with_the_reason(question: str, reason: str) -> None:
    with pytest.raises(Decline, match=reason):
        answer(question)


def test_large_matrices_get_numeric_eigenvalues_checked_by_traces() -> None:
    M = np.random.default_rng(0).integers(-5, 6, (8, 8))
    solution = answer(f"eigenvalues of {M.tolist()}")
    assert "computed numerically" in solution.text
    got = [complex(*v) if isinstance(v, list) else complex(v) for v in solution.result.value]
    want = np.linalg.eigvals(M)
    assert np.allclose(np.sort_complex(np.array(got)), np.sort_complex(want))
    assert "power sums match traces" in run_check(solution.check)
    with pytest.raises(AssertionError):
        run_check(tamper(solution.check, "claimed ="))
