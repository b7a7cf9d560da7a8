"""Comparators lab checks are written with.

Each ``assert_*`` returns ``None`` when the learner's value is acceptable and otherwise
raises :class:`CheckFailed` with a message for the learner: what was expected, what came
back, the misconception when one is recognised, and never the reference code.
This module also re-exports the rest of the checking toolkit, so a check needs one import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from la4ai.labkit.codecheck import assert_no_forbidden_calls, find_forbidden_calls
from la4ai.labkit.diagnose import diagnose
from la4ai.labkit.failures import (
    CheckFailed,
    counterexample,
    describe_inputs,
    random_matrix,
    random_vectors,
    seeded_rng,
    show,
)
from la4ai.labkit.guards import assert_fast_enough, assert_raises, axes_data

__all__ = [
    "CheckFailed",
    "as_checked_array",
    "assert_close",
    "assert_equal_up_to_scale",
    "assert_equal_up_to_sign",
    "assert_fast_enough",
    "assert_lower_triangular",
    "assert_no_forbidden_calls",
    "assert_orthonormal_columns",
    "assert_raises",
    "assert_same_subspace",
    "assert_symmetric",
    "assert_upper_triangular",
    "axes_data",
    "counterexample",
    "diagnose",
    "find_forbidden_calls",
    "random_matrix",
    "random_vectors",
    "seeded_rng",
    "show",
]

Array = NDArray[Any]


def _fail(what: str, text: str, inputs: Mapping[str, object] | None = None) -> CheckFailed:
    # "The result is …", but a call such as "norm(v)" keeps its name as written.
    starts_with_code = "(" in what.split(" ", 1)[0]
    subject = what if starts_with_code else f"{what[:1].upper()}{what[1:]}"
    message = f"{subject} {text}"
    if inputs:
        return CheckFailed(f"{message}\nInputs: {describe_inputs(inputs)}")
    return CheckFailed(message)


def as_checked_array(
    got: object, *, what: str = "the result", inputs: Mapping[str, object] | None = None
) -> Array:
    """``np.asarray(got)`` as numbers, or a :class:`CheckFailed` saying why it is not."""
    if got is None:
        raise _fail(what, "is None — your function returned None; did you forget `return`?")
    try:
        array = np.asarray(got)
    except (ValueError, TypeError):
        raise _fail(
            what, f"could not be read as an array of numbers (got {show(got)}).", inputs
        ) from None
    if array.dtype.kind not in "biufc":
        raise _fail(
            what,
            f"should be a number or an array of numbers, but it is a {type(got).__name__} "
            f"({show(got)}).",
            inputs,
        )
    return array


def _shape_problem(got: Array, expected: Array) -> str | None:
    """Why the shapes do not match, in learner terms (``None`` when they match)."""
    g, e = got.shape, expected.shape
    if g == e:
        return None
    if e == () and got.size == 1:
        return (
            f"is an array of shape {g}, but a single number was expected — return the "
            "number itself (e.g. `float(x)` or `x[0]`), not an array holding it."
        )
    if e == ():
        return f"should be a single number, but it is an array of shape {g}."
    if g == ():
        return f"is a single number ({show(got)}), but an array of shape {e} was expected."
    if len(e) == 1 and g in ((e[0], 1), (1, e[0])):
        kind = "column" if g == (e[0], 1) else "row"
        return (
            f"has shape {g}, a {kind} matrix, but a flat vector of shape {e} was expected "
            "— vectors here are 1-D arrays (a `reshape` or `keepdims` may be the cause; "
            "`.ravel()` flattens)."
        )
    if len(e) == 2 and 1 in e and len(g) == 1 and got.size == expected.size:
        kind = "column" if e[1] == 1 else "row"
        return (
            f"is a flat vector of shape {g}, but a {kind} matrix of shape {e} was expected "
            f"(`.reshape{e}`)."
        )
    if len(e) == 2 and g == e[::-1]:
        return (
            f"has shape {g} but shape {e} was expected — rows and columns are swapped; "
            "is the result transposed?"
        )
    return f"has shape {g}, but shape {e} was expected."


def _worst_entry(got: Array, expected: Array) -> str:
    if expected.ndim == 0:
        return ""
    gap = np.abs(got.astype(complex) - expected.astype(complex))
    index = np.unravel_index(int(np.nanargmax(np.where(np.isnan(gap), np.inf, gap))), gap.shape)
    place = int(index[0]) if len(index) == 1 else tuple(int(i) for i in index)
    want, have = show(expected[index]), show(got[index])
    if want == have:  # the difference hides beyond four decimals: show every digit
        want, have = repr(expected[index].item()), repr(got[index].item())
    return f" The largest difference is at index {place}: expected {want}, got {have}."


def assert_close(
    got: object,
    expected: ArrayLike,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "the result",
    inputs: Mapping[str, object] | None = None,
    alternatives: Mapping[str, ArrayLike] | None = None,
) -> None:
    """Accept ``got`` when it has ``expected``'s shape and values (``np.allclose``).

    Lists, tuples, other dtypes, python floats and 0-d arrays for scalars are all fine.
    ``alternatives`` maps a misconception to the wrong answer it produces, e.g.
    ``{"the data was not centred": uncentred}``; a match is named in the message, as are
    the built-in diagnoses (transposed, sign flip, scaled, truncated, reversed, off by one).
    """
    g = as_checked_array(got, what=what, inputs=inputs)
    e = np.asarray(expected)
    problem = _shape_problem(g, e)
    if problem:
        hint = diagnose(g, e, alternatives=alternatives, rtol=rtol, atol=atol)
        if hint and "transpose" not in problem:  # the shape message already says so
            problem += f" {hint}"
        raise _fail(what, problem, inputs)
    if np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        return
    if np.any(np.isnan(g)) and not np.any(np.isnan(e)):
        raise _fail(
            what,
            f"contains NaN ({show(g)}) — a division by zero, or the square root of a "
            "negative number?",
            inputs,
        )
    hint = diagnose(g, e, alternatives=alternatives, rtol=rtol, atol=atol)
    text = f"is not right: expected {show(e)}, got {show(g)}."
    if hint:
        text = f"is not right. {hint} Expected {show(e)}, got {show(g)}."
    raise _fail(what, text + _worst_entry(g, e), inputs)


def _vector_pair(got: object, expected: ArrayLike, what: str) -> tuple[Array, Array]:
    g = as_checked_array(got, what=what)
    e = np.asarray(expected, dtype=float)
    problem = _shape_problem(g, e)
    if problem:
        raise _fail(what, problem)
    return g.astype(float), e


def assert_equal_up_to_sign(
    got: object,
    expected: ArrayLike,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "the vector",
) -> None:
    """Accept ``got`` ≈ ``expected`` or ``got`` ≈ ``-expected`` (eigen/singular vectors)."""
    g, e = _vector_pair(got, expected, what)
    if np.allclose(g, e, rtol=rtol, atol=atol) or np.allclose(g, -e, rtol=rtol, atol=atol):
        return
    g_norm, e_norm = float(np.linalg.norm(g)), float(np.linalg.norm(e))
    if g_norm > atol and _parallel(g, e, rtol=rtol, atol=atol):
        raise _fail(
            what,
            f"points in the right direction but has length {g_norm:.4g}; the expected "
            f"vector has length {e_norm:.4g} — is a normalisation (division by the length) "
            "missing?",
        )
    raise _fail(what, f"is not right (up to sign): expected ±{show(e)}, got {show(g)}.")


def _parallel(g: Array, e: Array, *, rtol: float, atol: float) -> bool:
    scale = float(np.vdot(e, g) / np.vdot(e, e))
    return abs(scale) > atol and bool(np.allclose(g, scale * e, rtol=rtol, atol=atol))


def assert_equal_up_to_scale(
    got: object,
    expected: ArrayLike,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "the vector",
) -> None:
    """Accept ``got`` ≈ c·``expected`` for any non-zero c (an eigenvector, a direction)."""
    g, e = _vector_pair(got, expected, what)
    if float(np.linalg.norm(g)) <= atol:
        raise _fail(
            what, "is the zero vector, which has no direction (and is never an eigenvector)."
        )
    if _parallel(g, e, rtol=rtol, atol=atol):
        return
    cosine = float(np.vdot(g, e) / (np.linalg.norm(g) * np.linalg.norm(e)))
    angle = float(np.degrees(np.arccos(np.clip(abs(cosine), 0.0, 1.0))))
    raise _fail(
        what,
        f"does not point along the expected direction (it is {angle:.1f}° off): expected a "
        f"multiple of {show(e)}, got {show(g)}.",
    )


def _matrix(value: object, what: str, *, square: bool = False) -> Array:
    a = as_checked_array(value, what=what)
    if a.ndim != 2:
        raise _fail(what, f"should be a 2-D array (a matrix), but it has shape {a.shape}.")
    if square and a.shape[0] != a.shape[1]:
        raise _fail(what, f"should be a square matrix, but it has shape {a.shape}.")
    return a.astype(float)


def assert_same_subspace(
    got_basis: object, expected_basis: ArrayLike, *, atol: float = 1e-8, what: str = "your basis"
) -> None:
    """Accept any basis (columns) of the subspace spanned by ``expected_basis``'s columns."""
    e = np.asarray(expected_basis, dtype=float)
    g = as_checked_array(got_basis, what=what)
    if g.ndim != 2:
        raise _fail(
            what,
            f"has shape {g.shape}; a basis is a 2-D array whose columns are the basis vectors "
            "(`np.column_stack` builds one; `v.reshape(-1, 1)` for a single vector).",
        )
    g = g.astype(float)
    if g.shape[0] != e.shape[0]:
        rows = (
            " — are the basis vectors in rows instead of columns?"
            if g.shape[1] == e.shape[0]
            else "."
        )
        raise _fail(
            what,
            f"has columns of length {g.shape[0]}, but the space lives in dimension "
            f"{e.shape[0]}{rows}",
        )
    tol = atol * max(1.0, float(np.abs(e).max(initial=0.0)))
    dim = int(np.linalg.matrix_rank(e, tol=tol)) if e.size else 0
    rank = int(np.linalg.matrix_rank(g, tol=tol)) if g.size else 0
    if rank < g.shape[1]:
        raise _fail(
            what,
            f"has {g.shape[1]} columns but they only span a {rank}-dimensional space — a basis "
            "has no redundant (linearly dependent or zero) vectors.",
        )
    u, s, _ = np.linalg.svd(e, full_matrices=False)
    q = u[:, s > tol]
    residual = g - q @ (q.T @ g)
    outside = np.linalg.norm(residual, axis=0) > 1e-6 * np.maximum(1.0, np.linalg.norm(g, axis=0))
    if np.any(outside):
        j = int(np.argmax(outside))
        raise _fail(
            what,
            f"contains column {j} = {show(g[:, j])}, which is not in the expected subspace "
            f"(it is {float(np.linalg.norm(residual[:, j])):.4g} away from it).",
        )
    if rank < dim:
        raise _fail(
            what,
            f"spans a {rank}-dimensional space, but the subspace is {dim}-dimensional — "
            f"{dim - rank} basis vector(s) are missing.",
        )


def assert_orthonormal_columns(q: object, *, atol: float = 1e-8, what: str = "Q") -> None:
    """Accept a matrix whose columns are unit length and pairwise orthogonal (QᵀQ = I)."""
    m = _matrix(q, what)
    gram = m.T @ m
    if np.allclose(gram, np.eye(m.shape[1]), atol=atol, rtol=0.0):
        return
    norms = np.linalg.norm(m, axis=0)
    off = gram - np.diag(np.diag(gram))
    i, j = np.unravel_index(int(np.argmax(np.abs(off))), off.shape)
    if np.allclose(m @ m.T, np.eye(m.shape[0]), atol=atol, rtol=0.0):
        raise _fail(what, "has orthonormal rows, not columns — is it transposed?")
    if np.allclose(off, 0.0, atol=atol):
        raise _fail(
            what,
            f"has orthogonal columns, but their lengths are {show(norms)}, not 1 — "
            "normalise each column (divide by its length).",
        )
    raise _fail(
        what,
        f"does not have orthogonal columns: columns {int(i)} and {int(j)} have dot product "
        f"{show(off[i, j])} (it should be 0) — was a projection left out when "
        "orthogonalising?",
    )


def _assert_triangular(a: object, *, upper: bool, atol: float, what: str) -> None:
    m = _matrix(a, what)
    wrong_part = np.tril(m, -1) if upper else np.triu(m, 1)
    if np.all(np.abs(wrong_part) <= atol):
        return
    i, j = np.unravel_index(int(np.argmax(np.abs(wrong_part))), m.shape)
    side, other = ("below", "lower") if upper else ("above", "upper")
    kind = "upper" if upper else "lower"
    looks_other = np.all(np.abs(np.triu(m, 1) if upper else np.tril(m, -1)) <= atol)
    extra = f" It looks {other} triangular instead — is it transposed?" if looks_other else ""
    raise _fail(
        what,
        f"should be {kind} triangular, but the entry at ({int(i)}, {int(j)}) {side} the "
        f"diagonal is {show(m[i, j])}, not 0.{extra}",
    )


def assert_upper_triangular(r: object, *, atol: float = 1e-8, what: str = "R") -> None:
    """Accept a matrix with (numerically) zero entries below the diagonal."""
    _assert_triangular(r, upper=True, atol=atol, what=what)


def assert_lower_triangular(lower: object, *, atol: float = 1e-8, what: str = "L") -> None:
    """Accept a matrix with (numerically) zero entries above the diagonal."""
    _assert_triangular(lower, upper=False, atol=atol, what=what)


def assert_symmetric(a: object, *, atol: float = 1e-8, what: str = "the matrix") -> None:
    """Accept a square matrix equal to its transpose."""
    m = _matrix(a, what, square=True)
    gap = np.abs(m - m.T)
    if np.all(gap <= atol):
        return
    i, j = np.unravel_index(int(np.argmax(gap)), gap.shape)
    raise _fail(
        what,
        f"should be symmetric, but entry ({int(i)}, {int(j)}) is {show(m[i, j])} while entry "
        f"({int(j)}, {int(i)}) is {show(m[j, i])}.",
    )
