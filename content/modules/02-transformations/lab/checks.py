"""Checks of the Module 2 lab. Each targets one function; inputs are drawn from a generator
seeded per attempt, and every failure says how to reproduce it."""

import numpy as np

from la4ai.labkit import CheckFailed
from la4ai.labkit.checks import Context, check
from la4ai.labkit.testing import assert_close, assert_no_forbidden_calls, show

GRID = np.arange(-3, 4)  # plot_transformation draws the lines x = k and y = k for these k


def rot(theta: float) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def random_angle(ctx: Context) -> float:
    """An angle away from the multiples of pi/2, where different mistakes can coincide."""
    return float(ctx.rng.uniform(0.2, 1.35) + ctx.rng.integers(0, 4) * np.pi / 2)


def random_invertible(ctx: Context) -> np.ndarray:
    """A random 2×2 matrix that is far from singular and not symmetric."""
    while True:
        m = ctx.rng.normal(size=(2, 2))
        if abs(np.linalg.det(m)) > 0.5 and abs(m[0, 1] - m[1, 0]) > 0.3:
            return m


# ---- rotation ------------------------------------------------------------------------


@check("rotation turns counter-clockwise", function="rotation", points=2)
def rotation_values(ctx: Context) -> None:
    clockwise = "the matrix turns clockwise — check which of the two sines carries the minus sign"
    assert_close(
        np.asarray(ctx.fn("rotation")(np.pi / 2)) @ [1.0, 0.0],
        [0.0, 1.0],
        atol=1e-9,
        what="rotation(pi/2) @ (1, 0), a quarter turn of (1, 0)",
        alternatives={clockwise: [0.0, -1.0]},
    )
    theta = random_angle(ctx)
    with ctx.counterexample(theta=theta):
        assert_close(
            ctx.fn("rotation")(theta),
            rot(theta),
            what="rotation(theta)",
            alternatives={
                clockwise: rot(-theta),
                "theta was converted from degrees, but it is already in radians": rot(
                    np.radians(theta)
                ),
            },
        )


# ---- scaling and shear ---------------------------------------------------------------


@check("scaling stretches each axis by its own factor", function="scaling")
def scaling_values(ctx: Context) -> None:
    sx, sy = (float(x) for x in ctx.rng.uniform(0.3, 3.0, size=2) * ctx.rng.choice([-1, 1], 2))
    as_vector = (
        "you returned the two factors as a vector; a scaling is a 2×2 matrix with the "
        "factors on its diagonal and zeros elsewhere"
    )
    with ctx.counterexample(sx=sx, sy=sy):
        assert_close(
            ctx.fn("scaling")(sx, sy),
            np.diag([sx, sy]),
            what="scaling(sx, sy)",
            alternatives={
                as_vector: [sx, sy],
                "sx and sy are swapped: sx stretches x, the first coordinate": np.diag([sy, sx]),
            },
        )


@check("shear(kx, ky) is [[1, kx], [ky, 1]]", function="shear")
def shear_values(ctx: Context) -> None:
    kx, ky = (float(x) for x in np.round(ctx.rng.uniform(-2, 2, size=2), 2))
    swapped = (
        "kx and ky are in each other's places: kx is how far x moves per unit of y, so it "
        "sits in the first row"
    )
    with ctx.counterexample(kx=kx, ky=ky):
        assert_close(
            ctx.fn("shear")(kx, ky),
            [[1.0, kx], [ky, 1.0]],
            what="shear(kx, ky)",
            alternatives={swapped: [[1.0, ky], [kx, 1.0]]},
        )
    assert_close(
        ctx.fn("shear")(kx=1.5),
        [[1.0, 1.5], [0.0, 1.0]],
        what="shear(kx=1.5), a horizontal shear",
        alternatives={swapped: [[1.0, 0.0], [1.5, 1.0]]},
    )
    assert_close(ctx.fn("shear")(), np.eye(2), what="shear() with no arguments, no shear at all")


# ---- reflection and projection -------------------------------------------------------


def single_angle_reflection(theta: float) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, s], [s, -c]])


@check("reflection across the line at angle theta", function="reflection", points=2)
def reflection_values(ctx: Context) -> None:
    theta = random_angle(ctx)
    c, s = np.cos(2 * theta), np.sin(2 * theta)
    expected = np.array([[c, s], [s, -c]])
    with ctx.counterexample(theta=theta):
        assert_close(
            ctx.fn("reflection")(theta),
            expected,
            what="reflection(theta)",
            alternatives={
                "the angle was not doubled — the mirror across the line at theta uses cos 2θ "
                "and sin 2θ": single_angle_reflection(theta),
                "that is a rotation by 2θ, not a mirror (a mirror has determinant -1)": rot(
                    2 * theta
                ),
            },
        )


@check("reflection keeps its line and flips the perpendicular", function="reflection")
def reflection_geometry(ctx: Context) -> None:
    theta = random_angle(ctx)
    along = np.array([np.cos(theta), np.sin(theta)])
    across = np.array([-np.sin(theta), np.cos(theta)])
    with ctx.counterexample(theta=theta):
        F = np.asarray(ctx.fn("reflection")(theta), dtype=float)
        if F.shape != (2, 2):
            raise CheckFailed(f"reflection(theta) should be a 2×2 matrix, not shape {F.shape}.")
        turned = (
            "your matrix turns d off the mirror line (as a rotation would); a mirror leaves "
            "every point of its own line where it is"
        )
        assert_close(
            F @ along,
            along,
            what="reflection(theta) @ d, for d a unit vector along the line",
            alternatives={turned: rot(2 * theta) @ along},
        )
        assert_close(
            F @ across,
            -across,
            what="reflection(theta) @ n, for n at a right angle to the line (it should flip)",
        )
        assert_close(F @ F, np.eye(2), what="reflecting twice, F @ F (it should undo itself)")


@check("projection onto the line at angle theta", function="projection", points=2)
def projection_values(ctx: Context) -> None:
    theta = random_angle(ctx)
    d = np.array([np.cos(theta), np.sin(theta)])
    with ctx.counterexample(theta=theta):
        assert_close(
            ctx.fn("projection")(theta),
            np.outer(d, d),
            what="projection(theta)",
            alternatives={
                "the direction of the line is not a unit vector: divide by its squared length "
                "(d · d) or start from (cos θ, sin θ)": np.outer(d / d[0], d / d[0]),
                "that is the mirror, not the projection: a projection drops each point onto "
                "the line instead of flipping it across": single_angle_reflection(2 * theta),
            },
        )


@check("projecting twice changes nothing (P @ P == P)", function="projection")
def projection_idempotent(ctx: Context) -> None:
    theta = random_angle(ctx)
    across = np.array([-np.sin(theta), np.cos(theta)])
    with ctx.counterexample(theta=theta):
        P = np.asarray(ctx.fn("projection")(theta), dtype=float)
        if P.shape != (2, 2):
            raise CheckFailed(f"projection(theta) should be a 2×2 matrix, not shape {P.shape}.")
        if not np.allclose(P @ P, P, atol=1e-8):
            raise CheckFailed(
                "projection(theta) @ projection(theta) should equal projection(theta): a point "
                "already on the line stays where it is. Yours moves it again, so it is not a "
                f"projection (P @ P = {show(P @ P)}, P = {show(P)}) — is the direction of "
                "the line a unit vector?"
            )
        assert_close(
            P @ across,
            [0.0, 0.0],
            atol=1e-9,
            what="projection(theta) @ n, for n at a right angle to the line (it should vanish)",
        )


# ---- compose -------------------------------------------------------------------------


@check("compose applies the first matrix first", function="compose", points=2)
def compose_order(ctx: Context) -> None:
    A, B, C = (ctx.rng.integers(-3, 4, size=(2, 2)).astype(float) for _ in range(3))
    reading_order = (
        "the matrices were multiplied in the order they were listed; the one applied first "
        "must sit on the right, next to the vector"
    )
    elementwise = "the matrices were multiplied entry by entry (`*`), which does not compose maps"
    with ctx.counterexample(A=A, B=B):
        assert_close(
            ctx.fn("compose")(A, B),
            B @ A,
            what="compose(A, B)",
            alternatives={reading_order: A @ B, elementwise: A * B},
        )
    with ctx.counterexample(A=A, B=B, C=C):
        assert_close(
            ctx.fn("compose")(A, B, C),
            C @ B @ A,
            what="compose(A, B, C)",
            alternatives={reading_order: A @ B @ C, elementwise: A * B * C},
        )


@check("compose of two rotations is one rotation by the total angle", function="compose")
def compose_rotations(ctx: Context) -> None:
    a, b = (float(x) for x in ctx.rng.uniform(-np.pi, np.pi, size=2))
    with ctx.counterexample(a=a, b=b):
        assert_close(
            ctx.fn("compose")(rot(a), rot(b)),
            rot(a + b),
            what="compose(R(a), R(b)) for the rotations R(a) and R(b)",
            alternatives={
                "the matrices were multiplied entry by entry (`*`), which does not compose "
                "maps": rot(a) * rot(b)
            },
        )
    A = ctx.rng.normal(size=(2, 2))
    with ctx.counterexample(A=A):
        assert_close(ctx.fn("compose")(A), A, what="compose(A) of a single matrix")


@check("compose multiplies with @ that you write", function="compose")
def compose_own(ctx: Context) -> None:
    # Only a working compose earns this point: an unwritten one calls nothing forbidden either.
    A, B = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    assert_close(ctx.fn("compose")(A, B), B @ A, what="compose(A, B) for a shear A, then a turn B")
    assert_no_forbidden_calls(
        ctx.source,
        "compose",
        ["numpy.linalg.multi_dot"],
        advice="multiply step by step with `@`, so that you decide the order yourself",
    )


# ---- transform_points ----------------------------------------------------------------


@check("transform_points moves every point (row) by M", function="transform_points", points=2)
def transform_points_values(ctx: Context) -> None:
    M = random_invertible(ctx)
    rows = (
        "every point was moved by M's transpose: multiplying the rows by M (points @ M) "
        "applies M.T to each point, not M"
    )
    columns = (
        "M multiplied the (n, 2) array directly (M @ points), which treats its columns, not "
        "its rows, as the points"
    )
    for n in (2, 6):
        points = ctx.rng.integers(-5, 6, size=(n, 2))
        wrong = {rows: points @ M}
        if n == 2:  # M @ points only has a result when there are two points
            wrong[columns] = M @ points
        with ctx.counterexample(M=M, points=points):
            assert_close(
                ctx.fn("transform_points")(M, points.tolist()),
                points @ M.T,
                what="transform_points(M, points)",
                alternatives=wrong,
            )


# ---- plot_transformation -------------------------------------------------------------


def plotted(ctx: Context, M: np.ndarray) -> dict:
    """What plot_transformation(M) drew, or a failure saying what came back instead."""
    drawn = ctx.fn("plot_transformation")(M)
    if drawn is None:
        raise CheckFailed(
            "plot_transformation(M) returned None — return the Axes you drew on (`return ax`)."
        )
    if isinstance(drawn, list):
        raise CheckFailed(
            "plot_transformation(M) returned several Axes (a Figure or a list?); return the one "
            "Axes you drew on."
        )
    if not isinstance(drawn, dict) or "lines" not in drawn:
        raise CheckFailed(
            f"plot_transformation(M) should return the matplotlib Axes it drew on, not "
            f"{show(drawn)}."
        )
    return drawn


def pieces(line: dict) -> list[np.ndarray]:
    """A drawn line as (m, 2) arrays of points, split where matplotlib leaves gaps (NaN)."""
    points = np.column_stack([np.asarray(line["x"], float), np.asarray(line["y"], float)])
    runs = np.split(points, np.flatnonzero(np.isnan(points).any(axis=1)))
    kept = [run[~np.isnan(run).any(axis=1)] for run in runs]
    return [run for run in kept if len(run) >= 2]


def grid_lines_found(drawn: dict, undo: np.ndarray) -> set[tuple[str, int]]:
    """The grid lines ("x", k) / ("y", k) that some drawn piece covers from -3 to 3 once
    mapped back with ``undo``."""
    covered: dict[tuple[str, int], list[float]] = {}
    for line in drawn["lines"]:
        for piece in pieces(line):
            back = piece @ undo.T
            for axis, fixed, free in (("x", 0, 1), ("y", 1, 0)):
                k = float(np.round(back[0, fixed]))
                if k in GRID and np.allclose(back[:, fixed], k, atol=1e-6):
                    span = covered.setdefault((axis, int(k)), [np.inf, -np.inf])
                    span[0] = min(span[0], float(back[:, free].min()))
                    span[1] = max(span[1], float(back[:, free].max()))
    low, high = GRID[0] + 1e-6, GRID[-1] - 1e-6
    return {key for key, (lo, hi) in covered.items() if lo <= low and hi >= high}


@check("plot_transformation returns the Axes it drew on", function="plot_transformation")
def plot_returns_axes(ctx: Context) -> None:
    drawn = plotted(ctx, np.eye(2))
    if not drawn["lines"]:
        raise CheckFailed(
            "plot_transformation(np.eye(2)) returned an Axes with no lines on it — draw each "
            "grid line with ax.plot."
        )


@check("plot_transformation draws the grid moved by M", function="plot_transformation", points=2)
def plot_draws_moved_grid(ctx: Context) -> None:
    M = random_invertible(ctx)
    everything = {(axis, int(k)) for axis in "xy" for k in GRID}
    with ctx.counterexample(M=M):
        drawn = plotted(ctx, M)
        found = grid_lines_found(drawn, np.linalg.inv(M))
        if found == everything:
            return
        if grid_lines_found(drawn, np.eye(2)) == everything:
            raise CheckFailed(
                "The plot shows the grid as it was, not moved by M — apply M to the points of "
                "each grid line before you plot them."
            )
        if grid_lines_found(drawn, np.linalg.inv(M.T)) == everything:
            raise CheckFailed(
                "The grid was moved by M's transpose, not by M — with the points stored as "
                "rows, check which side of the product M goes on and whether it needs a `.T`."
            )
        missing = sorted(everything - found)
        shown = ", ".join(f"{axis} = {k}" for axis, k in missing[:4])
        more = f" and {len(missing) - 4} more" if len(missing) > 4 else ""
        raise CheckFailed(
            f"Some grid lines are missing after M moved the grid: {shown}{more}. Draw the "
            "lines x = k and y = k for every k from -3 to 3, each from one end (-3) to the "
            "other (3), moved by M."
        )
