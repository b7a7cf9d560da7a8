"""A correct solution that eliminates differently: det recursively as pivot × det(Schur
complement), working on columns (det A = det Aᵀ); inverse reduces [A | I] to a diagonal
first and divides at the end; area_scale closes the polygon explicitly and uses the
trapezoid form of the shoelace formula."""

import numpy as np


def det(A):
    A = np.array(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError("det needs a square matrix")
    if A.shape[0] == 0:
        return 1.0
    C = A.T  # columns of A as rows: same determinant
    p = int(np.argmax(np.abs(C[:, 0])))
    if C[p, 0] == 0:
        return 0.0
    sign = -1.0 if p != 0 else 1.0
    C[[0, p]] = C[[p, 0]]
    pivot = C[0, 0]
    schur = C[1:, 1:] - np.outer(C[1:, 0], C[0, 1:]) / pivot
    return sign * pivot * det(schur)


def inverse(A):
    A = np.array(A, dtype=float)
    n = A.shape[0]
    if A.ndim != 2 or A.shape[1] != n:
        raise ValueError("inverse needs a square matrix")
    M = np.concatenate([A, np.identity(n)], axis=1)
    scale = np.abs(A).max() if A.size else 1.0
    for k in range(n):
        p = k + np.argmax(np.abs(M[k:, k]))
        if np.abs(M[p, k]) < 1e-12 * max(scale, 1.0):
            raise ValueError("A is singular")
        if p != k:
            M[[k, p]] = M[[p, k]]
        for i in range(n):
            if i != k:
                M[i] = M[i] - (M[i, k] / M[k, k]) * M[k]
    return M[:, n:] / np.diag(M)[:, None]


def _area(P):
    closed = np.vstack([P, P[:1]])
    x, y = closed[:, 0], closed[:, 1]
    return abs(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]))) / 2


def area_scale(A, polygon):
    A, P = np.asarray(A, dtype=float), np.asarray(polygon, dtype=float)
    return float(_area((A @ P.T).T) / _area(P))
