"""Mutant: never checks k, so asking for 4 directions of 3-D data silently returns 3."""

import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    covariance = centred.T @ centred / (len(X) - 1)
    variances, directions = np.linalg.eigh(covariance)
    order = np.argsort(variances)[::-1]
    variances, directions = variances[order], directions[:, order]
    components = directions[:, :k].T
    ratio = variances[:k] / variances.sum()
    projected = centred @ components.T
    return components, ratio, projected
