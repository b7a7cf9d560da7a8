"""A correct solution with complex numbers, einsum and a reversed product; the plot shows
the original grid faintly behind the moved one (extra lines are fine)."""

import numpy as np


def rotation(theta) -> np.ndarray:
    z = np.exp(1j * theta)  # a turn is multiplication by a unit complex number
    return np.array([[z.real, -z.imag], [z.imag, z.real]])


def scaling(sx, sy) -> np.ndarray:
    return np.array([[sx, 0], [0, sy]], dtype=float)


def shear(kx=0.0, ky=0.0) -> np.ndarray:
    return np.array([[1, kx], [ky, 1]], dtype=float)


def projection(theta) -> np.ndarray:
    d = 2.5 * np.array([np.cos(theta), np.sin(theta)])  # any direction along the line
    return np.outer(d, d) / (d @ d)


def reflection(theta) -> np.ndarray:
    return 2 * projection(theta) - np.eye(2)  # go to the line, then as far again


def compose(*matrices) -> np.ndarray:
    result = np.eye(2)
    for m in reversed(matrices):  # the last map applied is the leftmost factor
        result = result @ np.asarray(m, dtype=float)
    return result


def transform_points(M, points) -> np.ndarray:
    return np.einsum("ij,nj->ni", np.asarray(M, dtype=float), np.asarray(points, dtype=float))


def plot_transformation(M, ax=None):
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.figure().gca()
    t = np.linspace(-3, 3, 13)
    for k in range(-3, 4):
        vertical = np.column_stack([np.full_like(t, k), t])
        horizontal = np.column_stack([t, np.full_like(t, k)])
        for line in (vertical, horizontal):
            ax.plot(line[:, 0], line[:, 1], color="0.85", lw=0.5)  # before
            moved = transform_points(M, line)
            ax.plot(moved[:, 0], moved[:, 1], color="tab:red", lw=1)  # after
    return ax
