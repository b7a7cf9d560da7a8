"""The bank's judge: each comparison accepts the answers a right tutor may give (any order,
any basis, any scaling, either sign) and rejects the mistakes a wrong one makes."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from la4ai.tutor.evaluation import BankError, BankItem, Verdict, judge, load_bank, summarise
from tests.conftest import REPO

BANK = REPO / "bench" / "tutor_bank.jsonl"
R = math.sqrt(0.5)


def item(kind: str, value: Any = None, **extra: Any) -> BankItem:
    result = {"type": kind} if value is None else {"type": kind, "value": value}
    return BankItem(id="t-01", topic="t", notation="python", q="?", status="answered",
                    result=result, **extra)  # fmt: skip


def declined_item() -> BankItem:
    return BankItem(id="d-01", topic="d", notation="words", q="?", status="declined")


def answer(kind: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    return {"question": "?", "status": "answered", "text": "steps",
            "result": {"type": kind, "value": value}, "verification": None, "sources": [],
            **extra}  # fmt: skip


def declined_answer(text: str) -> dict[str, Any]:
    return {"question": "?", "status": "declined", "text": text, "result": None,
            "verification": None, "sources": []}  # fmt: skip


def verdict(kind: str, got: Any, want: Any, **extra: Any) -> Verdict:
    return judge(answer(kind, got), item(kind, want, **extra))


def assert_wrong(v: Verdict, *words: str) -> None:
    assert v.verdict == "wrong", v
    for word in words:
        assert word in v.reason, v.reason


# --- the bank file ---------------------------------------------------------------------


def test_load_bank_reads_every_line_of_the_committed_bank() -> None:
    items = load_bank(BANK)
    assert len(items) == len(BANK.read_text().splitlines())
    qr = next(i for i in items if i.topic == "qr")
    assert qr.matrix is not None
    assert any(i.orthonormal for i in items if i.topic == "gram-schmidt")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "bank.jsonl:2"),
        ('{"id": "x", "topic": "t", "notation": "python", "q": "?"}', "'expect'"),
        (
            '{"id": "x", "topic": "t", "notation": "cobol", "q": "?", '
            '"expect": {"status": "declined"}}',
            "notation",
        ),
        (
            '{"id": "x", "topic": "t", "notation": "python", "q": "?", '
            '"expect": {"status": "answered"}}',
            "needs expect.result",
        ),
        (
            '{"id": "x", "topic": "qr", "notation": "python", "q": "?", '
            '"expect": {"status": "answered", "result": {"type": "qr"}}}',
            "matrix",
        ),
        (
            '{"id": "a", "topic": "t", "notation": "words", "q": "?", '
            '"expect": {"status": "declined"}}',
            "duplicate id",
        ),
    ],
)
def test_load_bank_names_the_line_of_a_malformed_item(
    tmp_path: Path, line: str, message: str
) -> None:
    good = {
        "id": "a",
        "topic": "t",
        "notation": "words",
        "q": "?",
        "expect": {"status": "declined"},
    }
    path = tmp_path / "bank.jsonl"
    path.write_text(json.dumps(good) + "\n" + line + "\n")
    with pytest.raises(BankError, match=message) as error:
        load_bank(path)
    assert "bank.jsonl:2" in str(error.value)


# --- statuses and types ----------------------------------------------------------------


def test_a_decline_is_correct_when_a_decline_is_expected() -> None:
    assert judge(declined_answer("Not linear algebra."), declined_item()).verdict == "correct"


def test_answering_a_question_that_must_be_declined_is_wrong() -> None:
    assert_wrong(judge(answer("scalar", 1.0), declined_item()), "must be declined")


def test_declining_an_answerable_question_is_declined_with_the_tutors_reason() -> None:
    v = judge(declined_answer("\nI cannot read the matrix.\n"), item("scalar", 1.0))
    assert (v.verdict, v.reason) == ("declined", "I cannot read the matrix.")


def test_a_type_mismatch_is_wrong() -> None:
    assert_wrong(judge(answer("vector", [1.0]), item("scalar", 1.0)), "'vector'", "'scalar'")
    assert_wrong(judge(answer("no_solution"), item("infinite_solutions")), "no_solution")


def test_answered_without_a_result_is_wrong() -> None:
    bare = {"question": "?", "status": "answered", "text": "", "result": None}
    assert_wrong(judge(bare, item("scalar", 1.0)), "without a result")


# --- numbers ---------------------------------------------------------------------------


def test_scalars_match_within_the_tolerance_and_no_further() -> None:
    assert verdict("scalar", 1.0 + 5e-7, 1.0).verdict == "correct"
    assert verdict("scalar", 1e-9, 0.0).verdict == "correct"
    assert_wrong(verdict("scalar", 1.00001, 1.0), "1.00001")
    assert_wrong(verdict("scalar", 1e-7, 0.0))


@pytest.mark.parametrize("bad", [True, "1", None, float("nan"), [1.0, 0.0, 0.0]])
def test_a_scalar_that_is_not_a_number_is_wrong(bad: Any) -> None:
    assert_wrong(verdict("scalar", bad, 1.0), "malformed")


def test_vectors_compare_entry_by_entry_and_by_length() -> None:
    assert verdict("vector", [0.6, 0.8], [0.6, 0.8]).verdict == "correct"
    assert_wrong(verdict("vector", [0.8, 0.6], [0.6, 0.8]), "at [0]")
    assert_wrong(verdict("vector", [0.6, 0.8, 0.0], [0.6, 0.8]), "shape")


def test_a_transposed_matrix_is_wrong() -> None:
    want = [[1.0, 2.0], [3.0, 4.0]]
    assert verdict("matrix", want, want).verdict == "correct"
    assert_wrong(verdict("matrix", [[1.0, 3.0], [2.0, 4.0]], want), "at [0, 1]")
    assert_wrong(verdict("matrix", [[1.0, 2.0], [3.0]], want), "malformed")


def test_polynomials_compare_coefficients_highest_degree_first() -> None:
    want = [1.0, -3.0, 2.0]
    assert verdict("polynomial", [1.0, -3.0, 2.0], want).verdict == "correct"
    assert_wrong(verdict("polynomial", [2.0, -3.0, 1.0], want))  # lowest degree first
    assert_wrong(verdict("polynomial", [-1.0, 3.0, -2.0], want))  # det(A − λI) for odd sizes
    assert_wrong(verdict("polynomial", [1.0, -3.0], want), "degree 1")


def test_booleans_must_be_exactly_true_or_false() -> None:
    assert verdict("boolean", True, True).verdict == "correct"
    assert_wrong(verdict("boolean", False, True), "false, expected true")
    assert_wrong(verdict("boolean", 1, True), "malformed")


def test_solutions_compare_the_unknowns_named_and_their_values() -> None:
    want = {"x": 3.0, "y": 3.0}
    assert verdict("solution", {"y": 3.0, "x": 3.0}, want).verdict == "correct"
    assert_wrong(verdict("solution", {"x": 3.0, "y": 2.0}, want), "y")
    assert_wrong(verdict("solution", {"x": 3.0}, want), "unknowns")
    assert_wrong(verdict("solution", {"a": -2.0, "b": -1.0}, {"a": -2.0}), "unknowns")
    assert verdict("solution", {"x": [-4.0, 4.5]}, {"x": [-4.0, 4.5]}).verdict == "correct"
    assert_wrong(verdict("solution", {"x": [4.5, -4.0]}, {"x": [-4.0, 4.5]}), "x at [0]")


def test_valueless_results_need_only_the_type() -> None:
    assert judge(answer("no_inverse"), item("no_inverse")).verdict == "correct"
    assert_wrong(judge(answer("matrix", [[1.0]]), item("no_inverse")), "type")


# --- multisets -------------------------------------------------------------------------


def test_multisets_match_in_any_order_with_complex_values() -> None:
    want = [[0.0, -2.0], [0.0, 2.0]]
    assert verdict("multiset", [[0.0, 2.0], [0.0, -2.0]], want).verdict == "correct"
    assert verdict("multiset", [3.0, -1.0], [-1.0, 3.0]).verdict == "correct"
    assert verdict("multiset", [[3.0, 0.0], -1.0], [-1.0, 3.0]).verdict == "correct"


def test_a_multiset_with_the_wrong_multiplicity_is_wrong() -> None:
    assert_wrong(verdict("multiset", [2.0, 3.0, 3.0], [2.0, 2.0, 3.0]), "missing")
    assert_wrong(verdict("multiset", [2.0, 3.0], [2.0, 2.0, 3.0]), "multiplicity")


def test_a_complex_pair_given_as_its_real_part_is_wrong() -> None:
    assert_wrong(verdict("multiset", [2.0, 2.0], [[2.0, 1.0], [2.0, -1.0]]), "missing")
    assert_wrong(verdict("multiset", [[2.0, 1.0], [2.0, 1.0]], [[2.0, 1.0], [2.0, -1.0]]))


# --- subspaces -------------------------------------------------------------------------


def test_any_basis_of_the_right_space_is_correct() -> None:
    want = [[-2.0, 1.0, 0.0, 0.0], [1.0, 0.0, -3.0, 1.0]]
    other = [[-1.0, 1.0, -3.0, 1.0], [4.0, -2.0, 0.0, 0.0]]  # sums and multiples of those
    assert verdict("subspace", other, want).verdict == "correct"


def test_a_basis_of_another_space_is_wrong() -> None:
    want = [[-2.0, 1.0, 0.0, 0.0], [1.0, 0.0, -3.0, 1.0]]
    assert_wrong(verdict("subspace", [[-2.0, 1.0, 0.0, 0.0], [1.0, 0.0, 3.0, 1.0]], want), "span")


def test_a_basis_with_too_few_or_dependent_vectors_is_wrong() -> None:
    want = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    assert_wrong(verdict("subspace", [[1.0, 0.0, 0.0]], want), "dimension 1, expected 2")
    assert_wrong(
        verdict("subspace", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]], want),
        "not independent",
    )


def test_the_trivial_subspace_is_the_empty_basis() -> None:
    assert verdict("subspace", [], []).verdict == "correct"
    assert_wrong(verdict("subspace", [[0.0, 0.0]], []), "not independent")
    assert_wrong(verdict("subspace", [[1.0, 0.0]], []), "dimension 1, expected 0")
    assert_wrong(verdict("subspace", [], [[1.0, 1.0]]), "dimension 0, expected 1")


def test_gram_schmidt_must_be_orthonormal_and_keep_the_order_of_the_spans() -> None:
    want = [[R, R, 0.0], [0.0, 0.0, 1.0]]
    flipped = [[-R, -R, 0.0], [0.0, 0.0, -1.0]]
    assert verdict("subspace", flipped, want, orthonormal=True).verdict == "correct"
    assert_wrong(
        verdict("subspace", [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]], want, orthonormal=True),
        "orthonormal",
    )
    swapped = [[0.0, 0.0, 1.0], [R, R, 0.0]]  # orthonormal, same span, wrong order
    assert verdict("subspace", swapped, want).verdict == "correct"
    assert_wrong(verdict("subspace", swapped, want, orthonormal=True), "span of the first 1")


# --- eigenpairs ------------------------------------------------------------------------


def pairs(*items: tuple[Any, list[list[Any]]]) -> list[dict[str, Any]]:
    return [{"eigenvalue": value, "eigenvectors": vectors} for value, vectors in items]


def test_eigenvectors_in_any_scaling_and_order_are_correct() -> None:
    want = pairs((1.0, [[-1.0, 1.0]]), (3.0, [[1.0, 1.0]]))
    got = pairs((3.0, [[-2.5, -2.5]]), (1.0, [[R, -R]]))
    assert verdict("eigenpairs", got, want).verdict == "correct"


def test_an_eigenvector_paired_with_the_wrong_eigenvalue_is_wrong() -> None:
    want = pairs((1.0, [[-1.0, 1.0]]), (3.0, [[1.0, 1.0]]))
    got = pairs((1.0, [[1.0, 1.0]]), (3.0, [[-1.0, 1.0]]))
    assert_wrong(verdict("eigenpairs", got, want), "eigenspace of 1")


def test_a_missing_or_extra_eigenvalue_is_wrong() -> None:
    want = pairs((1.0, [[-1.0, 1.0]]), (3.0, [[1.0, 1.0]]))
    assert_wrong(verdict("eigenpairs", pairs((1.0, [[-1.0, 1.0]])), want), "eigenvalue 3")
    extra = [*want, *pairs((5.0, [[1.0, 0.0]]))]
    assert_wrong(verdict("eigenpairs", extra, want), "[5] are not eigenvalues")


def test_a_repeated_eigenvalue_needs_its_whole_eigenspace() -> None:
    want = pairs((2.0, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), (3.0, [[0.0, 0.0, 1.0]]))
    split = pairs((2.0, [[1.0, 1.0, 0.0]]), (2.0, [[1.0, -1.0, 0.0]]), (3.0, [[0.0, 0.0, 4.0]]))
    assert verdict("eigenpairs", split, want).verdict == "correct"
    half = pairs((2.0, [[1.0, 0.0, 0.0]]), (3.0, [[0.0, 0.0, 1.0]]))
    assert_wrong(verdict("eigenpairs", half, want), "dimension 1, expected 2")


def test_a_defective_matrix_has_fewer_eigenvectors_than_its_size() -> None:
    want = pairs((1.0, [[1.0, 0.0]]))  # the shear [[1, 1], [0, 1]]
    assert_wrong(verdict("eigenpairs", pairs((1.0, [[1.0, 0.0], [0.0, 1.0]])), want), "dimension")


def test_complex_eigenvectors_match_up_to_a_complex_factor() -> None:
    # [[0, -1], [1, 0]]: (i, 1) for i; times -i it is (1, -i)
    want = pairs(([0.0, 1.0], [[[0.0, 1.0], [1.0, 0.0]]]), ([0.0, -1.0], [[[0.0, -1.0], 1.0]]))
    got = pairs(([0.0, -1.0], [[1.0, [0.0, 1.0]]]), ([0.0, 1.0], [[1.0, [0.0, -1.0]]]))
    assert verdict("eigenpairs", got, want).verdict == "correct"
    conjugated = pairs(([0.0, -1.0], [[1.0, [0.0, -1.0]]]), ([0.0, 1.0], [[1.0, [0.0, 1.0]]]))
    assert_wrong(verdict("eigenpairs", conjugated, want), "eigenspace")


# --- QR --------------------------------------------------------------------------------

A = [[3.0, 1.0], [4.0, 2.0]]
Q = [[0.6, -0.8], [0.8, 0.6]]
RR = [[5.0, 2.2], [0.0, 0.4]]


def qr_verdict(q: Any, r: Any, matrix: list[list[float]] = A) -> Verdict:
    return verdict("qr", {"Q": q, "R": r}, {"Q": Q, "R": RR}, matrix=matrix)


def test_a_qr_of_the_questions_matrix_is_correct_with_either_signs() -> None:
    assert qr_verdict(Q, RR).verdict == "correct"
    assert qr_verdict([[0.6, 0.8], [0.8, -0.6]], [[5.0, 2.2], [0.0, -0.4]]).verdict == "correct"


def test_flipping_a_sign_in_q_alone_is_wrong() -> None:
    assert_wrong(qr_verdict([[0.6, 0.8], [0.8, -0.6]], RR), "QR (the question's matrix)")


def test_q_must_be_orthonormal_and_r_upper_triangular() -> None:
    assert_wrong(qr_verdict(A, [[1.0, 0.0], [0.0, 1.0]]), "orthonormal")
    assert_wrong(qr_verdict([[1.0, 0.0], [0.0, 1.0]], A), "upper triangular")
    assert_wrong(qr_verdict(Q, RR, matrix=[[3.0, 1.0], [4.0, 3.0]]), "question's matrix")


def test_reduced_and_full_qr_of_a_tall_matrix_are_both_correct() -> None:
    tall = [[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    s, t = math.sqrt(2), math.sqrt(6)
    q = [[1 / s, 1 / t], [1 / s, -1 / t], [0.0, 2 / t]]
    r = [[s, 1 / s], [0.0, math.sqrt(1.5)]]
    assert qr_verdict(q, r, matrix=tall).verdict == "correct"
    third = [-1 / math.sqrt(3), 1 / math.sqrt(3), 1 / math.sqrt(3)]
    full_q = [[*row, x] for row, x in zip(q, third, strict=True)]
    assert qr_verdict(full_q, [*r, [0.0, 0.0]], matrix=tall).verdict == "correct"
    assert_wrong(qr_verdict(q, [*r, [0.0, 0.0]], matrix=tall), "no QR")


# --- conceptual answers ----------------------------------------------------------------


def text_answer(*modules: str, text: str = "Because …") -> dict[str, Any]:
    sources = [{"module": m, "title": "t", "url": f"/modules/{m}"} for m in modules]
    return {**answer("text", text), "text": text, "sources": sources}


def test_a_conceptual_answer_must_cite_one_of_the_expected_modules() -> None:
    want = item("text", modules=("pca", "eigenvectors"))
    assert judge(text_answer("vectors", "eigenvectors"), want).verdict == "correct"
    assert_wrong(judge(text_answer("vectors"), want), "cite none")
    assert_wrong(judge(text_answer(), want), "cite none")
    assert_wrong(judge(text_answer("pca", text=" "), want), "no text")


# --- the report ------------------------------------------------------------------------


def test_summarise_counts_by_verdict_and_topic_with_latency_percentiles() -> None:
    verdicts = [
        Verdict("a-01", "a", "correct"),
        Verdict("a-02", "a", "wrong", "value: 2, expected 1"),
        Verdict("b-01", "b", "declined", "cannot read"),
        Verdict("b-02", "b", "correct"),
    ]
    report = summarise(verdicts, [0.010, 0.020, 0.030, 0.100])
    assert (report["questions"], report["correct"], report["declined"], report["wrong"]) == (
        4, 2, 1, 1,
    )  # fmt: skip
    assert (report["correct_pct"], report["wrong_pct"]) == (50.0, 25.0)
    assert report["by_topic"]["a"] == {"questions": 2, "correct": 1, "declined": 0, "wrong": 1}
    assert report["latency"]["p50_ms"] == pytest.approx(25.0)
    assert report["latency"]["p95_ms"] == pytest.approx(89.5)
    assert [row["id"] for row in report["not_correct"]] == ["a-02", "b-01"]
    assert report["not_correct"][0]["reason"] == "value: 2, expected 1"


def test_summarise_without_latencies_reports_none() -> None:
    assert summarise([Verdict("a-01", "a", "correct")])["latency"] is None
