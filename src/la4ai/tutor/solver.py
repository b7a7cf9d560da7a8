"""The offline solver: from a parsed question to a result, its steps and its receipt code.

:func:`solve` reads what is asked (:func:`detect`) and runs one operation on the
question's objects in exact arithmetic (SymPy rationals) — or in floating point for large
inputs. Each operation returns a :class:`Solution`: the contract's ``result``, the worked
steps as Markdown, and **independent** check code (NumPy, a different method from the
one that produced the answer) that the tutor runs in the sandbox as the receipt. An
operation that cannot answer raises :class:`Decline` with the reason and a suggestion.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from la4ai.tutor.expressions import Expression, evaluate, find_expression, numpy_code
from la4ai.tutor.models import Result
from la4ai.tutor.parse import MathObject, Parsed, ParseError
from la4ai.tutor.steps import Elimination, cofactor_steps, eliminate, tex

__all__ = ["Decline", "Solution", "detect", "solve"]

EXACT_LIMIT = 6  # eigenvalues of larger matrices are found numerically, not as exact roots


class Decline(Exception):
    """The question cannot be answered with verified math; ``str(self)`` says why."""

    def __init__(self, reason: str, suggestion: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.suggestion = suggestion


@dataclass
class Solution:
    operation: str
    result: Result
    text: str
    check: str


# --- numbers to JSON and to code ---------------------------------------------------------


def num(value: sp.Expr) -> float | list[float]:
    """A JSON number, or ``[re, im]`` for a complex value."""
    value = sp.nsimplify(value) if isinstance(value, float) else value
    evaluated = complex(sp.N(value, 17))
    if abs(evaluated.imag) > 1e-12 * max(1.0, abs(evaluated.real)):
        return [_clean(evaluated.real), _clean(evaluated.imag)]
    return _clean(evaluated.real)


def _clean(value: float) -> float:
    return 0.0 if abs(value) < 1e-15 else float(value)


def exact(value: sp.Expr) -> str | None:
    """The exact form as text, when there is one worth giving."""
    if isinstance(value, sp.Float) or value.has(sp.Float):
        return None
    text = str(sp.simplify(value))
    return text.replace("**", "^").replace("I", "i")


def lit(value: Any) -> str:
    """A Python literal of floats (or complex) for check code."""
    if isinstance(value, sp.MatrixBase):
        return lit(value.tolist())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(lit(item) for item in value) + "]"
    number = complex(sp.N(value, 17))
    if abs(number.imag) > 1e-14:
        return repr(number)
    return repr(float(number.real))


def _vector(values: list[sp.Expr]) -> list[Any]:
    return [num(v) for v in values]


def _matrix_value(matrix: sp.Matrix) -> list[list[Any]]:
    return [[num(v) for v in row] for row in matrix.tolist()]


def _exact_list(values: list[sp.Expr]) -> list[str | None] | None:
    texts = [exact(v) for v in values]
    return None if any(t is None for t in texts) else texts


def _exact_matrix(matrix: sp.Matrix) -> list[list[str | None]] | None:
    rows = [_exact_list(row) for row in matrix.tolist()]
    return None if any(r is None for r in rows) else rows  # type: ignore[return-value]


_PRELUDE = "import numpy as np\nnp.set_printoptions(precision=6, suppress=True)\n"


def _code(*lines: str) -> str:
    return _PRELUDE + "\n".join(lines) + "\n"


# --- the question's objects ---------------------------------------------------------------


def _matrix(obj: MathObject) -> sp.Matrix:
    matrix = sp.Matrix(obj.rows)
    if obj.transposed:
        matrix = matrix.T
    if obj.exponent is not None:
        if matrix.shape[0] != matrix.shape[1]:
            raise Decline("only a square matrix can be raised to a power")
        if obj.exponent < 0 and matrix.det() == 0:
            raise Decline("this matrix is singular, so it has no inverse")
        matrix = matrix**obj.exponent
    return matrix


def _one_matrix(parsed: Parsed, what: str) -> sp.Matrix:
    matrices = parsed.matrices
    if len(matrices) == 1:
        return _matrix(matrices[0])
    if not matrices and len(parsed.vectors) >= 2:
        # vectors given as the columns: "are (1, 2) and (2, 4) independent?"
        return sp.Matrix.hstack(*[sp.Matrix(v.as_vector()) for v in parsed.vectors])
    if not matrices:
        raise Decline(
            f"I need a matrix to compute {what}, and I found none.",
            f"Write it like: {what} of [[1, 2], [3, 4]]",
        )
    raise Decline(f"I found {len(matrices)} matrices; {what} needs one.")


def _square(matrix: sp.Matrix, what: str) -> sp.Matrix:
    rows, cols = matrix.shape
    if rows != cols:
        raise Decline(f"{what} is defined only for square matrices, and this one is {rows}×{cols}.")
    return matrix


def _vectors(parsed: Parsed, count: int | None, what: str) -> list[list[sp.Expr]]:
    vectors = [obj.as_vector() for obj in parsed.objects]
    if count is not None and len(vectors) != count:
        raise Decline(
            f"{what} needs {count} vector{'s' if count > 1 else ''}; I found {len(vectors)}.",
            f"For example: {what} of (1, 2, 3) and (4, 5, 6)",
        )
    if len({len(v) for v in vectors}) > 1:
        raise Decline(
            f"these vectors have different lengths ({', '.join(str(len(v)) for v in vectors)})"
        )
    return vectors


# --- operations ---------------------------------------------------------------------------

Operation = Callable[[Parsed], Solution]
OPERATIONS: dict[str, Operation] = {}


def operation(name: str) -> Callable[[Operation], Operation]:
    def register(function: Operation) -> Operation:
        OPERATIONS[name] = function
        return function

    return register


@operation("determinant")
def _determinant(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "the determinant"), "The determinant")
    n = A.shape[0]
    if n <= 3:
        det = A.det(method="bareiss")
        work = cofactor_steps(A)
    else:
        elim = eliminate(A, reduce=False)
        diag = [elim.rref[i, i] for i in range(n)]
        det = sp.Integer(-1) ** elim.swaps * sp.prod(diag)
        work = (
            "Reduce to an upper-triangular matrix with row operations (adding a multiple of "
            "one row to another leaves the determinant unchanged; each swap flips its "
            "sign):\n\n"
            + elim.markdown()
            + f"\n\nThe determinant is $(-1)^{{{elim.swaps}}}$ times the product of the "
            f"diagonal: $(-1)^{{{elim.swaps}}} \\cdot "
            + " \\cdot ".join(f"({sp.latex(d)})" for d in diag)
            + f" = {sp.latex(det)}$."
        )
    text = f"$$\\det {tex(A)} = {sp.latex(det)}$$\n\n{work}"
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = {lit(det)}",
        "independent = np.linalg.det(A)  # LAPACK LU factorisation, not the steps above",
        'print("np.linalg.det(A) =", independent)',
        "scale = max(1.0, abs(independent), np.abs(A).max() ** len(A))",
        "assert abs(claimed - independent) <= 1e-9 * scale, 'determinant differs'",
        'print("verified: det(A) =", claimed)',
    )
    return Solution(
        "determinant", Result(type="scalar", value=num(det), exact=exact(det)), text, check
    )


@operation("inverse")
def _inverse(parsed: Parsed) -> Solution:
    for obj in parsed.matrices:
        if obj.exponent == -1:
            obj.exponent = None  # "A^{-1}" names what is asked, not a step before it
    A = _square(_one_matrix(parsed, "the inverse"), "The inverse")
    n = A.shape[0]
    augmented = A.row_join(sp.eye(n))
    elim = eliminate(augmented, columns=n)
    steps = elim.markdown(split=n)
    if len(elim.pivots) < n:
        text = (
            f"$A = {tex(A)}$ has no inverse: Gauss–Jordan elimination on $[A \\mid I]$ "
            f"runs out of pivots (rank {len(elim.pivots)} < {n}), so $\\det A = 0$.\n\n" + steps
        )
        check = _code(
            f"A = np.array({lit(A)})",
            "s = np.linalg.svd(A, compute_uv=False)",
            'print("singular values:", s)',
            "assert s[-1] <= 1e-10 * max(1.0, s[0]), 'A looks invertible'",
            'print("verified: the smallest singular value is 0, so A is singular")',
        )
        return Solution("inverse", Result(type="no_inverse"), text, check)
    inverse = elim.rref[:, n:]
    text = (
        f"$$A^{{-1}} = {tex(inverse)}$$\n\nGauss–Jordan elimination on $[A \\mid I]$ until "
        "the left block is $I$; the right block is then $A^{-1}$:\n\n" + steps
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"A_inv = np.array({lit(inverse)})",
        "print('A @ A_inv =\\n', A @ A_inv)",
        f"assert np.allclose(A @ A_inv, np.eye({n}), atol=1e-9), 'A @ A_inv is not I'",
        f"assert np.allclose(A_inv @ A, np.eye({n}), atol=1e-9), 'A_inv @ A is not I'",
        'print("verified: A @ A_inv = A_inv @ A = I")',
    )
    return Solution(
        "inverse",
        Result(type="matrix", value=_matrix_value(inverse), exact=_exact_matrix(inverse)),
        text,
        check,
    )


@operation("transpose")
def _transpose(parsed: Parsed) -> Solution:
    for obj in parsed.objects:
        obj.transposed = False  # "A^T" names what is asked, not a step before it
    A = _one_matrix(parsed, "the transpose")
    T = A.T
    text = f"Rows become columns: $$ {tex(A)}^T = {tex(T)} $$"
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = np.array({lit(T)})",
        "assert claimed.shape == A.shape[::-1]",
        "assert all(claimed[j, i] == A[i, j] for i in range(A.shape[0]) for j in range(A.shape[1]))",
        'print("verified: entry (j, i) of the answer is entry (i, j) of A")',
    )
    return Solution(
        "transpose",
        Result(type="matrix", value=_matrix_value(T), exact=_exact_matrix(T)),
        text,
        check,
    )


@operation("trace")
def _trace(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "the trace"), "The trace")
    trace = A.trace()
    diag = " + ".join(f"({sp.latex(A[i, i])})" for i in range(A.shape[0]))
    text = f"The trace is the sum of the diagonal: ${diag} = {sp.latex(trace)}$."
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = {lit(trace)}",
        "eigenvalue_sum = np.linalg.eigvals(A).sum().real  # trace = sum of eigenvalues",
        'print("sum of eigenvalues:", eigenvalue_sum)',
        "assert abs(claimed - eigenvalue_sum) <= 1e-8 * max(1, abs(claimed))",
        'print("verified: trace =", claimed)',
    )
    return Solution(
        "trace", Result(type="scalar", value=num(trace), exact=exact(trace)), text, check
    )


def _operands(parsed: Parsed) -> list[sp.Matrix]:
    out = []
    for obj in parsed.objects:
        if obj.kind == "vector":
            out.append(sp.Matrix(obj.as_vector()))  # a column
        else:
            out.append(_matrix(obj))
    return out


@operation("product")
def _product(parsed: Parsed) -> Solution:
    if parsed.product_names:
        ordered = [parsed.named(name) for name in parsed.product_names]
        parsed.objects = [obj for obj in ordered if obj is not None]
    operands = _operands(parsed)
    if len(operands) < 2:
        raise Decline("a product needs two matrices (or a matrix and a vector).")
    if len(operands) > 3:
        raise Decline("I multiply up to three matrices at a time.")
    result = operands[0]
    for index, right in enumerate(operands[1:], start=2):
        if result.shape[1] != right.shape[0]:
            if parsed.objects[index - 1].kind == "vector" and result.shape[1] == right.shape[1]:
                right = right.T
            else:
                raise Decline(
                    f"the shapes do not fit: a {result.shape[0]}×{result.shape[1]} matrix "
                    f"times a {right.shape[0]}×{right.shape[1]} one (the inner sizes "
                    f"{result.shape[1]} and {right.shape[0]} must be equal)."
                )
        result = result * right
    names = [tex(m) for m in operands]
    text = (
        f"$$ {' '.join(names)} = {tex(result)} $$\n\nEach entry is a row of the left "
        "matrix dotted with a column of the right one."
    )
    is_vector = result.shape[1] == 1 and parsed.objects[-1].kind == "vector"
    check = _code(
        *[f"M{i} = np.array({lit(m)})" for i, m in enumerate(operands)],
        f"claimed = np.array({lit(result)})",
        "independent = M0",
        *[
            f"independent = np.array([[sum(independent[i, k] * M{i_}[k, j] for k in "
            f"range(independent.shape[1])) for j in range(M{i_}.shape[1])] for i in "
            f"range(independent.shape[0])])"
            for i_ in range(1, len(operands))
        ]
        if all(parsed.objects[i].kind == "matrix" for i in range(1, len(operands)))
        else [f"independent = independent @ M{i}" for i in range(1, len(operands))],
        "print('product:\\n', independent)",
        "assert np.allclose(claimed.reshape(independent.shape), independent, atol=1e-9)",
        'print("verified: the product, entry by entry")',
    )
    if is_vector:
        flat = [result[i, 0] for i in range(result.shape[0])]
        return Solution(
            "product",
            Result(type="vector", value=_vector(flat), exact=_exact_list(flat)),
            text,
            check,
        )
    return Solution(
        "product",
        Result(type="matrix", value=_matrix_value(result), exact=_exact_matrix(result)),
        text,
        check,
    )


@operation("power")
def _power(parsed: Parsed) -> Solution:
    obj = parsed.matrices[0] if len(parsed.matrices) == 1 else None
    if obj is None:
        raise Decline("a power needs exactly one matrix.")
    exponent = obj.exponent
    if exponent is None and parsed.has_word("square", "squared"):
        exponent = 2
    elif exponent is None and parsed.has_word("cube", "cubed"):
        exponent = 3
    if exponent is None:
        numbers = [int(n.value) for n in parsed.loose if n.value.is_Integer]
        if len(numbers) != 1:
            raise Decline("which power? Write it like [[1, 1], [0, 1]]^5.")
        exponent = numbers[0]
    base = sp.Matrix(obj.rows)
    _square(base, "A matrix power")
    if abs(exponent) > 50:
        raise Decline("I compute powers up to 50.")
    if exponent < 0 and base.det() == 0:
        raise Decline("this matrix is singular, so its negative powers do not exist.")
    result = base**exponent
    text = f"$$ {tex(base)}^{{{exponent}}} = {tex(result)} $$\n\nRepeated multiplication of the matrix by itself."
    check = _code(
        f"A = np.array({lit(base)})",
        f"claimed = np.array({lit(result)})",
        f"independent = np.linalg.matrix_power(A, {exponent})",
        "print(independent)",
        "assert np.allclose(claimed, independent, rtol=1e-9, atol=1e-9)",
        f'print("verified: np.linalg.matrix_power(A, {exponent}) agrees")',
    )
    return Solution(
        "power",
        Result(type="matrix", value=_matrix_value(result), exact=_exact_matrix(result)),
        text,
        check,
    )


@operation("rank")
def _rank(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the rank")
    elim = eliminate(A)
    rank = len(elim.pivots)
    text = (
        f"The rank is **{rank}**: row reduction leaves {rank} pivot"
        f"{'s' if rank != 1 else ''} (in column{'s' if rank != 1 else ''} "
        f"{', '.join(str(p + 1) for p in elim.pivots) or 'none'}).\n\n" + elim.markdown()
    )
    check = _code(
        f"A = np.array({lit(A)})",
        "svd_rank = np.linalg.matrix_rank(A)  # counts singular values above a tolerance",
        'print("rank by SVD:", svd_rank)',
        f"assert svd_rank == {rank}, 'rank differs'",
        f'print("verified: rank =", {rank})',
    )
    return Solution("rank", Result(type="scalar", value=float(rank), exact=str(rank)), text, check)


@operation("rref")
def _rref(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the reduced row echelon form")
    elim = eliminate(A)
    R = elim.rref
    text = f"$$ \\operatorname{{rref}}(A) = {tex(R)} $$\n\n" + elim.markdown()
    check = _code(
        f"A = np.array({lit(A)})",
        f"R = np.array({lit(R)})",
        "rank = np.linalg.matrix_rank(A)",
        "# same row space: stacking R under A adds no new directions",
        "assert np.linalg.matrix_rank(np.vstack([A, R])) == rank == np.linalg.matrix_rank(R)",
        "# reduced echelon shape: leading 1s moving right, zeros around them, zero rows last",
        "lead = -1",
        "for i, row in enumerate(R):",
        "    nz = np.flatnonzero(np.abs(row) > 1e-12)",
        "    if len(nz) == 0:",
        "        assert not np.abs(R[i:]).any(), 'zero rows must come last'",
        "        break",
        "    j = nz[0]",
        "    assert j > lead and abs(row[j] - 1) < 1e-12, 'pivot must be 1, right of the last'",
        "    assert np.count_nonzero(np.abs(R[:, j]) > 1e-12) == 1, 'pivot column must be clear'",
        "    lead = j",
        'print("verified: R is in reduced row echelon form with the row space of A")',
    )
    return Solution(
        "rref", Result(type="matrix", value=_matrix_value(R), exact=_exact_matrix(R)), text, check
    )


def _basis_result(vectors: list[list[sp.Expr]]) -> Result:
    return Result(
        type="subspace",
        value=[_vector(v) for v in vectors],
        exact=[_exact_list(v) for v in vectors] if all(_exact_list(v) for v in vectors) else None,
    )


@operation("nullspace")
def _nullspace(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the null space")
    elim = eliminate(A)
    basis = [list(v) for v in A.nullspace()]
    free = [c for c in range(A.shape[1]) if c not in elim.pivots]
    if basis:
        listed = ", ".join(f"${tex(list(v))}$" for v in basis)
        answer = f"A basis of the null space: {listed} (one vector per free variable)."
    else:
        answer = "The null space is only the zero vector: every column has a pivot."
    text = (
        f"{answer}\n\nRow reduce $A$; the free variables are "
        f"{', '.join(f'$x_{{{c + 1}}}$' for c in free) or 'none'}; set each free variable to 1 "
        "in turn (the others 0) and solve for the pivot variables.\n\n" + elim.markdown()
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"N = np.array({lit(basis)}).reshape({len(basis)}, {A.shape[1]})",
        "assert np.allclose(A @ N.T, 0, atol=1e-9), 'A v must be 0 for every basis vector'",
        "dimension = A.shape[1] - np.linalg.matrix_rank(A)  # rank–nullity, rank by SVD",
        'print("nullity by SVD:", dimension)',
        "assert len(N) == dimension and (len(N) == 0 or np.linalg.matrix_rank(N) == len(N))",
        'print("verified: A v = 0 for each vector, they are independent, and there are",'
        ' dimension, "of them")',
    )
    return Solution("nullspace", _basis_result(basis), text, check)


@operation("in_nullspace")
def _in_nullspace(parsed: Parsed) -> Solution:
    if len(parsed.matrices) != 1 or len(parsed.vectors) != 1:
        raise Decline("Ask like: is (1, 1, 2) in the null space of [[1, 1, -1]]?")
    A = _matrix(parsed.matrices[0])
    v = sp.Matrix(parsed.vectors[0].as_vector())
    if A.shape[1] != v.shape[0]:
        raise Decline(f"A has {A.shape[1]} columns but the vector has {v.shape[0]} entries.")
    product = A * v
    inside = all(x == 0 for x in product)
    text = f"**{'Yes' if inside else 'No'}.** $A v = {tex(list(product))}$" + (
        " is the zero vector." if inside else " is not zero."
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"v = np.array({lit(list(v))})",
        "print('A @ v =', A @ v)",
        f"assert np.allclose(A @ v, 0, atol=1e-12) == {inside}",
        f'print("verified: in the null space is", {inside})',
    )
    return _boolean("in_nullspace", inside, text, check)


@operation("is_eigenvector")
def _is_eigenvector(parsed: Parsed) -> Solution:
    if len(parsed.matrices) != 1 or len(parsed.vectors) != 1:
        raise Decline("Ask like: is (1, 1) an eigenvector of [[2, 1], [1, 2]]?")
    A = _square(_matrix(parsed.matrices[0]), "Eigenvectors are")
    v = sp.Matrix(parsed.vectors[0].as_vector())
    if A.shape[1] != v.shape[0]:
        raise Decline(f"A is {A.shape[0]}×{A.shape[1]} but the vector has {v.shape[0]} entries.")
    if all(x == 0 for x in v):
        raise Decline("the zero vector is never an eigenvector.")
    w = A * v
    pivot = next(i for i in range(v.shape[0]) if v[i] != 0)
    ratio = w[pivot] / v[pivot]
    answer = w == ratio * v
    text = f"**{'Yes' if answer else 'No'}.** $A v = {tex(list(w))}$" + (
        f" $= {sp.latex(ratio)}\\, v$: an eigenvector with eigenvalue ${sp.latex(ratio)}$."
        if answer
        else " is not a multiple of $v$."
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"v = np.array({lit(list(v))})",
        "w = A @ v",
        "parallel = np.linalg.matrix_rank(np.column_stack([v, w]), tol=1e-10) == 1",
        "print('A @ v =', w, ' parallel to v:', parallel)",
        f"assert parallel == {answer}",
        f'print("verified: eigenvector is", {answer})',
    )
    return _boolean("is_eigenvector", bool(answer), text, check)


@operation("nullity")
def _nullity(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the nullity")
    elim = eliminate(A)
    rank = len(elim.pivots)
    nullity = A.shape[1] - rank
    text = (
        f"The null space has dimension **{nullity}** (the nullity): {A.shape[1]} columns minus "
        f"rank {rank} (rank–nullity), one dimension per free variable.\n\n" + elim.markdown()
    )
    check = _code(
        f"A = np.array({lit(A)})",
        "s = np.linalg.svd(A, compute_uv=False)",
        "zero_directions = A.shape[1] - int((s > 1e-10 * max(1.0, s.max())).sum())",
        'print("columns minus nonzero singular values:", zero_directions)',
        f"assert zero_directions == {nullity}",
        f'print("verified: nullity =", {nullity})',
    )
    return Solution(
        "nullity", Result(type="scalar", value=float(nullity), exact=str(nullity)), text, check
    )


@operation("colspace")
def _colspace(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the column space")
    elim = eliminate(A)
    basis = [list(A[:, c]) for c in elim.pivots]
    text = (
        "A basis of the column space: the pivot columns of $A$ itself, columns "
        f"{', '.join(str(p + 1) for p in elim.pivots)}: "
        + ", ".join(f"${tex(v)}$" for v in basis)
        + "\n\n"
        + elim.markdown()
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"B = np.array({lit(basis)}).reshape({len(basis)}, {A.shape[0]}).T",
        "rank = np.linalg.matrix_rank(A)",
        "assert B.shape[1] == rank == np.linalg.matrix_rank(B), 'wrong number of vectors'",
        "assert np.linalg.matrix_rank(np.hstack([A, B])) == rank, 'a vector is outside C(A)'",
        'print("verified: the", rank, "vectors are independent and span the columns of A")',
    )
    return Solution("colspace", _basis_result(basis), text, check)


@operation("rowspace")
def _rowspace(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the row space")
    elim = eliminate(A)
    basis = [list(elim.rref[i, :]) for i in range(len(elim.pivots))]
    text = "A basis of the row space: the nonzero rows of rref(A): " + ", ".join(
        f"${tex(v)}$" for v in basis
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"B = np.array({lit(basis)}).reshape({len(basis)}, {A.shape[1]})",
        "rank = np.linalg.matrix_rank(A)",
        "assert len(B) == rank == np.linalg.matrix_rank(B)",
        "assert np.linalg.matrix_rank(np.vstack([A, B])) == rank",
        'print("verified: the vectors are independent and span the rows of A")',
    )
    return Solution("rowspace", _basis_result(basis), text, check)


# --- systems -------------------------------------------------------------------------------


def _classify_system(A: sp.Matrix, b: sp.Matrix) -> tuple[str, sp.Matrix | None, Elimination]:
    n = A.shape[1]
    elim = eliminate(A.row_join(b), columns=n)
    rank_a = len(elim.pivots)
    inconsistent = any(
        all(elim.rref[r, c] == 0 for c in range(n)) and elim.rref[r, n] != 0
        for r in range(A.shape[0])
    )
    if inconsistent:
        return "none", None, elim
    if rank_a < n:
        return "infinite", None, elim
    x = sp.Matrix([elim.rref[i, n] for i in range(n)])
    return "unique", x, elim


def _system_check(A: sp.Matrix, b: sp.Matrix, kind: str, x: sp.Matrix | None) -> str:
    lines = [f"A = np.array({lit(A)})", f"b = np.array({lit(list(b))})"]
    if kind == "unique":
        assert x is not None
        lines += [
            f"x = np.array({lit(list(x))})",
            "print('residual A @ x - b =', A @ x - b)",
            "assert np.allclose(A @ x, b, atol=1e-9), 'x does not solve the system'",
            "assert np.linalg.matrix_rank(A) == A.shape[1], 'the solution is not unique'",
            'print("verified: A x = b, and A has full column rank, so x is the only solution")',
        ]
    elif kind == "none":
        lines += [
            "Ab = np.column_stack([A, b])",
            "print('rank A =', np.linalg.matrix_rank(A), ' rank [A|b] =', np.linalg.matrix_rank(Ab))",
            "assert np.linalg.matrix_rank(A) < np.linalg.matrix_rank(Ab)",
            'print("verified: b is not in the column space of A, so there is no solution")',
        ]
    else:
        lines += [
            "Ab = np.column_stack([A, b])",
            "r = np.linalg.matrix_rank(A)",
            "print('rank A =', r, ' rank [A|b] =', np.linalg.matrix_rank(Ab), ' unknowns =', A.shape[1])",
            "assert r == np.linalg.matrix_rank(Ab) < A.shape[1]",
            'print("verified: consistent, with free variables: infinitely many solutions")',
        ]
    return _code(*lines)


def _system_text(kind: str, elim: Elimination, n: int) -> str:
    steps = elim.markdown(split=n)
    if kind == "none":
        head = (
            "**No solution.** Elimination produces a row $[0 \\; \\cdots \\; 0 \\mid c]$ with "
            "$c \\neq 0$, i.e. the equation $0 = c$."
        )
    elif kind == "infinite":
        head = (
            "**Infinitely many solutions.** The system is consistent but has free variables "
            "(fewer pivots than unknowns)."
        )
    else:
        head = ""
    return head + "\n\nRow reduce the augmented matrix $[A \\mid b]$:\n\n" + steps


@operation("solve_equations")
def _solve_equations(parsed: Parsed) -> Solution:
    equations = parsed.equations
    symbols = sorted(set().union(*(e.symbols for e in equations)), key=lambda s: s.name)
    if len(symbols) > 10:
        raise Decline("that is more unknowns than I solve by hand (10 at most).")
    rows, rhs = [], []
    for equation in equations:
        expr = sp.expand(equation.lhs - equation.rhs)
        poly = sp.Poly(expr, *symbols)
        if poly.total_degree() > 1:
            raise Decline(
                f"“{equation.text}” is not linear, and I solve linear systems only.",
                "Write each equation as a sum of numbers times unknowns.",
            )
        rows.append([expr.coeff(s) for s in symbols])
        rhs.append(-expr.subs(dict.fromkeys(symbols, 0)))
    A, b = sp.Matrix(rows), sp.Matrix(rhs)
    kind, x, elim = _classify_system(A, b)
    names = [s.name for s in symbols]
    wanted = parsed.unknowns or names
    missing = [w for w in wanted if w not in names]
    if missing:
        raise Decline(f"{', '.join(missing)} does not appear in the equations.")
    setup = (
        f"Unknowns ${', '.join(names)}$; as a matrix equation $A x = b$ with "
        f"$A = {tex(A)}$, $b = {tex(list(b))}$.\n\n"
    )
    text = setup + _system_text(kind, elim, len(symbols))
    check = _system_check(A, b, kind, x)
    if kind == "none":
        return Solution("solve", Result(type="no_solution"), text, check)
    if kind == "infinite":
        return Solution("solve", Result(type="infinite_solutions"), text, check)
    assert x is not None
    values = dict(zip(names, list(x), strict=True))
    found = ", ".join(f"${n} = {sp.latex(values[n])}$" for n in wanted)
    text = f"{found}\n\n{text}"
    return Solution(
        "solve",
        Result(
            type="solution",
            value={n: num(values[n]) for n in wanted},
            exact={n: exact(values[n]) for n in wanted},
        ),
        text,
        check,
    )


def _matrix_and_vector(parsed: Parsed, what: str) -> tuple[sp.Matrix, sp.Matrix]:
    a_name, _x, b_name = parsed.matrix_equation or ("A", "x", "b")
    A_obj = parsed.named(a_name) or (parsed.matrices[0] if len(parsed.matrices) == 1 else None)
    b_obj = parsed.named(b_name) or (parsed.vectors[0] if len(parsed.vectors) == 1 else None)
    if A_obj is None or b_obj is None:
        raise Decline(
            f"{what} needs a matrix A and a vector b.",
            "Write it like: solve Ax = b for A = [[1, 2], [3, 4]] and b = [5, 6]",
        )
    A = _matrix(A_obj)
    b = sp.Matrix(b_obj.as_vector())
    if A.shape[0] != b.shape[0]:
        raise Decline(f"A has {A.shape[0]} rows but b has {b.shape[0]} entries.")
    return A, b


@operation("solve_matrix")
def _solve_matrix(parsed: Parsed) -> Solution:
    A, b = _matrix_and_vector(parsed, "Solving Ax = b")
    kind, x, elim = _classify_system(A, b)
    name = _unknown_vector(parsed)
    text = _system_text(kind, elim, A.shape[1])
    check = _system_check(A, b, kind, x)
    if kind == "none":
        return Solution("solve", Result(type="no_solution"), text, check)
    if kind == "infinite":
        return Solution("solve", Result(type="infinite_solutions"), text, check)
    assert x is not None
    text = f"$$ {name} = {tex(list(x))} $$\n\n{text}"
    return Solution(
        "solve",
        Result(type="solution", value={name: _vector(list(x))}, exact={name: _exact_list(list(x))}),
        text,
        check,
    )


def _unknown_vector(parsed: Parsed) -> str:
    if parsed.matrix_equation is not None:
        return parsed.matrix_equation[1]
    return parsed.unknowns[0] if len(parsed.unknowns) == 1 else "x"


def _fit_design(parsed: Parsed) -> tuple[sp.Matrix, sp.Matrix, list[str], str]:
    """Fitting a model to points by least squares: the design matrix, the targets, the
    parameter names and the model as LaTeX. The model is the question's equation
    (``y = m*t + c``, ``y = a + b x + c x^2``) or a straight line."""
    points = [obj.as_vector() for obj in parsed.vectors]
    if len(points) < 2 or any(len(p) != 2 for p in points):
        raise Decline(
            "to fit a model I need at least two points (t, y).",
            "For example: fit the line y = m*t + c to (0, 6), (1, 0), (2, 0) by least squares",
        )
    if parsed.equations:
        model = parsed.equations[0]
        rhs = model.rhs if model.lhs.is_Symbol else model.lhs
        symbols = sorted(rhs.free_symbols, key=lambda sym: sym.name)
        preferred = [sym for sym in symbols if sym.name in ("x", "t")]
        variable = preferred[0] if preferred else None
        params = [sym for sym in symbols if sym != variable]
        poly = sp.Poly(rhs, *params) if params else None
        if variable is None or not params or poly is None or poly.total_degree() > 1:
            raise Decline("I fit models that are linear in their parameters, like y = m*t + c.")
        if sp.expand(rhs - sum(sp.diff(rhs, p) * p for p in params)) != 0:
            raise Decline("the model has a constant term without a parameter; I cannot fit that.")
        rows = [[sp.diff(rhs, p).subs(variable, t) for p in params] for t, _ in points]
        return (
            sp.Matrix(rows),
            sp.Matrix([y for _, y in points]),
            [p.name for p in params],
            f"y = {sp.latex(rhs)}",
        )
    rows = [[t, 1] for t, _ in points]
    return sp.Matrix(rows), sp.Matrix([y for _, y in points]), ["slope", "intercept"], "y = m t + c"


@operation("least_squares")
def _least_squares(parsed: Parsed) -> Solution:
    if not parsed.matrices:
        A, b, names, model = _fit_design(parsed)
        solution = _least_squares_solution(A, b)
        x = solution.result.value["x"]
        exact_x = (solution.result.exact or {}).get("x")
        solution.result = Result(
            type="solution",
            value=dict(zip(names, x, strict=True)),
            exact=dict(zip(names, exact_x, strict=True)) if exact_x else None,
        )
        solution.text = (
            f"Fit ${model}$: one equation per point gives $A p \\approx b$ with "
            f"$A = {tex(A)}$, $b = {tex(list(b))}$.\n\n{solution.text}"
        )
        return solution
    A, b = _matrix_and_vector(parsed, "Least squares")
    solution = _least_squares_solution(A, b)
    name = _unknown_vector(parsed)
    if name != "x":
        solution.result.value = {name: solution.result.value["x"]}
        solution.result.exact = {name: (solution.result.exact or {}).get("x")}
    return solution


def _least_squares_solution(A: sp.Matrix, b: sp.Matrix) -> Solution:
    AtA = A.T * A
    if AtA.det() == 0:
        raise Decline(
            "the columns of A are dependent, so the least-squares solution is not unique."
        )
    x = AtA.inv() * A.T * b
    text = (
        f"Solve the normal equations $A^T A \\hat x = A^T b$:\n\n$A^T A = {tex(AtA)}$, "
        f"$A^T b = {tex(list(A.T * b))}$, so $$\\hat x = (A^T A)^{{-1}} A^T b = "
        f"{tex(list(x))}$$"
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"b = np.array({lit(list(b))})",
        f"x = np.array({lit(list(x))})",
        "reference, *_ = np.linalg.lstsq(A, b, rcond=None)  # SVD-based, not the normal equations",
        'print("np.linalg.lstsq:", reference)',
        "assert np.allclose(x, reference, atol=1e-9)",
        "assert np.allclose(A.T @ (A @ x - b), 0, atol=1e-9), 'residual not orthogonal to C(A)'",
        'print("verified: the residual is orthogonal to the columns of A")',
    )
    name = "x"
    return Solution(
        "least_squares",
        Result(type="solution", value={name: _vector(list(x))}, exact={name: _exact_list(list(x))}),
        text,
        check,
    )


# --- eigen ---------------------------------------------------------------------------------

lam = sp.Symbol("lambda")


def _eigenvalues(A: sp.Matrix) -> tuple[list[sp.Expr], sp.Poly, bool]:
    """Eigenvalues repeated by multiplicity, the characteristic polynomial, and whether
    they are exact."""
    poly = (lam * sp.eye(A.shape[0]) - A).det(method="berkowitz")
    poly = sp.Poly(sp.expand(poly), lam)
    roots = sp.roots(poly, multiple=False)
    if sum(roots.values()) == poly.degree() and all(sp.count_ops(r) < 40 for r in roots):
        values = [r for r, m in roots.items() for _ in range(m)]
        return values, poly, True
    return [sp.Float(r, 15) if r.is_real else r for r in poly.nroots(n=15)], poly, False


def _sort_key(value: sp.Expr) -> tuple[float, float]:
    number = complex(sp.N(value))
    return (round(number.real, 9), round(number.imag, 9))


def _numeric_eigenvalues(A: sp.Matrix) -> Solution:
    """Eigenvalues of a matrix too large for exact roots: LAPACK's QR algorithm, checked
    by what it does not use — each λ makes A − λI singular (its smallest singular value),
    and the power sums match traces: Σλ = tr A, Σλ² = tr A², Σλ³ = tr A³."""
    import numpy as np

    M = np.array(A.tolist(), dtype=float)
    found = sorted(np.linalg.eigvals(M), key=lambda z: (round(z.real, 9), round(z.imag, 9)))
    values = [complex(z) for z in found]
    shown = ", ".join(
        f"${v.real:.6g}$" if abs(v.imag) < 1e-12 else f"${v.real:.6g} {v.imag:+.6g}i$"
        for v in values
    )
    text = (
        f"Eigenvalues (with multiplicity): {shown}.\n\nThis matrix is "
        f"{A.shape[0]}×{A.shape[0]}: its characteristic polynomial has degree "
        f"{A.shape[0]}, so the eigenvalues are computed numerically (the QR algorithm) rather "
        "than as exact roots."
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = np.array({values!r})",
        "n, scale = len(A), max(1.0, np.abs(A).max())",
        "for lam in claimed:  # A - lam I must be singular",
        "    s_min = np.linalg.svd(A - lam * np.eye(n), compute_uv=False)[-1]",
        "    assert s_min <= 1e-8 * scale * n, f'{lam} is not an eigenvalue'",
        "for k in (1, 2, 3):  # Newton's identities: sums of powers are traces of powers",
        "    trace = np.trace(np.linalg.matrix_power(A, k))",
        "    print(f'sum of lambda^{k} = {np.sum(claimed ** k).real:.6g}, trace(A^{k}) = {trace:.6g}')",
        "    assert abs(np.sum(claimed ** k) - trace) <= 1e-8 * max(1.0, abs(trace)) * n ** k",
        'print("verified: each value makes A - lambda I singular; power sums match traces")',
    )
    return Solution(
        "eigenvalues", Result(type="multiset", value=[num(v) for v in values]), text, check
    )


@operation("eigenvalues")
def _eigenvalues_op(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "eigenvalues"), "Eigenvalues are")
    if A.shape[0] > EXACT_LIMIT:
        return _numeric_eigenvalues(A)
    values, poly, is_exact = _eigenvalues(A)
    values.sort(key=_sort_key)
    listed = ", ".join(f"${sp.latex(v)}$" for v in values)
    text = (
        f"Eigenvalues (with multiplicity): {listed}.\n\nThey are the roots of the "
        f"characteristic polynomial $$\\det(\\lambda I - A) = {sp.latex(poly.as_expr())}$$"
    )
    if not is_exact:
        text += "\n\n(Roots found numerically: the polynomial has no simple closed form.)"
    claimed = [complex(sp.N(v)) for v in values]
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = np.array({claimed!r})",
        "independent = np.linalg.eigvals(A)  # LAPACK's QR algorithm, not polynomial roots",
        'print("np.linalg.eigvals:", np.sort_complex(independent))',
        "scale = max(1.0, np.abs(A).max())",
        "for lam in claimed:",
        "    gap = np.abs(independent - lam).min()",
        "    assert gap <= 1e-6 * scale, f'{lam} is not an eigenvalue'",
        "assert np.allclose(np.sort_complex(claimed), np.sort_complex(independent), atol=1e-6 * scale)",
        'print("verified: the same eigenvalues, with the same multiplicities")',
    )
    return Solution(
        "eigenvalues",
        Result(
            type="multiset",
            value=[num(v) for v in values],
            exact=_exact_list(values) if is_exact else None,
        ),
        text,
        check,
    )


@operation("charpoly")
def _charpoly(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "the characteristic polynomial"), "It is")
    poly = sp.Poly(sp.expand((lam * sp.eye(A.shape[0]) - A).det(method="berkowitz")), lam)
    coefficients = poly.all_coeffs()
    text = f"$$ p(\\lambda) = \\det(\\lambda I - A) = {sp.latex(poly.as_expr())} $$"
    if A.shape[0] == 2:
        text += (
            f"\n\nFor a 2×2 matrix, $p(\\lambda) = \\lambda^2 - (\\operatorname{{tr}} A)\\lambda"
            f" + \\det A$ with $\\operatorname{{tr}} A = {sp.latex(A.trace())}$ and "
            f"$\\det A = {sp.latex(A.det())}$."
        )
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = np.array({lit(coefficients)})",
        "independent = np.poly(A)  # from the eigenvalues LAPACK computes",
        'print("np.poly(A):", independent)',
        "assert np.allclose(claimed, independent, rtol=1e-7, atol=1e-7 * max(1, np.abs(A).max()) ** len(A))",
        'print("verified: the same coefficients, highest degree first")',
    )
    return Solution(
        "charpoly",
        Result(
            type="polynomial", value=[num(c) for c in coefficients], exact=_exact_list(coefficients)
        ),
        text,
        check,
    )


def _eigenspaces(A: sp.Matrix) -> list[tuple[sp.Expr, int, list[list[sp.Expr]]]]:
    values, _poly, is_exact = _eigenvalues(A)
    if not is_exact:
        raise Decline(
            "the eigenvalues of this matrix have no simple exact form, so I cannot give "
            "exact eigenvectors.",
            "Ask for its eigenvalues instead.",
        )
    out = []
    for value in sorted(set(values), key=_sort_key):
        space = (A - value * sp.eye(A.shape[0])).nullspace(simplify=True)
        vectors = [[sp.simplify(x) for x in v] for v in space]
        out.append((value, values.count(value), vectors))
    return out


@operation("eigenvectors")
def _eigenvectors(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "eigenvectors"), "Eigenvectors are")
    spaces = _eigenspaces(A)
    lines = []
    for value, mult, vectors in spaces:
        vecs = ", ".join(f"${tex(v)}$" for v in vectors)
        lines.append(
            f"- $\\lambda = {sp.latex(value)}$ (algebraic multiplicity {mult}): solve "
            f"$(A - {sp.latex(value)} I) v = 0$ → {vecs}"
        )
    text = "Eigenvalues and eigenvectors:\n\n" + "\n".join(lines)
    pairs = [
        (complex(sp.N(v)), [[complex(sp.N(x)) for x in vec] for vec in vecs])
        for v, _, vecs in spaces
    ]
    check = _code(
        f"A = np.array({lit(A)})",
        f"pairs = {pairs!r}",
        "n = len(A)",
        "for lam, vectors in pairs:",
        "    V = np.array(vectors).T",
        "    assert np.allclose(A @ V, lam * V, atol=1e-8), f'A v != {lam} v'",
        "    # the eigenspace dimension, independently: n - rank(A - lam I) by SVD",
        "    dim = n - np.linalg.matrix_rank(A - lam * np.eye(n), tol=1e-8)",
        "    print('lambda =', lam, ' A v = lambda v for', V.shape[1], 'vector(s); eigenspace dimension', dim)",
        "    assert V.shape[1] == dim == np.linalg.matrix_rank(V)",
        "found = sorted(np.round(np.linalg.eigvals(A), 6), key=lambda z: (z.real, z.imag))",
        "assert all(np.isclose(found, lam, atol=1e-6).any() for lam, _ in pairs)",
        'print("verified: every pair satisfies A v = lambda v and spans its whole eigenspace")',
    )
    value = [
        {"eigenvalue": num(v), "eigenvectors": [_vector(vec) for vec in vecs]}
        for v, _, vecs in spaces
    ]
    return Solution("eigenvectors", Result(type="eigenpairs", value=value), text, check)


@operation("diagonalizable")
def _diagonalizable(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "diagonalizability"), "Diagonalizability is defined")
    spaces = _eigenspaces(A)
    n = A.shape[0]
    geometric = sum(len(vecs) for _, _, vecs in spaces)
    answer = geometric == n
    lines = [
        f"- $\\lambda = {sp.latex(v)}$: algebraic multiplicity {m}, geometric multiplicity "
        f"{len(vecs)}"
        for v, m, vecs in spaces
    ]
    text = (
        f"**{'Yes' if answer else 'No'}** — it {'is' if answer else 'is not'} diagonalizable: "
        f"its eigenvectors span a space of dimension {geometric} out of {n}.\n\n" + "\n".join(lines)
    )
    check = _code(
        "import sympy",
        f"A = sympy.Matrix({[[str(x) for x in row] for row in A.tolist()]!r})",
        "P, J = A.jordan_form()  # Jordan blocks: all 1×1 exactly when diagonalizable",
        "print('Jordan form:', J.tolist())",
        "off_diagonal = any(J[i, i + 1] != 0 for i in range(J.shape[0] - 1))",
        f"assert (not off_diagonal) == {answer}",
        f'print("verified: diagonalizable is", {answer})',
    )
    return Solution("diagonalizable", Result(type="boolean", value=answer), text, check)


# --- SVD, conditioning, QR --------------------------------------------------------------------


def _singular_values(A: sp.Matrix) -> tuple[list[sp.Expr], bool]:
    gram = A.T * A if A.shape[0] >= A.shape[1] else A * A.T
    values, _poly, is_exact = _eigenvalues(gram)
    out = []
    for value in values:
        real = sp.re(value) if is_exact else sp.Float(complex(sp.N(value)).real)
        real = sp.Max(real, 0) if is_exact else sp.Float(max(float(real), 0.0))
        out.append(sp.sqrt(real) if is_exact else sp.Float(math.sqrt(float(real))))
    out.sort(key=lambda v: -float(sp.N(v)))
    return out, is_exact


@operation("singular_values")
def _singular_values_op(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "singular values")
    values, is_exact = _singular_values(A)
    gram = "A^T A" if A.shape[0] >= A.shape[1] else "A A^T"
    text = (
        f"Singular values: {', '.join(f'${sp.latex(v)}$' for v in values)}.\n\nThey are the "
        f"square roots of the eigenvalues of ${gram}$"
        f" $= {tex(A.T * A if A.shape[0] >= A.shape[1] else A * A.T)}$."
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = np.array({lit(values)})",
        "independent = np.linalg.svd(A, compute_uv=False)  # LAPACK SVD",
        'print("np.linalg.svd:", independent)',
        "assert np.allclose(np.sort(claimed), np.sort(independent), atol=1e-8 * max(1, independent.max()))",
        'print("verified: the same singular values")',
    )
    return Solution(
        "singular_values",
        Result(
            type="multiset",
            value=[num(v) for v in values],
            exact=_exact_list(values) if is_exact else None,
        ),
        text,
        check,
    )


@operation("condition_number")
def _condition(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "the condition number")
    values, _ = _singular_values(A)
    smallest = values[min(A.shape) - 1]
    if sp.N(smallest) == 0 or float(sp.N(smallest)) < 1e-13 * float(sp.N(values[0])):
        raise Decline("this matrix is singular: its condition number is infinite.")
    kappa = sp.simplify(values[0] / smallest)
    text = (
        f"$$\\kappa_2(A) = \\frac{{\\sigma_{{\\max}}}}{{\\sigma_{{\\min}}}} = "
        f"\\frac{{{sp.latex(values[0])}}}{{{sp.latex(smallest)}}} = {sp.latex(kappa)} "
        f"\\approx {float(sp.N(kappa)):.6g}$$\n\n(2-norm condition number, from the singular "
        "values.)"
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"claimed = {lit(kappa)}",
        "independent = np.linalg.cond(A)",
        'print("np.linalg.cond(A) =", independent)',
        "assert abs(claimed - independent) <= 1e-7 * independent",
        'print("verified: condition number", claimed)',
    )
    return Solution(
        "condition_number", Result(type="scalar", value=num(kappa), exact=exact(kappa)), text, check
    )


def _gram_schmidt(columns: list[sp.Matrix]) -> tuple[list[sp.Matrix], sp.Matrix, list[str]]:
    qs: list[sp.Matrix] = []
    R = sp.zeros(len(columns), len(columns))
    lines = []
    for j, a in enumerate(columns):
        v = sp.Matrix(a)
        parts = []
        for i, q in enumerate(qs):
            R[i, j] = sp.simplify((q.T * a)[0])
            v = v - R[i, j] * q
            parts.append(f"({sp.latex(R[i, j])}) q_{{{i + 1}}}")
        norm = sp.sqrt(sp.simplify((v.T * v)[0]))
        if norm == 0:
            raise Decline(
                f"vector {j + 1} depends on the ones before it, so Gram–Schmidt stops there "
                "(the vectors are not independent)."
            )
        R[j, j] = sp.simplify(norm)
        q = sp.simplify(v / norm)
        qs.append(q)
        minus = " - ".join(parts)
        lines.append(
            f"- $v_{{{j + 1}}} = a_{{{j + 1}}}"
            + (f" - {minus}" if parts else "")
            + f" = {tex(list(sp.simplify(v)))}$, $\\|v_{{{j + 1}}}\\| = {sp.latex(R[j, j])}$, "
            f"$q_{{{j + 1}}} = {tex(list(q))}$"
        )
    return qs, R, lines


@operation("qr")
def _qr(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "a QR decomposition")
    if A.shape[0] < A.shape[1]:
        raise Decline("I compute QR for matrices with at least as many rows as columns.")
    qs, R, lines = _gram_schmidt([A[:, j] for j in range(A.shape[1])])
    Q = sp.Matrix.hstack(*qs)
    text = (
        "Gram–Schmidt on the columns of $A$ (subtract the projections on earlier $q$'s, then "
        "normalise):\n\n" + "\n".join(lines) + f"\n\n$$Q = {tex(Q)}, \\quad R = Q^T A = {tex(R)}$$"
    )
    check = _code(
        f"A = np.array({lit(A)})",
        f"Q = np.array({lit(Q)})",
        f"R = np.array({lit(R)})",
        "assert np.allclose(Q @ R, A, atol=1e-9), 'QR != A'",
        "assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-9), 'Q has no orthonormal columns'",
        "assert np.allclose(R, np.triu(R)), 'R is not upper triangular'",
        'print("verified: Q R = A, Q^T Q = I, R upper triangular")',
    )
    value = {"Q": _matrix_value(Q), "R": _matrix_value(R)}
    return Solution("qr", Result(type="qr", value=value), text, check)


@operation("gram_schmidt")
def _gram_schmidt_op(parsed: Parsed) -> Solution:
    if parsed.matrices and not parsed.vectors:
        A = _one_matrix(parsed, "Gram–Schmidt")
        if parsed.has_word("rows"):
            A = A.T
        vectors = [A[:, j] for j in range(A.shape[1])]
    else:
        vectors = [sp.Matrix(v) for v in _vectors(parsed, None, "Gram–Schmidt")]
    if len(vectors) < 1:
        raise Decline("Gram–Schmidt needs vectors.")
    qs, _R, lines = _gram_schmidt(vectors)
    text = "An orthonormal basis for their span:\n\n" + "\n".join(lines)
    check = _code(
        f"V = np.array({lit([list(v) for v in vectors])}).T",
        f"Q = np.array({lit([list(q) for q in qs])}).T",
        "assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-9), 'not orthonormal'",
        "assert np.linalg.matrix_rank(np.hstack([V, Q])) == np.linalg.matrix_rank(V) == Q.shape[1]",
        'print("verified: orthonormal, and the same span as the given vectors")',
    )
    return Solution("gram_schmidt", _basis_result([list(q) for q in qs]), text, check)


# --- properties (yes / no) ----------------------------------------------------------------------


def _boolean(name: str, answer: bool, text: str, check: str) -> Solution:
    return Solution(name, Result(type="boolean", value=answer), text, check)


def _negated(solution: Solution) -> Solution:
    """``Is A not invertible?``: the same check, the opposite answer."""
    value = not solution.result.value
    solution.result = Result(type="boolean", value=value)
    body = re.sub(r"^\*\*(Yes|No)\.\*\*\s*", "", solution.text)
    solution.text = f"**{'Yes' if value else 'No'}** (you asked whether it is *not*). {body}"
    return solution


@operation("invertible")
def _invertible(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "invertibility"), "Invertibility is defined")
    det = A.det(method="bareiss")
    invertible = det != 0
    asks_singular = parsed.has_word("singular") and not parsed.has_word("nonsingular", "non")
    answer = (not invertible) if asks_singular else invertible
    verdict = "invertible" if invertible else "singular (not invertible)"
    text = f"**{'Yes' if answer else 'No'}.** $\\det A = {sp.latex(det)}$, so $A$ is {verdict}."
    check = _code(
        f"A = np.array({lit(A)})",
        "s = np.linalg.svd(A, compute_uv=False)",
        'print("singular values:", s)',
        "invertible = s[-1] > 1e-10 * max(1.0, s[0])",
        f"assert invertible == {invertible}",
        f'print("verified: invertible is", {invertible})',
    )
    return _boolean("invertible", answer, text, check)


@operation("independent")
def _independent(parsed: Parsed) -> Solution:
    A = _one_matrix(parsed, "independence")
    if parsed.matrices and parsed.has_word("rows"):
        A = A.T
    rank = len(eliminate(A).pivots)
    independent = rank == A.shape[1]
    asks_dependent = parsed.has_word("dependent") and not parsed.has_word("independent")
    answer = (not independent) if asks_dependent else independent
    text = (
        f"**{'Yes' if answer else 'No'}.** Put the vectors in the columns of a matrix: it has "
        f"rank {rank} with {A.shape[1]} columns, so they are "
        f"{'independent' if independent else 'dependent'}."
    )
    check = _code(
        f"V = np.array({lit(A)})",
        "rank = np.linalg.matrix_rank(V)",
        'print("rank by SVD:", rank, "of", V.shape[1], "vectors")',
        f"assert (rank == V.shape[1]) == {independent}",
        f'print("verified: independent is", {independent})',
    )
    return _boolean("independent", answer, text, check)


_SPAN_PHRASES = ("span of", "combination of", "combinations of", "span")


@operation("span")
def _span(parsed: Parsed) -> Solution:
    usage = "Ask like: is (1, 2, 3) in the span of (1, 0, 0) and (0, 1, 1)?"
    if len(parsed.matrices) == 1 and len(parsed.vectors) == 1:
        S = _matrix(parsed.matrices[0])  # "in the column space of A"
        targets = [parsed.vectors[0].as_vector()]
    else:
        after: list[MathObject] = []
        for phrase in _SPAN_PHRASES:
            after = parsed.objects_after(phrase)
            if after:
                break
        spanning = [obj.as_vector() for obj in after]
        targets = [obj.as_vector() for obj in parsed.objects if obj not in after]
        if len(targets) != 1 or not spanning:
            raise Decline(usage)
        if len({len(v) for v in [*spanning, *targets]}) > 1:
            raise Decline("these vectors have different lengths.")
        S = sp.Matrix.hstack(*[sp.Matrix(v) for v in spanning])
    if S.shape[0] != len(targets[0]):
        raise Decline(
            f"the vector has {len(targets[0])} entries but the space is in R^{S.shape[0]}."
        )
    v = sp.Matrix(targets[0])
    rank_s = len(eliminate(S).pivots)
    rank_sv = len(eliminate(S.row_join(v)).pivots)
    inside = rank_s == rank_sv
    text = (
        f"**{'Yes' if inside else 'No'}.** Adding the vector to the spanning set "
        f"{'keeps' if inside else 'raises'} the rank ({rank_s} → {rank_sv})"
        + (", so it is a combination of them." if inside else ", so it points somewhere new.")
    )
    check = _code(
        f"S = np.array({lit(S)})",
        f"v = np.array({lit(list(v))})",
        "c, *_ = np.linalg.lstsq(S, v, rcond=None)",
        "residual = np.linalg.norm(S @ c - v)",
        'print("best combination:", c, " residual:", residual)',
        f"assert (residual < 1e-9 * max(1, np.linalg.norm(v))) == {inside}",
        f'print("verified: in the span is", {inside})',
    )
    return _boolean("span", inside, text, check)


@operation("orthogonal")
def _orthogonal(parsed: Parsed) -> Solution:
    if parsed.matrices and not parsed.vectors:
        Q = _square(_one_matrix(parsed, "orthogonality"), "An orthogonal matrix is")
        answer = sp.eye(Q.shape[0]) == Q.T * Q
        text = f"**{'Yes' if answer else 'No'}.** $Q^T Q = {tex(Q.T * Q)}$" + (
            " is the identity." if answer else " is not the identity."
        )
        check = _code(
            f"Q = np.array({lit(Q)})",
            "print(Q.T @ Q)",
            f"assert np.allclose(Q.T @ Q, np.eye(len(Q)), atol=1e-10) == {answer}",
            f'print("verified: orthogonal is", {answer})',
        )
        return _boolean("orthogonal", bool(answer), text, check)
    vectors = _vectors(parsed, None, "Orthogonality")
    if len(vectors) < 2:
        raise Decline("orthogonality needs at least two vectors.")
    dots = {
        (i, j): sum(a * b for a, b in zip(vectors[i], vectors[j], strict=True))
        for i in range(len(vectors))
        for j in range(i + 1, len(vectors))
    }
    answer = all(d == 0 for d in dots.values())
    lines = ", ".join(f"$v_{i + 1} \\cdot v_{j + 1} = {sp.latex(d)}$" for (i, j), d in dots.items())
    text = f"**{'Yes' if answer else 'No'}.** {lines}" + (
        " — all zero." if answer else " — not all zero."
    )
    check = _code(
        f"V = np.array({lit(vectors)})",
        "G = V @ V.T  # all dot products at once",
        "print(G)",
        "off = G - np.diag(np.diag(G))",
        f"assert np.allclose(off, 0, atol=1e-10) == {answer}",
        f'print("verified: orthogonal is", {answer})',
    )
    return _boolean("orthogonal", answer, text, check)


@operation("positive_definite")
def _positive_definite(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "positive definiteness"), "Positive definiteness is defined")
    if A != A.T:
        raise Decline(
            "this matrix is not symmetric; positive definiteness is defined here for symmetric "
            "matrices (check its symmetric part (A + Aᵀ)/2 instead)."
        )
    minors = [A[:k, :k].det() for k in range(1, A.shape[0] + 1)]
    semi = parsed.has_word("semidefinite") or parsed.has_phrase("positive semi definite")
    if semi:
        values, _poly, _ = _eigenvalues(A)
        answer = all(float(sp.N(v)) >= -1e-12 for v in values)
        text = (
            f"**{'Yes' if answer else 'No'}.** Eigenvalues: "
            + ", ".join(f"${sp.latex(v)}$" for v in values)
            + (" — none negative." if answer else " — one is negative.")
        )
        check = _code(
            f"A = np.array({lit(A)})",
            "w = np.linalg.eigvalsh(A)",
            "print('eigenvalues:', w)",
            f"assert (w.min() >= -1e-10 * max(1, abs(w).max())) == {answer}",
            f'print("verified: positive semidefinite is", {answer})',
        )
        return _boolean("positive_definite", answer, text, check)
    answer = all(m > 0 for m in minors)
    text = (
        f"**{'Yes' if answer else 'No'}.** Sylvester's criterion: the leading principal minors "
        f"are {', '.join(f'${sp.latex(m)}$' for m in minors)}"
        + (" — all positive." if answer else " — not all positive.")
    )
    check = _code(
        f"A = np.array({lit(A)})",
        "try:",
        "    np.linalg.cholesky(A)  # succeeds exactly for symmetric positive definite A",
        "    cholesky_ok = True",
        "except np.linalg.LinAlgError:",
        "    cholesky_ok = False",
        "w = np.linalg.eigvalsh(A)",
        "print('eigenvalues:', w, ' Cholesky succeeded:', cholesky_ok)",
        f"assert (w.min() > 1e-12) == {answer}",
        f'print("verified: positive definite is", {answer})',
    )
    return _boolean("positive_definite", answer, text, check)


@operation("symmetric")
def _symmetric(parsed: Parsed) -> Solution:
    A = _square(_one_matrix(parsed, "symmetry"), "Symmetry is defined")
    answer = A == A.T
    text = f"**{'Yes' if answer else 'No'}.** " + ("$A^T = A$." if answer else "$A^T \\neq A$.")
    check = _code(
        f"A = np.array({lit(A)})",
        f"assert np.array_equal(A, A.T) == {answer}",
        f'print("verified: symmetric is", {answer})',
    )
    return _boolean("symmetric", bool(answer), text, check)


# --- vectors ---------------------------------------------------------------------------------


def _dot(u: list[sp.Expr], v: list[sp.Expr]) -> sp.Expr:
    return sp.Add(*[a * b for a, b in zip(u, v, strict=True)])


def _norm(v: list[sp.Expr]) -> sp.Expr:
    return sp.sqrt(_dot(v, v))


def _scalar(name: str, value: sp.Expr, text: str, check: str) -> Solution:
    return Solution(name, Result(type="scalar", value=num(value), exact=exact(value)), text, check)


@operation("dot")
def _dot_op(parsed: Parsed) -> Solution:
    u, v = _vectors(parsed, 2, "A dot product")
    value = _dot(u, v)
    terms = " + ".join(f"({sp.latex(a)})({sp.latex(b)})" for a, b in zip(u, v, strict=True))
    text = f"$$ u \\cdot v = {terms} = {sp.latex(value)} $$"
    check = _code(
        f"u = np.array({lit(u)})",
        f"v = np.array({lit(v)})",
        f"claimed = {lit(value)}",
        "independent = np.dot(u, v)",
        'print("np.dot(u, v) =", independent)',
        "assert np.isclose(claimed, independent, rtol=1e-12, atol=1e-12)",
        'print("verified")',
    )
    return _scalar("dot", value, text, check)


@operation("cross")
def _cross(parsed: Parsed) -> Solution:
    u, v = _vectors(parsed, 2, "A cross product")
    if len(u) != 3:
        raise Decline("the cross product is defined for 3-D vectors.")
    w = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    text = (
        f"$$ u \\times v = (u_2 v_3 - u_3 v_2,\\; u_3 v_1 - u_1 v_3,\\; u_1 v_2 - u_2 v_1) = "
        f"{tex(w)} $$"
    )
    check = _code(
        f"u = np.array({lit(u)})",
        f"v = np.array({lit(v)})",
        f"w = np.array({lit(w)})",
        "assert np.allclose(w, np.cross(u, v))",
        "assert abs(w @ u) < 1e-9 and abs(w @ v) < 1e-9, 'must be perpendicular to both'",
        'print("verified: matches np.cross and is perpendicular to u and v")',
    )
    return Solution(
        "cross", Result(type="vector", value=_vector(w), exact=_exact_list(w)), text, check
    )


def _norm_kind(parsed: Parsed) -> str:
    if parsed.has_word("l1", "manhattan", "taxicab") or parsed.has_phrase("1 norm"):
        return "1"
    if parsed.has_word("infinity", "max", "maximum", "linf", "chebyshev") or parsed.has_phrase(
        "inf norm"
    ):
        return "inf"
    if parsed.has_word("frobenius"):
        return "fro"
    return "2"


@operation("norm")
def _norm_op(parsed: Parsed) -> Solution:
    kind = _norm_kind(parsed)
    if parsed.matrices and not parsed.vectors:
        A = _one_matrix(parsed, "a matrix norm")
        if kind not in ("fro",) and not parsed.has_word("spectral", "operator"):
            raise Decline(
                "which matrix norm? Say Frobenius norm or spectral (2-) norm.",
                "For example: Frobenius norm of [[1, 2], [3, 4]]",
            )
        if kind == "fro":
            value = sp.sqrt(sum(x**2 for x in A))
            text = f"$$\\|A\\|_F = \\sqrt{{\\sum a_{{ij}}^2}} = {sp.latex(value)}$$"
            order = "'fro'"
        else:
            value = _singular_values(A)[0][0]
            text = f"The spectral norm is the largest singular value: ${sp.latex(value)}$."
            order = "2"
        check = _code(
            f"A = np.array({lit(A)})",
            f"claimed = {lit(value)}",
            f"independent = np.linalg.norm(A, {order})",
            'print("np.linalg.norm =", independent)',
            "assert np.isclose(claimed, independent, rtol=1e-9)",
            'print("verified")',
        )
        return _scalar("norm", value, text, check)
    (v,) = _vectors(parsed, 1, "A norm")
    if kind == "1":
        value = sp.Add(*[abs(x) for x in v])
        text = f"$$\\|v\\|_1 = \\sum |v_i| = {sp.latex(value)}$$"
        order = "1"
    elif kind == "inf":
        value = sp.Max(*[abs(x) for x in v])
        text = f"$$\\|v\\|_\\infty = \\max |v_i| = {sp.latex(value)}$$"
        order = "np.inf"
    else:
        squares = " + ".join(f"({sp.latex(x)})^2" for x in v)
        value = _norm(v)
        text = f"$$\\|v\\| = \\sqrt{{{squares}}} = {sp.latex(value)}$$"
        order = "2"
    power = ""
    if parsed.has_word("squared", "square"):
        value = sp.expand(value**2)
        text += f"\n\nSquared: ${sp.latex(value)}$."
        power = " ** 2"
    check = _code(
        f"v = np.array({lit(v)})",
        f"claimed = {lit(value)}",
        f"independent = np.linalg.norm(v, {order}){power}",
        'print("np.linalg.norm =", independent)',
        "assert np.isclose(claimed, independent, rtol=1e-12)",
        'print("verified")',
    )
    return _scalar("norm", value, text, check)


@operation("distance")
def _distance(parsed: Parsed) -> Solution:
    u, v = _vectors(parsed, 2, "A distance")
    diff = [a - b for a, b in zip(u, v, strict=True)]
    kind = _norm_kind(parsed)
    if kind == "1":
        value = sp.Add(*[abs(d) for d in diff])
        order = "1"
        what = "Manhattan (L1) distance"
    else:
        value = _norm(diff)
        order = "2"
        what = "Euclidean distance"
    text = (
        f"{what}: $\\|u - v\\|$ with $u - v = {tex(diff)}$, so the distance is ${sp.latex(value)}$."
    )
    power = ""
    if parsed.has_word("squared", "square"):
        value = sp.expand(value**2)
        text += f" Squared: ${sp.latex(value)}$."
        power = " ** 2"
    check = _code(
        f"u = np.array({lit(u)})",
        f"v = np.array({lit(v)})",
        f"claimed = {lit(value)}",
        f"independent = np.linalg.norm(u - v, {order}){power}",
        'print("np.linalg.norm(u - v) =", independent)',
        "assert np.isclose(claimed, independent, rtol=1e-12)",
        'print("verified")',
    )
    return _scalar("distance", value, text, check)


@operation("cosine")
def _cosine(parsed: Parsed) -> Solution:
    u, v = _vectors(parsed, 2, "Cosine similarity")
    if _norm(u) == 0 or _norm(v) == 0:
        raise Decline("cosine similarity is undefined for a zero vector.")
    value = sp.simplify(_dot(u, v) / (_norm(u) * _norm(v)))
    text = (
        f"$$\\cos\\theta = \\frac{{u \\cdot v}}{{\\|u\\|\\,\\|v\\|}} = "
        f"\\frac{{{sp.latex(_dot(u, v))}}}{{{sp.latex(_norm(u))} \\cdot {sp.latex(_norm(v))}}} = "
        f"{sp.latex(value)} \\approx {float(sp.N(value)):.6g}$$"
    )
    distance = parsed.has_word("distance")
    if distance:
        value = sp.simplify(1 - value)
        text += f"\n\nCosine distance $= 1 - \\cos\\theta = {sp.latex(value)}$."
    check = _code(
        f"u = np.array({lit(u)})",
        f"v = np.array({lit(v)})",
        f"claimed = {lit(value)}",
        "unit_u, unit_v = u / np.sqrt((u ** 2).sum()), v / np.sqrt((v ** 2).sum())",
        "independent = (unit_u * unit_v).sum()  # dot product of the unit vectors",
        "independent = 1 - independent" if distance else "",
        'print("cosine =", independent)',
        "assert np.isclose(claimed, independent, rtol=1e-12, atol=1e-12)",
        'print("verified")',
    )
    return _scalar("cosine", value, text, check)


@operation("angle")
def _angle(parsed: Parsed) -> Solution:
    u, v = _vectors(parsed, 2, "An angle")
    if _norm(u) == 0 or _norm(v) == 0:
        raise Decline("the angle with a zero vector is undefined.")
    cosine = sp.simplify(_dot(u, v) / (_norm(u) * _norm(v)))
    radians = parsed.has_word("radians", "radian", "rad")
    theta = sp.acos(cosine)
    value = theta if radians else sp.simplify(theta * 180 / sp.pi)
    unit = "radians" if radians else "degrees"
    text = (
        f"$$\\cos\\theta = \\frac{{u \\cdot v}}{{\\|u\\|\\,\\|v\\|}} = {sp.latex(cosine)}, \\qquad "
        f"\\theta = \\arccos({sp.latex(cosine)}) \\approx {float(sp.N(value)):.6g}"
        f"\\text{{ {unit}}}$$"
    )
    check = _code(
        f"u = np.array({lit(u)})",
        f"v = np.array({lit(v)})",
        f"claimed = {lit(value)}",
        "independent = np.arctan2(np.linalg.norm(np.outer(u, v) - np.outer(v, u)) / np.sqrt(2), u @ v)",
        "" if radians else "independent = np.degrees(independent)",
        f'print("angle by atan2 =", independent, "{unit}")',
        "assert np.isclose(claimed, independent, rtol=1e-9, atol=1e-9)",
        'print("verified")',
    )
    return _scalar("angle", value, text, check)


@operation("normalize")
def _normalize(parsed: Parsed) -> Solution:
    (v,) = _vectors(parsed, 1, "Normalising")
    norm = _norm(v)
    if norm == 0:
        raise Decline("the zero vector cannot be normalised.")
    unit = [sp.simplify(x / norm) for x in v]
    text = f"Divide by the length $\\|v\\| = {sp.latex(norm)}$: $$\\hat v = {tex(unit)}$$"
    check = _code(
        f"v = np.array({lit(v)})",
        f"u = np.array({lit(unit)})",
        "assert np.isclose(np.linalg.norm(u), 1), 'not a unit vector'",
        "assert np.isclose(u @ v, np.linalg.norm(v)), 'not pointing the same way as v'",
        'print("verified: length 1, same direction as v")',
    )
    return Solution(
        "normalize",
        Result(type="vector", value=_vector(unit), exact=_exact_list(unit)),
        text,
        check,
    )


@operation("projection")
def _projection(parsed: Parsed) -> Solution:
    if parsed.matrices:
        A, b = _matrix_and_vector(parsed, "Projecting onto a column space")
        AtA = A.T * A
        if AtA.det() == 0:
            raise Decline("the columns of A are dependent; give a basis of the space.")
        p = A * AtA.inv() * A.T * b
        text = f"$$ p = A (A^T A)^{{-1}} A^T b = {tex(list(p))} $$"
        check = _code(
            f"A = np.array({lit(A)})",
            f"b = np.array({lit(list(b))})",
            f"p = np.array({lit(list(p))})",
            "assert np.allclose(A.T @ (b - p), 0, atol=1e-9), 'b - p must be orthogonal to C(A)'",
            "c, *_ = np.linalg.lstsq(A, p, rcond=None)",
            "assert np.allclose(A @ c, p, atol=1e-9), 'p must lie in C(A)'",
            'print("verified: p is in C(A) and b - p is orthogonal to it")',
        )
        return Solution(
            "projection",
            Result(type="vector", value=_vector(list(p)), exact=_exact_list(list(p))),
            text,
            check,
        )
    vectors = _vectors(parsed, 2, "A projection")
    onto = parsed.objects_after("onto")
    if len(onto) == 1:
        u = onto[0].as_vector()
        v = next(obj.as_vector() for obj in parsed.objects if obj is not onto[0])
    else:
        v, u = vectors
    if _norm(u) == 0:
        raise Decline("cannot project onto the zero vector.")
    factor = _dot(v, u) / _dot(u, u)
    p = [sp.simplify(factor * x) for x in u]
    text = (
        f"$$\\operatorname{{proj}}_u v = \\frac{{v \\cdot u}}{{u \\cdot u}}\\, u = "
        f"\\frac{{{sp.latex(_dot(v, u))}}}{{{sp.latex(_dot(u, u))}}} {tex(u)} = {tex(p)}$$"
    )
    check = _code(
        f"v = np.array({lit(v)})",
        f"u = np.array({lit(u)})",
        f"p = np.array({lit(p)})",
        "assert abs((v - p) @ u) < 1e-9, 'v - p must be perpendicular to u'",
        "assert np.linalg.matrix_rank(np.vstack([u, p])) <= 1, 'p must lie on the line of u'",
        'print("verified: p is on the line through u and v - p is perpendicular to u")',
    )
    return Solution(
        "projection", Result(type="vector", value=_vector(p), exact=_exact_list(p)), text, check
    )


@operation("projection_matrix")
def _projection_matrix(parsed: Parsed) -> Solution:
    if parsed.matrices:
        A = _one_matrix(parsed, "a projection matrix")
    else:
        vectors = _vectors(parsed, None, "A projection matrix")
        A = sp.Matrix.hstack(*[sp.Matrix(v) for v in vectors])
    AtA = A.T * A
    if AtA.det() == 0:
        raise Decline("the columns are dependent; give a basis of the space.")
    P = sp.simplify(A * AtA.inv() * A.T)
    text = f"$$ P = A (A^T A)^{{-1}} A^T = {tex(P)} $$\n\nwith $A^T A = {tex(AtA)}$."
    check = _code(
        f"A = np.array({lit(A)})",
        f"P = np.array({lit(P)})",
        "assert np.allclose(P @ P, P), 'P must be idempotent'",
        "assert np.allclose(P, P.T), 'P must be symmetric'",
        "assert np.allclose(P @ A, A), 'P must fix the columns of A'",
        "assert np.linalg.matrix_rank(P) == np.linalg.matrix_rank(A)",
        'print("verified: P^2 = P = P^T, P A = A, rank P = rank A")',
    )
    return Solution(
        "projection_matrix",
        Result(type="matrix", value=_matrix_value(P), exact=_exact_matrix(P)),
        text,
        check,
    )


# --- the course's AI arithmetic -----------------------------------------------------------------


@operation("softmax")
def _softmax(parsed: Parsed) -> Solution:
    (v,) = _vectors(parsed, 1, "Softmax")
    temperature = sp.Integer(1)
    for loose in parsed.loose:
        if loose.before in ("temperature", "t", "tau"):
            temperature = loose.value
    if temperature <= 0:
        raise Decline("the temperature must be positive.")
    exps = [sp.exp(x / temperature) for x in v]
    total = sp.Add(*exps)
    probs = [e / total for e in exps]
    floats = [float(sp.N(p, 17)) for p in probs]
    text = (
        "$$\\operatorname{softmax}(z)_i = \\frac{e^{z_i"
        + ("" if temperature == 1 else f"/{sp.latex(temperature)}")
        + "}}{\\sum_j e^{z_j"
        + ("" if temperature == 1 else f"/{sp.latex(temperature)}")
        + "}}$$\n\n"
        + "Result: $"
        + tex([sp.Float(f, 6) for f in floats])
        + "$ (sums to 1)."
    )
    check = _code(
        f"z = np.array({lit(v)}) / {lit(temperature)}",
        f"claimed = np.array({floats!r})",
        "shifted = np.exp(z - z.max())  # the numerically stable form",
        "independent = shifted / shifted.sum()",
        'print("softmax:", independent)',
        "assert np.allclose(claimed, independent, rtol=1e-12) and np.isclose(claimed.sum(), 1)",
        'print("verified")',
    )
    return Solution("softmax", Result(type="vector", value=floats), text, check)


@operation("attention")
def _attention(parsed: Parsed) -> Solution:
    Q_obj, K_obj, V_obj = parsed.named("Q"), parsed.named("K"), parsed.named("V")
    if Q_obj is None or K_obj is None or V_obj is None:
        raise Decline(
            "attention needs Q, K and V.",
            "Write it like: attention with Q = [[1, 0]], K = [[1, 0], [0, 1]], V = [[1, 2], [3, 4]]",
        )

    def as_matrix(obj: MathObject) -> sp.Matrix:
        return sp.Matrix(obj.rows) if obj.kind == "matrix" else sp.Matrix([obj.as_vector()])

    Q, K, V = as_matrix(Q_obj), as_matrix(K_obj), as_matrix(V_obj)
    if Q.shape[1] != K.shape[1] or K.shape[0] != V.shape[0]:
        raise Decline(
            f"the shapes do not fit: Q is {Q.shape[0]}×{Q.shape[1]}, K {K.shape[0]}×{K.shape[1]}, "
            f"V {V.shape[0]}×{V.shape[1]} (Q and K need the same width, K and V the same height)."
        )
    d = Q.shape[1]
    scores = (Q * K.T) / sp.sqrt(d)
    weights = sp.zeros(*scores.shape)
    for i in range(scores.shape[0]):
        exps = [sp.exp(x) for x in scores.row(i)]
        total = sp.Add(*exps)
        for j, e in enumerate(exps):
            weights[i, j] = e / total
    out = weights * V
    W = [[float(sp.N(x, 17)) for x in row] for row in weights.tolist()]
    Out = [[float(sp.N(x, 17)) for x in row] for row in out.tolist()]
    want_weights = parsed.has_word("weights", "weight", "pattern", "probabilities")
    text = (
        f"$$\\operatorname{{softmax}}\\!\\left(\\frac{{Q K^T}}{{\\sqrt{{{d}}}}}\\right) V$$\n\n"
        f"Scores $Q K^T / \\sqrt{{{d}}} = {tex([[sp.Float(float(sp.N(x)), 6) for x in row] for row in scores.tolist()])}$; "
        f"row-wise softmax gives the weights "
        f"${tex([[sp.Float(x, 6) for x in row] for row in W])}$; "
        f"the output is the weights times $V$: ${tex([[sp.Float(x, 6) for x in row] for row in Out])}$."
    )
    check = _code(
        f"Q = np.array({lit(Q)}); K = np.array({lit(K)}); V = np.array({lit(V)})",
        f"claimed_weights = np.array({W!r}); claimed_out = np.array({Out!r})",
        "rows = []",
        "for q in Q:  # one query at a time",
        "    s = np.array([q @ k for k in K]) / np.sqrt(len(q))",
        "    e = np.exp(s - s.max())",
        "    rows.append(e / e.sum())",
        "weights = np.array(rows)",
        "out = sum(weights[:, [j]] * V[j] for j in range(len(V)))",
        "print('weights:\\n', weights, '\\noutput:\\n', out)",
        "assert np.allclose(weights.sum(axis=1), 1)",
        "assert np.allclose(claimed_weights, weights) and np.allclose(claimed_out, out)",
        'print("verified")',
    )
    if want_weights:
        return Solution("attention", Result(type="matrix", value=W), text, check)
    return Solution("attention", Result(type="matrix", value=Out), text, check)


def _loose_after(parsed: Parsed, *words: str) -> sp.Expr | None:
    for loose in parsed.loose:
        if loose.before in words:
            return loose.value
    return None


@operation("lora")
def _lora(parsed: Parsed) -> Solution:
    rank = parsed.assignments.get("r") or parsed.assignments.get("rank")
    rank = rank or _loose_after(parsed, "rank", "r")
    if rank is None:
        for loose in parsed.loose:
            if loose.after == "rank":
                rank = loose.value
    dims = list(parsed.dims)
    given = {k.lower().replace("_", ""): v for k, v in parsed.assignments.items()}
    if not dims and "din" in given and "dout" in given:
        dims = [(int(given["dout"]), int(given["din"]))]
    if rank is None or len(dims) != 1 or not rank.is_Integer or rank <= 0:
        raise Decline(
            "for a LoRA parameter count I need the rank and the weight's shape.",
            "For example: how many parameters does a rank 8 LoRA add to a 4096×4096 layer?",
        )
    d_out, d_in = dims[0]
    r = int(rank)
    added = r * (d_in + d_out)
    full = d_in * d_out
    text = (
        f"LoRA replaces the update $\\Delta W$ ({d_out}×{d_in}) by $B A$ with $B$ {d_out}×{r} and "
        f"$A$ {r}×{d_in}: $$ r\\,(d_{{in}} + d_{{out}}) = {r} \\cdot ({d_in} + {d_out}) = "
        f"{added:,} $$ trainable parameters, {100 * added / full:.3g}% of the {full:,} in the "
        "full matrix."
    ).replace(",", "{,}")
    check = _code(
        f"B = np.zeros(({d_out}, {r}))",
        f"A = np.zeros(({r}, {d_in}))",
        "count = B.size + A.size",
        f"assert (B @ A).shape == ({d_out}, {d_in}), 'B A must have the shape of W'",
        'print("B.size + A.size =", count)',
        f"assert count == {added}",
        'print("verified")',
    )
    return Solution(
        "lora", Result(type="scalar", value=float(added), exact=str(added)), text, check
    )


@operation("quantization")
def _quantization(parsed: Parsed) -> Solution:
    if len(parsed.objects) == 1 and parsed.matrices:
        w = parsed.matrices[0].entries  # one scale for the whole tensor
    else:
        (w,) = _vectors(parsed, 1, "Quantization")
    asymmetric = parsed.has_word("asymmetric", "affine", "zero", "uint8", "unsigned")
    bits = 8
    for loose in parsed.loose:
        if loose.after in ("bit", "bits"):
            bits = int(loose.value)
    for word in parsed.words:
        if word in ("int4", "uint4"):
            bits = 4
    wants_values = parsed.has_word("quantize", "quantise", "quantized", "quantised") and not (
        parsed.has_word("scale")
    )
    if asymmetric:
        lo, hi = sp.Min(*w), sp.Max(*w)
        levels = 2**bits - 1
        if hi == lo:
            raise Decline("all values are equal, so the scale would be zero.")
        scale = (hi - lo) / levels
        zero = int(sp.floor(-lo / scale + sp.Rational(1, 2)))
        q = [min(levels, max(0, int(sp.floor(x / scale + sp.Rational(1, 2))) + zero)) for x in w]
        text = (
            f"Asymmetric (affine) {bits}-bit: scale $= (\\max - \\min)/{levels} = "
            f"({sp.latex(hi)} - ({sp.latex(lo)}))/{levels} = {sp.latex(scale)} \\approx "
            f"{float(sp.N(scale)):.6g}$, zero point $= \\operatorname{{round}}(-\\min/s) = {zero}$."
        )
        check = _code(
            f"w = np.array({lit(w)})",
            f"scale = {lit(scale)}; zero = {zero}",
            f"assert np.isclose(scale, np.ptp(w) / {levels})",
            f"q = np.clip(np.round(w / scale) + zero, 0, {levels})",
            "error = np.abs((q - zero) * scale - w).max()",
            'print("q =", q, " max round-trip error =", error)',
            "assert error <= scale / 2 + 1e-12, 'round trip error above half a step'",
            'print("verified")',
        )
        if wants_values:
            return Solution(
                "quantization", Result(type="vector", value=[float(x) for x in q]), text, check
            )
        if parsed.has_word("zero") and parsed.has_word("point") and not parsed.has_word("scale"):
            return Solution("quantization", Result(type="scalar", value=float(zero)), text, check)
        if parsed.has_word("zero") and parsed.has_word("point"):
            return Solution(
                "quantization",
                Result(
                    type="vector", value=[num(scale), float(zero)], exact=[exact(scale), str(zero)]
                ),
                text,
                check,
            )
        return Solution(
            "quantization", Result(type="scalar", value=num(scale), exact=exact(scale)), text, check
        )
    qmax = 2 ** (bits - 1) - 1
    absmax = sp.Max(*[abs(x) for x in w])
    if absmax == 0:
        raise Decline("all values are zero, so the scale would be zero.")
    scale = absmax / qmax
    q = [
        int(sp.floor(x / scale + sp.Rational(1, 2)))
        if x >= 0
        else -int(sp.floor(-x / scale + sp.Rational(1, 2)))
        for x in w
    ]
    text = (
        f"Symmetric (absmax) {bits}-bit: scale $= \\max|w| / {qmax} = {sp.latex(absmax)}/{qmax} = "
        f"{sp.latex(scale)} \\approx {float(sp.N(scale)):.6g}$; each weight becomes "
        f"$\\operatorname{{round}}(w/s)$: ${tex([sp.Integer(x) for x in q])}$."
    )
    check = _code(
        f"w = np.array({lit(w)})",
        f"scale = {lit(scale)}",
        f"assert np.isclose(scale, np.abs(w).max() / {qmax})",
        f"q = np.clip(np.round(w / scale), -{qmax}, {qmax})",
        f"assert np.array_equal(q, {q!r})",
        "error = np.abs(q * scale - w).max()",
        'print("q =", q, " max round-trip error =", error)',
        "assert error <= scale / 2 + 1e-12",
        'print("verified")',
    )
    if wants_values:
        return Solution(
            "quantization", Result(type="vector", value=[float(x) for x in q]), text, check
        )
    return Solution(
        "quantization", Result(type="scalar", value=num(scale), exact=exact(scale)), text, check
    )


# --- what is asked -----------------------------------------------------------------------------

# (operation, phrases that ask for it) — the first operation whose phrase appears wins, so
# the more specific phrases come first.
INTENTS: list[tuple[str, tuple[str, ...]]] = [
    ("trace", ("sum of the eigenvalues", "sum of eigenvalues", "sum of all eigenvalues")),
    ("determinant", ("product of the eigenvalues", "product of eigenvalues")),
    ("in_nullspace", ("in the null space", "in the nullspace", "in the kernel")),
    ("is_eigenvector", ("an eigenvector", "is eigenvector")),
    ("lora", ("lora", "low rank adaptation", "low rank adapter")),
    ("attention", ("attention",)),
    ("softmax", ("softmax", "soft max")),
    (
        "quantization",
        (
            "quantize",
            "quantise",
            "quantized",
            "quantization",
            "quantisation",
            "int8",
            "uint8",
            "int4",
            "zero point",
            "absmax",
        ),
    ),
    ("charpoly", ("characteristic polynomial", "char poly", "characteristic equation")),
    (
        "diagonalizable",
        (
            "diagonalizable",
            "diagonalisable",
            "diagonalize",
            "diagonalise",
            "diagonalized",
            "diagonalised",
        ),
    ),
    (
        "eigenvectors",
        (
            "eigenvector",
            "eigenvectors",
            "eigenpairs",
            "eigenpair",
            "eigenspace",
            "eigenspaces",
            "eigen decomposition",
            "eigendecomposition",
        ),
    ),
    ("eigenvalues", ("eigenvalue", "eigenvalues", "eigen values", "spectrum")),
    ("condition_number", ("condition number", "cond")),
    ("singular_values", ("singular value", "singular values")),
    (
        "projection_matrix",
        ("projection matrix", "projector", "matrix that projects", "matrix projecting"),
    ),
    ("least_squares", ("least squares", "least square", "best fit", "normal equations")),
    ("projection", ("project", "projection", "projected")),
    ("qr", ("qr",)),
    ("gram_schmidt", ("gram schmidt", "orthonormalize", "orthonormalise", "orthonormal basis")),
    (
        "span",
        (
            "span",
            "in the column space",
            "in the range",
            "in the image",
            "linear combination",
            "combination of",
        ),
    ),
    (
        "nullity",
        (
            "nullity",
            "dimension of the null space",
            "dimension of the nullspace",
            "dimension of the kernel",
            "dim of the null space",
        ),
    ),
    (
        "rank",
        (
            "dimension of the column space",
            "dimension of the row space",
            "dimension of the range",
            "dimension of the image",
            "dimension of the span",
        ),
    ),
    ("nullspace", ("null space", "nullspace", "kernel")),
    ("colspace", ("column space", "col space", "range", "image")),
    ("rowspace", ("row space",)),
    (
        "rref",
        ("rref", "reduced row echelon", "row echelon", "row reduce", "row reduced", "echelon"),
    ),
    (
        "positive_definite",
        ("positive definite", "positive semidefinite", "positive semi definite", "pos def"),
    ),
    ("independent", ("linearly independent", "independent", "dependent", "linear independence")),
    ("orthogonal", ("orthogonal", "perpendicular")),
    ("symmetric", ("symmetric",)),
    (
        "invertible",
        (
            "invertible",
            "singular",
            "nonsingular",
            "non singular",
            "have an inverse",
            "has an inverse",
        ),
    ),
    ("inverse", ("inverse", "invert", "inverted")),
    ("determinant", ("determinant", "det")),
    ("rank", ("rank",)),
    ("trace", ("trace", "tr")),
    ("transpose", ("transpose", "transposed")),
    ("cosine", ("cosine similarity", "cosine", "cos similarity")),
    ("angle", ("angle",)),
    ("distance", ("distance", "how far")),
    ("cross", ("cross product", "cross")),
    ("dot", ("dot product", "inner product", "dot", "scalar product")),
    ("normalize", ("normalize", "normalise", "unit vector", "normalized", "normalised")),
    ("norm", ("norm", "length", "magnitude")),
    ("power", ("power", "squared", "cubed", "cube of", "square of")),
    ("product", ("product", "multiply", "times", "multiplied", "matrix multiplication")),
]


def detect(parsed: Parsed) -> str | None:
    """The operation the question asks for, or None."""
    sentence = f" {' '.join(parsed.sequence)} "
    for name, phrases in INTENTS:
        if any(f" {phrase} " in sentence for phrase in phrases):
            if name == "rank" and parsed.has_phrase("low rank"):
                continue
            if name == "power" and parsed.has_phrase("least squares"):
                continue
            return name
    kinds = [obj.kind for obj in parsed.objects]
    for _left, symbol, _right in parsed.operators:
        if kinds == ["vector", "vector"]:
            return "cross" if symbol == "×" else "dot" if symbol in "*@" else None
        if symbol in "*@×":
            return "product"
    if parsed.product_names:
        return "product"
    if parsed.equations:
        return "solve_equations"
    if parsed.matrix_equation is not None:
        return "solve_matrix"
    if parsed.has_word("solve", "solution", "solutions") and parsed.objects:
        return "solve_matrix"
    if len(parsed.objects) == 1 and parsed.matrices:
        matrix = parsed.matrices[0]
        if matrix.exponent == -1:
            return "inverse"
        if matrix.exponent is not None:
            return "power"
        if matrix.transposed:
            return "transpose"
    return None


_NO_EXPRESSIONS = {"attention", "softmax", "lora", "quantization", "solve_equations"}
_OF_STEP = re.compile(r"\b(?:the\s+)?(inverse|transpose)\s+of\s+(?:the\s+)?(?:matrix\s+)?(⟨\d+⟩)")


def _rewrite_words(masked: str, name: str | None) -> str:
    """Steps said in words become algebra: ``2 times ⟨0⟩`` → ``2 * ⟨0⟩``, ``the inverse of
    ⟨0⟩`` → ``⟨0⟩^-1`` (when another operation is asked of it)."""
    masked = re.sub(r"(\d+(?:\.\d+)?)\s+times\s+(?=⟨)", r"\1 * ", masked)
    masked = re.sub(r"\btwice\s+(?:the\s+)?(?:matrix\s+)?(?=⟨)", "2 * ", masked)
    for _ in range(3):
        match = next((m for m in _OF_STEP.finditer(masked) if m.group(1) != name), None)
        if match is None:
            break
        word, ref = match.group(1), match.group(2)
        suffix = "^-1" if word == "inverse" else "^T"
        masked = masked[: match.start()] + f"{ref}{suffix}" + masked[match.end() :]
    return masked


_VECTOR_PAIR_OPERATIONS = {"dot", "cross", "cosine", "angle", "distance", "orthogonal"}
_ARITHMETIC_WORDS = (
    "plus",
    "minus",
    "add",
    "added",
    "subtract",
    "subtracted",
    "divided",
    "mod",
    "modulo",
)
_NOT_REAL = ("integer", "integers", "natural", "whole", "nonnegative", "positive")


def _evaluate_expression(parsed: Parsed, expression: Expression, name: str | None) -> Solution:
    """Compute the question's matrix expression; then answer the question about it."""
    try:
        value = evaluate(expression, parsed.objects)
    except ParseError as exc:
        raise Decline(str(exc)) from None
    written = expression.describe(parsed.objects)
    literal = lit(value)
    recompute = numpy_code(expression, parsed.objects, literal)
    shown = tex(value) if isinstance(value, sp.MatrixBase) else sp.latex(value)
    step = f"First, ${written.replace('*', ' ')} = {shown}$ (products in the order written)."
    if name in (None, "product", "power", "transpose"):
        check = _code(*recompute, 'print("verified")')
        if isinstance(value, sp.MatrixBase):
            if value.shape[1] == 1 and any(o.kind == "vector" for o in parsed.objects):
                flat = list(value)
                result = Result(type="vector", value=_vector(flat), exact=_exact_list(flat))
            else:
                result = Result(
                    type="matrix", value=_matrix_value(value), exact=_exact_matrix(value)
                )
        else:
            result = Result(type="scalar", value=num(value), exact=exact(value))
        return Solution("expression", result, step, check)
    if not isinstance(value, sp.MatrixBase):
        raise Decline(f"{written} is a number, not a matrix.")
    parsed.objects = [MathObject("matrix", value.tolist(), "expression")]
    solution = OPERATIONS[name](parsed)
    solution.text = f"{step}\n\n{solution.text}"
    solution.check = _code(*recompute) + solution.check.removeprefix(_PRELUDE)
    return solution


def _outer_sequence(sequence: list[str]) -> list[str]:
    """The words without steps nested in another operation ("the determinant of *the
    inverse of* A" asks for a determinant)."""
    out: list[str] = []
    for index, word in enumerate(sequence):
        nested = word in ("inverse", "transpose") and index + 1 < len(sequence)
        if nested and sequence[index + 1] == "of" and "of" in sequence[max(0, index - 2) : index]:
            continue
        out.append(word)
    return out


def solve(parsed: Parsed) -> Solution:
    """Answer ``parsed`` or raise :class:`Decline`."""
    words = parsed.sequence
    parsed.sequence = _outer_sequence(words)
    try:
        name = detect(parsed)
    finally:
        parsed.sequence = words
    if name in ("solve_equations", "solve_matrix") and parsed.has_word(*_NOT_REAL):
        raise Decline("I solve linear systems over the real numbers only.")
    if name in ("solve_matrix", "least_squares") and re.search(
        r"\)\s*\*?\s*[a-z]\s*=", parsed.masked
    ):
        raise Decline(
            "I solve Ax = b when A is given as one matrix; compute the matrix first, then ask "
            "again with it."
        )
    if any(loose.before in _ARITHMETIC_WORDS for loose in parsed.loose):
        raise Decline(
            "it mixes an operation with further arithmetic; I compute one operation at a "
            "time, so ask for each part separately."
        )
    expression = None
    if name not in _NO_EXPRESSIONS:
        masked = _rewrite_words(parsed.masked, name)
        try:
            expression = find_expression(parsed, masked)
        except ParseError as exc:
            raise Decline(str(exc)) from None
    if expression is not None and name in ("solve_matrix", "least_squares"):
        raise Decline(
            "I solve Ax = b when A is given as one matrix; compute the matrix first, then ask "
            "again with it."
        )
    if expression is not None and len(expression.tokens) == 2:
        step = expression.tokens[1].text
        own = {"inverse": step == "^-1", "transpose": step == "^T", "power": step[1:].isdigit()}
        if own.get(name or "", False):
            expression = None  # "A^{-1}" when the inverse is asked: the operation itself
    if expression is not None and name in ("inverse", "transpose", "power"):
        steps = [t.text for t in expression.tokens if t.kind == "op" and t.text.startswith("^")]
        holds = {
            "inverse": "^-1" in steps,
            "transpose": "^T" in steps,
            "power": any(x[1:].isdigit() for x in steps),
        }
        if holds[name]:
            name = None  # the expression already holds that step
    if expression is not None:
        pair = len(parsed.objects) == 2 and all(o.kind == "vector" for o in parsed.objects)
        if not (pair and (name in _VECTOR_PAIR_OPERATIONS or name is None)):
            return _evaluate_expression(parsed, expression, name)
    if name is None:
        raise Decline("I could not tell which computation you want.")
    if name == "rank" and parsed.equations:
        name = "solve_equations"
    if name in ("product", "power") and parsed.equations:
        name = "solve_equations"
    if name == "solve_matrix" and parsed.has_word("least"):
        name = "least_squares"
    if (
        name == "product"
        and len(parsed.objects) == 1
        and parsed.matrices
        and parsed.matrices[0].exponent
    ):
        name = "power"
    if name == "power" and len(parsed.objects) == 0:
        raise Decline("a power of what? Give a matrix.")
    if (
        name == "eigenvectors"
        and parsed.has_word("eigenvalues")
        and not parsed.has_word("eigenvectors", "eigenvector")
    ):
        name = "eigenvalues"
    solution = OPERATIONS[name](parsed)
    if solution.result.type == "boolean" and "not" in parsed.words:
        return _negated(solution)
    return solution
