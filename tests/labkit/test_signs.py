"""Comparing up to a sign per vector: every sign choice of a right answer is accepted, and a
wrong answer is rejected with the misconception named."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from la4ai.labkit.signs import align_signs, assert_close_up_to_signs, assert_orthonormal_rows
from la4ai.labkit.testing import CheckFailed

ROWS = np.array([[0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])  # two orthonormal rows
SCORES = np.array([[1.0, -2.0], [3.0, 0.5], [-4.0, 1.5]])


def message(check: Callable[[], None]) -> str:
    with pytest.raises(CheckFailed) as failure:
        check()
    return str(failure.value)


def test_align_signs_flips_each_row_or_column_to_agree() -> None:
    flipped = ROWS * np.array([[-1.0], [1.0]])
    assert np.array_equal(align_signs(flipped, ROWS, vectors="rows"), ROWS)
    flipped_columns = SCORES * np.array([1.0, -1.0])
    assert np.array_equal(align_signs(flipped_columns, SCORES, vectors="columns"), SCORES)


def test_align_signs_refuses_matrices_of_different_shapes() -> None:
    with pytest.raises(ValueError, match="one shape"):
        align_signs(ROWS, ROWS.T, vectors="rows")


@pytest.mark.parametrize("signs", [(1, 1), (-1, 1), (1, -1), (-1, -1)])
def test_every_sign_choice_of_the_rows_is_accepted(signs: tuple[int, int]) -> None:
    assert_close_up_to_signs(ROWS * np.array(signs)[:, None], ROWS, vectors="rows")
    assert_close_up_to_signs((SCORES * np.array(signs)).tolist(), SCORES, vectors="columns")


def test_a_sign_flip_inside_a_vector_is_not_a_sign_choice() -> None:
    half_flipped = ROWS.copy()
    half_flipped[0, 0] *= -1  # (-0.6, 0.8, 0) is another direction, not -(0.6, 0.8, 0)
    text = message(lambda: assert_close_up_to_signs(half_flipped, ROWS, vectors="rows"))
    assert "is not right" in text
    assert "Each row was compared up to its sign" in text


def test_flipping_rows_is_not_flipping_columns() -> None:
    column_flip = SCORES * np.array([1.0, -1.0])
    text = message(lambda: assert_close_up_to_signs(column_flip, SCORES, vectors="rows"))
    assert "Each row was compared" in text


def test_a_known_wrong_answer_is_named_up_to_sign() -> None:
    uncentred = SCORES + 10.0
    text = message(
        lambda: assert_close_up_to_signs(
            -uncentred,
            SCORES,
            vectors="columns",
            what="`projected`",
            alternatives={"the data was not centred": uncentred},
        )
    )
    assert text.startswith("`projected` is not right. It looks like the data was not centred.")
    assert "Each column was compared up to its sign" in text


def test_a_scaled_answer_gets_the_built_in_diagnosis() -> None:
    text = message(lambda: assert_close_up_to_signs(-3 * SCORES, SCORES, vectors="columns"))
    assert "factor of 3" in text


def test_a_wrong_shape_is_explained_before_any_sign_is_compared() -> None:
    text = message(lambda: assert_close_up_to_signs(ROWS.T, ROWS, vectors="rows", what="W"))
    assert "rows and columns are swapped" in text
    text = message(lambda: assert_close_up_to_signs(ROWS[0], ROWS, vectors="rows", what="W"))
    assert "shape (3,)" in text


def test_inputs_are_shown_with_a_failure() -> None:
    text = message(
        lambda: assert_close_up_to_signs(
            SCORES + 1, SCORES, vectors="columns", inputs={"X": [[1.0, 2.0]]}
        )
    )
    assert text.endswith("Inputs: X = [[1., 2.]]")


def test_orthonormal_rows_are_accepted() -> None:
    assert_orthonormal_rows(ROWS)
    assert_orthonormal_rows(-ROWS)
    assert_orthonormal_rows(np.eye(4)[:2])


def test_scaled_rows_are_rejected_with_their_lengths() -> None:
    loadings = ROWS * np.array([[2.0], [0.5]])
    text = message(lambda: assert_orthonormal_rows(loadings, what="components"))
    assert "The rows of components are at right angles" in text
    assert "[2. , 0.5]" in text
    assert "unit vector" in text


def test_rows_that_are_not_at_right_angles_are_rejected() -> None:
    skewed = np.array([[1.0, 0.0], [0.6, 0.8]])
    text = message(lambda: assert_orthonormal_rows(skewed, what="components"))
    assert "Rows 0 and 1 of components have dot product 0.6" in text


def test_vectors_stored_as_columns_are_recognised() -> None:
    text = message(lambda: assert_orthonormal_rows(ROWS.T, what="components"))
    assert "orthonormal columns, not rows" in text


def test_a_vector_is_not_a_matrix_of_rows() -> None:
    text = message(lambda: assert_orthonormal_rows([0.6, 0.8], what="components"))
    assert "2-D array with one vector per row" in text
