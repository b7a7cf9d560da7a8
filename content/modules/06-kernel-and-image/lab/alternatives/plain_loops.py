"""A correct solution with Python lists and loops: elimination without pivoting by size
(first nonzero entry, with a tolerance), kernel vectors scaled to unit length with the
opposite sign, the image chosen greedily (keep a column when it is not a combination of
those kept), and B^-1 (M B) by Gauss-Jordan on [B | M B]."""

import math


def _matrix(A):
    rows = [[float(x) for x in row] for row in A]
    return rows if rows and isinstance(rows[0], list) else [rows]


def _reduce(rows, tol=1e-9):
    R = [row[:] for row in rows]
    m, n = len(R), len(R[0])
    scale = max([abs(x) for row in R for x in row] + [1.0])
    pivots, r = [], 0
    for c in range(n):
        found = next((i for i in range(r, m) if abs(R[i][c]) > tol * scale), None)
        if found is None:
            continue
        R[r], R[found] = R[found], R[r]
        head = R[r][c]
        R[r] = [x / head for x in R[r]]
        for i in range(m):
            if i != r and R[i][c] != 0.0:
                factor = R[i][c]
                R[i] = [a - factor * b for a, b in zip(R[i], R[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == m:
            break
    return R, pivots


def kernel_basis(A):
    import numpy as np

    rows = _matrix(A)
    n = len(rows[0])
    R, pivots = _reduce(rows)
    vectors = []
    for free in (j for j in range(n) if j not in pivots):
        x = [0.0] * n
        x[free] = 1.0
        for i, p in enumerate(pivots):
            x[p] = -R[i][free]
        length = math.sqrt(sum(v * v for v in x))
        vectors.append([-v / length for v in x])
    return np.array(vectors, dtype=float).reshape(len(vectors), n).T


def image_basis(A):
    import numpy as np

    rows = _matrix(A)
    columns = [list(col) for col in zip(*rows, strict=True)]
    kept = []
    for col in columns:
        trial = [*kept, col]
        _, pivots = _reduce([list(r) for r in zip(*trial, strict=True)])
        if len(pivots) == len(trial):
            kept.append(col)
    return np.array(kept, dtype=float).reshape(len(kept), len(rows)).T


def rank_nullity(A):
    rows = _matrix(A)
    rank = image_basis(rows).shape[1]
    return rank, len(rows[0]) - rank


def change_of_basis(M, B):
    import numpy as np

    M, B = _matrix(M), _matrix(B)
    n = len(B)
    if any(len(row) != n for row in B) or len(M) != n or any(len(row) != n for row in M):
        raise ValueError("B must be square and the size of M")
    MB = [[sum(M[i][k] * B[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
    R, pivots = _reduce([B[i] + MB[i] for i in range(n)])
    if pivots[:n] != list(range(n)):
        raise ValueError("the columns of B are not a basis")
    return np.array([row[n:] for row in R])
