"""Module 3 lab: solving systems of linear equations by elimination.

Fill in the three functions. Row operations only: no np.linalg.solve, np.linalg.inv,
np.linalg.lstsq or np.linalg.pinv inside solve (nor in any helper it calls).
"""

import numpy as np


def rref(A, tol=1e-10) -> tuple[np.ndarray, list[int]]:
    """The reduced row echelon form of A and the list of its pivot columns.

    Returns (R, pivots): R has A's shape, every pivot is 1 and is the only nonzero entry of
    its column; pivots lists the column of each pivot, top row first (Python ints, from 0).
    Entries with |x| <= tol count as zero (they are round-off). A is not changed.
    """
    R = np.array(A, dtype=float)  # a float copy, so the row operations never touch A
    # TODO: walk the columns left to right; in each, pick the pivot row (the largest |entry|
    # at or below the current row), swap it up, divide it by its pivot, and clear the rest
    # of the column — above and below.
    raise NotImplementedError


def solve(A, b) -> np.ndarray:
    """The solution x of A x = b for a square A, by elimination with partial pivoting.

    Raise ValueError when A is singular: treat a pivot as zero when
    |pivot| <= 1e-12 * (the largest |entry| of A).
    """
    A = np.array(A, dtype=float)
    b = np.array(b, dtype=float)
    # TODO: forward elimination (with row swaps), then back substitution.
    raise NotImplementedError


def classify_system(A, b) -> str:
    """'unique', 'infinite' or 'none': how many solutions A x = b has (A may be any shape)."""
    # TODO: row reduce the augmented matrix [A | b] and look at where its pivots are.
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: fit a straight-line model of diabetes progression from age, BMI, blood
    # pressure and a blood serum measurement (scikit-learn's diabetes data, 442 patients).
    # The best fit solves the 5 "normal equations" (X^T X) w = X^T y: five equations,
    # five unknowns — one weight per feature plus an intercept.
    import json
    import os
    from pathlib import Path

    data = Path(os.environ.get("LA4AI_COURSE_DATA", "data")) / "gaussian-elimination"
    table = np.loadtxt(data / "diabetes.csv", delimiter=",", skiprows=1)
    names = json.loads((data / "diabetes.json").read_text())["features"]
    X = np.column_stack([np.ones(len(table)), table[:, :-1]])
    y = table[:, -1]
    try:
        print("classify_system:", classify_system(X.T @ X, X.T @ y))
        w = solve(X.T @ X, X.T @ y)
        for name, weight in zip(["intercept", *names], w, strict=True):
            print(f"  {name:>9}: {weight:10.4f}")
        gap = np.max(np.abs(w - np.linalg.solve(X.T @ X, X.T @ y)))
        print(f"largest difference from np.linalg.solve: {gap:.1e}")
        print("rref of a system with a free variable:")
        R, pivots = rref([[1, 2, 1, 4], [2, 4, 0, 6], [3, 6, 1, 10]])
        print(R, "pivots:", pivots)
    except NotImplementedError:
        print("Fill in the three functions first, then run the file again.")
