"""A correct solution built from geometry: columns are where the basis vectors land,
mirrors and projections from the line's unit normal, one plot line with NaN gaps."""

from functools import reduce

import numpy as np


def rotation(theta) -> np.ndarray:
    # The columns are the images of (1, 0) and (0, 1).
    first = [np.cos(theta), np.sin(theta)]
    second = [-np.sin(theta), np.cos(theta)]
    return np.column_stack([first, second])


def scaling(sx, sy) -> np.ndarray:
    return np.diag([sx, sy]).astype(float)


def shear(kx=0.0, ky=0.0) -> np.ndarray:
    return np.eye(2) + np.array([[0.0, kx], [ky, 0.0]])


def _normal(theta):
    return np.array([-np.sin(theta), np.cos(theta)])


def reflection(theta) -> np.ndarray:
    n = _normal(theta)
    return np.eye(2) - 2 * np.outer(n, n)  # flip the component along the normal


def projection(theta) -> np.ndarray:
    n = _normal(theta)
    return np.eye(2) - np.outer(n, n)  # remove the component along the normal


def compose(*matrices) -> np.ndarray:
    return reduce(lambda done, nxt: np.asarray(nxt, dtype=float) @ done, matrices, np.eye(2))


def transform_points(M, points) -> np.ndarray:
    columns = np.asarray(points, dtype=float).reshape(-1, 2).T  # one point per column
    return (np.asarray(M, dtype=float) @ columns).T


def plot_transformation(M, ax=None):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    ks = np.arange(-3, 4)
    segments = []
    for k in ks:
        segments += [[[k, -3], [k, 3]], [[-3, k], [3, k]]]
    xs, ys = [], []
    for segment in segments:
        moved = transform_points(M, segment)
        xs += [*moved[:, 0], np.nan]
        ys += [*moved[:, 1], np.nan]
    ax.plot(xs, ys, color="0.3")  # one line, broken into pieces by the NaN gaps
    unit_square = transform_points(M, [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
    ax.fill(unit_square[:, 0], unit_square[:, 1], alpha=0.3)
    ax.set_aspect("equal")
    return ax
