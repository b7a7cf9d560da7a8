"""Comparing results that are only defined up to a sign per vector.

An eigenvector ``v`` and ``-v`` are the same direction, and so are a singular vector and its
negative, so a principal component, the coordinates of data along it (a column of scores)
or the columns of U in an SVD may all legitimately come back with either sign. These
comparators flip each row (or column) of the learner's value to agree with the expected
one before comparing, and only then judge it, naming a known misconception when the value
matches one of the check's ``alternatives`` (compared the same way).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from la4ai.labkit.failures import CheckFailed, describe_inputs, show
from la4ai.labkit.testing import as_checked_array, assert_close

__all__ = ["Vectors", "align_signs", "assert_close_up_to_signs", "assert_orthonormal_rows"]

Array = NDArray[Any]
Vectors = Literal["rows", "columns"]


def align_signs(got: ArrayLike, reference: ArrayLike, *, vectors: Vectors) -> Array:
    """``got`` with each row (``vectors="rows"``) or column multiplied by ±1 so that it
    points the same way as the matching row or column of ``reference`` (same shape)."""
    g = np.array(got, dtype=float)
    r = np.asarray(reference, dtype=float)
    if g.shape != r.shape or g.ndim != 2:
        raise ValueError(
            f"align_signs needs two matrices of one shape, got {g.shape} and {r.shape}"
        )
    axis = 1 if vectors == "rows" else 0
    agreement = np.sum(g * r, axis=axis, keepdims=True)
    return g * np.where(agreement < 0, -1.0, 1.0)


def _subject(what: str) -> str:
    starts_with_code = "(" in what.split(" ", 1)[0]
    return what if starts_with_code else f"{what[:1].upper()}{what[1:]}"


def _with_inputs(message: str, inputs: Mapping[str, object] | None) -> CheckFailed:
    return CheckFailed(f"{message}\nInputs: {describe_inputs(inputs)}" if inputs else message)


def assert_close_up_to_signs(
    got: object,
    expected: ArrayLike,
    *,
    vectors: Vectors,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "the result",
    inputs: Mapping[str, object] | None = None,
    alternatives: Mapping[str, ArrayLike] | None = None,
) -> None:
    """Accept ``got`` when flipping the signs of some of its rows (or columns) makes it
    ``np.allclose`` to ``expected``.

    ``alternatives`` maps a misconception to the wrong value it produces (e.g. ``{"the data
    was not centred": uncentred_components}``); a match up to the same sign freedom is named
    in the message. Shape problems are explained as by
    :func:`~la4ai.labkit.testing.assert_close`.
    """
    g = as_checked_array(got, what=what, inputs=inputs).astype(float)
    e = np.asarray(expected, dtype=float)
    if g.shape != e.shape or e.ndim != 2:
        assert_close(
            g, e, rtol=rtol, atol=atol, what=what, inputs=inputs, alternatives=alternatives
        )
        return
    aligned = align_signs(g, e, vectors=vectors)
    if np.allclose(aligned, e, rtol=rtol, atol=atol):
        return
    note = f"Each {vectors[:-1]} was compared up to its sign (v and -v are the same direction)."
    for misconception, wrong in (alternatives or {}).items():
        w = np.asarray(wrong, dtype=float)
        if w.shape == g.shape and np.allclose(
            align_signs(g, w, vectors=vectors), w, rtol=rtol, atol=atol
        ):
            raise _with_inputs(
                f"{_subject(what)} is not right. It looks like {misconception}. "
                f"Expected {show(e)}, got {show(g)}. {note}",
                inputs,
            )
    try:
        assert_close(aligned, e, rtol=rtol, atol=atol, what=what)
    except CheckFailed as failure:
        raise _with_inputs(f"{failure.message} {note}", inputs) from None


def assert_orthonormal_rows(got: object, *, atol: float = 1e-8, what: str = "the rows") -> None:
    """Accept a matrix whose rows are unit vectors at right angles to each other
    (``M @ M.T`` is the identity), e.g. principal components stored one per row."""
    m = as_checked_array(got, what=what).astype(float)
    if m.ndim != 2:
        raise CheckFailed(
            f"{_subject(what)} should be a 2-D array with one vector per row, but it has "
            f"shape {m.shape}."
        )
    gram = m @ m.T
    if np.allclose(gram, np.eye(m.shape[0]), rtol=0.0, atol=atol):
        return
    lengths = np.sqrt(np.clip(np.diag(gram), 0.0, None))
    off = gram - np.diag(np.diag(gram))
    if np.allclose(
        off, 0.0, rtol=0.0, atol=atol * max(1.0, float(np.max(lengths, initial=1.0)) ** 2)
    ):
        raise CheckFailed(
            f"The rows of {what} are at right angles, but their lengths are {show(lengths)}, "
            "not 1 — each should be a unit vector (a direction). Were they scaled, e.g. by "
            "a standard deviation, an eigenvalue or a singular value?"
        )
    if m.shape[0] > m.shape[1] and np.allclose(m.T @ m, np.eye(m.shape[1]), rtol=0.0, atol=atol):
        raise CheckFailed(
            f"{_subject(what)} has orthonormal columns, not rows — are the vectors stored one "
            "per column? Transpose it so that each row is one vector."
        )
    i, j = np.unravel_index(int(np.argmax(np.abs(off))), off.shape)
    raise CheckFailed(
        f"Rows {int(i)} and {int(j)} of {what} have dot product {show(off[i, j])}, but they "
        "should be at right angles (dot product 0), like the axes of a rotated grid."
    )
