"""Recognise common wrong answers: each diagnosis returns one sentence naming the
misconception, or ``None`` when the learner's value does not look like that mistake.

Checks can also pass known wrong answers they computed themselves (``alternatives``), e.g.
``{"the data was not centred": uncentred_answer}`` or
``{"the matrices were multiplied in the wrong order": b @ a}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "diagnose",
    "diagnose_alternatives",
    "diagnose_off_by_one",
    "diagnose_reversed",
    "diagnose_scaled",
    "diagnose_sign_flip",
    "diagnose_transposed",
    "diagnose_truncated",
]

Array = NDArray[Any]


def _numeric(value: ArrayLike) -> Array | None:
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    if array.dtype.kind not in "biuf":
        return None
    return array.astype(float)


def _close(a: Array, b: Array, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _is_zero(a: Array, atol: float) -> bool:
    return bool(np.all(np.abs(a) <= atol))


def diagnose_transposed(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """The learner returned the transpose (a non-symmetric matrix, any shape)."""
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or e.ndim != 2 or _close(e, e.T, rtol, atol):
        return None
    if _close(g, e.T, rtol, atol):
        return (
            "Your result is the transpose of the expected one — rows and columns are "
            "swapped (check the order of indices, or whether a `.T` is missing or extra)."
        )
    return None


def diagnose_sign_flip(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """The learner's value is the negative of the expected one."""
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or _is_zero(e, atol):
        return None
    if _close(g, -e, rtol, atol):
        return (
            "Your result has the opposite sign — every entry is the negative of the "
            "expected one (check the order of a subtraction)."
        )
    return None


def diagnose_scaled(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """The learner's value is a constant multiple (≠ ±1) of the expected one."""
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or g.shape != e.shape or _is_zero(e, atol) or _is_zero(g, atol):
        return None
    factor = float(np.vdot(e, g) / np.vdot(e, e))
    if np.isclose(abs(factor), 1.0, rtol=rtol, atol=0.0) or not _close(g, factor * e, rtol, atol):
        return None
    return (
        f"Your result is off by a factor of {factor:.4g} (every entry is {factor:.4g} times "
        "the expected one) — is a normalisation (a division by the length or by the count) "
        "missing, or applied twice?"
    )


def diagnose_truncated(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """The learner's value is the expected one cut to whole numbers."""
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or g.shape != e.shape:
        return None
    if _close(e, np.round(e), rtol, atol):
        return None  # the expected value is already whole: nothing was cut
    for cut in (np.trunc(e), np.floor(e), np.round(e)):
        if _close(g, cut, rtol, atol):
            return (
                "Your result looks cut to whole numbers — the fractional parts are lost. "
                "Is there an integer division (`//`), an `int(...)`, or an integer array "
                "that results are written into?"
            )
    return None


def diagnose_reversed(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """The learner's list/ranking is in reverse order (e.g. worst-first, not best-first)."""
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or e.ndim != 1 or e.size < 2 or _close(e, e[::-1], rtol, atol):
        return None
    if _close(g, e[::-1], rtol, atol):
        return (
            "Your result has the right entries in reverse order — e.g. worst-first instead "
            "of best-first (`np.argsort` sorts in increasing order)."
        )
    return None


def diagnose_off_by_one(
    got: ArrayLike, expected: ArrayLike, *, rtol: float = 1e-6, atol: float = 1e-8
) -> str | None:
    """Every index in the learner's answer is one too high or one too low."""
    del rtol  # indices are whole numbers: compare them exactly (up to atol)
    if not (_is_index_array(got) and _is_index_array(expected)):
        return None  # only integer arrays (indices) are diagnosed, not single numbers
    g, e = _numeric(got), _numeric(expected)
    if g is None or e is None or g.shape != e.shape:
        return None
    for shift, word in ((1.0, "one too high"), (-1.0, "one too low")):
        if _close(g, e + shift, 0.0, atol):
            return (
                f"Every index in your result is {word} — Python counts from 0, so the "
                "first row is index 0 and the last of n is index n - 1."
            )
    return None


def _is_index_array(value: ArrayLike) -> bool:
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return False
    return array.dtype.kind in "iu" and array.ndim >= 1 and array.size > 0


def diagnose_alternatives(
    got: ArrayLike,
    alternatives: Mapping[str, ArrayLike],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> str | None:
    """Name the first known wrong answer the learner's value matches."""
    g = _numeric(got)
    if g is None:
        return None
    for misconception, wrong in alternatives.items():
        w = _numeric(wrong)
        if w is not None and _close(g, w, rtol, atol):
            return f"It looks like {misconception}."
    return None


_BUILT_IN: tuple[Callable[..., str | None], ...] = (
    diagnose_transposed,
    diagnose_sign_flip,
    diagnose_reversed,
    diagnose_off_by_one,
    diagnose_truncated,
    diagnose_scaled,
)


def diagnose(
    got: ArrayLike,
    expected: ArrayLike,
    *,
    alternatives: Mapping[str, ArrayLike] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> str | None:
    """The sentence for the first recognised mistake, or ``None``.

    Check-specific ``alternatives`` are tried first, then the built-in diagnoses
    (transposed, sign flip, reversed order, off by one, truncated, scaled).
    """
    if alternatives:
        found = diagnose_alternatives(got, alternatives, rtol=rtol, atol=atol)
        if found:
            return found
    for diagnosis in _BUILT_IN:
        found = diagnosis(got, expected, rtol=rtol, atol=atol)
        if found:
            return found
    return None
