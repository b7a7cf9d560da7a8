"""Module 8's claim (CURRICULUM.md), reproduced by the lab's reference solution: the Iris
measurements (scikit-learn's bundled `load_iris`, 150 flowers × 4 features) reduced to 2
features, PC1 explains 92.46% of the variance, and the species still separate in 2-D —
a leave-one-out 1-nearest-neighbour classifier is right for 96.0% of the flowers, exactly
as often as with all four measurements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from sklearn.datasets import load_iris  # type: ignore[import-untyped]

from tests.conftest import CONTENT

LAB = CONTENT / "modules" / "08-pca" / "lab"


def namespace_of(path: Path) -> dict[str, Any]:
    """The names a lab file defines, run as a learner's file would be."""
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def leave_one_out_nearest_neighbour(points: NDArray[Any], labels: NDArray[Any]) -> float:
    """The share of samples whose nearest other sample has the same label."""
    gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    np.fill_diagonal(gaps, np.inf)
    return float(np.mean(labels[gaps.argmin(axis=1)] == labels))


@pytest.fixture(scope="module")
def iris_in_2d() -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]]:
    iris = load_iris()
    components, ratio, projected = namespace_of(LAB / "solution.py")["pca"](iris.data, 2)
    return np.asarray(components), np.asarray(ratio), np.asarray(projected), iris.target


def test_pc1_explains_92_5_percent_of_the_iris_variance(
    iris_in_2d: tuple[NDArray[Any], ...],
) -> None:
    _, ratio, projected, _ = iris_in_2d
    assert projected.shape == (150, 2)
    assert ratio[0] == pytest.approx(0.9246, abs=0.001)  # measured: 0.92462
    assert ratio[1] == pytest.approx(0.0531, abs=0.001)  # measured: 0.05307
    assert ratio.sum() == pytest.approx(0.9777, abs=0.001)


def test_the_species_separate_in_two_dimensions(iris_in_2d: tuple[NDArray[Any], ...]) -> None:
    _, _, projected, species = iris_in_2d
    four_d = leave_one_out_nearest_neighbour(load_iris().data, species)
    two_d = leave_one_out_nearest_neighbour(projected, species)
    one_d = leave_one_out_nearest_neighbour(projected[:, :1], species)
    assert two_d == pytest.approx(0.96, abs=0.001)  # measured: 144 of 150 flowers
    assert two_d == four_d  # nothing lost by dropping half the measurements
    assert one_d == pytest.approx(0.8867, abs=0.001)  # one number is too few


def test_the_solution_agrees_with_scikit_learn_up_to_sign(
    iris_in_2d: tuple[NDArray[Any], ...],
) -> None:
    from sklearn.decomposition import PCA  # type: ignore[import-untyped]

    components, ratio, projected, _ = iris_in_2d
    reference = PCA(n_components=2).fit(load_iris().data)
    assert np.allclose(ratio, reference.explained_variance_ratio_)
    signs = np.sign(np.sum(components * reference.components_, axis=1))
    assert np.allclose(components * signs[:, None], reference.components_)
    assert np.allclose(projected * signs, reference.transform(load_iris().data))
    assert np.allclose(components @ components.T, np.eye(2))
