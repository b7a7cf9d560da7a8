"""Module 3's claim (CURRICULUM.md): a system of 5 equations solved by row reduction agrees
with ``np.linalg.solve``.

The system is a real one: the normal equations (XᵀX) w = Xᵀy of a linear regression of
diabetes progression on age, BMI, blood pressure and serum s5 plus an intercept, for the
442 patients of scikit-learn's diabetes data set (shipped with the lab in original units).
Its matrix has entries from 442 to about 4·10⁶ and a condition number of about 1.2·10⁶, so
it is a fair test of the lab's elimination with partial pivoting.
Measured with the reference solution: max |w − np.linalg.solve| = 4.0e-12 (1.2e-14 relative
to the largest weight).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from tests.conftest import CONTENT

LAB = CONTENT / "modules" / "03-gaussian-elimination" / "lab"
MEASURED_GAP = 4.0e-12  # the figure the claim reports; the bound below leaves room for BLAS


def namespace_of(path: Path) -> dict[str, Any]:
    source = path.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(source, str(path), "exec"), namespace)
    return namespace


def normal_equations() -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """(XᵀX, Xᵀy, the feature table) for the lab's diabetes data."""
    table = np.loadtxt(LAB / "data" / "diabetes.csv", delimiter=",", skiprows=1)
    x = np.column_stack([np.ones(len(table)), table[:, :-1]])
    y = table[:, -1]
    return x.T @ x, x.T @ y, table


def test_the_lab_data_is_the_real_diabetes_data_set() -> None:
    from sklearn.datasets import load_diabetes  # type: ignore[import-untyped]

    meta = json.loads((LAB / "data" / "diabetes.json").read_text("utf-8"))
    _, _, table = normal_equations()
    data = load_diabetes(scaled=False)
    columns = [data.feature_names.index(name) for name in meta["features"]]
    assert table.shape == (442, 5)
    assert np.allclose(table[:, :-1], data.data[:, columns], rtol=1e-9)
    assert np.array_equal(table[:, -1], data.target)


def test_five_equations_solved_by_row_reduction_agree_with_numpy() -> None:
    solution = namespace_of(LAB / "solution.py")
    xtx, xty, _ = normal_equations()
    assert xtx.shape == (5, 5)
    assert np.linalg.cond(xtx) > 1e6  # not a toy: badly scaled, as real features are

    assert solution["classify_system"](xtx, xty) == "unique"
    _, pivots = solution["rref"](np.column_stack([xtx, xty]))
    assert pivots == [0, 1, 2, 3, 4]

    ours = solution["solve"](xtx, xty)
    numpy = np.linalg.solve(xtx, xty)
    gap = float(np.abs(ours - numpy).max())
    print(f"max |solve - np.linalg.solve| = {gap:.1e} (claim: {MEASURED_GAP:.1e})")
    assert gap < 25 * MEASURED_GAP
    assert gap / float(np.abs(numpy).max()) < 1e-13
    # the weights the lesson shows: intercept, age, bmi, bp, s5
    assert np.round(ours, 3).tolist() == [-333.984, -0.179, 6.503, 0.949, 50.306]


def test_the_weights_are_the_least_squares_fit() -> None:
    """A third, independent method: scikit-learn's LinearRegression on the same data."""
    from sklearn.linear_model import LinearRegression  # type: ignore[import-untyped]

    solution = namespace_of(LAB / "solution.py")
    xtx, xty, table = normal_equations()
    model = LinearRegression().fit(table[:, :-1], table[:, -1])
    ours = solution["solve"](xtx, xty)
    assert np.allclose(ours, [model.intercept_, *model.coef_], rtol=1e-9, atol=1e-9)
