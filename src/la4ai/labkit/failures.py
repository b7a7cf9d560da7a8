"""The failure every check raises, how numbers are shown in it, and reproducible inputs.

A comparator returns ``None`` when the learner's value is acceptable and raises
:class:`CheckFailed` otherwise. Messages are written for the learner: plain English, small
counterexamples, numbers rounded to four decimals, never the reference code.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CheckFailed",
    "counterexample",
    "describe_inputs",
    "random_matrix",
    "random_vectors",
    "seeded_rng",
    "show",
]

_MAX_SHOWN = 24  # more elements than this and the array is summarised with "..."


class CheckFailed(AssertionError):
    """A learner's value was not accepted; ``str(error)`` is the message to show them."""

    def __init__(self, message: str, *, reproduced: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reproduced = reproduced  # a seed / inputs line has already been appended

    def extended(self, extra: str, *, reproduced: bool = True) -> CheckFailed:
        """A copy of this failure with ``extra`` appended on a new line."""
        return CheckFailed(f"{self.message}\n{extra}", reproduced=reproduced)


def show(value: object) -> str:
    """A short, rounded rendering of ``value`` for a message (4 decimals, big arrays cut)."""
    if isinstance(value, str):
        return repr(value)
    if value is None or isinstance(value, bool):
        return repr(value)
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return _short_repr(value)
    if array.dtype.kind not in "biufc":
        return _short_repr(value)
    if array.ndim == 0:
        item = array.item()
        return _show_float(item) if isinstance(item, float) else repr(item)
    return np.array2string(
        array,
        precision=4,
        suppress_small=True,
        threshold=_MAX_SHOWN,
        edgeitems=3,
        separator=", ",
    )


def _show_float(x: float) -> str:
    """Four decimals without trailing zeros (``2.2361``, ``2.0``); scientific when tiny/huge."""
    if x == 0 or 1e-4 <= abs(x) < 1e9:
        text = f"{x:.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if x != x or abs(x) == float("inf"):
        return repr(x)
    return f"{x:.4e}"


def _short_repr(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_inputs(inputs: Mapping[str, object]) -> str:
    """``"u = [1., 2.], v = [0., 0.]"`` — each input shown with :func:`show`."""
    return ", ".join(f"{name} = {show(value)}" for name, value in inputs.items())


@contextmanager
def counterexample(
    *, seed: int | None = None, inputs: Mapping[str, object] | None = None
) -> Iterator[None]:
    """Append how to reproduce the inputs to any :class:`CheckFailed` raised inside.

    >>> with counterexample(seed=1234, inputs={"u": u}):
    ...     assert_close(learner_norm(u), np.linalg.norm(u))
    """
    try:
        yield
    except CheckFailed as failure:
        if failure.reproduced:
            raise
        if seed is not None:
            shown = f": inputs {describe_inputs(inputs)}" if inputs else "."
            line = f"Reproduce with seed {seed}{shown}"
        elif inputs:
            line = f"Inputs: {describe_inputs(inputs)}"
        else:
            raise
        raise failure.extended(line) from None


def seeded_rng(seed: int | None = None) -> tuple[np.random.Generator, int]:
    """A random generator and the seed it was made from (a fresh, short seed when ``None``).

    Checks pass the seed to :func:`counterexample` so a failure can be reproduced.
    """
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    return np.random.default_rng(seed), seed


def random_vectors(
    rng: np.random.Generator, shape: int | tuple[int, ...], *, integer: bool = False
) -> NDArray[Any]:
    """Random test vectors: ``shape=n`` gives one vector, ``(k, n)`` gives k vectors as rows.

    ``integer=True`` draws small integers from -5..5 (an int array), which keeps hand
    checking easy and exercises integer inputs; otherwise standard normal floats.
    """
    size = (shape,) if isinstance(shape, int) else shape
    if integer:
        return rng.integers(-5, 6, size=size)
    return rng.standard_normal(size)


def random_matrix(
    rng: np.random.Generator, shape: tuple[int, int], *, integer: bool = False
) -> NDArray[Any]:
    """A random ``shape = (rows, columns)`` matrix, drawn like :func:`random_vectors`."""
    if len(shape) != 2:
        raise ValueError(f"a matrix shape has two entries, got {shape}")
    return random_vectors(rng, shape, integer=integer)
