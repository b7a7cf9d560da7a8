"""The tutor's regression test: the whole question bank through ``la4ai ask --batch --json``.

The CLI runs once, as a learner's terminal would run it; every line it prints must match
the published contract, no answer may be wrong and at least 95% must be correct. The
bank itself must be up to date with ``bench/make_tutor_bank.py`` and cover what the issue
asks for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from la4ai.tutor.evaluation import BankItem, Verdict, judge, load_bank
from tests.conftest import REPO

pytestmark = pytest.mark.timeout(900)  # the module fixture answers the whole bank

BANK = REPO / "bench" / "tutor_bank.jsonl"
SCHEMA = json.loads((REPO / "tests" / "contracts" / "ask.schema.json").read_text())
TARGET_CORRECT_PCT = 95.0

TOPICS = (
    "determinant", "inverse", "product", "power", "transpose", "trace",
    "rank", "rref", "null-space", "column-space", "linear-system", "matrix-system",
    "least-squares", "projection", "projection-matrix",
    "eigenvalues", "eigenvectors", "characteristic-polynomial", "diagonalizability",
    "singular-values", "condition-number", "qr", "gram-schmidt",
    "dot", "cross", "norm", "angle", "distance", "cosine-similarity", "normalization",
    "independence", "span-membership", "orthogonality", "positive-definite", "invertibility",
    "lora", "quantization", "softmax", "attention", "conceptual",
)  # fmt: skip
MODULES = {
    "vectors", "transformations", "gaussian-elimination", "span-and-basis", "determinants",
    "kernel-and-image", "eigenvectors", "pca",
}  # fmt: skip


@pytest.fixture(scope="module")
def items() -> list[BankItem]:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every line ``la4ai ask --batch BANK --json`` prints, decoded."""
    data = tmp_path_factory.mktemp("data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    env.update(LA4AI_DATA_DIR=str(data))
    done = subprocess.run(
        [str(Path(sys.executable).with_name("la4ai")), "ask", "--batch", str(BANK), "--json"],
        capture_output=True, text=True, env=env, timeout=840, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def verdicts(items: list[BankItem], answers: list[dict[str, Any]]) -> list[Verdict]:
    assert len(answers) == len(items), "one answer per question, in order"
    return [judge(answer, item) for answer, item in zip(answers, items, strict=True)]


def report(items: list[BankItem], verdicts: list[Verdict]) -> str:
    questions = {item.id: item.q for item in items}
    lines = [
        f"{v.verdict.upper():8} {v.item_id}: {questions[v.item_id]}\n         {v.reason}"
        for v in verdicts
        if v.verdict != "correct"
    ]
    return "\n".join(lines)


def test_every_answer_line_matches_the_contract(
    items: list[BankItem], answers: list[dict[str, Any]]
) -> None:
    assert len(answers) == len(items)
    for item, answer in zip(items, answers, strict=True):
        jsonschema.validate(answer, SCHEMA)
        assert answer["question"] == item.q, f"{item.id}: answers out of order"


def test_no_answer_is_wrong(items: list[BankItem], verdicts: list[Verdict]) -> None:
    wrong = [v for v in verdicts if v.verdict == "wrong"]
    assert not wrong, f"{len(wrong)} wrong answers:\n" + report(items, wrong)


def test_at_least_95_percent_are_correct(items: list[BankItem], verdicts: list[Verdict]) -> None:
    correct = sum(v.verdict == "correct" for v in verdicts)
    pct = 100 * correct / len(verdicts)
    assert pct >= TARGET_CORRECT_PCT, (
        f"{correct}/{len(verdicts)} correct ({pct:.1f}% < {TARGET_CORRECT_PCT:g}%); "
        "not correct:\n" + report(items, verdicts)
    )


def test_the_committed_bank_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.make_tutor_bank", "--check"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_bank_covers_every_topic_notation_decline_and_module(items: list[BankItem]) -> None:
    assert len(items) >= 150
    per_topic = Counter(item.topic for item in items)
    thin = {topic: per_topic[topic] for topic in TOPICS if per_topic[topic] < 3}
    assert not thin, f"topics with fewer than 3 questions: {thin}"
    notations = Counter(item.notation for item in items)
    assert set(notations) == {"python", "matlab", "latex", "words"}
    for notation in ("python", "matlab", "latex"):  # spread across topics, not bunched
        topics = {item.topic for item in items if item.notation == notation}
        assert len(topics) >= 15, f"{notation} appears in only {len(topics)} topics"
    declines = [item for item in items if item.status == "declined"]
    assert len(declines) >= 12
    assert {item.topic for item in declines} == {"off-topic", "ill-posed"}
    conceptual = [item for item in items if item.result and item.result["type"] == "text"]
    assert len(conceptual) >= 10
    for item in conceptual:
        assert set(item.modules) <= MODULES, f"{item.id} cites unknown modules {item.modules}"


def test_the_bank_has_the_hard_cases(items: list[BankItem]) -> None:
    """Singular matrices, the three kinds of systems, complex and repeated eigenvalues,
    defective matrices, float and fraction inputs, and sizes from 2×2 to 5×5."""
    types = Counter(item.result["type"] for item in items if item.result)
    assert types["no_inverse"] >= 2
    assert types["no_solution"] >= 2
    assert types["infinite_solutions"] >= 2
    values: dict[str, Any] = {i.id: i.result.get("value") for i in items if i.result}
    eigenvalues = [values[item.id] for item in items if item.topic == "eigenvalues"]
    assert any(any(isinstance(x, list) for x in found) for found in eigenvalues)  # complex
    assert any(len(set(map(str, found))) < len(found) for found in eigenvalues)  # repeated
    defective = [i for i in items if i.topic == "diagonalizability" and values[i.id] is False]
    assert len(defective) >= 2
    assert any("5x5" in item.q or item.q.count(";") == 4 for item in items)
    assert any("0.5" in item.q for item in items)
    assert any("1/2" in item.q for item in items)


def test_the_banks_own_answers_are_judged_correct(items: list[BankItem]) -> None:
    """The expected answers, given back as answers, pass the judge (QR against the
    question's matrix, Gram–Schmidt orthonormal): the bank is consistent with itself."""
    for item in items:
        if item.result is None or item.result["type"] == "text":
            continue
        answer = {"status": "answered", "text": "", "result": item.result, "sources": []}
        assert judge(answer, item).verdict == "correct", item.id
