"""Checks of the Module 3 lab. Each targets one function; inputs are drawn from a generator
seeded per attempt, and every failure says how to reproduce it. Reduced row echelon forms of
integer matrices are computed exactly (with fractions), so the reference has no round-off."""

from fractions import Fraction

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.callgraph import assert_no_forbidden_calls_reached
from la4ai.labkit.checks import Context, check
from la4ai.labkit.echelon import (
    assert_pivot_columns_cleared,
    assert_pivots_are_one,
    assert_reduced_row_echelon,
)
from la4ai.labkit.testing import assert_close, assert_raises, show

FORBIDDEN = [
    "numpy.linalg.solve",
    "numpy.linalg.inv",
    "numpy.linalg.lstsq",
    "numpy.linalg.pinv",
    "numpy.linalg.tensorsolve",
    "scipy.linalg.solve",
    "scipy.linalg.inv",
    "scipy.linalg.lstsq",
    "scipy.linalg.pinv",
    "scipy.linalg.lu_solve",
    "scipy.linalg.lu_factor",
    "scipy.linalg.lu",
]
OWN_ELIMINATION = "write the elimination yourself — that is what the lab is about"
NO_SWAP = (
    "a zero (or tiny) pivot does not make A singular; before dividing, swap up the row below "
    "with the largest entry in that column (partial pivoting)"
)


# ---- references, computed here in the grader ------------------------------------------


def exact_rref(a: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The reduced row echelon form of an integer matrix, with exact fractions."""
    r = [[Fraction(int(x)) for x in row] for row in a]
    rows, cols = len(r), len(r[0])
    pivots: list[int] = []
    top = 0
    for col in range(cols):
        found = next((i for i in range(top, rows) if r[i][col] != 0), None)
        if found is None:
            continue
        r[top], r[found] = r[found], r[top]
        lead = r[top][col]
        r[top] = [x / lead for x in r[top]]
        for i in range(rows):
            if i != top and r[i][col] != 0:
                factor = r[i][col]
                r[i] = [x - factor * y for x, y in zip(r[i], r[top], strict=True)]
        pivots.append(col)
        top += 1
        if top == rows:
            break
    return np.array([[float(x) for x in row] for row in r]), pivots


def eliminate(a: np.ndarray, b: np.ndarray, *, pivoting: bool, swap_b: bool = True) -> np.ndarray:
    """Forward elimination and back substitution as a learner might write it: without
    pivoting, or with row swaps forgotten in b. Used only to name those mistakes."""
    a, b = np.array(a, dtype=float), np.array(b, dtype=float)
    n = len(b)
    with np.errstate(all="ignore"):
        for k in range(n):
            if pivoting:
                p = k + int(np.argmax(np.abs(a[k:, k])))
                a[[k, p]] = a[[p, k]]
                if swap_b:
                    b[[k, p]] = b[[p, k]]
            for i in range(k + 1, n):
                factor = a[i, k] / a[k, k]
                a[i, k:] -= factor * a[k, k:]
                b[i] -= factor * b[k]
        x = np.zeros(n)
        for i in range(n - 1, -1, -1):
            x[i] = (b[i] - a[i, i + 1 :] @ x[i + 1 :]) / a[i, i]
    return x


def invertible_matrix(ctx: Context, n: int, low: int = -5, high: int = 6) -> np.ndarray:
    """A random integer matrix that is comfortably invertible."""
    while True:
        a = ctx.rng.integers(low, high, size=(n, n))
        if abs(np.linalg.det(a)) >= 1 and np.linalg.cond(a) < 1e3:
            return a


def learner_rref(ctx: Context, a: object, **kwargs: object) -> tuple[np.ndarray, list[int]]:
    """Call the learner's rref and make sure it returned (R, pivots) of the right kinds."""
    got = ctx.fn("rref")(a, **kwargs)
    if not isinstance(got, tuple | list) or len(got) != 2:
        raise CheckFailed(
            f"rref should return a pair (R, pivots) — the reduced matrix and the list of "
            f"pivot columns — but it returned {show(got)}."
        )
    r, pivots = got
    shape = np.shape(a)
    if np.shape(r) != shape:
        raise CheckFailed(f"R should have the shape of A, {shape}, but it has {np.shape(r)}.")
    if not isinstance(pivots, list) or not all(type(p) is int for p in pivots):
        raise CheckFailed(
            f"The pivot columns should be a list of Python ints, got {show(pivots)} "
            f"({type(pivots).__name__}) — `int(...)` converts a NumPy integer."
        )
    return np.asarray(r, dtype=float), pivots


# ---- rref -------------------------------------------------------------------------------


@check("rref of a random matrix", function="rref", points=2)
def rref_random(ctx: Context) -> None:
    for shape in ((3, 4), (4, 3)):
        a = ctx.rng.integers(-5, 6, size=shape)
        expected_r, expected_pivots = exact_rref(a)
        with ctx.counterexample(A=a):
            r, pivots = learner_rref(ctx, a.tolist())
            assert_reduced_row_echelon(r, atol=1e-8, what="R")
            assert_close(r, expected_r, what="R")
            assert_close(pivots, expected_pivots, what="the pivot columns")


@check("rref scales each pivot to 1", function="rref")
def rref_pivots_one(ctx: Context) -> None:
    a = ctx.rng.integers(-9, 10, size=(3, 5))
    a[:, 0] = ctx.rng.integers(2, 10, size=3) * ctx.rng.choice([-1, 1], size=3)
    with ctx.counterexample(A=a):
        r, _ = learner_rref(ctx, a)
        assert_pivots_are_one(r, what="R")


@check("rref clears the entries above each pivot", function="rref")
def rref_above(ctx: Context) -> None:
    a = ctx.rng.integers(-9, 10, size=(3, 5))
    a[:, 0] = ctx.rng.integers(1, 10, size=3)
    with ctx.counterexample(A=a):
        r, _ = learner_rref(ctx, a)
        assert_pivot_columns_cleared(r, what="R")


@check("rref treats round-off below tol as zero", function="rref", points=2)
def rref_round_off(ctx: Context) -> None:
    # B @ C has rank 2 exactly, but floating-point elimination leaves crumbs of size 1e-16
    # where the third and fourth rows cancel: those are zeros, not pivots.
    b = ctx.rng.normal(size=(4, 2))
    c = ctx.rng.normal(size=(2, 5))
    a = b @ c
    expected_r = np.zeros_like(a)
    expected_r[:2] = np.linalg.inv(c[:, :2]) @ c
    cases = [
        (a, expected_r, [0, 1]),
        (
            np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]),
            np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0], [0.0, 0.0, 0.0]]),
            [0, 1],
        ),
    ]
    for matrix, want_r, want_pivots in cases:
        with ctx.counterexample(A=matrix):
            r, pivots = learner_rref(ctx, matrix)
            if len(pivots) > len(want_pivots):
                raise CheckFailed(
                    f"rref found {len(pivots)} pivots (columns {pivots}), but this matrix has "
                    f"rank {len(want_pivots)}: one row is a combination of the others, and what "
                    "elimination leaves of it is round-off, about 1e-16, not a real pivot. "
                    "Treat any entry with |x| <= tol as zero."
                )
            assert_close(pivots, want_pivots, what="the pivot columns")
            assert_close(r, want_r, atol=1e-8, what="R")


@check("rref skips a column without a pivot", function="rref")
def rref_free_column(ctx: Context) -> None:
    a = ctx.rng.integers(-5, 6, size=(3, 4))
    a[:, 1] = int(ctx.rng.choice([-3, -2, 2, 3])) * a[:, 0]  # column 1 depends on column 0
    while np.linalg.matrix_rank(a) < 3 or not a[:, 0].any():
        a = ctx.rng.integers(-5, 6, size=(3, 4))
        a[:, 1] = 2 * a[:, 0]
    zero_first = np.column_stack([np.zeros(3, dtype=int), invertible_matrix(ctx, 3)])
    for matrix in (a, zero_first):
        expected_r, expected_pivots = exact_rref(matrix)
        with ctx.counterexample(A=matrix):
            r, pivots = learner_rref(ctx, matrix)
            try:
                assert_reduced_row_echelon(r, pivots, what="R")
            except CheckFailed as failure:
                raise CheckFailed(
                    f"{failure.message} Here a column has no pivot of its own: the next pivot "
                    "comes from the next column, in the same row — pivots need not sit on the "
                    "diagonal."
                ) from None
            assert_close(pivots, expected_pivots, what="the pivot columns")
            assert_close(r, expected_r, what="R")


# ---- solve ------------------------------------------------------------------------------


def learner_solution(ctx: Context, a: np.ndarray, b: np.ndarray, *, why: str) -> np.ndarray:
    """Call the learner's solve on an invertible A; a ValueError or a division by zero is
    explained with ``why`` (what makes this A tricky)."""
    try:
        got = ctx.raw("solve")(a, b)
    except (ValueError, ZeroDivisionError) as error:
        raise CheckFailed(
            f"solve(A, b) raised {type(error).__name__} ({error}), but this A is invertible "
            f"(its determinant is {show(float(np.linalg.det(a)))}) — {why}."
        ) from None
    except Exception as error:
        raise CheckFailed(f"solve(A, b) raised {type(error).__name__}: {error}") from None
    x = np.asarray(got) if got is not None else None
    if x is not None and x.dtype.kind in "fc" and not np.all(np.isfinite(x)):
        raise CheckFailed(
            f"solve(A, b) returned {show(x)}: it divided by a pivot that was 0 — {why}."
        )
    return got


@check("solve a random system", function="solve", points=2)
def solve_random(ctx: Context) -> None:
    n = 5
    a = ctx.rng.normal(size=(n, n))
    while np.linalg.cond(a) > 1e3:
        a = ctx.rng.normal(size=(n, n))
    b = ctx.rng.normal(size=n)
    expected = np.linalg.solve(a, b)
    b_not_swapped = {
        "rows of A were swapped without swapping the matching entries of b — a row "
        "operation acts on the whole augmented row [A | b]": eliminate(
            a, b, pivoting=True, swap_b=False
        )
    }
    with ctx.counterexample(A=a, b=b):
        got = ctx.fn("solve")(a.tolist(), b.tolist())
        assert_close(got, expected, what="solve(A, b)", alternatives=b_not_swapped)


@check("solve swaps rows when a pivot is zero", function="solve")
def solve_zero_pivot(ctx: Context) -> None:
    corner = invertible_matrix(ctx, 3)
    corner[0, 0] = 0  # the very first pivot is 0
    while abs(np.linalg.det(corner)) < 1 or np.linalg.cond(corner) > 1e3:
        corner = invertible_matrix(ctx, 3)
        corner[0, 0] = 0
    # a pivot that becomes 0 half-way: row 1 is k times row 0 except in its last entry
    middle = invertible_matrix(ctx, 3)
    middle[0, 0] = int(ctx.rng.integers(1, 6))
    k = int(ctx.rng.choice([-2, 2, 3]))
    middle[1] = k * middle[0]
    middle[1, 2] += int(ctx.rng.choice([-2, 1, 2]))
    while abs(np.linalg.det(middle)) < 1 or np.linalg.cond(middle) > 1e3:
        middle[2] = ctx.rng.integers(-5, 6, size=3)
    for matrix in (corner, middle):
        b = ctx.rng.integers(-5, 6, size=3)
        expected = np.linalg.solve(matrix, b)
        with ctx.counterexample(A=matrix, b=b):
            got = learner_solution(ctx, matrix, b, why=NO_SWAP)
            assert_close(got, expected, what="solve(A, b)")


@check("solve stays accurate with a tiny pivot", function="solve", points=2)
def solve_tiny_pivot(ctx: Context) -> None:
    a = np.array(invertible_matrix(ctx, 3), dtype=float)
    a[0, 0] = 1e-17 * float(ctx.rng.choice([-1, 1]))
    while np.linalg.cond(a) > 1e3:
        a = np.array(invertible_matrix(ctx, 3), dtype=float)
        a[0, 0] = 1e-17
    b = ctx.rng.integers(-5, 6, size=3).astype(float)
    expected = np.linalg.solve(a, b)
    divided_by_tiny = {
        "you divided by the tiny pivot in the top-left corner instead of swapping up the row "
        "with the largest entry of that column": eliminate(a, b, pivoting=False)
    }
    with ctx.counterexample(A=a, b=b):
        tiny = f"A[0, 0] is {a[0, 0]:.0e}, which prints as 0 — {NO_SWAP}"
        got = learner_solution(ctx, a, b, why=tiny)
        try:
            assert_close(got, expected, what="solve(A, b)", alternatives=divided_by_tiny)
        except CheckFailed as failure:
            raise CheckFailed(
                f"{failure.message}\nThe pivot in the top-left corner is 1e-17: dividing by it "
                "multiplies the round-off by 1e17. Swapping only when a pivot is exactly 0 does "
                "not help here: always swap up the row with the largest entry in the column "
                "(partial pivoting)."
            ) from None


@check("solve refuses a singular matrix", function="solve")
def solve_singular(ctx: Context) -> None:
    rows = ctx.rng.integers(-5, 6, size=(2, 3))
    while np.linalg.matrix_rank(rows) < 2:
        rows = ctx.rng.integers(-5, 6, size=(2, 3))
    p, q = (int(x) for x in ctx.rng.choice([-2, -1, 1, 2, 3], size=2))  # row 2 = p r0 + q r1
    dependent = np.vstack([rows, p * rows[0] + q * rows[1]])
    order = ctx.rng.permutation(3)
    dependent = dependent[order]
    assert_raises(
        ValueError,
        ctx.raw("solve"),
        dependent,
        ctx.rng.integers(-5, 6, size=3),
        why="A is singular: one of its rows is a combination of the other two",
    )
    tenths = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
    assert_raises(
        ValueError,
        ctx.raw("solve"),
        tenths,
        [1.0, 2.0, 4.0],
        why="A is singular — its rows are in arithmetic progression — but in floating point "
        "the last pivot comes out as round-off of about 1e-16, not exactly 0: compare pivots "
        "with a small tolerance, not with == 0",
    )


@check("solve does its own elimination", function="solve")
def solve_own(ctx: Context) -> None:
    # Only a working solve earns this point: an unwritten one calls nothing forbidden either.
    assert_close(ctx.fn("solve")([[2, 1], [1, 3]], [3, 5]), [0.8, 1.4], what="solve(A, b)")
    assert_no_forbidden_calls_reached(ctx.source, "solve", FORBIDDEN, advice=OWN_ELIMINATION)


# ---- classify_system --------------------------------------------------------------------

WHY_WRONG = {
    ("none", "infinite"): (
        "there is no solution. A does have a column without a pivot, yet here b adds a pivot "
        "in the last column of [A | b] — a row that reads 0 = c with c ≠ 0 — so no x works. "
        "Compare the rank of A with the rank of [A | b] before counting free variables"
    ),
    ("none", "unique"): (
        "there is no solution. Every column of A has a pivot, yet [A | b] has one more pivot "
        "than A: a row reduces to 0 = c with c ≠ 0, so the equations contradict each other. "
        "Check the augmented matrix, not only A"
    ),
    ("unique", "infinite"): (
        "every unknown has a pivot, so there are no free variables and the solution is "
        "unique. Extra equations (rows) do not create free variables — uniqueness is about "
        "the number of unknowns (columns), not the number of equations"
    ),
    ("infinite", "unique"): (
        "A has fewer pivots than unknowns, so at least one free variable can take any value: "
        "the system has infinitely many solutions. Compare the rank with the number of "
        "unknowns (columns of A), not with the number of equations (rows)"
    ),
}
CONSISTENT = (
    "the last column of [A | b] has no pivot (A and [A | b] have the same rank), so the "
    "equations do not contradict each other: at least one solution exists"
)


def expect_class(ctx: Context, a: np.ndarray, b: np.ndarray, expected: str) -> None:
    with ctx.counterexample(A=a, b=b):
        got = ctx.fn("classify_system")(a, b)
        if got not in ("unique", "infinite", "none"):
            raise CheckFailed(
                f"classify_system should return one of the strings 'unique', 'infinite' or "
                f"'none', but it returned {show(got)}."
            )
        if got != expected:
            why = WHY_WRONG.get((expected, got), CONSISTENT)
            raise CheckFailed(f"classify_system(A, b) returned {got!r}, but {why}.")


@check("classify_system recognises a unique solution", function="classify_system")
def classify_unique(ctx: Context) -> None:
    square = invertible_matrix(ctx, 3)
    expect_class(ctx, square, ctx.rng.integers(-5, 6, size=3), "unique")
    tall = np.vstack([invertible_matrix(ctx, 3), ctx.rng.integers(-5, 6, size=(1, 3))])
    x = ctx.rng.integers(-3, 4, size=3)
    expect_class(ctx, tall, tall @ x, "unique")  # four equations, three unknowns, consistent


@check("classify_system recognises a system with no solution", function="classify_system")
def classify_none(ctx: Context) -> None:
    rows = ctx.rng.integers(-5, 6, size=(2, 3))
    while np.linalg.matrix_rank(rows) < 2:
        rows = ctx.rng.integers(-5, 6, size=(2, 3))
    a = np.vstack([rows, rows[0] + rows[1]])
    b = ctx.rng.integers(-5, 6, size=3)
    b[2] = b[0] + b[1] + int(ctx.rng.choice([-3, -1, 2, 4]))  # contradicts rows 0 + 1
    expect_class(ctx, a, b, "none")
    parallel = np.array([[1, 2], [2, 4]]) * int(ctx.rng.integers(1, 4))
    expect_class(ctx, parallel, np.array([1, 5]), "none")
    tall = ctx.rng.integers(-5, 6, size=(3, 2))
    while np.linalg.matrix_rank(tall) < 2:
        tall = ctx.rng.integers(-5, 6, size=(3, 2))
    off = np.cross(tall[:, 0], tall[:, 1])  # orthogonal to both columns: not in their span
    expect_class(ctx, tall, tall @ np.array([1, -1]) + off, "none")


@check("classify_system recognises infinitely many solutions", function="classify_system")
def classify_infinite(ctx: Context) -> None:
    rows = ctx.rng.integers(-5, 6, size=(2, 3))
    while np.linalg.matrix_rank(rows) < 2:
        rows = ctx.rng.integers(-5, 6, size=(2, 3))
    a = np.vstack([rows, 2 * rows[0] - rows[1]])
    x = ctx.rng.integers(-3, 4, size=3)
    expect_class(ctx, a, a @ x, "infinite")
    wide = ctx.rng.integers(-5, 6, size=(2, 3))
    while np.linalg.matrix_rank(wide) < 2:
        wide = ctx.rng.integers(-5, 6, size=(2, 3))
    expect_class(ctx, wide, wide @ x, "infinite")  # two equations, three unknowns
    low_rank = ctx.rng.normal(size=(4, 2)) @ ctx.rng.normal(size=(2, 4))
    expect_class(ctx, low_rank, low_rank @ ctx.rng.normal(size=4), "infinite")
