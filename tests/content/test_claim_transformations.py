"""Module 2's claim, reproduced by the lab's reference solution: every neural-network layer
without its nonlinearity is a matrix, so layers compose into ONE matrix.

Measured with NumPy 2.4 on the development machine (the asserts leave room for other BLAS
builds, but not for a wrong answer, which is off by whole units):

- ``compose(A, B, C)`` applied once with ``transform_points`` matches applying A, then B, then
  C to 10,000 random points to 3.6e-15 (max abs difference); the reading order A @ B @ C is
  off by 13.5;
- ``compose(rotation(a), rotation(b))`` matches ``rotation(a + b)`` to 5.0e-16 over 1,000
  random pairs of angles;
- the 14 lines ``plot_transformation(M)`` draws are the grid lines x = k and y = k
  (k = -3..3) moved by M, to 0.0 (read back with ``axes_data``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from la4ai.labkit.guards import axes_data
from tests.conftest import CONTENT

LAB = CONTENT / "modules" / "02-transformations" / "lab"
Array = NDArray[np.float64]


def namespace_of(path: Path) -> dict[str, Any]:
    """The names a lab file defines, run as a learner's file is (not as ``__main__``)."""
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def solution() -> dict[str, Any]:
    return namespace_of(LAB / "solution.py")


@pytest.fixture
def pyplot() -> Iterator[Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_composed_layers_are_one_matrix(solution: dict[str, Any]) -> None:
    rng = np.random.default_rng(2024)
    first, second, third = (rng.normal(size=(2, 2)) for _ in range(3))
    points = rng.normal(size=(10_000, 2))
    move = solution["transform_points"]

    one_step = move(solution["compose"](first, second, third), points)
    layer_by_layer = move(third, move(second, move(first, points)))

    gap = float(np.abs(one_step - layer_by_layer).max())
    assert gap < 1e-12  # measured: 3.6e-15
    reading_order = float(np.abs(move(first @ second @ third, points) - layer_by_layer).max())
    assert reading_order > 1.0  # measured: 13.5, so the comparison can tell the orders apart


def test_two_rotations_compose_into_one(solution: dict[str, Any]) -> None:
    rng = np.random.default_rng(7)
    rotation, compose = solution["rotation"], solution["compose"]
    gaps = [
        float(np.abs(compose(rotation(a), rotation(b)) - rotation(a + b)).max())
        for a, b in rng.uniform(-np.pi, np.pi, size=(1000, 2))
    ]
    assert max(gaps) < 1e-12  # measured: 5.0e-16
    assert np.allclose(rotation(np.pi / 2) @ [1.0, 0.0], [0.0, 1.0])  # counter-clockwise


def expected_grid(moved_by: Array) -> list[Array]:
    """The lab's grid lines x = k and y = k (k = -3..3), each as its two ends, moved by M."""
    lines = []
    for k in range(-3, 4):
        for ends in ([[k, -3], [k, 3]], [[-3, k], [3, k]]):
            lines.append(np.asarray(ends, dtype=float) @ moved_by.T)
    return lines


@pytest.mark.usefixtures("pyplot")
def test_the_plot_draws_exactly_the_moved_grid(solution: dict[str, Any]) -> None:
    matrix = solution["compose"](solution["shear"](kx=0.5), solution["rotation"](np.pi / 8))
    ax = solution["plot_transformation"](matrix)
    drawn = [np.column_stack([line["x"], line["y"]]) for line in axes_data(ax)["lines"]]
    expected = expected_grid(matrix)

    assert len(drawn) == len(expected) == 14
    gap = max(float(np.abs(d - e).max()) for d, e in zip(drawn, expected, strict=True))
    assert gap < 1e-12  # measured: 0.0
    # ...and not the grid as it was: the lines really moved.
    unmoved = max(
        float(np.abs(d - e).max()) for d, e in zip(drawn, expected_grid(np.eye(2)), strict=True)
    )
    assert unmoved > 0.5


def test_the_plot_uses_a_given_axes_or_makes_one(solution: dict[str, Any], pyplot: Any) -> None:
    _, mine = pyplot.subplots()
    assert solution["plot_transformation"](np.eye(2), ax=mine) is mine
    made = solution["plot_transformation"](np.eye(2))
    assert made is not mine
    assert len(made.get_lines()) == 14
