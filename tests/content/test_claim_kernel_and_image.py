"""Module 6's claim, reproduced by the lab's reference solution: rank–nullity on real data.
scikit-learn's bundled digits (1,797 images × 64 pixels) have rank 61 and nullity 3, which
add up to the 64 pixel columns; the three kernel basis vectors satisfy X @ k = 0 (measured
largest entry of |X @ K|: 0.0, exactly) and point at the 3 pixels that are zero in every
image (0, 32 and 39)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from sklearn.datasets import load_digits  # type: ignore[import-untyped]

from tests.conftest import CONTENT

LAB = CONTENT / "modules" / "06-kernel-and-image" / "lab"


def namespace_of(path: Path) -> dict[str, Any]:
    """The names a lab file defines, run as a learner's file would be."""
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def solution() -> dict[str, Any]:
    return namespace_of(LAB / "solution.py")


@pytest.fixture(scope="module")
def digits() -> NDArray[Any]:
    pixels: NDArray[Any] = load_digits().data
    return pixels


def test_the_digits_have_rank_61_and_nullity_3(
    solution: dict[str, Any], digits: NDArray[Any]
) -> None:
    assert digits.shape == (1797, 64)
    rank, nullity = solution["rank_nullity"](digits)
    assert (rank, nullity) == (61, 3)  # measured
    assert rank + nullity == digits.shape[1]
    assert rank == np.linalg.matrix_rank(digits)  # NumPy's SVD agrees
    assert solution["image_basis"](digits).shape == (1797, 61)


def test_the_kernel_vectors_are_sent_to_zero_and_point_at_dead_pixels(
    solution: dict[str, Any], digits: NDArray[Any]
) -> None:
    kernel = np.asarray(solution["kernel_basis"](digits))
    assert kernel.shape == (64, 3)
    residual = float(np.abs(digits @ kernel).max())
    assert residual == 0.0  # measured: 0.0 — each vector only touches blank pixels
    dead = np.flatnonzero((digits == 0).all(axis=0))
    assert dead.tolist() == [0, 32, 39]  # measured: 3 pixels blank in all 1,797 images
    touched = np.flatnonzero(np.abs(kernel).max(axis=1) > 0)
    assert touched.tolist() == dead.tolist()
    assert np.linalg.matrix_rank(kernel[dead]) == 3  # one independent direction per dead pixel


def test_a_pixel_used_by_any_image_is_not_in_the_kernel(
    solution: dict[str, Any], digits: NDArray[Any]
) -> None:
    """The claim can fail: one stroke through a dead pixel takes it out of the kernel."""
    marked = digits.copy()
    marked[0, 32] = 5.0
    rank, nullity = solution["rank_nullity"](marked)
    assert (rank, nullity) == (62, 2)
    kernel = np.asarray(solution["kernel_basis"](marked))
    assert np.flatnonzero(np.abs(kernel).max(axis=1) > 0).tolist() == [0, 39]
