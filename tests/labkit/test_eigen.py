"""The eigen comparators accept every legitimate form of an eigen-answer (any order, any
non-zero scale, complex numbers) and reject wrong ones with a message naming the mistake."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from la4ai.labkit.eigen import assert_diagonalization, assert_eigenpairs, assert_same_eigenvalues
from la4ai.labkit.failures import CheckFailed

SYMMETRIC = np.array([[2.0, 1.0], [1.0, 2.0]])  # eigenvalues 3 and 1, on (1, 1) and (1, -1)
ROTATION = np.array([[0.0, -1.0], [1.0, 0.0]])  # eigenvalues ±i


def message(check: Callable[[], None]) -> str:
    with pytest.raises(CheckFailed) as failure:
        check()
    return str(failure.value)


# assert_same_eigenvalues


@pytest.mark.parametrize(
    "got",
    [[3.0, 1.0], [1.0, 3.0], np.array([1 + 0j, 3 + 0j]), (3, 1), [3.0 + 1e-12, 1.0]],
)
def test_eigenvalues_are_accepted_in_any_order_and_as_complex_numbers(got: object) -> None:
    assert_same_eigenvalues(got, [3.0, 1.0])


def test_a_complex_pair_is_accepted_either_way_round() -> None:
    assert_same_eigenvalues([-1j, 1j], [1j, -1j])


def test_wrong_eigenvalues_are_rejected_with_both_sets_shown() -> None:
    text = message(lambda: assert_same_eigenvalues([3.0, 2.0], [3.0, 1.0]))
    assert text.startswith("The eigenvalues are not right.")
    assert "in any order" in text


def test_a_repeated_eigenvalue_must_appear_twice() -> None:
    text = message(lambda: assert_same_eigenvalues([3.0, 3.0], [3.0, 1.0]))
    assert "not right" in text


def test_a_named_misconception_is_recognised() -> None:
    wrong = {"the discriminant has the wrong sign": [4.0, 0.0]}
    text = message(lambda: assert_same_eigenvalues([0.0, 4.0], [3.0, 1.0], alternatives=wrong))
    assert "It looks like the discriminant has the wrong sign." in text


def test_nan_eigenvalues_point_at_a_real_square_root() -> None:
    text = message(lambda: assert_same_eigenvalues([np.nan, np.nan], [1j, -1j]))
    assert "square root of a negative number" in text


def test_real_answers_for_a_complex_pair_are_explained() -> None:
    text = message(lambda: assert_same_eigenvalues([1.0, -1.0], [1j, -1j]))
    assert "complex pair" in text


def test_the_wrong_number_of_eigenvalues_is_rejected() -> None:
    assert "should be 2 numbers" in message(lambda: assert_same_eigenvalues([3.0], [3.0, 1.0]))


# assert_eigenpairs


@pytest.mark.parametrize(
    "vectors",
    [
        np.array([[1.0, 1.0], [1.0, -1.0]]),  # unnormalised
        np.array([[-0.5, 7.0], [-0.5, -7.0]]),  # another scale and sign per column
    ],
)
def test_eigenvectors_are_accepted_at_any_scale_and_sign(vectors: np.ndarray) -> None:
    assert_eigenpairs(SYMMETRIC, [3.0, 1.0], vectors)


def test_complex_eigenvectors_are_accepted_at_a_complex_scale() -> None:
    vectors = np.array([[1.0, 1.0], [-1j, 1j]]) * np.array([2 - 1j, 1j])
    assert_eigenpairs(ROTATION, [1j, -1j], vectors)


def test_eigenvectors_paired_with_the_wrong_eigenvalues_are_rejected() -> None:
    vectors = np.array([[1.0, 1.0], [1.0, -1.0]])
    text = message(lambda: assert_eigenpairs(SYMMETRIC, [1.0, 3.0], vectors))
    assert "Column 0 of the eigenvectors" in text
    assert "is not an eigenvector for the eigenvalue 1" in text


def test_eigenvectors_in_rows_are_recognised() -> None:
    a = np.array([[1.0, 2.0], [0.0, 3.0]])  # eigenvalues 1 on (1, 0) and 3 on (1, 1)
    columns = np.array([[1.0, 1.0], [0.0, 1.0]])
    assert_eigenpairs(a, [1.0, 3.0], columns)
    assert "rows" in message(lambda: assert_eigenpairs(a, [1.0, 3.0], columns.T))


def test_the_zero_vector_is_never_an_eigenvector() -> None:
    text = message(lambda: assert_eigenpairs(SYMMETRIC, [3.0, 1.0], [[0.0, 1.0], [0.0, -1.0]]))
    assert "Column 0 of the eigenvectors is the zero vector" in text


def test_nan_eigenvectors_point_at_a_division_by_zero() -> None:
    text = message(lambda: assert_eigenpairs(SYMMETRIC, [3.0, 1.0], [[np.nan, 1.0], [1.0, -1.0]]))
    assert "division by zero" in text


def test_dependent_eigenvectors_are_rejected_when_a_basis_is_needed() -> None:
    parallel = np.array([[1.0, 2.0], [0.0, 0.0]])
    text = message(lambda: assert_eigenpairs(2 * np.eye(2), [2.0, 2.0], parallel))
    assert "not independent" in text
    assert_eigenpairs(2 * np.eye(2), [2.0, 2.0], parallel, independent=False)


def test_an_eigenvector_matrix_of_the_wrong_shape_is_rejected() -> None:
    text = message(lambda: assert_eigenpairs(SYMMETRIC, [3.0, 1.0], [1.0, 1.0]))
    assert "one eigenvector per column" in text


# assert_diagonalization


def diagonalizable() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    p = np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 2.0]])
    d = np.diag([2.0, -1.0, 3.0])
    return p @ d @ np.linalg.inv(p), p, d


def test_a_diagonalization_is_accepted_with_any_column_scale() -> None:
    a, p, d = diagonalizable()
    assert_diagonalization(a, p, d)
    assert_diagonalization(a, p * np.array([2.0, -1.0, 0.5]), d)


def test_the_inverse_of_the_eigenvector_matrix_is_recognised() -> None:
    a, p, d = diagonalizable()
    assert "P⁻¹ D P is" in message(lambda: assert_diagonalization(a, np.linalg.inv(p), d))


def test_eigenvalues_as_a_vector_are_not_a_diagonal_matrix() -> None:
    a, p, d = diagonalizable()
    assert "diagonal matrix" in message(lambda: assert_diagonalization(a, p, np.diag(d)))


def test_eigenvalues_in_another_order_than_the_columns_are_recognised() -> None:
    a, p, _ = diagonalizable()
    text = message(lambda: assert_diagonalization(a, p, np.diag([-1.0, 2.0, 3.0])))
    assert "not in the same order" in text


def test_a_singular_p_is_rejected() -> None:
    shear = np.array([[1.0, 1.0], [0.0, 1.0]])
    p = np.array([[1.0, -1.0], [0.0, 2e-16]])  # what np.linalg.eig returns for the shear
    assert "not invertible" in message(lambda: assert_diagonalization(shear, p, np.eye(2)))


def test_a_non_diagonal_d_is_rejected() -> None:
    a, p, d = diagonalizable()
    d = d.copy()
    d[0, 1] = 1.0
    assert "off the diagonal" in message(lambda: assert_diagonalization(a, p, d))


def test_a_wrong_factorisation_is_rejected() -> None:
    a, p, d = diagonalizable()
    text = message(lambda: assert_diagonalization(a + np.eye(3) * 0.5, p, d))
    assert "P D P⁻¹ should equal A" in text
