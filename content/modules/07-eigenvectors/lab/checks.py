"""Checks of the Module 7 lab. Inputs are drawn from a generator seeded per attempt, every
failure says how to reproduce it, and eigen-answers are compared up to their legitimate
freedom: eigenvalues in any order, eigenvectors up to sign and scale (complex too)."""

import cmath

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, LearnerError, check
from la4ai.labkit.eigen import assert_diagonalization, assert_eigenpairs, assert_same_eigenvalues
from la4ai.labkit.testing import (
    as_checked_array,
    assert_close,
    assert_equal_up_to_sign,
    assert_no_forbidden_calls,
    assert_raises,
)

EIG_CALLS = [
    "numpy.linalg.eig",
    "numpy.linalg.eigh",
    "numpy.linalg.eigvals",
    "numpy.linalg.eigvalsh",
    "scipy.linalg.eig",
    "scipy.linalg.eigh",
    "scipy.linalg.eigvals",
    "scipy.sparse.linalg.eigs",
    "scipy.sparse.linalg.eigsh",
]


# ---- helpers: matrices with known eigenvalues ----------------------------------------------


def random_rotation(rng, n):
    """A random orthogonal n×n matrix (its columns are an orthonormal basis)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def symmetric_with(rng, values):
    """A random symmetric matrix with these eigenvalues, and its unit eigenvectors."""
    q = random_rotation(rng, len(values))
    return q @ np.diag(values) @ q.T, q


def similar_to(rng, values):
    """A random non-symmetric matrix S diag(values) S⁻¹ with a well-conditioned S."""
    n = len(values)
    s = np.eye(n) + 0.3 * rng.standard_normal((n, n))
    return s @ np.diag(values) @ np.linalg.inv(s), s / np.linalg.norm(s, axis=0)


def unimodular(rng, n):
    """A random integer matrix with determinant ±1, so its inverse is an integer matrix too."""
    while True:
        s = rng.integers(-2, 3, size=(n, n)).astype(float)
        if round(abs(np.linalg.det(s))) == 1:
            return s, np.round(np.linalg.inv(s))


def finite_vector(got):
    """The learner's vector; fails with the overflow explanation when it is not finite."""
    x = as_checked_array(got, what="the vector")
    if not np.all(np.isfinite(x)):
        raise CheckFailed(
            f"The vector is {x} — its entries grew past the largest number a float can "
            "hold (or became NaN). Multiplying by A again and again stretches the vector "
            "by the eigenvalue every time: rescale it to length 1 at every step."
        )
    return x


def unpack_pair(got, call, first, second):
    """The learner's two results, or a failure saying that a pair was expected."""
    if not isinstance(got, list | tuple) or len(got) != 2:
        raise CheckFailed(
            f"{call} should return a pair ({first}, {second}), not {type(got).__name__}."
        )
    return got


# ---- power_iteration ------------------------------------------------------------------------


@check("power_iteration finds the dominant eigenpair", function="power_iteration", points=2)
def power_dominant(ctx: Context) -> None:
    top = float(ctx.rng.uniform(4, 6))
    rest = ctx.rng.uniform(-2, 2, size=4)
    symmetric, q = symmetric_with(ctx.rng, [top, *rest])
    general, s = similar_to(ctx.rng, [top, 2.0, -1.5, 0.5])
    for A, v in ((symmetric, q[:, 0]), (general, s[:, 0])):
        with ctx.counterexample(A=A):
            got = unpack_pair(
                ctx.fn("power_iteration")(A), "power_iteration(A)", "eigenvalue", "vector"
            )
            x = finite_vector(got[1])
            assert_close(got[0], top, rtol=1e-6, what="the eigenvalue")
            assert_equal_up_to_sign(x, v, atol=1e-6, what="the eigenvector")


@check("power_iteration returns a unit vector", function="power_iteration")
def power_unit(ctx: Context) -> None:
    A, _ = symmetric_with(ctx.rng, [float(ctx.rng.uniform(3, 5)), 1.0, -0.5])
    with ctx.counterexample(A=A):
        got = unpack_pair(
            ctx.fn("power_iteration")(A), "power_iteration(A)", "eigenvalue", "vector"
        )
        x = finite_vector(got[1])
        length = float(np.linalg.norm(x))
        if abs(length - 1) > 1e-6:
            raise CheckFailed(f"The vector has length {length:.6g}, not 1: return a unit vector.")


@check("power_iteration keeps the sign of a negative eigenvalue", function="power_iteration")
def power_negative(ctx: Context) -> None:
    top = -float(ctx.rng.uniform(4, 6))
    A, q = symmetric_with(ctx.rng, [top, 2.0, 1.0, -0.5])
    by_length = {
        "the eigenvalue was measured as the length of A x, and a length is never negative "
        "(A x points the opposite way to x here)": -top
    }
    with ctx.counterexample(A=A):
        got = unpack_pair(
            ctx.fn("power_iteration")(A), "power_iteration(A)", "eigenvalue", "vector"
        )
        finite_vector(got[1])
        assert_close(got[0], top, rtol=1e-6, what="the eigenvalue", alternatives=by_length)
        assert_equal_up_to_sign(got[1], q[:, 0], atol=1e-6, what="the eigenvector")


@check("power_iteration does its own iterations", function="power_iteration")
def power_own(ctx: Context) -> None:
    # Only a working function earns this point: an unwritten one calls nothing forbidden either.
    got = unpack_pair(
        ctx.fn("power_iteration")([[2.0, 1.0], [1.0, 2.0]]),
        "power_iteration(A)",
        "eigenvalue",
        "vector",
    )
    assert_close(got[0], 3.0, rtol=1e-6, what="power_iteration([[2, 1], [1, 2]])[0]")
    assert_no_forbidden_calls(
        ctx.source, "power_iteration", EIG_CALLS,
        advice="multiply by A and rescale, over and over — that is the method",
    )  # fmt: skip


# ---- eig2x2 ---------------------------------------------------------------------------------


def quadratic_roots(p, q):
    """The two roots of λ² + p λ + q (complex when needed)."""
    root = cmath.sqrt(p * p - 4 * q)
    return np.array([(-p + root) / 2, (-p - root) / 2])


def random_real_2x2(rng):
    while True:
        (a, b), (c, d) = rng.integers(-5, 6, size=(2, 2))
        if b != 0 and c != 0 and (a + d) ** 2 - 4 * (a * d - b * c) >= 4:
            return np.array([[a, b], [c, d]], dtype=float)


def polynomial_mistakes(A):
    """Known wrong eigenvalues, by misconception (λ² − tλ + D is the right polynomial)."""
    t, det = float(np.trace(A)), float(np.linalg.det(A))
    plus = "the discriminant has the wrong sign in front of 4·det"
    swapped = "the trace and the determinant swapped places in the characteristic polynomial"
    negated = "the eigenvalues came out with the wrong sign (their sum should be the trace)"
    return {
        plus: quadratic_roots(-t, -det),  # roots of λ² − tλ − D: discriminant t² + 4D
        swapped: quadratic_roots(-det, t),
        negated: quadratic_roots(t, det),
    }


def check_eig2x2(ctx: Context, A, expected, *, independent=True):
    call = f"eig2x2({A.astype(int).tolist() if np.all(np.round(A) == A) else 'A'})"
    got = unpack_pair(ctx.fn("eig2x2")(A), call, "eigenvalues", "eigenvectors")
    assert_same_eigenvalues(
        got[0], expected, what="the eigenvalues", alternatives=polynomial_mistakes(A)
    )
    assert_eigenpairs(A, got[0], got[1], independent=independent, what="the eigenvectors")


@check("eig2x2 of a random matrix with real eigenvalues", function="eig2x2", points=2)
def eig_real(ctx: Context) -> None:
    for _ in range(2):
        A = random_real_2x2(ctx.rng)
        with ctx.counterexample(A=A):
            check_eig2x2(ctx, A, np.linalg.eigvals(A))


@check("eig2x2 of a rotation gives complex eigenvalues", function="eig2x2")
def eig_complex(ctx: Context) -> None:
    theta = float(ctx.rng.uniform(0.4, 2.7))
    r = float(ctx.rng.uniform(0.5, 2))
    A = r * np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    expected = np.array([r * cmath.exp(1j * theta), r * cmath.exp(-1j * theta)])
    with ctx.counterexample(A=A):
        try:
            check_eig2x2(ctx, A, expected)
        except LearnerError as error:
            if "domain" in str(error):
                raise error.extended(
                    "The discriminant (trace² − 4·det) is negative for this matrix, and "
                    "math.sqrt only takes real square roots: a rotation has complex "
                    "eigenvalues (cmath.sqrt or np.emath.sqrt give them)."
                ) from None
            raise


@check("eig2x2 of a triangular or diagonal matrix", function="eig2x2")
def eig_triangular(ctx: Context) -> None:
    a, d = (float(x) for x in ctx.rng.choice(np.arange(-5, 6), size=2, replace=False))
    off = float(ctx.rng.choice([-3, -2, -1, 1, 2, 3]))
    cases = [
        np.array([[a, 0.0], [off, d]]),  # lower triangular
        np.array([[a, off], [0.0, d]]),  # upper triangular
        np.array([[a, 0.0], [0.0, d]]),  # diagonal
        np.array([[a, 0.0], [0.0, a]]),  # a multiple of I: every vector is an eigenvector
    ]
    for A in cases:
        with ctx.counterexample(A=A):
            check_eig2x2(ctx, A, np.diag(A))


@check("eig2x2 works from the characteristic polynomial", function="eig2x2")
def eig_own(ctx: Context) -> None:
    check_eig2x2(ctx, np.array([[2.0, 1.0], [1.0, 2.0]]), [3.0, 1.0])
    assert_no_forbidden_calls(
        ctx.source, "eig2x2", EIG_CALLS,
        advice="solve λ² − (trace)λ + det = 0 with the quadratic formula",
    )  # fmt: skip


# ---- diagonalize ----------------------------------------------------------------------------


def check_diagonalize(ctx: Context, A, values):
    got = unpack_pair(ctx.fn("diagonalize")(A), "diagonalize(A)", "P", "D")
    assert_diagonalization(A, got[0], got[1])
    assert_same_eigenvalues(np.diag(np.asarray(got[1])), values, what="the diagonal of D")


@check("diagonalize rebuilds A = P D P^-1", function="diagonalize", points=2)
def diagonalize_random(ctx: Context) -> None:
    for n in (3, 4):
        values = ctx.rng.choice(np.arange(-5, 6), size=n, replace=False).astype(float)
        A, _ = similar_to(ctx.rng, values)
        with ctx.counterexample(A=A):
            check_diagonalize(ctx, A, values)


@check("diagonalize refuses a defective matrix", function="diagonalize")
def diagonalize_defective(ctx: Context) -> None:
    shear = [[1.0, 1.0], [0.0, 1.0]]
    assert_raises(
        ValueError, ctx.raw("diagonalize"), shear, why="a shear has only one eigenvector line"
    )
    assert_raises(
        ValueError, ctx.raw("diagonalize"), [[3.0, 1.0], [-1.0, 1.0]],
        why="its eigenvalue 2 appears twice but has only one eigenvector line, and rounding "
        "makes the two computed eigenvalues differ by about 1e-8",
    )  # fmt: skip
    s, s_inv = unimodular(ctx.rng, 3)
    lam, other = (float(x) for x in ctx.rng.choice([-3, -2, -1, 1, 2, 3, 4], size=2, replace=False))
    jordan = np.array([[lam, 1.0, 0.0], [0.0, lam, 0.0], [0.0, 0.0, other]])
    disguised = s @ jordan @ s_inv  # integer entries; the eigenvalue lam repeats but has one line
    with ctx.counterexample(A=disguised):
        assert_raises(
            ValueError, ctx.raw("diagonalize"), disguised,
            why=f"the eigenvalue {lam:g} appears twice but has only one eigenvector line; "
            "rounding makes the two computed eigenvalues differ by about 1e-8",
        )  # fmt: skip


@check("diagonalize accepts a repeated eigenvalue with enough eigenvectors", function="diagonalize")
def diagonalize_repeated(ctx: Context) -> None:
    s, s_inv = unimodular(ctx.rng, 3)
    lam, other = (float(x) for x in ctx.rng.choice([-3, -2, -1, 1, 2, 3, 4], size=2, replace=False))
    values = [lam, lam, other]
    A = s @ np.diag(values) @ s_inv  # lam repeats, and it has a whole plane of eigenvectors
    with ctx.counterexample(A=A):
        check_diagonalize(ctx, A, values)
    with ctx.counterexample(A=2 * np.eye(2)):
        check_diagonalize(ctx, 2 * np.eye(2), [2.0, 2.0])


# ---- pagerank -------------------------------------------------------------------------------


def reference_rank(links, damping, *, dangling="uniform", transpose=True):
    """PageRank by solving (I − d M) r = (1 − d)/n · 1 exactly, and the wrong variants."""
    links = np.asarray(links, dtype=float)
    n = len(links)
    out = links.sum(axis=1)
    rows = np.where(out[:, None] > 0, links / np.where(out > 0, out, 1)[:, None], 0.0)
    if dangling == "uniform":
        rows[out == 0] = 1.0 / n
    M = rows.T if transpose else rows
    if damping == 1:  # no teleport: the eigenvector of M for the eigenvalue 1
        values, vectors = np.linalg.eig(M)
        r = np.real(vectors[:, np.argmin(np.abs(values - 1))])
        return r / r.sum()
    return np.linalg.solve(np.eye(n) - damping * M, np.full(n, (1 - damping) / n))


def random_web(rng, n, *, dangling=0):
    """A random directed graph: a ring through every page, plus random extra links; the
    last `dangling` pages link nowhere."""
    links = (rng.random((n, n)) < 0.3).astype(float)
    links[np.arange(n), (np.arange(n) + 1) % n] = 1.0
    np.fill_diagonal(links, 0.0)
    if dangling:
        links[n - dangling :] = 0.0
    return links


def rank_mistakes(links, damping):
    return {
        "the link matrix was not transposed: its rows say where a page's links go, but "
        "M @ r needs column j to hold page j's outgoing links": reference_rank(
            links, damping, transpose=False
        ),
        "there is no teleport (damping): the surfer only ever follows links": reference_rank(
            links, 1.0
        ),
        "damping and 1 − damping swapped roles: the surfer follows a link with probability "
        "damping": reference_rank(links, 1 - damping),
    }


@check("pagerank of a random web of pages", function="pagerank", points=2)
def pagerank_random(ctx: Context) -> None:
    links = random_web(ctx.rng, 7)
    for damping in (0.85, 0.6):
        with ctx.counterexample(adjacency=links.astype(int), damping=damping):
            got = ctx.fn("pagerank")(links.astype(int).tolist(), damping=damping)
            assert_close(
                got, reference_rank(links, damping), rtol=1e-6, atol=1e-8,
                what=f"pagerank(adjacency, damping={damping})",
                alternatives=rank_mistakes(links, damping),
            )  # fmt: skip


@check("pagerank ranks the most linked-to page first", function="pagerank")
def pagerank_popular(ctx: Context) -> None:
    n = 6
    links = random_web(ctx.rng, n) * (ctx.rng.random((n, n)) < 0.5)
    links[:, 0] = 1.0  # every other page links to page 0 …
    links[0] = 1.0  # … and page 0 links back to every page
    np.fill_diagonal(links, 0.0)
    expected = reference_rank(links, 0.85)
    with ctx.counterexample(adjacency=links.astype(int)):
        got = as_checked_array(ctx.fn("pagerank")(links), what="pagerank(adjacency)")
        if got.shape == (n,) and int(np.argmax(got)) != 0:
            raise CheckFailed(
                f"Every page links to page 0, yet page {int(np.argmax(got))} got the highest "
                f"rank ({got.round(4)}). Rank should flow along the links, from i to j when "
                "adjacency[i, j] = 1."
            )
        assert_close(
            got, expected, what="pagerank(adjacency)", alternatives=rank_mistakes(links, 0.85)
        )


@check("pagerank sums to 1 even with a page that links nowhere", function="pagerank")
def pagerank_dangling(ctx: Context) -> None:
    links = random_web(ctx.rng, 6, dangling=2)
    expected = reference_rank(links, 0.85)
    leaked = reference_rank(links, 0.85, dangling="leak")
    with ctx.counterexample(adjacency=links.astype(int)):
        got = as_checked_array(ctx.fn("pagerank")(links), what="pagerank(adjacency)")
        total = float(np.sum(got))
        if got.shape == expected.shape and abs(total - 1) > 1e-6:
            raise CheckFailed(
                f"The ranks add up to {total:.4f}, not 1: rank that reaches a page with no "
                "links (pages 4 and 5 here) disappears. A surfer on such a page jumps to any "
                "page at random."
            )
        renormalised = {
            "the rank lost at pages without links was made up by rescaling at the end; "
            "instead, a page without links shares its rank equally among all pages": leaked
            / leaked.sum(),
        }
        assert_close(got, expected, what="pagerank(adjacency)", alternatives=renormalised)
