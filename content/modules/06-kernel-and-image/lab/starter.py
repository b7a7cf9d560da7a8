"""Module 6 lab: the kernel and the image of a matrix, rank–nullity, change of basis.

Fill in the four functions. Row-reduce A yourself (your rref from Module 3 is a good start);
scipy.linalg.null_space and np.linalg.matrix_rank are off limits in kernel_basis and
rank_nullity. Bases are 2-D arrays whose COLUMNS are the basis vectors.
"""

import numpy as np


def rref(A, tol=1e-10):
    """Reduced row echelon form of A and the list of its pivot columns.

    A helper for the functions below (not checked on its own). Treat any number whose size
    is below tol (times the largest entry of A) as zero: floating point leaves round-off
    where exact arithmetic would leave 0.
    """
    R = np.array(A, dtype=float)
    # TODO: for each column, find the largest entry at or below the current row; if it is
    # not tiny, swap it up, divide its row by it and clear the column above and below.
    raise NotImplementedError


def kernel_basis(A) -> np.ndarray:
    """A basis of the kernel N(A) = {x : A @ x = 0}, as the columns of an (n, nullity) array.

    When the kernel is just {0}, return an array of shape (n, 0).
    """
    A = np.atleast_2d(np.asarray(A, dtype=float))
    # TODO: one special solution per free (non-pivot) column of the RREF.
    raise NotImplementedError


def image_basis(A) -> np.ndarray:
    """A basis of the image C(A) (the column space), as the columns of an (m, rank) array."""
    # TODO
    raise NotImplementedError


def rank_nullity(A) -> tuple[int, int]:
    """(rank, nullity) of A; they add up to the number of columns of A."""
    # TODO
    raise NotImplementedError


def change_of_basis(M, B) -> np.ndarray:
    """The map M written in the basis of B's columns: B^-1 M B.

    Raise ValueError when B is not square or its columns are not a basis.
    """
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: 1,797 real 8 × 8 images of handwritten digits (scikit-learn's bundled
    # copy of the UCI data set), one image per row, one pixel per column.
    from sklearn.datasets import load_digits

    X = load_digits().data
    try:
        rank, nullity = rank_nullity(X)
        print(f"{X.shape[0]} images × {X.shape[1]} pixels: rank {rank} + nullity {nullity}"
              f" = {rank + nullity}")
        K = kernel_basis(X)
        print("largest entry of X @ K:", np.abs(X @ K).max(initial=0.0))
        for k in K.T:
            pixels = np.flatnonzero(np.abs(k) > 1e-9)
            print("a kernel vector uses pixel(s)", pixels.tolist(),
                  "— their values over all images:", np.unique(X[:, pixels]).tolist())
    except NotImplementedError:
        print("Fill in the functions first, then run the file again.")
