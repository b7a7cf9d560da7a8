"""A correct solution through the SVD of the centred data: no covariance matrix at all.
The rows of Vt are the directions, S**2 / (n - 1) the variances, U * S the coordinates."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    if k < 1 or k > X.shape[1]:
        raise ValueError("k must be between 1 and the number of columns of X")
    centred = X - X.mean(axis=0)
    U, S, Vt = np.linalg.svd(centred, full_matrices=False)
    energy = S**2
    return Vt[:k], energy[:k] / energy.sum(), U[:, :k] * S[:k]
