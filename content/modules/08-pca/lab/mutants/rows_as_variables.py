"""Mutant: np.cov(X) with its default rowvar=True, so each sample is a variable (n × n)."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    if not 1 <= k <= X.shape[1]:
        raise ValueError(f"k must be between 1 and {X.shape[1]}")
    centred = X - X.mean(axis=0)
    covariance = np.cov(X)
    variances, directions = np.linalg.eigh(covariance)
    order = np.argsort(variances)[::-1]
    components = directions[:, order[:k]].T
    ratio = variances[order[:k]] / variances.sum()
    projected = centred @ components.T
    return components, ratio, projected
