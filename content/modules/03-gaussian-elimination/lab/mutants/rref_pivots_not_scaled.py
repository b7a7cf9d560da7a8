"""Mutant: clears every pivot column but never divides the pivot row by its pivot."""

import numpy as np


def rref(A, tol=1e-10):
    R = np.array(A, dtype=float)  # a float copy: the caller's matrix stays as it was
    rows, cols = R.shape
    pivots = []
    row = 0
    for col in range(cols):
        if row == rows:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            R[row:, col] = 0.0  # what is left in this column is round-off
            continue
        R[[row, best]] = R[[best, row]]
        for other in range(rows):
            if other != row:
                R[other] = R[other] - R[other, col] / R[row, col] * R[row]
        pivots.append(col)
        row += 1
    return R, pivots


def solve(A, b):
    A = np.array(A, dtype=float)
    b = np.array(b, dtype=float)
    n = A.shape[0]
    if A.shape != (n, n) or b.shape != (n,):
        raise ValueError(f"A must be square and b must match it, got {A.shape} and {b.shape}")
    tol = 1e-12 * np.abs(A).max(initial=0.0)
    for k in range(n):
        p = k + int(np.argmax(np.abs(A[k:, k])))
        if abs(A[p, k]) <= tol:
            raise ValueError(f"A is singular: column {k} has no pivot")
        if p != k:
            A[[k, p]] = A[[p, k]]
            b[[k, p]] = b[[p, k]]
        for i in range(k + 1, n):
            factor = A[i, k] / A[k, k]
            A[i, k:] = A[i, k:] - factor * A[k, k:]
            b[i] = b[i] - factor * b[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - A[i, i + 1 :] @ x[i + 1 :]) / A[i, i]
    return x


def classify_system(A, b):
    A = np.array(A, dtype=float)
    augmented = np.column_stack([A, np.ravel(b)])
    _, pivots = rref(augmented)
    if A.shape[1] in pivots:  # a pivot in the last column: a row that says 0 = c
        return "none"
    if len(pivots) == A.shape[1]:
        return "unique"
    return "infinite"
