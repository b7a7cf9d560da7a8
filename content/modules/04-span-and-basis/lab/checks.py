"""Checks of the Module 4 lab. Inputs are drawn from a generator seeded per attempt, in
floating point like real data, so an answer must allow for rounding error; any correct
method (elimination, np.linalg.matrix_rank, least squares with a residual test, …) passes.

The reference facts are computed here with NumPy's SVD-based rank, never with the
learner's approach."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, LearnerError, check
from la4ai.labkit.testing import (
    as_checked_array,
    assert_close,
    assert_raises,
    assert_same_subspace,
    show,
)

ROUNDING = (
    "Computed in floating point, a combination is usually off by about 1e-16, so a test "
    "such as `det == 0`, `pivot == 0` or `==` between arrays never fires: compare with a "
    "small tolerance (for example `abs(x) < 1e-10`, `np.allclose`, or np.linalg.matrix_rank)."
)


# ---- inputs ---------------------------------------------------------------------------


def well_conditioned(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """n×k with clearly independent columns (no near-dependence to argue about)."""
    while True:
        B = rng.normal(size=(n, k))
        s = np.linalg.svd(B, compute_uv=False)
        if s[-1] > 0 and s[0] / s[-1] < 20:
            return B


def coefficients(rng: np.random.Generator, k: int) -> np.ndarray:
    """k coefficients of size 0.3…2 with random signs (never zero)."""
    return rng.uniform(0.3, 2.0, size=k) * rng.choice([-1.0, 1.0], size=k)


def rank(M: np.ndarray) -> int:
    return int(np.linalg.matrix_rank(M)) if M.size else 0


def pivot_columns(A: np.ndarray) -> list[int]:
    """Column j is a pivot column when it is not a combination of the columns before it."""
    return [j for j in range(A.shape[1]) if rank(A[:, : j + 1]) > rank(A[:, :j])]


def matrix_with_pivots(rng: np.random.Generator, m: int, n: int, pivots: list[int]) -> np.ndarray:
    """An m×n matrix whose pivot columns are exactly ``pivots``: every other column is a
    combination of the pivot columns to its left (or zero, before the first pivot)."""
    independent = well_conditioned(rng, m, len(pivots))
    columns: list[np.ndarray] = []
    used: list[np.ndarray] = []
    for j in range(n):
        if j in pivots:
            used.append(independent[:, len(used)])
            columns.append(used[-1])
        elif used:
            columns.append(np.column_stack(used) @ coefficients(rng, len(used)))
        else:
            columns.append(np.zeros(m))
    A = np.column_stack(columns)
    assert pivot_columns(A) == pivots
    return A


def off_the_span(rng: np.random.Generator, B: np.ndarray) -> tuple[np.ndarray, float]:
    """A vector at distance 1…2 from the column space of B, and that distance."""
    q, _ = np.linalg.qr(B)
    while True:
        x = rng.normal(size=B.shape[0])
        normal = x - q @ (q.T @ x)
        if np.linalg.norm(normal) > 0.3:
            break
    distance = float(rng.uniform(1.0, 2.0))
    inside = B @ coefficients(rng, B.shape[1])
    return inside + distance * normal / np.linalg.norm(normal), distance


def truth_value(got: object, call: str) -> bool:
    array = np.asarray(got) if isinstance(got, bool | np.bool_ | np.ndarray) else None
    if array is None or array.shape != () or array.dtype.kind != "b":
        raise CheckFailed(f"{call} returned {show(got)}; it should return True or False.")
    return bool(array)


# ---- is_independent -------------------------------------------------------------------


@check("is_independent accepts independent vectors", function="is_independent", points=2)
def independent_vectors(ctx: Context) -> None:
    for n, k in ((3, 1), (3, 2), (3, 3), (5, 3)):
        vectors = list(well_conditioned(ctx.rng, n, k).T)
        with ctx.counterexample(vectors=vectors):
            if not truth_value(ctx.fn("is_independent")(vectors), "is_independent(vectors)"):
                why = (
                    f"these {k} vectors in R^{n} are independent: none is a combination of "
                    "the others."
                    if k > 1
                    else f"a single nonzero vector in R^{n} is independent."
                )
                if k < n:
                    why += (
                        " Independent does not mean filling the whole space: "
                        f"{k} independent vector{'s' if k > 1 else ''} span a {k}-dimensional "
                        f"subspace of R^{n}, so the rank to compare with is the number of "
                        f"vectors, {k}, not their length, {n}."
                    )
                raise CheckFailed(f"is_independent(vectors) returned False, but {why}")
    basis = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    if not truth_value(ctx.fn("is_independent")(basis), "is_independent(...)"):
        raise CheckFailed(
            "is_independent([[1, 0, 0], [0, 1, 0], [0, 0, 1]]) returned False, but the "
            "standard basis of R^3 is independent (lists should work as well as arrays)."
        )


@check(
    "is_independent catches coplanar vectors that are pairwise non-parallel",
    function="is_independent",
    points=2,
)
def coplanar_vectors(ctx: Context) -> None:
    while True:  # integer vectors, no two of them parallel
        u, v = ctx.rng.integers(-5, 6, size=3), ctx.rng.integers(-5, 6, size=3)
        a, b = ctx.rng.choice([-3, -2, -1, 1, 2, 3], size=2)
        trio = [u, v, a * u + b * v]
        pairs = [(0, 1), (0, 2), (1, 2)]
        if all(rank(np.column_stack([trio[i], trio[j]])) == 2 for i, j in pairs):
            break
    order = ctx.rng.permutation(3)
    vectors = [trio[i] for i in order]
    with ctx.counterexample(vectors=vectors):
        if truth_value(ctx.fn("is_independent")(vectors), "is_independent(vectors)"):
            raise CheckFailed(
                "is_independent(vectors) returned True, but one of these three vectors is a "
                "combination of the other two, so they are dependent: all three lie in one "
                "plane through the origin. No two of them are parallel — checking the "
                "vectors in pairs is not enough; a vector can depend on several others at once."
            )
    crowd = list(ctx.rng.integers(-5, 6, size=(4, 3)))
    with ctx.counterexample(vectors=crowd):
        if truth_value(ctx.fn("is_independent")(crowd), "is_independent(vectors)"):
            raise CheckFailed(
                "is_independent(vectors) returned True for four vectors in R^3, but at most "
                "three vectors in R^3 can be independent: the rank of a 3×4 matrix is at most 3."
            )
    with_zero = [u, np.zeros(3), v]
    with ctx.counterexample(vectors=with_zero):
        if truth_value(ctx.fn("is_independent")(with_zero), "is_independent(vectors)"):
            raise CheckFailed(
                "is_independent(vectors) returned True, but the list contains the zero vector, "
                "which is 0 times any other vector: a set holding it is always dependent."
            )


@check("is_independent allows for rounding error", function="is_independent")
def rounding_dependence(ctx: Context) -> None:
    for n in (3, 3, 4, 4, 6, 6):
        B = well_conditioned(ctx.rng, n, n - 1)
        M = np.column_stack([B, B @ coefficients(ctx.rng, n - 1)])[:, ctx.rng.permutation(n)]
        vectors = list(M.T)
        with ctx.counterexample(vectors=vectors):
            if truth_value(ctx.fn("is_independent")(vectors), "is_independent(vectors)"):
                raise CheckFailed(
                    f"is_independent(vectors) returned True, but one of these {n} vectors is a "
                    f"combination of the others (their matrix has rank {n - 1}). {ROUNDING}"
                )


# ---- column_space_basis ---------------------------------------------------------------

COLUMN_CASES = ((4, 5, [0, 2]), (3, 4, [0, 1, 3]), (5, 3, [0, 1, 2]), (4, 5, [1, 3]))


@check("column_space_basis spans the column space of A", function="column_space_basis", points=2)
def spans_the_column_space(ctx: Context) -> None:
    for m, n, pivots in COLUMN_CASES:
        A = matrix_with_pivots(ctx.rng, m, n, pivots)
        with ctx.counterexample(A=A):
            got = as_checked_array(ctx.fn("column_space_basis")(A), what="column_space_basis(A)")
            what = "column_space_basis(A)"
            if got.ndim == 2 and got.shape[0] == n != m:
                raise CheckFailed(
                    f"{what} has columns of length {n}, the number of A's columns, but vectors "
                    f"in the column space of a {m}×{n} matrix have {m} entries, one per row. "
                    "A basis of the row space (the nonzero rows of R) is not a basis of the "
                    "column space."
                )
            if got.ndim == 2 and got.shape[1] > len(pivots):
                raise CheckFailed(
                    f"{what} has {got.shape[1]} columns, but the column space of A is "
                    f"{len(pivots)}-dimensional, so a basis has exactly {len(pivots)} vectors. "
                    "Keep only the pivot columns: a free column is a combination of the "
                    "pivot columns before it, even when its entries in R are not zero."
                )
            assert_same_subspace(got, A, atol=1e-6, what=what)


@check(
    "column_space_basis returns the pivot columns of A itself",
    function="column_space_basis",
    points=2,
)
def pivot_columns_of_a(ctx: Context) -> None:
    worked = np.array([[1, 2, 0, 3], [2, 4, 1, 8], [1, 2, 1, 5]])
    cases = [worked, matrix_with_pivots(ctx.rng, 3, 5, [0, 2, 3])]
    cases += [matrix_with_pivots(ctx.rng, 4, 6, [0, 1, 3])]
    for A in cases:
        pivots = pivot_columns(A)
        m, r = A.shape[0], len(pivots)
        wrong = {
            "these are the pivot columns of R, the reduced row echelon form: row operations "
            "change the column space, so the basis must be made of the matching columns of "
            "A itself": np.eye(m)[:, :r],
        }
        with ctx.counterexample(A=A):
            got = ctx.fn("column_space_basis")(A)
            assert_close(got, A[:, pivots], what="column_space_basis(A)", alternatives=wrong)


# ---- in_span --------------------------------------------------------------------------


def combination_cases(rng: np.random.Generator) -> list[tuple[list[np.ndarray], np.ndarray, str]]:
    two = well_conditioned(rng, 3, 2)
    plane = np.column_stack([two, two @ coefficients(rng, 2)])  # three coplanar vectors
    five = well_conditioned(rng, 5, 2)
    return [
        (list(two.T), two @ coefficients(rng, 2), "a combination of the two vectors"),
        (list(plane.T), two @ coefficients(rng, 2), "in the plane of the three vectors"),
        (list(five.T), five @ coefficients(rng, 2), "a combination of the two vectors"),
        (list(two.T), np.zeros(3), "the zero vector, 0 times every vector"),
    ]


@check("in_span recognises a combination of the vectors", function="in_span", points=2)
def recognises_combinations(ctx: Context) -> None:
    for vectors, v, how in combination_cases(ctx.rng):
        with ctx.counterexample(vectors=vectors, v=v):
            if truth_value(ctx.fn("in_span")(vectors, v), "in_span(vectors, v)"):
                continue
            problem = f"in_span(vectors, v) returned False, but v is {how}, so it is in their span."
            probe = ctx.fn("in_span")([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], [1.0, 1.0, 0.0])
            if not truth_value(probe, "in_span([[1, 0, 0], [0, 1, 0]], [1, 1, 0])"):
                raise CheckFailed(
                    f"{problem} Even in_span([[1, 0, 0], [0, 1, 0]], [1, 1, 0]) returned "
                    "False: the span holds every combination a·u + b·w — sums of multiples — "
                    "not only the multiples of each vector on its own."
                )
            raise CheckFailed(f"{problem} {ROUNDING}")


@check("in_span rejects a vector outside the span", function="in_span", points=2)
def rejects_outsiders(ctx: Context) -> None:
    two = well_conditioned(ctx.rng, 3, 2)
    plane = np.column_stack([two, two @ coefficients(ctx.rng, 2)])
    one = well_conditioned(ctx.rng, 2, 1)
    cases = [(two, "the plane of the two vectors"), (plane, "the plane of the three vectors")]
    cases.append((one, "the line through the vector"))
    for B, where in cases:
        v, distance = off_the_span(ctx.rng, B if B is not plane else two)
        vectors = list(B.T)
        with ctx.counterexample(vectors=vectors, v=v):
            if not truth_value(ctx.fn("in_span")(vectors, v), "in_span(vectors, v)"):
                continue
            message = (
                f"in_span(vectors, v) returned True, but v is not in the span: it is "
                f"{distance:.3g} away from {where}."
            )
            if B is plane:
                message += (
                    " These three vectors are already dependent, so adding any v gives a "
                    "dependent set: dependence alone does not show that v is a combination "
                    "of the vectors. Ask whether the rank grows when v joins them."
                )
            raise CheckFailed(message)


# ---- coordinates ----------------------------------------------------------------------


@check("coordinates rebuild v from the basis", function="coordinates", points=2)
def rebuild_v(ctx: Context) -> None:
    for n, k in ((3, 2), (3, 3), (5, 3)):
        B = well_conditioned(ctx.rng, n, k)
        c = ctx.rng.normal(size=k)
        v = B @ c
        one_at_a_time = (v @ B) / np.sum(B * B, axis=0)
        wrong = {
            "each coordinate was found by projecting v onto one basis vector at a time "
            "(v·b / b·b), which is only right when the basis vectors are orthogonal": one_at_a_time,
        }
        basis = B.tolist() if k == 2 else B
        with ctx.counterexample(basis=B, v=v):
            try:
                got = ctx.fn("coordinates")(basis, v)
            except LearnerError as error:
                if isinstance(error.__cause__, ValueError):
                    raise CheckFailed(
                        f"coordinates(basis, v) raised ValueError, but v is in the span: it "
                        f"was built as basis @ c. {ROUNDING}"
                    ) from None
                raise
            assert_close(got, c, what="coordinates(basis, v)", alternatives=wrong)


@check("coordinates refuses a vector outside the span", function="coordinates")
def refuses_outsiders(ctx: Context) -> None:
    plane = well_conditioned(ctx.rng, 3, 2)
    line = well_conditioned(ctx.rng, 4, 1)
    for B, shape in ((plane, "plane"), (line, "line")):
        v, distance = off_the_span(ctx.rng, B)
        why = (
            f"v is {distance:.3g} away from the {shape} the basis spans, so no c gives "
            "basis @ c == v; a least-squares c only reaches the nearest point"
        )
        with ctx.counterexample(basis=B, v=v):
            assert_raises(ValueError, ctx.raw("coordinates"), B, v, why=why)
