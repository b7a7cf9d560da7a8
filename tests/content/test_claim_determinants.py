"""Module 5's claim, reproduced by the lab's reference solution: `det` by elimination computes
a 200×200 determinant well under a second and agrees with `np.linalg.det`, and
`area_scale(A, polygon)` equals |det A| on real polygons (the regions the three Iris species
cover in the petal plane, from scikit-learn's bundled data set).

Measured on the 2-core development machine: det of the 200×200 matrix in about 4 ms, relative
difference from np.linalg.det 1.6e-13; area_scale off from |det A| by at most 2.1e-15
(relative) over 5 matrices × 3 regions; the standardising matrix scales every region by
0.7482."""

from __future__ import annotations

import json
import time
from typing import Any

import numpy as np
import pytest

from tests.conftest import CONTENT
from tests.content.test_labs import namespace_of

LAB = CONTENT / "modules" / "05-determinants" / "lab"
REGIONS = LAB / "data" / "iris_petal_regions.json"


@pytest.fixture(scope="module")
def solution() -> dict[str, Any]:
    return namespace_of(LAB / "solution.py")


@pytest.fixture(scope="module")
def regions() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REGIONS.read_text("utf-8"))
    return data


def test_det_by_elimination_is_fast_and_agrees_with_numpy_for_200_by_200(
    solution: dict[str, Any],
) -> None:
    matrix = np.random.default_rng(0).normal(size=(200, 200))
    det = solution["det"]
    det(matrix)  # warm up (first-call costs are not the algorithm's)
    start = time.perf_counter()
    ours = det(matrix)
    elapsed = time.perf_counter() - start
    theirs = float(np.linalg.det(matrix))
    relative = abs(ours - theirs) / abs(theirs)
    assert abs(theirs) > 1e100  # a real test of scale: the pivots multiply to ~1e188
    assert relative < 1e-11, f"measured relative difference {relative:.2e}"
    assert elapsed < 1.0, f"measured {elapsed * 1000:.1f} ms"


def test_inverse_by_gauss_jordan_undoes_a_200_by_200_matrix(solution: dict[str, Any]) -> None:
    matrix = np.random.default_rng(1).normal(size=(200, 200))
    error = float(np.abs(solution["inverse"](matrix) @ matrix - np.eye(200)).max())
    assert error < 1e-10, f"measured max |A⁻¹A - I| = {error:.2e}"


def test_the_shipped_regions_are_the_convex_hulls_of_the_real_iris_measurements(
    regions: dict[str, Any],
) -> None:
    from scipy.spatial import ConvexHull  # type: ignore[import-untyped]
    from sklearn.datasets import load_iris  # type: ignore[import-untyped]

    iris = load_iris()
    petals = iris.data[:, 2:4]
    assert regions["features"] == iris.feature_names[2:4]
    for label, species in enumerate(iris.target_names):
        points = petals[iris.target == label]
        hull = points[ConvexHull(points).vertices]
        assert np.allclose(regions["hulls"][species], hull, atol=0.005), species
    assert np.allclose(regions["feature_std_cm"], petals.std(axis=0), atol=1e-6)


def _transforms(regions: dict[str, Any]) -> dict[str, np.ndarray]:
    theta = np.radians(40)
    return {
        "standardise": np.diag(1 / np.asarray(regions["feature_std_cm"])),
        "rotate 40°": np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]),
        "shear": np.array([[1.0, 1.5], [0.0, 1.0]]),
        "mirror": np.array([[0.0, 1.0], [1.0, 0.0]]),
        "stretch": np.array([[2.0, 0.5], [1.0, 1.5]]),
    }


def test_area_scale_is_abs_det_on_real_polygons(
    solution: dict[str, Any], regions: dict[str, Any]
) -> None:
    worst = 0.0
    for name, matrix in _transforms(regions).items():
        expected = abs(float(np.linalg.det(matrix)))
        for species, hull in regions["hulls"].items():
            for polygon in (hull, hull[::-1]):  # either orientation
                ratio = solution["area_scale"](matrix, polygon)
                worst = max(worst, abs(ratio - expected) / expected)
                assert ratio == pytest.approx(expected, rel=1e-12), (name, species)
    assert worst < 1e-13, f"measured worst relative difference {worst:.2e}"


def test_standardising_scales_every_iris_region_by_the_same_determinant(
    solution: dict[str, Any], regions: dict[str, Any]
) -> None:
    scale = _transforms(regions)["standardise"]
    ratios = [solution["area_scale"](scale, hull) for hull in regions["hulls"].values()]
    assert len(ratios) == 3
    assert ratios == pytest.approx([0.7482] * 3, abs=5e-5)  # the lesson's figure
    assert solution["det"](scale) == pytest.approx(ratios[0], rel=1e-12)
