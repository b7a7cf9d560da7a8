"""The comparators accept every legitimate form of a right answer and reject wrong ones
with a message that names the problem."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest

from la4ai.labkit.testing import (
    CheckFailed,
    assert_close,
    assert_equal_up_to_scale,
    assert_equal_up_to_sign,
    assert_lower_triangular,
    assert_orthonormal_columns,
    assert_same_subspace,
    assert_symmetric,
    assert_upper_triangular,
)

A = np.array([[1.0, 2.0], [3.0, 4.0]])


def message(check: Callable[[], None]) -> str:
    with pytest.raises(CheckFailed) as failure:
        check()
    return str(failure.value)


# assert_close: accepting


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ([1, 2, 3], np.array([1.0, 2.0, 3.0])),
        (np.array([1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0])),
        (2.5, 2.5),
        (np.float64(2.5), 2.5),
        (np.array(2.5), 2.5),
        (((1, 2), (3, 4)), A),
        (A + 1e-12, A),
    ],
)
def test_close_accepts_equal_values_in_any_form(got: object, expected: object) -> None:
    assert_close(got, expected)  # type: ignore[arg-type]


def test_check_failed_is_an_assertion_error() -> None:
    assert issubclass(CheckFailed, AssertionError)


# assert_close: rejecting, with the reason


def test_close_rejects_none_and_asks_about_return() -> None:
    assert "did you forget `return`" in message(lambda: assert_close(None, 1.0))


def test_close_rejects_text() -> None:
    assert "it is a str" in message(lambda: assert_close("1.0", 1.0))


def test_close_rejects_ragged_lists() -> None:
    assert "could not be read as an array" in message(lambda: assert_close([[1], [1, 2]], A))


def test_close_rejects_a_column_where_a_flat_vector_is_expected() -> None:
    text = message(lambda: assert_close(np.ones((3, 1)), np.ones(3)))
    assert "(3, 1), a column matrix" in text
    assert "flat vector of shape (3,) " in text


def test_close_rejects_a_row_where_a_flat_vector_is_expected() -> None:
    assert "(1, 3), a row matrix" in message(lambda: assert_close(np.ones((1, 3)), np.ones(3)))


def test_close_rejects_a_flat_vector_where_a_column_is_expected() -> None:
    text = message(lambda: assert_close(np.ones(3), np.ones((3, 1))))
    assert "flat vector of shape (3,)" in text
    assert "column matrix of shape (3, 1)" in text


def test_close_rejects_a_length_one_array_where_a_number_is_expected() -> None:
    assert "a single number was expected" in message(lambda: assert_close([2.0], 2.0))


def test_close_rejects_a_number_where_an_array_is_expected() -> None:
    assert "is a single number" in message(lambda: assert_close(2.0, [2.0, 2.0]))


def test_close_rejects_swapped_dimensions_as_transposed() -> None:
    b = np.arange(6.0).reshape(2, 3)
    text = message(lambda: assert_close(b.T, b))
    assert "(3, 2) but shape (2, 3)" in text
    assert text.count("transpose") == 1


def test_close_rejects_other_shapes() -> None:
    assert "has shape (4,), but shape (3,)" in message(lambda: assert_close(np.ones(4), np.ones(3)))


def test_close_rejects_a_transposed_square_matrix() -> None:
    assert "transpose" in message(lambda: assert_close(A.T, A))


def test_close_names_a_missing_normalisation() -> None:
    v = np.array([1.0, 2.0])
    text = message(lambda: assert_close(v, v / np.linalg.norm(v)))
    assert "factor of 2.236" in text
    assert "normalisation" in text


def test_close_names_a_sign_flip() -> None:
    assert "opposite sign" in message(lambda: assert_close([-1.0, 2.0], [1.0, -2.0]))


def test_close_names_a_known_wrong_answer() -> None:
    data = np.array([[1.0, 2.0], [3.0, 5.0]])
    right, uncentred = (data - data.mean(axis=0)).sum(), data.sum()
    text = message(
        lambda: assert_close(uncentred, right, alternatives={"the data was not centred": uncentred})
    )
    assert "It looks like the data was not centred." in text


def test_close_names_nan() -> None:
    assert "NaN" in message(lambda: assert_close([np.nan, 1.0], [1.0, 1.0]))


def test_close_shows_values_and_the_worst_entry() -> None:
    text = message(lambda: assert_close([0.5, 1.5], [0.7, 1.9]))
    assert "expected [0.7, 1.9], got [0.5, 1.5]" in text
    assert "index 1: expected 1.9, got 1.5" in text


def test_close_rounds_numbers_and_cuts_big_arrays() -> None:
    text = message(lambda: assert_close(np.full(1000, 1 / 3), np.zeros(1000)))
    assert "0.3333," in text
    assert "0.33333" not in text
    assert "..." in text
    assert len(text) < 600


def test_close_appends_inputs() -> None:
    text = message(lambda: assert_close(1.0, 2.0, inputs={"u": [1, 2]}))
    assert text.endswith("Inputs: u = [1, 2]")


def test_close_respects_tolerances() -> None:
    assert_close(1.001, 1.0, rtol=1e-2)
    assert "not right" in message(lambda: assert_close(1.001, 1.0))


# up to sign / scale


def test_up_to_sign_accepts_both_signs_and_lists() -> None:
    assert_equal_up_to_sign([0.6, -0.8], np.array([0.6, -0.8]))
    assert_equal_up_to_sign(np.array([-0.6, 0.8], dtype=np.float32), [0.6, -0.8], rtol=1e-6)


def test_up_to_sign_rejects_an_unnormalised_vector() -> None:
    text = message(lambda: assert_equal_up_to_sign([3.0, -4.0], [0.6, -0.8]))
    assert "right direction but has length 5" in text


def test_up_to_sign_rejects_another_vector() -> None:
    assert "up to sign" in message(lambda: assert_equal_up_to_sign([0.8, 0.6], [0.6, -0.8]))


def test_up_to_sign_rejects_a_wrong_shape() -> None:
    assert "column matrix" in message(lambda: assert_equal_up_to_sign([[1.0], [0.0]], [1.0, 0.0]))


def test_up_to_scale_accepts_any_nonzero_multiple() -> None:
    assert_equal_up_to_scale([-3, 6], [1.0, -2.0])
    assert_equal_up_to_scale([0.5, -1.0], [1.0, -2.0])


def test_up_to_scale_rejects_the_zero_vector() -> None:
    assert "zero vector" in message(lambda: assert_equal_up_to_scale([0, 0], [1.0, 0.0]))


def test_up_to_scale_rejects_another_direction_with_the_angle() -> None:
    assert "45.0°" in message(lambda: assert_equal_up_to_scale([1.0, 1.0], [1.0, 0.0]))


# subspaces

PLANE = np.array([[1.0, 1.0], [1.0, -1.0], [0.0, 0.0]])  # the x-y plane in R^3


def test_same_subspace_accepts_another_basis() -> None:
    assert_same_subspace([[1, 0], [0, 1], [0, 0]], PLANE)
    assert_same_subspace(np.array([[0.0, 2.0], [3.0, 0.0], [0.0, 0.0]]), PLANE)


def test_same_subspace_rejects_a_vector_outside() -> None:
    text = message(lambda: assert_same_subspace([[1, 0], [0, 0], [0, 1]], PLANE))
    assert "column 1 = [0., 0., 1.], which is not in the expected subspace" in text


def test_same_subspace_rejects_a_missing_dimension() -> None:
    text = message(lambda: assert_same_subspace([[1], [1], [0]], PLANE))
    assert "1-dimensional space, but the subspace is 2-dimensional" in text


def test_same_subspace_rejects_dependent_columns() -> None:
    text = message(lambda: assert_same_subspace([[1, 2, 0], [0, 0, 1], [0, 0, 0]], PLANE))
    assert "3 columns but they only span a 2-dimensional space" in text


def test_same_subspace_rejects_vectors_in_rows() -> None:
    assert "rows instead of columns" in message(lambda: assert_same_subspace(PLANE.T, PLANE))


def test_same_subspace_rejects_a_flat_vector() -> None:
    assert "2-D array whose columns" in message(lambda: assert_same_subspace([1, 0, 0], PLANE))


# orthonormal, triangular, symmetric


def test_orthonormal_columns_accepts_q_from_qr() -> None:
    q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((5, 3)))
    assert_orthonormal_columns(q)
    assert_orthonormal_columns(q.astype(np.float32), atol=1e-5)


def test_orthonormal_columns_rejects_unnormalised_columns() -> None:
    text = message(lambda: assert_orthonormal_columns(2 * np.eye(3)[:, :2]))
    assert "lengths are [2., 2.], not 1" in text


def test_orthonormal_columns_rejects_non_orthogonal_columns() -> None:
    q = np.array([[1.0, 0.6], [0.0, 0.8]])
    assert "columns 0 and 1 have dot product 0.6" in message(lambda: assert_orthonormal_columns(q))


def test_orthonormal_columns_rejects_orthonormal_rows_as_transposed() -> None:
    q, _ = np.linalg.qr(np.random.default_rng(1).standard_normal((4, 2)))
    assert "rows, not columns" in message(lambda: assert_orthonormal_columns(q.T))


def test_orthonormal_columns_rejects_a_vector() -> None:
    assert "2-D array" in message(lambda: assert_orthonormal_columns([1.0, 0.0]))


def test_triangular_accepts_triangular_matrices() -> None:
    assert_upper_triangular(np.triu(A))
    assert_upper_triangular([[1, 2, 3], [0, 4, 5]])
    assert_lower_triangular(np.tril(A))
    assert_upper_triangular(np.triu(A) + 1e-12 * np.tril(np.ones((2, 2)), -1))


def test_upper_triangular_rejects_a_lower_triangular_matrix() -> None:
    text = message(lambda: assert_upper_triangular(np.tril(A)))
    assert "entry at (1, 0) below the diagonal is 3" in text
    assert "transposed" in text


def test_lower_triangular_rejects_a_full_matrix() -> None:
    text = message(lambda: assert_lower_triangular(A))
    assert "(0, 1) above the diagonal is 2" in text
    assert "transposed" not in text


def test_symmetric_accepts_a_symmetric_matrix() -> None:
    assert_symmetric(A + A.T)
    assert_symmetric([[1, 2], [2, 1]])


def test_symmetric_rejects_a_non_symmetric_matrix() -> None:
    assert "entry (0, 1) is 2.0 while entry (1, 0) is 3.0" in message(lambda: assert_symmetric(A))


def test_symmetric_rejects_a_rectangular_matrix() -> None:
    assert "square matrix" in message(lambda: assert_symmetric(np.ones((2, 3))))


# messages never talk about a reference solution


def test_no_message_mentions_a_solution() -> None:
    failures: list[Callable[[], None]] = [
        lambda: assert_close(None, 1.0),
        lambda: assert_close(A.T, A),
        lambda: assert_close([1.0], 1.0),
        lambda: assert_close([2, 1, 0], [0, 1, 2]),
        lambda: assert_close([1.0, 2.0], [1.0, 3.0], alternatives={"x was not centred": [1, 2]}),
        lambda: assert_equal_up_to_sign([3.0, 4.0], [0.6, 0.8]),
        lambda: assert_equal_up_to_scale([1.0, 1.0], [1.0, 0.0]),
        lambda: assert_same_subspace([[1], [0], [0]], PLANE),
        lambda: assert_orthonormal_columns(2 * np.eye(2)),
        lambda: assert_upper_triangular(A),
        lambda: assert_symmetric(A),
    ]
    for check in failures:
        text = message(check).lower()
        assert "solution" not in text
        assert "reference" not in text


def test_close_shows_every_digit_when_rounding_hides_the_difference() -> None:
    text = message(lambda: assert_close([1.0000001, 2.0], [1.0, 2.0], rtol=1e-9))
    assert "index 0: expected 1.0, got 1.0000001" in text


def test_labkit_loads_without_matplotlib_or_the_server() -> None:
    code = (
        "import sys, la4ai.labkit.testing\n"
        "extra = sorted(m for m in sys.modules if m.startswith(('matplotlib', 'la4ai.'))\n"
        "    and not m.startswith('la4ai.labkit'))\n"
        "print(extra)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
