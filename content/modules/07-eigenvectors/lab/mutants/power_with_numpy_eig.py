"""Mutant: np.linalg.eig instead of iterating."""

import cmath

import numpy as np


def power_iteration(A, num_iters=1000, tol=1e-10):
    A = np.asarray(A, dtype=float)
    values, vectors = np.linalg.eig(A)
    i = int(np.argmax(np.abs(values)))
    return float(values[i].real), vectors[:, i].real


def _eigenvector(a, b, c, d, lam):
    """A non-zero solution of (A - lam I) v = 0: either row of A - lam I gives one."""
    from_top, from_bottom = np.array([b, lam - a]), np.array([lam - d, c])
    # One row may be all zeros (b = 0 or c = 0): use the longer candidate.
    v = max(from_top, from_bottom, key=np.linalg.norm)
    return v / np.linalg.norm(v)


def eig2x2(A):
    (a, b), (c, d) = np.asarray(A, dtype=float)
    if b == 0 and c == 0:  # already diagonal: the axes are eigenvectors
        return np.array([a, d]), np.eye(2)
    trace, det = a + d, a * d - b * c
    root = cmath.sqrt(trace**2 - 4 * det)  # complex when the discriminant is negative
    values = np.array([(trace + root) / 2, (trace - root) / 2])
    if np.all(values.imag == 0):
        values = values.real
    vectors = np.column_stack([_eigenvector(a, b, c, d, lam) for lam in values])
    return values, vectors


def diagonalize(A):
    A = np.asarray(A, dtype=float)
    values, P = np.linalg.eig(A)
    # A defective matrix has too few eigenvector directions: the columns of P come out
    # (nearly) parallel, so P is (nearly) singular. Rounding keeps them a hair apart.
    if np.linalg.cond(P) > 1e6:
        raise ValueError("A is not diagonalizable: it does not have enough eigenvectors")
    return P, np.diag(values)


def pagerank(adjacency, damping=0.85):
    links = np.asarray(adjacency, dtype=float)
    n = links.shape[0]
    out_degree = links.sum(axis=1)
    # Column j of M says where a surfer on page j goes next: each of j's links equally,
    # or anywhere at all when page j links nowhere.
    M = np.full((n, n), 1.0 / n)
    has_links = out_degree > 0
    M[:, has_links] = (links[has_links] / out_degree[has_links, None]).T
    rank = np.full(n, 1.0 / n)
    for _ in range(10_000):
        new = (1 - damping) / n + damping * (M @ rank)
        if np.abs(new - rank).sum() < 1e-14:
            return new
        rank = new
    return rank
