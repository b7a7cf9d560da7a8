"""Module 7 lab: eigenvectors, from the quadratic formula to PageRank.

Fill in the four functions. power_iteration and eig2x2 must do the work themselves: no
np.linalg.eig (or eigh, eigvals, eigvalsh) inside them. diagonalize may use np.linalg.eig.
"""

import cmath

import numpy as np


def power_iteration(A, num_iters=1000, tol=1e-10):
    """The dominant eigenvalue of A (largest in size) and a unit eigenvector for it.

    Start from any vector, then repeat: multiply by A and rescale to length 1. Stop after
    num_iters steps, or earlier once the vector changes by less than tol (up to sign).
    Returns (eigenvalue, vector) with vector a 1-D array of length 1.
    """
    A = np.asarray(A, dtype=float)
    # TODO: iterate x -> A @ x / length; the eigenvalue is x @ A @ x for a unit x.
    raise NotImplementedError


def eig2x2(A):
    """Eigenvalues and eigenvectors of a 2×2 matrix from its characteristic polynomial
    λ² − (a + d)λ + (ad − bc) = 0.

    Returns (values, vectors) like np.linalg.eig: values has 2 entries (complex when the
    discriminant is negative) and column i of vectors is an eigenvector for values[i].
    """
    (a, b), (c, d) = np.asarray(A, dtype=float)
    # TODO: the quadratic formula (cmath.sqrt takes square roots of negative numbers),
    # then a non-zero solution of (A − λI) v = 0 for each λ.
    raise NotImplementedError


def diagonalize(A):
    """P and D with A = P D P⁻¹: the columns of P are eigenvectors, D is diagonal.

    Raise ValueError when A is not diagonalizable (too few independent eigenvectors).
    """
    # TODO: np.linalg.eig is allowed here. How do you tell that P's columns are dependent?
    raise NotImplementedError


def pagerank(adjacency, damping=0.85):
    """The PageRank of every page; adjacency[i, j] = 1 when page i links to page j.

    A random surfer follows one of the current page's links with probability damping and
    jumps to a page chosen uniformly at random otherwise; a page without links sends the
    surfer to a random page. Returns a 1-D array that sums to 1.
    """
    # TODO: build the matrix M whose column j spreads page j's rank over its links, then
    # repeat rank = (1 − damping) / n + damping * M @ rank until it stops changing.
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: rank the 34 members of Zachary's karate club (1977), a real friendship
    # network that ships with networkx, by PageRank.
    import json
    import os
    from pathlib import Path

    data = Path(os.environ.get("LA4AI_COURSE_DATA", "data")) / "eigenvectors"
    club = json.loads((data / "karate_club.json").read_text())
    try:
        print("eig2x2([[2, 1], [1, 2]]) =", eig2x2([[2, 1], [1, 2]]))
        print("power_iteration([[2, 1], [1, 2]]) =", power_iteration([[2, 1], [1, 2]]))
        rank = pagerank(club["adjacency"])
        print(f"PageRank of the {club['nodes']} club members sums to {rank.sum():.6f}")
        for member in np.argsort(-rank)[:5]:
            print(f"  member {member:2d}  {rank[member]:.4f}  ({club['club'][member]}'s side)")
    except NotImplementedError:
        print("Fill in the functions first, then run the file again.")
