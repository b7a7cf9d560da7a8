"""Module 5 lab: determinants, inverses and areas.

Fill in the three functions. Use elimination (row operations) yourself: no np.linalg.det
or slogdet inside det, no np.linalg.inv, pinv or solve inside inverse, and no det at all
inside area_scale (measure the areas instead).
"""

import numpy as np


def det(A) -> float:
    """The determinant of the square matrix A, by elimination (about n³/3 steps).

    Reduce A to upper triangular form with row operations, choosing each pivot by partial
    pivoting; det A is the product of the pivots, with the sign flipped once for every row
    swap. Return 0.0 when a column has no nonzero pivot. Raise ValueError when A is not
    square.
    """
    # TODO: U = a float copy of A (np.array(A, dtype=float)), so the caller's matrix never
    #       changes and fractions are not chopped off; check that U is square.
    # TODO: for each column k, swap up the row with the largest |U[i, k]| (i >= k),
    #       flip the sign if you swapped, then subtract multiples of row k to clear below it.
    # TODO: multiply the diagonal entries (and the sign).
    raise NotImplementedError


def inverse(A) -> np.ndarray:
    """The inverse of the square matrix A, by Gauss–Jordan elimination on [A | I].

    Raise ValueError when A is singular (a pivot is zero, up to a small tolerance such as
    1e-12 times the largest entry of A) or not square.
    """
    # TODO: build the augmented matrix [A | I] with np.hstack.
    # TODO: for each column: pick a pivot (partial pivoting), swap, scale the pivot row to
    #       make the pivot 1, then clear that column in every OTHER row.
    # TODO: return the right half.
    raise NotImplementedError


def area_scale(A, polygon) -> float:
    """area(A applied to every vertex of polygon) / area(polygon).

    polygon is an (n, 2) array of vertices in order (either direction, not repeated at the
    end). Measure both areas with the shoelace formula; do not call det here.
    """
    # TODO: the shoelace area of a polygon: 1/2 |sum of x_i y_(i+1) - x_(i+1) y_i|, where the
    #       vertex after the last one is the first one again.
    # TODO: transform every vertex (each row p becomes A @ p), measure both areas, divide.
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: the region each Iris species covers in (petal length, petal width),
    # before and after standardising the two features. The regions are the convex hulls of
    # the real measurements in scikit-learn's Iris data set.
    import json
    import os
    from pathlib import Path

    data = Path(os.environ.get("LA4AI_COURSE_DATA", "data")) / "determinants"
    regions = json.loads((data / "iris_petal_regions.json").read_text())
    scale = np.diag(1 / np.array(regions["feature_std_cm"]))  # standardising = a diagonal matrix
    try:
        print("det of the standardising matrix:", round(det(scale), 4))
        print("its inverse undoes it:", np.allclose(inverse(scale) @ scale, np.eye(2)))
        for species, hull in regions["hulls"].items():
            ratio = area_scale(scale, hull)
            print(f"  {species:<10} {len(hull):2d} vertices, area ratio {ratio:.4f}")
        A = np.random.default_rng(0).normal(size=(200, 200))
        print("200×200: det by elimination", f"{det(A):.6e}", "NumPy", f"{np.linalg.det(A):.6e}")
    except NotImplementedError:
        print("Fill in the three functions first, then run the file again.")
