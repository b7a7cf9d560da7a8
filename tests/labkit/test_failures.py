"""Failure messages show rounded numbers and say how to reproduce the inputs."""

from __future__ import annotations

import numpy as np
import pytest

from la4ai.labkit.failures import (
    CheckFailed,
    counterexample,
    random_matrix,
    random_vectors,
    seeded_rng,
    show,
)


def test_show_rounds_and_summarises() -> None:
    assert show(1 / 3) == "0.3333"
    assert show([1 / 3, 2.0]) == "[0.3333, 2.    ]"
    assert "..." in show(np.arange(100.0))
    assert show(None) == "None"
    assert show("ab") == "'ab'"


def test_counterexample_appends_the_seed_and_inputs() -> None:
    with pytest.raises(CheckFailed) as failure, counterexample(seed=1234, inputs={"u": [1, 2]}):
        raise CheckFailed("The norm is not right.")
    assert (
        str(failure.value) == "The norm is not right.\nReproduce with seed 1234: inputs u = [1, 2]"
    )


def test_counterexample_without_seed_shows_inputs_and_appends_once() -> None:
    with (
        pytest.raises(CheckFailed) as failure,
        counterexample(seed=1),
        counterexample(inputs={"v": 2.5}),
    ):
        raise CheckFailed("Wrong.")
    assert str(failure.value) == "Wrong.\nInputs: v = 2.5"


def test_counterexample_leaves_other_errors_and_success_alone() -> None:
    with counterexample(seed=3):
        pass
    with pytest.raises(KeyError), counterexample(seed=3):
        raise KeyError("x")


def test_seeded_rng_reproduces_and_picks_a_seed() -> None:
    rng, seed = seeded_rng(7)
    assert seed == 7
    first = random_vectors(rng, 3)
    np.testing.assert_array_equal(first, random_vectors(seeded_rng(7)[0], 3))
    _, fresh = seeded_rng()
    assert 0 <= fresh < 1_000_000


def test_random_helpers_make_the_requested_shapes() -> None:
    rng, _ = seeded_rng(0)
    assert random_vectors(rng, (4, 3)).shape == (4, 3)
    ints = random_matrix(rng, (2, 5), integer=True)
    assert ints.shape == (2, 5)
    assert ints.dtype.kind == "i"
    assert np.all(np.abs(ints) <= 5)
    with pytest.raises(ValueError, match="two entries"):
        random_matrix(rng, (2, 2, 2))  # type: ignore[arg-type]
