"""A correct solution in plain Python: lists of lists and loops, no NumPy at all. det and
inverse use partial pivoting; area_scale splits the polygon into a fan of triangles."""


def _square_rows(A):
    rows = [[float(x) for x in row] for row in A]
    if any(len(row) != len(rows) for row in rows):
        raise ValueError("not a square matrix")
    return rows


def det(A):
    M = _square_rows(A)
    n = len(M)
    result = 1.0
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(M[i][k]))
        if M[p][k] == 0:
            return 0.0
        if p != k:
            M[k], M[p] = M[p], M[k]
            result = -result
        pivot_row = M[k]
        for i in range(k + 1, n):
            factor = M[i][k] / pivot_row[k]
            M[i] = [a - factor * b for a, b in zip(M[i], pivot_row, strict=True)]
        result *= pivot_row[k]
    return result


def inverse(A):
    M = _square_rows(A)
    n = len(M)
    biggest = max([abs(x) for row in M for x in row] + [1.0])
    rows = [M[i] + [1.0 if j == i else 0.0 for j in range(n)] for i in range(n)]
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(rows[i][k]))
        if abs(rows[p][k]) <= 1e-12 * biggest:
            raise ValueError("singular matrix")
        rows[k], rows[p] = rows[p], rows[k]
        pivot = rows[k][k]
        rows[k] = [x / pivot for x in rows[k]]
        for i in range(n):
            if i != k and rows[i][k] != 0:
                factor = rows[i][k]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[k], strict=True)]
    return [row[n:] for row in rows]


def _area(points):
    # a fan of triangles from the first vertex; signed parts cancel for a non-convex shape
    x0, y0 = points[0]
    total = 0.0
    for i in range(1, len(points) - 1):
        (x1, y1), (x2, y2) = points[i], points[i + 1]
        total += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    return abs(total) / 2


def area_scale(A, polygon):
    (a, b), (c, d) = A
    points = [(float(x), float(y)) for x, y in polygon]
    moved = [(a * x + b * y, c * x + d * y) for x, y in points]
    return _area(moved) / _area(points)
