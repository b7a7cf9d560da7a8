"""A correct solution with Module 7's power iteration and deflation: find the direction of
most variance, remove it from the covariance, repeat. The total variance is the trace."""

import numpy as np


def dominant_pair(C, iterations=20_000, tol=1e-13):
    v = np.ones(len(C)) / np.sqrt(len(C))
    for _ in range(iterations):
        w = C @ v
        w = w / np.linalg.norm(w)
        if np.linalg.norm(w - v) < tol:
            break
        v = w
    return float(v @ C @ v), v


def pca(X, k):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    if k < 1 or k > d:
        raise ValueError("ask for between 1 and d components")
    centred = X - X.mean(axis=0)
    C = centred.T @ centred / (n - 1)
    total = np.trace(C)
    remaining = C.copy()
    components, variances = [], []
    for _ in range(k):
        value, vector = dominant_pair(remaining)
        components.append(vector)
        variances.append(value)
        remaining = remaining - value * np.outer(vector, vector)
    components = np.array(components)
    return components, np.array(variances) / total, centred @ components.T
