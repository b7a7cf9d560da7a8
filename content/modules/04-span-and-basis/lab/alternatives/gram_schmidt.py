"""A correct solution by orthogonalisation: Gram–Schmidt finds the new direction each
vector adds (nothing new means dependent), and coordinates solve the normal equations."""

import numpy as np

TOL = 1e-9


def _new_direction(q_list, x):
    """The part of x orthogonal to the orthonormal vectors in q_list."""
    r = np.array(x, dtype=float)
    for _ in range(2):  # a second pass cleans up rounding error
        for q in q_list:
            r = r - (q @ r) * q
    return r


def _orthonormal_basis(columns):
    q_list, kept = [], []
    for j, x in enumerate(columns):
        scale = max(1.0, float(np.linalg.norm(x)))
        r = _new_direction(q_list, x)
        if np.linalg.norm(r) > TOL * scale:
            q_list.append(r / np.linalg.norm(r))
            kept.append(j)
    return q_list, kept


def is_independent(vectors):
    columns = [np.asarray(v, dtype=float) for v in vectors]
    _, kept = _orthonormal_basis(columns)
    return len(kept) == len(columns)


def column_space_basis(A):
    A = np.asarray(A, dtype=float)
    _, kept = _orthonormal_basis(list(A.T))
    return A[:, kept]


def in_span(vectors, v):
    q_list, _ = _orthonormal_basis([np.asarray(u, dtype=float) for u in vectors])
    v = np.asarray(v, dtype=float)
    return bool(np.linalg.norm(_new_direction(q_list, v)) <= TOL * max(1.0, np.linalg.norm(v)))


def coordinates(basis, v):
    B = np.asarray(basis, dtype=float)
    v = np.asarray(v, dtype=float)
    if not in_span(list(B.T), v):
        raise ValueError("v is off the span of the basis")
    return np.linalg.solve(B.T @ B, B.T @ v)
