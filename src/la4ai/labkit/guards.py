"""Checks about behaviour rather than values: errors raised, time taken, plots drawn."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from la4ai.labkit.failures import CheckFailed, show

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["assert_fast_enough", "assert_raises", "axes_data", "describe_call"]

T = TypeVar("T")


def describe_call(
    fn: Callable[..., Any] | str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str:
    """``"cosine_similarity([0, 0], [1, 2])"`` — the call as a learner would type it
    (``fn`` is the function or its name)."""

    def shown(value: object) -> str:
        if isinstance(value, list | tuple | np.ndarray) and np.asarray(value).dtype.kind in "biuf":
            text = show(value)
            return text if isinstance(value, list | np.ndarray) else f"({text[1:-1]})"
        return show(value)

    parts = [shown(a) for a in args] + [f"{k}={shown(v)}" for k, v in kwargs.items()]
    name = fn if isinstance(fn, str) else getattr(fn, "__name__", "function")
    return f"{name}({', '.join(parts)})"


def assert_raises(
    exc_type: type[BaseException],
    fn: Callable[..., object],
    *args: Any,
    why: str | None = None,
    **kwargs: Any,
) -> None:
    """Accept when ``fn(*args, **kwargs)`` raises ``exc_type`` (or a subclass).

    ``why`` says what makes the input invalid, e.g. ``"a zero vector has no direction"``.
    """
    call = describe_call(fn, args, kwargs)
    should = f"{call} should raise {exc_type.__name__}" + (f" ({why})" if why else "")
    try:
        result = fn(*args, **kwargs)
    except exc_type:
        return
    except Exception as other:  # the learner's code raised something else: show what
        raise CheckFailed(
            f"{should}; it raised {type(other).__name__} instead ({other}) — "
            f"check the input yourself and `raise {exc_type.__name__}(...)` with a message."
        ) from None
    raise CheckFailed(f"{should}; it returned {show(result)}.")


def assert_fast_enough(
    fn: Callable[..., T],
    *args: Any,
    seconds: float,
    what: str | None = None,
    hint: str | None = None,
    **kwargs: Any,
) -> T:
    """Run ``fn(*args, **kwargs)`` here and fail if it took longer than ``seconds``.

    Returns ``fn``'s result so the check can also test it. ``what`` names the run (e.g.
    ``"det for n = 200"``); ``hint`` explains the likely complexity problem. The call is not
    interrupted — a hard limit across a process boundary is the grader's job.
    """
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    elapsed = time.perf_counter() - start
    if elapsed > seconds:
        label = what or f"`{getattr(fn, '__name__', 'your function')}`"
        advice = hint or (
            "the work grows too fast with the input size — look for repeated work inside a "
            "loop, or recursion that branches"
        )
        raise CheckFailed(f"{label} took {elapsed:.2g} s, over the {seconds:g} s budget; {advice}.")
    return result


def _text(value: str | None) -> str | None:
    """A matplotlib label, or ``None`` for the automatic ``_child0``-style ones."""
    return None if not value or value.startswith("_") else value


def axes_data(ax: Axes) -> dict[str, Any]:
    """What a matplotlib ``Axes`` draws, as plain data for checking a learner's plot.

    Keys: ``title``, ``xlabel``, ``ylabel``, ``legend`` (texts), ``lines`` (``x``, ``y``,
    ``label``), ``scatter`` (``offsets`` as an (n, 2) array, ``label``) and ``quiver``
    (``X``, ``Y``, ``U``, ``V``).
    """
    from matplotlib.collections import PathCollection  # lazy: labkit runs without it
    from matplotlib.quiver import Quiver

    lines = [
        {
            "x": np.asarray(line.get_xdata(), dtype=float),
            "y": np.asarray(line.get_ydata(), dtype=float),
            "label": _text(str(line.get_label())),
        }
        for line in ax.get_lines()
    ]
    scatter: list[dict[str, Any]] = []
    quiver: list[dict[str, Any]] = []
    for collection in ax.collections:
        if isinstance(collection, Quiver):
            quiver.append(
                {
                    key: np.asarray(getattr(collection, key), dtype=float).ravel()
                    for key in ("X", "Y", "U", "V")
                }
            )
        elif isinstance(collection, PathCollection):
            scatter.append(
                {
                    "offsets": np.asarray(collection.get_offsets(), dtype=float),
                    "label": _text(str(collection.get_label())),
                }
            )
    legend = ax.get_legend()
    return {
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
        "lines": lines,
        "scatter": scatter,
        "quiver": quiver,
    }
