"""Comparators for eigenvalues, eigenvectors and diagonalizations.

An eigen-answer has legitimate freedom that plain closeness would punish: eigenvalues may
come in any order, each eigenvector may be scaled by any non-zero (even complex) number,
and a real matrix may have complex eigenvalues. These comparators accept all of that, check
what actually defines the answer (``A v = λ v``, ``A = P D P⁻¹``), and name the usual
mistakes: eigenvectors in rows instead of columns, the zero vector, a square root of a
negative number taken in real arithmetic, a ``P`` that is really ``P⁻¹``.
NumPy and the standard library only, like the rest of ``la4ai.labkit``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from la4ai.labkit.failures import CheckFailed, show

__all__ = ["assert_diagonalization", "assert_eigenpairs", "assert_same_eigenvalues"]

Array = NDArray[Any]


def _subject(what: str) -> str:
    """``what`` as the start of a sentence."""
    return what[:1].upper() + what[1:]


def _numbers(value: object, what: str) -> Array:
    """``value`` as a complex array, or a :class:`CheckFailed` saying why it is not one."""
    if value is None:
        raise CheckFailed(f"{_subject(what)} is None — did you forget `return`?")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise CheckFailed(f"{_subject(what)} could not be read as an array of numbers.") from None
    if array.dtype.kind not in "biufc":
        raise CheckFailed(f"{_subject(what)} should hold numbers, but it is {show(value)}.")
    return array.astype(complex)


def _show(values: Array) -> str:
    """Complex arrays whose imaginary parts are all zero are shown as real ones."""
    if np.all(values.imag == 0):
        return show(values.real)
    return show(values)


def _number(x: complex) -> str:
    return show(x.real) if x.imag == 0 else show(x)


def _match(got: Array, expected: Array) -> float:
    """The largest distance after pairing each expected value with its nearest unused one
    among ``got`` (the order of eigenvalues is free)."""
    unused = list(range(len(got)))
    worst = 0.0
    for value in expected:
        distances = [abs(got[i] - value) for i in unused]
        best = int(np.argmin(distances))
        worst = max(worst, float(distances[best]))
        unused.pop(best)
    return worst


def _same_multiset(got: Array, expected: Array, *, rtol: float, atol: float) -> bool:
    if got.shape != expected.shape or np.any(~np.isfinite(got)):
        return False
    scale = float(np.max(np.abs(expected), initial=0.0))
    return _match(got, expected) <= atol + rtol * scale


def assert_same_eigenvalues(
    got: object,
    expected: ArrayLike,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "the eigenvalues",
    alternatives: Mapping[str, ArrayLike] | None = None,
) -> None:
    """Accept ``got`` when it holds the same numbers as ``expected`` in any order (real or
    complex; a real answer may come as complex numbers with zero imaginary parts).

    ``alternatives`` maps a misconception to the eigenvalues it produces, e.g.
    ``{"the discriminant's sign is wrong": wrong_values}``.
    """
    g = _numbers(got, what).ravel()
    e = np.asarray(expected).astype(complex).ravel()
    if g.shape != e.shape:
        raise CheckFailed(f"{_subject(what)} should be {len(e)} numbers, but there are {g.size}.")
    if _same_multiset(g, e, rtol=rtol, atol=atol):
        return
    shown = f"Expected {_show(e)} (in any order), got {_show(g)}."
    for misconception, wrong in (alternatives or {}).items():
        w = np.asarray(wrong).astype(complex).ravel()
        if _same_multiset(g, w, rtol=rtol, atol=atol):
            raise CheckFailed(
                f"{_subject(what)} are not right. It looks like {misconception}. {shown}"
            )
    if np.any(np.isnan(g)):
        raise CheckFailed(
            f"{_subject(what)} contain NaN — was the square root of a negative number taken "
            f"with real numbers? A real matrix can have complex eigenvalues. {shown}"
        )
    if np.any(e.imag != 0) and np.all(g.imag == 0):
        raise CheckFailed(
            f"{_subject(what)} are all real, but this matrix has a complex pair: its "
            f"characteristic polynomial has a negative discriminant. {shown}"
        )
    raise CheckFailed(f"{_subject(what)} are not right. {shown}")


def _residuals(matrix: Array, values: Array, vectors: Array) -> Array:
    """Relative size of ``A v - λ v`` for each column ``v`` (0 for a true eigenpair)."""
    gaps = np.linalg.norm(matrix @ vectors - vectors * values, axis=0)
    lengths = np.linalg.norm(vectors, axis=0)
    scale = max(1.0, float(np.linalg.norm(matrix, 2)), float(np.max(np.abs(values), initial=0)))
    with np.errstate(divide="ignore", invalid="ignore"):
        relative: Array = gaps / (lengths * scale)
    return relative


def assert_eigenpairs(
    matrix: ArrayLike,
    values: object,
    vectors: object,
    *,
    tol: float = 1e-7,
    independent: bool = True,
    what: str = "the eigenvectors",
) -> None:
    """Accept when column ``i`` of ``vectors`` is an eigenvector of ``matrix`` for
    ``values[i]`` (any non-zero scale, real or complex), and, with ``independent``, when the
    columns are linearly independent (as they must be for a diagonalizable matrix).

    The eigenvalues themselves are checked by :func:`assert_same_eigenvalues`.
    """
    a = np.asarray(matrix).astype(complex)
    n = a.shape[0]
    lam = _numbers(values, "the eigenvalues").ravel()
    v = _numbers(vectors, what)
    if v.shape != (n, len(lam)):
        raise CheckFailed(
            f"{_subject(what)} should be a {n}×{len(lam)} matrix with one eigenvector per column, "
            f"but it has shape {v.shape}."
        )
    if np.any(~np.isfinite(v)):
        raise CheckFailed(
            f"{_subject(what)} contain NaN or infinity: {_show(v)} — a division by zero? "
            "(Normalising the zero vector divides 0 by 0.)"
        )
    lengths = np.linalg.norm(v, axis=0)
    scale = max(1.0, float(np.max(lengths, initial=0.0)))
    for j, length in enumerate(lengths):
        if length <= 1e-12 * scale:
            raise CheckFailed(
                f"Column {j} of {what} is the zero vector, which is never an eigenvector "
                f"(A·0 = λ·0 for every λ). Does your formula break down for this matrix? "
                f"Matrix: {show(a.real if np.all(a.imag == 0) else a)}."
            )
    bad = _residuals(a, lam, v) > tol
    if np.any(bad):
        rows_work = not np.any(_residuals(a, lam, v.T) > tol)
        j = int(np.argmax(bad))
        if rows_work:
            raise CheckFailed(
                f"The rows of {what} are eigenvectors, not the columns — put eigenvector i in "
                "column i (`np.column_stack`, or `.T`), as np.linalg.eig does."
            )
        raise CheckFailed(
            f"Column {j} of {what}, {_show(v[:, j])}, is not an eigenvector for the "
            f"eigenvalue {_show(lam[j : j + 1])[1:-1]}: A v is {_show(a @ v[:, j])}, not λ v = "
            f"{_show(lam[j] * v[:, j])}."
        )
    if independent and np.linalg.matrix_rank(v / lengths, tol=1e-6) < v.shape[1]:
        raise CheckFailed(
            f"The columns of {what} are eigenvectors but not independent (some are multiples "
            "of others), so they cannot form a basis."
        )


def assert_diagonalization(matrix: ArrayLike, p: object, d: object, *, rtol: float = 1e-7) -> None:
    """Accept ``P``, ``D`` with ``D`` diagonal, ``P`` invertible and ``A = P D P⁻¹``."""
    a = np.asarray(matrix).astype(complex)
    n = a.shape[0]
    pm = _numbers(p, "P")
    dm = _numbers(d, "D")
    if dm.shape == (n,):
        raise CheckFailed(
            "D is a vector of eigenvalues, but it should be the diagonal matrix that holds "
            "them (`np.diag`), so that P @ D @ inv(P) makes sense."
        )
    for name, m in (("P", pm), ("D", dm)):
        if m.shape != (n, n):
            raise CheckFailed(f"{name} should be {n}×{n} like A, but it has shape {m.shape}.")
    off = dm - np.diag(np.diag(dm))
    if np.any(np.abs(off) > 1e-9 * max(1.0, float(np.abs(dm).max()))):
        raise CheckFailed(
            f"D should be diagonal, but it has entries off the diagonal: {_show(dm)}."
        )
    if np.linalg.cond(pm) > 1e8:
        raise CheckFailed(
            "P is not invertible (its columns are dependent), so P D P⁻¹ does not exist."
        )
    scale = max(1.0, float(np.linalg.norm(a, 2)))
    rebuilt = pm @ dm @ np.linalg.inv(pm)
    if np.linalg.norm(rebuilt - a, 2) <= rtol * scale:
        return
    swapped = np.linalg.inv(pm) @ dm @ pm
    if np.linalg.norm(swapped - a, 2) <= rtol * scale:
        raise CheckFailed(
            "P D P⁻¹ is not A, but P⁻¹ D P is: your P is the inverse of the eigenvector matrix "
            "(are the eigenvectors in its rows?). Each column of P should be an eigenvector."
        )
    diagonal = np.diag(dm)
    fits = [np.any(_residuals(a, diagonal, np.tile(pm[:, [j]], n)) <= 1e-7) for j in range(n)]
    if all(fits):
        raise CheckFailed(
            "Every column of P is an eigenvector, but the eigenvalues on D's diagonal are not "
            "in the same order: D[i, i] must belong to column i of P."
        )
    raise CheckFailed(f"P D P⁻¹ should equal A = {_show(a)}, but it is {_show(rebuilt)}.")
