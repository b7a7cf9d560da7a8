"""A correct solution with the SVD: orthonormal bases of the kernel (right singular vectors
of the zero singular values) and of the image (left singular vectors of the nonzero ones),
so neither basis is the special solutions nor A's own columns."""

import numpy as np


def _svd_rank(A):
    U, s, Vt = np.linalg.svd(A)
    tol = max(A.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
    return U, Vt, int(np.sum(s > tol))


def kernel_basis(A):
    A = np.atleast_2d(np.asarray(A, dtype=float))
    _, Vt, r = _svd_rank(A)
    return Vt[r:].T


def image_basis(A):
    A = np.atleast_2d(np.asarray(A, dtype=float))
    U, _, r = _svd_rank(A)
    return U[:, :r]


def rank_nullity(A):
    A = np.atleast_2d(np.asarray(A, dtype=float))
    nullity = kernel_basis(A).shape[1]
    return A.shape[1] - nullity, nullity


def change_of_basis(M, B):
    M, B = np.asarray(M, dtype=float), np.asarray(B, dtype=float)
    if B.ndim != 2 or B.shape[0] != B.shape[1] or M.shape != B.shape:
        raise ValueError("B must be a square matrix the size of M")
    if kernel_basis(B).shape[1]:
        raise ValueError("the columns of B are linearly dependent")
    return np.linalg.inv(B) @ M @ B
