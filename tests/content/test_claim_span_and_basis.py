"""Module 4's claim (CURRICULUM.md): the non-basis columns of a matrix are exact combinations
of its basis columns. Reproduced with the lab's reference solution on the real design
matrix of Fisher's Iris data (intercept, four measurements, one-hot species) and on the
lesson's worked matrix: every column that `column_space_basis` leaves out equals
`basis @ coordinates(basis, column)`, up to rounding error.

Measured on this machine: Iris keeps 7 of 8 columns, virginica = intercept - setosa -
versicolor with a largest residual of 7.8e-16; the worked matrix's residuals are 0.0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from tests.conftest import CONTENT

LAB = CONTENT / "modules" / "04-span-and-basis" / "lab"
IRIS_NAMES = ["intercept", "sepal length", "sepal width", "petal length", "petal width"]


def namespace_of(path: Path) -> dict[str, Any]:
    """The names a lab file defines, loaded as test_labs.py does."""
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def iris_design_matrix() -> tuple[NDArray[np.float64], list[str]]:
    data = json.loads((LAB / "data" / "iris.json").read_text("utf-8"))
    species = np.asarray(data["species"])
    one_hot = np.eye(len(data["species_names"]))[species]
    design = np.column_stack([np.ones(len(species)), np.asarray(data["measurements"]), one_hot])
    return design, IRIS_NAMES + list(data["species_names"])


def residuals_of_left_out_columns(
    solution: dict[str, Any], matrix: NDArray[np.float64]
) -> tuple[list[int], dict[int, NDArray[np.float64]], float]:
    """(the columns kept in the basis, each left-out column's coordinates, the largest
    |basis @ c - column| over every left-out column)."""
    basis = np.asarray(solution["column_space_basis"](matrix), dtype=float)
    columns = list(matrix.T)
    kept = [j for j, col in enumerate(columns) if any(np.array_equal(col, b) for b in basis.T)]
    assert len(kept) == basis.shape[1], "every basis vector is one of the matrix's own columns"
    coordinates: dict[int, NDArray[np.float64]] = {}
    worst = 0.0
    for j in range(matrix.shape[1]):
        if j in kept:
            continue
        c = np.asarray(solution["coordinates"](basis, matrix[:, j]), dtype=float)
        coordinates[j] = c
        worst = max(worst, float(np.abs(basis @ c - matrix[:, j]).max()))
    return kept, coordinates, worst


def test_the_iris_data_is_the_real_data_set_bundled_with_scikit_learn() -> None:
    from sklearn.datasets import load_iris  # type: ignore[import-untyped]

    design, names = iris_design_matrix()
    iris = load_iris()
    assert np.array_equal(design[:, 1:5], iris.data)
    assert names[5:] == [str(name) for name in iris.target_names]


def test_the_redundant_iris_column_is_an_exact_combination_of_the_basis() -> None:
    solution = namespace_of(LAB / "solution.py")
    design, names = iris_design_matrix()
    kept, coordinates, worst = residuals_of_left_out_columns(solution, design)

    assert design.shape == (150, 8)
    assert [names[j] for j in kept] == [*IRIS_NAMES, "setosa", "versicolor"]
    assert list(coordinates) == [7]  # virginica, the only column left out
    # virginica = intercept - setosa - versicolor, and nothing else
    assert np.allclose(coordinates[7], [1, 0, 0, 0, 0, -1, -1], atol=1e-12)
    assert worst < 1e-14, f"largest residual {worst:.2g}"  # measured: 7.8e-16
    assert np.linalg.matrix_rank(design) == len(kept) == 7


def test_the_lessons_worked_matrix_has_exact_combinations() -> None:
    solution = namespace_of(LAB / "solution.py")
    matrix = np.array([[1, 2, 0, 3], [2, 4, 1, 8], [1, 2, 1, 5]], dtype=float)
    kept, coordinates, worst = residuals_of_left_out_columns(solution, matrix)

    assert kept == [0, 2]
    assert np.allclose(coordinates[1], [2, 0], atol=1e-12)
    assert np.allclose(coordinates[3], [3, 2], atol=1e-12)
    assert worst < 1e-14, f"largest residual {worst:.2g}"  # measured: 0.0
