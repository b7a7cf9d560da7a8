"""A correct solution in vectorised NumPy: power iteration rescaled by the largest entry
(another valid rescaling), eigenvalues from np.roots of the characteristic polynomial and
eigenvectors from an SVD, a defect test on the smallest singular value of P, and PageRank
as the solution of one linear system, (I − d M) r = (1 − d)/n · 1."""

import numpy as np


def power_iteration(A, num_iters=1000, tol=1e-10):
    A = np.asarray(A, dtype=float)
    x = np.linspace(1.0, 2.0, len(A))
    x = x / np.linalg.norm(x)
    for _ in range(num_iters):
        y = A @ x
        biggest = y[np.argmax(np.abs(y))]
        if biggest == 0:
            break
        y = y / biggest  # keeps the sign steady even for a negative eigenvalue
        y = y / np.linalg.norm(y)
        done = np.linalg.norm(y - x) < tol
        x = y
        if done:
            break
    return float(x @ A @ x / (x @ x)), x


def eig2x2(A):
    A = np.asarray(A, dtype=float)
    if np.allclose(A, A[0, 0] * np.eye(2), atol=0):  # a multiple of I
        return np.array([A[0, 0], A[0, 0]]), np.eye(2)
    values = np.roots([1.0, -np.trace(A), A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]])
    vectors = []
    for lam in values:
        _, _, vh = np.linalg.svd(A - lam * np.eye(2))
        vectors.append(-vh[-1].conj())  # the direction A − λI sends to zero
    return values, np.column_stack(vectors)


def diagonalize(A):
    A = np.asarray(A, dtype=float)
    values, P = np.linalg.eig(A)
    unit = P / np.linalg.norm(P, axis=0)
    if np.linalg.svd(unit, compute_uv=False)[-1] < 1e-6:
        raise ValueError("not diagonalizable: the eigenvectors are dependent")
    return P, np.diag(values)


def pagerank(adjacency, damping=0.85):
    links = np.asarray(adjacency, dtype=float)
    n = len(links)
    out = links.sum(axis=1, keepdims=True)
    rows = np.divide(links, out, out=np.full_like(links, 1.0 / n), where=out > 0)
    M = rows.T
    return np.linalg.solve(np.eye(n) - damping * M, np.full(n, (1 - damping) / n))
