"""Mutant: B^T M B, the transpose standing in for the inverse."""

import numpy as np


def rref(A, tol=1e-10):
    """Reduced row echelon form of A and its pivot columns (partial pivoting)."""
    R = np.array(A, dtype=float)
    m, n = R.shape
    # Round-off is relative to the size of the entries: scale the tolerance with them.
    threshold = tol * max(1.0, float(np.abs(R).max(initial=0.0)))
    pivots = []
    row = 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= threshold:
            R[row:, col] = 0.0
            continue
        R[[row, best]] = R[[best, row]]
        R[row] = R[row] / R[row, col]
        others = np.arange(m) != row
        R[others] -= np.outer(R[others, col], R[row])
        pivots.append(col)
        row += 1
    return R, pivots


def kernel_basis(A) -> np.ndarray:
    A = np.atleast_2d(np.asarray(A, dtype=float))
    n = A.shape[1]
    R, pivots = rref(A)
    free = [j for j in range(n) if j not in pivots]
    K = np.zeros((n, len(free)))
    for k, j in enumerate(free):
        # The special solution: free variable j set to 1, the other free ones to 0,
        # and each pivot variable chosen so that its row of R x = 0 holds.
        K[j, k] = 1.0
        for i, p in enumerate(pivots):
            K[p, k] = -R[i, j]
    return K


def image_basis(A) -> np.ndarray:
    A = np.atleast_2d(np.asarray(A, dtype=float))
    _, pivots = rref(A)
    return A[:, pivots]


def rank_nullity(A) -> tuple[int, int]:
    A = np.atleast_2d(np.asarray(A, dtype=float))
    nullity = kernel_basis(A).shape[1]
    return A.shape[1] - nullity, nullity


def change_of_basis(M, B) -> np.ndarray:
    M, B = np.asarray(M, dtype=float), np.asarray(B, dtype=float)
    n = B.shape[0]
    if B.ndim != 2 or B.shape != (n, n) or M.shape != (n, n):
        raise ValueError(f"B must be square and match M, got M {M.shape} and B {B.shape}")
    if rank_nullity(B)[1] > 0:
        raise ValueError("the columns of B are not a basis: B has a nonzero kernel")
    return B.T @ M @ B
