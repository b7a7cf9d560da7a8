"""A correct solution with plain Python: math, lists and loops (NumPy only to return arrays)."""

import math

import numpy as np


def rotation(theta) -> np.ndarray:
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c, -s], [s, c]])


def scaling(sx, sy) -> np.ndarray:
    return np.array([[float(sx), 0.0], [0.0, float(sy)]])


def shear(kx=0.0, ky=0.0) -> np.ndarray:
    return np.array([[1.0, float(kx)], [float(ky), 1.0]])


def reflection(theta) -> np.ndarray:
    c, s = math.cos(2 * theta), math.sin(2 * theta)
    return np.array([[c, s], [s, -c]])


def projection(theta) -> np.ndarray:
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c * c, c * s], [s * c, s * s]])


def matmul(A, B):
    """The product A B of two 2×2 matrices given as nested lists."""
    return [[sum(A[i][k] * B[k][j] for k in range(2)) for j in range(2)] for i in range(2)]


def compose(*matrices) -> np.ndarray:
    total = [[1.0, 0.0], [0.0, 1.0]]
    for m in matrices:
        rows = [[float(x) for x in row] for row in np.asarray(m).tolist()]
        total = matmul(rows, total)  # the newest map goes on the left
    return np.array(total)


def transform_points(M, points) -> np.ndarray:
    m = np.asarray(M, dtype=float).tolist()
    moved = []
    for x, y in np.asarray(points, dtype=float).tolist():
        moved.append([m[0][0] * x + m[0][1] * y, m[1][0] * x + m[1][1] * y])
    return np.array(moved).reshape(-1, 2)


def plot_transformation(M, ax=None):
    import matplotlib.pyplot as plt

    if ax is None:
        ax = plt.figure().add_subplot()
    steps = [-3 + 6 * i / 20 for i in range(21)]  # many points along each line
    for k in range(-3, 4):
        for line in ([[k, t] for t in steps], [[t, k] for t in steps]):
            moved = transform_points(M, line)
            ax.plot(moved[:, 0], moved[:, 1], "k-", lw=0.8)
    return ax
