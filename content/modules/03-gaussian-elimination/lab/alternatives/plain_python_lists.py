"""A correct solution in plain Python: lists of lists, index loops, no NumPy at all.
rref returns R as a list of lists and solve returns a list."""


def rref(A, tol=1e-10):
    R = [[float(x) for x in row] for row in A]
    rows, cols = len(R), len(R[0])
    pivots = []
    r = 0
    for c in range(cols):
        if r == rows:
            break
        best = r
        for i in range(r + 1, rows):
            if abs(R[i][c]) > abs(R[best][c]):
                best = i
        if abs(R[best][c]) <= tol:
            for i in range(r, rows):
                R[i][c] = 0.0
            continue
        R[r], R[best] = R[best], R[r]
        lead = R[r][c]
        R[r] = [x / lead for x in R[r]]
        for i in range(rows):
            if i != r:
                factor = R[i][c]
                R[i] = [x - factor * y for x, y in zip(R[i], R[r], strict=True)]
        pivots.append(c)
        r += 1
    return R, pivots


def solve(A, b):
    n = len(A)
    M = [[float(x) for x in A[i]] + [float(b[i])] for i in range(n)]  # the augmented rows
    biggest = max(abs(x) for row in A for x in row)
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(M[i][k]))
        if abs(M[p][k]) <= 1e-12 * biggest:
            raise ValueError("singular matrix")
        M[k], M[p] = M[p], M[k]
        for i in range(k + 1, n):
            factor = M[i][k] / M[k][k]
            for j in range(k, n + 1):
                M[i][j] -= factor * M[k][j]
    x = [0.0] * n
    for i in reversed(range(n)):
        total = M[i][n]
        for j in range(i + 1, n):
            total -= M[i][j] * x[j]
        x[i] = total / M[i][i]
    return x


def classify_system(A, b):
    unknowns = len(A[0])
    _, pivots_a = rref(A)
    _, pivots_ab = rref([list(row) + [value] for row, value in zip(A, b, strict=True)])
    if len(pivots_ab) > len(pivots_a):
        return "none"
    return "unique" if len(pivots_a) == unknowns else "infinite"
