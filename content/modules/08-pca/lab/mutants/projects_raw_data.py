"""Mutant: centres to find the directions, then projects the original, uncentred X."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    n_samples, n_features = X.shape
    if not 1 <= k <= n_features:
        raise ValueError(f"k must be between 1 and {n_features}")
    centred = X - X.mean(axis=0)
    covariance = centred.T @ centred / (n_samples - 1)
    variances, directions = np.linalg.eigh(covariance)
    order = np.argsort(variances)[::-1]
    variances, directions = variances[order], directions[:, order]
    components = directions[:, :k].T
    ratio = variances[:k] / variances.sum()
    projected = X @ components.T
    return components, ratio, projected
