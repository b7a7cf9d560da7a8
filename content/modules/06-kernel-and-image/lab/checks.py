"""Checks of the Module 6 lab. A kernel or an image has many bases, so bases are compared
as subspaces (any basis, any scale, any sign); inputs are integer matrices of a known rank
drawn from a generator seeded per attempt, and every failure says how to reproduce it."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, check
from la4ai.labkit.testing import (
    as_checked_array,
    assert_close,
    assert_no_forbidden_calls,
    assert_raises,
    assert_same_subspace,
    show,
)

ROW_SPACE = (
    " These vectors lie in the row space of A (rows of the RREF do): the row space is "
    "perpendicular to the kernel, so A sends them anywhere but 0."
)
RREF_COLUMNS = (
    " These columns are zero below row {rank}, like the columns of the RREF: row operations "
    "change the column space, so the RREF's columns span a different space from A's."
)


def matrix_of_rank(rng: np.random.Generator, m: int, n: int, rank: int) -> np.ndarray:
    """An m × n integer matrix of exactly this rank (small entries, so well conditioned)."""
    while True:
        A = rng.integers(-3, 4, size=(m, rank)) @ rng.integers(-3, 4, size=(rank, n))
        if np.linalg.matrix_rank(A) == rank:
            return A


def invertible(rng: np.random.Generator, n: int) -> np.ndarray:
    while True:
        B = rng.integers(-3, 4, size=(n, n))
        if abs(np.linalg.det(B)) >= 1 and np.linalg.cond(B) < 50:
            return B


def null_space(A: np.ndarray) -> np.ndarray:
    """An orthonormal basis of N(A) from the SVD (the check's own, independent method)."""
    _, s, vt = np.linalg.svd(A)
    rank = int(np.sum(s > 1e-9 * max(1.0, s.max(initial=0.0))))
    return vt[rank:].T


def in_span(vectors: np.ndarray, space: np.ndarray) -> bool:
    """Whether every column of ``vectors`` lies in the span of the columns of ``space``."""
    if vectors.size == 0:
        return True
    coefficients = np.linalg.lstsq(space, vectors, rcond=None)[0]
    return bool(np.allclose(space @ coefficients, vectors, atol=1e-8))


def assert_kernel_basis(got: object, A: np.ndarray, *, what: str, about_a: str = "") -> None:
    """``got``'s columns are a basis of N(A); A @ k ≠ 0 is named before subspace details.
    ``about_a`` is added to a failure: what is special about this A."""
    try:
        _assert_kernel_basis(got, A, what=what)
    except CheckFailed as failure:
        if about_a:
            raise CheckFailed(f"{failure} {about_a}") from None
        raise


def _assert_kernel_basis(got: object, A: np.ndarray, *, what: str) -> None:
    K = as_checked_array(got, what=what)
    n = A.shape[1]
    if K.ndim == 2 and K.shape[0] == n and K.shape[1] > 0:
        residual = A @ K.astype(float)
        sizes = np.linalg.norm(residual, axis=0)
        if np.any(sizes > 1e-6 * max(1.0, float(np.abs(K).max()))):
            j = int(np.argmax(sizes))
            # Named only when the count matches too: one stray vector may lie there by chance.
            rows_of_rref = K.shape[1] == np.linalg.matrix_rank(A)
            why = ROW_SPACE if rows_of_rref and in_span(K.astype(float), A.T) else ""
            raise CheckFailed(
                f"{what} is not right: column {j} of your basis, k = {show(K[:, j])}, gives "
                f"A @ k = {show(residual[:, j])}, but every kernel vector is sent to the zero "
                f"vector.{why}"
            )
    assert_same_subspace(K, null_space(A), what=what)


def assert_image_basis(got: object, A: np.ndarray, rank: int, *, what: str) -> None:
    """``got``'s columns are a basis of C(A); RREF columns are named as such."""
    C = as_checked_array(got, what=what)
    shaped = C.ndim == 2 and C.shape[0] == A.shape[0] and C.size > 0
    if shaped and np.allclose(C[rank:], 0.0) and not in_span(C.astype(float), A):
        outside = np.linalg.norm(C - A @ np.linalg.lstsq(A, C, rcond=None)[0], axis=0)
        j = int(np.argmax(outside))
        raise CheckFailed(
            f"{what} is not right: column {j}, {show(C[:, j])}, is not a combination of "
            f"A's columns, so it is not in the image of A.{RREF_COLUMNS.format(rank=rank)}"
        )
    assert_same_subspace(C, A, what=what)


# ---- kernel_basis ----------------------------------------------------------------------------


@check("kernel_basis spans the kernel of a random matrix", function="kernel_basis", points=2)
def kernel_random(ctx: Context) -> None:
    for m, n, rank in ((3, 5, 2), (5, 4, 2)):
        A = matrix_of_rank(ctx.rng, m, n, rank)
        with ctx.counterexample(A=A):
            assert_kernel_basis(ctx.fn("kernel_basis")(A), A, what="kernel_basis(A)")


@check("kernel_basis treats round-off as zero", function="kernel_basis")
def kernel_round_off(ctx: Context) -> None:
    # Decimal entries: elimination leaves ~1e-16 where exact arithmetic leaves 0.
    A = ctx.rng.normal(size=(4, 2)) @ ctx.rng.normal(size=(2, 5))
    with ctx.counterexample(A=A):
        got = as_checked_array(ctx.fn("kernel_basis")(A), what="kernel_basis(A)")
        if got.ndim == 2 and got.shape[0] == 5 and got.shape[1] < 3:
            raise CheckFailed(
                f"kernel_basis(A) has {got.shape[1]} column(s), but A has rank 2 and 5 columns, "
                "so its kernel is 3-dimensional. Elimination in floating point leaves tiny "
                "numbers such as 1e-16 where exact arithmetic gives 0: a pivot that small is "
                "round-off, not a pivot — compare with a tolerance, never with == 0."
            )
        assert_kernel_basis(got, A, what="kernel_basis(A)")


@check("kernel_basis finds a free column in the middle", function="kernel_basis")
def kernel_free_middle(ctx: Context) -> None:
    # Column 1 repeats a multiple of column 0, so the free variable is not the last one.
    a = ctx.rng.integers(-3, 4, size=(3, 1))
    while not a.any():
        a = ctx.rng.integers(-3, 4, size=(3, 1))
    c = int(ctx.rng.choice([-2, 2, 3]))
    A = np.hstack([a, c * a, matrix_of_rank(ctx.rng, 3, 2, 2)])
    while np.linalg.matrix_rank(A) != 3:
        A[:, 2:] = matrix_of_rank(ctx.rng, 3, 2, 2)
    middle = (
        f"(In this A, column 1 is {c} times column 0, so x₁ is a free variable while x₂ and "
        "x₃ are pivot variables: the pivots are not always the first columns.)"
    )
    with ctx.counterexample(A=A):
        got = ctx.fn("kernel_basis")(A)
        assert_kernel_basis(got, A, what="kernel_basis(A)", about_a=middle)


@check("kernel_basis of an invertible matrix has shape (n, 0)", function="kernel_basis")
def kernel_trivial(ctx: Context) -> None:
    B = invertible(ctx.rng, 4)
    with ctx.counterexample(A=B):
        got = as_checked_array(ctx.fn("kernel_basis")(B), what="kernel_basis(A)")
        if got.ndim == 2 and got.shape[0] == 4 and got.shape[1] > 0 and np.allclose(got, 0):
            raise CheckFailed(
                "kernel_basis(A) contains the zero vector. A is invertible, so its kernel is "
                "{0}, whose basis has no vectors at all: the zero vector is never part of a "
                "basis. Return an array of shape (4, 0)."
            )
        if got.shape != (4, 0):
            raise CheckFailed(
                f"kernel_basis(A) has shape {got.shape}, but A is invertible: its kernel is "
                "{0}, a basis with no vectors, which is an array of shape (4, 0)."
            )


@check("kernel_basis does the elimination itself", function="kernel_basis")
def kernel_own(ctx: Context) -> None:
    # Only a working kernel_basis earns this point: an unwritten one calls nothing either.
    A = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
    assert_kernel_basis(ctx.fn("kernel_basis")(A), A, what="kernel_basis([[1, 2, 3], [2, 4, 6]])")
    assert_no_forbidden_calls(
        ctx.source,
        "kernel_basis",
        ["scipy.linalg.null_space", ".nullspace"],
        advice="row-reduce A and build one special solution per free column",
    )


# ---- image_basis -----------------------------------------------------------------------------


@check("image_basis spans the column space of a random matrix", function="image_basis", points=2)
def image_random(ctx: Context) -> None:
    for m, n, rank in ((5, 4, 2), (4, 6, 3)):
        A = matrix_of_rank(ctx.rng, m, n, rank)
        with ctx.counterexample(A=A):
            assert_image_basis(ctx.fn("image_basis")(A), A, rank, what="image_basis(A)")


@check("image_basis has no redundant columns", function="image_basis")
def image_independent(ctx: Context) -> None:
    base = matrix_of_rank(ctx.rng, 4, 2, 2)
    A = np.column_stack([base[:, 0], base[:, 1], base[:, 0] + base[:, 1], 2 * base[:, 0]])
    with ctx.counterexample(A=A):
        assert_image_basis(ctx.fn("image_basis")(A), A, 2, what="image_basis(A)")


# ---- rank_nullity ----------------------------------------------------------------------------


@check("rank_nullity of a non-square matrix", function="rank_nullity", points=2)
def rank_nullity_random(ctx: Context) -> None:
    for m, n, rank in ((3, 6, 2), (6, 4, 3)):
        A = matrix_of_rank(ctx.rng, m, n, rank)
        by_rows = {
            "the nullity counted the rows (m − rank) instead of the columns": (rank, m - rank)
        }
        with ctx.counterexample(A=A):
            got = ctx.fn("rank_nullity")(A)
            assert_close(got, (rank, n - rank), what="rank_nullity(A)", alternatives=by_rows)


@check("rank_nullity counts with your own bases", function="rank_nullity")
def rank_nullity_own(ctx: Context) -> None:
    A = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
    assert_close(ctx.fn("rank_nullity")(A), (1, 2), what="rank_nullity([[1, 2, 3], [2, 4, 6]])")
    assert_no_forbidden_calls(
        ctx.source,
        "rank_nullity",
        ["numpy.linalg.matrix_rank", "scipy.linalg.null_space", ".rank"],
        advice="count the columns of your own kernel_basis (or image_basis)",
    )


# ---- change_of_basis -------------------------------------------------------------------------


def wrong_changes(M: np.ndarray, B: np.ndarray) -> dict[str, np.ndarray]:
    B_inv = np.linalg.inv(B)
    return {
        "the product is in the opposite order (B M B⁻¹ turns B-coordinates into standard ones,"
        " not the other way round)": B @ M @ B_inv,
        "B's transpose was used in place of its inverse (they agree only for orthonormal"
        " bases)": B.T @ M @ B,
        "the inverse of B on the left is missing": M @ B,
    }


@check("change_of_basis of a random map and basis", function="change_of_basis", points=2)
def change_random(ctx: Context) -> None:
    M = ctx.rng.integers(-4, 5, size=(3, 3))
    B = invertible(ctx.rng, 3)
    with ctx.counterexample(M=M, B=B):
        got = ctx.fn("change_of_basis")(M, B)
        expected = np.linalg.solve(B, M @ B)
        assert_close(got, expected, what="change_of_basis(M, B)", alternatives=wrong_changes(M, B))


@check("change_of_basis diagonalises a map in its eigenvector basis", function="change_of_basis")
def change_diagonalises(ctx: Context) -> None:
    P = invertible(ctx.rng, 3)
    D = np.diag(ctx.rng.choice([-3.0, -2.0, -1.0, 1.0, 2.0, 4.0], size=3, replace=False))
    M = P @ D @ np.linalg.inv(P)
    with ctx.counterexample(M=M, B=P):
        got = ctx.fn("change_of_basis")(M, P)
        assert_close(
            got, D, atol=1e-6, what="change_of_basis(M, B)", alternatives=wrong_changes(M, P)
        )


@check("change_of_basis refuses a B whose columns are not a basis", function="change_of_basis")
def change_refuses(ctx: Context) -> None:
    M = np.eye(3).tolist()
    dependent = [[2.0, 1.0, 3.0], [1.0, 3.0, 4.0], [5.0, 1.0, 6.0]]  # column 2 = column 0 + 1
    assert_raises(
        ValueError,
        ctx.raw("change_of_basis"),
        M,
        dependent,
        why="the third column is the sum of the other two, so the columns are not a basis; "
        "a test such as det(B) == 0 misses it, as round-off leaves a tiny nonzero determinant",
    )
    assert_raises(
        ValueError,
        ctx.raw("change_of_basis"),
        M,
        [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]],
        why="two vectors cannot be a basis of a 3-D space",
    )
