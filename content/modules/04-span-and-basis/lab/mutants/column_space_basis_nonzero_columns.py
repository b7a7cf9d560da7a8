"""Mutant: keeps every column that is nonzero in R, free columns included."""

import numpy as np


def _rref(M, rtol=1e-10):
    """Reduced row echelon form of M and its pivot columns; entries below a tolerance
    scaled to M count as zero, so rounding error never creates a pivot."""
    R = np.array(M, dtype=float)
    n_rows, n_cols = R.shape
    tol = rtol * max(1.0, float(np.abs(R).max(initial=0.0)))
    pivots = []
    row = 0
    for col in range(n_cols):
        if row == n_rows:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            R[row:, col] = 0.0
            continue
        R[[row, best]] = R[[best, row]]
        R[row] = R[row] / R[row, col]
        for other in range(n_rows):
            if other != row:
                R[other] = R[other] - R[other, col] * R[row]
        pivots.append(col)
        row += 1
    return R, pivots


def _as_columns(vectors):
    return np.column_stack([np.asarray(v, dtype=float).ravel() for v in vectors])


def is_independent(vectors) -> bool:
    A = _as_columns(vectors)
    _, pivots = _rref(A)
    return len(pivots) == A.shape[1]


def column_space_basis(A) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    R, _ = _rref(A)
    keep = [j for j in range(A.shape[1]) if np.any(np.abs(R[:, j]) > 1e-10)]
    return A[:, keep]


def in_span(vectors, v) -> bool:
    A = _as_columns(vectors)
    augmented = np.column_stack([A, np.asarray(v, dtype=float).ravel()])
    _, pivots = _rref(augmented)
    return A.shape[1] not in pivots  # a pivot in the last column: no combination reaches v


def coordinates(basis, v) -> np.ndarray:
    B = np.asarray(basis, dtype=float)
    if B.ndim == 1:
        B = B.reshape(-1, 1)
    k = B.shape[1]
    R, pivots = _rref(np.column_stack([B, np.asarray(v, dtype=float).ravel()]))
    if k in pivots:
        raise ValueError("v is not in the span of the basis: no combination reproduces it")
    c = np.zeros(k)
    for row, col in enumerate(pivots):
        c[col] = R[row, k]
    return c
