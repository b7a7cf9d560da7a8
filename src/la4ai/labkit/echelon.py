"""Comparators for row reduction: is a matrix in row echelon form, in *reduced* row echelon
form, and which rule does it break — said in the words of elimination (a pivot not scaled
to 1, an entry above a pivot not cleared, a zero row above a nonzero one).

The reduced row echelon form of a matrix is unique, so a check can also compare values;
these comparators say *why* a learner's matrix is not one, which values alone cannot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from la4ai.labkit.failures import CheckFailed, show

__all__ = [
    "assert_pivot_columns_cleared",
    "assert_pivots_are_one",
    "assert_reduced_row_echelon",
    "assert_row_echelon",
    "leading_columns",
]

Array = NDArray[Any]


def _matrix(value: object, what: str) -> Array:
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise CheckFailed(f"{what} could not be read as a matrix of numbers.") from None
    if array.dtype.kind not in "biuf":
        raise CheckFailed(f"{what} should be a matrix of numbers, not {type(value).__name__}.")
    if array.ndim != 2:
        raise CheckFailed(
            f"{what} should be a 2-D array (a matrix), but it has shape {array.shape}."
        )
    return array.astype(float)


def leading_columns(r: object, *, atol: float = 1e-8) -> list[int | None]:
    """For each row, the column of its first entry with ``|x| > atol`` (``None``: a zero row)."""
    m = _matrix(r, "the matrix")
    found: list[int | None] = []
    for row in m:
        nonzero = np.flatnonzero(np.abs(row) > atol)
        found.append(int(nonzero[0]) if nonzero.size else None)
    return found


def assert_row_echelon(r: object, *, atol: float = 1e-8, what: str = "R") -> None:
    """Accept a matrix whose zero rows are at the bottom and whose leading entries move
    strictly to the right from each row to the next (so everything below a pivot is 0)."""
    leads = leading_columns(_matrix(r, what), atol=atol)
    for i in range(1, len(leads)):
        above, here = leads[i - 1], leads[i]
        if here is None:
            continue
        if above is None:
            raise CheckFailed(
                f"{what} is not in row echelon form: row {i - 1} is all zeros but row {i} below "
                "it is not — zero rows belong at the bottom (swap them down)."
            )
        if here <= above:
            raise CheckFailed(
                f"{what} is not in row echelon form: row {i} starts in column {here}, but the "
                f"pivot of row {i - 1} is in column {above} — each pivot must sit to the right "
                "of the one above it, with only zeros below every pivot (was a column's "
                "elimination skipped, or a row left unswapped?)."
            )


def assert_pivots_are_one(r: object, *, atol: float = 1e-8, what: str = "R") -> None:
    """Accept a matrix whose every leading entry (pivot) is 1."""
    m = _matrix(r, what)
    for i, column in enumerate(leading_columns(m, atol=atol)):
        if column is not None and abs(m[i, column] - 1.0) > atol:
            raise CheckFailed(
                f"The pivot of row {i} of {what} (column {column}) is {show(m[i, column])}, "
                "not 1 — in reduced row echelon form every pivot row is divided by its pivot."
            )


def assert_pivot_columns_cleared(r: object, *, atol: float = 1e-8, what: str = "R") -> None:
    """Accept a matrix in which every pivot is the only nonzero entry of its column."""
    m = _matrix(r, what)
    for i, column in enumerate(leading_columns(m, atol=atol)):
        if column is None:
            continue
        others = np.abs(m[:, column]) > atol
        others[i] = False
        if np.any(others):
            j = int(np.flatnonzero(others)[0])
            where = "above" if j < i else "below"
            extra = (
                " Reduced row echelon form clears the entries above each pivot as well as "
                "below it (elimination that only works downwards stops at row echelon form)."
                if where == "above"
                else " Every entry below a pivot must be eliminated."
            )
            raise CheckFailed(
                f"Entry ({j}, {column}) of {what}, {where} the pivot in row {i}, is "
                f"{show(m[j, column])}, not 0.{extra}"
            )


def assert_reduced_row_echelon(
    r: object, pivots: object = None, *, atol: float = 1e-8, what: str = "R"
) -> None:
    """Accept a matrix in reduced row echelon form; with ``pivots``, also require that list
    to name exactly the columns of the leading 1s, in order."""
    m = _matrix(r, what)
    assert_row_echelon(m, atol=atol, what=what)
    assert_pivots_are_one(m, atol=atol, what=what)
    assert_pivot_columns_cleared(m, atol=atol, what=what)
    if pivots is None:
        return
    leads = [c for c in leading_columns(m, atol=atol) if c is not None]
    try:
        given = [int(p) for p in np.asarray(pivots).ravel()]
    except (ValueError, TypeError):
        raise CheckFailed(
            f"The pivot columns should be a list of column numbers, got {show(pivots)}."
        ) from None
    if given != leads:
        raise CheckFailed(
            f"The pivot columns you returned, {given}, are not where the leading 1s of {what} "
            f"are ({leads}) — list the column of each pivot, top row first, counting from 0."
        )
