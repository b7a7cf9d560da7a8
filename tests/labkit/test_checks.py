"""Writing and running lab checks: registration, the learner boundary, results."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import numpy as np
import pytest

from la4ai.labkit.checks import Context, check, collect_checks, run_checks
from la4ai.labkit.testing import assert_close
from tests.conftest import REPO

SCHEMA = json.loads((REPO / "tests" / "contracts" / "check.schema.json").read_text())


@check("norm of a random vector", function="norm", points=2)
def norm_of_random_vector(ctx: Context) -> None:
    v = ctx.rng.normal(size=4)
    with ctx.counterexample(v=v):
        assert_close(ctx.fn("norm")(v), float(np.sqrt(v @ v)), what="norm(v)")


@check("norm of the zero vector is 0", function="norm")
def norm_of_zero(ctx: Context) -> None:
    assert_close(ctx.fn("norm")([0.0, 0.0]), 0.0, what="norm([0, 0])")


@check("dot of orthogonal vectors is 0", function="dot")
def dot_of_orthogonal(ctx: Context) -> None:
    assert_close(ctx.fn("dot")([1.0, 0.0], [0.0, 3.0]), 0.0, what="dot([1, 0], [0, 3])")


CHECKS = collect_checks(globals())


def context(functions: dict[str, Any], seed: int = 1234) -> Context:
    return Context(functions=functions, source="", seed=seed)


def right_norm(v: Any) -> float:
    return float(np.sqrt(np.sum(np.asarray(v, dtype=float) ** 2)))


def right_dot(u: Any, v: Any) -> float:
    return float(sum(a * b for a, b in zip(u, v, strict=True)))


def test_checks_are_collected_in_the_order_they_were_written() -> None:
    assert [c.name for c in CHECKS] == [
        "norm of a random vector",
        "norm of the zero vector is 0",
        "dot of orthogonal vectors is 0",
    ]
    assert [c.points for c in CHECKS] == [2, 1, 1]
    assert [c.function for c in CHECKS] == ["norm", "norm", "dot"]


def test_two_checks_with_one_name_are_refused() -> None:
    def body(ctx: Context) -> None:  # noqa: ARG001
        return None

    first = check("same", function="f")(body)

    def other(ctx: Context) -> None:  # noqa: ARG001
        return None

    second = check("same", function="f")(other)
    with pytest.raises(ValueError, match=r"same name: same"):
        collect_checks({"a": first, "b": second})


@pytest.mark.parametrize(("name", "points"), [("  ", 1), ("ok", 0)])
def test_a_check_needs_a_name_and_positive_points(name: str, points: float) -> None:
    with pytest.raises(ValueError, match=r"name|points"):
        check(name, function="f", points=points)


def test_a_right_answer_passes_every_check_with_full_points() -> None:
    results = run_checks(CHECKS, context({"norm": right_norm, "dot": right_dot}))
    assert [r.passed for r in results] == [True, True, True]
    assert [r.points for r in results] == [2, 1, 1]
    assert all(r.message == "" for r in results)


def test_a_wrong_function_fails_with_a_reproducible_counterexample() -> None:
    def squared_norm(v: Any) -> float:
        return float(np.sum(np.asarray(v, dtype=float) ** 2))

    results = run_checks(CHECKS, context({"norm": squared_norm, "dot": right_dot}, seed=77))
    first = results[0]
    assert not first.passed
    assert first.points == 0
    assert "Reproduce with seed 77" in first.message
    assert "v = [" in first.message
    assert results[1].passed  # 0 squared is still 0
    assert results[2].passed
    again = run_checks(CHECKS, context({"norm": squared_norm, "dot": right_dot}, seed=77))
    assert again[0].message == first.message
    other_seed = run_checks(CHECKS, context({"norm": squared_norm, "dot": right_dot}, seed=78))
    assert other_seed[0].message != first.message


def test_an_exception_in_learner_code_is_reported_as_the_learners_with_the_call() -> None:
    def crashing_norm(v: Any) -> float:  # noqa: ARG001
        return 1 / 0

    results = run_checks(CHECKS, context({"norm": crashing_norm, "dot": right_dot}))
    assert results[1].message == "norm([0., 0.]) raised ZeroDivisionError: division by zero"
    assert results[2].passed  # one failing function never stops the other checks


def test_a_missing_or_non_function_name_is_named() -> None:
    results = run_checks(CHECKS, context({"norm": 3.0}))
    assert results[0].message == "`norm` should be a function, but it is float."
    assert results[2].message == "Define a function named `dot` (it is missing from your file)."


def test_a_broken_check_is_not_blamed_on_the_learner() -> None:
    @check("broken", function="norm")
    def broken(ctx: Context) -> None:  # noqa: ARG001
        raise KeyError("oops")

    (result,) = run_checks([*collect_checks({"broken": broken})], context({}))
    assert not result.passed
    assert result.message.startswith("This check could not run (KeyError")


def test_results_follow_the_check_json_contract() -> None:
    results = run_checks(CHECKS, context({"norm": right_norm, "dot": lambda _u, _v: 1.0}))
    payload = {
        "lab": "fixture",
        "passed": all(r.passed for r in results),
        "score": sum(r.points for r in results),
        "max_score": sum(c.points for c in CHECKS),
        "checks": [r.contract() for r in results],
        "error": None,
        "duration_ms": sum(r.duration_ms for r in results),
    }
    jsonschema.validate(payload, SCHEMA)
    assert payload["passed"] is False
    assert payload["score"] == 3
    assert payload["max_score"] == 4
