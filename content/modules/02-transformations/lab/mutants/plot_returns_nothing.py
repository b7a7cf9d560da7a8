"""Mutant: draws the grid but forgets to return the Axes."""

import numpy as np

GRID = range(-3, 4)  # the grid lines x = k and y = k for k = -3, ..., 3


def rotation(theta) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def scaling(sx, sy) -> np.ndarray:
    return np.array([[sx, 0.0], [0.0, sy]], dtype=float)


def shear(kx=0.0, ky=0.0) -> np.ndarray:
    return np.array([[1.0, kx], [ky, 1.0]], dtype=float)


def reflection(theta) -> np.ndarray:
    c, s = np.cos(2 * theta), np.sin(2 * theta)
    return np.array([[c, s], [s, -c]])


def projection(theta) -> np.ndarray:
    d = np.array([np.cos(theta), np.sin(theta)])
    return np.outer(d, d)


def compose(*matrices) -> np.ndarray:
    result = np.eye(2)
    for m in matrices:
        result = np.asarray(m, dtype=float) @ result
    return result


def transform_points(M, points) -> np.ndarray:
    M = np.asarray(M, dtype=float)
    points = np.asarray(points, dtype=float)
    return points @ M.T


def plot_transformation(M, ax=None):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    for k in GRID:
        vertical = [[k, GRID[0]], [k, GRID[-1]]]
        horizontal = [[GRID[0], k], [GRID[-1], k]]
        for segment in (vertical, horizontal):
            moved = transform_points(M, segment)
            ax.plot(moved[:, 0], moved[:, 1], color="tab:blue", linewidth=1)
    ax.set_aspect("equal")
