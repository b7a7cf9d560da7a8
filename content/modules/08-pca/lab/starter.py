"""Module 8 lab: principal component analysis, built from the covariance matrix.

Fill in `pca`. Use NumPy (np.linalg.eigh or np.linalg.svd are fine); do not import a
ready-made PCA such as sklearn.decomposition.PCA.
"""

import numpy as np


def pca(X, k):
    """Principal component analysis of the data X (n samples as rows, d features as columns).

    Returns (components, explained_variance_ratio, projected):
      components                the top-k principal directions, one unit vector per row, (k, d),
                                largest variance first (either sign of each is fine)
      explained_variance_ratio  the share of the total variance along each of them, (k,)
      projected                 each sample's coordinates along the k directions, (n, k)

    Raise ValueError unless 1 <= k <= d.
    """
    X = np.asarray(X, dtype=float)
    # TODO 1: check k.
    # TODO 2: centre the data: subtract the mean of each column (feature).
    # TODO 3: the covariance matrix, d × d.
    # TODO 4: its eigenvalues and eigenvectors, sorted from the largest eigenvalue down.
    # TODO 5: components, the share of the total variance, and the projected coordinates.
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: squeeze the four Iris measurements (sepal length and width, petal length
    # and width, in cm, for 150 flowers) into two numbers per flower, and plot them.
    try:
        from sklearn.datasets import load_iris

        iris = load_iris()
        components, ratio, projected = pca(iris.data, 2)
        print("explained variance ratio:", np.round(ratio, 4))
        print(f"the two components keep {ratio.sum():.1%} of the variance")
        names = iris.feature_names
        for name, weights in zip(["PC1", "PC2"], components, strict=True):
            terms = ", ".join(f"{w:+.2f} {f}" for w, f in zip(weights, names, strict=True))
            print(f"{name} = {terms}")

        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(5, 4))
        for label, species in enumerate(iris.target_names):
            rows = iris.target == label
            ax.scatter(projected[rows, 0], projected[rows, 1], s=14, label=species)
        ax.set(xlabel="PC1", ylabel="PC2", title="Iris, from 4 measurements to 2")
        ax.legend()
        plt.show()
    except NotImplementedError:
        print("Fill in pca first, then run the file again.")
