"""Plain explanations for the NumPy mistakes learners make most, shown beside the traceback."""

from __future__ import annotations

import re

__all__ = ["explain_error"]

_MATMUL = re.compile(
    r"matmul: Input operand 1 has a mismatch in its core dimension 0.*?\(size (\d+) is "
    r"different from (\d+)\)"
)
_BROADCAST = re.compile(r"operands could not be broadcast together with shapes? (.+)")
_DOT = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")


def explain_error(ename: str, evalue: str) -> str | None:
    """A sentence or two for a learner, or None when we have nothing better than the error."""
    if ename == "ValueError":
        if m := _MATMUL.search(evalue):
            inner_right, inner_left = m.group(1), m.group(2)
            return (
                "Matrix product shapes don't fit: for A @ B the inner dimensions must match — "
                f"A has {inner_left} columns but B has {inner_right} rows. "
                "Check the shapes with .shape; you may need a transpose (.T)."
            )
        if m := _DOT.search(evalue):
            return (
                f"np.dot shapes ({m.group(1)}) and ({m.group(2)}) don't line up: the last "
                "dimension of the first must equal the first dimension of the second "
                "(the inner dimensions). Compare .shape of both, and transpose one if needed."
            )
        if m := _BROADCAST.search(evalue):
            return (
                f"Element-wise operations need compatible shapes ({m.group(1).strip()}). "
                "NumPy compares shapes from the right: each pair of sizes must be equal or "
                "one of them 1. A (n,) vector and an (n, 1) column broadcast to an (n, n) "
                "grid, which is rarely what you want — use .reshape or [:, None] on purpose."
            )
    if ename == "IndexError" and "too many indices" in evalue:
        return (
            "You indexed with more axes than the array has. A 1-D array of shape (n,) takes one "
            "index, x[i]; a column of shape (n, 1) takes two, x[i, 0]."
        )
    if ename == "LinAlgError" and "Singular matrix" in evalue:
        return (
            "The matrix is singular (its determinant is 0): its columns are linearly dependent, "
            "so it has no inverse and Ax = b has either no solution or infinitely many. "
            "np.linalg.lstsq finds a least-squares answer instead."
        )
    if ename == "ZeroDivisionError":
        return "Division by zero. If this is a vector length, check for the zero vector first."
    ufunc = ename == "UFuncTypeError" or (ename == "TypeError" and "ufunc" in evalue)
    if ufunc and "int" in evalue and "float" in evalue:
        return (
            "An integer array cannot hold the float result in place. Integer arrays (made "
            "from whole numbers, e.g. np.array([1, 2])) keep integer dtype: create them "
            "with dtype=float, or use x = x / n instead of x /= n."
        )
    return None
