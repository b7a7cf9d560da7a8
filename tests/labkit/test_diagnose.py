"""Each diagnosis recognises its mistake, and stays silent on right answers and on other
mistakes."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from la4ai.labkit.diagnose import (
    diagnose,
    diagnose_alternatives,
    diagnose_off_by_one,
    diagnose_reversed,
    diagnose_scaled,
    diagnose_sign_flip,
    diagnose_transposed,
    diagnose_truncated,
)

A = np.array([[1.0, 2.0], [3.0, 4.0]])
Diagnosis = Callable[..., str | None]


@pytest.mark.parametrize(
    ("diagnosis", "got", "expected", "words"),
    [
        (diagnose_transposed, A.T, A, "transpose"),
        (diagnose_transposed, np.arange(6).reshape(3, 2), np.arange(6).reshape(3, 2).T, "swapped"),
        (diagnose_sign_flip, -A, A, "opposite sign"),
        (diagnose_scaled, [1.0, 2.0], np.array([1.0, 2.0]) / np.sqrt(5), "factor of 2.236"),
        (diagnose_scaled, [0.5, 1.0], [1.0, 2.0], "factor of 0.5"),
        (diagnose_truncated, [1, 2], [1.5, 2.7], "whole numbers"),
        (diagnose_truncated, [-2.0, 2.0], [-1.5, 2.7], "whole numbers"),  # floor
        (diagnose_reversed, [2, 0, 1], [1, 0, 2], "reverse order"),
        (diagnose_off_by_one, [1, 4, 3], [0, 3, 2], "one too high"),
        (diagnose_off_by_one, [0, 3], [1, 4], "one too low"),
    ],
)
def test_diagnosis_names_its_mistake(
    diagnosis: Diagnosis, got: object, expected: object, words: str
) -> None:
    found = diagnosis(got, expected)
    assert found is not None
    assert words in found


@pytest.mark.parametrize(
    ("diagnosis", "got", "expected"),
    [
        (diagnose_transposed, A, A),
        (diagnose_transposed, A + A.T, A + A.T),  # symmetric: transposing changes nothing
        (diagnose_transposed, [[9.0, 9.0], [9.0, 9.0]], A),
        (diagnose_sign_flip, [0.0, 0.0], [0.0, 0.0]),
        (diagnose_sign_flip, [1.0, 2.0], [1.0, 2.0]),
        (diagnose_scaled, [1.0, 2.0], [1.0, 2.0]),
        (diagnose_scaled, [-1.0, -2.0], [1.0, 2.0]),  # a sign flip, diagnosed as such
        (diagnose_scaled, [1.0, 3.0], [1.0, 2.0]),
        (diagnose_scaled, [0.0, 0.0], [1.0, 2.0]),
        (diagnose_truncated, [1.0, 2.0], [1.0, 2.0]),
        (diagnose_truncated, [1.0, 2.0], [1.5, 3.5]),
        (diagnose_reversed, [1, 0, 1], [1, 0, 1]),  # a palindrome reads the same reversed
        (diagnose_reversed, [2, 1, 0], [0, 2, 1]),
        (diagnose_off_by_one, 3, 2),  # single numbers (a rank, a count) are not indices
        (diagnose_off_by_one, [1.0, 2.0], [0.0, 1.0]),  # float values are not indices
        (diagnose_off_by_one, [1, 3], [0, 3]),
        (diagnose_off_by_one, "ab", [0, 1]),
    ],
)
def test_diagnosis_is_silent_otherwise(diagnosis: Diagnosis, got: object, expected: object) -> None:
    assert diagnosis(got, expected) is None


def test_alternatives_name_the_matching_misconception() -> None:
    a, b = A, np.array([[0.0, 1.0], [1.0, 1.0]])
    alternatives = {
        "the data was not centred": [[5.0, 5.0], [5.0, 5.0]],
        "the matrices were multiplied in the wrong order": b @ a,
    }
    found = diagnose_alternatives(b @ a, alternatives)
    assert found == "It looks like the matrices were multiplied in the wrong order."
    assert diagnose_alternatives(a @ b, alternatives) is None
    assert diagnose_alternatives([1.0], alternatives) is None  # shape mismatch: no match


def test_diagnose_prefers_alternatives_over_built_in_diagnoses() -> None:
    found = diagnose(-A, A, alternatives={"the subtraction was reversed": -A})
    assert found == "It looks like the subtraction was reversed."
    assert diagnose(-A, A) is not None
    assert "opposite sign" in (diagnose(-A, A) or "")


def test_diagnose_returns_none_for_an_unrecognised_mistake() -> None:
    assert diagnose([0.3, 0.1], [0.7, 1.9]) is None
    assert diagnose("abc", [1.0]) is None
