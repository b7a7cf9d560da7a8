"""A correct solution through an LU factorisation with partial pivoting (P A = L U):
det is the product of U's diagonal times the sign of the permutation; inverse solves
A x = e_j for every column of I by forward and back substitution; area_scale adds up
signed triangles with np.cross-free 2-D cross products."""

import numpy as np


def _lu(A):
    U = np.array(A, dtype=float)
    n = U.shape[0]
    if U.ndim != 2 or U.shape[1] != n:
        raise ValueError("square matrices only")
    L = np.eye(n)
    order = np.arange(n)
    swaps = 0
    for k in range(n - 1):
        p = k + np.argmax(abs(U[k:, k]))
        if p != k:
            U[[k, p]] = U[[p, k]]
            L[[k, p], :k] = L[[p, k], :k]
            order[[k, p]] = order[[p, k]]
            swaps += 1
        if U[k, k] != 0:
            L[k + 1 :, k] = U[k + 1 :, k] / U[k, k]
            U[k + 1 :] -= L[k + 1 :, k, None] * U[k]
    return order, L, U, swaps


def det(A):
    _, _, U, swaps = _lu(A)
    return float((-1) ** swaps * np.prod(np.diag(U)))


def inverse(A):
    order, L, U, _ = _lu(A)
    n = U.shape[0]
    if n and np.min(np.abs(np.diag(U))) <= 1e-12 * max(1.0, np.max(np.abs(A))):
        raise ValueError("singular")
    X = np.zeros((n, n))
    for j in range(n):
        b = (order == j).astype(float)  # column j of I, rows permuted like A
        y = np.zeros(n)
        for i in range(n):
            y[i] = b[i] - L[i, :i] @ y[:i]
        x = np.zeros(n)
        for i in reversed(range(n)):
            x[i] = (y[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
        X[:, j] = x
    return X


def _signed_area(P):
    a, b = P - P[0], np.roll(P, -1, axis=0) - P[0]
    return 0.5 * np.sum(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0])


def area_scale(A, polygon):
    P = np.asarray(polygon, dtype=float)
    Q = np.einsum("ij,nj->ni", np.asarray(A, dtype=float), P)
    return abs(_signed_area(Q)) / abs(_signed_area(P))
