"""Plain explanations of common NumPy mistakes, from the errors NumPy really raises (so a
NumPy release that rewords one makes these tests fail)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from la4ai.runtime.explain import explain_error


def raised(action: Callable[[], object]) -> tuple[str, str]:
    with pytest.raises(Exception) as info:  # noqa: PT011 - each case raises its own kind
        action()
    return type(info.value).__name__, str(info.value)


def test_a_matrix_product_with_mismatched_inner_dimensions() -> None:
    explanation = explain_error(*raised(lambda: np.ones((2, 3)) @ np.ones((2, 4))))
    assert explanation is not None
    assert "inner dimensions must match" in explanation
    assert "A has 3 columns but B has 2 rows" in explanation


def test_np_dot_with_shapes_that_do_not_line_up() -> None:
    explanation = explain_error(*raised(lambda: np.dot(np.ones((2, 3)), np.ones((2, 3)))))
    assert explanation is not None
    assert "(2,3) and (2,3)" in explanation
    assert "inner dimensions" in explanation


def test_broadcasting_explains_n_versus_n_by_1() -> None:
    explanation = explain_error(*raised(lambda: np.ones(3) + np.ones(2)))
    assert explanation is not None
    assert "(3,) (2,)" in explanation
    assert "(n,) vector and an (n, 1) column" in explanation


def test_too_many_indices_explains_flat_versus_column() -> None:
    explanation = explain_error(*raised(lambda: np.ones(3)[0, 0]))
    assert explanation is not None
    assert "x[i, 0]" in explanation


def test_a_singular_matrix_is_explained_as_dependent_columns() -> None:
    singular = np.array([[1.0, 2.0], [2.0, 4.0]])
    explanation = explain_error(*raised(lambda: np.linalg.inv(singular)))
    assert explanation is not None
    assert "linearly dependent" in explanation


def test_integer_arrays_that_cannot_hold_a_float_result() -> None:
    def divide_in_place() -> None:
        x = np.array([1, 2, 3])
        x /= 2

    explanation = explain_error(*raised(divide_in_place))
    assert explanation is not None
    assert "dtype=float" in explanation


def test_errors_without_a_known_cause_get_no_made_up_explanation() -> None:
    missing: dict[str, int] = {}
    assert explain_error(*raised(lambda: missing["key"])) is None
    assert explain_error("ValueError", "something else entirely") is None
