"""A correct solution by another method: solve factors P A = L U with partial pivoting,
then does a forward and a back substitution; classify_system compares ranks from
np.linalg.matrix_rank; rref eliminates row by row with np.isclose for the zero test."""

import numpy as np


def rref(A, tol=1e-10):
    R = np.array(A, dtype=float)
    pivots = []
    for c in range(R.shape[1]):
        r = len(pivots)
        if r == R.shape[0]:
            break
        column = np.abs(R[r:, c])
        if np.all(np.isclose(column, 0.0, rtol=0.0, atol=tol)):
            R[r:, c] = 0.0
            continue
        p = r + int(np.argmax(column))
        R[[r, p]] = R[[p, r]]
        R[r] = R[r] / R[r, c]
        for i in range(R.shape[0]):
            if i != r:
                R[i] -= R[i, c] * R[r]
        pivots.append(c)
    return R, pivots


def lu_factor(A):
    """P A = L U with partial pivoting, the permutation kept as a list of row indices."""
    U = np.array(A, dtype=float)
    n = len(U)
    L = np.eye(n)
    order = list(range(n))
    tol = 1e-12 * np.abs(U).max()
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if abs(U[p, k]) <= tol:
            raise ValueError("A is singular")
        U[[k, p]] = U[[p, k]]
        L[[k, p], :k] = L[[p, k], :k]
        order[k], order[p] = order[p], order[k]
        L[k + 1 :, k] = U[k + 1 :, k] / U[k, k]
        U[k + 1 :] -= np.outer(L[k + 1 :, k], U[k])
    return order, L, U


def solve(A, b):
    order, L, U = lu_factor(A)
    c = np.asarray(b, dtype=float)[order]
    n = len(c)
    y = np.zeros(n)
    for i in range(n):  # L y = P b, top to bottom
        y[i] = c[i] - L[i, :i] @ y[:i]
    x = np.zeros(n)
    for i in reversed(range(n)):  # U x = y, bottom to top
        x[i] = (y[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
    return x


def classify_system(A, b):
    A = np.asarray(A, dtype=float)
    rank_a = np.linalg.matrix_rank(A)
    rank_ab = np.linalg.matrix_rank(np.column_stack([A, b]))
    if rank_ab > rank_a:
        return "none"
    return "unique" if rank_a == A.shape[1] else "infinite"
