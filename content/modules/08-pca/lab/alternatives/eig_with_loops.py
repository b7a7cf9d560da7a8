"""A correct solution with the covariance written out as loops, np.linalg.eig (not eigh),
and another sign convention: each component's largest entry is made positive."""

import numpy as np


def pca(X, k):
    rows = [[float(x) for x in row] for row in X]
    n, d = len(rows), len(rows[0])
    if not (isinstance(k, int) and 0 < k <= d):
        raise ValueError(f"k = {k} is not between 1 and {d}")
    means = [sum(row[j] for row in rows) / n for j in range(d)]
    centred = np.array([[row[j] - means[j] for j in range(d)] for row in rows])
    covariance = np.zeros((d, d))
    for i in range(d):
        for j in range(d):
            covariance[i, j] = sum(centred[s, i] * centred[s, j] for s in range(n)) / (n - 1)
    values, vectors = np.linalg.eig(covariance)
    values, vectors = values.real, vectors.real  # a symmetric matrix: real eigenpairs
    order = np.argsort(-values)[:k]
    components = vectors[:, order].T
    for c in components:
        if c[np.argmax(np.abs(c))] < 0:
            c *= -1
    ratio = values[order] / values.sum()
    projected = np.dot(centred, components.T)
    return components, ratio, projected
