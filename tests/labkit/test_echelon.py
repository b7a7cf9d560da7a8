"""Row-reduction comparators accept every matrix in (reduced) row echelon form and name the
rule a wrong one breaks: a zero row above a nonzero one, a pivot out of step, a pivot not
scaled to 1, an entry above a pivot left standing, pivot columns listed wrong."""

from __future__ import annotations

import numpy as np
import pytest

from la4ai.labkit.echelon import (
    assert_pivot_columns_cleared,
    assert_pivots_are_one,
    assert_reduced_row_echelon,
    assert_row_echelon,
    leading_columns,
)
from la4ai.labkit.failures import CheckFailed

RREF = np.array([[1.0, 2.0, 0.0, 3.0], [0.0, 0.0, 1.0, -1.0], [0.0, 0.0, 0.0, 0.0]])


def test_leading_columns_skip_round_off_and_mark_zero_rows() -> None:
    r = np.array([[1e-12, 1.0, 2.0], [0.0, 0.0, 0.0], [0.0, 0.0, 3.0]])
    assert leading_columns(r) == [1, None, 2]


@pytest.mark.parametrize(
    "r",
    [
        RREF,
        np.eye(3),
        np.zeros((2, 3)),
        np.array([[0.0, 1.0, 5.0, 0.0], [0.0, 0.0, 0.0, 1.0]]),
        RREF + 1e-12,  # round-off within the tolerance
        RREF.tolist(),
    ],
)
def test_accepts_a_reduced_row_echelon_form(r: object) -> None:
    assert_reduced_row_echelon(r)


def test_accepts_the_right_pivot_columns_as_ints_or_an_array() -> None:
    assert_reduced_row_echelon(RREF, [0, 2])
    assert_reduced_row_echelon(RREF, np.array([0, 2]))


def test_rejects_a_zero_row_above_a_nonzero_one() -> None:
    r = RREF[[0, 2, 1]]
    with pytest.raises(CheckFailed, match="row 1 is all zeros but row 2 below it is not"):
        assert_row_echelon(r)


def test_rejects_pivots_that_do_not_move_right() -> None:
    r = np.array([[1.0, 2.0, 0.0], [1.0, 0.0, 1.0]])
    with pytest.raises(
        CheckFailed, match=r"row 1 starts in column 0.*pivot of row 0 is in column 0"
    ):
        assert_reduced_row_echelon(r)


def test_rejects_a_pivot_that_is_not_one() -> None:
    r = np.array([[1.0, 0.0, 2.0], [0.0, 4.0, 8.0]])
    assert_row_echelon(r)  # it is an echelon form, only not a reduced one
    with pytest.raises(CheckFailed, match=r"pivot of row 1 of R \(column 1\) is 4.0, not 1"):
        assert_pivots_are_one(r)
    with pytest.raises(CheckFailed, match="divided by its pivot"):
        assert_reduced_row_echelon(r)


def test_rejects_an_entry_left_above_a_pivot() -> None:
    r = np.array([[1.0, 3.0, 2.0], [0.0, 1.0, 5.0]])
    assert_pivots_are_one(r)
    with pytest.raises(CheckFailed, match=r"Entry \(0, 1\) of R, above the pivot in row 1, is 3.0"):
        assert_pivot_columns_cleared(r)
    with pytest.raises(CheckFailed, match="clears the entries above each pivot"):
        assert_reduced_row_echelon(r)


def test_an_entry_below_a_pivot_is_named_too() -> None:
    r = np.array([[1.0, 0.0], [2.0, 0.0]])
    with pytest.raises(CheckFailed, match=r"Entry \(1, 0\) of R, below the pivot in row 0"):
        assert_pivot_columns_cleared(r)


@pytest.mark.parametrize("pivots", [[0, 1], [0], [0, 2, 3], [2, 0]])
def test_rejects_pivot_columns_that_do_not_match_the_leading_ones(pivots: list[int]) -> None:
    with pytest.raises(CheckFailed, match=r"are not where the leading 1s of R are \(\[0, 2\]\)"):
        assert_reduced_row_echelon(RREF, pivots)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.array([1.0, 0.0]), "should be a 2-D array"),
        ("R", "should be a matrix of numbers"),
        ([[1, 2], [3]], "could not be read as a matrix"),
    ],
)
def test_rejects_what_is_not_a_matrix(value: object, message: str) -> None:
    with pytest.raises(CheckFailed, match=message):
        assert_reduced_row_echelon(value)


def test_rejects_pivots_that_are_not_column_numbers() -> None:
    with pytest.raises(CheckFailed, match="should be a list of column numbers"):
        assert_reduced_row_echelon(RREF, ["a", "b"])
