"""Module 4 lab: span, independence and bases.

Fill in the four functions. Vectors are 1-D NumPy arrays (lists work too); "basis" means
a 2-D array whose columns are the basis vectors. Your inputs are floating-point numbers,
so compare with a small tolerance, never with == 0.
"""

import numpy as np


def is_independent(vectors) -> bool:
    """True when no vector in the sequence is a combination of the others."""
    # TODO: put the vectors side by side as the columns of a matrix and compare its rank
    # with the number of vectors.
    raise NotImplementedError


def column_space_basis(A) -> np.ndarray:
    """The pivot columns of A itself, left to right, as the columns of a 2-D array."""
    A = np.asarray(A, dtype=float)
    # TODO: find which columns are pivot columns (Module 3's row reduction tells you), then
    # take those columns from A, not from the reduced matrix.
    raise NotImplementedError


def in_span(vectors, v) -> bool:
    """True when v is a combination of the vectors."""
    # TODO
    raise NotImplementedError


def coordinates(basis, v) -> np.ndarray:
    """The c with basis @ c == v (the basis vectors are the columns of `basis`).
    Raise ValueError when v is not in the span of the basis."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: the design matrix of a real data set (Fisher's Iris flowers) with an
    # intercept column and one-hot species columns. Which columns carry new information?
    import json
    import os
    from pathlib import Path

    data = Path(os.environ.get("LA4AI_COURSE_DATA", "data")) / "span-and-basis"
    iris = json.loads((data / "iris.json").read_text())
    species = np.array(iris["species"])
    one_hot = np.eye(len(iris["species_names"]))[species]
    X = np.column_stack([np.ones(len(species)), iris["measurements"], one_hot])
    names = ["intercept", *iris["feature_names"], *iris["species_names"]]
    try:
        basis = column_space_basis(X)
        kept = [j for j in range(X.shape[1]) if any(np.allclose(X[:, j], b) for b in basis.T)]
        print(f"X is {X.shape[0]} x {X.shape[1]}; a basis of its columns keeps {basis.shape[1]}:")
        print("  ", ", ".join(names[j] for j in kept))
        for j in range(X.shape[1]):
            if j not in kept:
                c = coordinates(basis, X[:, j])
                terms = " ".join(
                    f"{x:+.3g}*{names[i]}" for i, x in zip(kept, c, strict=True) if abs(x) > 1e-9
                )
                print(f"  {names[j]} = {terms}")
        print("columns independent?", is_independent(list(X.T)))
    except NotImplementedError:
        print("Fill in the four functions first, then run the file again.")
