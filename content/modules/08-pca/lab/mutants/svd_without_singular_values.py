"""Mutant: an SVD-based PCA that returns U's columns as the coordinates, forgetting S."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    if not 1 <= k <= X.shape[1]:
        raise ValueError(f"k must be between 1 and {X.shape[1]}")
    centred = X - X.mean(axis=0)
    U, S, Vt = np.linalg.svd(centred, full_matrices=False)
    components = Vt[:k]
    ratio = S[:k] ** 2 / np.sum(S**2)
    projected = U[:, :k]
    return components, ratio, projected
