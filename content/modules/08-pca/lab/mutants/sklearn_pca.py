"""Mutant: hands the work to scikit-learn's PCA instead of building it."""

import numpy as np
from sklearn.decomposition import PCA


def pca(X, k):
    X = np.asarray(X, dtype=float)
    if not 1 <= k <= X.shape[1]:
        raise ValueError(f"k must be between 1 and {X.shape[1]}")
    model = PCA(n_components=k).fit(X)
    return model.components_, model.explained_variance_ratio_, model.transform(X)
