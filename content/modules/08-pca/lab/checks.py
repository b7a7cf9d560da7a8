"""Checks of the Module 8 lab. All of them target `pca`; inputs are point clouds drawn from a
generator seeded per attempt (correlated, far from the origin, with well-separated variances
so that every principal direction is well defined), plus the real Iris measurements.

Eigenvectors have no preferred sign, so components are compared up to the sign of each
row and projected data up to the sign of each column: SVD, eigendecomposition and any sign
convention are all accepted."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, LearnerError, check
from la4ai.labkit.signs import align_signs, assert_close_up_to_signs, assert_orthonormal_rows
from la4ai.labkit.testing import assert_close, assert_no_forbidden_calls, assert_raises

TOL = {"rtol": 1e-5, "atol": 1e-7}

NOT_CENTRED = (
    "the data was not centred: without subtracting each feature's mean, the first "
    "direction points from the origin towards the middle of the cloud instead of along "
    "its spread"
)
INCREASING = (
    "the eigenvalues were used in increasing order (np.linalg.eigh returns the smallest "
    "first), which picks the directions of least variance"
)
SIZES_HINT = (
    "A matrix product inside pca failed because the sizes did not line up. For X of shape "
    "(n, d) — n samples, d features — the covariance matrix is d × d, one row and one column "
    "per feature. An n × n matrix treats the samples as the variables: check the order of "
    "the transposes, and note that np.cov(X) wants rowvar=False when samples are rows."
)


def cloud(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """n correlated points in d dimensions, far from the origin, spreads 6, 3.5, 2, 1, …"""
    spreads = 6.0 / 1.75 ** np.arange(d)
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    mean = rng.uniform(3.0, 9.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    return mean + (rng.normal(size=(n, d)) * spreads) @ rotation.T


def eigen(X: np.ndarray, *, centre: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(variances largest first, directions as columns, the data they describe)."""
    data = X - X.mean(axis=0) if centre else X
    variances, directions = np.linalg.eigh(data.T @ data / (len(X) - 1))
    order = np.argsort(variances)[::-1]
    return variances[order], directions[:, order], data


def call_pca(ctx: Context, X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The learner's three results, after making sure there are three."""
    try:
        result = ctx.fn("pca")(X, k)
    except LearnerError as error:
        words = ("mismatch", "not aligned", "could not be broadcast", "shapes")
        if any(word in error.message for word in words):
            raise CheckFailed(f"{error.message}\n{SIZES_HINT}") from None
        raise
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise CheckFailed(
            "pca should return three things, (components, explained_variance_ratio, "
            f"projected), as a tuple: `return components, ratio, projected`. It returned "
            f"{type(result).__name__}"
            + (f" with {len(result)} items." if isinstance(result, tuple | list) else ".")
        )
    components, ratio, projected = result
    return components, ratio, projected


@check("pca returns components (k, d), ratios (k,) and projections (n, k)", function="pca")
def shapes(ctx: Context) -> None:
    n, d, k = 40, 5, 2
    X = cloud(ctx.rng, n, d)
    with ctx.counterexample(X=X, k=k):
        components, ratio, projected = call_pca(ctx, X.tolist(), k)  # lists are fine too
        comp = np.asarray(components)
        if comp.ndim == 2 and comp.shape == (k, n):
            raise CheckFailed(
                f"components has shape {comp.shape}: one entry per sample (n = {n}) instead of "
                f"one per feature (d = {d}). The covariance matrix was n × n — the samples were "
                "treated as the variables (X Xᵀ instead of Xᵀ X, or np.cov without "
                "rowvar=False)."
            )
        expected = [
            ("components", comp, (k, d), "one row per component, one entry per feature"),
            ("explained_variance_ratio", ratio, (k,), "one number per component"),
            ("projected", projected, (n, k), "one row per sample, one column per component"),
        ]
        for name, value, shape, layout in expected:
            got = np.shape(value)
            if got != shape:
                swapped = " Rows and columns are swapped: is a `.T` missing?" * (got == shape[::-1])
                raise CheckFailed(
                    f"`{name}` has shape {got}, but for X of shape ({n}, {d}) and k = {k} it "
                    f"should be {shape}: {layout}.{swapped}"
                )


@check("the components are unit vectors at right angles to each other", function="pca")
def orthonormal(ctx: Context) -> None:
    X = cloud(ctx.rng, 50, 4)
    with ctx.counterexample(X=X, k=3):
        components, _, _ = call_pca(ctx, X, 3)
        assert_orthonormal_rows(components, what="`components`")


@check(
    "the components are the covariance's eigenvectors, most variance first",
    function="pca",
    points=2,
)
def directions(ctx: Context) -> None:
    X = cloud(ctx.rng, 60, 5)
    k = 3
    _, vectors, _ = eigen(X)
    expected = vectors[:, :k].T
    increasing = vectors[:, ::-1][:, :k].T
    uncentred = eigen(X, centre=False)[1][:, :k].T
    with ctx.counterexample(X=X, k=k):
        components, _, _ = call_pca(ctx, X, k)
        got = np.asarray(components, dtype=float)
        if (
            got.shape == expected.shape
            and not np.allclose(align_signs(got, expected, vectors="rows"), expected, **TOL)
            and np.allclose(np.abs(got), np.abs(vectors[:k, :]), **TOL)
        ):
            raise CheckFailed(
                "`components` is not right. It looks like the rows of the eigenvector matrix were "
                "taken, but np.linalg.eigh (and np.linalg.eig) return one eigenvector per "
                "column: eigenvector i is vectors[:, i]."
            )
        assert_close_up_to_signs(
            got, expected, vectors="rows", what="`components`", **TOL,
            alternatives={INCREASING: increasing, NOT_CENTRED: uncentred},
        )  # fmt: skip


@check(
    "explained_variance_ratio is each component's share of the total variance",
    function="pca",
    points=2,
)
def ratios(ctx: Context) -> None:
    X = cloud(ctx.rng, 60, 5)
    k = 2
    variances, _, centred = eigen(X)
    singular = np.linalg.svd(centred, compute_uv=False)
    raw = eigen(X, centre=False)[0]
    alternatives = {
        "the variances were divided by the sum of only the first k of them, not by the total "
        "variance of all d directions": variances[:k] / variances[:k].sum(),
        "the singular values were used without squaring them (a component's variance is its "
        "singular value squared, divided by n - 1)": singular[:k] / singular.sum(),
        INCREASING: variances[::-1][:k] / variances.sum(),
        NOT_CENTRED: raw[:k] / raw.sum(),
        "these are the variances themselves, not yet divided by the total variance": variances[:k],
    }
    with ctx.counterexample(X=X, k=k):
        _, ratio, _ = call_pca(ctx, X, k)
        assert_close(
            ratio, variances[:k] / variances.sum(), what="`explained_variance_ratio`", **TOL,
            alternatives=alternatives,
        )  # fmt: skip


@check(
    "projected holds the centred data's coordinates along each component", function="pca", points=2
)
def projections(ctx: Context) -> None:
    X = cloud(ctx.rng, 30, 4)
    k = 2
    _, vectors, centred = eigen(X)
    W = vectors[:, :k].T
    u, _, _ = np.linalg.svd(centred, full_matrices=False)
    alternatives = {
        "the original X was projected, not the centred data (X minus its mean)": X @ W.T,
        "the columns of U from the SVD were used as they are: the coordinates are U times the "
        "singular values (U @ np.diag(S)), not U alone": u[:, :k],
    }
    with ctx.counterexample(X=X, k=k):
        components, _, projected = call_pca(ctx, X, k)
        assert_close_up_to_signs(
            projected, centred @ W.T, vectors="columns", what="`projected`", **TOL,
            alternatives=alternatives,
        )  # fmt: skip
        mine = centred @ np.asarray(components, dtype=float).T
        if not np.allclose(projected, mine, **TOL):
            raise CheckFailed(
                "projected is right up to signs, but its columns do not match your own "
                "components: column j should be the centred data times components[j]. Was the "
                "sign of a component flipped after projecting?"
            )


@check("moving the whole cloud changes nothing (pca centres the data)", function="pca", points=2)
def centring(ctx: Context) -> None:
    X = cloud(ctx.rng, 40, 3)
    shift = ctx.rng.uniform(20.0, 40.0, size=3) * ctx.rng.choice([-1.0, 1.0], size=3)
    moved = X + shift
    k = 2
    variances, vectors, centred = eigen(X)
    raw_variances, raw_vectors, _ = eigen(moved, centre=False)
    with ctx.counterexample(X=moved, k=k):
        components, ratio, projected = call_pca(ctx, moved, k)
        assert_close_up_to_signs(
            components, vectors[:, :k].T, vectors="rows", what="`components`",
            alternatives={NOT_CENTRED: raw_vectors[:, :k].T}, **TOL,
        )  # fmt: skip
        assert_close(
            ratio, variances[:k] / variances.sum(), what="`explained_variance_ratio`", **TOL,
            alternatives={NOT_CENTRED: raw_variances[:k] / raw_variances.sum()},
        )  # fmt: skip
        uncentred = moved @ vectors[:, :k]
        assert_close_up_to_signs(
            projected, centred @ vectors[:, :k], vectors="columns", what="`projected`", **TOL,
            alternatives={
                "the moved data itself was projected, not the centred data, so every "
                "coordinate carries the shift": uncentred
            },
        )  # fmt: skip


@check("on the Iris flowers, PC1 explains about 92.5% of the variance", function="pca")
def iris(ctx: Context) -> None:
    from sklearn.datasets import load_iris  # the grader has scikit-learn; learners may not

    X = load_iris().data
    variances, vectors, centred = eigen(X)
    raw = eigen(X, centre=False)[0]
    with ctx.counterexample(X="load_iris().data (150 flowers × 4 measurements, in cm)", k=2):
        _, ratio, projected = call_pca(ctx, X, 2)
        assert_close(
            ratio, variances[:2] / variances.sum(), what="`explained_variance_ratio` for Iris",
            alternatives={NOT_CENTRED: raw[:2] / raw.sum()}, **TOL,
        )  # fmt: skip
        assert_close_up_to_signs(
            projected, centred @ vectors[:, :2], vectors="columns", what="`projected` for Iris",
            **TOL,
        )  # fmt: skip


@check("pca refuses a k that is not between 1 and the number of features", function="pca")
def bad_k(ctx: Context) -> None:
    X = cloud(ctx.rng, 10, 3)
    why = "there are only 3 features, so at most 3 directions"
    with ctx.counterexample(X=X):
        assert_raises(ValueError, ctx.raw("pca"), X, 4, why=why)
        assert_raises(ValueError, ctx.raw("pca"), X, 0, why="k = 0 asks for no components")


@check("pca is built from the covariance, not imported", function="pca")
def own_work(ctx: Context) -> None:
    X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
    components, _, _ = call_pca(ctx, X, 1)
    what = "`components` of pca(X, 1) for the points (±2, 0) and (0, ±1)"
    assert_close_up_to_signs(components, [[1.0, 0.0]], vectors="rows", what=what)
    assert_no_forbidden_calls(
        ctx.source,
        "pca",
        ["sklearn.decomposition.PCA", "sklearn.decomposition.TruncatedSVD"],
        advice="build it from the covariance matrix and its eigenvectors (or an SVD): "
        "that is what this lab is for",
    )
