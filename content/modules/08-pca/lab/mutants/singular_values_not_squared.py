"""Mutant: an SVD-based PCA whose ratio uses the singular values, not their squares."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    if not 1 <= k <= X.shape[1]:
        raise ValueError(f"k must be between 1 and {X.shape[1]}")
    centred = X - X.mean(axis=0)
    U, S, Vt = np.linalg.svd(centred, full_matrices=False)
    components = Vt[:k]
    ratio = S[:k] / S.sum()
    projected = U[:, :k] * S[:k]
    return components, ratio, projected
