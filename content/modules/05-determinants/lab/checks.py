"""Checks of the Module 5 lab. Each targets one function; inputs are drawn from a generator
seeded per attempt, and every failure says how to reproduce it."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, check
from la4ai.labkit.testing import (
    assert_close,
    assert_fast_enough,
    assert_no_forbidden_calls,
    assert_raises,
)

INTEGER_ARRAY = (
    "your function gives the right answer for this matrix written with floats, but not for "
    "the same matrix of whole numbers: an array made from integers holds integers, and every "
    "fraction you write into it is chopped off — make a float copy first "
    "(`np.array(A, dtype=float)`)"
)
ROW_SWAP = "a row swap did not flip the sign (every swap of two rows multiplies det by -1)"
COFACTOR = (
    "that is how cofactor (Laplace) expansion grows: an n×n determinant expands into n "
    "determinants of size n - 1, so the work grows like n! — 9! is 362,880 products, and "
    "200! is a number with 375 digits. Elimination needs only about n³/3 steps (2.7 million "
    "at n = 200): reduce A to triangular form and multiply the pivots"
)
SLOW_LOOPS = (
    "elimination is the right algorithm (about n³/3 steps), but a Python loop over single "
    "entries is slow — update a whole row at once, e.g. `U[i] -= factor * U[k]`"
)


def _upper_triangular(ctx: Context, n: int) -> np.ndarray:
    """Random entries above the diagonal, and a diagonal safely away from zero."""
    diagonal = ctx.rng.uniform(1.0, 3.0, size=n) * ctx.rng.choice([-1.0, 1.0], size=n)
    return np.triu(ctx.rng.normal(size=(n, n)), 1) + np.diag(diagonal)


def _star_polygon(ctx: Context, n: int) -> np.ndarray:
    """A non-convex polygon (vertices counter-clockwise): a random star around a centre."""
    angles = np.sort(ctx.rng.uniform(0.0, 2 * np.pi, size=n))
    angles[1:] += np.linspace(0.0, 0.3, n - 1)  # keep the vertices from bunching up
    angles = np.sort(angles % (2 * np.pi))
    radii = ctx.rng.uniform(0.6, 2.0, size=n) * np.where(np.arange(n) % 2, 0.5, 1.0)
    centre = ctx.rng.uniform(-2.0, 2.0, size=2)
    return centre + np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])


def _area(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)))


def _open_trapezoid_area(points: np.ndarray) -> float:
    """The trapezoid form of the shoelace sum with the closing edge left out. (Leaving it
    out of the cross-product form cannot be seen in a ratio: each of its terms scales by
    det A on its own.)"""
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]))))


def _bounding_box_area(points: np.ndarray) -> float:
    return float(np.prod(points.max(axis=0) - points.min(axis=0)))


def _wrong_area_ratios(A: np.ndarray, polygon: np.ndarray) -> dict[str, float]:
    moved = polygon @ A.T
    return {
        "the polygon was left open: the edge from the last vertex back to the first is "
        "missing from the area sum": _open_trapezoid_area(moved) / _open_trapezoid_area(polygon),
        "you compared bounding boxes (width × height), which is not the polygon's area": (
            _bounding_box_area(moved) / _bounding_box_area(polygon)
        ),
        "the ratio is upside down: divide the new area by the original one": (
            _area(polygon) / _area(moved) if _area(moved) > 1e-12 else 0.0
        ),
    }


# ---- det ----------------------------------------------------------------------------------


@check("det of a random matrix", function="det", points=2)
def det_random(ctx: Context) -> None:
    for n in (3, 5):
        A = ctx.rng.normal(size=(n, n))
        with ctx.counterexample(A=A):
            expected = float(np.linalg.det(A))
            got = ctx.fn("det")(A)
            assert_close(got, expected, what="det(A)", alternatives={ROW_SWAP: -expected})
    A = ctx.rng.integers(-6, 7, size=(4, 4))
    while abs(np.linalg.det(A)) < 1:
        A = ctx.rng.integers(-6, 7, size=(4, 4))
    expected = float(np.linalg.det(A))
    with ctx.counterexample(A=A):
        got = ctx.fn("det")(A.tolist())
        try:
            assert_close(
                got,
                expected,
                what="det(A) for a matrix of whole numbers",
                alternatives={ROW_SWAP: -expected},
            )
        except CheckFailed:
            as_floats = ctx.fn("det")(A.astype(float))
            if np.isclose(np.asarray(as_floats, dtype=float), expected, rtol=1e-6).all():
                raise CheckFailed(f"det(A) is not right: {INTEGER_ARRAY}.") from None
            raise


@check("det of a matrix that needs a row swap", function="det")
def det_row_swap(ctx: Context) -> None:
    # An upper triangular matrix with its first two rows swapped: A[0, 0] is 0, so any
    # elimination must swap rows once, and det A = -(product of U's diagonal).
    for n in (2, 4):
        U = _upper_triangular(ctx, n)
        A = U.copy()
        A[[0, 1]] = A[[1, 0]]
        expected = -float(np.prod(np.diag(U)))
        with ctx.counterexample(A=A):
            assert_close(
                ctx.fn("det")(A), expected, what="det(A)", alternatives={ROW_SWAP: -expected}
            )


@check("det is 0 for a singular matrix and refuses a non-square one", function="det")
def det_singular(ctx: Context) -> None:
    rows = ctx.rng.integers(-5, 6, size=(2, 3))
    a, b = int(ctx.rng.integers(1, 3)), int(ctx.rng.integers(-2, 3))
    A = np.vstack([rows, a * rows[0] + b * rows[1]])  # the third row depends on the others
    B = ctx.rng.normal(size=(4, 3)) @ ctx.rng.normal(size=(3, 4))  # rank 3, as floats
    for name, M in (("A", A), ("B", B)):
        with ctx.counterexample(**{name: M}):
            assert_close(
                ctx.fn("det")(M),
                0.0,
                atol=1e-9,
                what=f"det({name}) for a singular {name} (one row is a combination of the others)",
            )
    assert_raises(
        ValueError, ctx.raw("det"), [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        why="only a square matrix has a determinant",
    )  # fmt: skip


@check("det is fast enough for a 200×200 matrix", function="det", points=2)
def det_fast(ctx: Context) -> None:
    det = ctx.fn("det")
    small = ctx.rng.normal(size=(9, 9))
    with ctx.counterexample(A=small):
        got = assert_fast_enough(
            det, small, seconds=0.1, what="det for a 9×9 matrix", hint=COFACTOR
        )
        expected = float(np.linalg.det(small))
        assert_close(got, expected, what="det(A)", alternatives={ROW_SWAP: -expected})
    A = ctx.rng.normal(size=(200, 200))
    with ctx.counterexample(A=A):
        got = assert_fast_enough(
            det, A, seconds=2.0, what="det for a 200×200 matrix", hint=SLOW_LOOPS
        )
        expected = float(np.linalg.det(A))
        assert_close(
            got, expected, what="det(A) for a 200×200 A", alternatives={ROW_SWAP: -expected}
        )


@check("det uses elimination, not np.linalg.det", function="det")
def det_own(ctx: Context) -> None:
    # Only a working det earns this point: an unwritten one calls nothing forbidden either.
    assert_close(ctx.fn("det")([[2.0, 1.0], [1.0, 3.0]]), 5.0, what="det([[2, 1], [1, 3]])")
    forbidden = [
        "numpy.linalg.det",
        "numpy.linalg.slogdet",
        "scipy.linalg.det",
        "scipy.linalg.lu",
        "scipy.linalg.lu_factor",
    ]
    advice = "reduce A to triangular form yourself, tracking row swaps, and multiply the pivots"
    assert_no_forbidden_calls(ctx.source, "det", forbidden, advice=advice)


# ---- inverse ------------------------------------------------------------------------------

ELEMENTWISE_TEXT = (
    "each entry was replaced by its reciprocal (1 / a_ij) — a matrix inverse is not taken "
    "entry by entry"
)
ELEMENTWISE = {ELEMENTWISE_TEXT: [[0.5, 1.0], [1.0, 1.0]]}  # for A = [[2, 1], [1, 1]]


@check("inverse of a random matrix", function="inverse", points=2)
def inverse_random(ctx: Context) -> None:
    A = ctx.rng.normal(size=(3, 3)) + 2 * np.eye(3)
    with ctx.counterexample(A=A):
        assert_close(
            ctx.fn("inverse")(A),
            np.linalg.inv(A),
            what="inverse(A)",
            alternatives={ELEMENTWISE_TEXT: 1.0 / A},
        )
    A = ctx.rng.integers(-4, 5, size=(4, 4))
    while abs(np.linalg.det(A)) < 2:
        A = ctx.rng.integers(-4, 5, size=(4, 4))
    expected = np.linalg.inv(A)
    with ctx.counterexample(A=A):
        got = ctx.fn("inverse")(A.tolist())
        try:
            assert_close(got, expected, what="inverse(A) for a matrix of whole numbers")
        except CheckFailed:
            as_floats = ctx.fn("inverse")(A.astype(float))
            if np.asarray(as_floats).shape == expected.shape and np.allclose(as_floats, expected):
                raise CheckFailed(f"inverse(A) is not right: {INTEGER_ARRAY}.") from None
            raise


@check("inverse works when a pivot is zero", function="inverse")
def inverse_zero_pivot(ctx: Context) -> None:
    A = ctx.rng.normal(size=(3, 3)) + 2 * np.eye(3)
    A[0, 0] = 0.0  # the first pivot position holds 0: a row swap is needed
    while abs(np.linalg.det(A)) < 0.5:
        A[1:] = ctx.rng.normal(size=(2, 3))
    with ctx.counterexample(A=A):
        assert_close(
            ctx.fn("inverse")(A),
            np.linalg.inv(A),
            what="inverse(A) when A[0, 0] is 0 (swap in a row with a nonzero entry)",
        )
    P = np.array([[0.0, 1.0], [1.0, 0.0]]) * ctx.rng.uniform(1.0, 3.0)
    with ctx.counterexample(A=P):
        assert_close(ctx.fn("inverse")(P), np.linalg.inv(P), what="inverse(A)")


@check("inverse refuses a singular matrix", function="inverse")
def inverse_singular(ctx: Context) -> None:
    rows = ctx.rng.integers(-5, 6, size=(2, 3))
    while np.linalg.matrix_rank(rows) < 2:
        rows = ctx.rng.integers(-5, 6, size=(2, 3))
    A = np.vstack([rows, rows[0] + 2 * rows[1]]).tolist()
    assert_raises(
        ValueError, ctx.raw("inverse"), A,
        why="its rows are dependent, so det A = 0 and nothing undoes A",
    )  # fmt: skip
    # Rank 2 as floats: rounding leaves a last pivot near 1e-16 instead of exactly 0.
    B = ctx.rng.normal(size=(3, 2)) @ ctx.rng.normal(size=(2, 3))
    with ctx.counterexample(B=B):
        assert_raises(
            ValueError, ctx.raw("inverse"), B,
            why="B has rank 2, so det B = 0; in floating point its last pivot comes out near "
            "1e-16 rather than exactly 0, so compare pivots with a small tolerance",
        )  # fmt: skip
    assert_raises(
        ValueError, ctx.raw("inverse"), [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        why="only a square matrix can have an inverse",
    )  # fmt: skip


@check("inverse uses Gauss–Jordan, not np.linalg.inv", function="inverse")
def inverse_own(ctx: Context) -> None:
    got = ctx.fn("inverse")([[2.0, 1.0], [1.0, 1.0]])
    assert_close(
        got, [[1.0, -1.0], [-1.0, 2.0]], what="inverse([[2, 1], [1, 1]])", alternatives=ELEMENTWISE
    )
    forbidden = [
        "numpy.linalg.inv",
        "numpy.linalg.pinv",
        "numpy.linalg.solve",
        "numpy.linalg.lstsq",
        "numpy.linalg.tensorinv",
        "scipy.linalg.inv",
        "scipy.linalg.pinv",
        "scipy.linalg.solve",
    ]
    advice = "row-reduce [A | I] until the left half is I; the right half is then A⁻¹"
    assert_no_forbidden_calls(ctx.source, "inverse", forbidden, advice=advice)


# ---- area_scale ---------------------------------------------------------------------------


@check("area_scale of a random matrix and polygon", function="area_scale", points=2)
def area_random(ctx: Context) -> None:
    for n in (5, 9):
        A = ctx.rng.normal(size=(2, 2))
        while np.linalg.det(A) < 0.3:  # keep the orientation: here only the area matters
            A = ctx.rng.normal(size=(2, 2))
        polygon = _star_polygon(ctx, n)
        with ctx.counterexample(A=A, polygon=polygon):
            assert_close(
                ctx.fn("area_scale")(A, polygon),
                abs(np.linalg.det(A)),
                what="area_scale(A, polygon)",
                alternatives=_wrong_area_ratios(A, polygon),
            )


@check("area_scale is never negative, even for a mirror image", function="area_scale")
def area_mirror(ctx: Context) -> None:
    A = ctx.rng.normal(size=(2, 2))
    while np.linalg.det(A) > -0.3:  # a matrix that flips orientation
        A = ctx.rng.normal(size=(2, 2))
    signed = {
        "you returned det A with its sign: a mirror image has a negative signed area, but "
        "an area ratio is never negative": float(np.linalg.det(A))
    }
    polygon = _star_polygon(ctx, 7)
    cases = (
        ("area_scale(A, polygon)", polygon),
        ("area_scale(A, polygon) with the polygon listed clockwise", polygon[::-1]),
    )
    for what, points in cases:
        with ctx.counterexample(A=A, polygon=points):
            assert_close(
                ctx.fn("area_scale")(A, points),
                abs(np.linalg.det(A)),
                what=what,
                alternatives={**signed, **_wrong_area_ratios(A, points)},
            )


@check("area_scale is 0 when A squashes the plane onto a line", function="area_scale")
def area_singular(ctx: Context) -> None:
    column = ctx.rng.uniform(0.5, 2.0, size=2) * ctx.rng.choice([-1.0, 1.0], size=2)
    A = np.column_stack([column, ctx.rng.uniform(-2.0, 2.0) * column])  # det A = 0
    polygon = _star_polygon(ctx, 6)
    with ctx.counterexample(A=A, polygon=polygon):
        assert_close(
            ctx.fn("area_scale")(A, polygon),
            0.0,
            atol=1e-9,
            what="area_scale(A, polygon) for a singular A (its columns are parallel)",
            alternatives=_wrong_area_ratios(A, polygon),
        )


@check("area_scale measures areas instead of calling det", function="area_scale")
def area_own(ctx: Context) -> None:
    A, triangle = np.array([[3.0, 1.0], [0.0, 2.0]]), np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0]])
    got = ctx.fn("area_scale")(A, triangle)
    assert_close(
        got,
        6.0,
        what="area_scale([[3, 1], [0, 2]], [[0, 0], [2, 0], [0, 1]])",
        alternatives=_wrong_area_ratios(A, triangle),
    )
    forbidden = ["det", "numpy.linalg.det", "numpy.linalg.slogdet", "scipy.linalg.det"]
    advice = (
        "transform the vertices and measure both areas (the shoelace formula): the point is to "
        "see |det A| come out of the measurement"
    )
    assert_no_forbidden_calls(ctx.source, "area_scale", forbidden, advice=advice)
