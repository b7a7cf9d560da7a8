"""A correct solution written with loops: hand-written matrix-vector products, eigenvalues
always returned as complex numbers, eigenvectors that are not normalised, diagonalize by
finding each eigenvalue's eigenspace (the kernel of A − λI) and counting its dimension,
and PageRank by pushing rank along every link."""

import cmath

import numpy as np


def matvec(A, x):
    return [sum(A[i][k] * x[k] for k in range(len(x))) for i in range(len(A))]


def power_iteration(A, num_iters=1000, tol=1e-10):
    A = [[float(entry) for entry in row] for row in A]
    n = len(A)
    x = [1.0 + 0.1 * i for i in range(n)]
    length = sum(v * v for v in x) ** 0.5
    x = [v / length for v in x]
    for _ in range(num_iters):
        y = matvec(A, x)
        length = sum(v * v for v in y) ** 0.5
        if length == 0:
            break
        y = [v / length for v in y]
        same = max(abs(p - q) for p, q in zip(y, x))
        flipped = max(abs(p + q) for p, q in zip(y, x))
        x = y
        if min(same, flipped) < tol:
            break
    eigenvalue = sum(p * q for p, q in zip(x, matvec(A, x)))
    return eigenvalue, np.array(x)


def eig2x2(A):
    (a, b), (c, d) = [[float(entry) for entry in row] for row in A]
    half_trace = (a + d) / 2
    root = cmath.sqrt(half_trace**2 - (a * d - b * c))
    values = [half_trace - root, half_trace + root]  # smaller first: any order is fine
    columns = []
    for k, lam in enumerate(values):
        candidates = [(lam - d, c), (b, lam - a)]
        v = max(candidates, key=lambda w: abs(w[0]) + abs(w[1]))
        if abs(v[0]) + abs(v[1]) < 1e-12:  # A = λI: every vector is an eigenvector
            v = (1.0, 0.0) if k == 0 else (0.0, 1.0)
        columns.append(v)
    vectors = np.array([[columns[0][0], columns[1][0]], [columns[0][1], columns[1][1]]])
    return np.array(values, dtype=complex), 3 * vectors  # any non-zero scale is fine


def kernel(M, tol=1e-7):
    """An orthonormal basis (columns) of the vectors M sends to zero."""
    _, s, vh = np.linalg.svd(M)
    small = s <= tol * max(1.0, s[0])
    return vh[small].conj().T


def diagonalize(A):
    A = np.asarray(A, dtype=float)
    n = len(A)
    groups = []  # eigenvalues that are equal up to rounding
    for lam in sorted(np.linalg.eigvals(A), key=lambda z: (z.real, z.imag)):
        if groups and abs(lam - groups[-1][-1]) < 1e-6 * max(1.0, abs(lam)):
            groups[-1].append(lam)
        else:
            groups.append([lam])
    columns, values = [], []
    for group in groups:
        lam = sum(group) / len(group)
        space = kernel(A - lam * np.eye(n))
        if space.shape[1] < len(group):
            raise ValueError(f"the eigenvalue {lam:.4g} repeats but has too few eigenvectors")
        columns.append(space[:, : len(group)])
        values += [lam] * len(group)
    P = np.hstack(columns)
    if np.all(np.imag(P) == 0) and np.all(np.imag(values) == 0):
        return P.real, np.diag(np.real(values))
    return P, np.diag(values)


def pagerank(adjacency, damping=0.85):
    links = [[float(entry) for entry in row] for row in adjacency]
    n = len(links)
    rank = [1.0 / n] * n
    for _ in range(10_000):
        new = [(1 - damping) / n] * n
        for i in range(n):
            out = sum(links[i])
            if out == 0:
                for j in range(n):
                    new[j] += damping * rank[i] / n
            else:
                for j in range(n):
                    if links[i][j]:
                        new[j] += damping * rank[i] * links[i][j] / out
        change = sum(abs(p - q) for p, q in zip(new, rank))
        rank = new
        if change < 1e-13:
            break
    return np.array(rank)
