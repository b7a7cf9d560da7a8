"""A correct solution with plain Python lists and loops: Gauss–Jordan elimination with a
tolerance, and back-substitution read off the reduced augmented matrix."""

import numpy as np

EPS = 1e-10


def _reduce(rows):
    """Reduce a list of row lists in place; return the pivot columns."""
    n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
    biggest = max((abs(x) for row in rows for x in row), default=0.0)
    tol = EPS * max(1.0, biggest)
    pivots, r = [], 0
    for c in range(n_cols):
        if r == n_rows:
            break
        best = max(range(r, n_rows), key=lambda i: abs(rows[i][c]))
        if abs(rows[best][c]) <= tol:
            continue
        rows[r], rows[best] = rows[best], rows[r]
        p = rows[r][c]
        rows[r] = [x / p for x in rows[r]]
        for i in range(n_rows):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    return pivots


def _matrix_rows(columns):
    """Rows of the matrix whose columns are `columns`."""
    return [[float(col[i]) for col in columns] for i in range(len(columns[0]))]


def is_independent(vectors):
    vectors = [list(v) for v in vectors]
    return len(_reduce(_matrix_rows(vectors))) == len(vectors)


def column_space_basis(A):
    rows = [[float(x) for x in row] for row in A]
    pivots = _reduce([row[:] for row in rows])
    return np.array([[row[j] for j in pivots] for row in rows]).reshape(len(rows), len(pivots))


def in_span(vectors, v):
    columns = [list(u) for u in vectors] + [list(v)]
    return len(columns) - 1 not in _reduce(_matrix_rows(columns))


def coordinates(basis, v):
    basis_rows = [[float(x) for x in row] for row in np.asarray(basis, dtype=float)]
    k = len(basis_rows[0])
    rows = [[*row, float(x)] for row, x in zip(basis_rows, v, strict=True)]
    pivots = _reduce(rows)
    if k in pivots:
        raise ValueError("v is not a combination of the basis vectors")
    c = [0.0] * k
    for r, col in enumerate(pivots):
        c[col] = rows[r][k]
    return c
