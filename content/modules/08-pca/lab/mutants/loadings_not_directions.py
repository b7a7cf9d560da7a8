"""Mutant: scales each direction by its standard deviation ('loadings'), so the
components are no longer unit vectors."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    n_samples, n_features = X.shape
    if not 1 <= k <= n_features:
        raise ValueError(f"k must be between 1 and {n_features}")
    centred = X - X.mean(axis=0)
    covariance = centred.T @ centred / (n_samples - 1)
    variances, directions = np.linalg.eigh(covariance)
    order = np.argsort(variances)[::-1][:k]
    components = (directions[:, order] * np.sqrt(variances[order])).T
    ratio = variances[order] / variances.sum()
    projected = centred @ components.T
    return components, ratio, projected
