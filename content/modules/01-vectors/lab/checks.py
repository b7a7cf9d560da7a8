"""Checks of the Module 1 lab. Each targets one function; inputs are drawn from a generator
seeded per attempt, and every failure says how to reproduce it."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, check
from la4ai.labkit.testing import assert_close, assert_no_forbidden_calls, assert_raises

OWN_ARITHMETIC = "use a loop (or a sum) over the entries: that is the point of the exercise"


@check("dot of two random vectors", function="dot", points=2)
def dot_random(ctx: Context) -> None:
    for n in (3, 7):
        u, v = ctx.rng.integers(-9, 10, size=n), ctx.rng.normal(size=n)
        unsummed = {"the products of matching entries were never added up": u * v}
        with ctx.counterexample(u=u, v=v):
            got = ctx.fn("dot")(list(u), v)
            assert_close(got, float(np.dot(u, v)), what="dot(u, v)", alternatives=unsummed)


@check("dot refuses vectors of different lengths", function="dot")
def dot_lengths(ctx: Context) -> None:
    assert_raises(
        ValueError, ctx.raw("dot"), [1, 2, 3], [4, 5], why="the lengths differ, so no dot product"
    )


@check("dot uses your own arithmetic", function="dot")
def dot_own(ctx: Context) -> None:
    # Only a working dot earns this point: an unwritten one calls nothing forbidden either.
    assert_close(ctx.fn("dot")([1, 2], [3, 4]), 11.0, what="dot([1, 2], [3, 4])")
    forbidden = ["numpy.dot", "numpy.inner", "numpy.matmul", "numpy.vdot", "@", ".dot"]
    assert_no_forbidden_calls(ctx.source, "dot", forbidden, advice=OWN_ARITHMETIC)


@check("norm of a random vector is its length", function="norm", points=2)
def norm_random(ctx: Context) -> None:
    v = ctx.rng.normal(size=5)
    squared = {"the square root is missing (that is v · v, the squared length)": float(v @ v)}
    with ctx.counterexample(v=v):
        assert_close(
            ctx.fn("norm")(v), float(np.sqrt(v @ v)), what="norm(v)", alternatives=squared
        )
    assert_close(ctx.fn("norm")([3, 4]), 5.0, what="norm([3, 4])")


@check("norm uses your own arithmetic", function="norm")
def norm_own(ctx: Context) -> None:
    assert_close(ctx.fn("norm")([3, 4]), 5.0, what="norm([3, 4])")
    assert_no_forbidden_calls(ctx.source, "norm", ["numpy.linalg.norm"], advice=OWN_ARITHMETIC)


@check("cosine_similarity of a random pair", function="cosine_similarity", points=2)
def cosine_random(ctx: Context) -> None:
    u, v = ctx.rng.normal(size=6), ctx.rng.normal(size=6)
    expected = float(u @ v / (np.sqrt(u @ u) * np.sqrt(v @ v)))
    with ctx.counterexample(u=u, v=v):
        assert_close(ctx.fn("cosine_similarity")(u, v), expected, what="cosine_similarity(u, v)")


@check("cosine_similarity does not depend on the vectors' lengths", function="cosine_similarity")
def cosine_scale(ctx: Context) -> None:
    u = ctx.rng.normal(size=4)
    unscaled = {"the dot product was not divided by the two lengths": float(u @ (5 * u))}
    with ctx.counterexample(u=u):
        got = ctx.fn("cosine_similarity")(u, 5 * u)
        assert_close(got, 1.0, what="cosine_similarity(u, 5u)", alternatives=unscaled)
        assert_close(ctx.fn("cosine_similarity")(u, -u), -1.0, what="cosine_similarity(u, -u)")


@check("cosine_similarity refuses a zero vector", function="cosine_similarity")
def cosine_zero(ctx: Context) -> None:
    assert_raises(
        ValueError, ctx.raw("cosine_similarity"), [0, 0], [1, 2],
        why="a zero vector has no direction",
    )  # fmt: skip
    assert_raises(
        ValueError, ctx.raw("cosine_similarity"), [1, 2, 3], [1, 2],
        why="vectors of different lengths cannot be compared",
    )  # fmt: skip


@check("most_similar ranks the best match first", function="most_similar", points=2)
def most_similar_order(ctx: Context) -> None:
    query, docs = ctx.rng.normal(size=4), ctx.rng.normal(size=(6, 4))
    scores = docs @ query / (np.linalg.norm(docs, axis=1) * np.linalg.norm(query))
    expected = [int(i) for i in np.argsort(-scores)[:3]]
    worst_first = {
        "the ranking runs from the worst match up (sort by decreasing similarity)": [
            int(i) for i in np.argsort(scores)[:3]
        ]
    }
    with ctx.counterexample(query=query, docs=docs):
        got = ctx.fn("most_similar")(query, docs, k=3)
        assert_close(
            got, expected, what="most_similar(query, docs, k=3)", alternatives=worst_first
        )


@check("most_similar returns k indices as a list of ints", function="most_similar")
def most_similar_type(ctx: Context) -> None:
    docs = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    got = ctx.fn("most_similar")([1.0, 0.1], docs)
    worst = {"the ranking runs from the worst match up (sort by decreasing similarity)": [1]}
    what = "most_similar([1, 0.1], docs) with the default k=1"
    assert_close(got, [0], what=what, alternatives=worst)
    if not isinstance(got, list):
        raise CheckFailed(f"Return a list of ints, not {type(got).__name__}.")
    if not all(isinstance(i, int) for i in got):
        raise CheckFailed("The indices should be Python ints (use int(i)).")
