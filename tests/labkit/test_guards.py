"""Behaviour checks: the right error raised, fast enough, and what a plot draws."""

from __future__ import annotations

import time

import numpy as np
import pytest
from matplotlib.figure import Figure

from la4ai.labkit.failures import CheckFailed
from la4ai.labkit.guards import assert_fast_enough, assert_raises, axes_data


def cosine_similarity(u: list[float], v: list[float]) -> float:
    a, b = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    if not a.any() or not b.any():
        raise ValueError("a zero vector has no direction")
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def careless_cosine(u: list[float], v: list[float]) -> float:
    del u, v
    return 0.0


def crashing_cosine(u: list[float], v: list[float]) -> float:
    return float(np.dot(u, v)) / 0


def test_raises_accepts_the_expected_error() -> None:
    assert_raises(ValueError, cosine_similarity, [0, 0], [1, 2])
    assert_raises(ArithmeticError, crashing_cosine, [1], [1])  # a subclass is fine


def test_raises_rejects_a_returned_value() -> None:
    with pytest.raises(CheckFailed) as failure:
        assert_raises(
            ValueError, careless_cosine, [0, 0], [1, 2], why="a zero vector has no direction"
        )
    assert str(failure.value) == (
        "careless_cosine([0, 0], [1, 2]) should raise ValueError "
        "(a zero vector has no direction); it returned 0.0."
    )


def test_raises_rejects_another_error() -> None:
    with pytest.raises(CheckFailed) as failure:
        assert_raises(ValueError, crashing_cosine, [0, 0], v=[1, 2])
    text = str(failure.value)
    assert "crashing_cosine([0, 0], v=[1, 2]) should raise ValueError" in text
    assert "it raised ZeroDivisionError instead" in text


def test_fast_enough_returns_the_result() -> None:
    assert assert_fast_enough(sum, [1, 2, 3], seconds=5.0) == 6


def test_fast_enough_rejects_a_slow_call_with_the_hint() -> None:
    def det(n: int) -> float:
        time.sleep(0.05)
        return float(n)

    with pytest.raises(CheckFailed) as failure:
        assert_fast_enough(
            det,
            200,
            seconds=0.01,
            what="`det` for n = 200",
            hint="cofactor expansion grows like n! — use elimination",
        )
    text = str(failure.value)
    assert text.startswith("`det` for n = 200 took 0.0")
    assert "over the 0.01 s budget; cofactor expansion grows like n! — use elimination." in text


def test_fast_enough_has_a_default_hint() -> None:
    with pytest.raises(CheckFailed, match="grows too fast"):
        assert_fast_enough(time.sleep, 0.02, seconds=0.001)


def test_axes_data_reads_lines_scatter_quiver_and_text() -> None:
    ax = Figure().add_subplot()
    ax.plot([0, 1], [2, 3], label="fit")
    ax.plot([0, 1], [1, 1])
    ax.scatter([1, 2], [3, 4], label="data")
    ax.quiver([0, 0], [0, 0], [1, 0], [0, 2])
    ax.set_title("Projection")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    data = axes_data(ax)
    assert data["title"] == "Projection"
    assert (data["xlabel"], data["ylabel"]) == ("x", "y")
    assert data["legend"] == ["fit", "data"]
    assert [line["label"] for line in data["lines"]] == ["fit", None]
    np.testing.assert_array_equal(data["lines"][0]["y"], [2.0, 3.0])
    np.testing.assert_array_equal(data["scatter"][0]["offsets"], [[1.0, 3.0], [2.0, 4.0]])
    np.testing.assert_array_equal(data["quiver"][0]["V"], [0.0, 2.0])


def test_axes_data_of_an_empty_plot_is_empty() -> None:
    data = axes_data(Figure().add_subplot())
    assert data["lines"] == data["scatter"] == data["quiver"] == data["legend"] == []
    assert data["title"] == ""
