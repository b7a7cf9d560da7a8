"""A correct solution built on np.linalg.matrix_rank (the SVD, with NumPy's own tolerance)
and np.linalg.lstsq with a residual test."""

import numpy as np


def _stack(vectors):
    return np.column_stack([np.asarray(v, dtype=float) for v in vectors])


def is_independent(vectors):
    A = _stack(vectors)
    return np.linalg.matrix_rank(A) == A.shape[1]


def column_space_basis(A):
    A = np.asarray(A, dtype=float)
    keep = []
    for j in range(A.shape[1]):
        # a column is a pivot column when it raises the rank of the ones kept so far
        if np.linalg.matrix_rank(A[:, [*keep, j]]) > len(keep):
            keep.append(j)
    return A[:, keep]


def in_span(vectors, v):
    A = _stack(vectors)
    return np.linalg.matrix_rank(np.column_stack([A, v])) == np.linalg.matrix_rank(A)


def coordinates(basis, v):
    B = np.asarray(basis, dtype=float).reshape(len(v), -1)
    v = np.asarray(v, dtype=float)
    c, *_ = np.linalg.lstsq(B, v, rcond=None)
    if not np.allclose(B @ c, v, atol=1e-9):
        raise ValueError("v is not in the span of the basis")
    return c
