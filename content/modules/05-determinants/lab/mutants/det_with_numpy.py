"""Mutant: NumPy's determinant instead of the learner's own elimination."""

import numpy as np


def _square_float_matrix(A) -> np.ndarray:
    A = np.array(A, dtype=float)  # a float copy: the caller's matrix is never changed
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"a determinant needs a square matrix, not shape {A.shape}")
    return A


def det(A) -> float:
    return float(np.linalg.det(_square_float_matrix(A)))


def inverse(A) -> np.ndarray:
    M = _square_float_matrix(A)
    n = M.shape[0]
    tol = 1e-12 * max(1.0, float(np.abs(M).max(initial=0.0)))
    augmented = np.hstack([M, np.eye(n)])  # [A | I]  ->  [I | A^-1]
    for k in range(n):
        p = k + int(np.argmax(np.abs(augmented[k:, k])))
        if abs(augmented[p, k]) <= tol:
            raise ValueError("the matrix is singular (det A = 0), so it has no inverse")
        augmented[[k, p]] = augmented[[p, k]]
        augmented[k] /= augmented[k, k]
        others = np.arange(n) != k
        augmented[others] -= np.outer(augmented[others, k], augmented[k])
    return augmented[:, n:]


def _shoelace_area(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    # np.roll pairs the last vertex with the first, closing the polygon
    return 0.5 * abs(float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)))


def area_scale(A, polygon) -> float:
    A = np.asarray(A, dtype=float)
    points = np.asarray(polygon, dtype=float)
    before = _shoelace_area(points)
    if before == 0.0:
        raise ValueError("the polygon has no area, so there is nothing to scale")
    after = _shoelace_area(points @ A.T)  # each row p becomes A @ p
    return after / before
